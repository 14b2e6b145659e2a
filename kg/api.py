"""The Python API: `kg.build(paths, …)` and what a script does with the result.

    import kg
    result = kg.build(["seeds"])                  # in memory; out="out" also writes the files
    result.problems                               # inputs skipped, with the reason
    ds = result.to_rdflib()                       # rdflib.Dataset, one named graph per article
    g = result.to_networkx()                      # networkx.MultiDiGraph of entities and facts
    store = result.to_oxigraph()                  # pyoxigraph.Store, ready for SPARQL
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, fields
from pathlib import Path

from .pipeline import BuildResult, build as _build
from .read import Problem
from .resolve import Graph
from .settings import Settings


@dataclass
class Result:
    """What a build made: the resolved graph, the problems, the files written (none for an in-memory build)."""
    graph: Graph
    problems: list[Problem]
    written: dict[str, Path]
    seconds: dict[str, float]
    _built: BuildResult

    def trig(self) -> str:
        """The whole dataset as TriG, byte for byte what `kg build` writes to graph.trig."""
        from .export import trig
        return trig(self._built.quads)

    def turtle(self) -> str:
        from .export import turtle
        return turtle(self._built.quads)

    def to_rdflib(self):
        """An rdflib.Dataset: descriptions in the default graph, each article's facts in its named graph."""
        from rdflib import Dataset
        ds = Dataset()
        ds.parse(data=self.trig(), format="trig")
        return ds

    def to_oxigraph(self):
        """A pyoxigraph.Store holding the dataset (query it with kg.query.run for the saved prefixes)."""
        import pyoxigraph as ox
        store = ox.Store()
        store.bulk_load(input=self.trig().encode("utf-8"), format=ox.RdfFormat.TRIG)
        return store

    def to_networkx(self):
        """A networkx.MultiDiGraph: one node per entity or event (label, type, aliases, articles), one edge per
        fact between two of them (relation, evidence count, best confidence); titles and dates are node
        attributes, quotes a list on their speaker."""
        import networkx as nx
        kg = self.graph
        g = nx.MultiDiGraph()
        for eid, ent in sorted(kg.entities.items()):
            g.add_node(eid, label=ent.label, type=ent.cls, aliases=sorted(ent.aliases), articles=sorted(ent.docs))
        for (s, rel, o), evidences in sorted(kg.facts.items()):
            info = {"evidence": len(evidences), "confidence": max(e.confidence for e in evidences),
                    "articles": sorted({e.doc for e in evidences})}
            if o.startswith("lit:"):
                g.nodes[s].setdefault(rel, []).append(kg.literals[o][0])
            elif o.startswith("quote:"):
                g.nodes[s].setdefault("quotes", []).append(kg.quotes[o[6:]].text)
            elif s in g and o in g:
                g.add_edge(s, o, key=rel, relation=rel, **info)
        return g


def build(paths, out: str | Path | None = None, log=None, **options) -> Result:
    """Build the graph of articles (files or folders). `out`: a folder to write the outputs into (None: build in
    memory only). `options`: any field of kg.settings.Settings (jobs=2, model=…, base_iri=…, strict=True …)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    known = {f.name for f in fields(Settings)} - {"inputs", "out"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(unknown)}; valid: {', '.join(sorted(known))}")
    options.setdefault("progress", False)
    if out is None:
        options["cache"] = False
    settings = Settings(inputs=tuple(Path(p) for p in paths), out=Path(out) if out is not None else None, **options)
    res = _build(settings, log=log or (lambda msg: print(msg, file=sys.stderr)))
    return Result(res.graph, res.problems, res.written, res.seconds, res)
