"""Relations that news states with a noun: "Turkey, a NATO member", "part of the coalition", "a coalition against
X", "sees a threat from X", "with U.S. backing", "pledged allegiance to X", "the Taliban's rule over Afghanistan",
"the British colony of Hong Kong", "regained control of X".

The constructions are data (NOUNS): for each noun, the relation, where its holder is and where its target is,
read by one engine over the dependency parse. Paths:

- appos:     the name the noun is in apposition to ("Turkey, a NATO member")
- copula:    the subject of "is/was/became <noun>" ("Turkey is part of …")
- subject:V: the subject of a verb in V (by lemma) that takes the noun as its object ("Turkey sees a threat")
- with:      the subject of the clause a "with <noun>" phrase belongs to ("… fighting X with U.S. backing")
- self:      the noun itself, when it is (part of) a name ("a U.S.-led coalition against X")
- poss, compound: the noun's possessive or compound modifier; country: a demonym or country before it
- prep:P:    the object of the noun's preposition P
- attacker:  who carried out the attack a death happened in ("his death in a U.S. drone strike")
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .common import (scope, AGENTS, _country_modifier, arg, conjuncts, ent_of, factual, in_quote, lemma, relative_head,
                     sentence, subjects)
from .records import Fact, Mention

# noun -> (relation, holder paths, target paths, confidence)
NOUNS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], float]] = {
    "member": ("memberOf", ("appos", "copula"), ("compound", "prep:of"), 0.8),
    "members": ("memberOf", ("appos", "copula"), ("compound", "prep:of"), 0.75),
    "part": ("memberOf", ("appos", "copula", "subject:become,remain,form"), ("prep:of",), 0.75),
    "ally": ("supports", ("appos", "copula"), ("poss", "compound", "prep:of"), 0.7),
    "allies": ("supports", ("appos", "copula"), ("poss", "compound", "prep:of"), 0.7),
    "threat": ("opposes", ("subject:see,view,consider,perceive,regard,fear,call",), ("prep:from", "prep:of"), 0.65),
    "backing": ("supports", ("country", "poss"), ("with",), 0.7),
    "support": ("supports", ("country", "poss"), ("with",), 0.65),
    "help": ("supports", ("country", "poss"), ("with",), 0.65),
    "allegiance": ("supports", ("subject:pledge,swear,declare,give,announce",), ("prep:to",), 0.8),
    "loyalty": ("supports", ("subject:pledge,swear,declare",), ("prep:to",), 0.75),
    "coalition": ("opposes", ("self", "poss"), ("prep:against",), 0.7),
    "alliance": ("opposes", ("self", "poss"), ("prep:against",), 0.65),
    "campaign": ("opposes", ("self", "poss", "subject:wage,lead,launch,step,intensify"), ("prep:against", "prep:on"),
                 0.65),
    "war": ("opposes", ("self", "poss", "subject:wage,declare,lead"), ("prep:against", "prep:on"), 0.65),
    "fight": ("opposes", ("poss", "subject:lead,join,wage"), ("prep:against",), 0.65),
    "struggle": ("opposes", ("poss", "subject:lead,wage"), ("prep:against",), 0.6),
    "policy": ("opposes", ("poss", "country"), ("prep:toward", "prep:towards", "prep:against"), 0.5),
    "target": ("opposes", ("prep:for", "prep:of"), ("copula",), 0.6),      # "X has become a target for Y"
    "rule": ("controls", ("poss",), ("prep:over",), 0.7),
    "colony": ("controls", ("country", "poss"), ("prep:of",), 0.7),
    "control": ("controls", ("subject:take,seize,regain,retake,gain,wrest,assume,have,keep,maintain",),
                ("prep:of", "prep:over"), 0.7),
    # acts named by a noun: "X's killing of Y", "the assassination of Y by X", "Y's arrest by X", "Y's death in a
    # U.S. drone strike"
    "killing": ("killed", ("prep:by", "poss"), ("prep:of", "poss"), 0.75),
    "killings": ("killed", ("prep:by", "poss"), ("prep:of",), 0.7),
    "assassination": ("killed", ("prep:by", "poss"), ("prep:of", "poss"), 0.75),
    "murder": ("killed", ("prep:by", "poss"), ("prep:of", "poss"), 0.7),
    "execution": ("killed", ("prep:by", "poss"), ("prep:of", "poss"), 0.7),
    "death": ("killed", ("attacker",), ("poss", "prep:of"), 0.7),
    "arrest": ("arrested", ("prep:by", "poss"), ("prep:of", "poss"), 0.75),
    "detention": ("arrested", ("prep:by", "poss"), ("prep:of", "poss"), 0.7),
    "capture": ("arrested", ("prep:by", "poss"), ("prep:of", "poss"), 0.7),
    "abduction": ("arrested", ("prep:by", "poss"), ("prep:of", "poss"), 0.7),
    "kidnapping": ("arrested", ("prep:by", "poss"), ("prep:of", "poss"), 0.7),
}
ATTACKS = {"strike", "airstrike", "attack", "raid", "bombing", "shelling", "ambush", "assault", "blast", "explosion"}
SIGNATURE = {"memberOf": ({"Person", "Organization", "Place"}, {"Organization"}),
             "killed": (AGENTS | {"Place"}, AGENTS), "arrested": (AGENTS | {"Place"}, {"Person", "Organization"}),
             "supports": (AGENTS | {"Place"}, AGENTS | {"Place"}),
             "opposes": (AGENTS | {"Place"}, AGENTS | {"Place"}),
             "controls": (AGENTS | {"Place"}, {"Place"})}


def _path(noun: Token, path: str) -> list[Token]:
    kind, _, arg_ = path.partition(":")
    if kind == "appos":
        if noun.dep_ == "appos" and ent_of(noun.head) is not None:
            return conjuncts(noun.head)
        return []
    if kind == "copula":
        head = noun.head
        if noun.dep_ == "attr" and lemma(head) in ("be", "become", "remain"):
            return [x for c in head.children if c.dep_ == "nsubj" for x in conjuncts(relative_head(c))]
        return []
    if kind == "subject":
        if noun.dep_ == "dobj" and lemma(noun.head) in arg_.split(","):
            return [relative_head(s) for s in subjects(noun.head)]
        return []
    if kind == "with":
        if noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ in ("VERB", "AUX"):
            return [x for s in subjects(noun.head.head) for x in conjuncts(relative_head(s))]
        return []
    if kind == "attacker":
        # "his death in a U.S. drone strike": whoever carried out the attack the death happened in
        return [a for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "from", "during")
                for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in ATTACKS for a in [p]]
    if kind == "self":
        return [noun] if ent_of(noun) is not None else []
    if kind in ("poss", "compound"):
        deps = ("poss",) if kind == "poss" else ("compound", "nmod")
        return [c for c in noun.children if c.dep_ in deps and (ent_of(c) is not None or c.pos_ == "PRON")]
    if kind == "prep":
        return [q for c in noun.children if c.dep_ == "prep" and c.lower_ == arg_ for p in c.children
                if p.dep_ == "pobj" for q in conjuncts(p)]
    return []


def _ends(noun: Token, paths: tuple[str, ...]) -> list[tuple[Mention, float]]:
    for path in paths:
        if path == "country":
            m = _country_modifier(noun)
            if m is not None:
                return [(m, 0.9)]
            continue
        found = [arg(t) for t in _path(noun, path)]
        found = [(m, c) for m, c in found if m is not None]
        if found:
            return found
    return []


def _governor(noun: Token) -> Token:
    head = noun
    while head.dep_ in ("pobj", "prep", "dobj", "attr", "appos", "conj") and head.head is not head:
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            break
    return head


def extract(doc: Doc) -> Iterator[Fact]:
    for noun in scope(doc):
        entry = NOUNS.get(noun.lower_)
        if entry is None or noun.pos_ not in ("NOUN", "PROPN") or in_quote(noun):
            continue
        rel, holder_paths, target_paths, conf = entry
        gov = _governor(noun)
        if gov.pos_ in ("VERB", "AUX") and not factual(gov):
            continue
        holders, targets = _ends(noun, holder_paths), _ends(noun, target_paths)
        allowed_s, allowed_o = SIGNATURE[rel]
        sent = sentence(noun)
        for s, cs in holders:
            for o, co in targets:
                if s.cls not in allowed_s or o.cls not in allowed_o or (s.start, s.end) == (o.start, o.end) \
                        or (s.canonical or s.text) == (o.canonical or o.text):
                    continue
                yield Fact(s, rel, o, "", sent.start_char, sent.end_char, f"nouns.{noun.lower_}",
                           round(conf * cs * co, 3))
        if rel == "memberOf":
            # "Turkey is part of a coalition against X": a member of a coalition against X opposes X
            against = [q for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                       if p.dep_ == "pobj" and p.lower_ in ("coalition", "alliance", "campaign", "war")
                       for cc in p.children if cc.dep_ == "prep" and cc.lower_ == "against"
                       for q in cc.children if q.dep_ == "pobj"]
            for s, cs in holders:
                for q in against:
                    o, co = arg(q)
                    if o is not None and s.cls in AGENTS | {"Place"} and o.cls in AGENTS | {"Place"} \
                            and (o.canonical or o.text) != (s.canonical or s.text):
                        yield Fact(s, "opposes", o, "", sent.start_char, sent.end_char, "nouns.coalition_member",
                                   round(0.6 * cs * co, 3))
