"""The HTML viewer in a real headless Chromium (Debian's, driven by Playwright)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import HOSTILE, hostile_graph

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page with its console errors, dialogs and requests recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-stable=yes]", state="attached", timeout=120_000)

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def visible(self) -> tuple[list[dict], list[dict]]:
        nodes = self.js("kgViewer.visibleNodes().map(id => DATA_NODES[id])".replace(
            "DATA_NODES", "Object.fromEntries(JSON.parse(document.getElementById('kg-data').textContent)"
                          ".nodes.map(n => [n.id, n]))"))
        edges = self.js("kgViewer.visibleEdges().map(id => DATA_EDGES[id])".replace(
            "DATA_EDGES", "Object.fromEntries(JSON.parse(document.getElementById('kg-data').textContent)"
                          ".edges.map(e => [e.id, e]))"))
        return nodes, edges

    def click_node(self, node_id: str) -> None:
        pos = self.page.evaluate("(id) => kgViewer.network.canvasToDOM(kgViewer.network.getPositions([id])[id])",
                                 node_id)
        box = self.page.locator("#network").bounding_box()
        self.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def seeds_page(browser, seeds_build):
    out, _ = seeds_build
    page = Page(browser, out / "graph.html")
    yield page, out
    page.close()


def _graph_counts(out: Path) -> tuple[int, int]:
    from kg import query as Q
    store = Q.open_store(out / "graph.ttl")
    classes = "kg:Person kg:Organization kg:Place kg:Group kg:Attack kg:Clash kg:Agreement kg:Demonstration " \
              "kg:Arrest kg:Negotiation kg:Meeting kg:Election"
    nodes = Q.rows(Q.run(store, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {classes} }} ?e a ?c }}"))
    edges = Q.rows(Q.run(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{
        VALUES ?c {{ {classes} }} VALUES ?c2 {{ {classes} }}
        ?s ?p ?o . ?o a ?c . ?s a ?c2 . FILTER(STRSTARTS(STR(?p), STR(kg:)) && ?p != kg:mentionedIn) }}"""))
    return int(nodes[0]["n"]), int(edges[0]["n"])


@pytest.mark.integration
def test_opens_offline_with_the_graphs_counts(seeds_page):
    page, out = seeds_page
    n_nodes, n_edges = _graph_counts(out)
    assert page.js("kgViewer.nodeView.getDataSet().length") == n_nodes
    assert page.js("kgViewer.edgeView.getDataSet().length") == n_edges
    assert len(page.js("kgViewer.visibleEdges()")) == n_edges      # every fact between entities is drawn
    assert f"of {n_nodes} nodes" in page.page.inner_text("#counts")
    assert page.requests == [page.url] and page.errors == []
    assert page.js("kgViewer.network.physics.physicsEnabled") is False   # frozen after stabilising


@pytest.mark.integration
def test_search_finds_an_entity_by_an_alias_and_the_panel_shows_evidence(seeds_page):
    page, _ = seeds_page
    p = page.page
    p.fill("#search", "muqtada")       # an alias, lower case
    first = p.locator("#results li").first
    assert first.get_attribute("data-id") == "moqtada_al_sadr"
    first.click()
    assert p.inner_text("#panel h3") == "Moqtada al-Sadr"
    assert "Muqtada al-Sadr" in p.inner_text("#panel .aliases")
    p.locator("#panel .fact a", has_text="leads → Mahdi Army").click()
    sentences = p.locator("#panel .evidence .sentence").all_inner_texts()
    assert sentences and all(s.strip() for s in sentences)
    assert any("Mahdi Army" in s or "militia" in s for s in sentences)
    assert "confidence" in p.inner_text("#panel .evidence .meta")


@pytest.mark.integration
def test_clicking_a_node_on_the_canvas_opens_it(seeds_page):
    page, _ = seeds_page
    page.js("() => kgViewer.network.moveTo({position: kgViewer.network.getPositions(['najaf'])['najaf'], scale: 1.5})")
    page.page.wait_for_timeout(200)
    page.click_node("najaf")
    assert page.page.inner_text("#panel h3") == "Najaf"


@pytest.mark.integration
def test_filters_hide_what_they_should(seeds_page):
    page, _ = seeds_page
    p = page.page
    total_nodes, total_edges = (len(x) for x in page.visible())

    p.locator("#legend input[value=Person]").uncheck()
    nodes, edges = page.visible()
    assert nodes and not [n for n in nodes if n["cls"] == "Person"] and len(nodes) < total_nodes
    p.locator("#legend input[value=Person]").check()

    p.locator("#relations input[value=leads]").uncheck()
    nodes, edges = page.visible()
    assert edges and not [e for e in edges if e["rel"] == "leads"]
    p.locator("#relations input[value=leads]").check()

    p.locator("#min-confidence").fill("0.85")
    nodes, edges = page.visible()
    assert edges and all(max(v["confidence"] for v in e["evidence"]) >= 0.85 for e in edges)
    assert len(edges) < total_edges
    p.locator("#min-confidence").fill("0")

    stems = p.locator("#articles input[type=checkbox]").evaluate_all("els => els.map(e => e.value)")
    for box in p.locator("#articles input[type=checkbox]").all()[1:]:
        box.uncheck()
    nodes, edges = page.visible()
    assert nodes and all(stems[0] in n["docs"] for n in nodes)
    assert all(any(v["doc"] == stems[0] for v in e["evidence"]) for e in edges)
    for box in p.locator("#articles input[type=checkbox]").all()[1:]:
        box.check()

    p.fill("#date-from", "2006-01-01")
    p.dispatch_event("#date-from", "change")
    nodes, edges = page.visible()
    docs = page.js("JSON.parse(document.getElementById('kg-data').textContent).docs")
    late = {s for s, d in docs.items() if d["date"] >= "2006-01-01"}
    assert nodes and late and all(set(n["docs"]) & late for n in nodes)
    p.fill("#date-from", "")
    p.dispatch_event("#date-from", "change")
    assert tuple(len(x) for x in page.visible()) == (total_nodes, total_edges)


@pytest.mark.integration
def test_focus_on_a_neighbourhood_and_back(seeds_page):
    page, _ = seeds_page
    p = page.page
    total = len(page.visible()[0])
    page.js("kgViewer.select('mahdi_army')")
    p.locator("#panel button[data-hops='1']").click()
    nodes, edges = page.visible()
    ids = {n["id"] for n in nodes}
    assert "mahdi_army" in ids and "moqtada_al_sadr" in ids and len(ids) < total
    assert all("mahdi_army" in (e["from"], e["to"]) or {e["from"], e["to"]} <= ids for e in edges)
    p.locator("#panel button[data-hops='2']").click()
    assert len(page.visible()[0]) >= len(ids)
    p.click("#reset")
    assert len(page.visible()[0]) == total


def test_hostile_strings_are_shown_as_text(browser, tmp_path):
    from kg import viewer
    g, texts = hostile_graph()
    path = tmp_path / "hostile.html"
    path.write_text(viewer.html(g, texts), encoding="utf-8")
    page = Page(browser, path)
    try:
        assert page.js("document.querySelectorAll('#panel img, #results img, img[src=x]').length") == 0
        page.js("document.getElementById('show-isolated').click()")
        for name in HOSTILE:
            page.page.fill("#search", name[:12])
            page.page.locator("#results li").first.click()
            assert page.js("document.querySelector('#panel h3').textContent") in HOSTILE
        page.page.fill("#search", "</script>")
        page.page.locator("#results li").first.click()
        assert page.js("document.querySelector('#panel h3').textContent") == HOSTILE[2]
        page.js("kgViewer.select('back_slash_and_new_line')")
        page.page.locator("#panel .fact a").first.click()
        sentence = page.js("document.querySelector('#panel .evidence .sentence').textContent")
        assert HOSTILE[2] in sentence and HOSTILE[3] in sentence
        assert page.js("document.querySelectorAll('img').length") == 0
        assert page.dialogs == [] and page.errors == [] and page.requests == [page.url]
    finally:
        page.close()


def test_kg_view_opens_the_page(tmp_path, monkeypatch, capsys):
    import webbrowser
    from kg.cli import main
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    html = tmp_path / "graph.html"
    html.write_text("<html></html>")
    assert main(["view", str(html)]) == 0
    assert opened == [html.resolve().as_uri()]
    assert main(["view", str(tmp_path / "missing.html")]) == 2
    assert "missing.html" in capsys.readouterr().err
