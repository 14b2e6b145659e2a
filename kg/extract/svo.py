"""Subject-verb-object facts from a verb lexicon: active, passive, coordinated, phrasal.

Negated, modal, hypothetical and reported predicates are not facts (see
common.factual); a claim inside a quotation belongs to `said`, not here.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .. import lexicon as lx
from .common import (scope, AGENTS, _country_modifier, acting, arg, conjuncts, country_mention, ent_of, factual, followers, in_quote,
                     leaders, lemma, occupier, passive_agents, relative_head, sentence, side, subjects)
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
    """The relation a verb states in its clause, and its object prepositions (once per token: the event and the
    claim readings ask again)."""
    memo = verb.doc.user_data.setdefault("_lookup", {})
    if verb.i not in memo:
        memo[verb.i] = _lookup_verb(verb)
    return memo[verb.i]


def _lookup_verb(verb: Token) -> tuple[str, tuple[str, ...]] | None:
    found = _lookup_sense(verb)
    if found is not None and found[0] == "controls" and any(
            x.lemma_.lower() in lx.CAPTIVES for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
            for x in conjuncts(c)):
        return "arrested", ()      # "seized two boats and their crews", "captured 15 sailors"
    return found


def _lookup_sense(verb: Token) -> tuple[str, tuple[str, ...]] | None:
    for c in verb.children:
        if c.dep_ == "prep" and (verb.lemma_, c.lower_) in lx.PREP_VERBS:
            rel, nouns = lx.PREP_VERBS[(verb.lemma_, c.lower_)]
            if not nouns:
                return rel, (c.lower_,)       # "ran against X"
            if any(p.lemma_.lower() in nouns for p in c.children if p.dep_ == "pobj"):
                return rel, ()                # "is challenging him for the presidency": the direct object
    for c in verb.children:
        if c.dep_ in ("prt", "dobj", "advmod") and (verb.lemma_, c.lower_) in lx.PHRASAL:
            return lx.PHRASAL[(verb.lemma_, c.lower_)]
    rel, specific = cameo(verb)
    own = lx.VERBS.get(verb.lemma_)
    if rel == "-":
        return None           # a reading CAMEO rules out: "seized weapons", "killed in an accident"
    if own is not None and not specific:
        return own            # the verb's own sense in this lexicon ("fight": foughtWith) over CAMEO's default
    if rel is not None:
        return rel, own[1] if own is not None and own[0] == rel else ()
    return own


def _word_in(words: str | frozenset, tok: Token | None) -> bool:
    if tok is None:
        return False
    forms = {tok.lower_, tok.lemma_.lower()}
    if isinstance(words, str):
        words = {words}
    for w in words:
        last = w.split()[-1]
        if last in forms or last + "s" in forms or last + "es" in forms:
            if " " not in w or tok.i > 0 and tok.doc[tok.i - 1].lower_ == w.split()[-2]:
                return True
    return False


@functools.lru_cache(maxsize=4096)
def _rows(block: str, lemma: str, default: str) -> tuple[tuple, ...]:
    """A block's patterns, as PETRARCH reads them (its verbs are synonyms): the most specific first, and among
    equally specific ones those written for this very verb; another verb's pattern may confirm the block's
    relation or rule a reading out, but not recode it ("attack the government" is criticism, "fight the
    government" is not)."""
    _frames, patterns = lx.verb_frames()
    rows = sorted(patterns.get(block, ()), key=lambda r: (-r[0], r[1] != lemma))
    return tuple(r for r in rows if not r[1] or r[1] == lemma or r[6] in (default, "-"))


def cameo(verb: Token) -> tuple[str | None, bool]:
    """The relation the CAMEO verb dictionary gives a verb in its clause, and whether a pattern gave it: the most
    specific pattern of its block that matches the subject's and object's head nouns and the prepositional
    phrases, else the verb's own code; '-' for a pattern that rules the reading out."""
    frames, _patterns = lx.verb_frames()
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    entries = next((frames[(lemma, p)] for p in particles if (lemma, p) in frames), None) or frames.get((lemma, ""))
    if not entries:
        return None, False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None) \
        if passive else next((c for c in verb.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
    mods = {c.lower_ for c in obj.children if c.dep_ in ("compound", "amod")} if obj is not None else set()
    preps: dict[str, list[Token]] = {}
    for holder in [verb] + ([obj] if obj is not None else []):
        for c in holder.children:
            if c.dep_ == "prep":
                preps.setdefault(c.lower_, []).extend(p for p in c.children if p.dep_ == "pobj")
    for block, default in entries:
        for _w, p_verb, p_subj, p_obj, p_mods, p_preps, rel in _rows(block, lemma, default):
            if p_subj and not _word_in(p_subj, subj) or p_obj and not _word_in(p_obj, obj):
                continue
            if p_mods and not p_mods <= mods:
                continue
            if any(p not in preps or heads and not any(_word_in(heads, t) for t in preps[p]) for p, heads in p_preps):
                continue
            return rel, True
        if default != "-":
            return default, False
    return None, False


def _objects(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    objs = []
    if not preps or "" in preps:     # "" among the prepositions: a direct object too ("fought X", "fought with X")
        objs = [c for c in verb.children if c.dep_ == "dobj"]
    for c in verb.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in preps:
            # "fighting X with U.S. backing": the help one fights with is no opponent
            objs += [p for p in c.children if p.dep_ == "pobj" and p.lower_ not in SUPPORT_NOUNS]
        elif c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("back", "out", "away"):
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lower_ in preps:
                    objs += [p for p in cc.children if p.dep_ == "pobj"]
    if not objs and verb.lemma_ in HELPING:
        # "raids are helping the Syrian army to achieve …": the one helped is the complement's subject
        objs = [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ == "nsubj"]
    if not objs and preps:
        # "fought pitched battles with US forces": the preposition hangs off the object noun
        for d in verb.children:
            if d.dep_ == "dobj" and d.lemma_.lower() in lx.EVENT_NOUNS:
                for c in d.children:
                    if c.dep_ == "prep" and c.lower_ in preps:
                        objs += [p for p in c.children if p.dep_ == "pobj"]
    return [o for x in objs for o in conjuncts(x)]


# verbs of attack that, between two people, are words: "the senator attacked the governor"
VERBAL_ATTACKS = {"attack", "assail", "blast", "slam", "lambast", "savage"}
SUPPORT_NOUNS = {"backing", "support", "help", "aid", "assistance", "blessing", "approval", "cover"}
HELPING = {"help", "assist", "aid", "enable", "support", "back"}
HELD_NOUNS = {"territory", "territories", "land", "lands", "area", "areas", "parts", "part", "swathes", "swaths",
              "control", "most", "much", "large", "stretches", "villages", "towns", "cities", "caliphate",
              "emirate", "enclave", "enclaves", "pockets", "swathe", "swath"}


INSTALLATIONS = {"base", "airbase", "airport", "airfield", "camp", "garrison", "barracks", "checkpoint", "crossing",
                 "post", "outpost"}


def _held(tok: Token, verb: Token | None = None) -> list[Token]:
    """What a verb of taking holds: the place itself, or the place of 'territory in X', 'control of X',
    'swathes of X and Y' (the parser may hang the 'in' phrase on the verb), or 'an air base at X'."""
    if tok.lower_ in INSTALLATIONS and ent_of(tok) is None:
        at = [p for h in [tok] + ([verb] if verb is not None else []) for c in h.children
              if c.dep_ == "prep" and c.lower_ == "at" for p in c.children if p.dep_ == "pobj" and _is_place(p)]
        return at or [tok]
    if tok.lower_ not in HELD_NOUNS or ent_of(tok) is not None:
        return [tok]
    holders = [tok] + ([verb] if verb is not None else [])
    objs = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "across", "over")
            for p in c.children if p.dep_ in ("pobj", "pcomp")]
    # "in neighboring Syria": the parser may read the adjective as a participle with the place its object
    objs = [q for p in objs for q in ([p] if p.dep_ == "pobj" else [c for c in p.children if c.dep_ in ("dobj", "pobj")])]
    out = [q for p in objs for q in [*conjuncts(p), *(h for h in _held(p) if h is not p)]]
    return out or [tok]


def _is_place(tok: Token) -> bool:
    m, _c = arg(tok)
    return m is not None and m.cls == "Place"


def _event_places(tok: Token, verb: Token) -> list[Token]:
    """The places of an operation noun: "its assault on the city of Fallujah" -> Fallujah (the parser may hang
    the "on" phrase off the verb)."""
    if tok.lemma_.lower() not in lx.EVENT_NOUNS:
        return []
    out = []
    for c in list(tok.children) + [c for c in verb.children if c.lower_ in ("on", "against")]:
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "against", "into"):
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if _is_place(p):
                    out += conjuncts(p)
                else:   # "the city of X"
                    out += [q for pp in p.children if pp.dep_ == "prep" and pp.lower_ == "of"
                            for q in pp.children if q.dep_ == "pobj" and _is_place(q)]
    return out


def _scene(verb: Token) -> list[Token]:
    """The one place a sentence is set in ("… declared in Najaf and troops began pulling back")."""
    places: dict[str, Token] = {}
    for tok in sentence(verb):
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at"):
            m, _c = arg(tok)
            if m is not None and m.cls == "Place":
                places.setdefault(m.text, tok)
    return list(places.values()) if len(places) == 1 else []


def extract(doc: Doc) -> Iterator[Fact]:
    for verb in scope(doc):
        if verb.pos_ not in ("VERB", "AUX") and verb.tag_ not in ("VBN", "VBD", "VBG"):
            continue
        entry = _lookup(verb)
        if entry is None or not factual(verb):
            continue
        rel, preps = entry
        if rel == "leads" and any(c.dep_ in ("xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ == "to"
                                  for c in verb.children):
            continue      # "leading sponsors to drop her", "led to protests": a cause, not a leader
        if lemma(verb) == "leave" and len(subjects(verb)) == 1 and (arg(subjects(verb)[0])[0] or Mention(0, 0, "", "")).cls == "Person":
            continue      # a person who leaves a city travels; armies and groups (and their leaders with them) withdraw
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            subs = passive_agents(verb)
            objs = [o for c in verb.children if c.dep_ == "nsubjpass" for o in conjuncts(c)]
        else:
            subs = [x for s in subjects(verb) for x in acting(s)]
            objs = _objects(verb, preps)
            if rel == "accused" and not any(arg(o)[0] for o in objs):
                # "blamed the fighting on some Mahdi Army members": the blamed party in the on/for phrase
                objs = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "for")
                        for p in c.children if p.dep_ == "pobj" for t in p.subtree
                        if ent_of(t) is not None and ent_of(t).root == t]
        inferred = False
        if rel == "leads" and any(o.lower_ in HELD_NOUNS for o in objs):
            rel = "controls"      # "Islamic State runs a caliphate across swathes of Iraq": it holds the land
        if rel == "controls":
            objs = [p for o in objs for p in _held(o, verb)]
        if rel == "withdrewFrom" and not passive and not any(_is_place(o) for o in objs):
            # "pulled back from its assault on Fallujah": the place of the operation left;
            # "troops began pulling back" with no place: where the sentence is set, less surely
            objs = [p for o in objs for p in _event_places(o, verb)] or _scene(verb)
            inferred = bool(objs)
        if verb.dep_ == "amod" or verb.dep_ == "acl" and verb.tag_ == "VBN" and not passive:
            # "Iraqi soldiers backed by Polish troops", "the US-backed government"
            agents = passive_agents(verb)
            if agents:
                subs, objs = agents, conjuncts(verb.head)
        sent = sentence(verb)
        for s_tok in subs:
            s, cs = arg(s_tok)
            if s is None and s_tok.lower_ in ATTACK_NOUNS and rel in ("attacked", "killed"):
                s, cs = _strike_owner(s_tok)     # "a U.S. air strike targeted X": the country struck X
            if s is None:
                continue
            for o_tok in objs:
                o, co = arg(o_tok)
                if o is None or (o.start, o.end) == (s.start, s.end):
                    continue
                rel_o = rel
                if rel == "arrested" and o.cls == "Place":
                    rel_o = "controls"        # "captured Ramadi": a place taken, not a person
                if rel == "attacked" and s.cls == o.cls == "Person" and lemma(verb) in VERBAL_ATTACKS:
                    rel_o = "accused"         # "Nixon attacked Chief Justice Warren": words, not weapons
                allowed_s, allowed_o = SIGNATURE.get(rel_o, (AGENTS, AGENTS))
                if rel_o == "leads" and s.cls == "Place" and o.cls == "Organization" and \
                        "country" in lx.place_kind(s.canonical or s.text):
                    allowed_s = allowed_s | {"Place"}     # "the group, led by the United States and Russia"
                if s.cls not in allowed_s or o.cls not in allowed_o:
                    continue
                conf = round(0.8 * cs * co * (0.9 if passive else 1.0), 3)
                name = "svo.passive" if passive else "svo.active"
                if inferred:
                    conf, name = round(conf * 0.7, 3), "svo.withdrawal_place"
                yield Fact(s, rel_o, o, "", sent.start_char, sent.end_char, name, conf)
    yield from _hyphenated(doc)
    yield from _took_power(doc)
    yield from _received(doc)
    yield from _sent_to_help(doc)
    yield from _nominal(doc)
    yield from _support_nouns(doc)
    yield from _attack_nouns(doc)
    yield from _between(doc)
    yield from _attitudes(doc)
    # "loyal to X", "allied with X": adjectival support
    for tok in scope(doc):
        if tok.lower_ in lx.SUPPORT_ADJECTIVES and tok.pos_ in ("ADJ", "VERB"):
            rel = lx.SUPPORT_ADJECTIVES[tok.lower_]
            holder = tok.head if tok.dep_ in ("amod", "acl") else None
            if holder is None:
                # "X is loyal to Y", "X, which is allied to Y", "X is allied with Y" (read as a passive verb)
                clause = tok.head if tok.dep_ == "acomp" else tok
                holder = next((relative_head(c) for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if not factual(clause):
                    continue      # "X is not allied with Y", "X may be loyal to Y"
            if holder is None:
                continue
            # "U.S. and rebel forces allied with X": the loyalty is the rebels' alone
            holders = [holder] if followers(holder) is not None else conjuncts(holder)
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "with", "of"):
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        for h in holders:
                            s, cs = arg(h)
                            o, co = arg(p)
                            if s is not None and o is not None and s.cls in AGENTS and o.cls in AGENTS | {"Place"}:
                                sent = sentence(tok)
                                yield Fact(s, rel, o, "", sent.start_char, sent.end_char, "svo.adjective",
                                           round(0.75 * cs * co, 3))


RECEIVING = {"receive", "get", "obtain", "accept", "seek"}
AID_NOUNS = {"weapon", "weapons", "arms", "support", "aid", "backing", "funding", "funds", "training", "help",
             "money", "assistance", "supplies", "ammunition", "cash", "equipment"}


def _received(doc: Doc) -> Iterator[Fact]:
    """'The FSA receives weapons from Turkey', 'rebels who got support from Qatar': the giver supports the
    receiver ('seek' only wants it: not a fact)."""
    for verb in scope(doc):
        if verb.lemma_ not in RECEIVING or verb.lemma_ == "seek" or not factual(verb):
            continue
        aid = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in AID_NOUNS]
        if not aid:
            continue
        givers = [p for h in [verb, *aid] for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                  for p in c.children if p.dep_ == "pobj"]
        sent = sentence(verb)
        for g in givers:
            o_m, co = arg(g)
            for s_tok in subjects(verb):
                s_m, cs = arg(relative_head(s_tok))
                if s_m is not None and o_m is not None and s_m.cls in AGENTS and o_m.cls in AGENTS | {"Place"} \
                        and (s_m.start, s_m.end) != (o_m.start, o_m.end):
                    yield Fact(o_m, "supports", s_m, "", sent.start_char, sent.end_char, "svo.received",
                               round(0.7 * cs * co, 3))


SENDING = {"send", "deploy", "dispatch", "commit", "fly", "move", "rush", "provide", "give", "supply", "offer"}
# what is sent to help: force or aid ("gave a call to Republicans to back Trump" sends neither)
SENT = lx.ARMED_NOUNS | lx.FORCE_NOUNS | AID_NOUNS | {
    "adviser", "advisers", "advisor", "advisors", "jet", "jets", "warplane", "warplanes", "plane", "planes",
    "aircraft", "helicopter", "helicopters", "ship", "ships", "warship", "warships", "tank", "tanks", "fighter",
    "forces", "personnel", "units", "battalion", "battalions", "brigade", "brigades", "volunteers"}
# what one sends force to do for someone (the module's HELPING, read before this line, is the verbs whose
# complement's subject is the one helped: "raids are helping the army to achieve …")
AIDING = HELPING - {"enable"} | {"bolster", "reinforce", "protect", "defend"}


def _sent_to_help(doc: Doc) -> Iterator[Fact]:
    """'Chad sent troops to help Nigeria', 'Russia deployed jets to support Assad': whoever sends force or aid to
    help X supports X (the sending happened; the purpose says for whom)."""
    for verb in scope(doc):
        if verb.lemma_ not in AIDING or verb.dep_ not in ("advcl", "xcomp") or verb.tag_ != "VB" \
                or lemma(verb.head) not in SENDING or not factual(verb.head) \
                or not any(c.dep_ == "dobj" and c.lower_ in SENT for c in verb.head.children):
            continue
        helped = [c for c in verb.children if c.dep_ == "dobj"] or [
            c for c in verb.children if c.dep_ == "ccomp" for c in c.children if c.dep_ == "nsubj"]
        sent = sentence(verb)
        for s_tok in subjects(verb.head):
            s_m, cs = arg(relative_head(s_tok))
            for o_tok in (x for h in helped for x in conjuncts(h)):
                o_m, co = arg(o_tok)
                if s_m is not None and o_m is not None and s_m.cls in AGENTS | {"Place"} \
                        and o_m.cls in AGENTS | {"Place"} and (s_m.canonical or s_m.text) != (o_m.canonical or o_m.text):
                    yield Fact(s_m, "supports", o_m, "", sent.start_char, sent.end_char, "svo.sent_to_help",
                               round(0.7 * cs * co, 3))


def _took_power(doc: Doc) -> Iterator[Fact]:
    """'Since X took power in 1986', 'X seized power in Y': X leads the country (named with 'in', else the one the
    article is set in)."""
    for verb in scope(doc):
        if verb.lemma_ not in lx.POWER_VERBS or not any(c.dep_ == "dobj" and c.lower_ == "power" for c in verb.children):
            continue
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in lx.MODALS for c in verb.children):
            continue
        places = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
                  if p.dep_ == "pobj" and _is_place(p)]
        country = arg(places[0])[0] if places else None
        if country is None and doc.user_data.get("home"):
            home = doc.user_data["home"]
            country = Mention(verb.idx, verb.idx + len(verb), "Place", home, home)
        if country is None or "country" not in lx.place_kind(country.canonical or country.text):
            continue
        sent = sentence(verb)
        for s_tok in subjects(verb):
            s, cs = arg(s_tok)
            if s is not None and s.cls in ("Person", "Organization") and s.head != "desc":
                yield Fact(s, "leads", country, "", sent.start_char, sent.end_char, "svo.took_power",
                           round(0.7 * cs, 3))


def _targets(head: Token) -> list[Token]:
    """The entity tokens a modified noun stands for: itself, 'the cities of A and B', or the name a title
    precedes ('the US-backed Prime Minister Nouri Said')."""
    if ent_of(head) is not None:
        return [head]
    up = head
    while up.dep_ == "compound" and ent_of(up) is None and up.head.i > up.i:
        up = up.head
    if up is not head and ent_of(up) is not None and ent_of(up).label_ == "Person":
        return [up]
    if head.lower_ in lx.ROLES:     # "the Kremlin-backed leader of Chechnya": the leader, not Chechnya
        return [c for c in head.children if c.dep_ == "appos" and ent_of(c) is not None and ent_of(c).label_ == "Person"]
    out = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            out += [q for p in c.children if p.dep_ == "pobj" for q in conjuncts(p)]
    return out or [head]


def _hyphenated(doc: Doc) -> Iterator[Fact]:
    """'the US-installed Governing Council' (the US government supports it), 'the British-controlled cities of A
    and B' (the British military controls them)."""
    for tok in scope(doc):
        rel = lx.HYPHEN_PARTICIPLES.get(tok.lemma_)
        if rel is None or tok.i < 2 or doc[tok.i - 1].text not in ("-", "\u2010") or tok.dep_ not in ("amod", "acl"):
            continue
        agent_tok = doc[tok.i - 2]
        # a country installs, backs and arms through its government, holds places with its military, leads a
        # coalition itself ("the U.S.-led coalition")
        country = lx.DEMONYM.get(agent_tok.lower_)
        if rel == "leads":
            if country is None or not (ent_of(tok.head) or ent_of(tok)) or \
                    (ent_of(tok.head) or ent_of(tok)).kb_id_.startswith(lx.ADJECTIVE[country] + " "):
                continue
            agent = Mention(agent_tok.idx, agent_tok.idx + len(agent_tok), "Place", country, country)
        else:
            agent = country_mention(agent_tok, military=rel == "controls", government=rel == "supports")
        if agent is None or agent.cls not in AGENTS | {"Place"}:
            continue
        sent = sentence(tok)
        for t in ([tok] if rel == "leads" and ent_of(tok) is not None else _targets(tok.head)):
            o, co = arg(t, allow_coref=False)
            if o is None or (rel == "controls" and o.cls != "Place") or (o.start, o.end) == (agent.start, agent.end):
                continue
            yield Fact(agent, rel, o, "", sent.start_char, sent.end_char, "svo.hyphenated", round(0.75 * co, 3))


def _nominal(doc: Doc) -> Iterator[Fact]:
    """'the US occupation of Iraq' (controls), 'the US invasion of Iraq' (attacked), 'X is in control of Y'."""
    for tok in scope(doc):
        rel = lx.CONTROL_NOUNS.get(tok.lower_)
        if rel is None or tok.pos_ != "NOUN":
            continue
        objs = [q for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj" for q in conjuncts(p)]
        if not objs:
            continue
        agents = [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod", "poss") and c.i < tok.i
                  and (ent_of(c) is not None or c.lower_ in lx.DEMONYM)]
        agents += leaders(tok)    # "the US-led occupation of X": the leader occupies
        if not agents and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.lemma_ == "be":
            agents = [s for s in subjects(tok.head.head)]
        sent = sentence(tok)
        for a in agents:
            s = country_mention(a, military=False) if ent_of(a) is None or ent_of(a).label_ == "Place" \
                or a.lower_ in lx.DEMONYM else arg(a)[0]
            if s is None or s.cls not in AGENTS | {"Place"}:
                continue
            for o_tok in objs:
                o, co = arg(o_tok, allow_coref=False)
                if o is None or o.cls != "Place" and rel == "controls" or (o.start, o.end) == (s.start, s.end):
                    continue
                yield Fact(s, rel, o, "", sent.start_char, sent.end_char, "svo.nominal", round(0.7 * co, 3))


BETWEEN_NOUNS = {"negotiations": "negotiatedWith", "negotiation": "negotiatedWith", "talks": "negotiatedWith",
                 "call": "negotiatedWith", "conversation": "negotiatedWith",
                 "dialogue": "negotiatedWith", "clashes": "foughtWith", "clash": "foughtWith",
                 "fighting": "foughtWith", "battles": "foughtWith", "battle": "foughtWith", "skirmishes": "foughtWith"}


def _between(doc: Doc) -> Iterator[Fact]:
    """'negotiations between government officials and aides to X', 'clashes between A and B': the two sides
    (symmetric relations; the sentence must not deny it: 'talks between A and B never took place' is dropped)."""
    for tok in scope(doc):
        rel = BETWEEN_NOUNS.get(tok.lower_)
        if rel is None or tok.pos_ != "NOUN":
            continue
        sides = [q for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"
                 for p in c.children if p.dep_ == "pobj" for q in conjuncts(p)]
        if len(sides) == 1:   # "between Hamas and Fatah fighters": the sides are the modifiers
            mods = [c for c in sides[0].children if c.dep_ in ("nmod", "compound", "amod") and ent_of(c) is not None]
            sides = conjuncts(mods[0]) if mods else sides
        if len(sides) != 2:
            continue
        head = tok.head if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else tok
        while head.dep_ in ("prep", "pobj") and head.head is not head:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and not factual(head) and head.dep_ not in ("advcl",):
            continue
        (a, ca), (b, cb) = (side(x, tok) for x in sides)
        if a is None or b is None or (a.start, a.end) == (b.start, b.end):
            continue
        sent = sentence(tok)
        yield Fact(a, rel, b, "", sent.start_char, sent.end_char, "svo.between", round(0.75 * ca * cb, 3))


def _support_nouns(doc: Doc) -> Iterator[Fact]:
    """'X's support for Y'; 'with X's tacit support, Y backed …' (X supports Y)."""
    for tok in scope(doc):
        if tok.lower_ not in ("support", "backing") or tok.pos_ != "NOUN":
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:   # "with U.S. backing", "with Saudi support"
            owner = next((c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and (
                ent_of(c) is not None or c.lower_ in lx.DEMONYM)), None)
            if owner is not None and ent_of(owner) is None:
                country = lx.DEMONYM[owner.lower_]
                s, cs = Mention(owner.idx, owner.idx + len(owner), "Place", country, country), 0.9
            elif owner is not None:
                s, cs = arg(owner, allow_coref=False)
            else:
                continue
        else:
            s, cs = arg(owner, allow_coref=False)
        if s is None or s.cls not in AGENTS | {"Place"}:
            continue
        objs = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                for p in c.children if p.dep_ == "pobj"]
        if not objs and tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.pos_ == "VERB":
            objs = [a for x in subjects(tok.head.head) for a in acting(x)]
        elif not objs and tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            objs = acting(tok.head.head)      # "Hezbollah fighters, with Iranian backing, …"
        sent = sentence(tok)
        for o_tok in objs:
            o, co = arg(o_tok)
            if o is not None and o.cls in AGENTS and (o.start, o.end) != (s.start, s.end):
                yield Fact(s, "supports", o, "", sent.start_char, sent.end_char, "svo.support_noun",
                           round(0.7 * cs * co, 3))


ATTACK_NOUNS = {"attack", "attacks", "assault", "assaults", "raid", "raids", "strike", "strikes", "offensive",
                "bombing", "bombings", "ambush", "ambushes", "shelling", "airstrike", "airstrikes", "campaign",
                "bombardment", "operation", "operations", "incursion", "incursions"}
# verbs whose subject undergoes what their object names: "faced air strikes from X"
SUFFER_VERBS = {"face", "suffer", "endure", "survive", "repel", "withstand", "undergo"}
# verbs that carry out what their object names: "carried out strikes against X", "launched an offensive on X"
LAUNCH_VERBS = {"carry", "launch", "conduct", "wage", "mount", "stage", "step", "intensify", "begin", "resume",
                "continue", "escalate", "undertake"}


def _strike_owner(tok: Token) -> tuple[Mention | None, float]:
    """Who carried out an attack named by a noun: 'X's strike', 'a strike by X', 'a U.S. air strike'."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None:
        return arg(owner)
    by = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
               for p in c.children if p.dep_ == "pobj"), None)
    if by is not None and arg(by)[0] is not None:
        return arg(by)
    country = _country_modifier(tok)
    return (country, 0.85) if country is not None else (None, 0.0)


def _attack_nouns(doc: Doc) -> Iterator[Fact]:
    """'X's attacks on Y', 'its offensive against Y' (X attacked Y), when what governs the noun is factual:
    'stepped up its attacks on Y', not 'threatened to launch attacks on Y'."""
    for tok in scope(doc):
        if tok.lower_ not in ATTACK_NOUNS or tok.pos_ != "NOUN" or in_quote(tok):
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        head = tok.head
        while head.dep_ in ("prep", "pobj") and head.head is not head:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and not factual(head):
            continue
        suffered = tok.dep_ == "dobj" and lemma(tok.head) in SUFFER_VERBS
        by = next((p for h in [tok] + ([tok.head] if suffered else []) for c in h.children
                   if c.dep_ == "prep" and c.lower_ in ("from", "by") for p in c.children if p.dep_ == "pobj"), None)
        if owner is not None:
            s, cs = arg(owner)
        elif by is not None and arg(by)[0] is not None:
            s, cs = arg(by)            # "air strikes from a U.S.-led coalition", "attacks by the Taliban"
        elif tok.dep_ == "dobj" and lemma(tok.head) in LAUNCH_VERBS:
            # "warplanes carried out air strikes against X", "the PKK waged a campaign on Turkish soil"
            subs = [x for t in subjects(tok.head) for x in conjuncts(relative_head(t))]
            s, cs = arg(subs[0]) if subs else (None, 0.0)
        else:
            s, cs = _country_modifier(tok), 0.85      # "a U.S. air strike against X"
        if s is None or s.cls not in AGENTS | {"Place"}:
            continue
        sent = sentence(tok)
        holders = [tok] + ([tok.head] if tok.dep_ == "dobj" and lemma(tok.head) in LAUNCH_VERBS else [])
        targets = [q for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                   for p in c.children if p.dep_ == "pobj" for q in conjuncts(p)]
        if not targets:   # "the second air strike in three months against X": the parser hangs it further down
            around = [tok] + ([tok.head] if tok.dep_ == "attr" else [])     # "it was the strike …"
            targets = [q for h in around for c in h.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
                       for cc in p.children if cc.dep_ == "prep" and cc.lower_ == "against"
                       for pp in cc.children if pp.dep_ == "pobj" for q in conjuncts(pp)]
        if suffered:
            # "X has faced air strikes from Y", "X came under attack": the subject is the one attacked
            targets += [x for t in subjects(tok.head) for x in conjuncts(relative_head(t))]
        for o_tok in targets:
            o, co = arg(o_tok)
            if o is not None and o.cls in AGENTS | {"Place"} and (o.start, o.end) != (s.start, s.end):
                yield Fact(s, "attacked", o, "", sent.start_char, sent.end_char, "svo.attack_noun",
                           round(0.7 * cs * co, 3))


ATTITUDE_NOUNS = {"sympathy": "supports", "sympathies": "supports", "hostility": "opposes", "opposition": "opposes",
                  "resentment": "opposes", "contempt": "opposes", "hatred": "opposes", "anger": "opposes"}
PRO_ANTI = {"pro": "supports", "anti": "opposes"}


def _attitudes(doc: Doc) -> Iterator[Fact]:
    """'sympathy among the Shiite population' (for the clause subject), 'hostility among X toward Y',
    'the pro-occupation council' (supports the occupier), 'anti-American militias'."""
    for tok in scope(doc):
        sent = sentence(tok)
        rel = ATTITUDE_NOUNS.get(tok.lower_)
        if rel is not None and tok.pos_ == "NOUN":
            holders = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("among", "of", "from")
                       for p in c.children if p.dep_ == "pobj"]
            holders += [c for c in tok.children if c.dep_ == "poss"]
            targets = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("toward", "towards", "to", "for", "against")
                       for p in c.children if p.dep_ == "pobj"]
            if not targets and tok.dep_ == "pobj" and tok.head.lower_ == "with":
                head = tok.head.head
                targets = [head] if head.pos_ in ("NOUN", "PROPN") else [relative_head(x) for x in subjects(head)]
            for h in holders:
                s, cs = arg(h)
                for t in targets:
                    o, co = arg(t)
                    if s is not None and o is not None and s.cls in AGENTS and o.cls in AGENTS | {"Place"} \
                            and (s.start, s.end) != (o.start, o.end):
                        yield Fact(s, rel, o, "", sent.start_char, sent.end_char, "svo.attitude", round(0.65 * cs * co, 3))
        # "pro-occupation", "prooccupation", "anti-American"
        low = tok.lower_
        prefix = next((p for p in PRO_ANTI if low.startswith(p) and len(low) > len(p) + 3), None)
        if prefix is None and low in PRO_ANTI and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
            prefix, target_tok = low, doc[tok.i + 2]
        elif prefix is not None:
            target_tok = tok
        else:
            continue
        word = target_tok.lower_[len(prefix):].lstrip("-") if target_tok is tok else target_tok.lower_
        country = lx.DEMONYM.get(word) or (occupier(doc) if word == "occupation" else None)
        if not country:
            continue
        holder = target_tok.head if target_tok.dep_ in ("amod", "compound", "npadvmod") else tok.head
        s, cs = arg(holder)
        if s is not None and s.cls in AGENTS:
            o = Mention(target_tok.idx, target_tok.idx + len(target_tok), "Place", country)
            yield Fact(s, PRO_ANTI[prefix], o, "", sent.start_char, sent.end_char, "svo.pro_anti", round(0.65 * cs, 3))
