"""Readers: files and folders of .txt/.md articles in, Articles or problems out."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .clean import Article, ArticleError, clean

SUFFIXES = (".txt", ".md")
MAX_BYTES = 20_000_000
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def find_articles(inputs: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into article paths, sorted for determinism."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for item in inputs:
        if item.is_dir():
            paths.extend(p for p in sorted(item.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif item.is_file():
            paths.append(item)
        else:
            problems.append(Problem(str(item), "no such file or folder"))
    seen, unique = set(), []
    for p in paths:
        real = p.resolve()
        if real not in seen:
            seen.add(real)
            unique.append(p)
    return unique, problems


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text, with the encoding used; raise ArticleError for binary data."""
    if any(data.startswith(m) for m in BINARY_MAGIC):
        raise ArticleError("binary file (not text)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    sample = data[:4096]
    if sample and sum(b < 9 or 13 < b < 32 for b in sample) / len(sample) > 0.05:
        raise ArticleError("binary file (not text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata for an article that carries none: `<stem>.meta.json` beside it."""
    side = path.with_name(path.stem + ".meta.json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArticleError(f"unreadable sidecar {side.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ArticleError(f"sidecar {side.name} is not a JSON object")
    return {str(k).lower(): str(v) for k, v in data.items() if v is not None}


def read_article(path: Path, cache=None) -> Article:
    """One article, cleaned; `cache` (kg.cache.Cache) skips the cleaning of a file read before, byte for byte."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"unreadable: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ArticleError("empty file")
    side = path.with_name(path.stem + ".meta.json")
    key = None
    if cache is not None:
        try:
            side_bytes = side.read_bytes() if side.exists() else b""
        except OSError:
            side_bytes = b"?"
        key = cache.raw_key(str(path), data, side_bytes)
        hit = cache.get_article(key)
        if hit is not None:
            return hit
    text, encoding = decode(data)
    article = clean(text, path.stem, read_sidecar(path), str(path))
    article.meta.setdefault("encoding", encoding)
    if key is not None:
        cache.put_article(key, article)
    return article


def read_articles(inputs: list[Path], cache=None) -> tuple[list[Article], list[Problem]]:
    """Read every article; a bad one becomes a Problem and the rest still build."""
    paths, problems = find_articles(inputs)
    articles: list[Article] = []
    stems: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path in paths:
        try:
            art = read_article(path, cache)
        except ArticleError as exc:
            problems.append(Problem(str(path), str(exc)))
            continue
        if art.stem in stems:
            problems.append(Problem(str(path), f"same file name as {stems[art.stem]}; skipped"))
            continue
        if art.text in texts:
            problems.append(Problem(str(path), f"duplicate of {texts[art.text]}; skipped"))
            continue
        stems[art.stem] = texts[art.text] = str(path)
        articles.append(art)
    return articles, problems
