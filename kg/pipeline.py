"""The build pipeline: one readable list of named stages.

read -> analyse (parse once + extract; per article, cached, parallel) -> resolve -> rdf -> write [-> push]
"""
from __future__ import annotations

import contextlib
import gc
import sys
from dataclasses import dataclass
from pathlib import Path

from . import analysis, export, progress, rdf, resolve, store
from .cache import Cache
from .progress import Timer
from .read import Problem, read_articles
from .settings import Settings


@dataclass
class BuildResult:
    graph: resolve.Graph
    written: dict[str, Path]
    problems: list[Problem]
    seconds: dict[str, float]
    parsed: list[str]         # stems parsed in this build (the others came from the cache)
    quads: rdf.Quads | None = None
    texts: dict[str, str] | None = None   # the cleaned text of each built article (evidence offsets refer to it)


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


def _analyse(articles: list, settings: Settings, job: analysis.Job, cache: Cache | None,
             problems: list[Problem], log) -> tuple[list, list[str]]:
    """(stem, meta, mentions, facts) per article that parses, from the cache where it can, and the stems of
    those it had to parse."""
    results: dict[str, analysis.Analysed] = {}
    todo = []
    for art in articles:
        hit = cache.get(art) if cache else None
        if hit is not None:
            results[art.stem] = hit
        else:
            todo.append(art)
    with progress.bar(len(articles), "analyse", settings.progress) as bar:
        bar.update(len(articles) - len(todo))
        by_stem = {a.stem: a for a in todo}
        for res in analysis.run(todo, job, settings.jobs, settings.scheduler, bar.update):
            results[res.stem] = res
            if cache is not None:
                cache.put(by_stem[res.stem], res)
    records = []
    for art in articles:
        res = results[art.stem]
        if res.error is not None:
            _problem(Problem(art.path or art.stem, res.error), problems, log, settings.strict)
        else:
            records.append((art.stem, art.meta, res.mentions, res.facts))
    return records, [a.stem for a in todo]


@contextlib.contextmanager
def _few_collections():
    """A build makes millions of small objects that live until it ends and form no cycles; Python's default
    collector thresholds would rescan them hundreds of times (a third of a cached rebuild's time)."""
    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def build(settings: Settings, log=lambda msg: print(msg, file=sys.stderr)) -> BuildResult:
    """Build the graph of `settings.inputs`; with `settings.out` None nothing is written (and nothing cached)."""
    with _few_collections(), export.claim(settings.out):
        return _build(settings, log)


def _build(settings: Settings, log) -> BuildResult:
    timer = Timer()
    job = analysis.Job(settings.model, settings.extractors, settings.batch_size, settings.max_chars,
                       settings.time_budget)
    cache = Cache(settings.out / ".cache", job, defer=settings.strict) if settings.cache and settings.out else None
    # 1. read and clean
    with timer("read"):
        articles, found, notes = read_articles(list(settings.inputs), cache, settings.fields)
        for note in notes:
            log(note)
        problems: list[Problem] = []
        for p in found:
            _problem(p, problems, log, settings.strict)
        articles = _within_limit(articles, settings.max_chars, problems, log, settings.strict)
    # 2. parse and extract each article once: cached, local, in processes or on Dask; a failure is not fatal
    with timer("analyse"):
        records, parsed = _analyse(articles, settings, job, cache, problems, log)
    if cache is not None:
        cache.commit()
        cache.prune()
    built = {stem for stem, *_ in records}
    texts = {a.stem: a.text for a in articles if a.stem in built}
    # 3. resolve entities and facts across the corpus
    with timer("resolve"):
        kg = resolve.resolve(records, resolve.Aliases(settings.aliases), resolve.Calibration(settings.calibration))
    # 4. RDF, 5. write, and 6. push to a store
    with timer("rdf"):
        quads = rdf.build(kg, texts, settings.base_iri)
    written: dict[str, Path] = {}
    if texts and settings.out is not None:
        written = export.write_outputs(settings.out, quads, kg, texts, timer, rdf12=settings.rdf == "1.2")
    if texts and settings.sparql_endpoint:
        with timer("push"):
            store.push(quads, settings.sparql_endpoint, log)
    return BuildResult(kg, written, problems, timer.seconds, parsed, quads, texts)
