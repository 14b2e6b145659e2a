"""Titles and roles: "Prime Minister Iyad Allawi", "Raad Kadhemi, a spokesman for al-Sadr"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from .common import _country_modifier, antecedent, arg, ent_of, institution, lemma, mention, sentence
from .records import Fact, Mention

# role nouns that are not titles but still relate a person to an entity
ROLE_NOUNS = {"member": "memberOf", "members": "memberOf", "supporter": "supports", "supporters": "supports",
              "ally": "supports", "allies": "supports", "loyalist": "supports", "follower": "supports",
              "rival": "rivalOf", "opponent": "opposes", "critic": "opposes", "enemy": "opposes",
              "fighter": "memberOf", "militiaman": "memberOf", "soldier": "memberOf"}
CONF = {"title": 0.9, "apposition": 0.85, "including": 0.75}


def _fact(subj: Mention, rel: str, sent: Span, how: str, obj: Mention | None = None, value: str = "",
          conf: float | None = None) -> Fact:
    return Fact(subj, rel, obj, value, sent.start_char, sent.end_char, f"titles.{how}",
                conf if conf is not None else CONF.get(how, 0.8))


def _left_titles(doc: Doc, start: int) -> tuple[list[tuple[str, str]], int]:
    """Titles and roles written before a name ("Prime Minister X", "rancher X"), nearest first; returns them
    and where they begin."""
    found, i = [], start
    while i > 0:
        for n in range(min(lx.ROLE_MAX_WORDS, i), 0, -1):
            words = doc[i - n:i]
            key = " ".join(t.text for t in words).lower()
            if key in lx.ROLES and not any(ent_of(t) is not None for t in words):
                found.append((words.text, lx.ROLES[key]))
                i -= n
                break
        else:
            break
    return found, i


def _country_before(doc: Doc, begin: int) -> Mention | None:
    """The country a title belongs to when it stands before it: 'Russian President X', 'U.S. President X',
    "Uganda's President X"."""
    k = begin - 1
    if k >= 1 and doc[k].lower_ in ("'s", "\u2019s"):
        k -= 1
    if k < 0:
        return None
    span = ent_of(doc[k])
    if span is not None:
        country = span.text if span.text in lx.COUNTRIES else lx.DEMONYM.get(span.text.lower())
        return mention(span) if span.label_ == "Place" and country else None
    country = lx.DEMONYM.get(doc[k].lower_)
    if country is None:
        return None
    return Mention(doc[k].idx, doc[k].idx + len(doc[k]), "Place", country, country)


def _role_object(role_tok: Token) -> Mention | None:
    """'spokesman for X', 'head of the main opposition X' (the name in apposition to the object)."""
    for c in role_tok.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "to", "with", "at", "in"):
            for p in c.children:
                if p.dep_ == "pobj":
                    m, _ = arg(p, allow_coref=False)
                    if m is None:
                        named = next((x for x in p.children if x.dep_ in ("appos", "compound") and ent_of(x) is not None
                                      and ent_of(x).label_ in ("Organization", "Person")), None)
                        m = mention(ent_of(named)) if named is not None else None
                    if m is not None and (c.lower_ not in ("at", "in") or m.cls == "Organization"):
                        return m
    return None


def _modifier_entity(role_tok: Token) -> Mention | None:  # noqa: C901 - one lookup per kind of modifier
    """'Taliban spokesman', "Machar's spokesman", 'his attorney' (whom the pronoun stands for)."""
    for c in role_tok.children:
        if c.dep_ in ("compound", "nmod", "poss") and ent_of(c) is not None:
            return mention(ent_of(c))
        if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ in ("his", "her"):
            return antecedent(c)
    return None


def _relate(person: Mention, kind: str, title: str, obj: Mention | None, sent: Span, how: str) -> Iterator[Fact]:
    if obj is None:
        return
    if obj.cls == "Place":
        # "US commander", "US Lieutenant Colonel": a rank held in that country's military
        country = lx.DEMONYM.get(obj.text.lower()) or (obj.text if obj.text in lx.COUNTRIES else None)
        if country and (title.lower() in lx.MILITARY_RANKS or title.lower() == "commander"):
            canon = f"{lx.ADJECTIVE[country]} military"
            mil = Mention(obj.start, obj.end, "Organization", canon, canon)
            yield _fact(person, "memberOf", sent, how, mil, conf=0.7)
        return
    if obj.cls == "Group" and lx.fold(obj.text) in lx.DEMONYM:
        return          # "French ambassador X": a nationality is not a body one belongs to
    rel = lx.ROLE_RELATION.get(kind)
    if rel == "aideTo" and obj.cls != "Person":
        rel = "memberOf" if title.lower() in ("representative", "deputy") else None
    if rel is None and kind == "none" and obj.cls == "Organization":
        rel = "memberOf"        # "CNN reporter X", "police inspector X", "X, a Human Rights Watch researcher"
    if rel is not None and obj.cls in ("Person", "Organization", "Group") and obj.text != person.text:
        if rel == "leads" and obj.cls == "Person":
            return
        yield _fact(person, rel, sent, how, obj)


def extract(doc: Doc) -> Iterator[Fact]:
    for ent in doc.ents:
        if ent.label_ != "Person":
            continue
        person = mention(ent)
        sent = sentence(ent)
        # 1. titles before the name, and the entity before them ("CPA spokesman General Mark Kimmitt")
        titles, begin = _left_titles(doc, ent.start)
        for text, _kind in titles:
            yield _fact(person, "title", sent, "title", value=text)
        if any(t.lower() in lx.HEAD_OF_STATE for t, _k in titles) and begin > 0:
            country = _country_before(doc, begin)
            if country is not None:
                yield _fact(person, "leads", sent, "head_of_state", country, conf=0.85)
        if titles and begin > 0:
            owner = ent_of(doc[begin - 1])
            if owner is None and doc[begin - 1].lower_ in lx.FORCE_NOUNS | lx.POLICE_NOUNS | {"government"}:
                # "army captain X", "government minister X": the article's army, its government
                hint = doc[begin - 2].lower_ if begin > 1 and doc[begin - 2].lower_ in lx.INTERIM_WORDS else ""
                inst = institution(doc, doc[begin - 1].lower_, hint)
                owner_m = mention(inst) if inst is not None else None
            else:
                owner_m = mention(owner) if owner is not None else None
            outer_title, outer_kind = titles[-1]
            yield from _relate(person, outer_kind, outer_title, owner_m, sent, "title")
        # 2. apposition after or before the name
        root = ent.root
        roles = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            roles.append(root.head)
            h = root.head
            if ent_of(h) is not None and h.dep_ == "pobj" and h.head.dep_ == "prep" and h.head.head.lower_ in ROLE_NOUNS:
                roles.append(h.head.head)     # "a supporter of X, Y": Y is the supporter, not X
        # "X, who was once a physician to Y", "X, a rancher who acted as a spokesman for the occupiers"
        for holder in [root] + [r for r in roles if r.pos_ == "NOUN"]:
            for rc in (c for c in holder.children if c.dep_ == "relcl"):
                if not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in rc.children):
                    continue
                if lemma(rc) in ("be", "become", "remain"):
                    roles += [c for c in rc.children if c.dep_ == "attr"]
                elif lemma(rc) in ("act", "serve", "work"):
                    roles += [p for c in rc.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                              if p.dep_ == "pobj"]
        roles += [c for r in roles for c in r.conjuncts if c.pos_ == "NOUN"]   # "a former minister and senior spy"
        for role in roles:
            if ent_of(role) is not None:
                continue
            words = [t for t in role.subtree if t.dep_ in ("compound", "amod") and t.head == role and t.i < role.i]
            phrase = None
            for n in range(min(3, len(words)), -1, -1):
                cand = " ".join([t.text for t in words[len(words) - n:]] + [role.text]).lower()
                if cand in lx.ROLES:
                    phrase = " ".join([t.text for t in words[len(words) - n:]] + [role.text])
                    break
            if phrase is not None and role.tag_ in ("NNS", "NNPS") and phrase.lower() not in lx.TITLES:
                phrase = None       # "one of the representatives": a plural is not the person's title
            if phrase is not None:
                yield _fact(person, "title", sent, "apposition", value=phrase)
                obj = _role_object(role)
                if obj is None or obj.cls == "Place":
                    # "Mercy Corps Director of Programs for North Syria": the organisation named before the role
                    obj = _modifier_entity(role) or obj
                kind = lx.ROLES[phrase.lower()]
                if kind == "leader" and (_role_object(role) is None or _role_object(role).cls == "Place") and any(
                        c.dep_ == "prep" and c.lower_ == "of" and not any(ent_of(p) for p in c.children)
                        for c in role.children):
                    kind = "member"     # "X Director of Programs": heads a part of X, is a member of X
                if kind == "leader" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in role.children):
                    kind = "member"     # "a senior Taliban commander": one of its commanders, not its head
                if phrase.lower() in lx.HEAD_OF_STATE and obj is None:
                    obj = _country_modifier(role)
                    if obj is not None:
                        yield _fact(person, "leads", sent, "head_of_state", obj, conf=0.8)
                        continue
                yield from _relate(person, kind, phrase, obj, sent, "apposition")
            elif role.lower_ in ROLE_NOUNS:
                obj = _role_object(role)
                if obj is not None and obj.cls in ("Person", "Organization", "Group"):
                    yield _fact(person, ROLE_NOUNS[role.lower_], sent, "apposition", obj)
        # 3. "members of the IGC, including Ahmad Chalabi"
        if root.dep_ == "pobj" and root.head.lower_ == "including":
            group = root.head.head
            if group.lower_ in ROLE_NOUNS:
                obj = _role_object(group)
                if obj is not None:
                    yield _fact(person, ROLE_NOUNS[group.lower_], sent, "including", obj)
        # 4. "X, special agent in charge of the FBI's office in Portland": who is in charge of a body leads it
        if ent.end < len(doc) and doc[ent.end].text == ",":
            k = ent.end + 1
            while k < min(len(doc) - 3, ent.end + 8) and doc[k].text not in (",", ".", ";"):
                if [t.lower_ for t in doc[k:k + 3]] == ["in", "charge", "of"]:
                    j = k + 3 + (doc[k + 3].lower_ == "the")
                    body = ent_of(doc[j]) if j < len(doc) else None
                    if body is not None and body.label_ == "Organization" and body.start in (j, j - 1):
                        yield _fact(person, "leads", sent, "in_charge", mention(body), conf=0.75)
                    break
                k += 1
        # 5. "Russia under President Putin": who a country is under leads it
        ruled = ent_of(doc[begin - 2]) if begin >= 2 and doc[begin - 1].lower_ == "under" else None
        if ruled is not None and ruled.end == begin - 1 and not (ent.end < len(doc) and doc[ent.end].tag_ == "POS"):
            # a country only ("the Justice Department under President Bush" was his, not led by him)
            if ruled.label_ == "Place" and "country" in lx.place_kind(ruled.text):
                yield _fact(person, "leads", sent, "under", mention(ruled), conf=0.75)
        # 6. "Thomas Lind of the Refugee Council", "President Ana Reyes of the Liberal Party": a person of an
        # organisation belongs to it
        for c in root.children:
            if c.dep_ == "prep" and c.lower_ == "of" and root.dep_ not in ("pobj",):
                for p in c.children:
                    org = ent_of(p) if p.dep_ == "pobj" else None
                    if org is not None and org.label_ == "Organization" and org.start == c.i + 1 + (
                            doc[c.i + 1].lower_ == "the"):
                        yield _fact(person, "memberOf", sent, "of", mention(org), conf=0.7)
