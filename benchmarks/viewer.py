"""Benchmark: how fast the HTML viewer becomes interactive and stable on a large graph.

    .venv/bin/python benchmarks/viewer.py [--nodes 2000] [--edges 5000] [--keep PATH]

Generates a graph of N nodes and M edges (communities with a few hubs, several
relations, 1-3 evidences per edge), writes the viewer page, opens it from disk
in headless Chromium (Debian's /usr/bin/chromium via Playwright) and prints
the page size, the time until the layout is stable and frozen, and the time a
filter and a search take.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from kg import viewer
from kg.resolve import Entity, Evidence, Graph

RELATIONS = ["leads", "memberOf", "supports", "opposes", "attacked", "foughtWith", "locatedIn", "negotiatedWith"]
CLASSES = ["Person", "Organization", "Place", "Group", "Attack", "Agreement"]


def synthetic(n_nodes: int, n_edges: int, n_docs: int = 200, seed: int = 1) -> tuple[Graph, dict[str, str]]:
    rng = random.Random(seed)
    docs = {f"d{i:04d}": {"title": f"Article {i}", "date": f"20{10 + i % 10}-0{1 + i % 9}-1{i % 9}"}
            for i in range(n_docs)}
    texts = {d: " ".join(f"Sentence {j} of {d} about someone." for j in range(40)) for d in docs}
    entities = {}
    for i in range(n_nodes):
        cls = CLASSES[rng.randrange(len(CLASSES))]
        eid = f"n{i:05d}"
        entities[eid] = Entity(eid, cls, f"{cls} {i}", {f"alias {i}"}, set(rng.sample(sorted(docs), 2)))
    ids = sorted(entities)
    community = {eid: i // 50 for i, eid in enumerate(ids)}
    facts: dict = {}
    while len(facts) < n_edges:
        a = rng.choice(ids)
        same = [x for x in ids[community[a] * 50: community[a] * 50 + 50] if x != a]
        b = rng.choice(same) if rng.random() < 0.85 else rng.choice(ids)
        if a == b:
            continue
        rel = rng.choice(RELATIONS)
        evs = []
        for _ in range(rng.randint(1, 3)):
            d = rng.choice(sorted(docs))
            s = rng.randrange(0, 600)
            evs.append(Evidence(d, s, s + 40, "svo.active", round(rng.uniform(0.4, 0.95), 2)))
        facts[(a, rel, b)] = evs
    return Graph(entities=entities, quotes={}, facts=facts, literals={}, documents=docs, merges=[]), texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="also write the page here")
    ap.add_argument("--screenshot", type=Path, help="save a screenshot of the stable layout")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    g, texts = synthetic(args.nodes, args.edges)
    page_html = viewer.html(g, texts)
    t_build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        path.write_text(page_html, encoding="utf-8")
        if args.keep:
            args.keep.write_text(page_html, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors, requests = [], []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r: requests.append(r.url))
            t1 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.kgViewer !== undefined", timeout=600_000)
            t_ready = time.perf_counter() - t1
            page.wait_for_selector("body[data-stable=yes]", state="attached", timeout=600_000)
            t_stable = time.perf_counter() - t1
            in_page = page.evaluate("kgViewer.stats.stabilisedMs") / 1000
            shown = page.evaluate("[kgViewer.nodeView.length, kgViewer.edgeView.length]")
            t2 = time.perf_counter()
            page.locator("#relations input[value=supports]").uncheck()
            page.evaluate("kgViewer.visibleEdges().length")
            t_filter = time.perf_counter() - t2
            t3 = time.perf_counter()
            page.fill("#search", "alias 1234")
            page.wait_for_selector("#results li")
            t_search = time.perf_counter() - t3
            if args.screenshot:
                page.locator("#relations input[value=supports]").check()
                page.screenshot(path=str(args.screenshot))
            browser.close()
    print(f"graph                     {args.nodes} nodes, {args.edges} edges ({shown[0]} / {shown[1]} drawn)")
    print(f"page                      {len(page_html.encode()) / 1e6:.1f} MB, written in {t_build:.2f} s")
    print(f"script ready (load+parse) {t_ready:.2f} s")
    print(f"stable and frozen         {t_stable:.2f} s after navigation ({in_page:.2f} s measured in the page)")
    print(f"relation filter           {t_filter * 1000:.0f} ms")
    print(f"search by alias           {t_search * 1000:.0f} ms")
    print(f"console errors            {len(errors)}; requests other than the page: "
          f"{len([r for r in requests if r != path.as_uri()])}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
