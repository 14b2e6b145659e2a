"""Make kg/data/calibration.tsv: for each kind of fact, the extractors' raw confidence -> how often such a fact
is right, judged by the scorer (`kgscore.py`) on gold articles (issue 14: a fact at 0.9 is right about 9 times
in 10).

    python scripts/make_calibration.py            # fit on the seeds and the dev set's first half (d01-d07)

The articles are built with `--raw-confidence`; each judged fact counts once, at the highest raw confidence of
its evidences. Facts are put in bins of raw confidence, the bins' precisions made monotone (pool adjacent
violators) and shrunk towards the kind's precision by two pseudo-facts; each bin gives one point (its mean raw
confidence, its precision) and kg interpolates between them. The second half of the dev set is left out of
the fit so that `benchmarks/calibration.py --only d08_… d14_…` measures it on facts it has not seen.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import calibration as bench  # noqa: E402

SHARED = ROOT.parent / "shared"
BINS = (0.0, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1.01)
KINDS = ("relation", "event", "title", "quote")
PRIOR = 2.0


def fit(rows: list[tuple[float, bool, str]]) -> list[tuple[str, float, float, int]]:
    out = []
    for kind in KINDS:
        sub = [(c, r) for c, r, k in rows if k == kind]
        if not sub:
            continue
        base = sum(r for _c, r in sub) / len(sub)
        cells = []     # [sum raw, right, n] per non-empty bin, in order
        for lo, hi in zip(BINS, BINS[1:]):
            cell = [(c, r) for c, r in sub if lo <= c < hi]
            if cell:
                cells.append([sum(c for c, _r in cell), sum(r for _c, r in cell), len(cell)])
        merged = True
        while merged:     # pool adjacent violators: precision must not fall as raw confidence rises
            merged = False
            for i in range(len(cells) - 1):
                a, b = cells[i], cells[i + 1]
                if a[1] / a[2] > b[1] / b[2]:
                    cells[i:i + 2] = [[a[0] + b[0], a[1] + b[1], a[2] + b[2]]]
                    merged = True
                    break
        for raw_sum, right, n in cells:
            out.append((kind, round(raw_sum / n, 3), round((right + PRIOR * base) / (n + PRIOR), 3), n))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "kgscore.py")
    ap.add_argument("--out", type=Path, default=ROOT / "kg" / "data" / "calibration.tsv")
    args = ap.parse_args(argv)
    ks = bench._scorer(args.scorer)
    rows = []
    for docs, gold, keep in ((ROOT / "seeds", SHARED / "gold", None),
                             (SHARED / "dev" / "docs", SHARED / "dev" / "gold", 7)):
        built = bench.load(docs, None, ks, raw=True)
        golds = [json.loads(p.read_text()) for p in sorted(gold.glob("*.json"))][:keep]
        rows += bench.judged(built, golds, ks, combine=max)
    points = fit(rows)
    lines = ["# kind\traw confidence\tcalibrated\tfacts (made by scripts/make_calibration.py from the seeds and",
             "# d01-d07 of the dev set, judged by kgscore.py; see its docstring)",
             "kind\traw\tcalibrated\tfacts"]
    lines += [f"{k}\t{x}\t{y}\t{n}" for k, x, y, n in points]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(points)} points from {len(rows)} judged facts")
    for k, x, y, n in points:
        print(f"  {k:9} raw {x:.3f} -> {y:.3f}  ({n} facts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
