"""Possessives and name compounds: "Sadr's Mahdi Army" (leads), "Baghdad's Sadr City" (locatedIn)."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from .. import lexicon as lx
from .common import description, ent_of, mention, sentence
from .records import Fact, Mention


def extract(doc: Doc) -> Iterator[Fact]:
    for tok in doc:
        if tok.dep_ != "poss":
            continue
        owner = ent_of(tok)
        if owner is None:
            continue
        head = tok.head
        sent = sentence(tok)
        target = ent_of(head)
        if target is None:
            named_mod = next((c for c in head.children if c.dep_ in ("compound", "nmod") and ent_of(c) is not None
                              and ent_of(c).label_ == "Organization"), None)
            if named_mod is not None:
                target = ent_of(named_mod)
        if target is None:
            # "Sadr's newspaper Al Hawza": the description's apposition names it
            named = next((c for c in head.children if c.dep_ in ("appos", "npadvmod") and ent_of(c) is not None), None)
            if named is None and head.i + 1 < len(doc) and ent_of(doc[head.i + 1]) is not None \
                    and ent_of(doc[head.i + 1]).label_ == "Organization" and head.lower_ in lx.ORG_DESCRIPTION_NOUNS:
                named = doc[head.i + 1]
            if named is not None and ent_of(named).label_ == "Organization" and owner.label_ == "Person":
                yield Fact(mention(owner), "leads", mention(ent_of(named)), "", sent.start_char, sent.end_char,
                           "possessives.named", 0.8)
            desc = description(head)
            if desc is not None:
                yield Fact(mention(owner), "leads", desc, "", sent.start_char, sent.end_char,
                           "possessives.description", 0.8)
            continue
        if target == owner:
            continue
        o, t = owner.label_, target.label_
        if o == "Person" and t == "Organization":
            yield Fact(mention(owner), "leads", mention(target), "", sent.start_char, sent.end_char,
                       "possessives.leads", 0.85)
        elif o == "Place" and t == "Place":
            yield Fact(mention(target), "locatedIn", mention(owner), "", sent.start_char, sent.end_char,
                       "possessives.locatedIn", 0.8)
        elif o in ("Place", "Organization") and t == "Organization" and (o == "Organization" or _is_country(owner.text)):
            # "China's Taiwan Affairs Office", "the FBI's office": an institution of the country or organisation
            yield Fact(mention(target), "memberOf", mention(owner), "", sent.start_char, sent.end_char,
                       "possessives.part_of", 0.75)
    yield from _institutions(doc)
    yield from _strongholds(doc)
    yield from _parts(doc)
    # "the Mahdi Army militia of cleric Moqtada al-Sadr": an armed group "of" its leader
    for tok in doc:
        if tok.lower_ not in lx.MEMBER_NOUNS | {"militia", "army"} or ent_of(tok) is not None:
            continue
        org = next((ent_of(c) for c in tok.children if c.dep_ in ("compound", "nmod") and ent_of(c) is not None
                    and ent_of(c).label_ == "Organization"), None)
        if org is None:
            continue
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and ent_of(p) is not None and ent_of(p).label_ == "Person":
                        sent = sentence(tok)
                        yield Fact(mention(ent_of(p)), "leads", mention(org), "", sent.start_char, sent.end_char,
                                   "possessives.of", 0.75)
    # "the US First Armored Division": a unit of that country's military
    for ent in doc.ents:
        if ent.label_ == "Organization" and len(ent) >= 2 and ent[-1].lower_ in lx.MILITARY_UNIT_WORDS:
            country = lx.DEMONYM.get(ent[0].lower_)
            if country:
                canon = f"{lx.ADJECTIVE[country]} military"
                sent = sentence(ent)
                yield Fact(mention(ent), "memberOf", Mention(ent.start_char, ent[0].idx + len(ent[0]), "Organization",
                                                             canon, canon),
                           "", sent.start_char, sent.end_char, "possessives.unit", 0.7)
    # "the Bush administration", "the Maliki government": compounds made by the entity stage
    for ent in doc.ents:
        if (ent.start, ent.end) in doc.user_data.get("led_by", {}):
            person = Mention(ent.start_char, ent[-2].idx + len(ent[-2]), "Person", ent[:-1].text)
            sent = sentence(ent)
            yield Fact(person, "leads", mention(ent), "", sent.start_char, sent.end_char, "possessives.compound", 0.8)


def _is_country(name: str) -> bool:
    return name in lx.COUNTRIES or lx.DEMONYM.get(name.lower()) is not None and name[:1].isupper()


def _institutions(doc: Doc) -> Iterator[Fact]:
    """"Norway's foreign ministry", "Uganda's police": an institution named with its country's possessive is
    part of that country."""
    for ent in doc.ents:
        if ent.label_ != "Organization" or len(ent) < 3 or ent[1].lower_ not in ("'s", "\u2019s"):
            continue
        country = ent[0].text if ent[0].text in lx.COUNTRIES else None
        if country is None and lx.DEMONYM.get(ent[0].lower_) and lx.fold(ent[0].text) == lx.fold(
                lx.DEMONYM[ent[0].lower_]).split()[-1]:
            country = lx.DEMONYM[ent[0].lower_]
        if country is None:
            continue
        sent = sentence(ent)
        place = Mention(ent[0].idx, ent[0].idx + len(ent[0]), "Place", ent[0].text, country)
        yield Fact(mention(ent), "memberOf", place, "", sent.start_char, sent.end_char, "possessives.institution", 0.8)


STRONGHOLDS = {"capital", "stronghold", "strongholds", "bastion", "heartland", "base", "bases", "territory"}


def _strongholds(doc: Doc) -> Iterator[Fact]:
    """"Raqqa, Islamic State's de facto capital", "the city of Raqqa is the group's stronghold": the
    organisation holds the place."""
    for tok in doc:
        if tok.lower_ not in STRONGHOLDS:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        span = ent_of(owner) if owner is not None else None
        if span is None or span.label_ != "Organization":
            continue
        places = []
        if tok.dep_ == "appos":
            places.append(tok.head)
        elif tok.dep_ == "attr":
            places += [c for c in tok.head.children if c.dep_ == "nsubj"]
        places += [c for c in tok.children if c.dep_ == "appos"]
        left = tok.left_edge
        if not places and left.i >= 2 and doc[left.i - 1].text == ",":
            places.append(doc[left.i - 2])   # the parser's second object: "fled Raqqa, the group's capital"
        sent = sentence(tok)
        for p in places:
            if ent_of(p) is None:      # "the city of Raqqa"
                p = next((q for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for q in c.children
                          if q.dep_ == "pobj"), p)
            place = ent_of(p)
            if place is not None and place.label_ == "Place":
                yield Fact(mention(span), "controls", mention(place), "", sent.start_char, sent.end_char,
                           "possessives.stronghold", 0.7)


PART_NOUNS = {"council", "mission", "commission", "office", "committee", "agency", "department", "ministry", "branch",
              "wing", "court", "assembly", "bank", "fleet", "division", "command", "secretariat", "bureau", "unit",
              "chamber", "panel", "board", "program", "programme", "fund", "directorate", "service", "services",
              "cabinet", "leadership"}


def _parts(doc: Doc) -> Iterator[Fact]:
    """'the United Nations Security Council', 'the U.N. mission UNMISS', 'the EU Commission': a body named after
    the organisation it is part of."""
    orgs = [e for e in doc.ents if e.label_ == "Organization"]
    keys = {lx.fold(lx.actor_group(e.text) or e.text): e for e in orgs}
    for ent in orgs:
        if len(ent) < 2:
            continue
        for n in range(len(ent) - 1, 0, -1):
            head, rest = ent[:n], ent[n:]
            if not any(t.lower_ in PART_NOUNS for t in rest) or head[-1].tag_ == "POS" and n == 1:
                continue
            if head[-1].tag_ == "POS":
                head = head[:-1]          # "the FBI's office in Denver": part of the FBI
            key = lx.fold(lx.actor_group(head.text) or head.text)
            outer = keys.get(key)
            if outer is not None and outer != ent or lx.actor_kind(head.text) == "Organization" \
                    and (head.text.isupper() or len(head) > 1) and head.text.lower() not in lx.DEMONYM:
                sent = sentence(ent)
                whole = mention(outer) if outer is not None and outer != ent else Mention(
                    head.start_char, head.end_char, "Organization", head.text)
                yield Fact(mention(ent), "memberOf", whole, "", sent.start_char, sent.end_char, "possessives.part",
                           0.75)
                break
    # "the foreign affairs committee in the German parliament": part of the body it is in
    for ent in orgs:
        cut = next((t.i for t in ent if t.lower_ == "in" and t.i > ent.start and doc[t.i - 1].lower_ in PART_NOUNS
                    and doc[t.i - 1].is_lower and t.i + 2 < ent.end and doc[t.i + 1].lower_ == "the"), None)
        if cut is not None and ent[0].is_lower:
            tail = doc[cut + 2:ent.end]
            sent = sentence(ent)
            yield Fact(mention(ent), "memberOf", Mention(tail.start_char, tail.end_char, "Organization", tail.text),
                       "", sent.start_char, sent.end_char, "possessives.part", 0.7)
    # "the U.N. mission UNMISS": a body's noun with its organisation before it and its name after it
    for tok in doc:
        if tok.lower_ not in PART_NOUNS or ent_of(tok) is not None:
            continue
        owner = next((c for c in tok.children if c.dep_ in ("compound", "nmod", "poss") and ent_of(c) is not None
                      and ent_of(c).label_ == "Organization"), None)
        named = next((c for c in tok.children if c.dep_ == "appos" and ent_of(c) is not None
                      and ent_of(c).label_ == "Organization"), None)
        if named is None and tok.dep_ == "compound" and ent_of(tok.head) is not None \
                and ent_of(tok.head).label_ == "Organization":
            named = tok.head
        if owner is not None and named is not None and ent_of(owner) != ent_of(named):
            sent = sentence(tok)
            yield Fact(mention(ent_of(named)), "memberOf", mention(ent_of(owner)), "", sent.start_char, sent.end_char,
                       "possessives.part", 0.75)
