"""The extractor registry: adding an extractor is one module and one line here.

Each extractor is a pure function of a parsed Doc that yields records
(Mention or Fact) with character offsets; none loads models, reads files or
mints IRIs.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from . import entities, events, located, possessives, quotes, svo, titles
from .records import Fact, Mention

Extractor = Callable[[Doc], Iterable[Mention | Fact]]

EXTRACTORS: dict[str, Extractor] = {
    "entities": entities.extract,
    "titles": titles.extract,
    "possessives": possessives.extract,
    "svo": svo.extract,
    "located": located.extract,
    "quotes": quotes.extract,
    "events": events.extract,
}


def run(doc: Doc, names: Iterable[str] | None = None) -> tuple[list[Mention], list[Fact]]:
    """Run the named extractors (all by default) over one parsed article."""
    chosen = list(EXTRACTORS) if names is None else list(names)
    unknown = [n for n in chosen if n not in EXTRACTORS]
    if unknown:
        raise ValueError(f"unknown extractor(s) {unknown}; valid: {sorted(EXTRACTORS)}")
    mentions: list[Mention] = []
    facts: list[Fact] = []
    for name in chosen:
        for rec in EXTRACTORS[name](doc):
            (mentions if isinstance(rec, Mention) else facts).append(rec)
    return mentions, facts
