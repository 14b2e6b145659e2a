"""Command line: thin commands that parse options and call one function."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from . import __version__


def _build(args: argparse.Namespace) -> int:
    from .nlp import ModelMissing
    from .pipeline import StrictError, build
    from .settings import Settings
    from .store import PushError

    try:
        settings = Settings(inputs=tuple(args.inputs), out=args.out, model=args.model, base_iri=args.base_iri,
                            aliases=args.aliases, strict=args.strict, max_chars=args.max_chars, jobs=args.jobs,
                            time_budget=args.time_budget,
                            scheduler=args.scheduler, cache=args.cache, sparql_endpoint=args.sparql_endpoint,
                            progress=args.progress, fields=_fields(args), rdf=args.rdf,
                            calibration=None if args.raw_confidence else Settings.calibration,
                            extractors=tuple(args.extractors.split(",")) if args.extractors else None)
        result = build(settings)
    except (ModelMissing, StrictError, ValueError, OSError, PushError, RuntimeError) as exc:
        print(f"kg build: error: {exc}", file=sys.stderr)
        return 2
    if not result.written:
        print("kg build: error: no article could be built", file=sys.stderr)
        return 2
    kg = result.graph
    reused = len(kg.documents) - len(result.parsed)
    print(f"built {len(kg.documents)} article(s){f' ({reused} unchanged, from the cache)' if reused > 0 else ''}: "
          f"{len(kg.entities)} nodes, {len(kg.facts)} facts, {sum(len(v) for v in kg.facts.values())} evidences, "
          f"{len(kg.claims)} claims "
          f"-> {args.out}/")
    for name, path in result.written.items():
        print(f"  {path}")
    if args.timings:
        print("seconds: " + ", ".join(f"{stage} {sec:.2f}" for stage, sec in result.seconds.items()))
    if args.open and "graph.html" in result.written:
        _open(result.written["graph.html"])
    if result.problems:
        print(f"kg build: {len(result.problems)} input(s) skipped (see messages above)", file=sys.stderr)
        return 1
    return 0


def _fields(args: argparse.Namespace):
    """--text-field body,content … : where JSON records keep each part (the first field present wins)."""
    from .read import Fields

    given = {name: tuple(f.strip() for f in value.split(",") if f.strip())
             for name in ("text", "title", "date", "url", "id") if (value := getattr(args, f"{name}_field"))}
    return Fields(**given)


def _open(path: Path) -> bool:
    import webbrowser
    return webbrowser.open(path.resolve().as_uri())


def _view(args: argparse.Namespace) -> int:
    if not args.html.is_file():
        print(f"kg view: error: {args.html} does not exist (run `kg build` first)", file=sys.stderr)
        return 2
    if not _open(args.html):
        print(f"kg view: no browser found; open {args.html.resolve().as_uri()} yourself", file=sys.stderr)
        return 1
    return 0


def _default_graph(out: Path = Path("out")) -> Path:
    trig = out / "graph.trig"
    return trig if trig.exists() else out / "graph.ttl"


def _query(args: argparse.Namespace) -> int:
    from .query import (QueryError, check, check_params, execute, open_store, parse_param, query_text, run,
                        saved_queries, write)

    try:
        if args.list:
            for q in saved_queries().values():
                params = "".join(f" --param {p}=…" for p in q.params)
                print(f"{q.name}{params}\n    {q.description}")
            return 0
        if not args.query:
            raise QueryError("give a query: a saved question's name, a .rq file, or SPARQL text (--list shows the saved ones)")
        text = query_text(args.query)
        params = dict(parse_param(p) for p in args.param)
        check_params(text, params, saved_queries().get(args.query))
        check(text, args.allow_service)
        signal.signal(signal.SIGINT, signal.default_int_handler)   # Ctrl-C stops, even where SIGINT came ignored
        store = open_store(args.graph or _default_graph())
        out = sys.stdout.buffer

        def task():
            write(run(store, text, params, base=args.base_iri, allow_service=args.allow_service), out,
                  args.format, base=args.base_iri)
            out.flush()
        execute(task, args.timeout)
    except QueryError as exc:
        print(f"kg query: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg query: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:   # `kg query … | head`
        return 0
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .query import QueryError
    from .store import serve

    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.public:
        print(f"kg serve: error: refusing to listen on {args.host} without --public (the endpoint has no "
              "authentication)", file=sys.stderr)
        return 2
    try:
        return serve(args.graph or _default_graph(), host=args.host, port=args.port, writable=args.writable,
                     timeout_s=args.timeout, allow_service=args.allow_service)
    except QueryError as exc:
        print(f"kg serve: error: {exc}", file=sys.stderr)
        return 2


def _validate(args: argparse.Namespace) -> int:
    from .query import QueryError
    from .validation import validate

    graph = args.graph or _default_graph()
    try:
        found = validate(graph, shapes=args.shapes)
    except QueryError as exc:
        print(f"kg validate: error: {exc}", file=sys.stderr)
        return 2
    for v in found:
        print(v)
    bad = [v for v in found if v.severity == "Violation"]
    print(f"{graph}: {len(bad)} violation(s), {len(found) - len(bad)} warning(s) against {args.shapes}",
          file=sys.stderr)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    from . import ONTOLOGY_DIR
    from .nlp import DEFAULT_MODEL
    from .rdf import DEFAULT_BASE

    ap = argparse.ArgumentParser(prog="kg", description="Build an RDF knowledge graph from news articles.")
    ap.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="articles in, Turtle/TriG/HTML out")
    b.add_argument("inputs", nargs="+", type=Path,
                   help="article files or folders of them: .txt, .md (with YAML/TOML front matter), .html, "
                        ".jsonl/.json news dumps, any of them .gz")
    b.add_argument("-o", "--out", type=Path, default=Path("out"), help="output folder (default: out)")
    b.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline (default: {DEFAULT_MODEL})")
    b.add_argument("--base-iri", default=DEFAULT_BASE, help=f"base IRI of the graph's nodes (default: {DEFAULT_BASE})")
    b.add_argument("--aliases", type=Path, default=ONTOLOGY_DIR / "aliases.tsv", help="alias file")
    b.add_argument("--extractors", help="comma-separated subset of extractors (default: all)")
    b.add_argument("--strict", action="store_true", help="stop at the first bad input")
    b.add_argument("--max-chars", type=int, default=1_000_000,
                   help="skip articles longer than this after cleaning (default: 1,000,000)")
    b.add_argument("--time-budget", type=float, default=60.0, metavar="SECONDS",
                   help="skip an article that takes longer than this to parse and extract (default: 60; 0: no limit)")
    b.add_argument("--open", action="store_true", help="open the HTML viewer in the default browser afterwards")
    b.add_argument("-j", "--jobs", type=int, default=1, help="worker processes that parse and extract (default: 1)")
    b.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="run parsing and extraction on this Dask cluster (pip install 'kg[dask]')")
    b.add_argument("--no-cache", dest="cache", action="store_false",
                   help="parse every article again instead of reusing unchanged ones from OUT/.cache")
    b.add_argument("--sparql-endpoint", metavar="URL",
                   help="also put the graph into this SPARQL 1.1 Graph Store endpoint, one named graph per article")
    b.add_argument("--progress", dest="progress", action="store_const", const=True, default=None,
                   help="always show a progress bar (default: only on a terminal)")
    b.add_argument("--no-progress", dest="progress", action="store_const", const=False, help="never show one")
    b.add_argument("--timings", action="store_true", help="print the seconds each stage took")
    b.add_argument("--raw-confidence", action="store_true",
                   help="write the extractors' own confidences, not calibrated ones (for scripts/make_calibration.py)")
    b.add_argument("--rdf", choices=["1.1", "1.2"], default="1.1",
                   help="1.2: also write graph-rdf12.trig, with claims and evidence as RDF 1.2 triple terms "
                        "(default: 1.1 only)")
    for name, default in (("text", "text,body,content,…"), ("title", "title,headline"),
                          ("date", "date,published,…"), ("url", "url,link"), ("id", "id,guid,uuid,…")):
        b.add_argument(f"--{name}-field", metavar="NAME[,NAME…]",
                       help=f"JSON records: the field(s) holding the article's {name} (default: {default})")
    b.set_defaults(func=_build)

    w = sub.add_parser("view", help="open the HTML viewer (out/graph.html) in the default browser")
    w.add_argument("html", nargs="?", type=Path, default=Path("out") / "graph.html", help="the page to open")
    w.set_defaults(func=_view)

    q = sub.add_parser("query", help="run SPARQL (a saved question, a .rq file or inline text) over a built graph")
    q.add_argument("query", nargs="?", help="saved question name (see --list), path to a .rq file, or SPARQL text")
    q.add_argument("-g", "--graph", type=Path, help="graph file (default: out/graph.trig, else out/graph.ttl)")
    q.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to a string (or to an IRI written <...>); repeatable")
    q.add_argument("-f", "--format", default="table", choices=["table", "csv", "tsv", "json", "xml"],
                   help="output format (default: a table)")
    q.add_argument("--base-iri", default=DEFAULT_BASE, help="base IRI the graph was built with (for prefixes)")
    q.add_argument("--list", action="store_true", help="list the saved questions and exit")
    q.add_argument("--timeout", type=float, default=30, metavar="SECONDS",
                   help="stop a query that runs longer than this (default: 30; 0: no limit)")
    q.add_argument("--allow-service", action="store_true",
                   help="let SERVICE send requests to other endpoints (refused by default: kg runs offline)")
    q.set_defaults(func=_query)

    s = sub.add_parser("serve", help="a SPARQL 1.1 Protocol endpoint over a built graph (Oxigraph server)")
    s.add_argument("-g", "--graph", type=Path, help="graph file (default: out/graph.trig, else out/graph.ttl)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    s.add_argument("--public", action="store_true", help="allow binding to a non-loopback address")
    s.add_argument("--writable", action="store_true", help="accept SPARQL updates and Graph Store writes")
    s.add_argument("--timeout", type=int, default=30, help="query time limit in seconds (default: 30)")
    s.add_argument("--allow-service", action="store_true",
                   help="let queries call SERVICE (refused by default: the server sends no requests elsewhere)")
    s.set_defaults(func=_serve)

    v = sub.add_parser("validate", help="check a graph against the SHACL shapes; exit 1 on any violation")
    v.add_argument("graph", nargs="?", type=Path, help="graph file (default: out/graph.trig, else out/graph.ttl)")
    v.add_argument("--shapes", type=Path, default=ONTOLOGY_DIR / "shapes.ttl", help="SHACL shapes file")
    v.set_defaults(func=_validate)
    args = ap.parse_args(argv)
    return args.func(args)


def run() -> None:
    """The `kg` command: main(), then leave without tearing down the interpreter. Every file is written and
    closed by then; freeing a large build's objects one by one only costs time (a quarter of a second per
    thousand articles)."""
    rc = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:   # `kg query ... | head`
        pass
    os._exit(rc or 0)


if __name__ == "__main__":
    run()
