"""The graph as RDF: closed namespace, round trips, strict parsers, SHACL, determinism."""
import subprocess

import pytest
from rdflib import Dataset, Graph, RDF, RDFS, OWL, URIRef

from kg.rdf import KG
from conftest import ROOT, have


def test_namespace_matches_the_ontology():
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl")
    declared = {str(s).split("#")[1] for s in onto.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    assert declared == set(KG.__annotations__)
    with pytest.raises(AttributeError):
        KG.notARelation  # noqa: B018 - closed namespace
    spec = ["leads", "memberOf", "spokespersonFor", "aideTo", "title", "supports", "opposes", "rivalOf", "attacked",
            "foughtWith", "killed", "arrested", "accused", "negotiatedWith", "brokered", "partyTo", "controls",
            "withdrewFrom", "locatedIn", "occurredIn", "occurredOn", "participatedIn", "said"]
    assert set(spec) <= declared
    symmetric = {str(s).split("#")[1] for s in onto.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == {"rivalOf", "foughtWith", "negotiatedWith"}


@pytest.mark.integration
def test_outputs_parse_in_rdflib_and_oxigraph_and_round_trip(seeds_build):
    import pyoxigraph as ox
    out, _ = seeds_build
    g = Graph().parse(out / "graph.ttl")
    ds = Dataset().parse(out / "graph.trig", format="trig")
    assert len(g) > 1000
    assert len(set(ds.graphs())) >= 6      # default graph + one per article
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(g)
    store2 = ox.Store()
    store2.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    names = {str(q.graph_name) for q in store2}
    assert sum(1 for n in names if "/doc/" in n) == 5
    # round trip: serialise again and parse back to the same graph
    from rdflib.compare import isomorphic
    assert isomorphic(g, Graph().parse(data=g.serialize(format="turtle"), format="turtle"))


@pytest.mark.integration
@pytest.mark.skipif(not (have("serdi") and have("rapper")), reason="serdi/rapper not installed (.ci/run installs them)")
def test_strict_parsers_accept_the_outputs(seeds_build):
    out, _ = seeds_build
    for args in (["serdi", "-i", "turtle", "-o", "ntriples", str(out / "graph.ttl")],
                 ["serdi", "-i", "trig", "-o", "nquads", str(out / "graph.trig")],
                 ["rapper", "-q", "-i", "turtle", "-o", "ntriples", str(out / "graph.ttl")],
                 ["rapper", "-q", "-i", "trig", "-o", "nquads", str(out / "graph.trig")]):
        run = subprocess.run(args, capture_output=True, text=True)
        assert run.returncode == 0, (args, run.stderr[:500])
        assert run.stdout.count("\n") > 1000


@pytest.mark.integration
def test_graph_conforms_to_the_shapes(seeds_build):
    from pyshacl import validate
    out, _ = seeds_build
    data = Graph().parse(out / "graph.ttl")
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl")
    conforms, _g, text = validate(data, shacl_graph=shapes, ont_graph=onto, inference="rdfs")
    assert conforms, text[:2000]


@pytest.mark.integration
def test_every_fact_has_evidence_and_every_entity_one_label(seeds_build):
    out, _ = seeds_build
    g = Graph().parse(out / "graph.ttl")
    stated = {(g.value(s, RDF.subject), g.value(s, RDF.predicate), g.value(s, RDF.object))
              for s in g.subjects(RDF.type, RDF.Statement)}
    facts = [(s, p, o) for s, p, o in g if str(p).startswith(str(KG._NS))
             and p not in (KG.mentionedIn, KG.text, KG.sentence, KG.charStart, KG.charEnd, KG.extractor, KG.confidence,
                           KG.polarity, KG.corroborates)]
    assert facts and all(f in stated for f in facts)
    for cls in (KG.Person, KG.Organization, KG.Place, KG.Group):
        for node in g.subjects(RDF.type, cls):
            assert isinstance(node, URIRef) and len(list(g.objects(node, RDFS.label))) == 1


@pytest.mark.integration
def test_builds_are_byte_identical(seeds_build, tmp_path):
    """Same input, same bytes: also in another process with another string-hash seed."""
    import os
    import subprocess
    import sys
    out, _ = seeds_build
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "-o", str(tmp_path)], env=env,
                   check=True, capture_output=True)
    for name in ("graph.ttl", "graph.trig", "resolution.csv", "graph.html"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_statement_nodes_write_like_any_other_subject():
    """A reified statement is kept as one tuple; Turtle, TriG and the triple count must not notice."""
    import pyoxigraph as ox
    from kg import export
    from kg.rdf import PREFIXES, Quads, Statement, integer, literal
    terms = ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>", "<http://x.org/a>",
             f"<{KG._NS}leads>", "<http://x.org/b>", "<http://x.org/doc>", literal('He said "no".\n'),
             integer(3), integer(17), literal("svo"), '"0.8"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    fast, plain = Quads(PREFIXES), Quads(PREFIXES)
    fast.add_statement("<http://x.org/st1>", terms, "<http://x.org/doc>")
    for p, o in zip(Statement.PREDICATES, terms):
        plain.add("<http://x.org/st1>", p, o, "<http://x.org/doc>")
    assert len(fast) == len(plain) == 10
    assert export.trig(fast) == export.trig(plain)
    assert export.turtle(fast) == export.turtle(plain)
    store = ox.Store()
    store.load(export.trig(fast).encode(), format=ox.RdfFormat.TRIG)
    assert len(store) == 10
