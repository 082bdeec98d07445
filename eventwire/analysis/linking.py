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
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import StoreError
from ..store import Store
from ..store.schema import ANALYSIS_TABLES, ensure_tables
from .stories import THRESHOLD
from .story_index import add_articles

LAYOUT = "v2"  # how the linked tables are laid out; a store linked otherwise is linked again in full

# One row per event to key, narrow: its story, its linking key and its date made comparable. ``part`` is the
# set of mentions whose keys depend on one another (the same scope and dyad, dates in the same year): a new
# mention can change the keys of its part's mentions only, so linking new articles rekeys their parts only.
_MENTION = """
WITH base AS (
    SELECT e.article_key, e.id, sa.story_id, e.source_code, e.target_code,
           CASE WHEN e.location_basis = 'article' THEN NULL ELSE e.location_country END AS location_country,
           substr(e.cameo_code, 1, 3) AS cameo_base,
           CASE WHEN e.date_basis = 'publication' AND st.first_published IS NOT NULL
                THEN strftime(st.first_published, '%Y-%m-%d') ELSE e.date_value END AS when_value,
           CASE WHEN e.date_basis = 'publication' AND st.first_published IS NOT NULL
                THEN 'day' ELSE e.date_precision END AS when_precision
    FROM {events} e
    JOIN story_articles sa ON sa.article_key = e.article_key
    JOIN stories st ON st.id = sa.story_id
), scoped AS (
    SELECT *,
           CASE WHEN source_code IS NULL OR target_code IS NULL OR when_value IS NULL THEN story_id ELSE '' END
               AS scope,
           coalesce(source_code, '') || '|' || coalesce(target_code, '') || '|' || coalesce(cameo_base, '') AS dyad
    FROM base
)
SELECT *, scope || '|' || dyad || '|' || coalesce(left(when_value, 4), '') AS part FROM scoped
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

# The mentions of the canonical events to write, wide: every column of the event, its article and its key.
_WIDE = """
CREATE OR REPLACE TEMP TABLE _wide AS
SELECT e.*, k.story_id, k.cameo_base, k.when_precision, k.anchor, k.place, k.event_id, k.part,
       coalesce(a.source, a.wire, a.key) AS outlet, a.published, a.url
FROM _keyed k
JOIN events e ON e.article_key = k.article_key AND e.id = k.id
JOIN articles a ON a.key = k.article_key
{where}
"""

_MENTIONS = """
INSERT INTO mentions BY NAME
SELECT event_id, id AS mention_id, article_key, story_id, outlet, published, cameo_code, date_value,
       sentence_start, sentence_end, trigger_start, trigger_end, confidence, part
FROM _wide ORDER BY event_id, published, article_key, trigger_start
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
       first(location_name {_BEST} ) FILTER (location_name IS NOT NULL AND location_basis IS DISTINCT FROM 'article'),
       any_value(place),
       first(location_lat {_BEST}) FILTER (location_lat IS NOT NULL AND location_basis IS DISTINCT FROM 'article'),
       first(location_lon {_BEST}) FILTER (location_lon IS NOT NULL AND location_basis IS DISTINCT FROM 'article'),
       count(*), count(DISTINCT article_key), count(DISTINCT outlet), count(DISTINCT story_id),
       min(published), first(url ORDER BY published, article_key) FILTER (url IS NOT NULL),
       max(confidence)
FROM _wide GROUP BY event_id ORDER BY source_code, target_code, event_id
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
    return _meta(connection, "fingerprint")


_STORIES = """
INSERT INTO stories
SELECT sa.story_id, first(a.title ORDER BY a.published, a.key) FILTER (a.title IS NOT NULL), min(a.published),
       max(a.published), count(*), count(DISTINCT coalesce(a.source, a.wire, a.key))
FROM story_articles sa JOIN articles a ON a.key = sa.article_key
{where}
GROUP BY sa.story_id
"""

# The mentions whose canonical event changes: new or rekeyed ones, and those of the articles whose story changed.
_DIRTY = """
CREATE OR REPLACE TEMP TABLE _dirty AS
WITH same AS (
    SELECT k.article_key, k.id FROM _keyed k
    JOIN _old o ON o.article_key = k.article_key AND o.mention_id = k.id AND o.event_id = k.event_id
    WHERE k.article_key NOT IN (SELECT key FROM _changed)
)
SELECT event_id FROM _keyed k
WHERE NOT EXISTS (SELECT 1 FROM same s WHERE s.article_key = k.article_key AND s.id = k.id)
UNION
SELECT event_id FROM _old o
WHERE NOT EXISTS (SELECT 1 FROM same s WHERE s.article_key = o.article_key AND s.id = o.mention_id)
"""

_TEMPORARY = ("_wide", "_keyed", "_anchored", "_mention", "_dirty", "_old", "_parts", "_changed")


@dataclass(frozen=True)
class Mode:
    """How a store is linked: whether articles are compared for stories, and at which threshold."""

    dedupe: bool
    threshold: float

    def __str__(self) -> str:
        return f"{LAYOUT} dedupe={int(self.dedupe)} threshold={self.threshold:g}"


def _meta(connection: duckdb.DuckDBPyConnection, name: str) -> str | None:
    try:
        found = connection.execute("SELECT value FROM analysis_meta WHERE name = ?", [name]).fetchall()
    except duckdb.CatalogException:
        return None
    return str(found[0][0]) if found else None


def linked_mode(store: Store) -> Mode | None:
    """The mode of the last :func:`link` of ``store``, or None when it was never linked by this version."""
    found = _meta(store.connection, "mode")
    if not found or not found.startswith(LAYOUT + " "):
        return None
    fields = dict(part.split("=", 1) for part in found.split()[1:])
    return Mode(fields.get("dedupe") == "1", float(fields.get("threshold", THRESHOLD)))


def linked_articles(store: Store) -> int | None:
    """How many articles the linked tables hold (None when the store was never linked by this version)."""
    if linked_mode(store) is None:
        return None
    return int(store.connection.execute("SELECT count(*) FROM story_articles").fetchall()[0][0])


def _new_articles(connection: duckdb.DuckDBPyConnection, dedupe: bool) -> list[tuple[str, str]]:
    """``(key, text)`` of the stored articles that are in no story yet, by key (texts only to compare)."""
    text = "coalesce(a.text, '')" if dedupe else "''"
    found = connection.execute(
        f"SELECT a.key, {text} FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM story_articles s WHERE s.article_key = a.key) ORDER BY a.key").fetchall()
    return [(str(key), str(body)) for key, body in found]


def _can_add(connection: duckdb.DuckDBPyConnection, mode: Mode, linked: Mode | None, new: int) -> bool:
    """Whether the linked tables are this mode's and hold every stored article but the ``new`` ones."""
    if linked != mode:
        return False
    articles, linked_articles = connection.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM story_articles)").fetchall()[0]
    return bool(articles == linked_articles + new)


def _stories(connection: duckdb.DuckDBPyConnection, mode: Mode, new: list[tuple[str, str]]) -> list[str]:
    """Put the ``new`` articles into stories; the keys of the articles whose story row changed."""
    if mode.dedupe:
        changed = add_articles(connection, [k for k, _ in new], [t for _, t in new], mode.threshold)
    else:
        changed = [key for key, _ in new]
        connection.execute("INSERT INTO story_articles SELECT 'story-' || left(sha1(key), 16), key, 1.0 "
                           "FROM (SELECT unnest(?) AS key)", [changed])
    _register(connection, "_changed", changed)
    connection.execute("DELETE FROM stories WHERE id IN (SELECT story_id FROM story_articles "
                       "WHERE article_key IN (SELECT key FROM _changed))")
    connection.execute(_STORIES.format(
        where="WHERE sa.story_id IN (SELECT story_id FROM story_articles WHERE article_key IN "
              "(SELECT key FROM _changed))"))
    return changed


def _register(connection: duckdb.DuckDBPyConnection, table: str, keys: list[str]) -> None:
    connection.execute(f"CREATE OR REPLACE TEMP TABLE {table} (key VARCHAR)")
    if keys:
        connection.execute(f"INSERT INTO {table} SELECT unnest(?)", [keys])


def _key(connection: duckdb.DuckDBPyConnection) -> None:
    for sql in (_ANCHORED, _KEYED):
        connection.execute(sql)


def _write_events(connection: duckdb.DuckDBPyConnection, where: str) -> None:
    """Write the mentions and canonical events of the ``_keyed`` rows ``where`` picks, then the actor summary."""
    connection.execute(_WIDE.format(where=where))
    connection.execute(_MENTIONS)
    connection.execute(_CANONICAL)
    connection.execute("DELETE FROM actor_summary")
    connection.execute(_ACTORS)
    for table in _TEMPORARY:
        connection.execute(f"DROP TABLE IF EXISTS {table}")


def _relink(connection: duckdb.DuckDBPyConnection, mode: Mode) -> None:
    """Every story, mention and canonical event computed again from all stored articles and events."""
    for table in ("story_articles", "stories", "story_signatures", "story_bands", "mentions", "canonical_events"):
        connection.execute(f"DELETE FROM {table}")
    _stories(connection, mode, _new_articles(connection, mode.dedupe))
    connection.execute(f"CREATE OR REPLACE TEMP TABLE _mention AS {_MENTION.format(events='events')}")
    _key(connection)
    _write_events(connection, "")


def _add(connection: duckdb.DuckDBPyConnection, mode: Mode, new: list[tuple[str, str]]) -> None:
    """Link the ``new`` articles: their stories, and the parts (see ``_MENTION``) their mentions fall in."""
    _stories(connection, mode, new)
    changed = "(SELECT * FROM events WHERE article_key IN (SELECT key FROM _changed))"
    connection.execute(f"CREATE OR REPLACE TEMP TABLE _mention AS {_MENTION.format(events=changed)}")
    connection.execute("CREATE OR REPLACE TEMP TABLE _parts AS SELECT DISTINCT part FROM _mention UNION "
                       "SELECT DISTINCT part FROM mentions WHERE article_key IN (SELECT key FROM _changed)")
    connection.execute("CREATE OR REPLACE TEMP TABLE _old AS SELECT article_key, mention_id, event_id "
                       "FROM mentions WHERE part IN (SELECT part FROM _parts)")
    unchanged = ("(SELECT e.* FROM events e JOIN _old o ON o.article_key = e.article_key AND o.mention_id = e.id "
                 "WHERE e.article_key NOT IN (SELECT key FROM _changed))")
    connection.execute(f"INSERT INTO _mention {_MENTION.format(events=unchanged)}")
    _key(connection)
    connection.execute(_DIRTY)
    connection.execute("DELETE FROM mentions WHERE event_id IN (SELECT event_id FROM _dirty)")
    connection.execute("DELETE FROM canonical_events WHERE id IN (SELECT event_id FROM _dirty)")
    _write_events(connection, "WHERE k.event_id IN (SELECT event_id FROM _dirty)")


def link(store: Store, *, dedupe: bool | None = None, threshold: float | None = None,
         full: bool = False) -> dict[str, int]:
    """Link the stored articles and events: stories, canonical events and mentions.

    Only the articles linked since the last run are added (their stories, and the canonical events their
    mentions may change), which gives the same tables as linking everything again; ``full=True`` links
    everything again, and so does a change of mode. ``dedupe=False`` makes every article a story of its
    own (no text comparison; for very large stores); ``dedupe`` and ``threshold`` default to the last run's
    (else True and 0.5). Returns the row counts of the tables. Raises :class:`StoreError` when the store is
    read-only.
    """
    connection = store.connection
    try:
        ensure_tables(connection, ANALYSIS_TABLES)
        linked = linked_mode(store)
        mode = Mode(dedupe if dedupe is not None else (linked.dedupe if linked else True),
                    threshold if threshold is not None else (linked.threshold if linked else THRESHOLD))
        connection.execute("BEGIN TRANSACTION")
        new = _new_articles(connection, mode.dedupe)
        if full or not _can_add(connection, mode, linked, len(new)):
            _relink(connection, mode)
        elif new or _linked_fingerprint(connection) != fingerprint(connection):
            _add(connection, mode, new)
        connection.execute("INSERT OR REPLACE INTO analysis_meta VALUES ('fingerprint', ?), ('mode', ?)",
                           [fingerprint(connection), str(mode)])
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
