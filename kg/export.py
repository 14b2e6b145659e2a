"""Writers: Turtle, TriG, HTML, cleaned texts and the resolution report, each written atomically.

Builders return strings; only the write_* functions touch the disk, always
through temporary files in the target folder (all of a build's files are
written and synced first, then renamed into place), so a killed or failing
build leaves the previous outputs intact.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from rdflib import Dataset

from . import viewer
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


def write_all(files: dict[Path, str | bytes]) -> None:
    """Stage every file first, then rename them all: a failure or a kill while staging changes nothing,
    and the renames that publish the new set take microseconds."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(path, data), path))
    except BaseException:
        for tmp, _path in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)


def turtle(ds: Dataset) -> str:
    from .rdf import flatten
    return flatten(ds).serialize(format="turtle")


def trig(ds: Dataset) -> str:
    """TriG with the default graph first and named graphs in IRI order (rdflib's own TriG writer orders the
    graphs by hash, so its output changes from run to run)."""
    prefixes: set[str] = set()
    blocks: list[str] = []
    graphs = [(None, ds.default_graph)] + sorted(((str(g.identifier), g) for g in ds.graphs()
                                                   if g.identifier != ds.default_graph.identifier),
                                                  key=lambda pair: pair[0])
    for name, graph in graphs:
        if not len(graph):
            continue
        text = graph.serialize(format="turtle")
        body = []
        for line in text.splitlines(keepends=True):
            (prefixes.add(line) if line.startswith("@prefix ") else body.append(line))
        body_text = "".join(body).strip("\n") + "\n"
        blocks.append(body_text if name is None else f"<{name}> {{\n{body_text}}}\n")
    return "".join(sorted(prefixes)) + "\n" + "\n".join(blocks)


def resolution_csv(kg: Graph) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["entity", "label", "surface_form", "document", "reason"])
    for row in kg.merges:
        w.writerow(row)
    return buf.getvalue()


def write_outputs(out: Path, ds: Dataset, kg: Graph, texts: dict[str, str]) -> dict[str, Path]:
    """Write every output of a build into `out`; returns what was written."""
    for folder in (out, out / "docs"):   # temporary files a killed build left behind
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
    files: dict[Path, str | bytes] = {out / "docs" / f"{stem}.txt": text for stem, text in sorted(texts.items())}
    written = {}
    for name, make in (("graph.ttl", lambda: turtle(ds)), ("graph.trig", lambda: trig(ds)),
                       ("resolution.csv", lambda: resolution_csv(kg)), ("graph.html", lambda: viewer.html(kg, texts))):
        files[out / name] = make()
        written[name] = out / name
    write_all(files)
    return written
