"""pandas DataFrames for notebooks: the stored and linked data, and the analysis results.

    from eventwire.analysis import frames

    store = frames.open_store("eventwire.duckdb")
    events = frames.events(store)                 # canonical events, one row per real event
    series = frames.dyad_series(store, "IRN", "USA")
    nodes, edges = frames.network(store, min_events=2)

Tables come out of DuckDB as Arrow and are converted to pandas; the analysis results are the lists of
dicts of :mod:`eventwire.analysis` as frames (same columns, one row per item).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from . import series
from .linking import ensure_linked
from .network import network as network_data

_QUERIES = {
    "events": "SELECT * FROM canonical_events ORDER BY date NULLS LAST, id",
    "mentions": "SELECT * FROM mentions ORDER BY event_id, published, article_key, trigger_start",
    "stories": "SELECT * FROM stories ORDER BY first_published NULLS LAST, id",
    "raw_events": "SELECT * FROM events ORDER BY article_key, trigger_start, id",
    "quotes": "SELECT a.id AS article_id, a.published AS article_published, q.* FROM quotes q "
              "JOIN articles a ON a.key = q.article_key ORDER BY a.published NULLS LAST, a.id, q.start_char",
    "articles": "SELECT key, id, title, published, source, wire, url FROM articles ORDER BY published NULLS LAST, id",
}


def open_store(path: str | Path) -> Store:
    """Open a database for analysis (writable, so it can be linked when it changed)."""
    return Store.open(path)


def _frame(store: Store, name: str) -> Any:
    ensure_linked(store)
    return store.connection.sql(_QUERIES[name]).to_arrow_table().to_pandas()


def events(store: Store) -> Any:
    """Canonical events (each real event once, with num_mentions, num_articles, num_sources)."""
    return _frame(store, "events")


def mentions(store: Store) -> Any:
    """Every event mention with its canonical event id, article, story, offsets and confidence."""
    return _frame(store, "mentions")


def stories(store: Store) -> Any:
    """Stories: groups of articles carrying the same text, with their article and source counts."""
    return _frame(store, "stories")


def raw_events(store: Store) -> Any:
    """The store's event rows as coded, one per article mention (not deduplicated)."""
    return _frame(store, "raw_events")


def quotes(store: Store) -> Any:
    """Stored quotes with their speakers and article."""
    return _frame(store, "quotes")


def articles(store: Store) -> Any:
    """Article metadata (no text)."""
    return _frame(store, "articles")


def _rows(items: list[dict[str, Any]], columns: list[str]) -> Any:
    import pandas as pd

    return pd.DataFrame(items, columns=columns)


_SERIES = ["period", *series.QUADS, "total", "goldstein"]


def dyad_series(store: Store, a: str, b: str, freq: str = "month", *, directed: bool = False) -> Any:
    """:func:`eventwire.analysis.dyad_series` as a DataFrame."""
    return _rows(series.dyad_series(store, a, b, freq, directed=directed), _SERIES)


def timeline(store: Store, actor: str, freq: str = "month") -> Any:
    """:func:`eventwire.analysis.timeline` as a DataFrame."""
    return _rows(series.timeline(store, actor, freq), _SERIES)


def top_actors(store: Store, limit: int = 20) -> Any:
    """:func:`eventwire.analysis.top_actors` as a DataFrame."""
    columns = ["code", "name", "country", "events", "as_source", "as_target", "mentions"]
    return _rows(series.top_actors(store, limit), columns)


def network(store: Store, *, since: str | None = None, until: str | None = None,
            min_events: int = 1) -> tuple[Any, Any]:
    """:func:`eventwire.analysis.network` as two DataFrames: (nodes, edges)."""
    data = network_data(store, since=since, until=until, min_events=min_events)
    return (_rows(data["nodes"], ["id", "code", "name", "events"]),
            _rows(data["edges"], ["source", "target", "events", "goldstein"]))
