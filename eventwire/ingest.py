"""Ingest: read articles, code them (in this process or in worker processes), store them.

    read_inputs ─► skip what is stored ─► batches ─► code (1 or N processes) ─► Store.write (input order)

Articles whose content key is already in the database are skipped before parsing. With
``workers > 1`` each worker process loads the pipeline once (in its initializer) and returns plain
:class:`~eventwire.models.Result` records; the main process is the only writer and stores every
batch in one transaction, in input order. An article whose coding raises becomes an ``errors`` row
with the exception's message and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from tqdm import tqdm

from .errors import EventwireError, StoreError
from .models import Article, Result, Skipped
from .settings import Settings
from .store import Store, WriteSummary, article_key


class Coder(Protocol):
    """What ingest needs from a pipeline (:class:`eventwire.pipeline.Pipeline` is one)."""

    def process(self, article: Article) -> Result: ...

    def process_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Result]: ...


CoderFactory = Callable[[Settings], Coder]


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did."""

    read: int  # articles read from the inputs
    stored: int  # articles coded and stored now
    already_stored: int  # articles found in the database (or earlier in this run), not parsed again
    skipped: tuple[Skipped, ...]  # inputs that could not be read, with the reason
    failed: tuple[Skipped, ...]  # articles whose coding or storing failed, with the reason
    events: int  # events stored now
    seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _Tally:
    """Running counts of one ingest run (local to :func:`ingest`)."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    events: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)

    def summary(self, seconds: float) -> IngestSummary:
        return IngestSummary(self.read, self.stored, self.already_stored, tuple(self.skipped),
                             tuple(self.failed), self.events, round(seconds, 3))


@dataclass(frozen=True)
class _Batch:
    """Articles sent to be coded, with what was read alongside them."""

    articles: list[Article]
    skips: list[Skipped]
    already_stored: int
    coded: Future


def load_pipeline(settings: Settings) -> Coder:
    """The default coder: the full :class:`~eventwire.pipeline.Pipeline`."""
    from .pipeline import Pipeline

    return Pipeline.load(settings)


@lru_cache(maxsize=1)
def process_coder(settings: Settings, factory: CoderFactory) -> Coder:
    """The coder of this process, loaded once (the worker initializer calls this first)."""
    return factory(settings)


def warm_worker(settings: Settings, factory: CoderFactory) -> None:
    """Worker initializer: load the coder once. A failure (say, a missing model) is not raised here,
    where it would only break the pool; the first batch raises it again and it reaches the caller."""
    try:
        process_coder(settings, factory)
    except Exception:  # resurfaces, with its message, from code_batch
        pass


def code_batch(articles: Sequence[Article], settings: Settings, factory: CoderFactory) -> list[Result | Skipped]:
    """Code ``articles`` in order: a Result, or a Skipped with the reason, for each."""
    coder = process_coder(settings, factory)
    try:
        return list(coder.process_many(articles, batch_size=settings.batch_size))
    except Exception:  # find the article that fails; the others are coded one by one
        return [code_one(coder, article) for article in articles]


def code_one(coder: Coder, article: Article) -> Result | Skipped:
    try:
        return coder.process(article)
    except Exception as exc:  # one bad article must not end the batch
        return Skipped(article.origin or article.id, f"coding failed: {type(exc).__name__}: {exc}")


def ingest(paths: Sequence[str], settings: Settings, *, progress: bool = True,
           make_coder: CoderFactory = load_pipeline) -> IngestSummary:
    """Code every article in ``paths`` and store it in ``settings.db``; return what happened."""
    from .read import read_inputs

    started = time.perf_counter()
    tally = _Tally()
    items = read_inputs(paths, clean=settings.clean, max_chars=settings.max_chars)
    with Store.open(settings.db) as store, _executor(settings, make_coder) as executor, _bar(progress) as bar:
        pending: deque[_Batch] = deque()
        seen: set[str] = set()
        for articles, skips in _chunks(items, settings.batch_size):
            tally.read += len(articles)
            pending.append(_submit(executor, store, seen, articles, skips, settings, make_coder))
            while len(pending) > 2 * max(1, settings.workers):
                _finish(store, pending.popleft(), tally, bar)
        while pending:
            _finish(store, pending.popleft(), tally, bar)
    return tally.summary(time.perf_counter() - started)


def _chunks(items: Iterable[Article | Skipped], size: int) -> Iterator[tuple[list[Article], list[Skipped]]]:
    """Group the reader's output into runs of ``size`` articles (with the skips read among them)."""
    articles: list[Article] = []
    skips: list[Skipped] = []
    for item in items:
        (skips if isinstance(item, Skipped) else articles).append(item)
        if len(articles) >= size:
            yield articles, skips
            articles, skips = [], []
    if articles or skips:
        yield articles, skips


def _submit(executor: Executor | None, store: Store, seen: set[str], articles: list[Article],
            skips: list[Skipped], settings: Settings, make_coder: CoderFactory) -> _Batch:
    """Send the articles not stored yet to be coded."""
    keys = [article_key(a) for a in articles]
    known = store.known(keys) | seen
    fresh = []
    for article, key in zip(articles, keys):
        if key not in known:
            fresh.append(article)
            known.add(key)
    seen.update(keys)
    if executor is None:
        coded: Future = Future()
        coded.set_result(code_batch(fresh, settings, make_coder))
    else:
        coded = executor.submit(code_batch, fresh, settings, make_coder)
    return _Batch(fresh, skips, len(articles) - len(fresh), coded)


def _finish(store: Store, batch: _Batch, tally: _Tally, bar: tqdm) -> None:
    """Wait for a batch to be coded and store it in one transaction."""
    try:
        coded = batch.coded.result()
    except BrokenProcessPool as exc:
        raise EventwireError(
            f"a worker process died ({exc}); the batches stored so far are kept. Run the same ingest again "
            "to go on (stored articles are skipped), with fewer --workers if memory is short."
        ) from exc
    results = [r for r in coded if isinstance(r, Result)]
    failed = [(s, article_key(a)) for s, a in zip(coded, batch.articles) if isinstance(s, Skipped)]
    skips = batch.skips + [s for s, _ in failed]
    keys = [None] * len(batch.skips) + [k for _, k in failed]
    try:
        written, unstored = store.write(results, skips, keys=keys), []
    except StoreError:
        written, unstored = _write_one_by_one(store, results, skips, keys)
    tally.stored += written.stored
    tally.already_stored += batch.already_stored + written.already_stored
    tally.events += written.events
    tally.skipped += batch.skips
    tally.failed += [s for s, _ in failed] + unstored
    bar.update(len(batch.articles) + batch.already_stored)
    bar.set_postfix(stored=tally.stored, events=tally.events, errors=len(tally.skipped) + len(tally.failed))


def _write_one_by_one(store: Store, results: list[Result], skips: list[Skipped],
                      keys: list[str | None]) -> tuple[WriteSummary, list[Skipped]]:
    """After a batch failed to store: store each article alone; those that fail become errors rows."""
    store.write([], skips, keys=keys)
    stored, already, events, unstored = 0, 0, 0, []
    for result in results:
        try:
            one = store.write([result])
        except StoreError as exc:
            unstored.append(Skipped(result.article.origin or result.article.id, f"storing failed: {exc}"))
            store.write([], unstored[-1:], keys=[article_key(result.article)])
            continue
        stored, already, events = stored + one.stored, already + one.already_stored, events + one.events
    return WriteSummary(stored=stored, already_stored=already, events=events), unstored


@contextmanager
def _executor(settings: Settings, make_coder: CoderFactory) -> Iterator[Executor | None]:
    """Worker processes for ``settings.workers > 1`` (each loads the coder once), else None."""
    if settings.workers <= 1:
        yield None
        return
    executor = ProcessPoolExecutor(
        max_workers=settings.workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=warm_worker,
        initargs=(settings, make_coder),
    )
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _bar(progress: bool) -> Iterator[tqdm]:
    with tqdm(desc="ingest", unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True) as bar:
        yield bar

