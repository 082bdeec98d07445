"""What runs inside a worker: loading the coder once per process and coding one batch.

    start_worker(settings, load_pipeline)         # a local worker process's initializer
    warm_worker(settings, load_pipeline)          # a Dask worker's plugin (eventwire.distributed)
    code_batch(articles, settings, load_pipeline) # a task: one Result or Skipped per article, in order

Local worker processes (:mod:`eventwire.ingest`) and Dask workers (:mod:`eventwire.distributed`) run
the same functions on the same batches, so the output does not depend on where it was coded. Tasks
return plain records; nothing here touches the store. The module imports nothing heavy: the pipeline
is loaded by the coder factory, inside the worker.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from functools import lru_cache
from multiprocessing.util import Finalize
from typing import Protocol

from .models import Article, Result, Skipped, coding_failed
from .settings import Settings


class Coder(Protocol):
    """What a worker needs from a pipeline (:class:`eventwire.pipeline.Pipeline` is one)."""

    def process(self, article: Article) -> Result: ...

    def code_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Result | Skipped]: ...


CoderFactory = Callable[[Settings], Coder]
Coded = list[Result | Skipped]


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
    with suppress(Exception):  # resurfaces, with its message, from code_batch
        process_coder(settings, factory)


def start_worker(settings: Settings, factory: CoderFactory) -> None:
    """Initializer of a local worker process: load the coder, keep what it loaded out of the garbage collector's
    scans, and when the pool ends the process, leave once its exit handlers have run, without freeing the loaded
    pipeline object by object (that teardown takes about a second, which the whole ingest would wait for)."""
    warm_worker(settings, factory)
    gc.freeze()  # the coder's hundreds of thousands of objects live as long as the process: no scan frees one
    Finalize(None, _leave, exitpriority=-100)  # the last of the process's exit steps


def _leave() -> None:
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def code_batch(articles: Sequence[Article], settings: Settings, factory: CoderFactory) -> Coded:
    """Code ``articles`` in order: a Result, or a Skipped with the reason, for each.

    The coder parses the batch in the same groups in every process; only if that parse itself
    raises are the articles parsed and coded one by one, to find the one that fails.
    """
    coder = process_coder(settings, factory)
    try:
        return list(coder.code_many(articles, batch_size=settings.batch_size))
    except Exception:  # the parse failed: find the article that fails
        return [code_one(coder, article) for article in articles]


def code_one(coder: Coder, article: Article) -> Result | Skipped:
    """Code one article; an exception becomes its Skipped (one bad article must not end the batch)."""
    try:
        return coder.process(article)
    except Exception as exc:
        return coding_failed(article, exc)
