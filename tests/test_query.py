"""kg query / serve / validate, the saved questions, and the graph in other stores (rdflib, Oxigraph, Virtuoso)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from conftest import HOSTILE, hostile_graph, free_port as _free_port, json_rows as _json_rows, sparql as _sparql
from kg import query as Q
from kg.cli import main

KG_BIN = str(Path(sys.executable).parent / "kg")

# Expected answers on the seeds: one row each saved question must contain (a subset of its columns).
EXPECTED = {
    "leaders": ({}, {"leader": "Moqtada al-Sadr", "organisation": "Mahdi Army"}),
    "spokespersons": ({}, {"speaker": "Raad Kadhemi", "role": "spokesperson", "for": "Moqtada al-Sadr"}),
    "agreements": ({}, {"role": "party", "agent": "Moqtada al-Sadr", "place": "Najaf", "date": "2004-05-27"}),
    "attacks": ({}, {"who": "US military", "whom": "Najaf", "relation": "attacked", "date": "2004-08-15"}),
    "said": ({"name": "muqtada AL-SADR"}, {"speaker": "Moqtada al-Sadr",
                                           "text": "I will not obey the occupation. Never."}),
    "about": ({"name": "Moktada al-Sadr"}, {"subject": "Raad Kadhemi", "relation": "spokespersonFor",
                                            "object": "Moqtada al-Sadr"}),
    "timeline": ({}, {"date": "2004-08-15", "kind": "Attack", "place": "Najaf"}),
    "most_mentioned": ({}, {"entity": "Moqtada al-Sadr", "type": "Person", "articles": "5"}),
    # a magazine's words quoted in one seed: "the US and Iraqi militaries have been striking … the Mahdi Army"
    "claims": ({"name": "Mahdi Army"}, {"speaker": "Time", "subject": "Iraqi military", "relation": "attacked",
                                        "object": "Mahdi Army", "polarity": "Positive"}),
    "contested": ({}, {"subject": "US military", "relation": "attacked", "object": "Mahdi Army", "speaker": "Time",
                       "why": "claimed by one speaker only, asserted nowhere"}),
    "sources": ({"name": "mahdi army"}, {"speaker": "Time", "kind": "claims", "count": "2"}),
}


def _wait_port(port: int, proc: subprocess.Popen | None = None, seconds: float = 60) -> None:
    from kg.store import wait_for
    wait_for("127.0.0.1", port, proc, seconds)


def _norm(value):
    """Compare values across engines: numbers by value (0.800 = 0.8), everything else as text."""
    if value is None:
        return None
    try:
        return str(Decimal(value).normalize())
    except (InvalidOperation, ValueError):
        return value


def _table(rows: list[dict]) -> set[tuple]:
    return {tuple(sorted((k, _norm(v)) for k, v in r.items() if v is not None)) for r in rows}


def _contains(rows: list[dict], want: dict) -> bool:
    return any(all(r.get(k) == v for k, v in want.items()) for r in rows)


@pytest.fixture(scope="module")
def graph(seeds_build):
    out, _ = seeds_build
    return out


@pytest.fixture(scope="module")
def store(graph):
    return Q.open_store(graph / "graph.trig")


def test_every_saved_question_has_a_description_and_a_test():
    saved = Q.saved_queries()
    assert set(saved) == set(EXPECTED)
    for q in saved.values():
        assert q.description, q.name
        assert set(q.params) == set(EXPECTED[q.name][0]), q.name


@pytest.mark.integration
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_question_answers_on_the_seeds(store, name):
    params, want = EXPECTED[name]
    rows = Q.rows(Q.run(store, Q.query_text(name), {k: Q.parse_param(f"{k}={v}")[1] for k, v in params.items()}))
    assert _contains(rows, want), (name, rows[:10])


@pytest.mark.integration
def test_turtle_and_trig_give_the_same_answers(graph, store):
    ttl = Q.open_store(graph / "graph.ttl")
    for name, (params, _want) in EXPECTED.items():
        bound = {k: Q.parse_param(f"{k}={v}")[1] for k, v in params.items()}
        assert _table(Q.rows(Q.run(ttl, Q.query_text(name), bound))) == \
            _table(Q.rows(Q.run(store, Q.query_text(name), bound))), name


@pytest.mark.integration
def test_rdflib_gives_the_same_answers(graph, store):
    from rdflib import Graph, Literal, Variable

    g = Graph().parse(graph / "graph.ttl", format="turtle")
    for name, (params, _want) in EXPECTED.items():
        text = Q.prologue() + Q.query_text(name)
        res = g.query(text, initBindings={Variable(k): Literal(v) for k, v in params.items()})
        theirs = [{str(k): (str(v) if v is not None else None) for k, v in row.asdict().items()} for row in res]
        for r in theirs:   # rdflib leaves unbound variables out of asdict(); pyoxigraph reports None
            for v in res.vars:
                r.setdefault(str(v), None)
        ours = Q.rows(Q.run(store, Q.query_text(name),
                            {k: Q.parse_param(f"{k}={v}")[1] for k, v in params.items()}))
        assert _table(theirs) == _table(ours), name


@pytest.mark.integration
def test_cli_formats(graph, capsys):
    assert main(["query", "leaders", "-g", str(graph / "graph.ttl"), "-f", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(",") == ["leader", "organisation", "evidence"]
    assert "Moqtada al-Sadr,Mahdi Army" in "\n".join(lines)
    assert main(["query", "leaders", "-g", str(graph / "graph.trig"), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["leader", "organisation", "evidence"]
    assert main(["query", "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }", "-g", str(graph / "graph.ttl")]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[2].strip() == "5" and "(1 row)" in table
    rq = graph / "mine.rq"
    rq.write_text("ASK { ?p kg:leads ?o }")
    assert main(["query", str(rq), "-g", str(graph / "graph.ttl")]) == 0
    assert capsys.readouterr().out.strip() == "yes"


@pytest.mark.integration
def test_cli_reports_syntax_errors_with_line_and_column(graph, capsys):
    assert main(["query", "SELECT ?x WHERE {\n  ?x kg:leads\n}", "-g", str(graph / "graph.ttl")]) == 2
    err = capsys.readouterr().err
    assert "line 3, column 1" in err and "Traceback" not in err
    assert main(["query", "no_such_question", "-g", str(graph / "graph.ttl")]) == 2
    err = capsys.readouterr().err
    assert "no_such_question" in err and "leaders" in err and "timeline" in err
    assert main(["query", "leaders", "-g", str(graph / "missing.ttl")]) == 2
    assert "missing.ttl" in capsys.readouterr().err


@pytest.mark.integration
def test_parameters_are_values_not_query_text(graph, capsys):
    evil = 'x" ) } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("'
    assert main(["query", "about", "-p", f"name={evil}", "-g", str(graph / "graph.ttl"), "-f", "csv"]) == 0
    assert capsys.readouterr().out.strip().splitlines() == ["name,subject,relation,object,article,sentence,"
                                                             "extractor,confidence"]
    with pytest.raises(Q.QueryError, match="NAME=VALUE"):
        Q.parse_param("novalue")
    with pytest.raises(Q.QueryError, match="not a SPARQL variable"):
        Q.parse_param("a b=c")


def _write_hostile(tmp_path: Path) -> tuple[Path, Path]:
    from kg import export, rdf
    g, texts = hostile_graph()
    ds = rdf.build(g, texts)
    ttl, trig = tmp_path / "h.ttl", tmp_path / "h.trig"
    ttl.write_text(export.turtle(ds), encoding="utf-8")
    trig.write_text(export.trig(ds), encoding="utf-8")
    return ttl, trig


def test_hostile_literals_survive_a_query(tmp_path):
    ttl, trig = _write_hostile(tmp_path)
    for path in (ttl, trig):
        labels = {r["l"] for r in Q.rows(Q.run(Q.open_store(path), "SELECT ?l WHERE { ?e rdfs:label ?l }"))}
        assert labels == set(HOSTILE)


# --- validate -----------------------------------------------------------------------------------------------

@pytest.mark.integration
def test_validate_passes_the_seed_graph(graph, capsys):
    assert main(["validate", str(graph / "graph.ttl")]) == 0
    assert "0 violation(s)" in capsys.readouterr().err


def test_validate_reports_violations_readably(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix kg: <http://example.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<http://example.org/kg/entity/x> a kg:Person ; rdfs:label "X", "Y" ;
    kg:mentionedIn <http://example.org/kg/doc/d> .
<http://example.org/kg/doc/d> a kg:Document ; dcterms:identifier "d" .
""")
    assert main(["validate", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "ent:x rdfs:label" in captured.out
    assert "exactly one rdfs:label" in captured.out
    assert "1 violation(s)" in captured.err
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle")
    assert main(["validate", str(garbage)]) == 2
    assert "garbage.ttl" in capsys.readouterr().err


# --- Oxigraph server: kg serve and the Graph Store Protocol -------------------------------------------------

@pytest.mark.integration
def test_kg_serve_answers_read_only_and_stops_on_ctrl_c(graph):
    port = _free_port()
    proc = subprocess.Popen([KG_BIN, "serve", "-g", str(graph / "graph.trig"), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        banner = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in banner and "read-only" in banner
        rows = _json_rows(_sparql(f"http://127.0.0.1:{port}/query", Q.prologue() + Q.query_text("leaders")))
        assert _contains(rows, {"leader": "Moqtada al-Sadr", "organisation": "Mahdi Army"})
        upd = urllib.request.Request(f"http://127.0.0.1:{port}/update", method="POST",
                                     data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                     headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(upd, timeout=30)
        assert 400 <= refused.value.code < 500
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        leftovers = [p for p in Path(os.environ.get("TMPDIR", "/tmp")).glob("kg-serve-*")]
        assert not leftovers
    finally:
        if proc.poll() is None:
            proc.kill()


def test_kg_serve_refuses_a_public_address_unless_asked(capsys):
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "--public" in capsys.readouterr().err


def _put(url: str, body: bytes, content_type: str, method: str = "PUT") -> int:
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return resp.status


@pytest.mark.integration
def test_oxigraph_server_loads_the_graph_over_the_graph_store_protocol(graph, store, oxigraph_server):
    import pyoxigraph as ox
    trig = (graph / "graph.trig").read_bytes()
    assert _put(f"{oxigraph_server}/store", trig, "application/trig", method="POST") in (200, 201, 204)
    # one article's graph replaced from Turtle: PUT to its graph IRI
    doc = "http://example.org/kg/doc/004_e30b2c92036b5dc1"
    part = ox.serialize(store.quads_for_pattern(None, None, None, ox.NamedNode(doc)), format=ox.RdfFormat.N_QUADS)
    triples = b"".join(line.rsplit(b" <", 1)[0] + b" .\n" for line in part.splitlines(keepends=False) if line)
    assert _put(f"{oxigraph_server}/store?graph={urllib.parse.quote(doc, safe='')}", triples,
                "application/n-triples") in (200, 201, 204)
    n = _json_rows(_sparql(f"{oxigraph_server}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert int(n[0]["n"]) == sum(1 for q in store if q.graph_name != ox.DefaultGraph())
    for name, (params, _want) in EXPECTED.items():
        if params:
            continue
        theirs = _json_rows(_sparql(f"{oxigraph_server}/query?union-default-graph",
                                    Q.prologue() + Q.query_text(name)))
        assert _table(theirs) == _table(Q.rows(Q.run(store, Q.query_text(name)))), name


# --- Virtuoso -------------------------------------------------------------------------------------------------

VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if not (shutil.which("virtuoso-t") and shutil.which("isql-vt")):
        pytest.skip("Debian virtuoso-opensource is not installed (.ci/run installs it)")
    d = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, sql=sql, http=http))
    proc = subprocess.Popen(["virtuoso-t", "-f", "-c", str(d / "virtuoso.ini")], cwd=d,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_port(http, proc, seconds=120)

        def isql(statement: str) -> str:
            res = subprocess.run(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", f"exec={statement}"],
                                 capture_output=True, text=True, timeout=300)
            assert "Error" not in res.stdout + res.stderr, res.stdout + res.stderr
            return res.stdout

        yield d, isql, f"http://127.0.0.1:{http}/sparql"
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _virtuoso_rows(endpoint: str, query: str, graph: str | None = None) -> list[dict]:
    params = {"query": query}
    if graph:
        params["default-graph-uri"] = graph
    req = urllib.request.Request(endpoint, data=urllib.parse.urlencode(params).encode(),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return _json_rows(json.loads(resp.read()))


@pytest.mark.integration
def test_virtuoso_loads_turtle_and_trig_and_gives_the_same_answers(graph, store, virtuoso):
    import pyoxigraph as ox
    d, isql, endpoint = virtuoso
    shutil.copy(graph / "graph.ttl", d / "graph.ttl")
    shutil.copy(graph / "graph.trig", d / "graph.trig")
    isql(f"DB.DBA.TTLP_MT(file_to_string_output('{d}/graph.ttl'), '', 'urn:kg:ttl', 0)")
    isql(f"DB.DBA.TTLP_MT(file_to_string_output('{d}/graph.trig'), '', 'urn:kg:trig-default', 256)")
    ttl_count = len(Q.open_store(graph / "graph.ttl"))
    n = _virtuoso_rows(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "urn:kg:ttl")
    assert int(n[0]["n"]) == ttl_count
    for doc in ("000_3131345f269c1f80", "003_21a3966b35e6bf93"):
        iri = f"http://example.org/kg/doc/{doc}"
        n = _virtuoso_rows(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
        assert int(n[0]["n"]) == sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
    for name, (params, _want) in EXPECTED.items():
        text = Q.query_text(name)
        bound = {k: Q.parse_param(f"{k}={v}")[1] for k, v in params.items()}
        for k, v in params.items():   # Virtuoso has no parameter binding: a VALUES block with a known test value
            text = text.replace("WHERE {", f"WHERE {{\n  VALUES ?{k} {{ {json.dumps(v)} }}", 1)
        theirs = _virtuoso_rows(endpoint, Q.prologue() + text, "urn:kg:ttl")
        assert _table(theirs) == _table(Q.rows(Q.run(store, Q.query_text(name), bound))), name


@pytest.mark.integration
def test_hostile_literals_survive_oxigraph_server_and_virtuoso(tmp_path, virtuoso, oxigraph_server):
    ttl, trig = _write_hostile(tmp_path)
    d, isql, endpoint = virtuoso
    shutil.copy(ttl, d / "h.ttl")
    isql(f"DB.DBA.TTLP_MT(file_to_string_output('{d}/h.ttl'), '', 'urn:kg:hostile', 0)")
    query = Q.prologue() + "SELECT ?e ?l WHERE { ?e rdfs:label ?l }"
    ours = {(r["e"], r["l"]) for r in Q.rows(Q.run(Q.open_store(ttl), query))}
    assert {r["l"] for r in _virtuoso_rows(endpoint, query, "urn:kg:hostile")} == set(HOSTILE)
    assert {(r["e"], r["l"]) for r in _virtuoso_rows(endpoint, query, "urn:kg:hostile")} == ours
    assert _put(f"{oxigraph_server}/store", trig.read_bytes(), "application/trig", method="POST") in (200, 201, 204)
    assert {(r["e"], r["l"]) for r in _json_rows(_sparql(f"{oxigraph_server}/query", query))} == ours
