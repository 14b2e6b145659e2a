"""SPARQL over a built graph: saved questions, bound parameters, readable tables.

Queries run in pyoxigraph (a complete SPARQL 1.1 engine). User values never
become query text: `--param name=value` binds the variable `?name` through
pyoxigraph's substitutions, so a value full of quotes and braces is only ever
a value.
"""
from __future__ import annotations

import io
import itertools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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


def _is_file(spec: str) -> bool:
    try:
        return Path(spec).is_file()
    except OSError:    # a query too long to be a file name
        return False


def query_text(spec: str, folder: Path = QUERIES_DIR) -> str:
    """A saved question's name, a path to a `.rq` file, or the query itself."""
    saved = saved_queries(folder)
    if spec in saved:
        return saved[spec].text
    if spec.endswith((".rq", ".sparql")) or ("\n" not in spec and len(spec) < 4096 and _is_file(spec)):
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


# what a query's words can be once strings, IRIs and comments are masked
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|'
                     r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_UPDATE_WORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}


@dataclass(frozen=True)
class Shape:
    """What a query text asks for, read from its words (strings, IRIs and comments masked out)."""
    update: bool                  # a SPARQL update, not a query
    service: bool                 # a federated SERVICE call: a request from this machine to another
    dataset: bool                 # FROM / FROM NAMED: the query names its own dataset
    variables: frozenset[str]


def shape(text: str) -> Shape:
    masked = _OPAQUE.sub(lambda m: " " if m.group().startswith("#") else " <> ", text)
    words = [w.lower() for w in re.findall(r"(?<![\w?$:])[A-Za-z]+(?![\w:-])", masked)]
    body = [w for w in words if w not in ("prefix", "base")]
    first = body[0] if body else ""
    return Shape(update=first in _UPDATE_WORDS, service="service" in words, dataset="from" in words,
                 variables=frozenset(re.findall(r"[?$]([A-Za-z_]\w*)", masked)))


def check(text: str, allow_service: bool = False) -> Shape:
    """A query kg may run: read-only, and offline unless SERVICE is allowed."""
    found = shape(text)
    if found.update:
        raise QueryError("this is a SPARQL update (INSERT, DELETE, LOAD, CLEAR …): kg runs read-only queries; "
                         "to change the graph, edit the articles or the alias file and build again")
    if found.service and not allow_service:
        raise QueryError("the query calls SERVICE, which would send a request from this machine to another "
                         "endpoint; kg runs offline and refuses it (use --allow-service to permit it)")
    return found


def run(store: ox.Store, text: str, params: dict[str, ox.NamedNode | ox.Literal] | None = None,
        base: str = DEFAULT_BASE, allow_service: bool = False):
    """Run a read-only query with the ontology's prefixes; the default graph is the union of all graphs unless
    the query names its own dataset (FROM, FROM NAMED). SERVICE is refused unless allowed."""
    found = check(text, allow_service)
    subs = {ox.Variable(k): v for k, v in (params or {}).items()}
    try:
        return store.query(text, prefixes=prefixes(base), use_default_graph_as_union=not found.dataset,
                           substitutions=subs or None)
    except SyntaxError as exc:
        raise _syntax(exc, text) from None
    except OSError as exc:   # e.g. an unreachable SERVICE endpoint, when allowed
        raise QueryError(f"the query failed: {exc}") from None


def check_params(text: str, params: dict, saved: SavedQuery | None = None) -> None:
    """Every declared parameter given, and no parameter the query does not have."""
    names = set(saved.params) if saved is not None else set(shape(text).variables)
    unknown = sorted(set(params) - names)
    if unknown:
        what = f"saved question {saved.name!r} takes" if saved is not None else "the query's variables are"
        raise QueryError(f"unknown parameter(s) {', '.join(unknown)}; {what}: {', '.join(sorted(names)) or '(none)'}")
    if saved is not None:
        missing = [p for p in saved.params if p not in params]
        if missing:
            raise QueryError(f"saved question {saved.name!r} needs " +
                             " ".join(f"--param {p}=VALUE" for p in missing))


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


FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
           "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
TABLE_SAMPLE = 1000   # rows read before a table's column widths are fixed; the rest stream out


def render(result, fmt: str = "table", base: str = DEFAULT_BASE) -> str:
    """A result as a plain-text table, or in a SPARQL results format (csv, tsv, json, xml)."""
    buf = io.BytesIO()
    write(result, buf, fmt, base)
    return buf.getvalue().decode("utf-8")


def write(result, out: BinaryIO, fmt: str = "table", base: str = DEFAULT_BASE) -> None:
    """Write a result as it is computed (a large result is never held whole in memory)."""
    if fmt not in ("table", *FORMATS):
        raise QueryError(f"unknown format {fmt!r}; choose one of table, {', '.join(FORMATS)}")
    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            out.write(b"yes\n" if bool(result) else b"no\n")
        else:
            result.serialize(out, format=FORMATS[fmt])
        return
    if isinstance(result, ox.QueryTriples):
        result.serialize(out, format=ox.RdfFormat.TURTLE if fmt == "table" else ox.RdfFormat.N_TRIPLES)
        return
    if fmt != "table":
        result.serialize(out, format=FORMATS[fmt])
        return
    names = [v.value for v in result.variables]
    table = prefixes(base)
    solutions = iter(result)
    first = [[_short(sol[n], table).replace("\n", " ") for n in names]
             for sol in itertools.islice(solutions, TABLE_SAMPLE)]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in first])) for i, n in enumerate(names)]

    def line(cells) -> bytes:
        cut = [cell if len(cell) <= w else cell[: w - 1] + "…" for cell, w in zip(cells, widths)]
        return (" | ".join(c.ljust(w) for c, w in zip(cut, widths)).rstrip() + "\n").encode("utf-8")

    out.write(line(names) + ("-+-".join("-" * w for w in widths) + "\n").encode())
    count = 0
    for row in itertools.chain(first, ([_short(sol[n], table).replace("\n", " ") for n in names]
                                       for sol in solutions)):
        out.write(line(row))
        count += 1
    out.write(f"({count} row{'s' if count != 1 else ''})\n".encode())


def execute(task, timeout_s: float) -> None:
    """Run `task()` (a query and the writing of its result) with a time limit, so that Ctrl-C stops it at
    once: the query runs in a thread (pyoxigraph releases the GIL), this thread waits. A query that is cut
    off keeps its thread until the process exits (the `kg` command exits at once)."""
    failure: list[BaseException] = []

    def target():
        try:
            task()
        except BaseException as exc:   # noqa: BLE001 - handed to the waiting thread
            failure.append(exc)

    worker = threading.Thread(target=target, daemon=True, name="kg-query")
    worker.start()
    worker.join(timeout_s if timeout_s > 0 else None)
    if worker.is_alive():
        raise QueryError(f"the query ran longer than {timeout_s:g} s and was stopped (see --timeout)")
    if failure:
        raise failure[0]


def rows(result) -> list[dict[str, str]]:
    """SELECT results as plain dicts of lexical values (for tests and notebooks)."""
    names = [v.value for v in result.variables]
    return [{n: (sol[n].value if sol[n] is not None else None) for n in names} for sol in result]
