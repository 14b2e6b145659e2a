"""Writers: Turtle, TriG, HTML, cleaned texts and the resolution report, each written atomically.

Builders return strings; only the write_* functions touch the disk, always
through a temporary file in the target folder followed by an atomic rename, so
a killed build leaves the previous outputs intact.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

from rdflib import Dataset

from . import viewer
from .resolve import Graph

def write_atomic(path: Path, data: str | bytes) -> None:
    """Write through a temporary file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def turtle(ds: Dataset) -> str:
    from .rdf import flatten
    return flatten(ds).serialize(format="turtle")


def trig(ds: Dataset) -> str:
    return ds.serialize(format="trig")


def resolution_csv(kg: Graph) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["entity", "label", "surface_form", "document", "reason"])
    for row in kg.merges:
        w.writerow(row)
    return buf.getvalue()


def write_outputs(out: Path, ds: Dataset, kg: Graph, texts: dict[str, str]) -> dict[str, Path]:
    """Write every output of a build into `out`; returns what was written."""
    written = {}
    for stem, text in sorted(texts.items()):
        p = out / "docs" / f"{stem}.txt"
        write_atomic(p, text)
    for name, make in (("graph.ttl", lambda: turtle(ds)), ("graph.trig", lambda: trig(ds)),
                       ("resolution.csv", lambda: resolution_csv(kg)), ("graph.html", lambda: viewer.html(kg, texts))):
        p = out / name
        write_atomic(p, make())
        written[name] = p
    return written
