"""Claims (issue 18): what sources say, as unasserted statements with a speaker and a polarity.

Every sentence here is our own.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from kg.cli import main

KG = Namespace("http://example.org/kg/ontology#")
ENT = Namespace("http://example.org/kg/entity/")

BORDER = """Title: Clashes near the border
Date: 2016-03-10

KILIS, Turkey - Turkish troops shelled the town of Azaz on Wednesday, the Syrian Observatory for Human Rights said.

Turkey denied that its troops had shelled the town of Azaz.

"The Russian air force bombed the town of Idlib on Tuesday," said Rami Haddad, a spokesman for the White Helmets.

According to the Kurdish YPG militia, Islamic State fighters attacked the town of Tal Abyad.

Egypt said that Hamas fighters had attacked the town of Rafah.

The Syrian government accused Turkey of shelling the town of Afrin.
"""
IDLIB = """Title: Idlib under fire
Date: 2016-03-11

Russian jets bombed the town of Idlib on Tuesday and again on Wednesday.
"""


def _claims(parse, text: str) -> set[tuple[str, str, str, str, str]]:
    from kg import extract
    _m, facts = extract.run(parse(text, "2016-03-10"))
    name = lambda m: m.canonical or m.text     # noqa: E731
    return {(name(f.claimed_by), name(f.subj), f.rel, name(f.obj), f.polarity) for f in facts
            if f.claimed_by is not None}


def _asserted(parse, text: str) -> set[tuple[str, str, str]]:
    from kg import extract
    _m, facts = extract.run(parse(text, "2016-03-10"))
    name = lambda m: m.canonical or m.text     # noqa: E731
    return {(name(f.subj), f.rel, name(f.obj)) for f in facts if f.claimed_by is None and f.obj is not None}


@pytest.mark.parametrize("text,claim", [
    ('"The Russian air force bombed the town of Idlib on Tuesday," said Rami Haddad.',
     ("Rami Haddad", "Russian military", "attacked", "Idlib", "positive")),
    ("Egypt said that Hamas fighters had attacked the town of Rafah.",
     ("Egypt", "Hamas", "attacked", "Rafah", "positive")),
    ("Turkish troops shelled the town of Azaz on Wednesday, the Syrian Observatory for Human Rights said.",
     ("Syrian Observatory for Human Rights", "Turkish military", "attacked", "Azaz", "positive")),
    ("According to the Kurdish YPG militia, Islamic State fighters attacked the town of Tal Abyad.",
     ("YPG militia", "Islamic State", "attacked", "Tal Abyad", "positive")),
    ("Turkey denied that its troops had shelled the town of Azaz.",
     ("Turkey", "Turkish military", "attacked", "Azaz", "negative")),
    ("Turkey said Kurdish YPG fighters did not attack the town of Azaz.",
     ("Turkey", "YPG", "attacked", "Azaz", "negative")),
    ("Russia denied bombing the city of Idlib.", ("Russia", "Russia", "attacked", "Idlib", "negative")),
    ("The Syrian government accused Turkey of shelling the town of Afrin.",
     ("Syrian government", "Turkey", "attacked", "Afrin", "positive")),
])
def test_each_form_of_attribution_makes_a_claim_and_no_fact(parse, text, claim):
    assert claim in _claims(parse, text)
    speaker, subj, rel, obj, _polarity = claim
    assert (subj, rel, obj) not in _asserted(parse, text)


def test_the_accusation_itself_is_the_articles_but_not_a_claim(parse):
    text = "The Syrian government accused Turkey of shelling the town of Afrin."
    assert ("Syrian government", "accused", "Turkey") in _asserted(parse, text)
    assert not any(rel == "accused" for _sp, _s, rel, _o, _p in _claims(parse, text))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("claims")
    (src / "border.txt").write_text(BORDER, encoding="utf-8")
    (src / "idlib.txt").write_text(IDLIB, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(src), "-o", str(out), "--rdf", "1.2", "--no-progress"]) == 0
    return out


def test_claim_content_is_a_reification_never_a_plain_triple_unless_asserted(built):
    g = Graph().parse(built / "graph.ttl")
    claims = list(g.subjects(RDF.type, KG.Claim))
    assert len(claims) >= 6
    for c in claims:
        s, p, o = g.value(c, RDF.subject), g.value(c, RDF.predicate), g.value(c, RDF.object)
        assert (c, RDF.type, KG.Quote) in g and (None, KG.said, c) in g
        assert g.value(c, KG.polarity) in (KG.Positive, KG.Negative)
        asserted = [st for st in g.subjects(RDF.type, RDF.Statement)
                    if (st, RDF.subject, s) in g and (st, RDF.predicate, p) in g and (st, RDF.object, o) in g]
        # the plain triple only where a statement of the article's own voice asserts it, and then corroborated
        assert ((s, p, o) in g) == bool(asserted)
        assert set(g.objects(c, KG.corroborates)) == set(asserted)
    idlib = [c for c in claims if g.value(c, RDF.object) == ENT.idlib]
    assert idlib and all(g.value(c, KG.corroborates) is not None for c in idlib)   # asserted in the other article
    assert (ENT.turkish_military, KG.attacked, ENT.azaz) not in g                  # claimed and denied only


def test_saved_questions_on_claims(built, capsys):
    assert main(["query", "contested", "-g", str(built / "graph.trig"), "-f", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert any(r.startswith("Turkish military,attacked,Azaz,claimed and denied,Turkey,Negative") for r in rows)
    assert any("Syrian Observatory for Human Rights,Positive" in r for r in rows)
    assert not any(",Idlib," in r for r in rows)         # asserted by the other article: not contested
    assert main(["query", "claims", "-g", str(built / "graph.ttl"), "-p", "name=Afrin", "-f", "csv"]) == 0
    out = capsys.readouterr().out
    assert "Syrian government,Turkey,attacked,Afrin,Positive,no" in out
    assert main(["query", "sources", "-g", str(built / "graph.trig"), "-p", "name=azaz", "-f", "csv"]) == 0
    out = capsys.readouterr().out
    assert "azaz,Turkey,claims,1" in out and "azaz,Syrian Observatory for Human Rights,claims,1" in out


def test_rdf12_output_holds_claims_as_triple_terms_and_oxigraph_queries_them(built):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    text = (built / "graph-rdf12.trig").read_text(encoding="utf-8")
    assert "rdf:subject" not in text and "<<( " in text
    store = pyoxigraph.Store()
    store.load(path=str(built / "graph-rdf12.trig"), format=pyoxigraph.RdfFormat.TRIG)
    q = """PREFIX kg: <http://example.org/kg/ontology#>
           PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
           SELECT DISTINCT ?pol WHERE { ?c a kg:Claim ; kg:polarity ?pol ;
               rdf:reifies <<( <http://example.org/kg/entity/turkish_military> kg:attacked ?o )>> }"""
    pols = {str(row["pol"].value).rsplit("#", 1)[-1] for row in store.query(q)}
    assert pols == {"Positive", "Negative"}
    q2 = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st rdf:reifies ?t . FILTER(isTRIPLE(?t)) } }"""
    assert int(next(iter(store.query(q2)))["n"].value) > 6


def test_default_outputs_stay_rdf11_and_strict_parsers_accept_them(built, tmp_path):
    for tool, args in (("serdi", ["-i", "turtle", "-o", "ntriples"]), ("rapper", ["-q", "-i", "turtle", "-o", "ntriples"])):
        if shutil.which(tool) is None:
            continue
        done = subprocess.run([tool, *args, str(built / "graph.ttl")], capture_output=True)
        assert done.returncode == 0, done.stderr
    assert "<<(" not in (built / "graph.ttl").read_text() + (built / "graph.trig").read_text()


def test_a_build_without_rdf12_removes_an_old_rdf12_file(built, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "idlib.txt").write_text(IDLIB, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out), "--rdf", "1.2", "--no-progress"]) == 0
    assert (out / "graph-rdf12.trig").exists()
    assert main(["build", str(src), "-o", str(out), "--no-progress"]) == 0
    assert not (out / "graph-rdf12.trig").exists()


def test_shapes_require_a_claims_polarity(built, tmp_path, capsys):
    text = (built / "graph.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    broken.write_text(text.replace("kg:polarity kg:Negative ;", "", 1), encoding="utf-8")
    assert main(["validate", str(built / "graph.ttl")]) == 0
    assert main(["validate", str(broken)]) != 0
    assert "polarity" in capsys.readouterr().out


def test_the_viewer_draws_claims_only_when_asked_and_names_the_speaker(built):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((built / "graph.html").resolve().as_uri())
        page.wait_for_selector("body[data-stable=yes]", state="attached", timeout=60_000)
        assert not any(e.startswith("c") for e in page.evaluate("kgViewer.visibleEdges()"))
        page.click("#show-claims")
        claims = [e for e in page.evaluate("kgViewer.visibleEdges()") if e.startswith("c")]
        assert len(claims) >= 6
        texts = []
        for cid in claims:
            page.evaluate("(id) => kgViewer.showEdge(id)", cid)
            texts.append(page.inner_text("#panel"))
        assert any("denied by Turkey" in t for t in texts)
        assert any("claimed by Syrian Observatory for Human Rights" in t for t in texts)
        page.click("#reset")
        assert not any(e.startswith("c") for e in page.evaluate("kgViewer.visibleEdges()"))
        assert errors == []
        browser.close()


def test_the_subject_pronoun_of_a_reported_clause_is_its_speaker(parse):
    got = _claims(parse, "The Pentagon said on Monday that Washington was pleased. Kenya said it had bombed the town "
                         "of Jilib.")
    assert ("Kenya", "Kenya", "attacked", "Jilib", "positive") in got


def test_a_hope_is_no_claim(parse):
    got = _claims(parse, "Pelosi said she hopes Bernie Sanders endorses Hillary Clinton before the convention.")
    assert not any(rel == "supports" for _sp, _s, rel, _o, _p in got)
