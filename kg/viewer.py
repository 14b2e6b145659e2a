"""The HTML viewer: our own page around vis-network (shipped by pyvis), everything inlined.

The graph travels as one JSON document inside `<script type="application/json">`
with `<`, `>`, `&` and the JavaScript line separators escaped, so no string in
the data can close the script element; the page's code reads it with
JSON.parse and writes it into the DOM only as text (textContent), never as HTML.
"""
from __future__ import annotations

import importlib.util
import json
import re
from importlib import resources
from pathlib import Path

from .resolve import Graph

CLASS_STYLE = {
    "Person": ("#e15759", "dot"),
    "Organization": ("#4e79a7", "square"),
    "Place": ("#59a14f", "triangle"),
    "Group": ("#f28e2b", "diamond"),
    "Attack": ("#b07aa1", "star"),
    "Clash": ("#9c755f", "star"),
    "Agreement": ("#76b7b2", "hexagon"),
    "Demonstration": ("#edc948", "triangleDown"),
    "Arrest": ("#ff9da7", "star"),
    "Negotiation": ("#bab0ac", "hexagon"),
    "Meeting": ("#86bcb6", "hexagon"),
    "Election": ("#d4a6c8", "hexagon"),
}
EVENT_CLASSES = {"Attack", "Clash", "Agreement", "Demonstration", "Arrest", "Negotiation", "Meeting", "Election"}


def _vis_assets() -> tuple[str, str]:
    # pyvis ships vis-network; find its folder without importing pyvis (and jinja2, networkx with it)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; the HTML viewer needs the vis-network files it ships")
    lib = Path(list(spec.submodule_search_locations)[0]) / "lib"
    folder = sorted(lib.glob("vis-9*"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)])[-1]
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"//[#@] sourceMappingURL=\S+", "", js)
    css = re.sub(r"/\*[#@] sourceMappingURL=\S+\s*\*/", "", css)
    return js, css


def viewer_data(kg: Graph, texts: dict[str, str]) -> dict:
    """What the page shows: nodes, edges with their evidence, documents; sorted, so the page is deterministic."""
    nodes: dict[str, dict] = {}
    for eid, ent in sorted(kg.entities.items()):
        nodes[eid] = {"id": eid, "label": ent.label, "cls": ent.cls, "aliases": sorted(ent.aliases),
                      "docs": sorted(ent.docs), "event": ent.cls in EVENT_CLASSES, "degree": 0,
                      "literals": [], "quotes": []}
    edges = []
    for (s, rel, o), evidences in sorted(kg.facts.items()):
        evs = [{"doc": e.doc, "start": e.start, "end": e.end, "extractor": e.extractor,
                "confidence": round(e.confidence, 3), "sentence": texts.get(e.doc, "")[e.start:e.end].strip()}
               for e in sorted(evidences, key=lambda e: (e.doc, e.start, e.extractor))]
        if s not in nodes:
            continue
        if o.startswith("lit:"):
            value, _dtype = kg.literals[o]
            nodes[s]["literals"].append({"rel": rel, "value": value, "evidence": evs})
        elif o.startswith("quote:"):
            q = kg.quotes.get(o[6:])
            if q is not None:
                nodes[s]["quotes"].append({"text": q.text, "doc": q.doc, "evidence": evs})
        elif o in nodes:
            edges.append({"id": f"e{len(edges)}", "from": s, "to": o, "rel": rel, "evidence": evs})
            nodes[s]["degree"] += 1
            nodes[o]["degree"] += 1
    docs = {stem: {"title": meta.get("title", ""), "date": meta.get("date", ""),
                   "publisher": meta.get("publisher", ""), "author": meta.get("author", "")}
            for stem, meta in sorted(kg.documents.items())}
    styles = {cls: {"color": c, "shape": shape} for cls, (c, shape) in CLASS_STYLE.items()}
    return {"nodes": list(nodes.values()), "edges": edges, "docs": docs, "styles": styles}


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page(data: dict, title: str = "kg — news knowledge graph") -> str:
    """The whole self-contained HTML page."""
    folder = resources.files("kg.data")
    template = folder.joinpath("viewer.html").read_text(encoding="utf-8")
    app_js = folder.joinpath("viewer.js").read_text(encoding="utf-8")
    app_css = folder.joinpath("viewer.css").read_text(encoding="utf-8")
    vis_js, vis_css = _vis_assets()
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    parts = {"TITLE": safe_title, "VIS_CSS": vis_css, "APP_CSS": app_css, "VIS_JS": vis_js, "APP_JS": app_js,
             "DATA": _json_for_script(data)}
    return re.sub(r"/\*@(\w+)@\*/", lambda m: parts[m.group(1)], template)


def html(kg: Graph, texts: dict[str, str]) -> str:
    return page(viewer_data(kg, texts))
