"""SPARQL over a built graph: saved questions, bound parameters, readable tables.

Queries run in pyoxigraph (a complete SPARQL 1.1 engine). User values never
become query text: `--param name=value` binds the variable `?name` through
pyoxigraph's substitutions, so a value full of quotes and braces is only ever
a value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import ONTOLOGY_DIR
from .rdf import DEFAULT_BASE, KG

QUERIES_DIR = ONTOLOGY_DIR / "queries"


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes every query may use without declaring them."""
    return {
        "kg": str(KG._NS),
        "ent": f"{base}entity/",
        "doc": f"{base}doc/",
        "quote": f"{base}quote/",
        "st": f"{base}statement/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "dcterms": "http://purl.org/dc/terms/",
        "prov": "http://www.w3.org/ns/prov#",
    }


def prologue(base: str = DEFAULT_BASE) -> str:
    """The same prefixes as SPARQL text, for engines that take no prefix table (rdflib, Virtuoso)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes(base).items())


class QueryError(ValueError):
    """A query that cannot run: unknown name, bad parameter, syntax error (with line and column)."""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    description: str
    params: tuple[str, ...]


def saved_queries(folder: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """The `.rq` files of the ontology: leading `#` lines describe them, `# param: NAME` lines declare parameters."""
    found = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        head = []
        params = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            body = line.lstrip("#").strip()
            if body.lower().startswith("param:"):
                params.append(body.split(":", 1)[1].split()[0].lstrip("?"))
            elif body:
                head.append(body)
        found[path.stem] = SavedQuery(path.stem, path, text, " ".join(head), tuple(params))
    return found


def query_text(spec: str, folder: Path = QUERIES_DIR) -> str:
    """A saved question's name, a path to a `.rq` file, or the query itself."""
    saved = saved_queries(folder)
    if spec in saved:
        return saved[spec].text
    if spec.endswith((".rq", ".sparql")) or ("\n" not in spec and Path(spec).is_file()):
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"query file {spec!r} not found")
        return path.read_text(encoding="utf-8")
    if re.fullmatch(r"[A-Za-z_][\w-]*", spec):
        raise QueryError(f"no saved question named {spec!r}; saved questions are: {', '.join(saved) or '(none)'}")
    return spec


def parse_param(item: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """`name=value` → (name, term): `<iri>` gives an IRI, anything else a plain string literal."""
    if "=" not in item:
        raise QueryError(f"parameter {item!r} must look like NAME=VALUE")
    name, value = item.split("=", 1)
    name = name.strip().lstrip("?$")
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    if value.startswith("<") and value.endswith(">"):
        try:
            return name, ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryError(f"parameter {name}: {value!r} is not a valid IRI ({exc})") from None
    return name, ox.Literal(value)


# graph file suffix -> (pyoxigraph format, rdflib format name)
GRAPH_FORMATS = {".ttl": (ox.RdfFormat.TURTLE, "turtle"), ".trig": (ox.RdfFormat.TRIG, "trig"),
                 ".nt": (ox.RdfFormat.N_TRIPLES, "nt"), ".nq": (ox.RdfFormat.N_QUADS, "nquads")}


def graph_format(path: Path) -> tuple[ox.RdfFormat, str]:
    """The formats of a graph file, or a QueryError naming the file and the problem."""
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown graph format {path.suffix!r}; use one of {', '.join(GRAPH_FORMATS)}")
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file (run `kg build` first?)")
    return fmt


def open_store(path: Path) -> ox.Store:
    """Load a Turtle, TriG, N-Triples or N-Quads file into an in-memory store."""
    fmt, _name = graph_format(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise QueryError(f"{path}: not valid {path.suffix[1:]}: {exc}") from None
    return store


def _syntax(exc: SyntaxError, text: str) -> QueryError:
    message = str(exc)
    m = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if not m:
        return QueryError(f"SPARQL syntax error: {message}")
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3).split("\n")[0]
    lines = text.splitlines() or [""]
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    return QueryError(f"SPARQL syntax error at line {line}, column {col}: {what}\n  {shown}\n  {' ' * (col - 1)}^")


def run(store: ox.Store, text: str, params: dict[str, ox.NamedNode | ox.Literal] | None = None,
        base: str = DEFAULT_BASE):
    """Run a query with the ontology's prefixes; the default graph is the union of all graphs."""
    subs = {ox.Variable(k): v for k, v in (params or {}).items()}
    try:
        return store.query(text, prefixes=prefixes(base), use_default_graph_as_union=True,
                           substitutions=subs or None)
    except SyntaxError as exc:
        raise _syntax(exc, text) from None


def _short(term, table: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for p, iri in table.items():
            if term.value.startswith(iri) and re.fullmatch(r"[\w.-]*", term.value[len(iri):]):
                return f"{p}:{term.value[len(iri):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def render(result, fmt: str = "table", base: str = DEFAULT_BASE) -> str:
    """A result as a plain-text table, or in a SPARQL results format (csv, tsv, json, xml)."""
    formats = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
               "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
    if fmt not in ("table", *formats):
        raise QueryError(f"unknown format {fmt!r}; choose one of table, {', '.join(formats)}")
    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return "yes\n" if bool(result) else "no\n"
        return result.serialize(format=formats[fmt]).decode("utf-8")
    if isinstance(result, ox.QueryTriples):
        if fmt == "table":
            fmt = "ttl"
        return result.serialize(format=ox.RdfFormat.TURTLE if fmt in ("ttl", "table") else ox.RdfFormat.N_TRIPLES
                                ).decode("utf-8")
    if fmt != "table":
        return result.serialize(format=formats[fmt]).decode("utf-8")
    names = [v.value for v in result.variables]
    table = prefixes(base)
    rows = [[_short(sol[n], table).replace("\n", " ") for n in names] for sol in result]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]

    def line(cells):
        out = []
        for cell, w in zip(cells, widths):
            out.append(cell if len(cell) <= w else cell[: w - 1] + "…")
        return " | ".join(c.ljust(w) for c, w in zip(out, widths)).rstrip()

    parts = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    parts.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(parts) + "\n"


def rows(result) -> list[dict[str, str]]:
    """SELECT results as plain dicts of lexical values (for tests and notebooks)."""
    names = [v.value for v in result.variables]
    return [{n: (sol[n].value if sol[n] is not None else None) for n in names} for sol in result]
