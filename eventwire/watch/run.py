"""The watcher: poll every followed source, code and store what is new, record each source's run.

    watcher = Watcher(settings, FetchPolicy())
    watcher.follow([source_from("https://example.org/feed.xml"), source_from("inbox/")])
    watcher.poll()                             # one pass: [(source, Run)]
    watcher.watch(interval=900, stop=event)    # a pass every 900 s until ``stop`` is set

    for each followed source:  poll (eventwire.watch.poll) ─► ingest_items ─► watch_items, watch_runs

What is new goes through the same path as ``eventwire ingest`` (:func:`eventwire.ingest.ingest_items`):
an article whose text is stored already is not coded again, whichever URL or file it came from.
Everything a source does wrong (no answer, a broken feed, a page without an article) is recorded
against it and the other sources go on; nothing a source does stops the watcher.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import EventwireError
from ..ingest import ingest_items
from ..models import Article, Skipped
from ..settings import Settings
from ..store import Store, article_key
from ..worker import CoderFactory, load_pipeline
from .fetch import Fetcher, FetchPolicy
from .poll import MAX_ATTEMPTS, Found, Harvest, poll
from .state import Item, Run, Source, WatchState, now


@dataclass(frozen=True)
class Outcome:
    """One source's poll, as the command reports it."""

    source: Source
    run: Run


class Watcher:
    """Follows sources into the store of ``settings.db``; one instance keeps the pace of every host."""

    def __init__(self, settings: Settings, policy: FetchPolicy | None = None, *,
                 make_coder: CoderFactory = load_pipeline, fetcher: Fetcher | None = None) -> None:
        self.settings = settings
        self.fetcher = fetcher or Fetcher(policy or FetchPolicy())
        self.make_coder = make_coder

    def follow(self, sources: Sequence[Source]) -> list[Source]:
        """Add ``sources`` to those followed (kept in the store); return every source followed."""
        with Store.open(self.settings.db) as store:
            state = WatchState(store.connection)
            for source in sources:
                state.add(source)
            return state.sources()

    def drop(self, sources: Sequence[Source]) -> list[Source]:
        """Stop following ``sources``; return those that were followed."""
        with Store.open(self.settings.db) as store:
            state = WatchState(store.connection)
            return [source for source in sources if state.drop(source)]

    def poll(self) -> list[Outcome]:
        """Poll every followed source once, store what is new, and record each run."""
        with Store.open(self.settings.db) as store:
            state = WatchState(store.connection)
            return [self._poll_one(store, state, source) for source in state.sources()]

    def watch(self, interval: float, stop: threading.Event | None = None,
              report: Callable[[list[Outcome]], None] | None = None,
              trouble: Callable[[str], None] | None = None) -> None:
        """Poll every ``interval`` seconds (from the start of one pass to the next) until ``stop`` is set.
        A pass that fails as a whole (the database is locked by another process, say) is told to
        ``trouble`` and the next pass tries again."""
        stop = stop or threading.Event()
        while not stop.is_set():
            started = time.monotonic()
            try:
                outcomes = self.poll()
            except EventwireError as exc:
                if trouble is not None:
                    trouble(str(exc))
            else:
                if report is not None:
                    report(outcomes)
            stop.wait(max(0.0, interval - (time.monotonic() - started)))

    def _poll_one(self, store: Store, state: WatchState, source: Source) -> Outcome:
        started, clock = now(), time.monotonic()
        try:
            harvest = poll(source, state, self.fetcher, self.settings)
            new, items = self._store(store, harvest)
            state.record_items(items)
            errors = [*harvest.errors, *(_reason(item) for item in items if item.reason)]
        except Exception as exc:  # recorded against the source; the other sources go on
            harvest, new, items = Harvest(source), 0, []
            errors = [f"{type(exc).__name__}: {exc}"]
        run = Run(started, round(time.monotonic() - clock, 3), _status(harvest, errors, items), len(items), new,
                  tuple(errors))
        state.record_run(harvest.source, run)
        return Outcome(harvest.source, run)

    def _store(self, store: Store, harvest: Harvest) -> tuple[int, list[Item]]:
        """Code and store the articles found; the number stored now and the items to record."""
        read = [entry for found in harvest.found for entry in found.read]
        keys = [article_key(a) for a in read if isinstance(a, Article)]
        before = store.known(keys)
        if read:
            ingest_items(read, self.settings, progress=False, make_coder=self.make_coder)
        after = store.known(keys)
        items = [_item(harvest.source, found, before, after) for found in harvest.found]
        return len(after - before), items


def _item(source: Source, found: Found, before: set[str], after: set[str]) -> Item:
    """What became of one found item: stored now, stored already, skipped, failed, or an error to retry."""
    keys = [article_key(a) for a in found.read if isinstance(a, Article)]
    skips = [s.reason for s in found.read if isinstance(s, Skipped)]
    reason = "; ".join(skips) or None
    if not keys:
        again = found.failure == "transient" and found.attempts < MAX_ATTEMPTS
        status = "error" if again else ("failed" if found.failure else "skipped")
    elif any(k in after and k not in before for k in keys):
        status = "stored"
    elif all(k in before for k in keys):
        status = "already"
    else:
        status, reason = "failed", reason or "coding failed; see `eventwire errors`"
    return Item(found.item, source.id, found.version, keys[0] if keys else None, status, found.attempts, reason)


def _reason(item: Item) -> str:
    return item.reason if item.reason and item.reason.startswith(item.item) else f"{item.item}: {item.reason}"


def _status(harvest: Harvest, errors: list[str], items: list[Item]) -> str:
    if harvest.errors or (errors and not items):
        return "error"
    if errors:
        return "partial"
    return "unchanged" if harvest.unchanged or not items else "ok"
