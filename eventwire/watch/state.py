"""What the watcher follows and what it has seen, kept in the store so a restart goes on where it stopped.

    watch_sources   one row per source: kind, location, the feed's ETag and Last-Modified, its last run
    watch_items     one row per article URL or file ever seen: its version, article key, status, attempts
    watch_runs      one row per poll of a source: when, how long, what came of it, the error if any

The columns are in :data:`eventwire.store.schema.WATCH_TABLES`; :class:`WatchState` reads and writes them
through one DuckDB connection, all values as parameters.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ..errors import InputError
from ..ids import content_hash

KINDS = ("feed", "page", "folder", "url")  # "url": a feed or a page, told apart at its first fetch
DONE = ("stored", "already", "skipped", "failed")  # an item in one of these states is never fetched again


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Source:
    """One followed source: an RSS/Atom feed, an article page, or a folder of article files."""

    kind: str
    location: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def id(self) -> str:
        return "src-" + content_hash(self.location)[:12]


def source_from(spec: str, kind: str | None = None) -> Source:
    """The source a user named: a folder (by path) or a URL, a feed or page as ``kind`` says or as its
    first fetch shows. Raises :class:`InputError` for anything else."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"{kind!r} is not a kind of source; use one of {', '.join(KINDS)}")
    if spec.lower().startswith(("http://", "https://")):
        if kind == "folder":
            raise InputError(f"{spec} is a URL, not a folder")
        return Source(kind or "url", spec.strip())
    if os.path.isdir(spec) and kind in (None, "folder"):
        return Source("folder", str(Path(spec).resolve()))
    raise InputError(f"{spec}: neither an existing folder nor an http(s) URL; give a feed or page URL or a folder")


@dataclass(frozen=True)
class Item:
    """An article URL or file as last seen: its version (a file's mtime and size), status and tries."""

    item: str
    source_id: str
    version: str | None
    article_key: str | None
    status: str  # stored, already, skipped, failed (done) or error (tried again on the next polls)
    attempts: int
    reason: str | None = None


class WatchState:
    """The watch tables of one open store."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection

    def add(self, source: Source) -> Source:
        """Follow ``source`` (again, if it was dropped); a kind given now replaces an undecided ``url``."""
        self.connection.execute(
            "INSERT INTO watch_sources (id, kind, location, added_at, active, runs, errors, articles) "
            "VALUES (?, ?, ?, ?, true, 0, 0, 0) ON CONFLICT (id) DO UPDATE SET active = true, "
            "kind = CASE WHEN excluded.kind = 'url' THEN watch_sources.kind ELSE excluded.kind END",
            [source.id, source.kind, source.location, now()])
        return source

    def drop(self, source: Source) -> bool:
        """Stop following ``source`` (its history stays); whether it was followed."""
        found = self.connection.execute("UPDATE watch_sources SET active = false WHERE id = ? AND active "
                                        "RETURNING id", [source.id]).fetchall()
        return bool(found)

    def sources(self) -> list[Source]:
        """The sources followed, in the order they were added."""
        rows = self.connection.execute("SELECT kind, location, etag, last_modified FROM watch_sources "
                                       "WHERE active ORDER BY added_at, id").fetchall()
        return [Source(*row) for row in rows]

    def set_kind(self, source: Source, kind: str) -> Source:
        self.connection.execute("UPDATE watch_sources SET kind = ? WHERE id = ?", [kind, source.id])
        return Source(kind, source.location, source.etag, source.last_modified)

    def items(self, names: list[str]) -> dict[str, Item]:
        """The items among ``names`` seen before."""
        if not names:
            return {}
        rows = self.connection.execute(
            "SELECT item, source_id, version, article_key, status, attempts, reason FROM watch_items "
            "WHERE item IN (SELECT unnest(?))", [names]).fetchall()
        return {row[0]: Item(*row) for row in rows}

    def record_items(self, items: list[Item]) -> None:
        at = now()
        for item in items:
            self.connection.execute(
                "INSERT INTO watch_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item) DO UPDATE SET "
                "version = excluded.version, article_key = excluded.article_key, status = excluded.status, "
                "attempts = excluded.attempts, reason = excluded.reason, last_seen = excluded.last_seen",
                [item.item, item.source_id, item.version, item.article_key, item.status, item.attempts,
                 item.reason, at, at])

    def record_run(self, source: Source, run: Run) -> None:
        """Keep one poll's outcome: a ``watch_runs`` row, and the source's last run, counts and validators."""
        self.connection.execute("INSERT INTO watch_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                [source.id, run.started, run.seconds, run.status, run.items, run.new_articles,
                                 len(run.errors), "; ".join(run.errors) or None])
        self.connection.execute(
            "UPDATE watch_sources SET kind = ?, etag = ?, last_modified = ?, last_run = ?, last_status = ?, "
            "last_error = ?, last_new = ?, runs = runs + 1, errors = errors + ?, articles = articles + ? "
            "WHERE id = ?",
            [source.kind, source.etag, source.last_modified, run.started, run.status,
             run.errors[-1] if run.errors else None, run.new_articles, len(run.errors), run.new_articles,
             source.id])


@dataclass(frozen=True)
class Run:
    """One poll of one source."""

    started: datetime
    seconds: float
    status: str  # ok, unchanged (304 or nothing new), error (the source itself failed), partial (some items)
    items: int  # new or changed items found
    new_articles: int  # articles stored now
    errors: tuple[str, ...]


def status(connection: duckdb.DuckDBPyConnection, runs: int = 5) -> list[dict[str, Any]]:
    """Each followed source with its last run, counts and last error, and its latest runs (newest first);
    an empty list for a store the watcher never used."""
    if not _has_tables(connection):
        return []
    cursor = connection.execute(
        "SELECT id, kind, location, active, last_run, last_status, last_new, runs, errors, articles, last_error "
        "FROM watch_sources ORDER BY active DESC, added_at, id")
    names = [d[0] for d in cursor.description]
    sources = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for source in sources:
        cursor = connection.execute(
            "SELECT started, seconds, status, items, new_articles, errors, message FROM watch_runs "
            "WHERE source_id = ? ORDER BY started DESC LIMIT ?", [source["id"], runs])
        names = [d[0] for d in cursor.description]
        source["recent"] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return sources


def _has_tables(connection: duckdb.DuckDBPyConnection) -> bool:
    found = connection.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'watch_sources' "
                               "AND table_schema = current_schema()").fetchall()
    return bool(found[0][0])
