"""Shared fixtures: the spaCy pipeline is loaded once per test session."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    from kg import nlp as kgnlp
    return kgnlp.load()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a hand-written text as an article dated `date`."""
    from kg import nlp as kgnlp
    from kg.clean import Article

    def _parse(text: str, date: str = "2010-03-12", emphasis=()):
        art = Article(stem="t", text=text, meta={"date": date}, emphasis=list(emphasis))
        return next(kgnlp.parse([art], nlp))
    return _parse


@pytest.fixture(scope="session")
def facts(parse):
    """Facts of the given extractor(s) on a text, as (subject, relation, object-or-value) tuples."""
    from kg import extract

    def _facts(text: str, *names: str, date: str = "2010-03-12", canonical: bool = False):
        """`canonical`: name each end by the entity it was resolved to in the sentence, not by its words."""
        _mentions, found = extract.run(parse(text, date), names or None)

        def name(m):
            return (m.canonical or m.text) if canonical else m.text
        return {(name(f.subj), f.rel, name(f.obj) if f.obj is not None else f.value) for f in found}
    return _facts


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """One real build of the seed articles, shared by the integration tests."""
    from kg.pipeline import build
    from kg.settings import Settings

    out = tmp_path_factory.mktemp("out")
    result = build(Settings(inputs=(ROOT / "seeds",), out=out), log=lambda m: None)
    return out, result


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


HOSTILE = [
    'Quote "double" and \'single\'',
    "Back\\slash and new\nline",
    "</script><img src=x onerror=alert(1)>",
    "مقتدى الصدر",
    "O'Brien / Ünal Çelik {braces} #hash %25 😀 e\u0301",
]


def hostile_graph():
    """A hand-made resolved graph whose names, sentences and quotes are hostile strings."""
    from kg.resolve import Entity, Evidence, Graph, Quote, slug

    text = " | ".join(HOSTILE)
    entities = {}
    for i, name in enumerate(HOSTILE):
        eid = slug(name) or f"e{i}"
        entities[eid] = Entity(id=eid, cls="Person" if i % 2 else "Organization", label=name,
                               aliases={name.upper()}, docs={"h"})
    ids = sorted(entities)
    facts = {(ids[0], "leads", ids[1]): [Evidence("h", 0, len(text), "test", 0.5)],
             (ids[2], "said", "quote:q0"): [Evidence("h", 0, len(text), "test", 0.7)]}
    quotes = {"q0": Quote("q0", HOSTILE[2] + " " + HOSTILE[1], "h", 0, len(text))}
    g = Graph(entities=entities, quotes=quotes, facts=facts, literals={},
              documents={"h": {"title": HOSTILE[0], "date": "2020-01-02"}}, merges=[])
    return g, {"h": text}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sparql(url: str, query: str, accept: str = "application/sparql-results+json"):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url, data=data, headers={"Accept": accept,
                                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def json_rows(data: dict) -> list[dict]:
    names = data["head"]["vars"]
    return [{n: b[n]["value"] if n in b else None for n in names} for b in data["results"]["bindings"]]


@pytest.fixture()
def oxigraph_server(tmp_path):
    from kg.store import oxigraph_binary, wait_for
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for("127.0.0.1", port, proc, 60)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)
