"""Follow news feeds, article pages and folders, and code and store what is new (``eventwire watch``).

    fetch     Fetcher, FetchPolicy: polite HTTP (pace per host, conditional requests, timeouts, retries)
    feeds     parse_feed: RSS and Atom entries as FeedItem records (feedparser)
    state     Source, WatchState: what is followed and seen, in the store's watch tables
    poll      poll: what is new at one source, read into articles
    run       Watcher: every source polled, what is new coded and stored, each run recorded
    command   the ``eventwire watch`` command

    from eventwire.watch import Watcher, source_from

    watcher = Watcher(Settings(db="news.duckdb"))
    watcher.follow([source_from("https://example.org/feed.xml"), source_from("inbox/")])
    watcher.poll()
"""

from __future__ import annotations

from .fetch import Fetcher, FetchPolicy
from .run import Outcome, Watcher
from .state import Source, source_from, status

__all__ = ["FetchPolicy", "Fetcher", "Outcome", "Source", "Watcher", "source_from", "status"]
