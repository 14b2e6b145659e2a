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
        data = "JSON.parse(document.getElementById('kg-data').textContent)"
        nodes = self.js(f"(() => {{ const d = {data}; const by = Object.fromEntries(d.nodes.map(n => [n.id, n])); "
                        "return kgViewer.visibleNodes().map(id => by[id]); })()")
        edges = self.js(f"(() => {{ const d = {data}; const by = Object.fromEntries(d.edges.map(e => [e.id, e])); "
                        "return kgViewer.visibleEdges().map(id => by[id]); })()")
        return nodes, edges

    def drag(self, selector: str, value: str) -> None:
        """Move a slider as a hand does: 'input' events only, no release."""
        self.page.evaluate("([sel, v]) => { const e = document.querySelector(sel); e.value = v; "
                           "e.dispatchEvent(new Event('input', {bubbles: true})); }", [selector, value])

    def click_node(self, node_id: str) -> None:
        pos = self.page.evaluate("(id) => kgViewer.toScreen(id)", node_id)
        box = self.page.locator("#canvas").bounding_box()
        self.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def seeds_page(browser, seeds_build):
    out, _ = seeds_build
    page = Page(browser, out / "graph.html")
    yield page, out
    page.close()


@pytest.fixture()
def seeds(seeds_page):
    """The seeds page, put back to its opening state before each test."""
    page, out = seeds_page
    page.page.click("#reset")
    page.page.fill("#search", "")
    return page, out


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


def _small_graph(n_docs: int = 30):
    """A hand-made graph: a well-connected Barack Obama with the alias "Obama", a thin duplicate node "Obama",
    relatives whose names contain "Obama", and articles spread over weeks."""
    from kg.resolve import Entity, Evidence, Graph
    docs = {f"a{i:02d}": {"title": f"Story number {i}", "date": f"2016-{1 + i // 10:02d}-{1 + 2 * (i % 10):02d}",
                          "publisher": "Daily Test" if i % 2 else "Wire Test", "url": f"https://example.org/{i}"}
            for i in range(n_docs)}
    stems = sorted(docs)
    texts = {d: f"Barack Obama met Vladimir Putin in story {d}. Obama spoke. Michelle Obama visited Kyiv." for d in docs}
    ents = {
        "barack_obama": Entity("barack_obama", "Person", "Barack Obama", {"Obama", "President Obama"}, set(stems)),
        "obama": Entity("obama", "Person", "Obama", set(), {stems[0]}),
        "michelle_obama": Entity("michelle_obama", "Person", "Michelle Obama", set(), {*stems[:3], stems[-1]}),
        "obama_administration": Entity("obama_administration", "Organization", "Obama administration", set(),
                                       set(stems[:5])),
        "vladimir_putin": Entity("vladimir_putin", "Person", "Vladimir Putin", {"Putin"}, set(stems)),
        "kyiv": Entity("kyiv", "Place", "Kyiv", set(), {*stems[:3], stems[-1]}),
        "lonely": Entity("lonely", "Person", "Lonely Person", set(), {stems[1]}),
    }
    def ev(d, c=0.8):
        return Evidence(d, 0, 45, "svo.active", c)
    facts = {
        ("barack_obama", "metWith", "vladimir_putin"): [ev(d) for d in stems],
        ("barack_obama", "leads", "obama_administration"): [ev(stems[2], 0.9)],
        ("obama", "opposes", "vladimir_putin"): [ev(stems[0], 0.5)],
        ("michelle_obama", "visited", "kyiv"): [Evidence(stems[-1], 60, 90, "svo.active", 0.6)],
    }
    return Graph(entities=ents, quotes={}, facts=facts, literals={}, documents=docs, merges=[]), texts


@pytest.fixture(scope="module")
def small_page(browser, tmp_path_factory):
    from kg import viewer
    g, texts = _small_graph()
    path = tmp_path_factory.mktemp("viewer") / "small.html"
    path.write_text(viewer.html(g, texts), encoding="utf-8")
    page = Page(browser, path)
    yield page
    page.close()


@pytest.fixture()
def small(small_page):
    small_page.page.click("#reset")
    small_page.page.fill("#search", "")
    return small_page


@pytest.mark.integration
def test_opens_offline_with_the_graphs_counts(seeds_page):
    page, out = seeds_page
    n_nodes, n_edges = _graph_counts(out)
    assert page.js("JSON.parse(document.getElementById('kg-data').textContent).nodes.length") == n_nodes
    assert len(page.js("kgViewer.visibleEdges()")) == n_edges      # every fact between entities is drawn
    assert f"of {n_nodes} nodes" in page.page.inner_text("#counts")
    assert page.requests == [page.url] and page.errors == []
    assert page.js("kgViewer.stats.firstDrawMs") is not None
    # positions come with the page: every node has one, no physics runs in the browser
    assert page.js("JSON.parse(document.getElementById('kg-data').textContent).nodes"
                   ".every(n => typeof n.x === 'number' && typeof n.y === 'number')")
    # labels are drawn at first sight
    assert page.js("kgViewer.draw().labels") > 5


def test_search_ranks_the_best_name_first_and_enter_opens_it(small):
    p = small.page
    p.fill("#search", "Obama")
    ids = p.locator("#results li").evaluate_all("els => els.map(e => e.getAttribute('data-id'))")
    # exact name or alias first (the better connected of the two), then prefix, then word matches
    assert ids[:2] == ["barack_obama", "obama"]
    assert set(ids[2:]) == {"obama_administration", "michelle_obama"} and ids[2] == "obama_administration"
    sub = p.locator("#results li .sub").first.inner_text()
    assert "Person" in sub and "2 facts" in sub and "30 articles" in sub and "as “Obama”" in sub
    p.press("#search", "Enter")
    assert p.inner_text("#panel h3") == "Barack Obama"
    assert p.locator("#results li").count() == 0


def test_picking_an_entity_without_facts_replaces_the_selection(small):
    p = small.page
    small.js("kgViewer.select('barack_obama')")
    p.fill("#search", "Lonely")
    first = p.locator("#results li").first
    assert "hidden by the filters" in first.inner_text()     # it has no fact, so it is not drawn
    first.click()
    assert p.inner_text("#panel h3") == "Lonely Person"
    assert small.js("kgViewer.state.selected") == small.js(
        "JSON.parse(document.getElementById('kg-data').textContent).nodes.findIndex(n => n.id === 'lonely')")
    p.locator("#panel .link", has_text="Show it").click()
    assert "lonely" in small.js("kgViewer.visibleNodes()")


def test_the_article_picker_searches_and_isolates_one_article(small):
    p = small.page
    picker = p.locator("#article-picker")
    assert picker.get_attribute("open") is None                 # collapsed by default
    assert "(30 of 30)" in p.text_content("#article-count")
    p.click("#article-picker summary")
    p.fill("#article-search", "number 27")
    for _ in range(50):                                          # the list follows the typing after a pause
        if p.locator("#articles .article").count() == 1:
            break
        p.wait_for_timeout(50)
    assert p.locator("#articles .article").count() == 1
    row = p.locator("#articles .article").first
    assert "Story number 27" in row.inner_text() and "Daily Test" in row.inner_text() and "1 fact" in row.inner_text()
    row.locator("button.only").click()
    assert "(1 of 30)" in p.text_content("#article-count")
    nodes, edges = small.visible()
    assert {n["id"] for n in nodes} == {"barack_obama", "vladimir_putin"}
    assert all(any(v["doc"] == "a27" for v in e["evidence"]) for e in edges)
    p.click("#articles-none")
    assert small.visible() == ([], [])
    p.click("#articles-all")
    assert len(small.visible()[1]) == 4


def test_the_date_slider_is_applied_on_release(small):
    p = small.page
    weeks = int(p.get_attribute("#date-hi", "max")) + 1
    assert weeks > 5
    refreshes = small.js("kgViewer.stats.refreshes")
    # dragging: the label follows, the graph waits for the release
    small.drag("#date-lo", str(weeks - 2))
    assert small.js("kgViewer.stats.refreshes") == refreshes
    assert len(small.visible()[1]) == 4
    p.dispatch_event("#date-lo", "change")
    label = p.inner_text("#date-range")
    nodes, edges = small.visible()
    lo = label.split(" – ")[0]
    docs = small.js("JSON.parse(document.getElementById('kg-data').textContent).docs")
    assert edges and all(any(docs[v["doc"]]["date"] >= lo for v in e["evidence"]) for e in edges)
    assert "michelle_obama" in {n["id"] for n in nodes} and "obama" not in {n["id"] for n in nodes}
    # the handles cannot cross
    small.drag("#date-hi", "0")
    assert int(p.input_value("#date-lo")) <= int(p.input_value("#date-hi"))


def test_reset_clears_every_filter_and_the_focus(small):
    p = small.page
    total = tuple(len(x) for x in small.visible())
    p.locator("#legend input[value=Place]").uncheck()
    p.locator("#relations input[value=metWith]").uncheck()
    p.fill("#min-confidence", "0.85")
    p.dispatch_event("#min-confidence", "change")
    small.js("kgViewer.focusOn('barack_obama', 1)")
    assert tuple(len(x) for x in small.visible()) != total
    p.click("#reset")
    assert tuple(len(x) for x in small.visible()) == total
    assert p.locator("#legend input[value=Place]").is_checked()
    assert p.locator("#relations input[value=metWith]").is_checked()
    assert p.input_value("#min-confidence") == "0"
    assert small.js("kgViewer.state.focus") is None


def test_a_fact_whose_edge_is_hidden_still_opens_its_evidence(small):
    p = small.page
    p.locator("#relations input[value=leads]").uncheck()
    small.js("kgViewer.select('barack_obama', false)")
    row = p.locator("#panel .fact", has_text="leads → Obama administration")
    assert "hidden" in row.inner_text()
    row.locator("a").click()
    assert "hidden by the filters" in p.inner_text("#panel")
    assert p.locator("#panel .evidence .sentence").count() == 1
    assert p.locator("#panel .evidence mark").first.inner_text() == "Barack Obama"
    assert small.errors == []


def test_the_node_panel_reads_like_a_profile(small):
    p = small.page
    p.evaluate("document.getElementById('panel').scrollTop = 500")
    small.js("kgViewer.select('barack_obama')")
    assert p.evaluate("document.getElementById('panel').scrollTop") == 0
    heads = p.locator("#panel h2").all_text_contents()
    assert heads.index("Facts (2)") < len(heads) and "Also written" in heads
    groups = p.locator("#panel .group .head").all_text_contents()
    assert groups == ["leads → (1)", "metWith → (1)"]
    details = p.locator("#panel details")
    assert details.get_attribute("open") is None and "Articles (30)" in details.inner_text()
    p.locator("#panel .fact a", has_text="metWith → Vladimir Putin").click()
    meta = p.locator("#panel .evidence .meta").first.inner_text()
    assert "Story number 0" in meta and "Wire Test" in meta and "2016-01-01" in meta
    assert "verb (“X attacked Y”)" in meta and "confidence 0.80 (strong cue)" in meta
    assert p.locator("#panel .evidence .meta a").first.get_attribute("href") == "https://example.org/0"


@pytest.mark.integration
def test_search_finds_an_entity_by_an_alias_and_the_panel_shows_evidence(seeds):
    page, _ = seeds
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
def test_clicking_a_node_on_the_canvas_opens_it(seeds):
    page, _ = seeds
    page.js("kgViewer.select('najaf')")        # centres it
    page.js("kgViewer.select('mahdi_army', false)")
    page.page.wait_for_timeout(100)
    page.click_node("najaf")
    assert page.page.inner_text("#panel h3") == "Najaf"


@pytest.mark.integration
def test_filters_hide_what_they_should(seeds):
    page, _ = seeds
    p = page.page
    total_nodes, total_edges = (len(x) for x in page.visible())

    p.locator("#legend input[value=Person]").uncheck()
    nodes, edges = page.visible()
    assert nodes and not [n for n in nodes if n["cls"] == "Person"] and len(nodes) < total_nodes
    # a node left without a visible fact is hidden too
    ends = {e["from"] for e in edges} | {e["to"] for e in edges}
    assert {n["id"] for n in nodes} == ends
    p.locator("#legend input[value=Person]").check()

    p.locator("#relations input[value=leads]").uncheck()
    nodes, edges = page.visible()
    assert edges and not [e for e in edges if e["rel"] == "leads"]
    p.locator("#relations input[value=leads]").check()

    page.drag("#min-confidence", "0.85")
    assert "0.85" in p.text_content("#min-confidence-value")
    assert len(page.visible()[1]) == total_edges              # applied on release, not while dragging
    p.dispatch_event("#min-confidence", "change")
    nodes, edges = page.visible()
    assert edges and all(max(v["confidence"] for v in e["evidence"]) >= 0.85 for e in edges)
    assert len(edges) < total_edges
    p.click("#reset")
    assert tuple(len(x) for x in page.visible()) == (total_nodes, total_edges)


@pytest.mark.integration
def test_focus_on_a_neighbourhood_and_escape_goes_back(seeds):
    page, _ = seeds
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
    p.keyboard.press("Escape")
    assert len(page.visible()[0]) == total


def test_hostile_strings_are_shown_as_text(browser, tmp_path):
    from kg import viewer
    from kg.resolve import Evidence
    g, texts = hostile_graph()
    # every field the page shows: title, publisher, author, a link, an attribute, an extractor name
    g.documents["h"].update(publisher=HOSTILE[2], author=HOSTILE[0], url="javascript:alert(1)")
    g.literals["lit:x"] = (HOSTILE[2], "")
    ids = sorted(g.entities)
    g.facts[(ids[1], "title", "lit:x")] = [Evidence("h", 0, len(texts["h"]), "<img src=x onerror=alert(2)>", 0.9)]
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
        assert HOSTILE[2] in page.page.inner_text("#panel .evidence .meta")     # the publisher, as text
        assert page.page.locator("#panel .evidence .meta a").count() == 0     # no javascript: link
        page.js(f"kgViewer.select({ids[1]!r})")
        page.page.locator("#panel .fact a", has_text="title:").click()
        assert "onerror=alert(2)" in page.page.inner_text("#panel")
        page.page.click("#article-picker summary")
        page.page.fill("#article-search", "double")
        page.page.wait_for_timeout(300)
        assert HOSTILE[0] in page.page.inner_text("#articles")
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
