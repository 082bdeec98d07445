"""Ingest: read articles, code them (here, in worker processes or on a Dask cluster), store them.

    read_inputs ─► skip what is stored ─► batches ─► code (1 or N processes, or Dask) ─► write (input order)

The input is streamed: at most a few batches are in memory at a time, whatever the input's size.
Articles whose content key is already stored are skipped before parsing. With ``workers > 1`` each
worker process loads the pipeline once (in its initializer); with ``dask`` each Dask worker loads it
once (:mod:`eventwire.distributed`). What runs inside a worker is :mod:`eventwire.worker`. Workers
return plain :class:`~eventwire.models.Result` records; this process is the only writer and stores
every batch in one transaction, in input order, to the DuckDB database or (with ``out``) to
partitioned Parquet files (:mod:`eventwire.store.parquet`).

Every path codes the same batches the same way: a batch is the next ``batch_size`` articles not
stored yet, parsed in the same groups (:func:`eventwire.groups.parse_groups`, one ``nlp.pipe`` call
each; worker processes and Dask get one group a task), so the stored ids and rows do not depend on
the worker count or the engine. An article whose coding raises becomes an ``errors`` row with the
exception's message and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from tqdm import tqdm

from .errors import EventwireError, StoreError
from .groups import parse_groups
from .models import Article, Result, Skipped
from .settings import Settings
from .store import Store, WriteSummary, article_key
from .worker import Coded, CoderFactory, code_batch, load_pipeline, start_worker


class Writer(Protocol):
    """Where ingest stores batches: :class:`~eventwire.store.Store` or
    :class:`~eventwire.store.parquet.ParquetWriter`."""

    def known(self, keys: Iterable[str]) -> set[str]: ...

    def write(self, results: Sequence[Result], skips: Sequence[Skipped] = (),
              *, keys: Sequence[str | None] | None = None) -> WriteSummary: ...


class Pending(Protocol):
    """A batch being coded: a concurrent or a Dask future."""

    def result(self) -> Coded: ...


class Engine(Protocol):
    """What codes batches: a process pool, or :class:`eventwire.distributed.DaskEngine`."""

    def submit(self, fn: Callable[..., Coded], /, *args: object) -> Pending: ...


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
    coded: Pending


def ingest(paths: Sequence[str], settings: Settings, *, progress: bool = True,
           make_coder: CoderFactory = load_pipeline, out: str | None = None,
           dask: str | None = None) -> IngestSummary:
    """Code every article in ``paths`` and store it; return what happened.

    Rows go to the DuckDB database ``settings.db``, or with ``out`` to Parquet files under that
    folder or fsspec URL. ``dask`` (``local``, ``local:N`` or a scheduler address ``tcp://…``) codes
    on a Dask cluster instead of ``settings.workers`` local processes.
    """
    from .read import read_inputs

    items = read_inputs(paths, clean=settings.clean, max_chars=settings.max_chars)
    return ingest_items(items, settings, progress=progress, make_coder=make_coder, out=out, dask=dask)


def ingest_items(items: Iterable[Article | Skipped], settings: Settings, *, progress: bool = True,
                 make_coder: CoderFactory = load_pipeline, out: str | None = None,
                 dask: str | None = None) -> IngestSummary:
    """Code and store articles already read (:func:`ingest` after reading its paths); a Skipped
    among them becomes an ``errors`` row. The watcher (:mod:`eventwire.watch`) stores what it
    fetched this way."""
    started = time.perf_counter()
    tally = _Tally()
    with (_writer(settings, out) as writer, _engine(settings, make_coder, dask) as (engine, width),
          _bar(progress) as bar):
        pending: deque[_Batch] = deque()
        batches = _fresh_batches(items, writer, settings.batch_size)
        for articles, skips, already in batches:
            tally.read += len(articles) + already
            pending.append(_Batch(articles, skips, already, _code(engine, articles, settings, make_coder)))
            while len(pending) > 2 * width:
                _finish(writer, pending.popleft(), tally, bar)
        while pending:
            _finish(writer, pending.popleft(), tally, bar)
    return tally.summary(time.perf_counter() - started)


def _fresh_batches(items: Iterable[Article | Skipped], writer: Writer,
                   size: int) -> Iterator[tuple[list[Article], list[Skipped], int]]:
    """Runs of ``size`` articles not stored yet (nor earlier in this run), with the skips read among
    them and how many stored articles were passed over; the last run may be shorter.

    The batches depend only on the input and what is stored, so every engine parses the same ones.
    """
    seen: set[int] = set()
    articles: list[Article] = []
    skips: list[Skipped] = []
    already = 0
    for chunk in _chunks(items, size):
        keys = [article_key(a) for a in chunk if isinstance(a, Article)]
        known = writer.known(keys)
        for item in chunk:
            if isinstance(item, Skipped):
                skips.append(item)
                continue
            key = article_key(item)
            short = int(key[:16], 16)  # 64 bits: a small set for millions of articles
            if key in known or short in seen:
                already += 1
                continue
            seen.add(short)
            articles.append(item)
            if len(articles) == size:
                yield articles, skips, already
                articles, skips, already = [], [], 0
    if articles or skips or already:
        yield articles, skips, already


def _chunks(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    """The reader's output in runs of ``size`` items, so stored keys are looked up a run at a time."""
    chunk: list[Article | Skipped] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _code(engine: Engine | None, articles: list[Article], settings: Settings, make_coder: CoderFactory) -> Pending:
    """Code ``articles`` here (``engine`` None) or send them to the engine one parse group a task,
    so the workers share a batch and none waits idle at the end of a run (nothing to code: no model)."""
    if engine is not None and articles:
        groups = parse_groups(articles, settings.batch_size)
        return _Joined([engine.submit(code_batch, group, settings, make_coder) for group in groups])
    coded: Future[Coded] = Future()
    coded.set_result(code_batch(articles, settings, make_coder) if articles else [])
    return coded


@dataclass(frozen=True)
class _Joined:
    """The parse groups of a batch coded as separate tasks: their results, in order."""

    parts: list[Pending]

    def result(self) -> Coded:
        return [coded for part in self.parts for coded in part.result()]


def _finish(store: Writer, batch: _Batch, tally: _Tally, bar: tqdm) -> None:
    """Wait for a batch to be coded and store it in one transaction."""
    try:
        coded = batch.coded.result()
    except BrokenProcessPool as exc:
        raise EventwireError(
            f"a worker process died ({exc}); the batches stored so far are kept. Run the same ingest again "
            "to go on (stored articles are skipped), with fewer --workers if memory is short."
        ) from exc
    results = [r for r in coded if isinstance(r, Result)]
    failed = [(s, article_key(a)) for s, a in zip(coded, batch.articles, strict=True) if isinstance(s, Skipped)]
    skips = batch.skips + [s for s, _ in failed]
    keys = [None] * len(batch.skips) + [k for _, k in failed]
    unstored: list[Skipped] = []
    try:
        written = store.write(results, skips, keys=keys)
    except StoreError:
        written, unstored = _write_one_by_one(store, results, skips, keys)
    tally.stored += written.stored
    tally.already_stored += batch.already_stored + written.already_stored
    tally.events += written.events
    tally.skipped += batch.skips
    tally.failed += [s for s, _ in failed] + unstored
    bar.update(len(batch.articles) + batch.already_stored)
    bar.set_postfix(stored=tally.stored, events=tally.events, errors=len(tally.skipped) + len(tally.failed))


def _write_one_by_one(store: Writer, results: list[Result], skips: list[Skipped],
                      keys: list[str | None]) -> tuple[WriteSummary, list[Skipped]]:
    """After a batch failed to store: store each article alone; those that fail become errors rows."""
    store.write([], skips, keys=keys)
    stored, already, events = 0, 0, 0
    unstored: list[Skipped] = []
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
def _writer(settings: Settings, out: str | None) -> Iterator[Writer]:
    """The DuckDB store of ``settings.db``, or Parquet files under ``out``."""
    if out is None:
        with Store.open(settings.db) as store:
            yield store
        return
    from .store.parquet import ParquetWriter

    with ParquetWriter.open(out) as writer:
        yield writer


@contextmanager
def _engine(settings: Settings, make_coder: CoderFactory,
            dask: str | None) -> Iterator[tuple[Engine | None, int]]:
    """What codes the batches and how many it codes at once: a Dask cluster, a process pool, or
    None (this process) for one worker."""
    if dask is not None:
        from .distributed import dask_engine

        with dask_engine(dask, settings, make_coder) as engine:
            yield engine, engine.width
        return
    with _executor(settings, make_coder) as executor:
        yield executor, max(1, settings.workers)


@contextmanager
def _executor(settings: Settings, make_coder: CoderFactory) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for ``settings.workers > 1`` (each loads the coder once), else None."""
    if settings.workers <= 1:
        yield None
        return
    executor = ProcessPoolExecutor(
        max_workers=settings.workers,
        mp_context=worker_context(),
        initializer=start_worker,
        initargs=(settings, make_coder),
    )
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


# What the server workers are forked from imports: spaCy, numpy and every stage (about 1.6 s of CPU), and the
# default pipeline, loaded (see eventwire/preload.py).
WORKER_MODULES = ["eventwire.preload"]


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a server process that imported :data:`WORKER_MODULES` once (a
    fresh interpreter started for the pool, holding no thread, store or pipeline of this process), so that no
    worker imports them again; spawned afresh where processes cannot fork."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_MODULES)
    return context


@contextmanager
def _bar(progress: bool) -> Iterator[tqdm]:
    with tqdm(desc="ingest", unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True) as bar:
        yield bar

