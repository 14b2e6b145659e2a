"""Queries that cannot reach out, run away or lie: SERVICE refused, time limits, Ctrl-C, FROM honoured, a server
that dies with kg and says when its port is taken."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port, json_rows, sparql
from kg import query as Q

KG_BIN = str(Path(sys.executable).parent / "kg")
PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def graph(seeds_build):
    out, _ = seeds_build
    return out / "graph.trig"


class Listener:
    """A loopback TCP listener that counts the connections it gets (proof that no request left)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.close()


SERVICES = ["SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/internal-admin> {{ ?s ?p ?o }} }}",
            "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/x> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
            "# a comment\nprefix ex: <http://ex/>\nselect * {{ service <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"]


def test_the_query_shape_is_read_from_words_not_strings():
    assert Q.shape('SELECT * WHERE { ?s ?p "SERVICE FROM" . ?service <urn:from> ?x }') == \
        Q.Shape(update=False, service=False, dataset=False, variables=frozenset({"s", "p", "service", "x"}))
    assert Q.shape("PREFIX a: <urn:a>\nINSERT DATA { a:x a:y a:z }").update
    assert Q.shape("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }").dataset


@pytest.mark.integration
def test_kg_query_refuses_service_and_sends_nothing(graph):
    listener = Listener()
    for q in SERVICES:
        res = subprocess.run([KG_BIN, "query", q.format(port=listener.port), "-g", str(graph)],
                             capture_output=True, text=True, timeout=120)
        assert res.returncode == 2 and "SERVICE" in res.stderr and "--allow-service" in res.stderr, res.stderr
        assert res.stdout == ""
    assert listener.hits == 0


@pytest.mark.integration
def test_kg_query_stops_at_its_time_limit_and_on_ctrl_c(graph):
    start = time.monotonic()
    res = subprocess.run([KG_BIN, "query", PRODUCT, "-g", str(graph), "--timeout", "2"], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 2 and "longer than 2 s" in res.stderr and time.monotonic() - start < 30
    proc = subprocess.Popen([KG_BIN, "query", PRODUCT, "-g", str(graph), "--timeout", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(5)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 130 and "interrupted" in proc.stderr.read()


@pytest.mark.integration
def test_from_names_the_dataset(graph):
    store = Q.open_store(graph)
    one = next(g.value for g in sorted(store.named_graphs(), key=lambda g: g.value))
    count = lambda q: int(Q.rows(Q.run(store, q))[0]["n"])  # noqa: E731
    everything = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    own = count(f"SELECT (COUNT(*) AS ?n) FROM <{one}> WHERE {{ ?s ?p ?o }}")
    assert 0 < own < everything
    assert count("SELECT (COUNT(*) AS ?n) FROM <http://example.org/nothing> WHERE { ?s ?p ?o }") == 0
    assert count(f"SELECT (COUNT(*) AS ?n) FROM NAMED <{one}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == own


@pytest.mark.integration
def test_kg_query_error_paths_are_one_clear_line(graph):
    cases = [(["INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "read-only"),
             (["said"], "needs --param name=VALUE"),
             (["said", "-p", "nmae=Sadr"], "unknown parameter(s) nmae; saved question 'said' takes: name"),
             (["SELECT ?x WHERE { ?x ?p ?o }", "-p", "y=1"], "unknown parameter(s) y")]
    for args, message in cases:
        res = subprocess.run([KG_BIN, "query", *args, "-g", str(graph)], capture_output=True, text=True, timeout=120)
        assert res.returncode == 2 and message in res.stderr and "Traceback" not in res.stderr, (args, res.stderr)
        assert len(res.stderr.strip().splitlines()) == 1


def _start_serve(graph, port, *extra):
    proc = subprocess.Popen([KG_BIN, "serve", "-g", str(graph), "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = proc.stdout.readline()
    assert f"127.0.0.1:{port}/query" in banner, proc.stderr.read() if proc.poll() is not None else banner
    return proc


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.integration
def test_kg_serve_refuses_service_honours_from_and_never_sends_a_cut_off_answer(graph):
    listener = Listener()
    port = free_port()
    proc = _start_serve(graph, port, "--timeout", "3")
    url = f"http://127.0.0.1:{port}/query"
    try:
        for q in SERVICES:
            with pytest.raises(urllib.error.HTTPError) as refused:
                sparql(url, q.format(port=listener.port))
            assert refused.value.code == 403
        assert listener.hits == 0
        store = Q.open_store(graph)
        one = next(g.value for g in sorted(store.named_graphs(), key=lambda g: g.value))
        own = int(Q.rows(Q.run(store, f"SELECT (COUNT(*) AS ?n) FROM <{one}> WHERE {{ ?s ?p ?o }}"))[0]["n"])
        got = json_rows(sparql(url, f"SELECT (COUNT(*) AS ?n) FROM <{one}> WHERE {{ ?s ?p ?o }}"))
        assert int(got[0]["n"]) == own
        union = json_rows(sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        assert int(union[0]["n"]) > own
        for accept in ("text/csv", "application/sparql-results+json"):
            data = urllib.parse.urlencode({"query": PRODUCT}).encode()
            req = urllib.request.Request(url, data=data, headers={"Accept": accept})
            with pytest.raises(urllib.error.HTTPError) as late:
                urllib.request.urlopen(req, timeout=60)
            assert late.value.code == 503 and b"longer than 3 s" in late.value.read()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)


@pytest.mark.integration
@pytest.mark.parametrize("how", [signal.SIGHUP, signal.SIGKILL])
def test_the_store_behind_kg_serve_dies_with_it(graph, how, tmp_path):
    port = free_port()
    proc = _start_serve(graph, port)
    backend = _children(proc.pid)
    assert backend and all(_alive(p) for p in backend)
    proc.send_signal(how)
    proc.wait(timeout=20)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in backend) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in backend)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


@pytest.mark.integration
def test_kg_serve_says_when_its_port_is_taken_or_wrong(graph):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        res = subprocess.run([KG_BIN, "serve", "-g", str(graph), "--port", str(port)], capture_output=True, text=True,
                             timeout=60)
    assert res.returncode == 2 and f"port {port} is in use" in res.stderr and "serving" not in res.stdout
    res = subprocess.run([KG_BIN, "serve", "-g", str(graph), "--port", "99999"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 2 and "not a TCP port" in res.stderr and "panicked" not in res.stderr


def test_a_long_inline_query_is_a_query_not_a_file_name():
    text = "SELECT ?x WHERE { ?x ?p ?o . " + " ".join(f'FILTER(?o != "{i}")' for i in range(60)) + " }"
    assert len(text) > 1000 and Q.query_text(text) == text
