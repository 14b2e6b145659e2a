"""The HTML viewer: one self-contained page with our own canvas renderer, everything inlined.

Positions are computed here when the graph is written (kg.layout), so the page
draws at once: no physics, no layout in the browser. It draws with the 2D
canvas (nodes and edges batched by colour, labels of the most connected nodes
placed so they do not collide), which keeps an archive of ten thousand nodes
interactive without WebGL or a library.

The graph travels as one JSON document inside `<script type="application/json">`
with `<`, `>`, `&` and the JavaScript line separators escaped, so no string in
the data can close the script element; the page's code reads it with
JSON.parse and writes it into the DOM only as text (textContent), never as HTML.
"""
from __future__ import annotations

import json
import re
from importlib import resources

from .layout import layout
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


# what each extractor reads, in words a reader can check against the sentence
EXTRACTORS = {
    "titles": "a title or role by the name", "titles.title": "title before the name (\u201cPresident X\u201d)",
    "titles.apposition": "apposition (\u201cX, a spokesman for Y\u201d)", "titles.head_of_state":
    "head of state's title with the country (\u201cRussian President X\u201d)", "titles.of": "\u201cX of the Y\u201d",
    "titles.including": "\u201cmembers of Y, including X\u201d",
    "possessives": "a possessive (\u201cX's Y\u201d)", "possessives.institution": "a country's institution "
    "(\u201cNorway's foreign ministry\u201d)", "possessives.part": "a body named after its organisation",
    "possessives.stronghold": "\u201cY, X's stronghold\u201d", "possessives.unit": "a country's military unit",
    "svo": "a verb with its subject and object", "svo.active": "verb (\u201cX attacked Y\u201d)",
    "svo.passive": "passive verb (\u201cY was attacked by X\u201d)", "svo.adjective": "\u201cloyal to / allied with\u201d",
    "svo.attack_noun": "attack noun (\u201cX's strikes against Y\u201d)", "svo.between": "\u201cA between X and Y\u201d",
    "svo.hyphenated": "hyphenated participle (\u201cthe X-led coalition\u201d)", "svo.nominal": "\u201cX's occupation of Y\u201d",
    "svo.support_noun": "\u201cX's support for Y\u201d", "svo.attitude": "attitude noun (\u201chostility toward Y\u201d)",
    "svo.pro_anti": "\u201cpro-X / anti-X\u201d", "svo.withdrawal_place": "withdrawal from where the sentence is set",
    "located": "containment of places", "located.in": "\u201cX in Y\u201d", "located.comma": "\u201cX, Y\u201d (dateline or address)",
    "located.typed": "\u201cthe Y city of X\u201d", "located.place_noun": "\u201cY's capital X\u201d",
    "located.site": "a site named after its place", "located.part_of": "\u201cX, in the south of Y\u201d",
    "quotes": "a quotation or reported speech", "quotes.direct": "direct quotation", "quotes.continued":
    "quotation continued by the same speaker", "quotes.reported": "reported speech (\u201cX said that \u2026\u201d)",
    "quotes.according": "\u201caccording to X\u201d", "quotes.accusation": "reported charge (\u201cX said Y attacked\u201d)",
    "quotes.charge": "words that charge (\u201cterrorists\u201d)", "events": "an event noun and its phrase",
    "events.lead": "the lead's verb", "events.place": "event's place phrase", "events.date": "event's date",
    "nouns": "a noun of relation (\u201ca NATO member\u201d, \u201ca coalition against Y\u201d)", "metadata": "the document's metadata",
    "claims": "a speaker's words (\u201cX said Y attacked Z\u201d)", "quotes.claim": "a quotation that states a second claim",
}


def describe(extractor: str) -> str:
    """An extractor's code name in plain words ('possessives.leads' -> 'a possessive (“X's Y”)')."""
    if extractor in EXTRACTORS:
        return EXTRACTORS[extractor]
    family = extractor.split(".")[0]
    if family == "claims":
        return "what a speaker says, read as " + describe(extractor.split(".", 1)[1]) if "." in extractor else \
            EXTRACTORS["claims"]
    if extractor.startswith("events.lead"):
        return EXTRACTORS["events.lead"]
    if family == "nouns":
        return f"the noun \u201c{extractor.split('.', 1)[-1]}\u201d"
    return EXTRACTORS.get(family, extractor)


def viewer_data(kg: Graph, texts: dict[str, str]) -> dict:
    """What the page shows: nodes with their positions, edges with their evidence, documents; sorted, so the page
    is deterministic. Positions are computed here (kg.layout), not in the page."""
    nodes: dict[str, dict] = {}
    for eid, ent in sorted(kg.entities.items()):
        nodes[eid] = {"id": eid, "label": ent.label, "cls": ent.cls, "aliases": sorted(ent.aliases),
                      "docs": sorted(ent.docs), "event": ent.cls in EVENT_CLASSES, "degree": 0,
                      "literals": [], "quotes": []}
    extractors: set[str] = set()
    edges = []
    for (s, rel, o), evidences in sorted(kg.facts.items()):
        evs = [{"doc": e.doc, "start": e.start, "end": e.end, "extractor": e.extractor,
                "confidence": round(e.confidence, 3), "sentence": texts.get(e.doc, "")[e.start:e.end].strip()}
               for e in sorted(evidences, key=lambda e: (e.doc, e.start, e.extractor))]
        extractors.update(e["extractor"] for e in evs)
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
    # claims: what a speaker says of two entities, drawn dashed and off until asked for
    claimed = set()
    for cid, c in sorted(kg.claims.items()):
        if c.subj not in nodes or c.obj not in nodes or c.speaker not in nodes:
            continue
        e = c.evidence
        extractors.add(e.extractor)
        q = kg.quotes.get(c.quote)
        edges.append({"id": f"c{len(edges)}", "from": c.subj, "to": c.obj, "rel": c.rel,
                      "evidence": [{"doc": e.doc, "start": e.start, "end": e.end, "extractor": e.extractor,
                                    "confidence": round(e.confidence, 3),
                                    "sentence": texts.get(e.doc, "")[e.start:e.end].strip()}],
                      "claim": {"speaker": c.speaker, "by": nodes[c.speaker]["label"], "polarity": c.polarity,
                                "quote": q.text if q is not None else ""}})
        claimed.update((c.subj, c.obj))
    order = list(nodes)
    index = {eid: i for i, eid in enumerate(order)}
    pairs = [(index[e["from"]], index[e["to"]]) for e in edges]
    isolated = {i for i, eid in enumerate(order) if not nodes[eid]["degree"] and eid not in claimed}
    for eid, (x, y) in zip(order, layout(len(order), pairs, isolated)):
        nodes[eid]["x"], nodes[eid]["y"] = x, y
    docs = {stem: {"title": meta.get("title", ""), "date": meta.get("date", ""),
                   "publisher": meta.get("publisher", ""), "author": meta.get("author", ""), "url": meta.get("url", "")}
            for stem, meta in sorted(kg.documents.items())}
    styles = {cls: {"color": c, "shape": shape} for cls, (c, shape) in CLASS_STYLE.items()}
    return {"nodes": list(nodes.values()), "edges": edges, "docs": docs, "styles": styles,
            "extractors": {x: describe(x) for x in sorted(extractors)}}


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page(data: dict, title: str = "kg — news knowledge graph") -> str:
    """The whole self-contained HTML page: our own canvas renderer, no library, no network."""
    folder = resources.files("kg.data")
    template = folder.joinpath("viewer.html").read_text(encoding="utf-8")
    app_js = folder.joinpath("viewer.js").read_text(encoding="utf-8")
    app_css = folder.joinpath("viewer.css").read_text(encoding="utf-8")
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    parts = {"TITLE": safe_title, "APP_CSS": app_css, "APP_JS": app_js, "DATA": _json_for_script(data)}
    return re.sub(r"/\*@(\w+)@\*/", lambda m: parts[m.group(1)], template)


def html(kg: Graph, texts: dict[str, str]) -> str:
    return page(viewer_data(kg, texts))
