"""SHACL validation of a built graph against the shapes in ontology/, reported one line per violation."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from . import ONTOLOGY_DIR
from .query import QueryError, graph_format, prefixes



@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    value: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.severity}: {self.focus}{where}{value}: {self.message}"


def _read(path: Path) -> Graph:
    _ox, fmt = graph_format(path)
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(path, format=fmt)
            flat = Graph()
            for s, p, o, _g in ds.quads():
                flat.add((s, p, o))
            return flat
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises several parser error types
        raise QueryError(f"{path}: not valid {fmt}: {exc}") from None


def _show(term, graph: Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:
            return f"<{term}>"
    return repr(str(term))


def validate(graph: Path, shapes: Path = ONTOLOGY_DIR / "shapes.ttl",
             ontology: Path = ONTOLOGY_DIR / "kg.ttl") -> list[Violation]:
    """All SHACL results (violations and warnings), sorted so the report is stable."""
    from pyshacl import validate as shacl

    data = _read(graph)
    for prefix, iri in prefixes().items():
        data.bind(prefix, iri, override=True)
    _ok, report, _text = shacl(data, shacl_graph=_read(shapes), ont_graph=_read(ontology), inference="rdfs",
                               allow_warnings=True)
    found = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        sev = report.value(r, SH.resultSeverity)
        found.append(Violation(
            focus=_show(report.value(r, SH.focusNode), data),
            path=_show(report.value(r, SH.resultPath), data),
            value=_show(report.value(r, SH.value), data),
            message=str(report.value(r, SH.resultMessage) or report.value(r, SH.sourceConstraintComponent) or ""),
            severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation"))
    return sorted(found, key=lambda v: (v.severity, v.focus, v.path, v.message, v.value))
