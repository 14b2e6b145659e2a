"""The per-article stage: parse once and extract, in chunks, here, in worker processes or on a Dask cluster.

It is the only stage whose cost grows with the text (the parse is most of a
build), so it is the one that is cached and distributed; resolution and RDF
need the whole corpus and run afterwards in the calling process. A chunk's
results come back in article order whatever runs them, so every executor gives
the same graph.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .clean import Article
from .extract.records import Fact, Mention


@dataclass(frozen=True)
class Analysed:
    """What the per-article stage makes of one article, or why it could not."""
    stem: str
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class Job:
    """What a worker needs to analyse a chunk (plain values: it travels to other processes and machines)."""
    model: str
    extractors: tuple[str, ...] | None
    batch_size: int
    max_chars: int
    time_budget: float = 60.0    # seconds of parsing and extraction one article may take (0: no limit)


LARGE = 50_000   # characters: an article this long is parsed on its own, under its own time budget


class Overtime(BaseException):
    """An article took longer than its budget (a BaseException, so that no rule's `except Exception` eats it)."""


@contextlib.contextmanager
def deadline(seconds: float):
    """Raise Overtime in this block after `seconds` (on the main thread of a process; elsewhere, no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise Overtime()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_MODELS: dict[str, object] = {}


def _model(job: Job):
    """The worker's pipeline, loaded once per process."""
    from . import nlp
    model = _MODELS.get(job.model)
    if model is None:
        model = _MODELS[job.model] = nlp.load(job.model)
    model.max_length = max(model.max_length, job.max_chars + 1)
    return model


def _parse(articles: list[Article], model, batch_size: int):
    """(article, doc, None) per article, or (article, None, reason) for one the parser fails on."""
    from . import nlp
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


def _extract(art: Article, doc, job: Job) -> Analysed:
    from . import extract
    try:
        mentions, facts = extract.run(doc, job.extractors)
    except Exception as exc:  # a bug in one rule must not lose the other articles
        return Analysed(art.stem, error=f"extraction failed ({type(exc).__name__}: {exc})")
    return Analysed(art.stem, mentions, facts)


def _over(job: Job) -> str:
    return (f"took longer than {job.time_budget:g} s to parse and extract (the per-article time budget; "
            "see --time-budget)")


def analyse(articles: list[Article], job: Job) -> list[Analysed]:
    """Parse and extract a chunk of articles; a failing or overlong article is reported, the others are kept.
    Articles of ordinary length are parsed in batches; a long one on its own, under the time budget."""
    model = _model(job)
    out: dict[str, Analysed] = {}
    small = [a for a in articles if len(a.text) < LARGE]
    for art, doc, error in _parse(small, model, job.batch_size):
        if error is not None:
            out[art.stem] = Analysed(art.stem, error=error)
            continue
        try:
            with deadline(job.time_budget):
                out[art.stem] = _extract(art, doc, job)
        except Overtime:
            out[art.stem] = Analysed(art.stem, error=_over(job))
    for art in (a for a in articles if len(a.text) >= LARGE):
        try:
            with deadline(job.time_budget):
                (_art, doc, error), = _parse([art], model, 1)
                out[art.stem] = _extract(art, doc, job) if error is None else Analysed(art.stem, error=error)
        except Overtime:
            out[art.stem] = Analysed(art.stem, error=_over(job))
    return [out[a.stem] for a in articles]


def chunks(articles: list[Article], size: int) -> list[list[Article]]:
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def run(articles: list[Article], job: Job, jobs: int = 1, scheduler: str | None = None,
        done: Callable[[int], None] = lambda n: None) -> Iterator[Analysed]:
    """Analyse every article, in order: locally, in `jobs` processes, or on the Dask cluster at `scheduler`.
    `done(n)` is called as each chunk of n articles finishes (for progress bars)."""
    if not articles:
        return
    if scheduler:
        yield from _on_dask(articles, job, scheduler, done)
    elif jobs > 1:
        yield from _in_processes(articles, job, jobs, done)
    else:
        for chunk in chunks(articles, 32):
            results = analyse(chunk, job)
            done(len(chunk))
            yield from results


def _in_processes(articles: list[Article], job: Job, jobs: int, done) -> Iterator[Analysed]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # small chunks keep the workers evenly loaded; "spawn" because the parent may hold threads (progress bars)
    size = max(1, min(16, len(articles) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        for chunk, results in zip(parts := chunks(articles, size), pool.map(analyse, parts, [job] * len(parts))):
            done(len(chunk))
            yield from results


def _on_dask(articles: list[Article], job: Job, scheduler: str, done) -> Iterator[Analysed]:
    try:
        from distributed import Client
    except ImportError:
        raise RuntimeError("--scheduler needs Dask: pip install 'kg[dask]' (dask[distributed])") from None
    try:
        client = Client(scheduler, timeout="20s")
    except OSError as exc:
        raise RuntimeError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        parts = chunks(articles, 16)
        futures = client.map(analyse, parts, job=job, pure=False)
        for chunk, future in zip(parts, futures):
            results = future.result()
            done(len(chunk))
            yield from results
    finally:
        client.close()
