"""Subject-verb-object facts from a verb lexicon: active, passive, coordinated, phrasal.

Negated, modal, hypothetical and reported predicates are not facts (see
common.factual); a claim inside a quotation belongs to `said`, not here.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .. import lexicon as lx
from .common import AGENTS, arg, conjuncts, factual, subjects
from .records import Fact, Mention

# relation -> (allowed subject classes, allowed object classes)
SIGNATURE = {
    "attacked": (AGENTS | {"Place"}, AGENTS | {"Place"}),
    "foughtWith": (AGENTS | {"Place"}, AGENTS | {"Place"}),
    "killed": (AGENTS | {"Place"}, AGENTS),
    "arrested": (AGENTS | {"Place"}, {"Person", "Organization"}),
    "accused": (AGENTS | {"Place"}, AGENTS | {"Place"}),
    "negotiatedWith": (AGENTS | {"Place"}, AGENTS | {"Place"}),
    "brokered": (AGENTS, set()),
    "controls": (AGENTS | {"Place"}, {"Place"}),
    "withdrewFrom": (AGENTS | {"Place"}, {"Place"}),
    "supports": (AGENTS | {"Place"}, AGENTS | {"Place"}),
    "opposes": (AGENTS | {"Place"}, AGENTS | {"Place"}),
    "leads": ({"Person", "Organization"}, {"Organization", "Place"}),
    "memberOf": ({"Person", "Organization"}, {"Organization", "Place"}),
}


def _lookup(verb: Token) -> tuple[str, tuple[str, ...]] | None:
    for c in verb.children:
        if c.dep_ in ("prt", "dobj") and (verb.lemma_, c.lower_) in lx.PHRASAL:
            return lx.PHRASAL[(verb.lemma_, c.lower_)]
    return lx.VERBS.get(verb.lemma_)


def _objects(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    objs = []
    if not preps:
        objs = [c for c in verb.children if c.dep_ == "dobj"]
    for c in verb.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in preps:
            objs += [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ == "prt":
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lower_ in preps:
                    objs += [p for p in cc.children if p.dep_ == "pobj"]
    return [o for x in objs for o in conjuncts(x)]


def _passive_agents(verb: Token) -> list[Token]:
    out = []
    for c in verb.children:
        if c.dep_ == "agent":
            out += [p for x in c.children if x.dep_ == "pobj" for p in conjuncts(x)]
    return out


def extract(doc: Doc) -> Iterator[Fact]:
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") and verb.tag_ not in ("VBN", "VBD", "VBG"):
            continue
        entry = _lookup(verb)
        if entry is None or not factual(verb):
            continue
        rel, preps = entry
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            subs = _passive_agents(verb)
            objs = [o for c in verb.children if c.dep_ == "nsubjpass" for o in conjuncts(c)]
        else:
            subs = subjects(verb)
            objs = _objects(verb, preps)
        if verb.dep_ == "amod" or verb.dep_ == "acl" and verb.tag_ == "VBN" and not passive:
            # "Iraqi soldiers backed by Polish troops", "the US-backed government"
            agents = _passive_agents(verb)
            if agents:
                subs, objs = agents, conjuncts(verb.head)
        sent = verb.sent
        for s_tok in subs:
            s, cs = arg(s_tok)
            if s is None:
                continue
            for o_tok in objs:
                o, co = arg(o_tok)
                if o is None or (o.start, o.end) == (s.start, s.end):
                    continue
                allowed_s, allowed_o = SIGNATURE.get(rel, (AGENTS, AGENTS))
                if s.cls not in allowed_s or o.cls not in allowed_o:
                    continue
                conf = round(0.8 * cs * co * (0.9 if passive else 1.0), 3)
                yield Fact(s, rel, o, "", sent.start_char, sent.end_char,
                           "svo.passive" if passive else "svo.active", conf)
        # "loyal to X", "allied with X": adjectival support
    for tok in doc:
        if tok.lower_ in lx.SUPPORT_ADJECTIVES and tok.pos_ in ("ADJ", "VERB"):
            rel = lx.SUPPORT_ADJECTIVES[tok.lower_]
            holder = tok.head if tok.dep_ in ("amod", "acomp", "acl") else None
            if tok.dep_ == "acomp":
                holder = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if holder is None:
                continue
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "with"):
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        for h in conjuncts(holder):
                            s, cs = arg(h)
                            o, co = arg(p)
                            if s is not None and o is not None and s.cls in AGENTS and o.cls in AGENTS | {"Place"}:
                                sent = tok.sent
                                yield Fact(s, rel, o, "", sent.start_char, sent.end_char, "svo.adjective",
                                           round(0.75 * cs * co, 3))
