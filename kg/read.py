"""Readers: files and folders of articles in, Articles and problems out.

What archives are made of: plain text and Markdown (with YAML or TOML front
matter), HTML pages, JSON Lines and JSON news dumps (one article per record),
each of them possibly gzip-compressed. Every file found is read, or reported
once: a bad one as a problem naming it, a type the build does not read in one
summary line.
"""
from __future__ import annotations

import collections
import gzip
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .clean import Article, ArticleError, clean, normalise_meta

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                 ".htm": "html", ".xhtml": "html"}
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
MAX_BYTES = 20_000_000             # one article
MAX_DUMP_BYTES = 2_000_000_000     # one JSON Lines dump (read line by line)
MAX_JSON_BYTES = 200_000_000       # one JSON document (read whole)
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\xd0\xcf\x11\xe0",
                b"MZ", b"\x1f\x8b")


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Fields:
    """Where a JSON record keeps each part of an article: the first field present wins."""
    text: tuple[str, ...] = ("text", "body", "content", "article", "story", "full_text", "maintext")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published", "published_at", "publish_date", "pubdate", "date_publish",
                             "datetime", "timestamp")
    url: tuple[str, ...] = ("url", "link", "source_url")
    id: tuple[str, ...] = ("id", "guid", "uuid", "doc_id", "_id", "article_id")
    author: tuple[str, ...] = ("author", "authors", "byline")
    publisher: tuple[str, ...] = ("publisher", "source", "source_domain", "site")


def kind_of(path: Path) -> tuple[str | None, bool]:
    """(reader kind, gzip-compressed) of a file by its name; kind None for types the build does not read."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    if name.endswith(".meta.json"):
        return None, gz
    suffix = os.path.splitext(name)[1]
    return TEXT_SUFFIXES.get(suffix) or RECORD_SUFFIXES.get(suffix), gz


def _bare(name: str) -> str:
    """A file name without the suffixes the reader understands ('story.txt.gz' -> 'story')."""
    if name.lower().endswith(".gz"):
        name = name[:-3]
    root, ext = os.path.splitext(name)
    return root if ext.lower() in TEXT_SUFFIXES or ext.lower() in RECORD_SUFFIXES else name


@dataclass(frozen=True)
class Found:
    path: Path
    stem: str          # the path relative to the input folder, without suffixes ('2004-08-27/story')
    kind: str
    gz: bool


def find_articles(inputs: list[Path]) -> tuple[list[Found], list[Problem], list[str]]:
    """Expand files and folders (following symbolic links, never twice) into readable files, sorted for
    determinism; returns them, problems (missing inputs, unreadable folders) and notes (ignored types)."""
    found: list[Found] = []
    problems: list[Problem] = []
    ignored: collections.Counter = collections.Counter()
    seen: set[str] = set()
    for item in inputs:
        if item.is_dir():
            for path, rel in _walk(item, problems):
                kind, gz = kind_of(path)
                if kind is None:
                    if not path.name.lower().endswith(".meta.json"):
                        ignored[os.path.splitext(path.name)[1].lower() or "(no suffix)"] += 1
                    continue
                real = os.path.realpath(path)
                if real not in seen:
                    seen.add(real)
                    found.append(Found(path, "/".join([*rel[:-1], _bare(rel[-1])]), kind, gz))
        elif item.is_file():
            kind, gz = kind_of(item)
            real = os.path.realpath(item)
            if real not in seen:
                seen.add(real)
                found.append(Found(item, _bare(item.name), kind or "text", gz))
        elif item.exists():
            problems.append(Problem(str(item), "not a file or folder"))
        else:
            problems.append(Problem(str(item), "no such file or folder"))
    notes = []
    if ignored:
        kinds = ", ".join(f"{s} ({n})" for s, n in sorted(ignored.items(), key=lambda kv: (-kv[1], kv[0])))
        notes.append(f"ignored {sum(ignored.values())} file(s) of types the build does not read: {kinds}")
    return _unique(found), problems, notes


def _walk(root: Path, problems: list[Problem]) -> Iterator[tuple[Path, list[str]]]:
    """Files under a folder with their path parts relative to it, sorted; unreadable folders are problems."""
    visited: set[str] = set()

    def error(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or root), f"unreadable folder: {exc.strerror or exc}"))

    out = []
    for folder, dirs, files in os.walk(root, onerror=error, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:      # a link back up the tree
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = Path(folder).relative_to(root).parts
        for name in files:
            if not name.startswith("."):
                out.append((Path(folder) / name, [*rel, name]))
    out.sort(key=lambda pr: pr[1])
    return iter(out)


def _unique(found: list[Found]) -> list[Found]:
    """Two files never share an identifier: where stems collide, each takes as much of its path as tells it
    apart ('2004-08-27/story', '2004-08-28/story'), and the file's suffix if that is not enough."""
    by_stem = collections.defaultdict(list)
    for f in found:
        by_stem[f.stem].append(f)
    out = {}
    for stem, group in by_stem.items():
        if len(group) == 1:
            out[id(group[0])] = group[0]
            continue
        parents = [Path(os.path.abspath(f.path)).parts[:-1] for f in group]
        common = 0
        while all(len(p) > common for p in parents) and len({p[common] for p in parents}) == 1:
            common += 1
        names = ["/".join([*p[common:], _bare(f.path.name)]) for p, f in zip(parents, group)]
        if len(set(names)) < len(names):
            names = ["/".join([*p[common:], f.path.name]) for p, f in zip(parents, group)]
        for f, name in zip(group, names):
            out[id(f)] = Found(f.path, name, f.kind, f.gz)
    return [out[id(f)] for f in found]


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text, with the encoding used; raise ArticleError for binary data. Control characters inside
    text are the cleaner's business, not a reason to reject it."""
    if any(data.startswith(m) for m in BINARY_MAGIC):
        raise ArticleError("binary file (not text)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4096]
    utf16 = _utf16(sample)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if sample and sum(b < 9 or 13 < b < 32 for b in sample) / len(sample) > 0.3:
        raise ArticleError("binary file (not text)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _utf16(sample: bytes) -> str | None:
    """UTF-16 without a byte order mark: text in Latin script has a zero in every other byte."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.4 and z_even < 0.05:
        return "utf-16-le"
    if z_even > 0.4 and z_odd < 0.05:
        return "utf-16-be"
    return None


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata for an article that carries none: `<stem>.meta.json` beside it."""
    side = path.with_name(_bare(path.name) + ".meta.json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArticleError(f"unreadable sidecar {side.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ArticleError(f"sidecar {side.name} is not a JSON object")
    return normalise_meta({str(k).lower(): v for k, v in data.items() if v is not None})


def _read_bytes(path: Path, gz: bool, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise ArticleError(f"too large ({size:,} bytes; the limit is {limit:,})")
        if not gz:
            return path.read_bytes()
        with gzip.open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:     # gzip.BadGzipFile is an OSError
        raise ArticleError(f"unreadable: {exc.strerror or exc}") from exc
    except EOFError:
        raise ArticleError("unreadable: the compressed file is truncated") from None
    if len(data) > limit:
        raise ArticleError(f"too large once decompressed (more than {limit:,} bytes)")
    return data


def read_file(found: Found, cache=None) -> Article:
    """One article file, cleaned; `cache` (kg.cache.Cache) skips the cleaning of a file read before, byte for
    byte."""
    data = _read_bytes(found.path, found.gz, MAX_BYTES)
    if not data.strip():
        raise ArticleError("empty file")
    side = found.path.with_name(_bare(found.path.name) + ".meta.json")
    key = None
    if cache is not None:
        try:
            side_bytes = side.read_bytes() if side.exists() else b""
        except OSError:
            side_bytes = b"?"
        key = cache.raw_key(f"{found.path}\0{found.stem}", data, side_bytes)
        hit = cache.get_article(key)
        if hit is not None:
            return hit
    text, encoding = decode(data)
    article = clean(text, found.stem, read_sidecar(found.path), str(found.path), kind=found.kind)
    article.meta.setdefault("encoding", encoding)
    if key is not None:
        cache.put_article(key, article)
    return article


def _field(record: dict, names: tuple[str, ...]):
    lower = {str(k).lower(): k for k in record}
    for name in names:
        key = lower.get(name.lower())
        if key is not None and record[key] not in (None, "", []):
            return record[key]
    return None


def _records(found: Found) -> Iterator[tuple[int, object]]:
    """(line or position, record) of a JSON Lines or JSON dump; a broken line is yielded as its error."""
    if found.kind == "jsonl":
        try:
            size = found.path.stat().st_size
            if size > MAX_DUMP_BYTES:
                raise ArticleError(f"too large ({size:,} bytes; the limit is {MAX_DUMP_BYTES:,})")
            fh = gzip.open(found.path, "rb") if found.gz else found.path.open("rb")
            with fh:
                for n, line in enumerate(io.BufferedReader(fh), 1):
                    if not line.strip():
                        continue
                    if len(line) > MAX_BYTES:
                        yield n, ArticleError(f"too large ({len(line):,} bytes; the limit is {MAX_BYTES:,})")
                        continue
                    try:
                        yield n, json.loads(line)
                    except ValueError as exc:
                        yield n, ArticleError(f"not valid JSON ({exc})")
        except OSError as exc:
            raise ArticleError(f"unreadable: {exc.strerror or exc}") from exc
        except EOFError:
            raise ArticleError("unreadable: the compressed file is truncated") from None
        return
    try:
        data = json.loads(_read_bytes(found.path, found.gz, MAX_JSON_BYTES))
    except ValueError as exc:
        raise ArticleError(f"not valid JSON ({exc})") from None
    if isinstance(data, dict):
        inner = next((data[k] for k in ("articles", "items", "data", "records", "docs", "documents", "results")
                      if isinstance(data.get(k), list)), None)
        data = inner if inner is not None else [data]
    if not isinstance(data, list):
        raise ArticleError("a JSON news dump must hold an object or a list of objects")
    yield from enumerate(data, 1)


_ID_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")


def read_records(found: Found, fields: Fields) -> Iterator[tuple[Article, tuple[str, ...]] | Problem]:
    """The articles of one JSON Lines or JSON dump, each record its own document, with the identifiers it may
    take (its id; the dump's name and its id; those and its line) when an earlier one is taken."""
    where = "line" if found.kind == "jsonl" else "record"
    for n, record in _records(found):
        label = f"{found.path}:{n}" if found.kind == "jsonl" else f"{found.path}[{n}]"
        if isinstance(record, ArticleError):
            yield Problem(label, str(record))
            continue
        if not isinstance(record, dict):
            yield Problem(label, f"{where} {n} is not a JSON object")
            continue
        text = _field(record, fields.text)
        if not isinstance(text, str) or not text.strip():
            yield Problem(label, f"no article text (looked for the field{'s' if len(fields.text) > 1 else ''} "
                                 f"{', '.join(fields.text)}; see --text-field)")
            continue
        ident = _field(record, fields.id)
        stem = _ID_UNSAFE.sub("_", str(ident)).strip("._ ")[:120] if ident is not None else ""
        meta = {key: _field(record, names) for key, names in
                (("title", fields.title), ("date", fields.date), ("url", fields.url), ("author", fields.author),
                 ("publisher", fields.publisher))}
        meta = {k: v for k, v in meta.items() if v is not None}
        try:
            art = clean(text, stem or f"{found.stem}-{n}", None, label, kind="text", meta=meta)
        except ArticleError as exc:
            yield Problem(label, str(exc))
            continue
        art.meta.setdefault("encoding", "utf-8")
        yield art, ((stem, f"{found.stem}/{stem}", f"{found.stem}/{stem}-{n}") if stem else (art.stem,))


def read_articles(inputs: list[Path], cache=None, fields: Fields = Fields()
                  ) -> tuple[list[Article], list[Problem], list[str]]:
    """Read every article; a bad one becomes a Problem and the rest still build. Also returns notes (what
    was ignored) to show the user."""
    found, problems, notes = find_articles(inputs)
    articles: list[Article] = []
    texts: dict[str, str] = {}
    taken = {f.stem for f in found if f.kind not in RECORD_SUFFIXES.values()}
    for f in found:
        try:
            if f.kind in RECORD_SUFFIXES.values():
                items = list(read_records(f, fields))
            else:
                items = [(read_file(f, cache), ())]
        except ArticleError as exc:
            problems.append(Problem(str(f.path), str(exc)))
            continue
        for item in items:
            if isinstance(item, Problem):
                problems.append(item)
                continue
            art, stems = item
            if art.text in texts:
                problems.append(Problem(art.path, f"duplicate of {texts[art.text]}; skipped"))
                continue
            if stems:   # a record: the first identifier no file and no earlier record has
                free = next((s for s in stems if s not in taken), None)
                if free is None:
                    problems.append(Problem(art.path, f"identifier {stems[0]!r} is used twice in this dump; skipped"))
                    continue
                art.stem = free
                taken.add(free)
            texts[art.text] = art.path
            articles.append(art)
    return articles, problems, notes
