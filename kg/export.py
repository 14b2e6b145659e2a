"""Writers: Turtle, TriG, HTML, cleaned texts and the resolution report, each written atomically.

Builders return strings; only the write_* functions touch the disk, always
through temporary files in the target folder (all of a build's files are
written and synced first, then renamed into place), so a killed or failing
build leaves the previous outputs intact.
"""
from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import re
import tempfile
from pathlib import Path


from . import rdf, viewer
from .rdf import TYPE, Quads, Statement
from .resolve import Graph

class OutputError(OSError):
    """An output that cannot be written; names the file. The previous outputs are left as they were."""


def _stage(path: Path, data: str | bytes) -> str:
    """Write `data` to a synced temporary file beside `path`; returns the temporary name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return tmp


def _unchanged(path: Path, data: str | bytes) -> bool:
    """The file already holds exactly these bytes (an incremental rebuild rewrites only what changed)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        return path.stat().st_size == len(raw) and path.read_bytes() == raw
    except OSError:
        return False


def write_all(files: dict[Path, str | bytes]) -> None:
    """Stage every file first, then rename them all: a failure or a kill while staging changes nothing,
    and the renames that publish the new set take microseconds."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            if not _unchanged(path, data):
                staged.append((_stage(path, data), path))
    except BaseException:
        for tmp, _path in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


_PN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*)\Z")
_INTEGER = re.compile(r'"([+-]?[0-9]+)"\^\^<http://www\.w3\.org/2001/XMLSchema#integer>\Z')
_DECIMAL = re.compile(r'"([+-]?[0-9]*\.[0-9]+)"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>\Z')


class _Terms:
    """N-Triples terms to Turtle's shorter forms: prefixed names, bare numbers, `a`."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.memo: dict[str, str] = {TYPE: "a"}
        self._statement: list[tuple[int, str, bool]] | None = None

    def __call__(self, term: str) -> str:
        short = self.memo.get(term)
        if short is None:
            short = self.memo[term] = self._shorten(term)
        return short

    def statement(self) -> list[tuple[int, str, bool]]:
        """(index, short predicate, object is a plain literal) for a Statement's terms, in written order."""
        if self._statement is None:
            self._statement = [(i, self(Statement.PREDICATES[i]), i in Statement.PLAIN) for i in Statement.ORDER]
        return self._statement

    def _shorten(self, term: str) -> str:
        if term.startswith("<"):
            value = term[1:-1]
            for prefix, ns in self.prefixes:
                if value.startswith(ns) and _PN_LOCAL.match(value[len(ns):]):
                    return f"{prefix}:{value[len(ns):]}"
            return term
        m = _INTEGER.match(term) or _DECIMAL.match(term)
        if m:
            return m.group(1)
        if term.endswith(">") and '"^^<' in term:
            lex, dtype = term.rsplit("^^", 1)
            return f"{lex}^^{self(dtype)}" if dtype != "<" else term
        return term


def _block(s: str, preds: dict[str, set[str]], short: _Terms) -> str:
    if preds.__class__ is Statement:   # one object per predicate, in a fixed order; plain literals as they are
        terms = preds.terms
        return f"{short(s)} " + " ;\n    ".join([f"{p} {terms[i] if plain else short(terms[i])}"
                                                 for i, p, plain in short.statement()]) + " .\n"
    order = sorted(preds)
    if TYPE in preds:   # `a` first, as people write Turtle
        order.remove(TYPE)
        order.insert(0, TYPE)
    parts = []
    for p in order:
        objs = preds[p]
        parts.append(f"{short(p)} {short(next(iter(objs)))}" if len(objs) == 1
                     else f"{short(p)} " + ", ".join([short(o) for o in sorted(objs)]))
    return f"{short(s)} " + " ;\n    ".join(parts) + " .\n"


class _Writer:
    """Turtle and TriG of one dataset; a subject that lives in one graph is written once for both."""

    def __init__(self, quads: Quads):
        self.quads = quads
        self.short = _Terms(quads.prefixes)
        self.blocks: dict[tuple[str | None, str], str] = {}

    def block(self, name: str | None, s: str) -> str:
        key = (name, s)
        text = self.blocks.get(key)
        if text is None:
            text = self.blocks[key] = _block(s, self.quads.graphs[name][s], self.short)
        return text

    def graph(self, name: str | None) -> str:
        return "\n".join(self.block(name, s) for s in sorted(self.quads.graphs.get(name, {})))

    def turtle(self) -> str:
        owners: dict[str, list] = {}
        for name, g in self.quads.graphs.items():
            for s in g:
                owners.setdefault(s, []).append(name)
        parts = []
        for s in sorted(owners):
            names = owners[s]
            if len(names) == 1:
                parts.append(self.block(names[0], s))
            else:
                merged: dict[str, set[str]] = {}
                for name in names:
                    for p, objs in self.quads.graphs[name][s].items():
                        merged.setdefault(p, set()).update(objs)
                parts.append(_block(s, merged, self.short))
        return _prologue(self.quads) + "\n".join(parts)

    def trig(self) -> str:
        graphs = self.quads.graphs
        blocks = [self.graph(None)] if graphs[None] else []
        for name in sorted(g for g in graphs if g is not None):
            if graphs[name]:
                blocks.append(f"{self.short(name)} {{\n{self.graph(name)}}}\n")
        return _prologue(self.quads) + "\n".join(blocks)


def _writer(quads: Quads) -> _Writer:
    if getattr(quads, "_writer", None) is None:
        quads._writer = _Writer(quads)
    return quads._writer


def _prologue(quads: Quads) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(quads.prefixes.items())) + "\n"


def turtle(quads: Quads) -> str:
    """Every graph's triples in one Turtle document."""
    return _writer(quads).turtle()


def graph_turtle(quads: Quads, name: str | None) -> str:
    """One graph of the dataset (None = the default graph) as Turtle, for a Graph Store PUT."""
    return _prologue(quads) + _writer(quads).graph(name)


def trig(quads: Quads) -> str:
    """TriG: the default graph first, then the named graphs in IRI order."""
    return _writer(quads).trig()


def resolution_csv(kg: Graph) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["entity", "label", "surface_form", "document", "reason"])
    for row in kg.merges:
        w.writerow(row)
    return buf.getvalue()


class BusyError(OutputError):
    """Another build holds the output folder."""


@contextlib.contextmanager
def claim(out: Path | None):
    """Hold the output folder for one build: it must be writable (checked before any parsing), and no other
    build may write it at the same time (an advisory lock on OUT/.lock, released when the build ends or its
    process dies)."""
    if out is None:
        yield
        return
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        fh = open(out / ".lock", "a+")
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BusyError(f"another build is writing {out} (it holds {out / '.lock'}); wait for it to finish "
                            "or build into another folder") from None
        try:
            probe = tempfile.NamedTemporaryFile(dir=out, prefix=".probe.", suffix=".tmp")
            probe.close()
        except OSError as exc:
            raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
        yield
    finally:
        fh.close()
        if created and [p.name for p in out.iterdir()] == [".lock"]:   # a build that wrote nothing leaves nothing
            (out / ".lock").unlink(missing_ok=True)
            out.rmdir()


def _sweep_docs(folder: Path, keep: set[Path]) -> None:
    """Remove cleaned texts of articles no longer built (a rebuild with fewer inputs), and emptied folders."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in keep and (path.suffix == ".txt" or path.name.endswith(".tmp")):
            path.unlink(missing_ok=True)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def write_outputs(out: Path, ds: Quads, kg: Graph, texts: dict[str, str], timer=None,
                  rdf12: bool = False) -> dict[str, Path]:
    """Write every output of a build into `out`; returns what was written. `timer(name)` (a context manager)
    times each serializer and the writing itself. `rdf12`: also graph-rdf12.trig (claims and evidence as
    triple terms); without it a graph-rdf12.trig of an earlier build is removed, never left stale."""
    timer = timer or (lambda name: contextlib.nullcontext())
    if out.is_dir():   # temporary files a killed build left behind
        for stale in out.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
    files: dict[Path, str | bytes] = {out / "docs" / f"{stem}.txt": text for stem, text in sorted(texts.items())}
    written = {}
    makers = [("graph.ttl", lambda: turtle(ds)), ("graph.trig", lambda: trig(ds)),
              ("resolution.csv", lambda: resolution_csv(kg)), ("graph.html", lambda: viewer.html(kg, texts))]
    if rdf12:
        makers.insert(2, ("graph-rdf12.trig", lambda: trig(rdf.rdf12(ds))))
    for name, make in makers:
        with timer(f"serialize {name}"):
            files[out / name] = make()
        written[name] = out / name
    with timer("write files"):
        write_all(files)
        _sweep_docs(out / "docs", set(files))
        if not rdf12:
            (out / "graph-rdf12.trig").unlink(missing_ok=True)
    return written
