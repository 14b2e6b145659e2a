"""Helpers shared by the rule families: entity lookup, arguments, negation, coreference."""
from __future__ import annotations

import bisect
import contextlib
import contextvars
import re

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from .records import Mention

ENTITY_CLASSES = {"Person", "Organization", "Place", "Group"}
AGENTS = {"Person", "Organization", "Group"}
PEOPLE_HEADS = {"poor", "population", "masses", "people", "community", "communities", "youth", "majority",
                "minority", "crowd", "crowds", "demonstrators", "protesters", "protestors", "workers", "villagers",
                "residents", "civilians", "faithful", "pilgrims", "voters"}
ASPECTUAL = {"continue", "begin", "start", "keep", "resume", "go"}
PRONOUNS = {"he": "Person", "him": "Person", "his": "Person", "she": "Person", "her": "Person",
            "it": "Organization", "its": "Organization", "they": "Group", "them": "Group", "their": "Group"}


# claim mode: what a speaker's words state is read as if the article said it (kg.extract.claims), so the rules
# of every family find it; negation is then a polarity, not a reason to drop the statement
_CLAIMS: contextvars.ContextVar[bool] = contextvars.ContextVar("claims", default=False)
_SCOPE: contextvars.ContextVar[tuple[tuple[int, int], ...]] = contextvars.ContextVar("scope", default=())


@contextlib.contextmanager
def claim_mode(spans: tuple[tuple[int, int], ...] = ()):
    """Read as claims; only the sentences around these character spans (the quoted words) are read."""
    token, scope = _CLAIMS.set(True), _SCOPE.set(tuple(spans))
    try:
        yield
    finally:
        _CLAIMS.reset(token)
        _SCOPE.reset(scope)


def scope(doc: Doc):
    """The tokens a rule family reads: all of them, or in claim mode those of the sentences that hold quoted
    words (a claim is never anywhere else)."""
    spans = _SCOPE.get()
    if not spans or not _CLAIMS.get():
        return doc
    keep: dict[int, None] = {}
    for qs, qe in sorted(spans):
        first = doc.char_span(qs, qe, alignment_mode="expand")
        if first is not None:
            keep.update(dict.fromkeys(range(sentence(first[0]).start, sentence(first[-1]).end)))
    return [doc[i] for i in sorted(keep)]


# lemmas the small model gets wrong, and the verb each stands for ("waged" -> "wag")
LEMMA_FIXES = {"wag": "wage", "instal": "install", "hop": "hope", "stag": "stage"}


def lemma(tok: Token) -> str:
    """A token's lemma, corrected where the model's lemmatiser is known to err."""
    low = tok.lemma_.lower()
    return LEMMA_FIXES.get(low, low) if low != tok.lower_ or low in LEMMA_FIXES else low


def text_of(doc: Doc) -> str:
    """The article's text, built once: spaCy rebuilds `Doc.text` from its tokens on every access."""
    text = doc.user_data.get("_text")
    if text is None:
        text = doc.user_data["_text"] = doc.text
    return text


def sentence(tok: Token | Span) -> Span:
    """The sentence of a token (or of a span's first token), from a table made once: `Token.sent` scans the
    sentence on every call."""
    if isinstance(tok, Span):
        tok = tok[0]
    doc = tok.doc
    table = doc.user_data.get("_sents")
    if table is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for n, s in enumerate(sents):
            index[s.start:s.end] = [n] * (s.end - s.start)
        table = doc.user_data["_sents"] = (sents, index)
    return table[0][table[1][tok.i]]


def ents(doc: Doc) -> list[Span]:
    """The article's entity spans, listed once: spaCy builds new Span objects on every `Doc.ents`."""
    found = doc.user_data.get("_ents")
    if found is None:
        found = doc.user_data["_ents"] = list(doc.ents)
    return found


def any_ent(tok: Token) -> Span | None:
    """The entity of any label (dates and times too) that a token is part of."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def ent_index(doc: Doc) -> dict[int, Span]:
    """token index -> entity span (cached on the Doc)."""
    idx = doc.user_data.get("_ent_index")
    if idx is None:
        idx = {}
        for ent in ents(doc):
            if ent.label_ in ENTITY_CLASSES:
                for t in ent:
                    idx[t.i] = ent
        doc.user_data["_ent_index"] = idx
    return idx


def mention(span: Span, cls: str | None = None, canonical: str | None = None) -> Mention:
    text = span.text
    if span.kb_id_ and span.text.lower() in lx.DEMONYM:
        text = span.kb_id_      # "U.S." standing for "U.S. forces" in "U.S. and Iraqi forces"
    return Mention(span.start_char, span.end_char, cls or span.label_, text,
                   span.kb_id_ if canonical is None else canonical)


def ent_of(tok: Token) -> Span | None:
    return ent_index(tok.doc).get(tok.i)


MAX_QUOTES = 2000   # quotations read per article: more is not prose (10,000 stray quotation marks)


QUOTED = re.compile(r"[“\"]((?:(?!\n\n)[^“”\"]){1,3000}?)[”\"]")


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans inside quotation marks (cached), at most MAX_QUOTES of them."""
    spans = doc.user_data.get("_quotes")
    if spans is None:
        spans = []
        # curly or straight, as typed: a quote opened with one and closed with the other is still one ('“I
        # welcome this," X said'), and none runs over a paragraph's end (news reopens them)
        for m in QUOTED.finditer(text_of(doc)):
            spans.append((m.start(1), m.end(1)))
            # a quotation inside the quotation: 'It's the end of the siege,' said one demonstrator
            for n in re.finditer(r"(?:(?<=\s)|^)['\u2018]([A-Z][^\n]{0,3000}?[,.!?])['\u2019](?=\s|$)", m.group(1)):
                spans.append((m.start(1) + n.start(1), m.start(1) + n.end(1)))
            if len(spans) >= MAX_QUOTES:
                break
        spans.sort()
        doc.user_data["_quotes"] = spans
    return spans


def quotes_at(doc: Doc, char: int) -> list[tuple[int, int]]:
    """The quotation spans that contain a character offset (a table made once per article)."""
    table = doc.user_data.get("_quote_at")
    if table is None:
        table = {}
        for span in quote_spans(doc):
            for t in doc.char_span(*span, alignment_mode="expand") or ():
                table.setdefault(t.idx, []).append(span)
        doc.user_data["_quote_at"] = table
    found = table.get(char)
    if found is None and char not in table:   # an offset that does not start a token
        found = [(s, e) for s, e in quote_spans(doc) if s <= char < e]
    return found or []


def in_quote(tok: Token) -> bool:
    """Inside quoted speech; a few words in scare quotes (Sistani's "peace plan") are the writer's own."""
    if _CLAIMS.get():
        return False
    text = text_of(tok.doc)
    return any(len(text[s:e].split()) > 4 or text[e - 1] in ",.!?" for s, e in quotes_at(tok.doc, tok.idx))


def conjuncts(tok: Token) -> list[Token]:
    """A token and its coordinated siblings, including coordinated name modifiers.

    In "U.S. and Iraqi forces" the head "forces" carries the second name and the
    first name hangs off it as a modifier with its own entity span.
    """
    out = [tok, *tok.conjuncts]
    own = ent_of(tok)
    for c in tok.children:
        if c.dep_ in ("nmod", "amod", "compound") and c.i < tok.i and any(x.dep_ == "cc" for x in c.children):
            sp = ent_of(c)
            if sp is not None and sp != own and sp.label_ in ("Organization", "Group"):
                out.append(c)
    return out


def institution(doc: Doc, noun: str, hint: str = "") -> Span | None:
    """A bare institutional noun ("the army", "police") -> the article's named one; `hint`, a word before the
    noun ("interim government"), picks among several."""
    kind = ("military" if noun in lx.FORCE_NOUNS else "police" if noun in lx.POLICE_NOUNS
            else "government" if noun in ("government",) else None)
    if kind is None:
        return None
    counts: dict[str, list[Span]] = {}
    for ent in ents(doc):
        if ent.label_ == "Organization" and ent.kb_id_.endswith(" " + kind):
            counts.setdefault(ent.kb_id_, []).append(ent)
    if not counts:
        return None
    # "the army" is the force the article itself calls an army, then the most mentioned one
    if hint:
        counts = {k: v for k, v in counts.items() if hint in k.lower()}
        if not counts:
            return None
    best = max(sorted(counts), key=lambda k: (sum(noun in e.text.lower() for e in counts[k]), len(counts[k])))
    return counts[best][0]


def occupier(doc: Doc) -> str | None:
    """The country the article says occupies ("the US occupation of Iraq"), for 'the occupation'."""
    if "_occupier" not in doc.user_data:
        counts: dict[str, int] = {}
        for tok in doc:
            if tok.lower_ == "occupation":
                for c in [*tok.children, *leaders(tok)]:    # "the US occupation", "the US-led occupation"
                    if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.i < tok.i:
                        country = lx.DEMONYM.get(c.lower_) or (c.text if c.text in lx.COUNTRIES else None)
                        if country:
                            counts[country] = counts.get(country, 0) + 1
        doc.user_data["_occupier"] = max(sorted(counts), key=counts.get) if counts else None
    return doc.user_data["_occupier"]


def description(tok: Token) -> Mention | None:
    """'Sadr's parliamentary bloc', 'Allawi's administration': an Organization led by the possessor."""
    if tok.lower_ not in lx.ORG_DESCRIPTION_NOUNS or ent_of(tok) is not None:
        return None
    if any(c.dep_ in ("compound", "nmod") and ent_of(c) is not None and ent_of(c).label_ == "Organization"
           for c in tok.children):
        return None     # "Sadr's Mahdi Army militia" names the organisation
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.lower_ in ("his", "her") and owner.pos_ == "PRON":
        ante = antecedent(owner)
        if ante is None:
            return None
        return Mention(tok.idx, tok.idx + len(tok), "Organization", f"{ante.text}'s {tok.text}", head="desc")
    span = ent_of(owner)
    if span is None or span.label_ != "Person":
        return None
    doc = tok.doc
    return Mention(span.start_char, tok.idx + len(tok), "Organization", text_of(doc)[span.start_char:tok.idx + len(tok)],
                   head="desc")


def country_mention(tok: Token, military: bool, government: bool = False) -> Mention | None:
    """A country named by a name or a demonym ("US", "British"), or its military, or its government."""
    span = ent_of(tok)
    country = lx.DEMONYM.get(tok.lower_) or (span.text if span is not None and span.label_ == "Place"
                                              and span.text in lx.COUNTRIES else None)
    if span is not None and span.label_ != "Place" and country is None:
        return mention(span)
    if country is None:
        return mention(span) if span is not None else None
    if military or government:
        canon = f"{lx.ADJECTIVE[country]} {'military' if military else 'government'}"
        return Mention(tok.idx, tok.idx + len(tok), "Organization", canon, canon)
    if span is not None and span.label_ == "Place":
        return mention(span)
    return Mention(tok.idx, tok.idx + len(tok), "Place", country)


def side(tok: Token, noun: Token) -> tuple[Mention | None, float]:
    """One side of 'talks between A and B': an agent, or a country; 'aides to X' stands for X even when the
    parser hangs 'to X' on the talks."""
    m, c = arg(tok)
    if m is None and tok.lower_ in lx.PROXY_NOUNS:
        for p in (q for pr in noun.children if pr.dep_ == "prep" and pr.lower_ in ("to", "for")
                  for q in pr.children if q.dep_ == "pobj" and ent_of(q) is not None):
            m, c = mention(ent_of(p)), 0.8
    if m is not None and (m.cls in AGENTS or m.cls == "Place" and "country" in lx.place_kind(m.canonical or m.text)):
        return m, c
    return None, 0.0


def leaders(tok: Token) -> list[Token]:
    """'the US-led occupation', 'a Saudi-led coalition': the name before '-led'."""
    return [x for c in tok.children if c.dep_ == "amod" and c.lemma_ == "lead" and c.i < tok.i
            for x in c.children if x.dep_ in ("npadvmod", "compound", "nmod")
            and (ent_of(x) is not None or x.lower_ in lx.DEMONYM)]


FOLLOWER_ADJECTIVES = {"loyal": ("to",), "allied": ("with", "to"), "aligned": ("with",), "affiliated": ("with",)}


def followers(tok: Token) -> Mention | None:
    """'rebel forces allied with X', 'militiamen loyal to X': X's armed men, a description of the armed group
    X leads (resolution links it when the graph says which)."""
    if tok.lower_ not in lx.ARMED_NOUNS - {"army"} or ent_of(tok) is not None:
        return None
    for c in tok.children:
        if c.dep_ in ("amod", "acl") and c.i > tok.i and c.lower_ in FOLLOWER_ADJECTIVES:
            for p in (q for pr in c.children if pr.dep_ == "prep" and pr.lower_ in FOLLOWER_ADJECTIVES[c.lower_]
                      for q in pr.children if q.dep_ == "pobj"):
                span = ent_of(p) or next((ent_of(a) for a in p.children if a.dep_ == "appos"), None)
                if span is not None and span.label_ == "Person":   # "loyal to (the cleric) X"
                    return Mention(tok.idx, span.end_char, "Organization", f"{span.text}'s {tok.lower_}", head="desc")
    return None


DASHES = ("-", "\u2013", "\u2014", "--")


def dateline(span: Span) -> bool:
    """'JUBA, South Sudan - …', 'MADRID — …': the place a story was filed from, at the start of a line and
    before a spaced dash; it does nothing in the story."""
    doc = span.doc
    if not (span.start == 0 or "\n" in doc[span.start - 1].text or doc[span.start - 1].is_space):
        return False
    if span.label_ == "Place" and all(t.is_upper and t.is_alpha for t in span) and len(span.text) > 2 \
            and span.end < len(doc) and doc[span.end].is_title:
        return True     # "JUBA Renewed fighting erupted …": a dateline whose dash was lost
    for t in doc[span.end:min(len(doc), span.end + 6)]:
        if t.text in DASHES and t.i > 0 and doc[t.i - 1].whitespace_ and t.whitespace_:
            return True
        if not (t.text in (",", "(", ")", "/") or t.ent_type_ or t.is_title or t.is_upper):
            return False
    return False


def arg(tok: Token, allow_coref: bool = True) -> tuple[Mention | None, float]:
    """The entity an argument token stands for, and a confidence factor."""
    span = ent_of(tok)
    if span is not None:
        if dateline(span):
            # "LAGOS, Nigeria — The party's candidate, X, was detained": the parser makes the story's
            # subject an apposition of the dateline
            told = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")
                         and (ent_of(c) is None or ent_of(c).label_ != "Place")), None)
            return arg(told, allow_coref) if told is not None else (None, 0.0)
        return mention(span), 1.0
    if tok.pos_ == "NOUN":
        # "the opposition leader, Kizza Besigye, ...": the name in apposition
        named = next((ent_of(c) for c in tok.children if c.dep_ == "appos" and ent_of(c) is not None), None)
        if named is not None and named.label_ in AGENTS and not dateline(named):
            return mention(named), 0.95
    desc = description(tok)
    if desc is not None:
        return desc, 0.9
    desc = followers(tok)
    if desc is not None:
        return desc, 0.8
    low = tok.lower_
    if low in ("occupation", "occupiers", "occupier"):
        # "the (US) occupation" acting or acted on: the occupying country
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i]
        country = next((lx.DEMONYM.get(c.lower_) or (c.text if c.text in lx.COUNTRIES else None) for c in mods
                        if lx.DEMONYM.get(c.lower_) or c.text in lx.COUNTRIES), None) or occupier(tok.doc)
        if country:
            return Mention(tok.idx, tok.idx + len(tok), "Place", country), 0.6
    if low in ("forces", "troops", "soldiers", "authorities") and any(
            c.lower_ in ("occupation", "occupying") for c in tok.children if c.dep_ in ("compound", "amod")):
        country = occupier(tok.doc)
        if country:
            canon = f"{lx.ADJECTIVE[country]} military"
            return Mention(tok.idx, tok.idx + len(tok), "Organization", canon, canon), 0.6
    if low in PEOPLE_HEADS:
        # "the Shiite urban poor", "the Shiite population": the group named by the adjective
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and ent_of(c) is not None and ent_of(c).label_ == "Group":
                return mention(ent_of(c)), 0.7
    if low in QUANTITY_NOUNS and ent_of(tok) is None:
        inner = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                      if p.dep_ == "pobj"), None)
        if inner is not None and (inner.lower_ in lx.MEMBER_NOUNS or ent_of(inner) is not None):
            m, f = arg(inner, allow_coref)
            if m is not None:
                return m, f * 0.9
    if allow_coref and low in PRONOUNS and tok.pos_ == "PRON":
        ante = antecedent(tok)
        if ante is not None:
            return ante, 0.7
    if allow_coref and low in lx.FORCE_NOUNS:
        # "its jets", "their troops": the forces of the country or the group the pronoun stands for
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        ante = antecedent(owner, countries=True) if owner is not None else None
        if ante is not None and ante.cls == "Place" and ante.text in lx.COUNTRIES:
            canon = f"{lx.ADJECTIVE[ante.text]} military"
            return Mention(tok.idx, tok.idx + len(tok), "Organization", canon, canon), 0.6
        if ante is not None and ante.cls == "Organization":
            return ante, 0.6
    if low in lx.MEMBER_NOUNS or low in lx.FORCE_NOUNS or low in lx.POLICE_NOUNS or low in lx.PROXY_NOUNS:
        # "Mahdi Army fighters", "militiamen of the Mahdi Army", "aides to X", "the Washington Post article"
        # "Kurdish fighters of the YPG": the organisation named after the noun before the people before it
        of_org = any(c.dep_ == "prep" and c.lower_ == "of" and any(
            p.dep_ == "pobj" and ent_of(p) is not None and ent_of(p).label_ == "Organization" for p in c.children)
            for c in tok.children)
        for c in tok.children:
            if c.dep_ in ("compound", "nmod", "amod", "poss") and ent_of(c) is not None and ent_of(c).label_ in AGENTS | {"Place"}:
                sp = ent_of(c)
                if sp.label_ == "Group" and of_org:
                    continue
                if sp.label_ in ("Organization", "Group") or low in lx.PROXY_NOUNS and c.dep_ != "poss":
                    return mention(sp), 0.85
            if c.dep_ == "compound" and c.lower_ == "government" and low in ("officials", "official", "troops", "forces"):
                inst = institution(tok.doc, "government" if low.startswith("official") else "army")
                if inst is not None:
                    return mention(inst), 0.6
        for c in tok.children:
            # "militiamen of X", "gunmen from X" (an organisation; "gunmen from Fallujah" says where they came from)
            if c.dep_ == "prep" and (c.lower_ in ("of", "from") or c.lower_ in ("to", "for") and low in lx.PROXY_NOUNS):
                for p in c.children:
                    sp = ent_of(p) if p.dep_ == "pobj" else None
                    if sp is None and p.dep_ == "pobj" and p.lower_ in lx.NAMED_ORG_NOUNS:
                        # "a member of the Sadrist movement" when only "Sadrist" is the name
                        sp = next((ent_of(m) for m in p.children if m.dep_ in ("compound", "amod")
                                   and ent_of(m) is not None and ent_of(m).label_ == "Organization"), None)
                    if sp is not None and (sp.label_ == "Organization"
                                           or low in lx.PROXY_NOUNS and c.lower_ != "from" and sp.label_ in AGENTS):
                        return mention(sp), 0.8
        inst = institution(tok.doc, low) if not any(c.dep_ in ("poss", "compound", "amod") for c in tok.children) \
            and low in (lx.FORCE_NOUNS | lx.POLICE_NOUNS) and low not in ("forces", "troops", "soldiers") else None
        if inst is not None and any(c.lower_ == "the" for c in tok.children):
            return mention(inst), 0.6
    if low in lx.PLACE_NOUNS:
        # "the city of Sirte", "Gaddafi's home city of Sirte": the place named
        named = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                      if p.dep_ == "pobj" and ent_of(p) is not None and ent_of(p).label_ == "Place"), None)
        if named is not None:
            return mention(ent_of(named)), 0.95
    if tok.lemma_.lower() in COUNTRY_PROXIES or low in COUNTRY_PROXIES:
        country = _country_modifier(tok)
        if country is not None:
            return country, 0.7
    if allow_coref:
        ante = definite(tok)
        if ante is not None:
            return ante, 0.6
    return None, 0.0


# nouns that stand for the country named in their modifier: "a U.S. air strike" (the United States struck),
# "Russian bombing raids", "Turkish demands", "on Turkish soil"
COUNTRY_PROXIES = {"strike", "strikes", "airstrike", "airstrikes", "raid", "raids", "bombing", "bombings",
                   "drone", "drones", "shelling", "missile", "missiles", "bombardment", "attack", "attacks",
                   "demand", "demands", "policy", "proposal", "offer", "soil", "territory", "border", "waters",
                   "airspace", "backing", "support", "pressure", "threat", "sanctions", "intervention",
                   "involvement", "campaign", "offensive", "operation", "operations", "decision", "plan", "power",
                   "firepower", "advisers", "advisors", "help", "aid", "assistance"}
# numbers of people: "dozens of Boko Haram militants" are the militants'
QUANTITY_NOUNS = {"dozens", "hundreds", "thousands", "scores", "tens", "several", "many", "some", "most", "dozen",
                  "hundred", "thousand", "number", "handful", "group", "groups", "members", "few"}


def _country_modifier(tok: Token) -> Mention | None:
    """The country named by a demonym or a country name before a noun, in its own noun phrase."""
    for t in (x for x in tok.subtree if x.i < tok.i and x.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod")):
        span = ent_of(t)
        country = lx.DEMONYM.get(t.lower_) if span is None or span.label_ in ("Place", "Group") else None
        if country is None and span is not None and span.label_ == "Place" and span.text in lx.COUNTRIES:
            country = span.text
        if country is not None and country in lx.COUNTRIES:
            if span is not None and span.label_ == "Place":
                return mention(span)
            return Mention(t.idx, t.idx + len(t), "Place", country, country)
    return None


# definite descriptions that point back to a named entity of their kind: "the group", "the city"
KIND_NOUNS = {"group": "Organization", "militia": "Organization", "movement": "Organization",
              "organisation": "Organization", "organization": "Organization", "insurgents": "Organization",
              "militants": "Organization", "party": "Organization", "network": "Organization",
              "city": "Place", "town": "Place", "village": "Place", "country": "Place", "capital": "Place",
              "nation": "Place"}


def definite(tok: Token, window: int = 4) -> Mention | None:
    """'the hotel' -> the Splendid Hotel named before, 'the militant group' -> the organisation named last,
    'the country' -> the country named last (a lower-confidence reading: the words do not name it)."""
    if tok.pos_ != "NOUN" or not tok.is_lower or ent_of(tok) is not None:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    if any(c.dep_ in ("compound", "poss", "nmod") or c.dep_ == "amod" and ent_of(c) is not None for c in tok.children):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return None    # "the city of X" names it
    doc = tok.doc
    sentence(tok)
    sents, index = doc.user_data["_sents"]
    lo = sents[max(0, index[tok.i] - window)].start
    lemma = tok.lemma_.lower()
    if lemma == "state":
        # "the state": the government of the country the story is in, never a group called "… State"
        home = doc.user_data.get("home")
        if home in lx.ADJECTIVE:
            canon = f"{lx.ADJECTIVE[home]} government"
            return Mention(tok.idx, tok.idx + len(tok), "Organization", canon, canon)
        return None
    kind = KIND_NOUNS.get(lemma)
    for ent in reversed(ents_between(doc, lo, tok.i)):
        if in_quote(ent[0]):
            continue
        if ent[-1].lemma_.lower() == lemma and len(ent) > 1:
            return mention(ent)
        if kind == ent.label_:
            if kind == "Place":
                is_country = ent.text in lx.COUNTRIES or "country" in lx.place_kind(ent.text)
                if (lemma in ("country", "nation")) != is_country:
                    continue
            elif ent.kb_id_:     # "the group" is not an institution ("US military")
                continue
            return mention(ent)
    return None


def _reporter(tok: Token, want: str) -> Mention | None:
    """'The United States said it carried out …', 'Rebels said they took …': the subject pronoun of a reported
    clause is its speaker, when the speaker is of the pronoun's kind (a country counts as an 'it')."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in lx.SPEECH_VERBS | lx.DENIALS:
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    span = ent_of(speaker) if speaker is not None else None
    if span is None:
        return None
    fits = {"Person": {"Person"}, "Organization": {"Organization", "Place"}, "Group": {"Organization", "Group"}}
    if span.label_ in fits.get(want, set()) and (span.label_ != "Place" or span.text in lx.COUNTRIES):
        return mention(span)
    return None


def antecedent(tok: Token, window: int = 3, countries: bool = False) -> Mention | None:
    """Rule-based pronoun resolution: the speaker of the reported clause it is the subject of, else the nearest
    preceding entity of a compatible class."""
    want = PRONOUNS.get(tok.lower_)
    if want is None:
        return None
    reporter = _reporter(tok, want)
    if reporter is not None:
        return reporter
    ahead = _cataphor(tok, want)
    if ahead is not None:
        return ahead
    doc = tok.doc
    sentence(tok)
    sents, index = doc.user_data["_sents"]
    lo = sents[max(0, index[tok.i] - window)].start
    classes = {"Person"} if want == "Person" else {"Organization"} if want == "Organization" else {"Organization", "Group"}
    # "Russia said its jets …": a country acts like an organisation
    found = [e for e in reversed(ents_between(doc, lo, tok.i)) if not in_quote(e[0]) and (
        e.label_ in classes or countries and want == "Organization" and e.label_ == "Place" and e.text in lx.COUNTRIES)]
    if not found:
        return None
    if tok.dep_ in ("nsubj", "nsubjpass") and index[found[0].start] != index[tok.i]:
        # a subject pronoun that opens a sentence goes on with the last sentence's subject
        prev = index[found[0].start]
        subj = next((e for e in found if index[e.start] == prev and e.root.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return mention(subj)
    return mention(found[0])


def _cataphor(tok: Token, want: str) -> Mention | None:
    """'Since its 2011 revolt, Tunisia has …', 'After his arrest, X said …': a possessive in a phrase that opens the
    sentence stands for the subject that follows it."""
    if tok.dep_ != "poss":
        return None
    root = sentence(tok).root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i < tok.i or not any(
            a.dep_ in ("prep", "advcl", "npadvmod") and a.i < subj.i and a.left_edge.i <= tok.i <= a.right_edge.i
            for a in root.children):
        return None
    m, _f = arg(subj, allow_coref=False)
    if m is None:
        return None
    if m.cls == want or want == "Organization" and (m.cls == "Organization" or m.cls == "Place" and
                                                    (m.canonical or m.text) in lx.COUNTRIES) \
            or want == "Group" and m.cls in ("Organization", "Group"):
        return m
    return None


def ents_between(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities that start at or after token `start` and before token `end`, in order."""
    starts = doc.user_data.get("_ent_starts")
    if starts is None:
        starts = doc.user_data["_ent_starts"] = [e.start for e in ents(doc)]
    return ents(doc)[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def attributed(tok: Token) -> bool:
    """In a sentence told 'according to' someone: their claim, not the article's word."""
    sent = sentence(tok)
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and t.doc[t.i + 1].lower_ == "to":
            return any(p.dep_ == "pobj" for p in t.doc[t.i + 1].children)
    return False


def factual(verb: Token) -> bool:
    """False for negated, modal, hypothetical or reported predicates (in claim mode, what is reported or denied
    counts, and negation is left to the claim's polarity)."""
    claims = _CLAIMS.get()
    if any(c.dep_ == "neg" for c in verb.children) and not claims:
        return False
    if verb.tag_ == "VB" and not any(c.dep_ == "aux" and c.lemma_ == "do" for c in verb.children):
        # infinitive or bare form: purpose, plan, hypothesis ("did not attack" is a past tense)
        if not (verb.dep_ == "xcomp" and verb.head.lemma_ in ASPECTUAL or verb.dep_ in ("xcomp", "ccomp")
                and verb.head.lemma_ == "help" and verb.head.tag_ != "VB"):   # "helped Mali fight X": it fought
            return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in lx.MODALS for c in verb.children):
        return False
    if in_quote(verb):
        return False
    if not claims and attributed(verb):
        return False
    t = verb
    for _ in range(4):
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.lemma_ in lx.CHARGE_VERBS:
            return claims     # "accused Turkey of shelling X": the charge, not the article's word
        if t.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp") and t.head is not t:
            h = t.head
            if t.dep_ in ("xcomp", "ccomp", "pcomp") and lemma(h) in lx.NONFACTIVE | lx.SPEECH_VERBS:
                if not (claims and lemma(h) in lx.SPEECH_VERBS):
                    return False
            if t.dep_ == "advcl" and t.tag_ == "VBG" and lemma(h) in lx.NONFACTIVE - {"be"} and not any(
                    c.dep_ == "mark" for c in t.children):
                return False      # "ruled out participating in talks" as the parser sometimes hangs it
            if t.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in t.children):
                return False
            if t.dep_ == "conj" and any(c.dep_ == "neg" for c in h.children):
                return False
            t = h
        else:
            break
    return True


def reported(verb: Token) -> bool:
    """Not negated, modal or hypothetical, only told by someone ('…, officials said')."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    token = _CLAIMS.set(True)
    try:
        return factual(verb)
    finally:
        _CLAIMS.reset(token)


def subjects(verb: Token) -> list[Token]:
    """Subjects of a verb: its own, or those of the verb it is coordinated with or controlled by."""
    t = verb
    for _ in range(3):
        subs = [c for c in t.children if c.dep_ in ("nsubj",)]
        if subs:
            if len(subs) == 1 and subs[0].pos_ == "PRON" and t.dep_ in ("advcl", "conj") and t.head is not t:
                main = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
                if main and PRONOUNS.get(subs[0].lower_) in ("Group", "Person"):
                    subs = main
            return [s for x in subs for s in conjuncts(x)]
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.lemma_ in lx.CHARGE_VERBS:
            # "accused Hamas of attacking X", "Hamas was accused of attacking X": the one charged is the doer
            charged = [c for c in t.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
            return [s for x in charged for s in conjuncts(x)]
        if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.pos_ in ("NOUN", "PROPN") and t.i > t.head.i:
            # "the coalition combating Islamic State": the noun does it ("… against ISIS and Russian warplanes
            # backing Assad": only the last of coordinated nouns)
            return [t.head] + (list(t.head.conjuncts) if t.head.dep_ != "conj" else [])
        if t.dep_ in ("conj", "xcomp", "advcl") and t.head is not t:
            t = t.head
        else:
            break
    return []


def passive_agents(verb: Token) -> list[Token]:
    """The 'by' phrase of a passive or a participle: 'was attacked by X and Y', 'a truce brokered by X'."""
    return [p for c in verb.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"
            for p in conjuncts(x)]


def acting(tok: Token) -> list[Token]:
    """The agents a subject token stands for: the names it is coordinated with, except that a relative pronoun
    stands for the noun it follows alone ("bombing A and B, which fights C": B fights C)."""
    head = relative_head(tok)
    if tok.lower_ in ("who", "which", "that") and head.dep_ == "conj":
        return [head]
    return conjuncts(head)


def relative_head(tok: Token) -> Token:
    """'the fighters, who held the city': the relative pronoun stands for the noun it modifies."""
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if tok.dep_ == "appos" and tok.pos_ == "NOUN" and ent_of(tok) is None and ent_of(tok.head) is not None:
        return tok.head    # "the PYD and YPG, Kurdish groups which are fighting …": the groups are the names
    left = tok.left_edge.i
    if tok.pos_ == "NOUN" and ent_of(tok) is None and left >= 2 and tok.doc[left - 1].text == "," and \
            any(c.dep_ == "relcl" for c in tok.children) and \
            (tok.lower_ in lx.MEMBER_NOUNS or tok.lemma_.lower() in KIND_NOUNS or tok.lower_ in lx.NAMED_ORG_NOUNS):
        # the same, when the parser does not see the apposition: the names just before the comma
        named = tok.doc[left - 2]
        while named.dep_ == "conj" and named.head.i < named.i:
            named = named.head
        if ent_of(named) is not None and ent_of(named).label_ in ("Organization", "Group"):
            return ent_of(named).root
    if tok.pos_ == "NOUN" and ent_of(tok) is None:
        # "militant groups such as al Shabaab are fighting …": the named examples act
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "as" and any(x.lower_ == "such" for x in c.children) | any(
                    x.lower_ == "such" and x.i == c.i - 1 for x in tok.children):
                named = next((p for p in c.children if p.dep_ == "pobj" and ent_of(p) is not None), None)
                if named is not None:
                    return named
    return tok

