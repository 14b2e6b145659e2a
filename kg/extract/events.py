"""Events as nodes: truces, assaults, clashes, marches, arrests, talks, conferences.

An event mention yields facts only: where (occurredIn), when (occurredOn, a
date resolved against the article's date), and who (participatedIn, partyTo,
brokered, and attacked/foughtWith between its sides). A mention with no fact
is not an event of the graph.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from . import dates
from .common import (AGENTS, antecedent, any_ent, arg, conjuncts, country_mention, dateline, ent_of, ents_between,
                     factual, in_quote, leaders, lemma, mention, passive_agents, relative_head, reported, sentence, side,
                     subjects)
from .records import Fact, Mention

PLACE_PREPS = ("in", "on", "at", "near", "into", "across", "around", "outside", "through", "throughout", "along")
WHEN_LABELS = ("DATE", "TIME")
CURRENT = {"latest", "ongoing", "current", "continuing", "renewed", "present"}
PLURAL_EVENTS = {"clashes", "negotiations", "talks", "elections", "hostilities", "riots", "protests", "battles",
                 "skirmishes", "demonstrations"}
# kinds an article rarely has two of in one place: agreements, talks, meetings, elections
SINGULAR_KINDS = {"Agreement", "Negotiation", "Meeting", "Election"}
# "the assault provoked protests across the region": the verb's place and time are its effect's
CAUSE_VERBS = {"provoke", "cause", "trigger", "spark", "prompt", "fuel", "ignite", "unleash"}
CAUSE_PHRASAL = {"touch", "set"}     # "touched off protests", "set off riots"
# "the assault follows a raid in November in Bamako": the place and time are the other event's
ECHO_VERBS = {"follow", "precede", "echo", "mirror", "recall", "resemble", "come"}
# what an attack does to its target when it is the subject: "the strike targeted X", "the raid killed X"
HITTING = {"target", "hit", "kill", "strike", "destroy", "wound", "injure", "bomb", "pound"}
BOUNDS = {"until", "till", "by", "within", "before", "after"}
# a country's own: "Tunisia's uprising" happened in Tunisia ("Russia's offensive" has Russia for a side)
INTERNAL = {"uprising", "rebellion", "insurrection", "insurgency", "revolt"}
# "arrested on Monday, three days before the elections": the verb's place and time are not the event's
RELATIVE_PREPS = {"before", "after", "since", "until", "till", "following", "ahead", "prior", "preceding"}


# verbs whose plural object on a given day is one operation: "carried out air strikes in Libya on Friday"
OPERATION_VERBS = {"carry", "conduct", "launch"}


def _dated_operation(tok: Token) -> bool:
    verb = tok.head
    return tok.dep_ == "dobj" and lemma(verb) in OPERATION_VERBS and any(
        t.ent_type_ in WHEN_LABELS and len(dates.resolve(any_ent(t).text, tok.doc.user_data.get("date")) or "") == 10
        for t in _near(verb))


def _kind(tok: Token) -> str | None:
    low = tok.lower_
    key = low if low in lx.EVENT_NOUNS else tok.lemma_.lower()
    kind = lx.EVENT_NOUNS.get(key)
    if kind is None or tok.pos_ not in ("NOUN", "PROPN") or ent_of(tok) is not None:
        return None
    if tok.tag_ in ("NNS", "NNPS") and low not in PLURAL_EVENTS and not _dated_operation(tok) and not _each(tok):
        return None     # "attacks on occupation forces": a generic series, not one event
    need = lx.EVENT_NEEDS_MODIFIER.get(key)
    if need is not None:
        mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        mods |= {p.lower_ for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj"}        # "a cessation of hostilities"
        verbs = lx.EVENT_NEEDS_VERB.get(key, set())
        # "an attempt to kill X", "an attempt was made to assassinate X"
        aims = {c.lemma_ for c in tok.children if c.dep_ in ("acl", "relcl")}
        if tok.dep_ in ("nsubjpass", "nsubj", "dobj"):
            aims |= {c.lemma_ for c in tok.head.children if c.dep_ in ("advcl", "xcomp") and c.i > tok.i}
        if not mods & need and not aims & verbs:
            return None
    return kind


def _filed(tok: Token) -> bool:
    """Part of the dateline ('JUBA Renewed fighting …'), not of the event's name."""
    span = ent_of(tok)
    return span is not None and dateline(span)


def _label(tok: Token) -> tuple[int, int, str]:
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i and not c.is_punct
            and c.lemma_ != "lead" and not _filed(c)]
    start = min([tok.i] + [m.i for m in mods if tok.i - m.i <= 3])
    doc = tok.doc
    while start < tok.i and (doc[start].pos_ in ("DET", "PRON") or doc[start].dep_ == "poss"):
        start += 1
    span = doc[start:tok.i + 1]
    return span.start_char, span.end_char, span.text


def _purpose(tok: Token) -> Token | None:
    """'the assault to reclaim the hotel': the verb the event is for, on the noun or on the verb that takes it
    ('began the assault to reclaim X', as the parser often hangs it)."""
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children):
            return c
    if tok.dep_ == "dobj":
        end = max(t.i for t in tok.subtree)
        for c in tok.head.children:
            if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" and c.i == end + 2 and tok.doc[end + 1].lower_ == "to":
                return c
    return None


def _names(tok: Token, label: str, aim: Token | None = None) -> tuple[str, ...]:
    """Other phrasings of an event mention: 'demonstration in Najaf against the arrest', 'deal struck in Fallujah'."""
    doc = tok.doc
    names = {tok.text, label}
    if aim is not None and aim.head is not tok:
        obj = next((d for d in aim.children if d.dep_ == "dobj"), None)
        if obj is not None and max(t.i for t in obj.subtree) - aim.i <= 8:
            phrase = doc[aim.i - 1:max(t.i for t in obj.subtree) + 1].text
            names |= {f"{label} {phrase}", f"{tok.text} {phrase}"}
    for c in tok.children:
        if c.i > tok.i and c.dep_ in ("prep", "acl"):
            sub = sorted(c.subtree, key=lambda t: t.i)
            cut = next((t.i for t in sub if t.text in (",", ";", "(", "—", "–") and t.i > c.i), sub[-1].i + 1)
            if c.dep_ == "acl":
                pp = next((x for x in c.children if x.dep_ == "prep"), None)
                cut = min(cut, max(t.i for t in pp.subtree) + 1) if pp is not None else cut
            first = sub[0].i if c.dep_ == "acl" else c.i       # "assault to reclaim the hotel": with its "to"
            if cut - first <= 10:
                names.add(f"{label} {doc[first:cut].text}")
                names.add(f"{tok.text} {doc[first:cut].text}")
    sub = sorted(tok.subtree, key=lambda t: t.i)
    start = next((t.i for t in sub if t.dep_ not in ("det", "poss", "case", "predet") and not t.is_punct
                  and not _filed(t)), tok.i)
    end = next((t.i for t in sub if t.i > tok.i and t.text in (",", ";", "(", "—", "–")), sub[-1].i + 1)
    if end - start <= 14:
        names.add(doc[start:end].text)
    return tuple(sorted(n for n in names if n))


DEATHS = {"death", "deaths", "killing", "killings", "assassination", "murder"}
# what one wins or suffers in an event: "won a victory in the elections"
OUTCOMES = {"victory", "win", "defeat", "landslide", "loss", "majority", "seat", "seats", "mandate", "term"}
# verbs whose subject takes part in the event named by their "in" phrase
TAKE_PART = {"take", "participate", "run", "compete", "challenge", "stand", "fight", "vote", "join", "engage",
             "join", "die", "win", "lose", "contest"}


# participles that put the main clause's subject at a meeting: "Speaking at a conference, X said"
SPEAKING = {"speak", "address", "attend", "talk"}
# participles that name who did an event: "claimed by X", "carried out by X", "blamed on X"
DOERS_OF = {"claim": ("agent", "by"), "carry": ("agent", "by"), "stage": ("agent", "by"), "launch": ("agent", "by"),
            "mount": ("agent", "by"), "perpetrate": ("agent", "by"), "commit": ("agent", "by"),
            "blame": ("prep", "on")}


MEDIATING = {"broker", "mediate", "engineer", "facilitate", "arrange"}
ASSENTING = {"agree", "commit", "adhere", "accede", "consent", "sign"}
OUSTING = {"oust", "overthrow", "topple", "depose", "unseat"}
HELPERS = {"assist", "back", "support", "aid", "help", "join", "accompany", "reinforce"}
RETAKING = lx.RECLAIMING | {"take", "seize", "capture", "storm", "clear", "secure"}


def _mediators(tok: Token, verb: Token | None) -> list[Token]:
    """'Egypt brokered a ceasefire', 'the deal was mediated by X', 'a truce brokered by Qatar'."""
    out = []
    if verb is not None and lemma(verb) in MEDIATING and factual(verb):
        if tok.dep_ == "dobj":
            out += [relative_head(s) for s in subjects(verb)]
        elif tok.dep_ == "nsubjpass":
            out += passive_agents(verb)
    return out + [q for a in tok.children if a.dep_ == "acl" and a.lemma_ in MEDIATING and a.tag_ == "VBN"
                  for q in passive_agents(a)]


def _assenters(tok: Token) -> list[Token]:
    """'Israel and Hamas agreed to a ceasefire', 'signed on to the deal': the parties."""
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "on") else None
    if verb is None or verb.pos_ != "VERB" or lemma(verb) not in ASSENTING or not factual(verb):
        return []
    return [relative_head(s) for s in subjects(verb)]


def _helpers(subject: Token) -> list[Token]:
    """Who helped the subject do it: 'X, assisted by French and U.S. troops, …', 'X, backed by Y, …'."""
    return [q for a in subject.children if a.dep_ == "acl" and a.lemma_ in HELPERS and a.tag_ == "VBN"
            for q in passive_agents(a)]


def _responsibility(tok: Token) -> list[Token]:
    """Who claims, or is blamed for, an event: 'X claimed responsibility for the attack', 'the assault, claimed by
    X', 'the bombing, carried out by X', 'two bombings blamed on X'."""
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_ in DOERS_OF:
            prep = DOERS_OF[c.lemma_]
            return [q for a in c.children if a.dep_ == prep[0] and (prep[0] == "agent" or a.lower_ == prep[1])
                    for p in a.children if p.dep_ == "pobj" for q in conjuncts(p)]
    if tok.dep_ != "pobj" or tok.head.lower_ != "for":
        return []
    holder = tok.head.head
    if holder.lower_ == "responsibility" and holder.dep_ == "dobj" and lemma(holder.head) in ("claim", "accept",
                                                                                                "admit"):
        return subjects(holder.head)
    return []


def _the_capital(doc: Doc) -> Token | None:
    """'the capital': the capital city the article names, or names at least twice as often as any other."""
    if "_capital" not in doc.user_data:
        found: dict[str, list[int]] = {}
        for e in doc.ents:
            if e.label_ == "Place" and lx.capital_of(e.text):
                found.setdefault(e.text, []).append(e.root.i)
        ranked = sorted(found.values(), key=len, reverse=True)
        main = ranked[0] if ranked and (len(ranked) == 1 or len(ranked[0]) >= 2 * len(ranked[1])) else None
        doc.user_data["_capital"] = main[0] if main else None
    i = doc.user_data["_capital"]
    return doc[i] if i is not None else None


def _place_of(tok: Token) -> Token | None:
    """Follow 'the (southern holy) city of X' to X, 'the capital' to the capital the article names."""
    span = ent_of(tok)
    if span is not None and span.label_ == "Place":
        return tok
    if tok.lower_ == "capital" and any(c.lower_ == "the" for c in tok.children) \
            and not any(c.dep_ == "prep" or c.dep_ in ("amod", "compound") for c in tok.children):
        return _the_capital(tok.doc)
    if tok.lower_ in lx.PLACE_NOUNS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and ent_of(p) is not None and ent_of(p).label_ == "Place":
                        return p
            if c.dep_ == "compound" and ent_of(c) is not None and ent_of(c).label_ == "Place":
                return c      # "the Sadr City area"
            if c.dep_ == "appos" and ent_of(c) is not None and ent_of(c).label_ == "Place":
                return c      # "Mali's capital Bamako", "the capital, Kabul"
        if tok.lower_ == "capital":
            # "in South Sudan's capital": in the country, whichever city it is
            return next((c for c in tok.children if c.dep_ == "poss" and ent_of(c) is not None
                         and ent_of(c).label_ == "Place"), None)
    return None


SETTLEMENTS = {"city", "town", "village"}


def _filed_from(doc: Doc) -> Token | None:
    """The city of the story's dateline, if it has one."""
    if "_filed_from" not in doc.user_data:
        city = next((e for e in doc.ents if e.label_ == "Place" and not _is_country(e.text) and dateline(e)), None)
        doc.user_data["_filed_from"] = city.root.i if city is not None else None
    i = doc.user_data["_filed_from"]
    return doc[i] if i is not None else None


def _that_city(tok: Token) -> Token | None:
    """'the siege of that city': the city named last before it, in its sentence or the one before."""
    if tok.lower_ not in SETTLEMENTS or not any(c.dep_ == "det" and c.lower_ in ("that", "this") for c in tok.children):
        return None
    if any(c.dep_ == "det" and c.lower_ == "this" for c in tok.children):
        filed = _filed_from(tok.doc)     # "a rally in this capital city" under "KAMPALA, Uganda —"
        if filed is not None:
            return filed
    start = sentence(tok).start
    if start > 0:
        start = sentence(tok.doc[start - 1]).start
    for ent in reversed([e for e in ents_between(tok.doc, start, tok.i) if e.end <= tok.i]):
        if ent.label_ == "Place":
            return ent.root if not _is_country(ent.text) else None
    return None


def _with_conjuncts(tok: Token) -> list[Token]:
    """'in Najaf and Karbala', 'the cities of Najaf and Karbala': every place named together."""
    out = [tok]
    for c in tok.conjuncts:
        p = _place_of(c)
        if p is not None:
            out.append(p)
    if tok.head.dep_ == "pobj" or tok.dep_ == "pobj":
        holder = tok.head.head if tok.head.lower_ == "of" else None
        if holder is not None and holder.lower_ in lx.PLACE_NOUNS:
            for c in holder.conjuncts:
                p = _place_of(c)
                if p is not None and p not in out:
                    out.append(p)
    return out


ENDING_VERBS = {"collapse", "end", "expire", "break", "fail", "crumble", "unravel", "lapse"}


def _is_country(name: str) -> bool:
    return name.lower() in lx.DEMONYM or name in lx.COUNTRIES or "country" in lx.place_kind(name)


def _dates(tokens: list[Token], doc: Doc, future: bool) -> str | None:
    for t in tokens:
        if t.ent_type_ in WHEN_LABELS:   # "Sunday night" is a TIME to the model, and a day all the same
            span = any_ent(t)
            if span.root.head.lower_ in BOUNDS and span.root.dep_ == "pobj":
                continue      # "until the end of this week": a bound, not when it happened ("raged since April": began)
            value = dates.resolve(span.text, doc.user_data.get("date"), future)
            if value:
                return value
    return None


def _near(tok: Token) -> list[Token]:
    """Tokens attached to a trigger or to the verb that governs it (one level of prepositions)."""
    out = []
    for c in tok.children:
        out.append(c)
        if c.dep_ == "dobj" and c.pos_ != "PRON" and ent_of(c) is None:
            # "join EU leaders in Brussels at a summit": the place the parser hangs on the object
            out += [p for pr in c.children if pr.dep_ == "prep" and pr.lower_ in ("in", "at") for p in pr.children
                    if p.dep_ == "pobj" and ent_of(p) is not None and ent_of(p).label_ == "Place"]
        if c.dep_ == "prep":
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    out.append(p)
                    out += [q for pp in p.children if pp.dep_ == "prep" and pp.lower_ in PLACE_PREPS
                            for q in pp.children if q.dep_ == "pobj"]
                    # "between troops and forces allied with X in the Y area": the parser hangs the place on
                    # the participle
                    out += [q for a in p.children if a.dep_ == "acl" for pp in a.children
                            if pp.dep_ == "prep" and pp.lower_ in ("in", "at", "near", "around")
                            for q in pp.children if q.dep_ == "pobj"]
    return out


# what a verb of the lead says happened, by the relation the verb lexicons give it
VERB_EVENTS = {"attacked": ("Attack", "attack"), "killed": ("Attack", "attack"), "arrested": ("Arrest", "arrest"),
               "foughtWith": ("Clash", "clashes")}
LEAD_SENTENCES = 2
# how news names afterwards what a verb of taking someone did
TAKING_NOUNS = {"kidnap": "kidnapping", "abduct": "abduction", "detain": "detention", "seize": "seizure",
                "capture": "capture", "arrest": "arrest"}


def lead_events(doc: Doc) -> Iterator[Fact]:
    """The story's main event as its lead tells it with a verb: 'A suicide bomber killed at least 10 people in
    Istanbul on Tuesday' is an attack in Istanbul on that day, by the bomber's side, on its victims' side."""
    from .svo import _lookup, _objects   # the verb lexicons of the svo family

    lead = {s.start for s in [s for s in doc.sents if sum(t.is_alpha for t in s) >= 6][:LEAD_SENTENCES]}
    for sent in doc.sents:
        for verb in sent:
            if verb.pos_ != "VERB" or in_quote(verb):
                continue
            entry = _lookup(verb)
            if entry is None or entry[0] not in VERB_EVENTS:
                continue
            stated = factual(verb)
            if not stated and not (sent.start in lead and reported(verb)):
                continue      # "fighters stormed X on Monday, officials said": where and when, not who
            kind, head = VERB_EVENTS[entry[0]]
            if sent.start not in lead and kind != "Arrest":
                continue      # past the lead, only an arrest told by a verb is an event of its own
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
            doers = passive_agents(verb) if passive else [x for t in subjects(verb) for x in conjuncts(t)]
            done_to = [o for c in verb.children if c.dep_ == "nsubjpass" for o in conjuncts(c)] if passive \
                else _objects(verb, entry[1])
            if not done_to:
                continue      # an event is done to someone or something: "killed 10 people", "stormed a university"
            names = (head,)
            if kind == "Arrest":    # "the arrest of X", "X's arrest": how news names it afterwards
                head = TAKING_NOUNS.get(verb.lemma_, head)     # "kidnapped X": "the kidnapping"
                held = [m for m in (arg(t)[0] for t in done_to) if m is not None and m.cls == "Person"]
                names = tuple(dict.fromkeys((head, "arrest") + tuple(
                    n for m in held[:1] for n in (f"{head} of {m.text}", f"{m.text}'s {head}"))))
            event = Mention(verb.idx, verb.idx + len(verb), kind, head, head=head, names=names)
            facts = []

            def add(subj: Mention, rel: str, obj: Mention | None = None, value: str = "", conf: float = 0.6,
                    how: str = "lead") -> None:
                facts.append(Fact(subj, rel, obj, value, sent.start_char, sent.end_char, f"events.{how}", conf))

            near = _near(verb)
            # "kidnapped 219 girls in Nigeria", "stormed a hotel in Bamako": the parser hangs the place on the object
            # ("X's supporter in Baghdad was detained": the passive subject's place says who he is)
            near += [q for o in ([] if passive else done_to) for pp in o.children
                     if pp.dep_ == "prep" and pp.lower_ in ("in", "at") for q in pp.children if q.dep_ == "pobj"]
            if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB":
                near += _near(verb.head)      # "stormed through the town of X on Monday, attacking army posts"
            places = [mention(ent_of(p)) for t in near if t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS
                      for p in [_place_of(t)] if p is not None]
            if places:
                add(event, "occurredIn", places[0], conf=0.6, how="lead_place")
            when = _dates(near, doc, False)
            if when is None:
                days = {v for e in ents_between(doc, sent.start, sent.end) if e.label_ in WHEN_LABELS
                        for v in [dates.resolve(e.text, doc.user_data.get("date"), False)] if v and len(v) == 10}
                when = days.pop() if len(days) == 1 else None
            if when:
                add(event, "occurredOn", value=when, conf=0.55, how="lead_date")
            seen = set()
            for t in (doers + done_to) if stated else []:
                m, f = arg(t)
                if m is not None and (m.cls in AGENTS or m.cls == "Place" and _is_country(m.canonical or m.text)) \
                        and (m.start, m.end) not in seen and (m not in places or t in doers):
                    seen.add((m.start, m.end))
                    add(m, "participatedIn", event, conf=round(0.55 * f, 3), how="lead_participant")
            if facts:
                yield from facts


ELECTION_VERBS = {"elect", "re-elect", "reelect"}


def election_events(doc: Doc) -> Iterator[Fact]:
    """'President X, elected a year ago', 'X was elected in 2015': X's election, and when it was."""
    for verb in doc:
        if verb.lemma_.lower() not in ELECTION_VERBS or verb.tag_ != "VBN" or not factual(verb):
            continue
        chosen = [c for c in verb.children if c.dep_ == "nsubjpass"] or ([verb.head] if verb.dep_ == "acl" else [])
        people = [m for t in chosen for m in [arg(relative_head(t))[0]] if m is not None and m.cls == "Person"]
        if not people:
            continue
        who = people[0]
        sent = sentence(verb)
        event = Mention(verb.idx, verb.idx + len(verb), "Election", "election", head="election",
                        names=tuple(dict.fromkeys(("election", f"{who.text}'s election",
                                                   f"{who.text.split()[-1]}'s election"))))   # "Buhari's election"
        yield Fact(who, "participatedIn", event, "", sent.start_char, sent.end_char, "events.elected", 0.6)
        when = _dates(_near(verb), doc, False)
        if when:
            yield Fact(event, "occurredOn", None, when, sent.start_char, sent.end_char, "events.elected_date", 0.55)


def extract(doc: Doc) -> Iterator[Fact]:
    yield from lead_events(doc)
    yield from noun_events(doc)
    yield from election_events(doc)


DISTRIBUTING_PREPS = ("on", "in", "at", "against")


def _each(tok: Token) -> list[tuple[Token, Token]]:
    """'attacks on a museum and a resort', 'two bombings, in A and in B': the (preposition, object) pairs of a plural
    event noun that names one event per object."""
    if tok.tag_ != "NNS":
        return []
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if tok.dep_ in ("dobj", "pobj"):
        # "blamed for attacks last year on A and B": the parser hangs the phrase on the verb
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        preps += [c for c in verb.children if c.dep_ == "prep" and c.i > tok.i and all(
            t.is_punct or t.ent_type_ in WHEN_LABELS for t in tok.doc[tok.i + 1:c.i])]
    for c in preps:
        if c.lower_ not in DISTRIBUTING_PREPS:
            continue
        objs = [p for p in c.children if p.dep_ == "pobj"]
        if objs and len(conjuncts(objs[0])) >= 2 and (c.lower_ != "in" or all(
                q.ent_type_ == "DATE" for q in conjuncts(objs[0]))):
            # ("in A and B" is one event in two places; "elections in 2001, 2006 and 2011" are three)
            return [(c, q) for q in conjuncts(objs[0])]
        preps = [c] + [x for x in c.conjuncts if x.dep_ == "conj" and x.pos_ == "ADP"]
        pairs = [(pr, p) for pr in preps for p in pr.children if p.dep_ == "pobj"]
        if len(pairs) >= 2:
            return pairs
    return []


def _phrase(q: Token) -> Span:
    """The words that name one object: 'the town of Suruc' (not what follows it: 'near the border')."""
    keep = [q]
    for ch in q.children:
        if ch.dep_ in ("conj", "cc", "punct", "relcl", "acl", "advmod") or ch.dep_ == "prep" and ch.lower_ != "of":
            continue
        keep += list(ch.subtree)
    return q.doc[min(t.i for t in keep):max(t.i for t in keep) + 1]


def _distribute(tok: Token, event: Mention, facts: list[Fact]) -> Iterator[Fact]:
    """One event per object of a distributive plural: its own name and place, the shared date and sides."""
    pairs = _each(tok)
    if not pairs:
        yield from facts
        return
    singular = tok.lemma_.lower()
    label = event.text[: len(event.text) - len(tok.text)] + singular
    for f in facts:
        if f.subj != event and f.obj != event:
            yield f
    for prep, q in pairs:
        span = _phrase(q)
        when = dates.resolve(q.text, tok.doc.user_data.get("date")) if q.ent_type_ == "DATE" else None
        names = {f"{singular} {prep.lower_} {span.text}", f"{label} {prep.lower_} {span.text}"}
        if when:
            names.add(f"{q.text} {singular}")      # "the 2006 election"
        names = tuple(sorted(names))
        one = replace(event, end=span.end_char, text=names[0], names=names, new=True)
        place = None if when else _place_of(q) or next(
            (c for c in q.children if c.dep_ in ("compound", "nmod") and ent_of(c) is not None
             and ent_of(c).label_ == "Place"), None)
        sent = sentence(tok)
        if when:
            yield Fact(one, "occurredOn", None, when, sent.start_char, sent.end_char, "events.each_date", 0.65)
        for f in facts:
            if f.subj == event and f.rel == ("occurredOn" if when else "occurredIn"):
                continue
            if f.subj == event or f.obj == event:
                yield replace(f, subj=one if f.subj == event else f.subj, obj=one if f.obj == event else f.obj)
        if place is not None:
            yield Fact(one, "occurredIn", mention(ent_of(place)), "", sent.start_char, sent.end_char,
                       "events.each_place", 0.65)


def _where(tok: Token, kind: str, verb: Token | None, near: list[Token]) \
        -> tuple[list[Mention], list[list[Mention]], list[Mention], list[Mention], str]:
    """Where an event happened: every place named near it, in groups named together (the first group is where);
    the places it was on or against (its targets), those said with a preposition, and the place phrase as the
    article puts it ("in the Sadr City area")."""
    # place: "in Najaf", "on the city of Fallujah", "the Najaf truce", "Diwaniyah clashes"
    places, targets, said_in = [], [], []
    phrase = ""
    groups: list[list[Mention]] = []     # places named together ("in A, B and C"), in order
    for t in near + [c for c in tok.children if c.dep_ in ("compound", "nmod")]:
        if t.dep_ in ("nsubj", "nsubjpass") and t.head is not tok:
            continue      # "Iran and the United States signed a deal": who made it, not where
        if t.dep_ == "pobj" and t.head.lower_ == "between":
            continue      # "a ceasefire between Israel and Hamas": its sides, not where
        p = _place_of(t) or _that_city(t)
        if p is not None and t.head == tok and t.dep_ in ("compound", "nmod", "amod") \
                and _is_country(ent_of(p).text) and lx.DEMONYM.get(ent_of(p).text.lower()) != ent_of(p).text:
            continue    # "the US assault/agreement": a side, not where it happened ("the Iraq invasion": where)
        found = [p] if p is not None and p.i != tok.i else []
        if t.dep_ == "pobj":    # "in the capital and the southern cities of A and B"
            found += [q for c in t.conjuncts for q in [_place_of(c)] if q is not None and q not in found]
        group = []
        for q in (q for p in found for q in _with_conjuncts(p)):
            m = mention(ent_of(q))
            if m in places:
                continue
            places.append(m)
            group.append(m)
            if t in near and (t.head == tok or t.head.lower_ in ("in", "on", "at") or t.head.head.lower_ in ("in", "on")):
                if t.dep_ == "pobj":
                    said_in.append(m)
                if t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS and t.head.head != tok and not phrase \
                        and ent_of(q).start >= t.head.i:
                    # "fighting broke out … in the Sadr City area": a name as the article puts it
                    end = max(t.i, ent_of(q).end - 1) + 1
                    if end - t.head.i <= 8:
                        phrase = tok.doc[t.head.i:end].text
            if t.head.lower_ in ("on", "against") and t.head.head == tok:
                targets.append(m)
        if group:
            groups.append(group)
    its = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ == "its"), None)
    if not places and its is not None and kind in ("Demonstration", "Election", "Clash"):
        # "Tunisia … since its 2011 revolt", "its presidential election": the country's own
        ante = antecedent(its, countries=True)
        if ante is not None and ante.cls == "Place" and _is_country(ante.canonical or ante.text):
            places.append(ante)
            groups.append([ante])
    if kind == "Election" or tok.lower_ in INTERNAL or any(c.lower_ == "civil" for c in tok.children):
        # "Uganda's presidential elections", "the Chinese civil war", "Tunisia's revolt": in the country, not a
        # side of it
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < tok.i:
                m = country_mention(c, military=False) if c.lower_ in lx.DEMONYM else arg(c)[0]
                if m is not None and m.cls == "Place" and _is_country(m.canonical or m.text) and m not in places:
                    places.insert(0, m)
                    groups.insert(0, [m])
                    break
    if not places and verb is not None and verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
        p = _place_of(verb.head)
        if p is not None:
            places.append(mention(ent_of(p)))
            groups.append(places[:1])
    return places, groups, targets, said_in, phrase


def _who(tok: Token, kind: str, verb: Token | None, aim: Token | None, places: list[Mention]) \
        -> tuple[list[tuple[Mention, float]], list[Mention], list[Mention]]:
    """Who takes part in an event, with a weight: its owner or the country before it, 'by X', the subject of
    'launched the attack', who claimed it, ran in it, spoke at it, was arrested in it; and apart, those who only
    helped the doers and those whose plan an agreement is."""
    agents: list[tuple[Mention, float]] = []
    helpers: list[Mention] = []
    planners: list[Mention] = []
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < tok.i:
            if c.lower_ in lx.DEMONYM and country_mention(c, military=False) in places:
                continue      # "the Chinese civil war": where, said above
            if kind == "Arrest" and c.dep_ == "poss":
                continue      # "X's arrest": the one arrested, below
            m, f = arg(c)
            if m is None and c.dep_ != "poss" and c.lower_ in lx.DEMONYM:   # "the Russian invasion"
                m, f = country_mention(c, military=False), 1.0
            if m is not None and m.cls in AGENTS | {"Place"} and m not in places:
                agents.append((m, f))
                if kind == "Agreement" and c.dep_ == "poss" and tok.lower_ == "plan":
                    planners.append(m)      # "Sistani's peace plan": his, not a party's
                    agents.pop()
    for c in tok.children:      # "an attack by al Shabaab", "the arrest of X by police"
        if c.dep_ == "prep" and c.lower_ == "by":
            for q in (q for p in c.children if p.dep_ == "pobj" for q in conjuncts(p)):
                m, f = arg(q)
                if m is not None and m.cls in AGENTS | {"Place"} and m not in places:
                    agents.append((m, f))
    for x in leaders(tok):      # "the Saudi-led offensive"
        m = country_mention(x, military=False)
        if m is not None and m.cls in AGENTS | {"Place"} and m not in places:
            agents.append((m, 1.0))
    if verb is not None and tok.dep_ == "dobj" and lemma(verb) in lx.EVENT_VERBS and factual(verb):
        for s in subjects(verb):
            m, f = arg(s)
            if m is not None and m.cls in AGENTS | {"Place"}:
                agents.append((m, f * 0.9))
            for h in _helpers(s):     # "X, assisted by French troops, began the assault": they took part too
                m, f = arg(h)
                if m is not None and m.cls in AGENTS | {"Place"} and m not in places:
                    agents.append((m, f * 0.8))
                    helpers.append(m)      # (in it, not its doers)
    if aim is not None and aim.lemma_ in OUSTING:
        # "its revolt to oust ruler X", "protests to topple President Y": the one to be ousted is in it
        for q in (q for d in aim.children if d.dep_ == "dobj" for q in conjuncts(d)):
            m, f = arg(q)
            if m is not None and m.cls in ("Person", "Organization") and m not in places:
                agents.append((m, f * 0.7))
    for holder in _responsibility(tok):
        # "X claimed responsibility for the attack", "X was blamed for the bombing"
        m, f = arg(holder)
        if m is not None and m.cls in AGENTS and m not in places:
            agents.append((m, f * 0.85))
    v = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") else None
    if v is not None and v.lower_ in OUTCOMES and v.dep_ == "dobj":
        v = v.head      # "X won a convincing victory in the elections"
    if v is not None and v.pos_ == "VERB" and lemma(v) in TAKE_PART and factual(v):
        # "X took part in the talks", "X challenged Y in the elections" (both ran)
        rivals = [c for c in v.children if c.dep_ == "dobj"] + [   # "challenged X", "ran against X"
            p for c in v.children if c.dep_ == "prep" and c.lower_ == "against" for p in c.children
            if p.dep_ == "pobj"] if kind == "Election" else []
        for s in subjects(v) + rivals:
            m, f = arg(relative_head(s))      # "X, who challenged Y in the elections"
            if m is not None and m.cls in AGENTS and m not in places:
                agents.append((m, f * 0.8))
    if kind == "Meeting" and verb is not None and lemma(verb) in SPEAKING and verb.dep_ == "advcl" \
            and (tok.dep_ == "dobj" or tok.dep_ == "pobj" and tok.head.lower_ in ("at", "to")) \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and factual(verb.head):
        # "Speaking at a security conference in Munich, X said …": X was at it
        for s in subjects(verb.head):
            m, f = arg(relative_head(s))
            if m is not None and m.cls in AGENTS and m not in places:
                agents.append((m, f * 0.8))
    if kind == "Arrest" and tok.dep_ == "pobj" and tok.head.lower_ == "under" and verb is not None \
            and factual(verb):
        # "X was placed under house arrest", "police put X under arrest": the one held
        for c in verb.children:
            if c.dep_ in ("nsubjpass", "dobj"):
                m, f = arg(relative_head(c))
                if m is not None and m.cls in ("Person", "Group"):
                    agents.append((m, f * 0.8))
    if kind in ("Arrest", "Meeting") or tok.lower_ in ("overthrow", "ouster"):    # "the ouster of X"
        # the one arrested takes part in the arrest: "the arrest of X", "X's arrest"; "a meeting of X"
        for c in tok.children:
            if c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of":
                for q in ([c] if c.dep_ == "poss" else [p for p in c.children if p.dep_ == "pobj"]):
                    m, f = arg(q)
                    if m is not None and m.cls == "Organization" and q.pos_ == "PRON" and kind == "Arrest":
                        continue      # "their kidnap": people, not the government named before them
                    if m is not None and m.cls in ("Person", "Organization", "Group"):
                        agents.append((m, f * 0.8))
    return agents, helpers, planners


def noun_events(doc: Doc) -> Iterator[Fact]:
    for tok in doc:
        kind = _kind(tok)
        if kind is None or in_quote(tok):
            continue
        start, end, text = _label(tok)
        aim = _purpose(tok)      # "the assault to reclaim X", "the revolt to oust X"
        det = next((c.lower_ for c in tok.children if c.dep_ == "det"), "")
        # "another strike" is a new event, and so is "a strike"; "a ceasefire in X" is X's ceasefire
        event = Mention(start, end, kind, text, head=tok.text, names=_names(tok, text, aim),
                        new=det == "another" or det in ("a", "an") and kind not in SINGULAR_KINDS)
        sent = sentence(tok)
        facts: list[Fact] = []

        def add(subj: Mention, rel: str, obj: Mention | None = None, value: str = "", conf: float = 0.7,
                how: str = "event") -> None:
            facts.append(Fact(subj, rel, obj, value, sent.start_char, sent.end_char, f"events.{how}", conf))

        verb = tok.head if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr") and tok.head.pos_ in ("VERB", "AUX") else None
        if tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
            verb = tok.head.head
        elif tok.dep_ == "pobj" and tok.head.head.lower_ in OUTCOMES and tok.head.head.dep_ == "dobj":
            verb = tok.head.head.head      # "won a victory in the elections on Saturday"
        future = verb is not None and any(c.lower_ in ("will", "would", "'ll") for c in verb.children)
        caused = verb is not None and tok.dep_ == "nsubj" and (verb.lemma_ in CAUSE_VERBS or verb.lemma_ in CAUSE_PHRASAL
                                                               and any(c.lower_ == "off" for c in verb.children)
                                                               or verb.lemma_ in ECHO_VERBS)
        relative = tok.dep_ == "pobj" and (tok.head.lower_ in RELATIVE_PREPS or tok.head.head.lower_ in RELATIVE_PREPS)
        near = _near(tok) + (_near(verb) if verb is not None and not caused and not relative else [])
        near += [x for c in tok.children if c.dep_ in ("relcl", "acl") for x in _near(c)]
        places, groups, targets, said_in, phrase = _where(tok, kind, verb, near)
        if phrase:
            event = replace(event, names=tuple(sorted({*event.names, f"{tok.text} {phrase}", f"{text} {phrase}"})))
        first = groups[0] if groups else []
        for m in first:
            add(event, "occurredIn", m, conf=0.7, how="place")
        ending = kind == "Agreement" and verb is not None and tok.dep_ in ("nsubj", "nsubjpass") and \
            lemma(verb) in ENDING_VERBS      # "a ceasefire collapsed in July": the day it ended, not the day made
        when = None if ending else _dates(near, doc, future)
        if when is None and verb is not None and verb.dep_ in ("relcl", "advcl") \
                and any(c.lower_ == "when" for c in verb.children):
            # "since last month, when a strike targeted X", "on Monday, when police raided X"
            when = _dates([verb.head] if verb.dep_ == "relcl" else _near(verb.head), doc, future)
        if when:
            add(event, "occurredOn", value=when, conf=0.65, how="date")
        elif verb is not None and verb.dep_ == "ROOT" and tok.head == verb:
            days = {v for e in ents_between(doc, sent.start, sent.end) if e.label_ in WHEN_LABELS
                    for v in [dates.resolve(e.text, doc.user_data.get("date"), future)] if v and len(v) == 10}
            if len(days) == 1:       # one day named in the sentence: when its events happened
                add(event, "occurredOn", value=days.pop(), conf=0.45, how="sentence_date")
        published = doc.user_data.get("date") or ""
        if len(published) >= 7 and any(c.dep_ == "amod" and c.lower_ in CURRENT for c in tok.children) \
                and not any(f.rel == "occurredOn" for f in facts):
            # "the latest uprising", "the ongoing siege": under way when the article was written, so its month
            add(event, "occurredOn", value=published[:7], conf=0.35, how="current")
        # who
        agents, helpers, planners = _who(tok, kind, verb, aim, places)
        for m in planners:
            add(m, "brokered", event, conf=0.6, how="possessive")
        if kind == "Attack":
            # "an assault to retake the hotel", "an offensive to recapture Ramadi": what it was to take, it hit
            if aim is not None and aim.lemma_ in RETAKING:
                for q in (q for d in aim.children if d.dep_ == "dobj" for q in conjuncts(d)):
                    p = _place_of(q)
                    m = mention(ent_of(p)) if p is not None else None
                    if m is not None and m not in targets:
                        targets.append(m)
                        if not any(f.rel == "occurredIn" and f.subj == event for f in facts):
                            add(event, "occurredIn", m, conf=0.6, how="place")    # and it was fought there
        if kind == "Attack" and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            # "X's death in a drone strike", "X was killed in the attack": the victim takes part, not as a side
            d = tok.head.head
            victims = [c for c in d.children if c.dep_ == "poss"] + [p for c in d.children if c.dep_ == "prep" and
                                                                      c.lower_ == "of" for p in c.children
                                                                      if p.dep_ == "pobj"] \
                if d.lower_ in DEATHS else [c for c in d.children if c.dep_ == "nsubjpass"] \
                if d.pos_ == "VERB" and d.lemma_ in ("kill", "wound", "injure", "assassinate") and factual(d) else []
            for v in victims:
                m, f = arg(v) if ent_of(v) is not None else (None, 0.0)
                if m is not None and m.cls == "Person" and all(m != a for a, _f in agents):   # not "a US soldier"
                    add(m, "participatedIn", event, conf=round(0.55 * f, 3), how="victim")
        sides = []
        for c in [*tok.children] + ([*verb.children] if verb is not None else []):
            if c.dep_ == "prep" and c.lower_ in ("between", "with", "against", "on") and (
                    c.head == tok or c.lower_ == "between" or c.lower_ == "with" and kind in ("Agreement", "Negotiation")):
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    for q in conjuncts(p):
                        m, f = side(q, tok) if c.lower_ == "between" else arg(q)
                        if m is not None and (m.cls in AGENTS or c.lower_ == "between" and m.cls == "Place"
                                              and _is_country(m.canonical or m.text)) and m not in places:
                            (targets if c.lower_ in ("on", "against") and kind == "Attack" else sides).append(
                                (m, f) if c.lower_ not in ("on", "against") or kind != "Attack" else m)
        if kind == "Attack" and verb is not None and tok.dep_ == "nsubj" and lemma(verb) in HITTING and factual(verb):
            for c in verb.children:      # "the strike targeted Islamic State militants": the side struck
                if c.dep_ == "dobj":
                    for q in conjuncts(c):
                        m, _f = arg(q)
                        if m is not None and m.cls in ("Organization", "Person") and m not in targets:   # not "Iraqis"
                            targets.append(m)
        if verb is not None and tok.dep_ == "nsubjpass" and lemma(verb) not in lx.REACTION_VERBS | lx.SPEECH_VERBS:
            for q in passive_agents(verb):
                m, f = arg(q)
                if m is not None and m.cls in AGENTS:
                    agents.append((m, f))
        if kind == "Agreement":
            # the mediator brokered it and is no party to it; who agreed to it is
            brokers = []
            for q in _mediators(tok, verb):
                m, f = arg(q)
                if m is not None and m.cls in AGENTS | {"Place"}:
                    add(m, "brokered", event, conf=round(0.65 * f, 3), how="broker")
                    brokers.append((m.start, m.end))
            agents = [(m, f) for m, f in agents if (m.start, m.end) not in brokers]
            for s in _assenters(tok):
                m, f = arg(s)
                if m is not None and m.cls in AGENTS | {"Place"} and (m.start, m.end) not in brokers:
                    agents.append((m, f * 0.9))
        rel = "partyTo" if kind == "Agreement" else "participatedIn"
        seen = set()
        for m, f in agents + sides:
            if (m.start, m.end) in seen or m.cls == "Place" and not _is_country(m.canonical or m.text):
                continue      # a city is where an event happens, not who takes part ("the Munich conference")
            seen.add((m.start, m.end))
            add(m, rel, event, conf=round(0.65 * f, 3), how="participant")
        if kind == "Attack":
            for t in targets:      # the side attacked takes part in the attack too
                if t.cls in AGENTS and all((t.start, t.end) != (m.start, m.end) for m, _f in agents):
                    facts.append(Fact(t, "participatedIn", event, "", sent.start_char, sent.end_char,
                                      "events.target", 0.5))
            if not targets and said_in and agents and not _is_country(said_in[0].canonical or said_in[0].text):
                # "launched an assault on militiamen in the city of X": X was attacked ("a US strike in Pakistan"
                # was not an attack on Pakistan)
                targets = said_in[:1]
            for m, f in agents:
                for tgt in targets if m not in helpers else []:
                    if (tgt.start, tgt.end) != (m.start, m.end):
                        add(m, "attacked", tgt, conf=round(0.6 * f, 3), how="attack")
        if kind in ("Clash", "Negotiation") and len(agents + sides) >= 2:
            rel2 = "foughtWith" if kind == "Clash" else "negotiatedWith"
            parts = [m for m, _ in agents + sides]
            for i, a in enumerate(parts):
                for b in parts[i + 1:]:
                    if (a.start, a.end) != (b.start, b.end):
                        add(a, rel2, b, conf=0.55, how="sides")
        yield from _distribute(tok, event, facts)
