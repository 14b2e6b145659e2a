"""The analysis cache: what parsing and extraction made of an article, keyed by content and rule version.

The key hashes the cleaned article (stem, text, metadata, emphasis) together
with a version that covers everything that can change the result: the code and
lexicons of every module upstream of resolution, the spaCy and model versions,
and the extractors chosen. Any change to those invalidates every entry, so a
changed rule never serves stale facts; a changed article invalidates only its
own entry. The cleaned article itself is kept too, keyed by the file's path and
bytes (and its sidecar's), so an unchanged file is not cleaned again.

Entries are data, never code: versioned JSON documents written atomically in
the output folder's `.cache/`, read back field by field into the records they
describe. Anyone who can write that folder can at worst make a build parse an
article again or state what a crafted entry says; nothing in it is ever
executed (a cache of pickles would run whatever a planted one asks). A build
removes the entries it did not use.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

from .analysis import Analysed, Job
from .clean import Article
from .extract.records import Fact, Mention

PACKAGE = Path(__file__).resolve().parent
# modules that run after the per-article stage (or not in a build at all): changing them keeps the cache
DOWNSTREAM = {"resolve.py", "rdf.py", "export.py", "viewer.py", "layout.py", "query.py", "store.py", "validation.py", "cli.py",
              "cache.py", "settings.py", "__main__.py", "viewer.html", "viewer.js", "viewer.css", "aliases.tsv"}
FORMAT = 3   # 1: pickles (never read again); 2: JSON; 3: JSON with claims


def _mention(m: Mention) -> list:
    return [m.start, m.end, m.cls, m.text, m.canonical, m.head, list(m.names), m.new]


def _unmention(v: list) -> Mention:
    start, end, cls, text, canonical, head, names, new = v
    if not (isinstance(start, int) and isinstance(end, int) and all(isinstance(x, str) for x in (cls, text, canonical, head))
            and isinstance(names, list) and all(isinstance(n, str) for n in names) and isinstance(new, bool)):
        raise ValueError("bad mention")
    return Mention(start, end, cls, text, canonical, head, tuple(names), new)


def encode(value: Article | Analysed) -> bytes:
    """A cache entry as JSON: plain values only."""
    if isinstance(value, Article):
        body = {"kind": "article", "stem": value.stem, "text": value.text, "meta": value.meta,
                "emphasis": [list(e) for e in value.emphasis], "path": value.path}
    else:
        table: dict[Mention, int] = {}
        for f in value.facts:
            for m in (f.subj, f.obj, f.claimed_by):
                if m is not None:
                    table.setdefault(m, len(table))
        body = {"kind": "analysed", "stem": value.stem, "mentions": [_mention(m) for m in value.mentions],
                "ends": [_mention(m) for m in table],
                "facts": [[table[f.subj], f.rel, table[f.obj] if f.obj is not None else None, f.value, f.sent_start,
                           f.sent_end, f.extractor, f.confidence, list(f.quote) if f.quote else None,
                           table[f.claimed_by] if f.claimed_by is not None else None, f.polarity]
                          for f in value.facts]}
    return json.dumps({"format": FORMAT, **body}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> Article | Analysed:
    """The record a cache entry describes; ValueError (or TypeError) for anything else."""
    body = json.loads(data)
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ValueError("not a cache entry of this format")
    if body["kind"] == "article":
        meta = body["meta"]
        if not (isinstance(body["stem"], str) and isinstance(body["text"], str) and isinstance(body["path"], str)
                and isinstance(meta, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items())):
            raise ValueError("bad article entry")
        emphasis = [(int(a), int(b)) for a, b in body["emphasis"]]
        return Article(body["stem"], body["text"], meta, emphasis, body["path"])
    if body["kind"] != "analysed" or not isinstance(body["stem"], str):
        raise ValueError("unknown entry kind")
    ends = [_unmention(v) for v in body["ends"]]
    facts = []
    for subj, rel, obj, value, s0, s1, extractor, conf, quote, claimed_by, polarity in body["facts"]:
        if not (isinstance(rel, str) and isinstance(value, str) and isinstance(extractor, str)
                and isinstance(s0, int) and isinstance(s1, int) and isinstance(conf, (int, float))
                and isinstance(polarity, str)):
            raise ValueError("bad fact")
        facts.append(Fact(ends[subj], rel, ends[obj] if obj is not None else None, value, s0, s1, extractor,
                          float(conf), (int(quote[0]), int(quote[1])) if quote else None,
                          ends[claimed_by] if claimed_by is not None else None, polarity))
    return Analysed(body["stem"], [_unmention(v) for v in body["mentions"]], facts)


def _model_version(model: str) -> str:
    try:
        return metadata.version(model.replace("_", "-"))
    except metadata.PackageNotFoundError:
        meta = Path(model) / "meta.json"
        return hashlib.sha256(meta.read_bytes()).hexdigest() if meta.is_file() else "unknown"


def version(job: Job) -> str:
    """Everything besides the article itself that decides what the per-article stage returns."""
    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".tsv", ".json") and path.name not in DOWNSTREAM \
                and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(json.dumps([metadata.version("spacy"), job.model, _model_version(job.model),
                         sorted(job.extractors) if job.extractors else None, job.max_chars]).encode())
    return h.hexdigest()


class Cache:
    def __init__(self, folder: Path, job: Job, defer: bool = False):
        """`defer`: keep new entries in memory until `commit()` (a --strict build that fails writes nothing)."""
        self.folder = folder
        self.version = version(job)
        self.used: set[Path] = set()
        self.pending: list[tuple[str, object]] | None = [] if defer else None

    def key(self, art: Article) -> str:
        data = json.dumps([self.version, art.stem, art.text, art.meta, art.emphasis], sort_keys=True,
                          ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()

    def raw_key(self, path: str, data: bytes, sidecar: bytes) -> str:
        """The key of a file as read (its path, bytes and sidecar), for the cleaned article."""
        h = hashlib.sha256(self.version.encode() + b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(data).digest() + hashlib.sha256(sidecar).digest())
        return "r" + h.hexdigest()     # "r" + hex: never the folder of an analysis entry

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _load(self, key: str, kind: type):
        path = self._path(key)
        self.used.add(path)
        try:
            found = decode(path.read_bytes())
        except (OSError, ValueError, TypeError, KeyError, IndexError):   # missing or damaged: a miss, never an error
            return None
        return found if isinstance(found, kind) else None

    def _store(self, key: str, value) -> None:
        if self.pending is not None:
            self.pending.append((key, value))
            return
        self._write(key, value)

    def commit(self) -> None:
        pending, self.pending = self.pending or [], None
        for key, value in pending:
            self._write(key, value)

    def _write(self, key: str, value) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(encode(value))
            os.replace(tmp, path)
        except OSError:
            return   # a cache that cannot be written only costs time

    def get_article(self, key: str) -> Article | None:
        return self._load(key, Article)

    def put_article(self, key: str, article: Article) -> None:
        self._store(key, article)

    def get(self, art: Article) -> Analysed | None:
        found = self._load(self.key(art), Analysed)
        return found if found is not None and found.stem == art.stem else None

    def put(self, art: Article, result: Analysed) -> None:
        """Store a result (not a failure: a parser or rule bug should be retried once fixed); atomic."""
        if result.error is None:
            self._store(self.key(art), result)

    def prune(self) -> int:
        """Remove entries this build did not use (old versions, deleted or changed articles)."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("*/*"):
            if path not in self.used:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed
