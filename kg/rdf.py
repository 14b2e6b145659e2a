"""The RDF stage: a resolved Graph in, quads out, and the Turtle and TriG writers (no I/O here).

Every fact is a plain triple plus a reified rdf:Statement per evidence with
prov:wasDerivedFrom, the sentence, its offsets, the extractor and a confidence.

Terms are kept as N-Triples text and written by our own serializer: rdflib's
in-memory store and Turtle writer cost more than the whole parse on a large
archive (and its TriG writer orders graphs by hash), while a graph of ours
needs no more than sorting and prefixing. Output is byte-identical for the
same input; strict parsers (serdi, rapper, Oxigraph) are tested on it.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from decimal import Decimal

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from .resolve import Graph

DEFAULT_BASE = "http://example.org/kg/"


class KG(DefinedNamespace):
    """The project's ontology (ontology/kg.ttl); closed: an unknown name is an error."""
    _NS = Namespace("http://example.org/kg/ontology#")
    _fail = True
    # classes
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    Group: URIRef
    Place: URIRef
    Event: URIRef
    Attack: URIRef
    Clash: URIRef
    Agreement: URIRef
    Demonstration: URIRef
    Arrest: URIRef
    Negotiation: URIRef
    Meeting: URIRef
    Election: URIRef
    Quote: URIRef
    Claim: URIRef
    Polarity: URIRef
    Positive: URIRef
    Negative: URIRef
    Document: URIRef
    # object properties
    leads: URIRef
    memberOf: URIRef
    spokespersonFor: URIRef
    aideTo: URIRef
    supports: URIRef
    opposes: URIRef
    rivalOf: URIRef
    attacked: URIRef
    foughtWith: URIRef
    killed: URIRef
    arrested: URIRef
    accused: URIRef
    negotiatedWith: URIRef
    brokered: URIRef
    partyTo: URIRef
    controls: URIRef
    withdrewFrom: URIRef
    locatedIn: URIRef
    occurredIn: URIRef
    participatedIn: URIRef
    said: URIRef
    mentionedIn: URIRef
    polarity: URIRef
    corroborates: URIRef
    # datatype properties
    title: URIRef
    occurredOn: URIRef
    text: URIRef
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    extractor: URIRef
    confidence: URIRef


PREFIXES = {"kg": str(KG._NS), "dcterms": str(DCTERMS), "prov": str(PROV), "skos": str(SKOS), "owl": str(OWL),
            "xsd": str(XSD), "rdfs": str(RDFS), "rdf": str(RDF)}

CHARSETS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "windows-1252", "utf-16": "utf-16",
            "latin-1": "iso-8859-1"}

# ------------------------------------------------------------------ terms, as N-Triples text
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LIT_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\\ud800-\udfff]')


def iri(value: str) -> str:
    """An IRI term; characters IRIs may not contain (spaces in a file name, quotes, braces) are %-encoded."""
    if _IRI_UNSAFE.search(value):
        value = _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value)
    return f"<{value}>"


def _escape_char(m: re.Match) -> str:
    c = m.group()
    if c in _ECHAR:
        return _ECHAR[c]
    if "\ud800" <= c <= "\udfff":        # a lone surrogate cannot be written in UTF-8
        return "\\uFFFD"
    return f"\\u{ord(c):04X}"


_DOC_KEEP = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]")


@functools.lru_cache(maxsize=1 << 16)
def doc_local(stem: str) -> str:
    """A document identifier as the local part of its IRI: readable, and one-to-one (a '%' is encoded too, so
    'a b' and 'a%20b' stay two documents)."""
    return "".join(c if _DOC_KEEP.match(c) else "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
                   for c in stem)


def literal(value: str, datatype: str | None = None) -> str:
    """A literal term (xsd:string when no datatype is given)."""
    text = _LIT_UNSAFE.sub(_escape_char, value) if _LIT_UNSAFE.search(value) else value
    return f'"{text}"' if datatype is None else f'"{text}"^^<{datatype}>'


XSD_INTEGER, XSD_DECIMAL, XSD_DATE = str(XSD.integer), str(XSD.decimal), str(XSD.date)
TYPE = iri(str(RDF.type))


@functools.lru_cache(maxsize=1 << 16)
def integer(n: int) -> str:
    return literal(str(n), XSD_INTEGER)


def _date_literal(value: str) -> str:
    if len(value) == 10:
        return literal(value, XSD_DATE)
    if len(value) == 7:
        return literal(value, str(XSD.gYearMonth))
    return literal(value, str(XSD.gYear))


@functools.lru_cache(maxsize=4096)
def _confidence(x: float) -> str:
    return literal(str(Decimal(f"{min(max(x, 0.0), 1.0):.3f}")), XSD_DECIMAL)


class Statement:
    """A reified statement's ten triples, kept as one tuple of terms: a build has one per evidence, and a
    dict of ten sets each cost more than everything else in the RDF stage. It reads like the
    predicate -> objects dict of any other subject."""

    __slots__ = ("terms",)
    PREDICATES: tuple[str, ...] = ()   # set below, once the ontology's IRIs are known
    ORDER: tuple[int, ...] = ()        # written order: rdf:type first, then by predicate IRI
    PLAIN: frozenset[int] = frozenset()

    def __init__(self, terms: tuple[str, ...]):
        self.terms = terms

    def items(self):
        return ((p, {o}) for p, o in zip(self.PREDICATES, self.terms))

    def values(self):
        return ({o} for o in self.terms)

    def __iter__(self):
        return iter(self.PREDICATES)

    def __len__(self) -> int:
        return len(self.PREDICATES)

    def __getitem__(self, p: str) -> set[str]:
        return {self.terms[self.PREDICATES.index(p)]}

    def __contains__(self, p: object) -> bool:
        return p in self.PREDICATES


class Quads:
    """Triples per graph (None = the default graph), as N-Triples terms: subject -> predicate -> objects."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = dict(prefixes)
        self.graphs: dict[str | None, dict[str, dict[str, set[str]]]] = {None: defaultdict(lambda: defaultdict(set))}
        self._writer = None   # kg.export's serializer state, shared by the Turtle and TriG of this dataset

    def graph(self, name: str | None) -> dict[str, dict[str, set[str]]]:
        if name not in self.graphs:
            self.graphs[name] = defaultdict(lambda: defaultdict(set))
        return self.graphs[name]

    def add(self, s: str, p: str, o: str, g: str | None = None) -> None:
        self.graph(g)[s][p].add(o)

    def add_statement(self, st: str, terms: tuple[str, ...], g: str | None) -> None:
        graph = self.graph(g)
        if st in graph:   # never in a build (statement IRIs hash what they state); merge all the same
            for p, objs in Statement(terms).items():
                graph[st][p] |= objs
        else:
            graph[st] = Statement(terms)

    def __len__(self) -> int:
        return sum(len(objs) for g in self.graphs.values() for preds in g.values() for objs in preds.values())



Statement.PREDICATES = (TYPE, iri(str(RDF.subject)), iri(str(RDF.predicate)), iri(str(RDF.object)),
                       iri(str(PROV.wasDerivedFrom)), iri(str(KG.sentence)), iri(str(KG.charStart)),
                       iri(str(KG.charEnd)), iri(str(KG.extractor)), iri(str(KG.confidence)))
Statement.PLAIN = frozenset({5, 8})   # the sentence and the extractor: plain literals, the same in Turtle
Statement.ORDER = (0,) + tuple(sorted(range(1, len(Statement.PREDICATES)), key=lambda i: Statement.PREDICATES[i]))


@functools.lru_cache(maxsize=256)
def _extractor(name: str) -> str:
    return literal(name)


def build(kg: Graph, texts: dict[str, str], base: str = DEFAULT_BASE) -> Quads:
    """The whole graph: descriptions in the default graph, facts in one named graph per article."""
    ent_ns, doc_ns, q_ns, st_ns = (base + p for p in ("entity/", "doc/", "quote/", "statement/"))
    out = Quads({**PREFIXES, "ent": ent_ns, "doc": doc_ns, "quote": q_ns, "st": st_ns})
    K = {name: iri(str(KG._NS) + name) for name in KG.__annotations__}
    P = {"title": iri(str(DCTERMS.title)), "author": iri(str(DCTERMS.creator)),
         "publisher": iri(str(DCTERMS.publisher)), "url": iri(str(DCTERMS.source)),
         "identifier": iri(str(DCTERMS.identifier)), "date": iri(str(DCTERMS.date)),
         "format": iri(str(DCTERMS["format"])), "label": iri(str(RDFS.label)), "alt": iri(str(SKOS.altLabel)),
         "derived": iri(str(PROV.wasDerivedFrom)), "Statement": iri(str(RDF.Statement)),
         "subject": iri(str(RDF.subject)), "predicate": iri(str(RDF.predicate)), "object": iri(str(RDF.object))}
    add = out.add
    docs = {stem: iri(doc_ns + doc_local(stem)) for stem in kg.documents}

    statement_type = P["Statement"]

    def statement(st: str, s: str, p: str, o: str, doc: str, sentence: str, start: int, end: int, extractor: str,
                  confidence: float, g: str | None) -> None:
        # in the order of Statement.PREDICATES
        out.add_statement(st, (statement_type, s, p, o, doc, literal(sentence), integer(start), integer(end),
                               _extractor(extractor), _confidence(confidence)), g)

    for stem, meta in sorted(kg.documents.items()):
        d = docs[stem]
        out.graph(d)    # every article has its graph, even an empty one (a store must forget its old facts)
        add(d, TYPE, K["Document"])
        add(d, P["identifier"], literal(stem))
        for key in ("title", "author", "publisher", "url"):
            if meta.get(key):
                add(d, P[key], literal(meta[key]))
        if meta.get("title"):
            # the title is metadata read from the document itself: say so, like any other statement
            st = iri(st_ns + "title_" + hashlib.sha1(stem.encode()).hexdigest()[:16])
            title = literal(meta["title"])
            statement(st, d, P["title"], title, d, meta["title"], 0, 0, "metadata", 1.0, None)
        if meta.get("date"):
            add(d, P["date"], literal(meta["date"], XSD_DATE))
        if meta.get("encoding") or meta.get("format"):
            # how the file was read: a non-UTF-8 encoding is a guess, and the user should be able to see it
            charset = CHARSETS.get(meta.get("encoding", "utf-8"), meta.get("encoding", "utf-8"))
            add(d, P["format"], literal(f"{meta.get('format', 'text/plain')}; charset={charset}"))

    for eid, ent in kg.entities.items():
        node = iri(ent_ns + eid)
        add(node, TYPE, K[ent.cls])
        add(node, P["label"], literal(ent.label))
        for alias in ent.aliases:
            add(node, P["alt"], literal(alias))
        for stem in ent.docs:
            add(node, K["mentionedIn"], docs[stem])

    for qid, q in kg.quotes.items():
        node = iri(q_ns + qid)
        add(node, TYPE, K["Quote"])
        add(node, K["text"], literal(q.text))
        add(node, P["derived"], docs[q.doc])
        add(node, K["charStart"], integer(q.start))
        add(node, K["charEnd"], integer(q.end))

    statements: dict[tuple[str, str, str], list[str]] = {}    # a fact -> its evidence statements' IRIs
    for (s, rel, o), evidences in kg.facts.items():
        subj = iri(ent_ns + s)
        if o.startswith("quote:"):
            obj = iri(q_ns + o[6:])
        elif o.startswith("lit:"):
            value, dtype = kg.literals[o]
            obj = _date_literal(value) if dtype == "date" else literal(value)
        else:
            obj = iri(ent_ns + o)
        pred = K[rel]
        add(subj, pred, obj)
        for ev in evidences:
            h = hashlib.sha1(f"{s}|{rel}|{o}|{ev.doc}|{ev.start}|{ev.extractor}".encode()).hexdigest()[:20]
            g = docs[ev.doc]
            add(subj, pred, obj, g)
            statement(iri(st_ns + h), subj, pred, obj, g, texts[ev.doc][ev.start:ev.end], ev.start, ev.end,
                      ev.extractor, ev.confidence, g)
            statements.setdefault((s, rel, o), []).append(iri(st_ns + h))
    _claims(kg, out, K, P, docs, ent_ns, q_ns, statements, texts, statement)
    return out


def _claims(kg: Graph, out: Quads, K: dict, P: dict, docs: dict, ent_ns: str, q_ns: str,
            statements: dict, texts: dict[str, str], statement) -> None:
    """Each claim on the quote it is made in: the quote node is the claim (a kg:Claim is a kg:Quote) and
    carries the content as an unasserted RDF 1.1 reification (rdf:subject/predicate/object, never the plain
    triple), its polarity, and kg:corroborates to the evidence of the same fact where something asserts it.
    A second claim in one quote gets a node of its own, the same words, said by the same speaker."""
    add = out.add
    by_quote: dict[str, list] = defaultdict(list)
    for c in kg.claims.values():
        by_quote[c.quote].append(c)
    for qid in sorted(by_quote):
        q = kg.quotes[qid]
        for n, c in enumerate(sorted(by_quote[qid], key=lambda c: c.id)):
            g = docs[q.doc]
            if n == 0:
                node = iri(q_ns + qid)
            else:
                node = iri(q_ns + hashlib.sha1(c.id.encode()).hexdigest()[:20])
                speaker = iri(ent_ns + c.speaker)
                for graph in (None, g):
                    add(node, TYPE, K["Quote"], graph)
                    add(speaker, K["said"], node, graph)
                add(node, K["text"], literal(q.text))
                add(node, P["derived"], docs[q.doc])
                add(node, K["charStart"], integer(q.start))
                add(node, K["charEnd"], integer(q.end))
                h = hashlib.sha1(f"{c.speaker}|said|{c.id}".encode()).hexdigest()[:20]
                ev = c.evidence
                statement(iri(out.prefixes["st"] + h), speaker, K["said"], node, g, texts[ev.doc][ev.start:ev.end],
                          ev.start, ev.end, "quotes.claim", ev.confidence, g)
            for graph in (None, g):
                add(node, TYPE, K["Claim"], graph)
                add(node, P["subject"], iri(ent_ns + c.subj), graph)
                add(node, P["predicate"], K[c.rel], graph)
                add(node, P["object"], iri(ent_ns + c.obj), graph)
                add(node, K["polarity"], K["Negative" if c.polarity == "negative" else "Positive"], graph)
                add(node, K["extractor"], _extractor(c.evidence.extractor), graph)
                add(node, K["confidence"], _confidence(c.evidence.confidence), graph)
                for st in statements.get((c.subj, c.rel, c.obj), ()):
                    add(node, K["corroborates"], st, graph)


REIFIES = iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies")
_REIFICATION = (iri(str(RDF.subject)), iri(str(RDF.predicate)), iri(str(RDF.object)))


def triple_term(s: str, p: str, o: str) -> str:
    return f"<<( {s} {p} {o} )>>"


def rdf12(ds: Quads) -> Quads:
    """The same dataset in RDF 1.2: every evidence statement and every claim is a reifier of a triple term
    (`st:x rdf:reifies <<( s p o )>>`) instead of an RDF 1.1 reification (rdf:Statement with rdf:subject,
    rdf:predicate, rdf:object). A claim's triple term is still not asserted."""
    out = Quads(ds.prefixes)
    statement_type = iri(str(RDF.Statement))
    for name, graph in ds.graphs.items():
        target = out.graph(name)
        for subj, preds in graph.items():
            items = {p: set(objs) for p, objs in preds.items()}
            if all(p in items and len(items[p]) == 1 for p in _REIFICATION):
                s, p, o = (next(iter(items.pop(x))) for x in _REIFICATION)
                items[REIFIES] = {triple_term(s, p, o)}
                if TYPE in items:
                    items[TYPE].discard(statement_type)
                    if not items[TYPE]:
                        del items[TYPE]
            row = target[subj]
            for p, objs in items.items():
                row[p] |= objs
    return out
