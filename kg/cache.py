"""The analysis cache: what parsing and extraction made of an article, keyed by content and rule version.

The key hashes the cleaned article (stem, text, metadata, emphasis) together
with a version that covers everything that can change the result: the code and
lexicons of every module upstream of resolution, the spaCy and model versions,
and the extractors chosen. Any change to those invalidates every entry, so a
changed rule never serves stale facts; a changed article invalidates only its
own entry. The cleaned article itself is kept too, keyed by the file's path and
bytes (and its sidecar's), so an unchanged file is not cleaned again. Entries are pickles written atomically in the output folder's
`.cache/` (a cache of the user's own build, not a format to exchange), and a
build removes the entries it did not use.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path

from .analysis import Analysed, Job
from .clean import Article

PACKAGE = Path(__file__).resolve().parent
# modules that run after the per-article stage (or not in a build at all): changing them keeps the cache
DOWNSTREAM = {"resolve.py", "rdf.py", "export.py", "viewer.py", "query.py", "store.py", "validation.py", "cli.py",
              "cache.py", "settings.py", "__main__.py", "viewer.html", "viewer.js", "viewer.css", "aliases.tsv"}
FORMAT = 1


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
        return self.folder / key[:2] / f"{key}.pickle"

    def _load(self, key: str, kind: type):
        path = self._path(key)
        self.used.add(path)
        try:
            with path.open("rb") as fh:
                found = pickle.load(fh)
        except Exception:   # missing, or damaged: a miss, never an error
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
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
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
