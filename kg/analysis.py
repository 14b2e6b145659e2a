"""The per-article stage: parse once and extract, in chunks, here, in worker processes or on a Dask cluster.

It is the only stage whose cost grows with the text (the parse is most of a
build), so it is the one that is cached and distributed; resolution and RDF
need the whole corpus and run afterwards in the calling process. A chunk's
results come back in article order whatever runs them, so every executor gives
the same graph.
"""
from __future__ import annotations

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


def analyse(articles: list[Article], job: Job) -> list[Analysed]:
    """Parse and extract a chunk of articles; a failing article is reported, the others are kept."""
    from . import extract
    out = []
    for art, doc, error in _parse(articles, _model(job), job.batch_size):
        if error is None:
            try:
                mentions, facts = extract.run(doc, job.extractors)
            except Exception as exc:  # a bug in one rule must not lose the other articles
                error = f"extraction failed ({type(exc).__name__}: {exc})"
            else:
                out.append(Analysed(art.stem, mentions, facts))
                continue
        out.append(Analysed(art.stem, error=error))
    return out


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
