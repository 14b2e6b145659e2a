"""Hostile input and faults: bad files, hostile strings, duplicates, kills, unwritable outputs."""
from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from conftest import ROOT, have

KG_BIN = str(Path(sys.executable).parent / "kg")
GOOD = ("Rebel fighters loyal to General Ahmed Karimi attacked the port city of Aden on Tuesday, "
        "officials said. Karimi, the commander of the Southern Brigade, said his men would hold the port.\n")
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "resolution.csv")


def _corpus(folder: Path) -> dict[str, str]:
    """Hostile files (and what must happen to each): 'built' or a fragment of the skip reason."""
    folder.mkdir(parents=True, exist_ok=True)
    w = lambda name, data: (folder / name).write_bytes(data)  # noqa: E731
    w("good.txt", GOOD.encode())
    w("empty.txt", b"")
    w("blank.txt", b"  \n\t \r\n  ")
    w("report.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 20)
    w("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    w("windows.txt", ("Jos\u00e9 Mart\u00ednez, the mayor of C\u00f3rdoba, met \u201crebel\u201d leaders "
                      "in Madrid on Monday.\n").encode("cp1252"))
    w("latin1.txt", "Fran\u00e7ois Hollande visited Bamako, the capital of Mali, on Friday.\n".encode("latin-1"))
    w("bom_crlf.txt", "\ufeffPresident Barack Obama met Angela Merkel in Berlin.\r\n\r\nThey talked about Ukraine.\r\n"
      .encode("utf-8"))
    w("control.txt", b"Police arrested\x00 two men in\x07 Lagos on\x1b Sunday, officials said.\x0c\n")
    w("page.txt", b"<!DOCTYPE html><html><head><title>Floods hit Dhaka</title><script>alert(1)</script></head>"
                  b"<body><nav>Home | World</nav><p>Floods hit Dhaka, the capital of Bangladesh, on Monday, "
                  b"officials said.</p><footer>Copyright</footer></body></html>")
    w("bad_date.txt", b"title: A story\ndate: 31/31/2020\n---\nSomething happened in Paris.\n")
    with open(folder / "huge.txt", "wb") as fh:   # 50 MB
        fh.write(b"The council met in Geneva. " * (50_000_000 // 27 + 1))
    w("long.txt", (("The minister spoke in Rome about the budget. " * 200) + "\n").encode())
    w("good_copy.txt", GOOD.encode())
    return {"good.txt": "built", "empty.txt": "empty", "blank.txt": "empty", "report.pdf.txt": "binary",
            "image.txt": "binary", "windows.txt": "built", "latin1.txt": "built", "bom_crlf.txt": "built",
            "control.txt": "built", "page.txt": "built", "bad_date.txt": "malformed date", "huge.txt": "too large",
            "long.txt": "too long", "good_copy.txt": "duplicate of"}


@pytest.mark.integration
def test_a_hostile_corpus_builds_what_it_can_and_names_the_rest(tmp_path):
    expected = _corpus(tmp_path / "in")
    res = subprocess.run([KG_BIN, "build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--max-chars", "5000"],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 1, res.stderr
    skipped = [line for line in res.stderr.splitlines() if line.startswith("skipped ")]
    for name, outcome in expected.items():
        lines = [line for line in skipped if f"{name}:" in line]
        if outcome == "built":
            assert not lines, lines
        else:
            assert len(lines) == 1 and outcome in lines[0], (name, skipped)
    assert len(skipped) == sum(1 for v in expected.values() if v != "built")

    import pyoxigraph as ox
    from kg import query as Q
    store = Q.open_store(tmp_path / "out" / "graph.ttl")
    docs = {r["id"]: r for r in Q.rows(Q.run(store, """SELECT ?id ?format ?title WHERE {
        ?d dcterms:identifier ?id . OPTIONAL { ?d dcterms:format ?format } OPTIONAL { ?d dcterms:title ?title } }"""))}
    assert set(docs) == {n[:-4] for n, v in expected.items() if v == "built"}
    assert docs["windows"]["format"] == "text/plain; charset=windows-1252"
    assert docs["latin1"]["format"] == "text/plain; charset=windows-1252"
    assert docs["good"]["format"] == "text/plain; charset=utf-8"
    assert docs["page"]["format"] == "text/html; charset=utf-8" and docs["page"]["title"] == "Floods hit Dhaka"
    labels = {r["l"] for r in Q.rows(Q.run(store, "SELECT ?l WHERE { ?e rdfs:label ?l }"))}
    assert "José Martínez" in labels and "François Hollande" in labels and "Dhaka" in labels
    assert not any("\x00" in lbl or "\x07" in lbl for lbl in labels)
    sentences = [r["s"] for r in Q.rows(Q.run(store, "SELECT ?s WHERE { ?st kg:sentence ?s }"))]
    assert not any("alert(1)" in s or "Home | World" in s for s in sentences)
    assert (tmp_path / "out" / "docs" / "control.txt").read_text().startswith("Police arrested two men")
    # the copy's facts are not doubled: every evidence of the good article's facts comes from good.txt
    evid = Q.rows(Q.run(store, "SELECT ?doc WHERE { ?st prov:wasDerivedFrom ?d . ?d dcterms:identifier ?doc }"))
    assert not [r for r in evid if r["doc"] == "good_copy"]
    assert isinstance(store, ox.Store)


@pytest.mark.integration
def test_strict_stops_at_the_first_problem_and_writes_nothing(tmp_path):
    _corpus(tmp_path / "in")
    res = subprocess.run([KG_BIN, "build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--strict"],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 2 and "error" in res.stderr
    assert not (tmp_path / "out").exists()


# --- hostile strings: property-based ------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(_text, min_size=2, max_size=5, unique=True), sentence=_text, title=_text)
def test_random_strings_round_trip_through_turtle_and_trig(names, sentence, title):
    import pyoxigraph as ox
    from rdflib import Dataset, Graph as RGraph, Literal
    from rdflib.namespace import RDFS
    from kg import export, rdf
    from kg.resolve import Entity, Evidence, Graph, Quote, slug

    entities = {}
    for i, name in enumerate(names):
        eid = f"{slug(name)}_{i}"
        entities[eid] = Entity(eid, "Person", name, {name + "!"}, {"d"})
    ids = sorted(entities)
    text = sentence
    kg = Graph(entities=entities, quotes={"q": Quote("q", sentence, "d", 0, len(text))},
               facts={(ids[0], "leads", ids[1]): [Evidence("d", 0, len(text), "x", 0.5)],
                      (ids[0], "said", "quote:q"): [Evidence("d", 0, len(text), "x", 0.5)]},
               literals={}, documents={"d": {"title": title}}, merges=[])
    ds = rdf.build(kg, {"d": text})
    ttl, trig = export.turtle(ds), export.trig(ds)
    want_labels = set(names)
    g = RGraph().parse(data=ttl, format="turtle")
    assert {str(o) for o in g.objects(None, RDFS.label)} == want_labels
    assert Literal(sentence) in set(g.objects())
    d = Dataset()
    d.parse(data=trig, format="trig")
    assert {str(o) for _s, _p, o, _g in d.quads((None, RDFS.label, None, None))} == want_labels
    for data, fmt in ((ttl, ox.RdfFormat.TURTLE), (trig, ox.RdfFormat.TRIG)):
        store = ox.Store()
        store.load(data.encode("utf-8"), format=fmt)
        labels = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None)}
        assert labels == want_labels
        assert any(q.object.value == sentence for q in store if isinstance(q.object, ox.Literal))


@pytest.mark.skipif(not (have("serdi") and have("rapper")), reason="serdi/rapper not installed")
def test_hostile_strings_pass_the_strict_parsers(tmp_path):
    from conftest import hostile_graph
    from kg import export, rdf
    g, texts = hostile_graph()
    ds = rdf.build(g, texts)
    (tmp_path / "h.ttl").write_text(export.turtle(ds), encoding="utf-8")
    (tmp_path / "h.trig").write_text(export.trig(ds), encoding="utf-8")
    for cmd in (["serdi", "-i", "turtle", "-o", "ntriples", "h.ttl"], ["serdi", "-i", "trig", "-o", "nquads", "h.trig"],
                ["rapper", "-q", "-i", "turtle", "-o", "ntriples", "h.ttl"],
                ["rapper", "-q", "-i", "trig", "-o", "nquads", "h.trig"]):
        res = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
        assert res.returncode == 0 and res.stdout.count("\n") > 20, (cmd, res.stderr)


# --- faults -----------------------------------------------------------------------------------------------------

def _digest(folder: Path) -> dict[str, str]:
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in OUTPUTS if (folder / n).exists()}


@pytest.mark.integration
def test_a_killed_build_leaves_the_previous_outputs_intact(tmp_path):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    small = tmp_path / "small"
    small.mkdir()
    for p in seeds[:2]:
        shutil.copy(p, small)
    out_new = tmp_path / "reference"
    subprocess.run([KG_BIN, "build", str(ROOT / "seeds"), "-o", str(out_new)], check=True, capture_output=True)
    new = _digest(out_new)
    out = tmp_path / "out"
    subprocess.run([KG_BIN, "build", str(small), "-o", str(out)], check=True, capture_output=True)
    old = _digest(out)
    assert set(old) == set(OUTPUTS) and all(old[n] != new[n] for n in ("graph.ttl", "graph.trig"))
    start = time.monotonic()
    subprocess.run([KG_BIN, "build", str(ROOT / "seeds"), "-o", str(tmp_path / "timing")], check=True,
                   capture_output=True)
    duration = time.monotonic() - start
    import pyoxigraph as ox
    for fraction in (0.2, 0.5, 0.8, 0.9, 0.95, 0.99):
        proc = subprocess.Popen([KG_BIN, "build", str(ROOT / "seeds"), "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _digest(out)
        assert set(now) == set(OUTPUTS)
        for name in OUTPUTS:
            assert now[name] in (old[name], new[name]), (fraction, name)
        ox.Store().load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
        ox.Store().load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
        if now == new:
            break
    res = subprocess.run([KG_BIN, "build", str(ROOT / "seeds"), "-o", str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert _digest(out) == new
    assert not [p for p in out.rglob("*.tmp")]     # the next build sweeps what a killed one left


def test_an_unusable_output_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    res = subprocess.run([KG_BIN, "build", str(tmp_path / "in"), "-o", str(blocker / "out")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 2
    assert "afile" in res.stderr and "Traceback" not in res.stderr
    assert blocker.read_text() == "not a folder"


def _limit_file_size():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no RLIMIT_FSIZE")
def test_a_full_disk_leaves_the_previous_outputs_and_says_so(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    out = tmp_path / "out"
    subprocess.run([KG_BIN, "build", str(tmp_path / "in"), "-o", str(out)], check=True, capture_output=True)
    before = _digest(out)
    for i in range(3):   # the viewer page (its script inlined, ~45 KB) outgrows the 20 KB limit
        (tmp_path / "in" / f"b{i}.txt").write_text(GOOD.replace("Aden", f"Aden {i}").replace("Tuesday", "Monday"))
    res = subprocess.run([KG_BIN, "build", str(tmp_path / "in"), "-o", str(out)], capture_output=True, text=True,
                         timeout=300, preexec_fn=_limit_file_size)
    assert res.returncode == 2, res.stderr
    assert "cannot write" in res.stderr and "File too large" in res.stderr and "Traceback" not in res.stderr
    assert _digest(out) == before
    assert not [p for p in out.rglob("*.tmp")]
    assert os.access(out / "graph.ttl", os.R_OK)


@pytest.mark.integration
def test_a_planted_pickle_in_the_cache_is_never_run(tmp_path):
    """The cache holds data (JSON), so an attacker who can write OUT/.cache cannot make a build run code."""
    import pickle
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD)
    out = tmp_path / "out"
    subprocess.run([KG_BIN, "build", str(src), "-o", str(out)], check=True, capture_output=True)
    before = (out / "graph.ttl").read_bytes()
    marker = tmp_path / "owned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))
    entries = list((out / ".cache").glob("*/*.json"))
    assert entries
    for entry in entries:     # every entry replaced by a pickle, and pickles planted beside them
        entry.write_bytes(pickle.dumps(Evil()))
        entry.with_suffix(".pickle").write_bytes(pickle.dumps(Evil()))
    res = subprocess.run([KG_BIN, "build", str(src), "-o", str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert not marker.exists() and (out / "graph.ttl").read_bytes() == before
    assert not list((out / ".cache").glob("*/*.pickle"))     # unused entries are pruned


def test_two_builds_into_one_folder_the_second_is_refused(tmp_path):
    import fcntl
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD)
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        res = subprocess.run([KG_BIN, "build", str(src), "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and f"another build is writing {out}" in res.stderr
    assert not (out / "graph.ttl").exists()


def test_an_unwritable_output_folder_is_refused_before_any_parsing(tmp_path):
    import kg
    from kg.export import OutputError
    (tmp_path / "a-file").write_text("x")
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD)
    # the model does not exist: had the build parsed anything first, it would fail on the model instead
    with pytest.raises(OutputError, match="cannot write"):
        kg.build([src], out=tmp_path / "a-file" / "out", model="no_such_model", log=lambda m: None)


@pytest.mark.integration
def test_a_rebuild_with_fewer_articles_removes_their_texts(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(GOOD)
    (src / "sub" / "b.txt").write_text("Police in Lagos arrested two men on Sunday, officials said.")
    out = tmp_path / "out"
    subprocess.run([KG_BIN, "build", str(src), "-o", str(out)], check=True, capture_output=True)
    assert sorted(p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.txt")) == ["a.txt", "sub/b.txt"]
    (src / "sub" / "b.txt").unlink()
    subprocess.run([KG_BIN, "build", str(src), "-o", str(out)], check=True, capture_output=True)
    assert [p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*")] == ["a.txt"]
