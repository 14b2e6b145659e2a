"""How `kg build` scales: throughput against bare spaCy, processes, memory, output sizes, incremental rebuilds.

    python benchmarks/build.py                    # 100, 1,000 and 10,000 articles (about an hour on 2 cores)
    python benchmarks/build.py --sizes 100 1000   # quicker
    python benchmarks/build.py --corpus ../shared/corpus/news-2016   # a real archive as it is

For each size it generates a corpus with planted facts (benchmarks/corpus.py),
then runs, each in a fresh process so that memory is measured per run:

- bare:    the same cleaned texts through `nlp.pipe` of the same spaCy model, nothing else (the floor);
- build:   `kg build --jobs 1 --no-cache`, end to end;
- jobs 2:  `kg build --jobs 2 --no-cache`;
- rebuild: `kg build` after a cached build with one article changed (sizes >= 1,000).

Targets are ratios measured in the same run, so the machine's noise cancels out.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import planted  # noqa: E402

# a child process that runs one measurement and reports its wall time, its stage times and its peak memory
CHILD = r"""
import json, os, resource, sys, time
start = time.perf_counter()
mode, args = sys.argv[1], sys.argv[2:]
out = {}
if mode == "bare":
    from pathlib import Path
    import spacy
    from kg.nlp import DEFAULT_MODEL
    from kg.read import read_articles
    articles, _, _ = read_articles([Path(args[0])])
    nlp = spacy.load(DEFAULT_MODEL)
    t = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe((a.text for a in articles), batch_size=8))
    out["pipe_s"] = time.perf_counter() - t
    out["tokens"] = words
else:
    from kg.cli import main
    import contextlib, io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(["build", *args, "--timings", "--no-progress"])
    line = [l for l in buf.getvalue().splitlines() if l.startswith("seconds: ")]
    out["stages"] = dict((p.rsplit(" ", 1)[0], float(p.rsplit(" ", 1)[1])) for p in line[0][9:].split(", ")) if line else {}
    out["rc"] = rc
out["wall_s"] = time.perf_counter() - start
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
out["peak_mb"] = (self_kb + kids_kb) / 1024
print("BENCH " + json.dumps(out), flush=True)
os._exit(0)   # as the `kg` command does: no interpreter teardown
"""


def child(mode: str, *args: str) -> dict:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"benchmark run {mode} {args} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(lines[-1][6:])
    result["process_s"] = wall   # includes interpreter start and imports
    return result


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and ".cache" not in p.parts)
    return path.stat().st_size if path.exists() else 0


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def bench(n: int, work: Path, seed: int, jobs: int, real: Path | None = None) -> dict:
    """One size of generated corpus, or (`real`) a folder of real articles as they are."""
    if real is None:
        folder = work / f"corpus{n}"
        arts = corpus.generate(n, seed)
        corpus.write(arts, folder)
        words = sum(len(a.text.split()) for a in arts)
    else:
        from kg.read import read_articles
        folder = real
        found, skipped, _notes = read_articles([real])
        n, words = len(found), sum(len(a.text.split()) for a in found)
        print(f"\n== {real}: {n:,} articles ({len(skipped)} skipped on reading), {words:,} words of clean text ==")
    out1, out2 = work / f"out{n}_j1", work / f"out{n}_j{jobs}"
    if real is None:
        print(f"\n== {n:,} articles, {words:,} words ==", flush=True)

    bare = child("bare", str(folder))
    print(f"bare nlp.pipe        {bare['process_s']:8.1f} s  ({bare['pipe_s']:.1f} s in pipe)  "
          f"{n / bare['process_s']:8.1f} articles/s  {words / bare['process_s']:9,.0f} words/s  "
          f"peak {bare['peak_mb']:,.0f} MB", flush=True)

    one = child("build", str(folder), "-o", str(out1), "--no-cache", "--jobs", "1")
    print(f"kg build --jobs 1    {one['process_s']:8.1f} s  {n / one['process_s']:8.1f} articles/s  "
          f"{words / one['process_s']:9,.0f} words/s  peak {one['peak_mb']:,.0f} MB", flush=True)
    print("  stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in one["stages"].items()))

    par = child("build", str(folder), "-o", str(out2), "--no-cache", "--jobs", str(jobs))
    print(f"kg build --jobs {jobs}    {par['process_s']:8.1f} s  {n / par['process_s']:8.1f} articles/s  "
          f"{words / par['process_s']:9,.0f} words/s  peak {par['peak_mb']:,.0f} MB (main + largest worker)",
          flush=True)
    same = all((out1 / f).read_bytes() == (out2 / f).read_bytes() for f in ("graph.ttl", "graph.trig"))
    print(f"  same Turtle and TriG as --jobs 1: {same}")

    sizes = {name: size_of(out1 / name) for name in ("graph.ttl", "graph.trig", "graph.html", "resolution.csv",
                                                     "docs")}
    print("outputs: " + ", ".join(f"{k} {mb(v)}" for k, v in sizes.items()))
    st = one["stages"]
    print(f"serialize: Turtle {st.get('serialize graph.ttl', 0):.2f} s, TriG {st.get('serialize graph.trig', 0):.2f} s,"
          f" HTML {st.get('serialize graph.html', 0):.2f} s; writing files {st.get('write files', 0):.2f} s")
    score = {"f1": None}
    if real is None:
        score = planted.score(out1 / "graph.ttl", folder / "planted.tsv")
        print(f"planted facts: {score['planted']:,} planted, {score['found']:,} found: precision "
              f"{score['precision']:.3f}, recall {score['recall']:.3f}, F1 {score['f1']:.3f}")

    row = {"n": n, "words": words, "bare": bare["process_s"], "build": one["process_s"], "jobs": par["process_s"],
           "peak_mb": one["peak_mb"], "peak_jobs_mb": par["peak_mb"], "output": sum(sizes.values()), "same": same,
           "f1": score["f1"]}
    if n >= 1000 and real is None:
        # a cached build, then one article changed: only that one is parsed again
        child("build", str(folder), "-o", str(out1), "--jobs", "1")
        victim = sorted(folder.glob("*.txt"))[random.Random(seed).randrange(n)]
        victim.write_text(victim.read_text(encoding="utf-8") + "\nThe talks are due to resume next week.\n",
                          encoding="utf-8")
        re = child("build", str(folder), "-o", str(out1), "--jobs", "1")
        row["rebuild"] = re["process_s"]
        print(f"rebuild, 1 of {n:,} changed: {re['process_s']:.1f} s = {re['process_s'] / one['process_s']:.1%} of the "
              f"full build  (" + ", ".join(f"{k} {v:.2f} s" for k, v in re["stages"].items()) + ")")
    return row


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2, help="processes for the parallel run (default: 2)")
    ap.add_argument("--work", type=Path, help="folder for corpora and outputs (default: a temporary one)")
    ap.add_argument("--corpus", type=Path, metavar="DIR",
                    help="measure this folder of real articles as it is instead of generated corpora")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = args.work or Path(tmp)
        if args.corpus:
            rows = [bench(0, work, args.seed, args.jobs, real=args.corpus)]
        else:
            rows = [bench(n, work, args.seed, args.jobs) for n in args.sizes]
    print("\n== targets ==")
    for r in rows:
        print(f"{r['n']:>6,} articles: end-to-end / bare nlp.pipe throughput {r['bare'] / r['build']:.2f} "
              f"(target >= 0.80: {'met' if r['bare'] / r['build'] >= 0.8 else 'MISSED'}); "
              f"--jobs {args.jobs} / --jobs 1 {r['build'] / r['jobs']:.2f} "
              f"(target >= 1.70: {'met' if r['build'] / r['jobs'] >= 1.7 else 'MISSED'}); "
              f"peak {r['peak_mb']:,.0f} MB (target < 4,096 MB: {'met' if r['peak_mb'] < 4096 else 'MISSED'})")
        if "rebuild" in r:
            share = r["rebuild"] / r["build"]
            print(f"{'':>6}  rebuild after 1 changed article {share:.1%} of the full build "
                  f"(target <= 5%: {'met' if share <= 0.05 else 'MISSED'})")
    for a, b in zip(rows, rows[1:]):
        print(f"{a['n']:,} -> {b['n']:,} articles: time x{b['build'] / a['build']:.1f}, peak memory "
              f"x{b['peak_mb'] / a['peak_mb']:.2f}, output x{b['output'] / a['output']:.1f} "
              f"(memory must grow no faster than the output: {'met' if b['peak_mb'] / a['peak_mb'] <= b['output'] / a['output'] else 'MISSED'})")


if __name__ == "__main__":
    main()
