"""Does a fact's confidence mean something? Confidence bin -> precision on a gold set (issue 14).

Builds the gold set's articles (or reads --graph), judges every fact of an article with the scorer's own
matching (`kgscore.py`: a fact is right when it is not among its false facts; facts with an end the gold does
not know are left out, as the scorer leaves them), and prints, for each confidence bin, how many facts fall in
it and how many of them are right:

    python benchmarks/calibration.py                       # the dev set, built now
    python benchmarks/calibration.py --graph dev-out/graph.ttl --gold ../shared/dev/gold

A fact's confidence is kg's aggregate over its evidences in the article (`kg.resolve.aggregate`, noisy-or of
the calibrated evidence confidences the graph states). `--only` judges some articles: the table fitted on the
first half of the dev set (scripts/make_calibration.py) is honest only on the second:

    python benchmarks/calibration.py --only d08_... d14_...
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from rdflib import RDF, Namespace
from rdflib.namespace import PROV

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KG = Namespace("http://example.org/kg/ontology#")
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kgscore", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(built, golds: list[dict], ks, combine=None) -> list[tuple[float, bool, str]]:
    """(confidence, right, kind) for every judged fact of every gold article; `combine` makes one figure of
    the fact's evidence confidences (default: kg's aggregate)."""
    from kg.resolve import aggregate, fact_kind

    combine = combine or aggregate
    g = built.g
    conf: dict[tuple, list[float]] = collections.defaultdict(list)     # (s, p, o, stem) -> evidence confidences
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        doc, c = g.value(st, PROV.wasDerivedFrom), g.value(st, KG.confidence)
        if None not in (s, p, o, doc, c):
            conf[(s, p, o, built.doc_of.get(doc))].append(float(c))
    out = []
    for gold in golds:
        stem, errors = gold["doc"], []
        ks.score_doc(built, gold, errors)
        false = collections.Counter(e.split("\t", 2)[2] for e in errors if "\tfalse " in e)
        for s, rel, o, stems in built.facts:
            if stem not in stems:
                continue
            cs = conf.get((s, KG[rel], o, stem))
            if not cs:
                continue
            line = f"{ks._show(built, s)} --{rel}--> {ks._show(built, o)}"
            if false[line]:
                false[line] -= 1
                right = False
            else:
                # right, or unjudged: the scorer judges only facts whose ends the gold knows
                ids = {i for lab in built.labels.get(s, ()) for i in [ks.norm(lab)] if i}
                if not ids & _gold_names(gold, ks) or rel not in ("occurredOn", "title", "said") and not (
                        {ks.norm(x) for x in built.labels.get(o, ())} & _gold_names(gold, ks)):
                    continue
                right = True
            out.append((combine(cs), right, fact_kind(rel)))
    return out


def _gold_names(gold: dict, ks) -> set[str]:
    return {ks.norm(a) for e in gold["entities"] for a in [e["name"], *e.get("aliases", [])] if ks.norm(a)}


def table(rows: list[tuple[float, bool, str]]) -> list[str]:
    lines = ["confidence    facts  right  precision"]
    for lo, hi in zip(BINS, BINS[1:]):
        cell = [r for c, r, _k in rows if lo <= c < hi]
        if cell:
            lines.append(f"{lo:.2f}-{min(hi, 1.0):.2f}  {len(cell):7d} {sum(cell):6d}  {sum(cell) / len(cell):9.2f}")
    if rows:
        mean = sum(c for c, _r, _k in rows) / len(rows)
        prec = sum(r for _c, r, _k in rows) / len(rows)
        gap = sum(abs(sum(r for c, r, _k in rows if lo <= c < hi) - sum(c for c, _r, _k in rows if lo <= c < hi))
                  for lo, hi in zip(BINS, BINS[1:])) / len(rows)
        lines.append(f"all        {len(rows):7d} {sum(r for _c, r, _k in rows):6d}  {prec:9.2f}   "
                     f"(mean confidence {mean:.2f}; expected calibration error {gap:.3f})")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=SHARED / "dev" / "docs", help="articles to build")
    ap.add_argument("--gold", type=Path, default=SHARED / "dev" / "gold", help="their gold")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "kgscore.py")
    ap.add_argument("--graph", type=Path, help="score this graph.ttl instead of building --docs")
    ap.add_argument("--only", nargs="*", metavar="STEM", help="judge only these articles (gold file stems)")
    ap.add_argument("--raw", action="store_true", help="build with the extractors' own confidences")
    args = ap.parse_args(argv)
    for p in (args.gold, args.scorer):
        if not p.exists():
            print(f"calibration: {p} not found", file=sys.stderr)
            return 2
    ks = _scorer(args.scorer)
    built = load(args.docs, args.graph, ks, raw=args.raw)
    golds = [json.loads(p.read_text()) for p in sorted(args.gold.glob("*.json"))]
    golds = [g for g in golds if not args.only or g["doc"] in args.only]
    rows = judged(built, golds, ks)
    for kind in ("relation", "event", "title", "quote", None):
        sub = [r for r in rows if kind is None or r[2] == kind]
        print(f"== {kind + 's' if kind else 'all facts'}")
        print("\n".join(table(sub)))
    return 0


def load(docs: Path, graph: Path | None, ks, raw: bool = False):
    """The scorer's reading of `graph`, or of a build of `docs` made now."""
    with tempfile.TemporaryDirectory() as tmp:
        if graph is None:
            subprocess.run([sys.executable, "-m", "kg", "build", str(docs), "-o", tmp, "--no-progress", "--no-cache"]
                           + (["--raw-confidence"] if raw else []), check=True, stdout=subprocess.DEVNULL)
            graph = Path(tmp) / "graph.ttl"
        return ks.Built(graph)


if __name__ == "__main__":
    sys.exit(main())
