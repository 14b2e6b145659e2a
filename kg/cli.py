"""Command line: thin commands that parse options and call one function."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _build(args: argparse.Namespace) -> int:
    from .nlp import ModelMissing
    from .pipeline import StrictError, build
    from .settings import Settings

    try:
        settings = Settings(inputs=tuple(args.inputs), out=args.out, model=args.model, base_iri=args.base_iri,
                            aliases=args.aliases, strict=args.strict,
                            extractors=tuple(args.extractors.split(",")) if args.extractors else None)
        result = build(settings)
    except (ModelMissing, StrictError, ValueError, OSError) as exc:
        print(f"kg build: error: {exc}", file=sys.stderr)
        return 2
    if not result.written:
        print("kg build: error: no article could be built", file=sys.stderr)
        return 2
    kg = result.graph
    print(f"built {len(kg.documents)} article(s): {len(kg.entities)} nodes, {len(kg.facts)} facts, "
          f"{sum(len(v) for v in kg.facts.values())} evidences -> {args.out}/")
    for name, path in result.written.items():
        print(f"  {path}")
    if result.problems:
        print(f"kg build: {len(result.problems)} input(s) skipped (see messages above)", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    from .nlp import DEFAULT_MODEL
    from .rdf import DEFAULT_BASE
    from .settings import ONTOLOGY_DIR

    ap = argparse.ArgumentParser(prog="kg", description="Build an RDF knowledge graph from news articles.")
    ap.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="articles in, Turtle/TriG/HTML out")
    b.add_argument("inputs", nargs="+", type=Path, help="article files (.txt, .md) or folders of them")
    b.add_argument("-o", "--out", type=Path, default=Path("out"), help="output folder (default: out)")
    b.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline (default: {DEFAULT_MODEL})")
    b.add_argument("--base-iri", default=DEFAULT_BASE, help=f"base IRI of the graph's nodes (default: {DEFAULT_BASE})")
    b.add_argument("--aliases", type=Path, default=ONTOLOGY_DIR / "aliases.tsv", help="alias file")
    b.add_argument("--extractors", help="comma-separated subset of extractors (default: all)")
    b.add_argument("--strict", action="store_true", help="stop at the first bad input")
    b.set_defaults(func=_build)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
