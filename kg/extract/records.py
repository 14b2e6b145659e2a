"""Typed records that extractors yield: small, frozen, with character offsets."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """A span of the article that names an entity (or, for events, a trigger phrase)."""
    start: int
    end: int
    cls: str                 # Person, Organization, Place, Group, or an Event class
    text: str
    canonical: str = ""      # lexicon hint: "US military" for "American troops"
    head: str = ""           # events: the trigger word as written ("assault")
    names: tuple[str, ...] = ()   # events: other phrasings of the mention ("clashes in Diwaniyah")
    new: bool = False        # events: introduced as new ("a", "another"), so not the one mentioned before


@dataclass(frozen=True)
class Fact:
    """One statement of the relation inventory, with the sentence it came from."""
    subj: Mention
    rel: str
    obj: Mention | None = None
    value: str = ""          # title text, ISO date, or quote text
    sent_start: int = 0
    sent_end: int = 0
    extractor: str = ""
    confidence: float = 0.5
    quote: tuple[int, int] | None = None   # offsets of the quoted words, for `said` and claims
    claimed_by: Mention | None = None      # a claim: who states it (the fact is theirs, not the article's)
    polarity: str = ""                     # a claim's: "positive", or "negative" for a denial
