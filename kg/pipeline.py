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


def _problem(problem: Problem, problems: list[Problem], log, strict: bool) -> None:
    problems.append(problem)
    log(f"skipped {problem}")
    if strict:
        raise StrictError(str(problem))


def _within_limit(articles: list, max_chars: int, problems: list[Problem], log, strict: bool) -> list:
    kept = []
    for art in articles:
        if len(art.text) > max_chars:
            _problem(Problem(art.path or art.stem, f"too long to parse ({len(art.text):,} characters after cleaning; "
                             f"the limit is {max_chars:,}, see --max-chars)"), problems, log, strict)
        else:
            kept.append(art)
    return kept


def _parse(articles: list, model, batch_size: int):
    """(article, doc, None) per article, or (article, None, reason) for one the parser fails on."""
    done = 0
    try:
        for art, doc in zip(articles, nlp.parse(articles, model, batch_size)):
            done += 1
            yield art, doc, None
        return
    except Exception:  # find the culprit: the rest one at a time
        pass
    for art in articles[done:]:
        try:
            doc = next(nlp.parse([art], model, 1))
        except Exception as exc:
            yield art, None, f"the parser failed ({type(exc).__name__}: {exc})"
        else:
            yield art, doc, None


def build(settings: Settings, log=lambda msg: print(msg, file=sys.stderr)) -> BuildResult:
    # 1. read and clean
    articles, found = read_articles(list(settings.inputs))
    problems: list[Problem] = []
    for p in found:
        _problem(p, problems, log, settings.strict)
    articles = _within_limit(articles, settings.max_chars, problems, log, settings.strict)
    # 2. parse and 3. extract, streaming: each article is parsed once; one that fails is reported, not fatal
    model = nlp.load(settings.model)
    model.max_length = max(model.max_length, settings.max_chars + 1)
    records = []
    built = []
    for art, doc, error in _parse(articles, model, settings.batch_size):
        if error is None:
            try:
                mentions, facts = extract.run(doc, settings.extractors)
            except Exception as exc:  # a bug in one rule must not lose the other articles
                error = f"extraction failed ({type(exc).__name__}: {exc})"
        if error is not None:
            _problem(Problem(art.path or art.stem, error), problems, log, settings.strict)
            continue
        records.append((art.stem, art.meta, mentions, facts))
        built.append(art)
    articles = built
    texts = {a.stem: a.text for a in articles}
    # 4. resolve entities and facts across the corpus
    kg = resolve.resolve(records, resolve.Aliases(settings.aliases))
    # 5. RDF, and 6. write
    ds = rdf.build(kg, texts, settings.base_iri)
    written = export.write_outputs(settings.out, ds, kg, texts) if articles else {}
    return BuildResult(kg, written, problems)
