"""Claims: what a speaker's words state, kept apart from what the article asserts.

A quotation or a reported statement ("X said Y attacked Z", "according to X, …", "X denied bombing Z",
"X accused Y of attacking Z") whose words contain a fact the relation rules recognise makes a claim: the
fact, who states it, the quote it is in, and its polarity (a denial or a negated statement is negative).
The rules are the asserted families' own, read in claim mode (kg.extract.common.claim_mode); the article
asserts none of it, since those families never read inside quotations or reported speech.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from .. import lexicon as lx
from . import nouns, quotes, svo
from .common import claim_mode
from .records import Fact

# the rule families whose facts a quote can state
CONTENT = (svo.extract, nouns.extract)


def _inside(start: int, end: int, span: tuple[int, int]) -> bool:
    return span[0] <= start and end <= span[1]


def _holder(saids: list[Fact], fact: Fact) -> Fact | None:
    """The quote a fact is stated in: its object in the quoted words, its subject too or the speaker itself
    ("Russia denied bombing the hospital")."""
    best = None
    for said in saids:
        if not _inside(fact.obj.start, fact.obj.end, said.quote):
            continue
        speaker = said.subj
        if _inside(fact.subj.start, fact.subj.end, said.quote) or (fact.subj.start, fact.subj.end) == (
                speaker.start, speaker.end):
            if best is None or said.quote[1] - said.quote[0] < best.quote[1] - best.quote[0]:
                best = said       # the innermost quote
    return best


def _stated_inside(doc: Doc, fact: Fact, said: Fact) -> bool:
    """The words that state the fact are the quoted ones: 'Egypt accused Hamas of …' states the accusation
    itself outside the quote (it is the article's), 'of attacking Israel' what Egypt claims."""
    tok = _token_at(doc, fact.obj.start, fact.obj.end)
    for _ in range(12):
        if tok is None or tok.head is tok:
            return True
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return _inside(tok.idx, tok.idx + len(tok), said.quote)
    return True


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def polarity(doc: Doc, fact: Fact, said: Fact) -> str:
    """'negative' when the statement is negated ("our jets did not strike the hospital") or the speaker denies
    it ("denied bombing"), but not both."""
    tok = _token_at(doc, fact.obj.start, fact.obj.end)
    negated = denied = False
    seen_verb = False
    for _ in range(12):
        if tok is None or tok.head is tok:
            break
        tok = tok.head
        inside = _inside(tok.idx, tok.idx + len(tok), said.quote)
        if inside and not seen_verb and tok.pos_ in ("VERB", "AUX"):
            seen_verb = True
            negated = any(c.dep_ == "neg" for c in tok.children) or any(
                c.dep_ == "neg" for c in tok.head.children if tok.dep_ == "xcomp" and tok.head.pos_ == "AUX")
        if not inside and tok.lemma_ in lx.SPEECH_VERBS | lx.DENIALS:
            denied = tok.lemma_ in lx.DENIALS
            break
    return "negative" if negated != denied else "positive"


def extract(doc: Doc) -> Iterator[Fact]:
    saids = [f for f in quotes.said(doc) if f.rel == "said" and f.quote is not None]
    if not saids:
        return
    with claim_mode(tuple(f.quote for f in saids)):
        content = [f for family in CONTENT for f in family(doc)]
    seen = set()
    for fact in content:
        if fact.obj is None or fact.claimed_by is not None:
            continue
        said = _holder(saids, fact)
        if said is None or not _stated_inside(doc, fact, said):
            continue
        key = (fact.subj.start, fact.rel, fact.obj.start, said.quote)
        if key in seen:
            continue
        seen.add(key)
        yield replace(fact, claimed_by=said.subj, quote=said.quote, polarity=polarity(doc, fact, said),
                      extractor=f"claims.{fact.extractor}", confidence=round(fact.confidence * said.confidence, 3),
                      sent_start=min(fact.sent_start, said.sent_start), sent_end=max(fact.sent_end, said.sent_end))
