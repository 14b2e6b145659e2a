"""The build pipeline: one readable list of named stages.

read -> parse (clean text -> spaCy, once per article) -> extract -> resolve -> rdf -> write
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from . import export, extract, nlp, rdf, resolve
from .read import Problem, read_articles
from .settings import Settings


@dataclass
class BuildResult:
    graph: resolve.Graph
    written: dict[str, Path]
    problems: list[Problem]


class StrictError(RuntimeError):
    pass


def build(settings: Settings, log=lambda msg: print(msg, file=sys.stderr)) -> BuildResult:
    # 1. read and clean
    articles, problems = read_articles(list(settings.inputs))
    for p in problems:
        log(f"skipped {p}")
    if problems and settings.strict:
        raise StrictError(str(problems[0]))
    texts = {a.stem: a.text for a in articles}
    # 2. parse and 3. extract, streaming: each article is parsed once
    model = nlp.load(settings.model)
    records = []
    for art, doc in zip(articles, nlp.parse(articles, model, settings.batch_size)):
        mentions, facts = extract.run(doc, settings.extractors)
        records.append((art.stem, art.meta, mentions, facts))
    # 4. resolve entities and facts across the corpus
    kg = resolve.resolve(records, resolve.Aliases(settings.aliases))
    # 5. RDF, and 6. write
    ds = rdf.build(kg, texts, settings.base_iri)
    written = export.write_outputs(settings.out, ds, kg, texts) if articles else {}
    return BuildResult(kg, written, problems)
