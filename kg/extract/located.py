"""locatedIn: "Sadr City in Baghdad", "the southern Iraqi city of Basra", "BAGHDAD, Iraq", "the Kufa mosque"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from .. import lexicon as lx
from .common import arg, ent_of, mention, sentence
from .records import Fact, Mention


def _fact(inner: Mention, outer: Mention, sent, how: str, conf: float) -> Fact:
    return Fact(inner, "locatedIn", outer, "", sent.start_char, sent.end_char, f"located.{how}", conf)


REGION_NOUNS = {"province", "state", "region", "governorate", "county", "prefecture", "district", "oblast"}


def _region(span) -> bool:
    """A country, a US state, or a province or region named as one."""
    return bool(_country(span.text)) or span.text in lx.US_STATES or span[-1].lower_ in REGION_NOUNS


def _country(text: str) -> str | None:
    low = text.lower()
    if low in lx.DEMONYM:
        return lx.DEMONYM[low]
    return text if text in lx.COUNTRIES or "country" in lx.place_kind(text) else None


def extract(doc: Doc) -> Iterator[Fact]:
    yield from names(doc)
    yield from nouns(doc)


def names(doc: Doc) -> Iterator[Fact]:
    places = [e for e in doc.ents if e.label_ == "Place"]
    names = {e.text for e in places}
    for ent in places:
        root, sent = ent.root, sentence(ent)
        # "Sadr City in Baghdad", "the Sadr City area in Baghdad"
        holders = [root] + ([root.head] if root.dep_ == "compound" and root.head.lower_ in lx.PLACE_NOUNS else [])
        for c in (c for h in holders for c in h.children):
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.dep_ == "pobj" and ent_of(p) is not None and ent_of(p).label_ == "Place":
                        yield _fact(mention(ent), mention(ent_of(p)), sent, "in", 0.85)
        # "BAGHDAD, Iraq", "BURNS, Ore.", "Charsadda, northwestern Khyber Pakhtunkhwa province": a place followed by
        # its country, state or province
        nxt = ent.end
        k = nxt + 1
        while k < len(doc) and doc[k].is_lower and doc[k].pos_ == "ADJ":
            k += 1      # "northwestern"
        if nxt < len(doc) and doc[nxt].text == "," and k < len(doc) and ent_of(doc[k]) is not None:
            other = ent_of(doc[k])
            after = doc[other.end] if other.end < len(doc) else None
            modifier = after is not None and after.lower_ in lx.TITLES    # "Munich, U.S. Senator X": a demonym of a title
            if other.label_ == "Place" and other.start == k and _region(other) and not _country(ent.text) \
                    and (k == nxt + 1 or not _country(other.text)) and not modifier and not _listed(ent, other):
                yield _fact(mention(ent), mention(other), sent, "comma", 0.8)
        # "Homs, a city in western Syria", "Raqqa, the group's de facto capital in Syria" (the parser may make the
        # description a second object rather than an apposition)
        # ("Tikrit and Ramadi, the capital of X": the description is the last one's)
        described = [c for c in root.children if c.dep_ == "appos"
                     and not any(x.dep_ == "conj" and x.i < c.i for x in root.children)]
        if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
            described += [t for t in doc[ent.end + 1:min(len(doc), ent.end + 8)] if t.left_edge.i == ent.end + 1
                          and t.pos_ == "NOUN" and t.dep_ != "appos" and t.tag_ == "NN"]   # not "other countries"
        for c in described:
            if c.lower_ in lx.PLACE_NOUNS or c.lower_ in ("capital", "stronghold", "seat", "resort", "hometown"):
                outer = _outer(c)
                if outer is not None and outer.text != ent.text:
                    yield _fact(mention(ent), mention(outer), sent, "described", 0.75)
        # "Raqqa in northern Syria" where the parser hangs "in" on the verb: the words still say containment
        k = ent.end
        if k + 1 < len(doc) and doc[k].lower_ == "in" and not _country(ent.text):
            k += 1
            while k < len(doc) and (doc[k].lower_ == "the" or doc[k].pos_ == "ADJ" and doc[k].is_lower):
                k += 1
            outer = ent_of(doc[k]) if k < len(doc) else None
            if outer is not None and outer.label_ == "Place" and outer.start == k and _region(outer) \
                    and doc[ent.end] not in [c for h in holders for c in h.children]:
                yield _fact(mention(ent), mention(outer), sent, "in", 0.8)
        # "Sadr City, the vast Baghdad slum"
        for c in root.children:
            if c.dep_ == "appos" and c.lower_ in lx.PLACE_NOUNS:
                for m in c.children:
                    if m.dep_ in ("compound", "poss", "nmod") and ent_of(m) is not None and ent_of(m).label_ == "Place":
                        yield _fact(mention(ent), mention(ent_of(m)), sent, "apposition", 0.75)
        # "the Kufa mosque": a site named after the place it is in
        if ent[-1].lower_ in lx.SITE_NOUNS and len(ent) >= 2:
            for n in range(len(ent) - 1, 0, -1):
                head = ent[:n].text
                if head in names and head != ent.text:
                    yield _fact(mention(ent), Mention(ent.start_char, ent[n - 1].idx + len(ent[n - 1]), "Place", head),
                                sent, "site", 0.75)
                    break
    # "the fighting in Najaf is over, but the violence in the rest of Iraq goes on": X is part of Y
    for tok in doc:
        if tok.lower_ != "rest" or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "of":
            continue
        outer = ent_of(doc[tok.i + 2])
        if outer is None or outer.label_ != "Place":
            continue
        sent = sentence(tok)
        for t in sent:
            inner = ent_of(t)
            if inner is not None and inner.label_ == "Place" and inner.start == t.i and t.i < tok.i \
                    and t.head.lower_ == "in" and inner != outer and not _country(inner.text):
                yield _fact(mention(inner), mention(outer), sent, "rest_of", 0.7)
    # "the (southern) Iraqi city of Basra", "the Sadr City suburb of Baghdad"
    for tok in doc:
        if tok.lower_ not in lx.PLACE_NOUNS or tok.pos_ != "NOUN":
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            continue
        named = next((p for p in of.children if p.dep_ == "pobj" and ent_of(p) is not None
                      and ent_of(p).label_ == "Place"), None)
        if named is None:
            continue
        inner = mention(ent_of(named))
        sent = sentence(tok)
        for m in tok.children:
            if m.dep_ in ("amod", "compound", "nmod") and m.i < tok.i:
                country = lx.DEMONYM.get(m.lower_)
                if country and ent_of(m) is None:
                    yield _fact(inner, Mention(m.idx, m.idx + len(m), "Place", country), sent, "typed", 0.8)
                elif ent_of(m) is not None and ent_of(m).label_ == "Place":
                    yield _fact(mention(ent_of(m)), inner, sent, "typed", 0.8)


def _listed(ent: Span, other: Span) -> bool:
    """'everywhere: Paris, Germany, California': places in a list, not a city and its country or state (a chain
    that ends in a country is containment: 'Kollam district, Kerala state, India')."""
    doc = ent.doc

    def region_at(i: int) -> Span | None:
        span = ent_of(doc[i]) if 0 <= i < len(doc) else None
        return span if span is not None and span.label_ == "Place" and _region(span) else None

    n = other.end + 1 + (other.end + 1 < len(doc) and doc[other.end + 1].lower_ in ("and", "or"))
    following = region_at(n) if other.end < len(doc) and doc[other.end].text == "," else None
    if following is not None and not (_country(following.text) and not _country(other.text)):
        return True
    return ent.start >= 2 and doc[ent.start - 1].text == "," and region_at(ent.start - 2) is not None \
        and not _country(other.text)


# the parts of a place a description puts another in: "a town on the eastern coast of Libya"
PARTS = {"coast", "shore", "side", "edge", "outskirts", "bank", "banks", "part", "north", "south", "east", "west",
         "northeast", "northwest", "southeast", "southwest", "center", "centre", "heart", "interior", "fringes"}


def _outer(noun, depth: int = 0):
    """The place a describing noun puts its name in: 'a city in western Syria', 'the capital of Burkina Faso',
    'a town on the eastern coast of Libya', 'a resort on Tunisia's coast'."""
    for pr in noun.children:
        if pr.dep_ != "prep" or pr.lower_ not in ("in", "of", "on", "along", "at"):
            continue
        for p in (p for p in pr.children if p.dep_ == "pobj"):
            outer = ent_of(p)
            if outer is not None and outer.label_ == "Place":
                return outer
            if outer is None and p.lower_ in PARTS and depth == 0:
                poss = next((c for c in p.children if c.dep_ == "poss" and ent_of(c) is not None
                             and ent_of(c).label_ == "Place"), None)
                return ent_of(poss) if poss is not None else _outer(p, 1)
    return None


DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "center",
              "centre", "heart", "middle", "interior", "outskirts"}


def _home(doc: Doc, tok) -> Mention | None:
    """The country the article is set in, for 'the capital X' and 'the country's largest city'."""
    country = doc.user_data.get("home")
    return Mention(tok.idx, tok.idx + len(tok), "Place", country, country) if country else None


def _named_places(tok) -> list:
    """The place entities a place noun names by apposition or compound: 'capital Bamako', 'Gudele and Jebel
    districts'."""
    out = []
    for c in tok.children:
        if c.dep_ in ("appos", "compound", "nmod") and ent_of(c) is not None and ent_of(c).label_ == "Place":
            out += [c] + [x for x in c.conjuncts if ent_of(x) is not None and ent_of(x).label_ == "Place"]
    return out


def nouns(doc: Doc) -> Iterator[Fact]:
    """Containment said with a place noun: "Mali's capital Bamako", "Juba's Gudele and Jebel districts", "the
    Afghan capital, Kabul", "the capital Tripoli" (the article's country), "Aleppo, the country's largest city",
    "Kandahar, in the south of Afghanistan"."""
    for tok in doc:
        own = ent_of(tok)
        if tok.lower_ not in lx.PLACE_NOUNS or tok.pos_ != "NOUN" or own is not None and (
                own.label_ != "Place" or own[-1] != tok or len(own) == 1):
            continue       # a place noun, or the last word of a region's name ("the city's Qasr Talil district")
        sent = sentence(tok)
        outer = None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        demonym = next((c for c in tok.children if c.dep_ in ("amod", "compound") and lx.DEMONYM.get(c.lower_)
                        and ent_of(c) is None), None)
        if poss is not None and ent_of(poss) is not None and ent_of(poss).label_ == "Place":
            outer = mention(ent_of(poss))
        elif poss is not None and poss.lower_ in lx.PLACE_NOUNS and poss.lower_ not in ("country", "nation"):
            m, _c = arg(poss)      # "the city's Qasr Talil district": the city named before
            outer = m if m is not None and m.cls == "Place" else None
        elif poss is not None and poss.lower_ in ("country", "nation") and any(
                c.dep_ == "det" and c.lower_ == "the" for c in poss.children):
            outer = _home(doc, poss)
        elif demonym is not None:
            country = lx.DEMONYM[demonym.lower_]
            outer = Mention(demonym.idx, demonym.idx + len(demonym), "Place", country, country)
        elif any(c.dep_ == "prep" and c.lower_ == "in" and any(ent_of(p) is not None and ent_of(p).label_ == "Place"
                                                                and _country(ent_of(p).text) for p in c.children)
                 for c in tok.children):
            # "Islamic State's de facto capital in Syria", "the largest city in Libya"
            outer = next(mention(ent_of(p)) for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                         for p in c.children if ent_of(p) is not None and ent_of(p).label_ == "Place")
        elif tok.lower_ == "capital" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                and not any(c.dep_ in ("amod", "compound", "prep") for c in tok.children):
            outer = _home(doc, tok)
        if outer is None:
            continue
        inner = [tok] if own is not None else _named_places(tok)
        if not inner and tok.dep_ == "compound" and ent_of(tok.head) is not None and ent_of(tok.head).label_ == "Place":
            inner = [tok.head]       # "Syria's capital Damascus" read as one noun phrase
        if not inner and tok.i + 1 < len(doc) and ent_of(doc[tok.i + 1]) is not None \
                and ent_of(doc[tok.i + 1]).label_ == "Place" and ent_of(doc[tok.i + 1]).start == tok.i + 1:
            inner = [doc[tok.i + 1]]  # "the capital Ankara", however the parser attaches the name
        up = tok
        while up.dep_ in ("nmod", "compound", "conj") and up.head is not up:
            up = up.head             # "Aleppo, the country's largest city and commercial hub"
        if not inner and up.dep_ == "appos" and ent_of(up.head) is not None and ent_of(up.head).label_ == "Place":
            inner = [up.head]
        for t in inner:
            m = mention(ent_of(t))
            if m.text != outer.text and (m.canonical or m.text) != (outer.canonical or outer.text):
                yield _fact(m, outer, sent, "place_noun", 0.75)
    # "Kandahar, in the south of Afghanistan"
    for ent in (e for e in doc.ents if e.label_ == "Place"):
        k = ent.end
        if k + 5 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "in" and doc[k + 2].lower_ == "the" \
                and doc[k + 3].lower_ in DIRECTIONS and doc[k + 4].lower_ == "of" and ent_of(doc[k + 5]) is not None \
                and ent_of(doc[k + 5]).label_ == "Place":
            yield _fact(mention(ent), mention(ent_of(doc[k + 5])), sentence(ent), "part_of", 0.75)
