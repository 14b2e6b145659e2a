"""Entity mentions: the corrected named entities of the parsed article."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from .common import ENTITY_CLASSES, mention
from .records import Mention


def extract(doc: Doc) -> Iterator[Mention]:
    for ent in doc.ents:
        if ent.label_ in ENTITY_CLASSES:
            yield mention(ent)
