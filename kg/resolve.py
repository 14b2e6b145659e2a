"""Entity resolution: mentions -> entities, within an article and across articles.

Within an article, short forms resolve to the full name mentioned ("Sadr" ->
Moqtada al-Sadr), acronyms to their expansions, descriptions to the named
organisation ("al-Sadr's militia" -> Mahdi Army). Across articles,
transliteration variants merge by a skeleton key (Muqtada/Moqtada/Moktada),
aliases come from ontology/aliases.tsv, and entities of different classes never
merge. Every merge is recorded with its reason for the resolution report.
"""
from __future__ import annotations

import collections
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon as lx
from .extract.records import Fact, Mention

ENTITY_CLASSES = ("Person", "Organization", "Place", "Group")
EVENT_CLASSES = ("Attack", "Clash", "Agreement", "Demonstration", "Arrest", "Negotiation", "Meeting", "Election")
SYMMETRIC = {"rivalOf", "foughtWith", "negotiatedWith"}
COMBAT = {"Attack", "Clash"}
LITERAL_RELATIONS = {"title", "occurredOn"}
STOP_INITIALS = {"of", "the", "for", "in", "and", "on", "de", "du", "des", "la", "le", "al"}
ARMED_NAME_WORDS = {"army", "militia", "brigade", "brigades", "forces", "front", "guard", "guards", "corps",
                    "legion", "battalion", "battalions", "mujahideen", "fighters"}
SIGNATURE = {  # relation -> (subject classes, object classes); None = any entity
    "leads": ({"Person", "Organization", "Place"}, {"Organization", "Place"}),    # a country leads a coalition
    "memberOf": ({"Person", "Organization", "Place"}, {"Organization", "Place"}),  # a country is a NATO member
    "spokespersonFor": ({"Person"}, {"Person", "Organization", "Group"}),
    "aideTo": ({"Person"}, {"Person"}),
    "locatedIn": ({"Place"}, {"Place"}),
    "controls": (None, {"Place"}),
    "withdrewFrom": (None, {"Place"}),
}
MOVEMENT_NOUNS = {"movement", "organisation", "organization"}
# what makes a longer name a part of the organisation it starts with ("United Nations Security Council")
PART_WORDS = {"council", "mission", "commission", "office", "committee", "agency", "department", "ministry",
              "branch", "wing", "court", "assembly", "bank", "secretariat", "bureau", "board", "panel", "program",
              "programme", "fund", "directorate", "service", "chamber"}
MOVEMENT_NAME_WORDS = {"movement", "trend", "current"}
# a description noun family -> the words that mark a named organisation of that kind
FAMILIES = ((frozenset(lx.ARMED_NOUNS), frozenset(ARMED_NAME_WORDS)),
            (frozenset(MOVEMENT_NOUNS), frozenset(MOVEMENT_NAME_WORDS)))


def _family(noun: str) -> int | None:
    return next((i for i, (nouns, _w) in enumerate(FAMILIES) if noun in nouns), None)


def _kind(name: str) -> set[int]:
    words = set(lx.fold(name).split())
    return {i for i, (_n, marks) in enumerate(FAMILIES) if words & marks}


@dataclass
class Evidence:
    doc: str
    start: int
    end: int
    extractor: str
    confidence: float


EVENT_RELATIONS = {"occurredIn", "occurredOn", "participatedIn", "partyTo"}


def fact_kind(rel: str) -> str:
    """The kinds of fact calibrated apart: their extractors' figures mean different things."""
    return "event" if rel in EVENT_RELATIONS else "title" if rel == "title" else "quote" if rel == "said" \
        else "relation"


class Calibration:
    """An extractor's raw confidence -> how often a fact it gives is right, by kind of fact: piecewise linear
    through the points of kg/data/calibration.tsv (made by scripts/make_calibration.py from gold articles).
    Without a table (`path` None) confidences stay as the extractors give them."""

    def __init__(self, path: Path | None):
        self.points: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
        if path is None:
            return
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip() or line.startswith("kind\t"):
                continue
            kind, raw, calibrated, *_ = line.split("\t")
            self.points[kind].append((float(raw), float(calibrated)))
        for pts in self.points.values():
            pts.sort()

    def __call__(self, rel: str, raw: float) -> float:
        pts = self.points.get(fact_kind(rel))
        if not pts:
            return raw
        if raw <= pts[0][0]:
            return pts[0][1]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            if raw <= x1:
                return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), 3) if x1 > x0 else y1
        return pts[-1][1]


def aggregate(confidences: list[float]) -> float:
    """A fact's confidence from its evidences' (noisy-or over distinct sentences: two sentences that state a
    fact make it likelier than either alone)."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - max(0.0, min(1.0, c))
    return round(1.0 - miss, 3)


@dataclass
class Entity:
    id: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)


@dataclass
class Quote:
    id: str
    text: str
    doc: str
    start: int
    end: int


@dataclass
class Claim:
    """What a speaker's words state, unasserted: (subject, relation, object) said by `speaker` in `quote`."""
    id: str
    quote: str          # the Quote's id: the words the claim is made in
    speaker: str
    subj: str
    rel: str
    obj: str
    polarity: str       # "positive" or "negative" (a denial)
    evidence: Evidence


@dataclass
class Graph:
    """What the RDF stage needs: entities, events, quotes, facts with evidence, documents, claims."""
    entities: dict[str, Entity]
    quotes: dict[str, Quote]
    facts: dict[tuple[str, str, str], list[Evidence]]   # (subject id, relation, object id or literal key)
    literals: dict[str, tuple[str, str]]                # literal key -> (value, datatype or "")
    documents: dict[str, dict[str, str]]
    merges: list[tuple[str, str, str, str, str]]       # entity id, label, surface form, doc, reason
    claims: dict[str, Claim] = field(default_factory=dict)

    def claims_of(self, quote: str) -> list[Claim]:
        return [c for c in self.claims.values() if c.quote == quote]


# ------------------------------------------------------------------ helpers
@functools.lru_cache(maxsize=1 << 16)
def surface(text: str) -> str:
    """A label as written, without a leading 'the' or a trailing possessive."""
    s = re.sub(r"^(the|The)\s+", "", text.strip())
    s = re.sub(r"(['\u2019]s|['\u2019])$", "", s)
    return re.sub(r"\s+", " ", s).strip(" ,;:")


@functools.lru_cache(maxsize=1 << 16)
def org_key(text: str) -> str:
    """Comparison key for organisation names: 'Sadr's movement' ~ 'Sadrist movement', 'Council of/for the …'."""
    words = [w for w in lx.fold(text).split() if w not in STOP_INITIALS - {"al"}]
    if words:
        words[0] = re.sub(r"(ists?|ites?)$", "", words[0]) or words[0]
    return lx.skeleton(" ".join(words))


RELIGIOUS_SITES = {"shrine", "mosque", "mausoleum", "tomb", "church", "temple", "synagogue", "cathedral", "monastery"}
SITE_TITLES = {"imam", "saint", "st", "holy", "prophet", "sheikh", "sayyid"}


@functools.lru_cache(maxsize=1 << 16)
def place_key(text: str) -> str:
    """Comparison key for places; a religious site is keyed by the name it honours:
    'Imam Ali shrine' ~ 'shrine of Imam Ali' ~ 'Imam Ali mausoleum' ~ 'Shrine of Ali Mosque'."""
    words = lx.fold(surface(text)).split()
    name = surface(text)
    country = name if name in lx.COUNTRIES else lx.DEMONYM.get(name.lower()) if name[:1].isupper() else None
    if country:
        return "country:" + lx.fold(country)     # 'Niger' and 'Nigeria' share a skeleton, never a country
    if any(w in RELIGIOUS_SITES for w in words):
        core = [w for w in words if w not in RELIGIOUS_SITES and w not in SITE_TITLES and w not in ("of", "the")]
        if core:
            return "site:" + lx.skeleton(" ".join(core))
    return lx.skeleton(surface(text))


def key_of(m: Mention) -> str:
    name = m.canonical or m.text
    if m.cls == "Organization":
        name = surface(name)
        words = name.split()
        if len(words) > 1 and words[-1].lower() in lx.NAMED_ORG_NOUNS and lx.actor_group(" ".join(words[:-1])):
            name = " ".join(words[:-1])       # "the YPG militia", "the PYD party": the group its name names
        return org_key(lx.actor_group(name) or name)
    return place_key(name) if m.cls == "Place" else lx.skeleton(surface(name))


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in STOP_INITIALS and w[0].isalpha()).upper()


def slug(text: str) -> str:
    """An IRI-safe local name: ASCII where the name folds to ASCII, else the name's own letters (IRIs are Unicode)."""
    s = re.sub(r"[^a-z0-9_]", "", lx.fold(text).replace(" ", "_"))
    s = re.sub(r"_+", "_", s).strip("_")
    if not s:
        s = re.sub(r"\W+", "_", unicodedata.normalize("NFC", text).casefold()).strip("_")
    return s or "x" + hashlib.sha1(text.encode()).hexdigest()[:10]


class Aliases:
    """The user-editable alias file."""

    def __init__(self, path: Path | None):
        self.canonical: dict[tuple[str, str], str] = {}
        self.never: set[frozenset[tuple[str, str]]] = set()
        if path is None or not path.exists():
            return
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("\t") if p.strip()]
            if parts[0] == "same" and len(parts) >= 4 and parts[1] in ENTITY_CLASSES:
                cls, canon = parts[1], parts[2]
                for name in parts[2:]:
                    self.canonical[(cls, self._k(cls, name))] = canon
            elif parts[0] == "never" and len(parts) == 3 and all(":" in p for p in parts[1:]):
                a, b = (tuple(p.split(":", 1)) for p in parts[1:])
                self.never.add(frozenset({(a[0], self._k(a[0], a[1])), (b[0], self._k(b[0], b[1]))}))
            else:
                raise ValueError(f"{path}:{n}: cannot read alias line {line!r} "
                                 f"(expected 'same<TAB>Class<TAB>Name<TAB>alias…' or 'never<TAB>Class:name<TAB>Class:name'; "
                                 f"classes: {', '.join(ENTITY_CLASSES)})")

    @staticmethod
    def _k(cls: str, name: str) -> str:
        return key_of(Mention(0, 0, cls, name))

    def lookup(self, cls: str, name: str) -> str | None:
        return self.canonical.get((cls, self._k(cls, name)))


class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


# ------------------------------------------------------------------ resolution
@dataclass
class _Local:
    """A cluster of mentions of one entity inside one article."""
    doc: str
    cls: str
    key: str
    names: collections.Counter = field(default_factory=collections.Counter)
    canonical: str = ""
    reasons: dict[str, str] = field(default_factory=dict)   # surface -> reason
    owner: tuple[str, str] | None = None   # descriptions ("X's militia"): the owner's local key
    family: int | None = None              # ... and which kind of organisation the description names


def _best_name(names: collections.Counter) -> str:
    return max(sorted(names), key=lambda n: (len(n.split()) > 1, names[n], len(n)))


def resolve(articles: list[tuple[str, dict[str, str], list[Mention], list[Fact]]], aliases: Aliases,
            calibration: Calibration | None = None) -> Graph:
    """Resolve the records of every article into one graph."""
    locals_: dict[tuple[str, str, str], _Local] = {}
    mention_to_local: dict[tuple[str, int, int, str, str], tuple[str, str, str]] = {}
    leads_pairs: list[tuple[tuple, tuple]] = []   # (person local id, organisation local id)

    # claims resolve like facts but are no fact of the article's: set them apart
    claimed = {stem: [f for f in facts if f.claimed_by is not None] for stem, _m, _ms, facts in articles}
    articles = [(stem, meta, mentions, [f for f in facts if f.claimed_by is None])
                for stem, meta, mentions, facts in articles]
    for stem, _meta, mentions, facts in articles:
        ms = [m for m in mentions if m.cls in ENTITY_CLASSES]
        for f in [*facts, *claimed[stem]]:
            for m in (f.subj, f.obj):
                if m is not None and m.cls in ENTITY_CLASSES:
                    ms.append(m)
        _cluster_article(stem, ms, facts, locals_, mention_to_local, aliases)
        for f in facts:
            if f.rel == "leads" and f.obj is not None and f.subj.cls == "Person" and f.obj.head != "desc":
                a = mention_to_local.get((stem, f.subj.start, f.subj.end, f.subj.cls, f.subj.text))
                b = mention_to_local.get((stem, f.obj.start, f.obj.end, f.obj.cls, f.obj.text))
                if a in locals_ and b in locals_:
                    leads_pairs.append((a, b))

    # across articles
    uf = _UnionFind()
    by_key: dict[tuple[str, str], list] = collections.defaultdict(list)
    for lid, loc in locals_.items():
        uf.find(lid)
        canon = aliases.lookup(loc.cls, _best_name(loc.names)) or loc.canonical
        k = (loc.cls, Aliases._k(loc.cls, canon) if canon else loc.key)
        by_key[k].append(lid)
    reasons_x: dict[tuple, str] = {}
    for k, lids in by_key.items():
        for other in lids[1:]:
            if not _forbidden(locals_[lids[0]], locals_[other], aliases) and _alike(locals_[lids[0]], locals_[other]):
                uf.union(lids[0], other)
                reasons_x[other] = "same normalised name or transliteration variant"
    _link_short_persons(locals_, uf, reasons_x, aliases)
    _link_spelling_variants(locals_, uf, reasons_x, aliases)
    _link_descriptions(locals_, uf, reasons_x, leads_pairs)
    _link_acronyms(locals_, uf, reasons_x)
    _link_rulers_governments(locals_, uf, reasons_x, leads_pairs)
    _link_short_first_names(locals_, uf, reasons_x, aliases)

    groups: dict = collections.defaultdict(list)
    for lid in locals_:
        groups[uf.find(lid)].append(lid)

    entities: dict[str, Entity] = {}
    local_to_entity: dict = {}
    merges = []
    used_ids: dict[str, str] = {}
    for root in sorted(groups):
        lids = sorted(groups[root])
        cls = locals_[lids[0]].cls
        names = collections.Counter()
        doc_count = collections.Counter()
        canon = ""
        named = any(locals_[lid].owner is None for lid in lids)
        for lid in lids:
            loc = locals_[lid]
            names.update(loc.names)
            for n in loc.names:
                # descriptions ("X's fighters") name the entity only when nothing else does
                doc_count[n] += 1 if loc.names[n] and (loc.owner is None or not named) else 0
            canon = canon or loc.canonical
        best = _best_name(doc_count)
        label = aliases.lookup(cls, best) or (aliases.lookup(cls, canon) if canon else None) or canon or best
        eid = slug(label)
        if used_ids.get(eid, cls) != cls:
            eid = f"{eid}_{cls.lower()}"
        while eid in entities and entities[eid].cls != cls:
            eid += "_"
        ent = entities.get(eid) or Entity(eid, cls, label)
        entities[eid] = ent
        used_ids[eid] = cls
        for lid in lids:
            loc = locals_[lid]
            local_to_entity[lid] = eid
            ent.docs.add(loc.doc)
            best_here = _best_name(loc.names)
            for n in loc.names:
                if n != ent.label:
                    ent.aliases.add(n)
                reason = loc.reasons.get(n) or (reasons_x.get(lid) if n == best_here else None)
                if n != ent.label or reason:
                    merges.append((eid, ent.label, n, loc.doc,
                                   reason or ("alias file" if aliases.lookup(cls, n) else "same name")))

    def ent_id(stem: str, m: Mention) -> str | None:
        lid = mention_to_local.get((stem, m.start, m.end, m.cls, m.text))
        return local_to_entity.get(lid) if lid else None

    quotes: dict[str, Quote] = {}
    claims: dict[str, Claim] = {}
    facts_out: dict[tuple[str, str, str], list[Evidence]] = collections.defaultdict(list)
    literals: dict[str, tuple[str, str]] = {}
    documents: dict[str, dict[str, str]] = {}
    for stem, meta, _mentions, facts in articles:
        documents[stem] = meta
        event_ids = _events(stem, facts, entities, ent_id, (meta or {}).get("date", ""))
        for f in facts:
            s = event_ids.get((f.subj.start, f.subj.end, f.subj.cls)) if f.subj.cls in EVENT_CLASSES else ent_id(stem, f.subj)
            if s is None:
                continue
            if f.rel == "said":
                qid = f"{stem}_q{f.quote[0] if f.quote else f.sent_start}"
                quotes.setdefault(qid, Quote(qid, f.value, stem, *(f.quote or (f.sent_start, f.sent_end))))
                o = "quote:" + qid
            elif f.rel in LITERAL_RELATIONS:
                dtype = "date" if f.rel == "occurredOn" else ""
                o = f"lit:{dtype}:{f.value}"
                literals[o] = (f.value, dtype)
            elif f.obj is None:
                continue
            else:
                o = event_ids.get((f.obj.start, f.obj.end, f.obj.cls)) if f.obj.cls in EVENT_CLASSES else ent_id(stem, f.obj)
                if o is None or o == s:
                    continue
                if not _signature_ok(f.rel, entities.get(s), entities.get(o)):
                    continue
                if f.rel in SYMMETRIC and o < s:
                    s, o = o, s
            ev = Evidence(stem, f.sent_start, f.sent_end, f.extractor,
                          calibration(f.rel, f.confidence) if calibration else f.confidence)
            key = (s, f.rel, o)
            if not any(e.doc == ev.doc and e.start == ev.start and e.extractor == ev.extractor for e in facts_out[key]):
                facts_out[key].append(ev)
            for node in (s, o):
                if node in entities:
                    entities[node].docs.add(stem)
        _claims(stem, claimed[stem], ent_id, entities, quotes, claims)
    return Graph(entities, quotes, dict(facts_out), literals, documents, sorted(set(merges)), claims)


def _claims(stem: str, facts: list[Fact], ent_id, entities: dict[str, Entity], quotes: dict[str, Quote],
            out: dict[str, Claim]) -> None:
    """An article's claims, on the quotes they are made in (a claim whose quote or ends did not resolve is
    dropped)."""
    for f in sorted(facts, key=lambda f: (f.quote, f.subj.start, f.rel, f.obj.start if f.obj else 0)):
        qid = f"{stem}_q{f.quote[0]}" if f.quote else None
        speaker, s = ent_id(stem, f.claimed_by), ent_id(stem, f.subj)
        o = ent_id(stem, f.obj) if f.obj is not None else None
        if qid not in quotes or None in (speaker, s, o) or s == o:
            continue
        if not _signature_ok(f.rel, entities.get(s), entities.get(o)):
            continue
        if f.rel in SYMMETRIC and o < s:
            s, o = o, s
        cid = f"{qid}_{s}_{f.rel}_{o}"
        if cid not in out:
            out[cid] = Claim(cid, qid, speaker, s, f.rel, o, f.polarity or "positive",
                             Evidence(stem, f.sent_start, f.sent_end, f.extractor, f.confidence))
            for node in (s, o):
                entities[node].docs.add(stem)


def _signature_ok(rel: str, s: Entity | None, o: Entity | None) -> bool:
    sig = SIGNATURE.get(rel)
    if sig is None or s is None or o is None:
        return True
    subj_ok = sig[0] is None or s.cls in sig[0]
    obj_ok = sig[1] is None or o.cls in sig[1]
    if rel in ("leads", "memberOf") and s.cls == "Place" and o.cls != "Organization":
        return False     # a place leads or belongs to an organisation, never to another place
    return subj_ok and obj_ok


def _affiliate(longer: str, short: str) -> bool:
    """'al Qaeda in the Islamic Maghreb' is an affiliate of al Qaeda, not its full name."""
    long_words, short_words = lx.fold(longer).split(), lx.fold(short).split()
    rest = long_words[len(short_words):] if long_words[:len(short_words)] == short_words else []
    return bool(rest) and rest[0] in ("in", "of")


def _part_in(longer: str, short: str) -> bool:
    """'the foreign affairs committee in the German parliament' is part of the parliament, not its long name."""
    return bool(re.search(r"\b(?:in|of|at) (?:the )?" + re.escape(lx.fold(short)) + "$", lx.fold(longer)))


def _alike(a: _Local, b: _Local) -> bool:
    """Two names with the same key are one entity only if they are spelt alike: a key of one short word is
    too coarse ('China', 'Chen' and 'Cihan' share one), and two countries are never one."""
    na, nb = lx.fold(_best_name(a.names)), lx.fold(_best_name(b.names))
    if na == nb or a.canonical and a.canonical == b.canonical:
        return True
    if na.title() in lx.COUNTRIES and nb.title() in lx.COUNTRIES:
        return False
    if " " not in a.key and not a.key.startswith("site:"):
        return _distance(na, nb) <= 1
    return True


def _forbidden(a: _Local, b: _Local, aliases: Aliases) -> bool:
    if a.cls != b.cls:
        return True
    for na in a.names:
        for nb in b.names:
            if frozenset({(a.cls, Aliases._k(a.cls, na)), (b.cls, Aliases._k(b.cls, nb))}) in aliases.never:
                return True
    return False


def _cluster_article(stem, mentions, facts, locals_, mention_to_local, aliases) -> None:
    """Group one article's mentions into local entities."""
    clusters: dict[tuple[str, str], _Local] = {}
    order: list[tuple[str, str]] = []
    starts: dict[tuple[str, str], list[int]] = {}
    unique = set(mentions)
    keys = {m: (m.cls, key_of(m)) for m in unique}
    for m in sorted(unique, key=lambda m: (m.start, m.end, m.cls, m.text, m.canonical)):
        k = keys[m]
        if k not in clusters:
            clusters[k] = _Local(stem, m.cls, k[1])
            order.append(k)
        loc = clusters[k]
        starts.setdefault(k, []).append(m.start)
        loc.names[surface(m.text)] += 1
        if m.canonical:
            loc.canonical = loc.canonical or m.canonical
    # short forms -> full names within the article
    redirect: dict[tuple[str, str], tuple[str, str]] = {}
    persons = [k for k in order if k[0] == "Person" and " " in k[1]]
    for k in order:
        cls, key = k
        loc = clusters[k]
        target = None
        reason = ""
        if cls == "Person" and " " not in key:
            short = lx.fold(_best_name(loc.names))
            hits = [p for p in persons if key in (p[1].split()[0], p[1].split()[-1]) and min(
                _distance(short, w) for w in lx.fold(_best_name(clusters[p].names)).split()) <= 1]
            if len(hits) > 1:     # "Ma" with "Ma Ying-jeou" and "Mao Zedong": the one spelt exactly so
                hits = [p for p in hits if short in lx.fold(_best_name(clusters[p].names)).split()]
            if len(hits) > 1:     # "Khan" after "Shabir Khan", "Khan Abdul Ghaffar Khan": the one named last before it
                first = starts[k][0]
                before = {p: max((x for x in starts[p] if x < first), default=-1) for p in hits}
                latest = max(before.values())
                if latest >= 0 and sum(v == latest for v in before.values()) == 1:
                    hits = [p for p in hits if before[p] == latest]
            if len({h for h in hits}) == 1:
                target, reason = hits[0], "short form of a name in the same article"
        elif cls == "Organization":
            name = _best_name(loc.names)
            if re.fullmatch(r"[A-Z]{2,6}", name):
                hits = [o for o in order if o[0] == "Organization" and o != k
                        and initials(_best_name(clusters[o].names)) == name]
                if len(hits) == 1:
                    target, reason = hits[0], "acronym of a name in the same article"
            else:
                words = key.split()
                hits = [o for o in order if o[0] == "Organization" and o != k and len(o[1].split()) > len(words)
                        and (o[1].split()[-len(words):] == words
                             and (clusters[o].canonical
                                  or lx.fold(_best_name(clusters[o].names)).split()[0] not in lx.DEMONYM)
                             and not _part_in(_best_name(clusters[o].names), name)
                             or o[1].split()[:len(words)] == words
                             and not set(lx.fold(_best_name(clusters[o].names)).split()) & PART_WORDS
                             and not _affiliate(_best_name(clusters[o].names), name))]
                if len(hits) == 1 and not clusters[k].canonical:
                    target, reason = hits[0], "short form of a name in the same article"
        if target is not None:
            redirect[k] = target
            for n in loc.names:
                clusters[target].reasons[n] = reason
            clusters[target].names.update(loc.names)
    # descriptions of a person's armed group or movement -> the named one of that kind the person leads here
    led: dict[tuple, set] = collections.defaultdict(set)
    for f in facts:
        if f.rel == "leads" and f.obj is not None and f.obj.cls == "Organization" and f.subj.cls == "Person" \
                and f.obj.head != "desc":
            k = _final(redirect, ("Organization", key_of(f.obj)))
            if k in clusters:
                for fam in _kind(_best_name(clusters[k].names)):
                    led[(_final(redirect, ("Person", key_of(f.subj))), fam)].add(k)
    same_desc: dict[tuple[str, str], tuple[str, str]] = {}
    for m in sorted((m for m in unique if m.head == "desc"), key=lambda m: (m.start, m.end, m.text)):
        noun = m.text.split()[-1].lower()
        owner = lx.skeleton(surface(re.split(r"['\u2019]s\b", m.text)[0]))
        first = same_desc.setdefault((owner, noun), keys[m])
        if first != keys[m] and keys[m] not in redirect and keys[m] in clusters:
            # "Gulen's movement", "Gulen's conservative religious movement": one owner's one movement
            redirect[keys[m]] = first
            for n in clusters[keys[m]].names:
                clusters[first].reasons[n] = "the same owner's description"
            clusters[first].names.update(clusters[keys[m]].names)
        pk = ("Person", owner)
        if pk not in clusters:     # "Kaya's militia" with only "Ahmed Kaya" named: the surname's owner
            hits = [p for p in persons if owner in (p[1].split()[0], p[1].split()[-1])]
            pk = hits[0] if len(hits) == 1 else pk
        fam = _family(noun)
        named = led.get((_final(redirect, pk), fam), set())
        k = ("Organization", keys[m][1])
        if k in clusters and fam is not None and _final(redirect, pk) in clusters:
            clusters[k].owner = _final(redirect, pk)
            clusters[k].family = fam
        if fam is not None and len(named) == 1 and k in clusters and k not in redirect:
            target = next(iter(named))
            if target != k:
                redirect[k] = target
                for n in clusters[k].names:
                    clusters[target].reasons[n] = "description of the organisation its leader leads"
                    clusters[target].names[n] += 0    # an alias, never the label: the organisation has a name
    for k in order:
        final = _final(redirect, k)
        lid = (stem,) + final
        if k == final:
            locals_[lid] = clusters[k]
    for m, k in keys.items():
        mention_to_local[(stem, m.start, m.end, m.cls, m.text)] = (stem,) + _final(redirect, k)


def _final(redirect, k):
    seen = set()
    while k in redirect and k not in seen:
        seen.add(k)
        k = redirect[k]
    return k


def _link_short_persons(locals_, uf, reasons, aliases) -> None:
    """A surname alone in one article -> the one person of the corpus with that surname."""
    full: dict[str, set] = collections.defaultdict(set)
    for lid, loc in locals_.items():
        if loc.cls == "Person" and " " in loc.key:
            full[loc.key.split()[-1]].add(uf.find(lid))
    for lid, loc in locals_.items():
        if loc.cls == "Person" and " " not in loc.key and len(full.get(loc.key, ())) == 1:
            target = next(iter(full[loc.key]))
            surname = _surname(_best_name(locals_[target].names))
            if _surname(_best_name(loc.names)) != surname:
                continue      # across articles a surname is linked only as spelt: 'Zaman' is not 'Zamani'
            if not _forbidden(loc, locals_[target], aliases):
                uf.union(target, lid)
                reasons[lid] = "surname of the one person of that name in the corpus"


RULED_BODIES = re.compile(r"^(?P<who>.+?)(?:['\u2019]s)? (?P<what>government|administration|regime|cabinet)$")


def _link_rulers_governments(locals_, uf, reasons, leads_pairs) -> None:
    """'Buhari's government' is the Nigerian government when Buhari leads Nigeria somewhere in the corpus
    ('Nigerian President Muhammadu Buhari'): a ruler's government is his country's."""
    rules: dict = collections.defaultdict(set)          # person root -> countries it leads
    for a, b in leads_pairs:
        loc = locals_[b]
        if loc.cls == "Place":
            name = _best_name(loc.names)
            country = name if name in lx.COUNTRIES else lx.DEMONYM.get(name.lower())
            if country:
                rules[uf.find(a)].add(country)
    if not rules:
        return
    government_of = {f"{adj} government": c for c, (adj, _f, _p) in lx.COUNTRIES.items()}
    govs = {}
    for lid, loc in locals_.items():
        if loc.cls == "Organization":
            for n in (loc.canonical, _best_name(loc.names)):
                if n in government_of:
                    govs.setdefault(government_of[n], uf.find(lid))
    persons = [(lid, loc) for lid, loc in locals_.items() if loc.cls == "Person"]
    for lid, loc in sorted(locals_.items()):
        if loc.cls != "Organization":
            continue
        m = RULED_BODIES.match(surface(loc.canonical or _best_name(loc.names)))
        if m is None:
            continue
        who = lx.fold(m.group("who"))
        rulers = {uf.find(p) for p, ploc in persons if ploc.doc == loc.doc and (
            who == lx.fold(_best_name(ploc.names)) or who == _surname(_best_name(ploc.names)))}
        countries = {c for r in rulers for c in rules.get(r, ())}
        if len(countries) == 1 and next(iter(countries)) in govs:
            target = govs[next(iter(countries))]
            if uf.find(target) != uf.find(lid):
                uf.union(target, lid)
                reasons[lid] = "the government of the country its leader leads"


def _link_short_first_names(locals_, uf, reasons, aliases) -> None:
    """'Ash Carter' and 'Ashton B. Carter': the same surname, a first name that is the other's short form, and no
    other person of that surname in the corpus with another first name."""
    by_surname: dict[str, list] = collections.defaultdict(list)
    for lid, loc in locals_.items():
        words = lx.fold(_best_name(loc.names)).replace(".", "").split()
        if loc.cls == "Person" and len(words) >= 2:
            by_surname[_surname(_best_name(loc.names))].append((lid, words[0]))
    for surname, people in by_surname.items():
        firsts = {f for _lid, f in people}
        if len(firsts) != 2:
            continue
        a, b = sorted(firsts, key=len)
        if len(a) >= 3 and b.startswith(a):
            ids = [lid for lid, _f in sorted(people)]
            for other in ids[1:]:
                if uf.find(ids[0]) != uf.find(other) and not _forbidden(locals_[ids[0]], locals_[other], aliases):
                    uf.union(ids[0], other)
                    reasons[other] = "a first name and its short form, the same surname"


def _surname(name: str) -> str:
    last = lx.fold(name).split()[-1] if name.strip() else ""
    return re.sub(r"^(al|el|ad|as|ash|an|ar)-", "", last)


def _link_descriptions(locals_, uf, reasons, leads_pairs) -> None:
    """'al-Sadr's rebel forces' in an article that never names them: the one armed group he leads elsewhere."""
    kinds: dict = collections.defaultdict(set)
    for person, org in leads_pairs:
        for fam in _kind(_best_name(locals_[org].names)):
            kinds[(uf.find(person), fam)].add(uf.find(org))
    for lid, loc in sorted(locals_.items()):
        if loc.owner is None or loc.family is None or uf.find(lid) != lid:
            continue
        owner = (loc.doc,) + loc.owner
        found = kinds.get((uf.find(owner), loc.family), set()) if owner in locals_ else set()
        if not found and loc.family == 1 and owner in locals_:
            # "Sadr's organisation" -> the Sadrist movement: a movement named after its leader
            stem_ = re.sub(r"^(al|el)-?", "", lx.fold(_best_name(locals_[owner].names)).split()[-1]).replace("-", "")
            named = re.compile(rf"(al)?{re.escape(stem_)}(ist|ite|ista|ian)s?( (movement|trend|current))?")
            found = {uf.find(o) for o, other in locals_.items() if other.cls == "Organization" and
                     any(named.fullmatch(lx.fold(n).replace("-", "")) for n in other.names)}
        if len(found) == 1:
            target = next(iter(found))
            if uf.find(target) != uf.find(lid):
                uf.union(target, lid)
                reasons[lid] = ("description of the armed group its leader leads (in another article)"
                                if loc.family == 0 else
                                "description of the movement its leader leads (in another article)")


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _link_spelling_variants(locals_, uf, reasons, aliases) -> None:
    """'Moqtada al-Sahr' ~ 'Moqtada al-Sadr': same given name, surnames one consonant apart."""
    by_name: dict[str, dict[str, list]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for lid, loc in sorted(locals_.items()):
        words = loc.key.split()
        if loc.cls == "Person" and len(words) >= 2:
            by_name[" ".join(words[:-1])][words[-1]].append(lid)
    for surnames in by_name.values():
        # compare the distinct surnames, not every pair of mentions (a large archive has thousands per name)
        names = sorted(surnames)
        for i, la in enumerate(names):
            for lb in names[i + 1:]:
                if min(len(la), len(lb)) < 2 or abs(len(la) - len(lb)) > 1 or _distance(la, lb) > 1:
                    continue
                for a in surnames[la]:
                    for b in surnames[lb]:
                        if uf.find(a) != uf.find(b) and not _forbidden(locals_[a], locals_[b], aliases):
                            uf.union(a, b)
                            reasons[b] = "spelling variant (same given name, surname one letter apart)"


def _link_acronyms(locals_, uf, reasons) -> None:
    expansions: dict[str, set] = collections.defaultdict(set)
    for lid, loc in locals_.items():
        if loc.cls == "Organization":
            for n in loc.names:
                if len(n.split()) >= 2:
                    expansions[initials(n)].add(uf.find(lid))
    for lid, loc in locals_.items():
        if loc.cls != "Organization":
            continue
        for n in loc.names:
            if re.fullmatch(r"[A-Z]{2,6}", n) and len({uf.find(x) for x in expansions.get(n, ())}) == 1:
                target = next(iter(expansions[n]))
                if uf.find(target) != uf.find(lid):
                    uf.union(target, lid)
                    reasons[lid] = "acronym of a name in another article"


def _is_war(m: Mention) -> bool:
    return (m.head or "").lower() == "war"


COUNTER = re.compile(r"\bto (?:" + "|".join(sorted(lx.RECLAIMING)) + r")\b")


def _is_counter(m: Mention) -> bool:
    """'the assault to reclaim the hotel' answers the attack that took it: another event."""
    return any(COUNTER.search(n) for n in (m.text, *m.names))


def _events(stem: str, facts: list[Fact], entities: dict[str, Entity], ent_id, published: str = "") \
        -> dict[tuple[int, int, str], str]:
    """Group one article's event mentions into events and register them as entities."""
    info: dict[tuple[int, int, str], dict] = {}
    for f in facts:
        if f.subj.cls in EVENT_CLASSES:
            k = (f.subj.start, f.subj.end, f.subj.cls)
            d = info.setdefault(k, {"m": f.subj, "places": set(), "dates": set()})
            if f.rel == "occurredIn" and f.obj is not None:
                pid = ent_id(stem, f.obj)
                if pid:
                    d["places"].add(pid)
            elif f.rel == "occurredOn":
                d["dates"].add(f.value)
        if f.obj is not None and f.obj.cls in EVENT_CLASSES:
            info.setdefault((f.obj.start, f.obj.end, f.obj.cls), {"m": f.obj, "places": set(), "dates": set()})
    groups: list[dict] = []

    def fits(d: dict, g: dict, cls: str) -> bool:
        if _is_war(d["m"]) != g["war"]:
            return False   # a civil war holds many clashes: "the fighting" in the country is not the war
        if _is_counter(d["m"]) != g["counter"]:
            return False
        same_family = {g["cls"], cls} <= COMBAT and d["places"] & g["places"]
        if cls not in g["kinds"] and not same_family:
            return False   # an assault on X and the fighting in X are one episode; other kinds stay apart
        if d["m"].new and not (d["places"] & g["places"] and set(d["dates"]) & set(g["dates"])):
            return False   # "another mortar strike" is a new event unless place and date say otherwise
        if d["places"] and g["places"] and not d["places"] & g["places"]:
            return False
        if d["dates"] and not g["dates"] and published[:4].isdigit() and all(x[:4] < published[:4] for x in d["dates"]):
            return False   # "the elections in 2001" are not the undated elections the story is about
        return not (d["dates"] and g["dates"] and not any(a.startswith(b) or b.startswith(a)
                                                          for a in d["dates"] for b in g["dates"]))

    # events placed by the text first; a mention with no place joins the most-mentioned event it fits
    # ("the assault" is the article's main assault, not the first one it happened to name)
    for k in sorted(info, key=lambda k: (not info[k]["places"], k)):
        d = info[k]
        fitting = [g for g in groups if fits(d, g, k[2])]
        if not d["places"]:
            fitting.sort(key=lambda g: -len(g["keys"]))
        if fitting:
            g = fitting[0]
            g["keys"].append(k)
            g["kinds"][k[2]] += 1
            g["places"] |= d["places"]
            g["dates"] |= d["dates"]
        else:
            groups.append({"cls": k[2], "keys": [k], "places": set(d["places"]), "dates": set(d["dates"]),
                           "kinds": collections.Counter({k[2]: 1}), "war": _is_war(d["m"]),
                           "counter": _is_counter(d["m"])})
    out = {}
    for n, g in enumerate(groups):
        g["cls"] = max(sorted(g["kinds"]), key=lambda c: g["kinds"][c])
        dates_ = sorted(g["dates"], key=lambda x: (-len(x), x))     # (not by len alone: set order)
        if g["places"] and dates_:
            eid = f"{g['cls'].lower()}_{sorted(g['places'])[0]}_{dates_[0].replace('-', '_')}"
        else:
            eid = f"{g['cls'].lower()}_{stem}_{n}"
        ms = [info[k]["m"] for k in g["keys"]]
        label = max(sorted({surface(m.text) for m in ms}), key=len)
        ent = entities.get(eid) or Entity(eid, g["cls"], label)
        entities[eid] = ent
        place_names = [entities[p].label for p in sorted(g["places"]) if p in entities]
        for m in ms:
            extra = [f"{p} {m.head}" for p in place_names[:1]] + [f"{m.head} in {p}" for p in place_names[:1]]
            for name in (surface(m.text), m.head, *m.names, *extra):
                name = surface(name)
                if name and name != ent.label:
                    ent.aliases.add(name)
        ent.docs.add(stem)
        for k in g["keys"]:
            out[k] = eid
    return out
