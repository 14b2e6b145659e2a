"""Precision and recall of a built graph against the facts benchmarks/corpus.py planted.

A planted fact (subject, relation, object) is found when the graph has that
relation between nodes that carry those names (label or alias, any case);
symmetric relations count either way round; `said` matches the quote text.
Precision counts, over the relations that were planted, the graph's facts that
some article planted (the filler sentences state no facts, so anything else is
a false positive).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

SYMMETRIC = {"negotiatedWith", "foughtWith", "rivalOf"}
QUERY = """
PREFIX kg: <http://example.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(kg:))) FILTER(isIRI(?o)) }
"""


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").strip(" .,\u201c\u201d\"").split())


def read_planted(path: Path) -> set[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as fh:
        return {(_norm(r["subject"]), r["relation"], _norm(r["object"])) for r in csv.DictReader(fh, delimiter="\t")}


def graph_facts(graph: Path, relations: set[str]) -> set[tuple[frozenset, str, frozenset]]:
    """(names of subject, relation, names of object) for every fact of the given relations."""
    import pyoxigraph as ox

    store = ox.Store()
    with graph.open("rb") as fh:
        store.bulk_load(fh, ox.RdfFormat.TURTLE)
    names: dict[str, set[str]] = {}
    for pred in ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel",
                 "http://example.org/kg/ontology#text"):
        for q in store.quads_for_pattern(None, ox.NamedNode(pred), None):
            names.setdefault(q.subject.value, set()).add(_norm(q.object.value))
    out = set()
    ns = "http://example.org/kg/ontology#"
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        rel = q.predicate.value[len(ns):] if q.predicate.value.startswith(ns) else None
        if rel in relations and isinstance(q.object, ox.NamedNode):
            out.add((frozenset(names.get(q.subject.value, ())), rel, frozenset(names.get(q.object.value, ()))))
    return out


def _index(pairs) -> dict[tuple[str, str], set[str]]:
    """(subject name, relation) -> object names; symmetric relations both ways round."""
    index: dict[tuple[str, str], set[str]] = {}
    for subj_names, rel, obj_names in pairs:
        for s in subj_names:
            index.setdefault((s, rel), set()).update(obj_names)
        if rel in SYMMETRIC:
            for o in obj_names:
                index.setdefault((o, rel), set()).update(subj_names)
    return index


def score(graph: Path, planted_path: Path) -> dict[str, float]:
    planted = read_planted(planted_path)
    found = graph_facts(graph, {rel for _s, rel, _o in planted})
    got = _index(found)
    wanted = _index(({s}, rel, {o}) for s, rel, o in planted)
    recall_hits = sum(o in got.get((s, rel), ()) for s, rel, o in planted)
    precision_hits = sum(any(wanted.get((s, rel), set()) & o_names for s in s_names) for s_names, rel, o_names in found)
    precision = precision_hits / len(found) if found else 0.0
    recall = recall_hits / len(planted) if planted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"planted": len(planted), "found": len(found), "precision": precision, "recall": recall, "f1": f1}


if __name__ == "__main__":
    print(score(Path(sys.argv[1]), Path(sys.argv[2])))
