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

from .resolve import Graph

CLASS_COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f", "Group": "#f28e2b",
                 "Attack": "#b07aa1", "Clash": "#9c755f", "Agreement": "#76b7b2", "Demonstration": "#edc948",
                 "Arrest": "#ff9da7", "Negotiation": "#bab0ac", "Meeting": "#86bcb6", "Election": "#d4a6c8"}


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


def html(kg: Graph) -> str:
    """An interactive network that opens from disk with no network access."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    degree: dict[str, int] = {}
    for (s, _rel, o), _ev in kg.facts.items():
        for n in (s, o):
            degree[n] = degree.get(n, 0) + 1
    shown = {eid for eid in kg.entities if degree.get(eid)}
    for eid in sorted(shown):
        ent = kg.entities[eid]
        tip = "\n".join([f"{ent.label} ({ent.cls})", *(f"aka {a}" for a in sorted(ent.aliases)[:10]),
                         f"in {len(ent.docs)} article(s)"])
        net.add_node(eid, label=ent.label, title=tip, color=CLASS_COLOURS.get(ent.cls, "#999999"),
                     size=10 + 2 * min(degree.get(eid, 0), 20), group=ent.cls)
    for (s, rel, o), evidences in sorted(kg.facts.items()):
        if s in shown and o in shown:
            tip = "\n".join(f"[{e.doc}] {e.extractor} {e.confidence:.2f}" for e in evidences[:5])
            net.add_edge(s, o, label=rel, title=tip, arrows="to")
    net.toggle_physics(True)
    page = net.generate_html()
    # pyvis's template pulls Bootstrap and other assets from CDNs even in_line: drop every remote asset
    page = re.sub(r"<link[^>]+href=\"https?://[^\"]+\"[^>]*>", "", page)
    page = re.sub(r"<script[^>]+src=\"https?://[^\"]+\"[^>]*>\s*</script>", "", page)
    page = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    return page


def write_outputs(out: Path, ds: Dataset, kg: Graph, texts: dict[str, str]) -> dict[str, Path]:
    """Write every output of a build into `out`; returns what was written."""
    written = {}
    for stem, text in sorted(texts.items()):
        p = out / "docs" / f"{stem}.txt"
        write_atomic(p, text)
    for name, make in (("graph.ttl", lambda: turtle(ds)), ("graph.trig", lambda: trig(ds)),
                       ("resolution.csv", lambda: resolution_csv(kg)), ("graph.html", lambda: html(kg))):
        p = out / name
        write_atomic(p, make())
        written[name] = p
    return written
