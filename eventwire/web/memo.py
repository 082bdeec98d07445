"""Answers of the slow read queries (network, top dyads), kept until the store changes.

    memo = Memo()
    data = memo.get(store, ("network", since, until, min_events, limit), lambda s: queries.network(s, ...))

A query over every event (a grouping of millions of rows) takes seconds on a large store; the same page
viewed again, or by another user, should not. Each answer is kept with the store's mark: its numbers of
articles and events and its last ingest time, read in about a millisecond on every call. Any write (an
ingest through the server, the watcher) changes the mark, so a kept answer is never older than the data.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ..store import Store

T = TypeVar("T")
MARK = ("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT max(ingested_at) FROM articles)")


def mark(store: Store) -> tuple[Any, ...]:
    """What changes whenever the store is written: its article and event counts and its last ingest time."""
    return tuple(store.connection.execute(MARK).fetchall()[0])


class Memo:
    """The ``size`` most recently used answers, each valid for the store mark it was computed at."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._answers: OrderedDict[tuple[Hashable, tuple[Any, ...]], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, key: Hashable, compute: Callable[[Store], T]) -> T:
        """The kept answer for ``key`` at the store's present mark, else ``compute(store)`` (then kept)."""
        full = (key, mark(store))
        with self._lock:
            if full in self._answers:
                self._answers.move_to_end(full)
                found: T = self._answers[full]
                return found
        answer = compute(store)
        with self._lock:
            self._answers[full] = answer
            self._answers.move_to_end(full)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer
