"""Articles that are large or strange: every one builds or is skipped with a reason, in bounded time and memory.

    python benchmarks/stress.py                 # every case (about 10 minutes on 2 cores)
    python benchmarks/stress.py --cases prose   # one family

Each case is one generated article built by `kg build --no-cache` in a fresh
process; it prints the wall time, the seconds of the per-article stage (parse
and extraction) and per KB of text, the peak memory, the largest output file
(Turtle, TriG or HTML) against the input size and what happened to the
article (built, or the reason it was skipped). Targets (issue 15): the per-KB time of prose flat from 10 KB to 1 MB
(within 2x), every 1 MB case <= 60 s and <= 1.5 GB, outputs <= 20x the input.
The model is loaded before the clock starts.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from kg import analysis
from kg.pipeline import build
from kg.settings import Settings
settings = Settings(inputs=(Path(sys.argv[1]),), out=Path(sys.argv[2]), cache=False, progress=False)
analysis._model(analysis.Job(settings.model, None, 8, settings.max_chars))   # load the model first: not timed
start = time.perf_counter()
messages = []
res = build(settings, log=messages.append)
out = {"wall": time.perf_counter() - start, "analyse": res.seconds.get("analyse", 0.0),
       "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
       "problems": [p.reason for p in res.problems], "facts": len(res.graph.facts),
       "out_bytes": max((p.stat().st_size for p in Path(sys.argv[2]).glob("graph.*")), default=0)}
print(json.dumps(out))
"""


def _prose(size: int) -> str:
    """News prose of about `size` characters: the seed and dev articles' paragraphs, shuffled and repeated."""
    paras = []
    for folder in (SHARED / "seeds", SHARED / "dev" / "docs", ROOT / "seeds"):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
            paras += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]
    rng = random.Random(size)
    out, n = [], 0
    while n < size:
        p = rng.choice(paras)
        out.append(p)
        n += len(p) + 2
    return "\n\n".join(out)[:size]


def cases(families: set[str]) -> dict[str, str]:
    found = {}
    if "prose" in families:
        for kb in (10, 30, 100, 300, 1000):
            found[f"prose {kb} KB"] = _prose(kb * 1000)
    if "sentence" in families:
        words = _prose(1_100_000).replace(".", "").replace("!", "").replace("?", "").replace("\n", " ")
        found["one 1 MB sentence"] = words[:1_000_000]
    if "quotes" in families:
        found["10,000 quotation marks"] = " ".join('Sadr said "we will fight' if i % 2 else 'on" and then'
                                                    for i in range(10_000))
        found["1 MB, every sentence quoted"] = " ".join(f'"The army attacked the town number {i} today," the '
                                                         f'general said.' for i in range(16_000))[:1_000_000]
    if "brackets" in families:
        found["1 MB of nested brackets"] = "(" * 499_990 + "Sadr met Sistani." + ")" * 499_990
        found["120 KB of Markdown links"] = "[Sadr met](b " * 10_000
        found["1 MB of one word"] = "Najaf " * 166_000
    return found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="*", default=["prose", "sentence", "quotes", "brackets"])
    args = ap.parse_args(argv)
    print(f"{'case':<30}{'KB':>7}{'wall s':>9}{'analyse s':>11}{'ms/KB':>8}{'peak MB':>9}{'max/in':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases(set(args.cases)).items():
            src = Path(tmp) / "in"
            src.mkdir(exist_ok=True)
            for old in src.iterdir():
                old.unlink()
            (src / "article.txt").write_text(text, encoding="utf-8")
            res = subprocess.run([sys.executable, "-c", CHILD, str(src), str(Path(tmp) / "out")],
                                 capture_output=True, text=True)
            if res.returncode != 0:
                print(f"{name:<30} failed: {res.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(res.stdout.strip().splitlines()[-1])
            kb = len(text.encode()) / 1000
            outcome = "; ".join(r["problems"]) or f"built, {r['facts']} facts"
            print(f"{name:<30}{kb:>7.0f}{r['wall']:>9.1f}{r['analyse']:>11.1f}{1000 * r['analyse'] / kb:>8.1f}"
                  f"{r['rss_mb']:>9.0f}{r['out_bytes'] / 1000 / kb:>8.1f}  {outcome[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
