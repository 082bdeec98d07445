"""Canonical events and their mentions, in the spirit of GDELT's Events and Mentions tables.

    articles ─► stories (near-duplicate text) ─► event mentions ─► canonical events (one row per real event)

:func:`link` rebuilds tables of its own next to the store's tables, in one transaction (their columns are
:data:`eventwire.store.schema.ANALYSIS_TABLES`):

- ``stories`` and ``story_articles``: which articles carry the same wire story (:mod:`.stories`);
- ``canonical_events``: one row per event, however many articles report it, with ``num_mentions``,
  ``num_articles``, ``num_sources`` (distinct outlets) and ``num_stories``;
- ``mentions``: every stored event row (a mention) with its canonical event, article, story, sentence,
  trigger offsets and confidence.

Two mentions are the same event when they have the same source and target codes and the same CAMEO code at
three digits, compatible dates and compatible places. Dates are compatible when one is the other at a
coarser precision ("2018-07" and "2018-07-16"); a mention dated only by its article's publication takes the
first publication date of its story, so the outlets that carried a story a day apart agree. A coarse date
joins the earliest finer date of the same dyad and code inside it. Places are compatible when their
countries are equal or one is unknown. Mentions with a missing source or target, or without any date, link
only inside their story. Canonical ids are derived from that key, so the same data gives the same ids.

Linking is idempotent; :func:`ensure_linked` runs it when the articles or events changed since the last run.
All work is SQL inside DuckDB, so it scales with the store.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import duckdb

from ..errors import StoreError
from ..store import Store
from ..store.schema import ANALYSIS_TABLES, ensure_tables
from .stories import THRESHOLD, group

# One row per stored event with its story, its linking key, and its date made comparable.
_PREPARED = """
CREATE OR REPLACE TEMP TABLE _mention AS
WITH base AS (
    SELECT e.*, sa.story_id, coalesce(a.source, a.wire, a.key) AS outlet, a.published, a.url,
           st.first_published AS story_published,
           substr(e.cameo_code, 1, 3) AS cameo_base,
           CASE WHEN e.date_basis = 'publication' AND st.first_published IS NOT NULL
                THEN strftime(st.first_published, '%Y-%m-%d') ELSE e.date_value END AS when_value,
           CASE WHEN e.date_basis = 'publication' AND st.first_published IS NOT NULL
                THEN 'day' ELSE e.date_precision END AS when_precision
    FROM events e
    JOIN articles a ON a.key = e.article_key
    JOIN story_articles sa ON sa.article_key = e.article_key
    JOIN stories st ON st.id = sa.story_id
)
SELECT *,
       CASE WHEN source_code IS NULL OR target_code IS NULL OR when_value IS NULL THEN story_id ELSE '' END
           AS scope,
       coalesce(source_code, '') || '|' || coalesce(target_code, '') || '|' || coalesce(cameo_base, '') AS dyad
FROM base
"""

# A coarse date joins the earliest finer date of the same key inside it.
_ANCHORED = """
CREATE OR REPLACE TEMP TABLE _anchored AS
WITH days AS (
    SELECT scope, dyad, substr(when_value, 1, 7) AS month, substr(when_value, 1, 4) AS year,
           min(when_value) AS first_day
    FROM _mention WHERE when_precision = 'day' GROUP BY ALL
), months AS (SELECT scope, dyad, month, min(first_day) AS first_day FROM days GROUP BY ALL),
   years AS (
    SELECT scope, dyad, substr(when_value, 1, 4) AS year, min(when_value) AS first_value
    FROM _mention WHERE when_precision IN ('day', 'month') GROUP BY ALL
)
SELECT m.*, coalesce(
    CASE m.when_precision WHEN 'month' THEN mo.first_day WHEN 'year' THEN y.first_value END,
    m.when_value, '') AS anchor
FROM _mention m
LEFT JOIN months mo ON m.when_precision = 'month' AND mo.scope = m.scope AND mo.dyad = m.dyad
                    AND mo.month = m.when_value
LEFT JOIN years y ON m.when_precision = 'year' AND y.scope = m.scope AND y.dyad = m.dyad AND y.year = m.when_value
"""

# Unknown places join the (first) known country of the same key and date.
_KEYED = """
CREATE OR REPLACE TEMP TABLE _keyed AS
SELECT *, 'cev-' || left(sha256(scope || '|' || dyad || '|' || anchor || '|' || coalesce(place, '')), 16)
          AS event_id
FROM (
    SELECT *, coalesce(location_country, min(location_country) OVER (PARTITION BY scope, dyad, anchor)) AS place
    FROM _anchored
)
"""

_MENTIONS = """
INSERT INTO mentions
SELECT event_id, id, article_key, story_id, outlet, published, cameo_code, date_value,
       sentence_start, sentence_end, trigger_start, trigger_end, confidence
FROM _keyed ORDER BY event_id, published, article_key, trigger_start
"""

_BEST = "ORDER BY confidence DESC, published, id"
_CANONICAL = f"""
INSERT INTO canonical_events
SELECT event_id,
       first(story_id ORDER BY published, id) AS story_id,
       any_value(source_code) AS source_code, first(source_name {_BEST}), first(source_country {_BEST}),
       any_value(target_code) AS target_code, first(target_name {_BEST}), first(target_country {_BEST}),
       first(cameo_code {_BEST}), any_value(cameo_base), first(cameo_root {_BEST}),
       first(cameo_label {_BEST}), first(cameo_goldstein {_BEST}), first(cameo_quad_class {_BEST}),
       first(plover_type {_BEST}), first(plover_mode {_BEST}), first(plover_context {_BEST}),
       first(modality {_BEST}),
       nullif(any_value(anchor), ''),
       CASE WHEN regexp_full_match(any_value(anchor), '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN 'day'
            WHEN regexp_full_match(any_value(anchor), '\\d{{4}}-\\d{{2}}') THEN 'month'
            WHEN regexp_full_match(any_value(anchor), '\\d{{4}}') THEN 'year'
            ELSE first(when_precision) END,
       TRY_CAST(CASE WHEN regexp_full_match(any_value(anchor), '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN any_value(anchor)
                     WHEN regexp_full_match(any_value(anchor), '\\d{{4}}-\\d{{2}}') THEN any_value(anchor) || '-01'
                     WHEN regexp_full_match(any_value(anchor), '\\d{{4}}') THEN any_value(anchor) || '-01-01'
                END AS DATE),
       first(location_name {_BEST} ) FILTER (location_name IS NOT NULL),
       any_value(place),
       first(location_lat {_BEST}) FILTER (location_lat IS NOT NULL),
       first(location_lon {_BEST}) FILTER (location_lon IS NOT NULL),
       count(*), count(DISTINCT article_key), count(DISTINCT outlet), count(DISTINCT story_id),
       min(published), first(url ORDER BY published, article_key) FILTER (url IS NOT NULL),
       max(confidence)
FROM _keyed GROUP BY event_id ORDER BY source_code, target_code, event_id
"""

# Per actor code: canonical events as source or target, its commonest name, and the mentions behind them.
_ACTORS = """
INSERT INTO actor_summary
WITH ends AS (
    SELECT source_code AS code, source_name AS name, source_country AS country, 1 AS as_source, num_mentions
    FROM canonical_events WHERE source_code IS NOT NULL
    UNION ALL
    SELECT target_code, target_name, target_country, 0, num_mentions
    FROM canonical_events WHERE target_code IS NOT NULL
), totals AS (
    SELECT code, count(*) AS events, sum(as_source) AS as_source, count(*) - sum(as_source) AS as_target,
           sum(num_mentions) AS mentions, min(country) AS country
    FROM ends GROUP BY code
), names AS (
    SELECT code, first(name ORDER BY n DESC, name) AS name FROM (
        SELECT code, name, count(*) AS n FROM ends WHERE name IS NOT NULL GROUP BY code, name
    ) GROUP BY code
)
SELECT t.code, n.name, t.country, t.events, t.as_source, t.as_target, t.mentions
FROM totals t LEFT JOIN names n ON n.code = t.code ORDER BY t.events DESC, t.code
"""


def fingerprint(connection: duckdb.DuckDBPyConnection) -> str:
    """What the linked tables were computed from: the numbers of stored articles and events.

    The store only ever adds rows (an article is written once, with all its events), so the two counts
    change whenever its content does; counting is cheap even on millions of rows.
    """
    articles, events = connection.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchall()[0]
    return f"{articles}:{events}"


def _linked_fingerprint(connection: duckdb.DuckDBPyConnection) -> str | None:
    try:
        found = connection.execute("SELECT value FROM analysis_meta WHERE name = 'fingerprint'").fetchall()
    except duckdb.CatalogException:
        return None
    return found[0][0] if found else None


def _store_stories(connection: duckdb.DuckDBPyConnection, dedupe: bool, threshold: float) -> None:
    connection.execute("DELETE FROM story_articles")
    if dedupe:
        rows = connection.execute("SELECT key, text FROM articles ORDER BY key").fetchall()
        members = group([r[0] for r in rows], [r[1] or "" for r in rows], threshold=threshold)
        if members:
            connection.executemany("INSERT INTO story_articles VALUES (?, ?, ?)",
                                   [(m.story_id, m.article_key, m.similarity) for m in members])
    else:
        connection.execute("INSERT INTO story_articles SELECT 'story-' || left(sha1(key), 16), key, 1.0 "
                           "FROM articles")
    connection.execute("DELETE FROM stories")
    connection.execute(
        "INSERT INTO stories SELECT sa.story_id, first(a.title ORDER BY a.published, a.key) "
        "FILTER (a.title IS NOT NULL), min(a.published), max(a.published), count(*), "
        "count(DISTINCT coalesce(a.source, a.wire, a.key)) "
        "FROM story_articles sa JOIN articles a ON a.key = sa.article_key GROUP BY sa.story_id"
    )


def _link_events(connection: duckdb.DuckDBPyConnection) -> None:
    for sql in (_PREPARED, _ANCHORED, _KEYED):
        connection.execute(sql)
    connection.execute("DELETE FROM mentions")
    connection.execute("DELETE FROM canonical_events")
    connection.execute(_MENTIONS)
    connection.execute(_CANONICAL)
    connection.execute("DELETE FROM actor_summary")
    connection.execute(_ACTORS)
    for table in ("_keyed", "_anchored", "_mention"):
        connection.execute(f"DROP TABLE IF EXISTS {table}")


def link(store: Store, *, dedupe: bool = True, threshold: float = THRESHOLD) -> dict[str, int]:
    """Rebuild stories, canonical events and mentions from the stored articles and events.

    ``dedupe=False`` makes every article a story of its own (no text comparison; for very large stores).
    Returns the row counts of the rebuilt tables. Raises :class:`StoreError` when the store is read-only.
    """
    connection = store.connection
    try:
        ensure_tables(connection, ANALYSIS_TABLES)
        connection.execute("BEGIN TRANSACTION")
        _store_stories(connection, dedupe, threshold)
        _link_events(connection)
        connection.execute("INSERT OR REPLACE INTO analysis_meta VALUES ('fingerprint', ?)",
                           [fingerprint(connection)])
        connection.execute("COMMIT")
    except duckdb.Error as exc:
        _rollback(connection)
        raise StoreError(f"linking events in {store.path} failed: {exc}. Open the database for writing "
                         f"(no other process may hold it) and run `eventwire link --db {store.path}`.") from exc
    return counts(store)


def _rollback(connection: duckdb.DuckDBPyConnection) -> None:
    with suppress(duckdb.Error):
        connection.execute("ROLLBACK")


def counts(store: Store) -> dict[str, int]:
    """Rows in the stories, story_articles, canonical_events and mentions tables."""
    tables = ("stories", "story_articles", "canonical_events", "mentions")
    return {t: int(store.connection.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in tables}


def is_stale(store: Store) -> bool:
    """Whether the articles or events changed since the last :func:`link` (or it never ran)."""
    return _linked_fingerprint(store.connection) != fingerprint(store.connection)


def ensure_linked(store: Store) -> None:
    """Run :func:`link` when it is stale. A read-only store that was linked before is used as it is."""
    if not is_stale(store):
        return
    try:
        link(store)
    except StoreError:
        if _linked_fingerprint(store.connection) is None:
            raise


def rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Run a query over the linked tables and return plain dicts."""
    try:
        cursor = store.connection.execute(sql, params or [])
    except duckdb.Error as exc:
        raise StoreError(f"query on {store.path} failed: {exc}") from exc
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
