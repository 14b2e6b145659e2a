"""The extractor registry: adding an extractor is one module and one line here.

Each extractor is a pure function of a parsed Doc that yields records
(Mention or Fact) with character offsets; none loads models, reads files or
mints IRIs.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Doc

from . import claims, entities, events, located, nouns, possessives, quotes, svo, titles
from .records import Fact, Mention

Extractor = Callable[[Doc], Iterable[Mention | Fact]]

EXTRACTORS: dict[str, Extractor] = {
    "entities": entities.extract,
    "titles": titles.extract,
    "possessives": possessives.extract,
    "svo": svo.extract,
    "nouns": nouns.extract,
    "located": located.extract,
    "quotes": quotes.extract,
    "claims": claims.extract,
    "events": events.extract,
}


MAX_EVIDENCE = 600      # characters of sentence kept as one fact's evidence
MAX_REPEATS = 20        # evidences of one fact kept per article


def run(doc: Doc, names: Iterable[str] | None = None) -> tuple[list[Mention], list[Fact]]:
    """Run the named extractors (all by default) over one parsed article."""
    chosen = list(EXTRACTORS) if names is None else list(names)
    unknown = [n for n in chosen if n not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor(s) {unknown}; valid: {sorted(EXTRACTORS)}")
    mentions: list[Mention] = []
    facts: list[Fact] = []
    repeats: Counter = Counter()
    for name in chosen:
        for rec in EXTRACTORS[name](doc):
            if isinstance(rec, Mention):
                mentions.append(rec)
                continue
            key = (rec.subj.canonical or rec.subj.text, rec.rel,
                   (rec.obj.canonical or rec.obj.text) if rec.obj is not None else rec.value, rec.claimed_by is None)
            repeats[key] += 1
            if repeats[key] <= MAX_REPEATS:
                facts.append(_bounded(doc, rec))
    return mentions, facts


def _bounded(doc: Doc, fact: Fact) -> Fact:
    """A fact whose evidence is at most MAX_EVIDENCE characters: a window of its sentence around what it
    names, cut at token boundaries (a sentence of a page without full stops is not evidence of anything)."""
    if fact.sent_end - fact.sent_start <= MAX_EVIDENCE:
        return fact
    marks = [fact.subj.start, fact.subj.end]
    if fact.obj is not None:
        marks += [fact.obj.start, fact.obj.end]
    if fact.quote is not None:
        marks += [fact.quote[0], min(fact.quote[1], fact.quote[0] + MAX_EVIDENCE // 2)]
    lo, hi = min(marks), max(marks)
    pad = max(0, (MAX_EVIDENCE - (hi - lo)) // 2)
    lo, hi = max(fact.sent_start, lo - pad), min(fact.sent_end, max(hi, lo) + pad)
    if hi <= lo:      # what the fact names lies outside its sentence (a claim's speaker): keep the sentence's start
        lo, hi = fact.sent_start, min(fact.sent_end, fact.sent_start + MAX_EVIDENCE)
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is not None:
        lo, hi = max(fact.sent_start, span.start_char), min(fact.sent_end, span.end_char)
    return replace(fact, sent_start=lo, sent_end=hi)
