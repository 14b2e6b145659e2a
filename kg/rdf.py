"""The RDF stage: a resolved Graph in, rdflib graphs out (no I/O here).

Every fact is a plain triple plus a reified rdf:Statement per evidence with
prov:wasDerivedFrom, the sentence, its offsets, the extractor and a confidence.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Dataset, Graph as RDFGraph, Literal, Namespace, URIRef
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
    # datatype properties
    title: URIRef
    occurredOn: URIRef
    text: URIRef
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    extractor: URIRef
    confidence: URIRef


PREFIXES = {"kg": KG._NS, "dcterms": DCTERMS, "prov": PROV, "skos": SKOS, "owl": OWL, "xsd": XSD,
            "rdfs": RDFS, "rdf": RDF}


CHARSETS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "windows-1252", "utf-16": "utf-16",
            "latin-1": "iso-8859-1"}


def _date_literal(value: str) -> Literal:
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def _confidence(x: float) -> Literal:
    return Literal(Decimal(f"{min(max(x, 0.0), 1.0):.3f}"), datatype=XSD.decimal)


def build(kg: Graph, texts: dict[str, str], base: str = DEFAULT_BASE) -> Dataset:
    """The whole graph as a Dataset: descriptions in the default graph, facts in one named graph per article."""
    ent_ns, doc_ns, q_ns, st_ns = (Namespace(base + p) for p in ("entity/", "doc/", "quote/", "statement/"))
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("ent", ent_ns)
    ds.bind("doc", doc_ns)
    ds.bind("quote", q_ns)
    ds.bind("st", st_ns)
    default = ds.default_graph
    named = {stem: ds.graph(doc_ns[stem]) for stem in sorted(kg.documents)}

    for stem, meta in sorted(kg.documents.items()):
        d = doc_ns[stem]
        default.add((d, RDF.type, KG.Document))
        default.add((d, DCTERMS.identifier, Literal(stem)))
        for key, pred in (("title", DCTERMS.title), ("author", DCTERMS.creator), ("publisher", DCTERMS.publisher),
                          ("url", DCTERMS.source)):
            if meta.get(key):
                default.add((d, pred, Literal(meta[key])))
        if meta.get("title"):
            # the title is metadata read from the document itself: say so, like any other statement
            st = st_ns["title_" + hashlib.sha1(stem.encode()).hexdigest()[:16]]
            for t in ((st, RDF.type, RDF.Statement), (st, RDF.subject, d), (st, RDF.predicate, DCTERMS.title),
                      (st, RDF.object, Literal(meta["title"])), (st, PROV.wasDerivedFrom, d),
                      (st, KG.sentence, Literal(meta["title"])), (st, KG.charStart, Literal(0)),
                      (st, KG.charEnd, Literal(0)), (st, KG.extractor, Literal("metadata")),
                      (st, KG.confidence, _confidence(1.0))):
                default.add(t)
        if meta.get("date"):
            default.add((d, DCTERMS.date, Literal(meta["date"], datatype=XSD.date)))
        if meta.get("encoding") or meta.get("format"):
            # how the file was read: a non-UTF-8 encoding is a guess, and the user should be able to see it
            charset = CHARSETS.get(meta.get("encoding", "utf-8"), meta.get("encoding", "utf-8"))
            default.add((d, DCTERMS["format"], Literal(f"{meta.get('format', 'text/plain')}; charset={charset}")))

    for eid, ent in sorted(kg.entities.items()):
        node = ent_ns[eid]
        default.add((node, RDF.type, KG[ent.cls]))
        default.add((node, RDFS.label, Literal(ent.label)))
        for alias in sorted(ent.aliases):
            default.add((node, SKOS.altLabel, Literal(alias)))
        for stem in sorted(ent.docs):
            default.add((node, KG.mentionedIn, doc_ns[stem]))

    for qid, q in sorted(kg.quotes.items()):
        node = q_ns[qid]
        default.add((node, RDF.type, KG.Quote))
        default.add((node, KG.text, Literal(q.text)))
        default.add((node, PROV.wasDerivedFrom, doc_ns[q.doc]))
        default.add((node, KG.charStart, Literal(q.start)))
        default.add((node, KG.charEnd, Literal(q.end)))

    for (s, rel, o), evidences in sorted(kg.facts.items()):
        subj = ent_ns[s]
        if o.startswith("quote:"):
            obj = q_ns[o[6:]]
        elif o.startswith("lit:"):
            value, dtype = kg.literals[o]
            obj = _date_literal(value) if dtype == "date" else Literal(value)
        else:
            obj = ent_ns[o]
        pred = KG[rel]
        default.add((subj, pred, obj))
        for ev in sorted(evidences, key=lambda e: (e.doc, e.start, e.extractor)):
            h = hashlib.sha1(f"{s}|{rel}|{o}|{ev.doc}|{ev.start}|{ev.extractor}".encode()).hexdigest()[:20]
            st = st_ns[h]
            g = named[ev.doc]
            g.add((subj, pred, obj))
            for t in ((st, RDF.type, RDF.Statement), (st, RDF.subject, subj), (st, RDF.predicate, pred),
                      (st, RDF.object, obj), (st, PROV.wasDerivedFrom, doc_ns[ev.doc]),
                      (st, KG.sentence, Literal(texts[ev.doc][ev.start:ev.end])),
                      (st, KG.charStart, Literal(ev.start)), (st, KG.charEnd, Literal(ev.end)),
                      (st, KG.extractor, Literal(ev.extractor)), (st, KG.confidence, _confidence(ev.confidence))):
                g.add(t)
    return ds


def flatten(ds: Dataset) -> RDFGraph:
    """All quads as one graph (the Turtle export)."""
    g = RDFGraph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns)
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
