"""The database schema: every table eventwire writes, its version, and how older databases catch up.

    TABLES             the store's tables, written by ingest (described in docs/schema.md)
    ANALYSIS_TABLES    the tables `eventwire link` rebuilds next to them (described in docs/analysis.md)
    WATCH_TABLES       what `eventwire watch` follows and has seen, so it goes on after a restart (docs/watch.md)

A table is a tuple of ``(name, DuckDB type)`` columns in storage order. :func:`migrate` brings a store
up to :data:`SCHEMA_VERSION`: it creates the tables that do not exist and adds the columns a newer
version has to older tables, at their end, so existing rows are never touched (their new columns are
NULL). New columns must therefore always be added at the end of a table here.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

Column = tuple[str, str]
Columns = tuple[Column, ...]

# 2: events.source_basis and events.target_basis; 3: actors.country_basis; 4: WATCH_TABLES; 5: articles.place_*
# (the dateline's place) and events.from_title; 6: events.origin (who found the event: the rules or the event
# model); 7: events.location_basis (whether the event's words name its place or the article's places give it)
SCHEMA_VERSION = "7"

TABLES: dict[str, Columns] = {
    "meta": (("name", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR")),
    "articles": (
        ("key", "VARCHAR PRIMARY KEY"), ("id", "VARCHAR"), ("title", "VARCHAR"), ("published", "DATE"),
        ("source", "VARCHAR"), ("wire", "VARCHAR"), ("url", "VARCHAR"), ("origin", "VARCHAR"),
        ("text", "VARCHAR"), ("ingested_at", "TIMESTAMP"),
        ("place_name", "VARCHAR"), ("place_country", "VARCHAR"), ("place_lat", "DOUBLE"), ("place_lon", "DOUBLE"),
        ("place_text", "VARCHAR"),
    ),
    "actors": (
        ("article_key", "VARCHAR"), ("id", "VARCHAR"), ("name", "VARCHAR"), ("code", "VARCHAR"),
        ("country", "VARCHAR"), ("sectors", "VARCHAR[]"), ("kind", "VARCHAR"), ("role", "VARCHAR"),
        ("mention_count", "INTEGER"), ("mentions", "VARCHAR"), ("country_basis", "VARCHAR"),
    ),
    "events": (
        ("article_key", "VARCHAR"), ("id", "VARCHAR"),
        ("source_actor", "VARCHAR"), ("source_name", "VARCHAR"), ("source_code", "VARCHAR"),
        ("source_country", "VARCHAR"),
        ("target_actor", "VARCHAR"), ("target_name", "VARCHAR"), ("target_code", "VARCHAR"),
        ("target_country", "VARCHAR"),
        ("cameo_code", "VARCHAR"), ("cameo_root", "VARCHAR"), ("cameo_label", "VARCHAR"),
        ("cameo_goldstein", "DOUBLE"), ("cameo_quad_class", "INTEGER"),
        ("plover_type", "VARCHAR"), ("plover_mode", "VARCHAR"), ("plover_context", "VARCHAR[]"),
        ("modality", "VARCHAR"),
        ("date_value", "VARCHAR"), ("date_precision", "VARCHAR"), ("date_basis", "VARCHAR"),
        ("date_text", "VARCHAR"),
        ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_lat", "DOUBLE"),
        ("location_lon", "DOUBLE"), ("location_text", "VARCHAR"),
        ("trigger_text", "VARCHAR"), ("trigger_start", "INTEGER"), ("trigger_end", "INTEGER"),
        ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"),
        ("quote_id", "VARCHAR"), ("confidence", "DOUBLE"),
        ("source_basis", "VARCHAR"), ("target_basis", "VARCHAR"), ("from_title", "BOOLEAN"), ("origin", "VARCHAR"),
        ("location_basis", "VARCHAR"),
    ),
    "quotes": (
        ("article_key", "VARCHAR"), ("id", "VARCHAR"), ("kind", "VARCHAR"), ("text", "VARCHAR"),
        ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("speaker_actor", "VARCHAR"), ("speaker_name", "VARCHAR"), ("speaker_code", "VARCHAR"),
        ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"),
        ("cue_text", "VARCHAR"), ("cue_start", "INTEGER"), ("cue_end", "INTEGER"),
    ),
    "timexes": (
        ("article_key", "VARCHAR"), ("text", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("type", "VARCHAR"), ("value", "VARCHAR"),
    ),
    "places": (
        ("article_key", "VARCHAR"), ("text", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("name", "VARCHAR"), ("country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        ("geonameid", "BIGINT"), ("feature", "VARCHAR"),
    ),
    "errors": (("article_key", "VARCHAR"), ("origin", "VARCHAR"), ("reason", "VARCHAR"), ("at", "TIMESTAMP")),
}

# The tables one coded article adds rows to, each row starting with the article's key.
ROW_TABLES = ("articles", "actors", "events", "quotes", "timexes", "places")

ANALYSIS_TABLES: dict[str, Columns] = {
    "analysis_meta": (("name", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR")),
    "stories": (
        ("id", "VARCHAR"), ("title", "VARCHAR"), ("first_published", "DATE"), ("last_published", "DATE"),
        ("articles", "INTEGER"), ("sources", "INTEGER"),
    ),
    "story_articles": (("story_id", "VARCHAR"), ("article_key", "VARCHAR"), ("similarity", "DOUBLE")),
    "canonical_events": (
        ("id", "VARCHAR"), ("story_id", "VARCHAR"),
        ("source_code", "VARCHAR"), ("source_name", "VARCHAR"), ("source_country", "VARCHAR"),
        ("target_code", "VARCHAR"), ("target_name", "VARCHAR"), ("target_country", "VARCHAR"),
        ("cameo_code", "VARCHAR"), ("cameo_base", "VARCHAR"), ("cameo_root", "VARCHAR"),
        ("cameo_label", "VARCHAR"), ("goldstein", "DOUBLE"), ("quad_class", "INTEGER"),
        ("plover_type", "VARCHAR"), ("plover_mode", "VARCHAR"), ("plover_context", "VARCHAR[]"),
        ("modality", "VARCHAR"), ("date_value", "VARCHAR"), ("date_precision", "VARCHAR"), ("date", "DATE"),
        ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_lat", "DOUBLE"),
        ("location_lon", "DOUBLE"),
        ("num_mentions", "INTEGER"), ("num_articles", "INTEGER"), ("num_sources", "INTEGER"),
        ("num_stories", "INTEGER"), ("first_published", "DATE"), ("source_url", "VARCHAR"),
        ("confidence", "DOUBLE"),
    ),
    "actor_summary": (
        ("code", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"), ("events", "BIGINT"),
        ("as_source", "BIGINT"), ("as_target", "BIGINT"), ("mentions", "BIGINT"),
    ),
    "mentions": (
        ("event_id", "VARCHAR"), ("mention_id", "VARCHAR"), ("article_key", "VARCHAR"), ("story_id", "VARCHAR"),
        ("outlet", "VARCHAR"), ("published", "DATE"), ("cameo_code", "VARCHAR"), ("date_value", "VARCHAR"),
        ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"), ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"), ("confidence", "DOUBLE"), ("part", "VARCHAR"),
    ),
    # the stored MinHash index new articles are compared with (eventwire.analysis.story_index)
    "story_signatures": (("article_key", "VARCHAR"), ("signature", "BLOB")),
    "story_bands": (("band", "BIGINT"), ("article_key", "VARCHAR")),
}


WATCH_TABLES: dict[str, Columns] = {
    "watch_sources": (
        ("id", "VARCHAR PRIMARY KEY"), ("kind", "VARCHAR"), ("location", "VARCHAR"), ("added_at", "TIMESTAMP"),
        ("active", "BOOLEAN"), ("etag", "VARCHAR"), ("last_modified", "VARCHAR"), ("last_run", "TIMESTAMP"),
        ("last_status", "VARCHAR"), ("last_error", "VARCHAR"), ("last_new", "INTEGER"), ("runs", "INTEGER"),
        ("errors", "INTEGER"), ("articles", "INTEGER"),
    ),
    "watch_items": (
        ("item", "VARCHAR PRIMARY KEY"), ("source_id", "VARCHAR"), ("version", "VARCHAR"),
        ("article_key", "VARCHAR"), ("status", "VARCHAR"), ("attempts", "INTEGER"), ("reason", "VARCHAR"),
        ("first_seen", "TIMESTAMP"), ("last_seen", "TIMESTAMP"),
    ),
    "watch_runs": (
        ("source_id", "VARCHAR"), ("started", "TIMESTAMP"), ("seconds", "DOUBLE"), ("status", "VARCHAR"),
        ("items", "INTEGER"), ("new_articles", "INTEGER"), ("errors", "INTEGER"), ("message", "VARCHAR"),
    ),
}


def base_type(kind: str) -> str:
    """The DuckDB type of a column without its constraints: ``VARCHAR PRIMARY KEY`` -> ``VARCHAR``."""
    return kind.split()[0]


def create_sql(table: str, columns: Columns, *, constraints: bool = True) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for one table; ``constraints=False`` leaves out primary keys."""
    body = ", ".join(f'"{name}" {kind if constraints else base_type(kind)}' for name, kind in columns)
    return f"CREATE TABLE IF NOT EXISTS {table} ({body})"


def select_list(table: str, values: Mapping[str, str]) -> str:
    """A SELECT list giving every column of ``table`` in storage order: the SQL expression ``values``
    has for it, else a typed NULL. A name that is not a column of ``table`` raises ``KeyError``, so
    code that builds rows this way breaks loudly on a renamed column and never on a new one."""
    columns = TABLES.get(table) or WATCH_TABLES.get(table) or ANALYSIS_TABLES[table]
    unknown = sorted(set(values) - {name for name, _ in columns})
    if unknown:
        raise KeyError(f"{table} has no column {', '.join(unknown)}; its columns are listed in "
                       "eventwire/store/schema.py")
    return ", ".join(f'{values.get(name, f"CAST(NULL AS {base_type(kind)})")} AS "{name}"' for name, kind in columns)


def ensure_tables(connection: duckdb.DuckDBPyConnection, tables: Mapping[str, Columns]) -> None:
    """Create the ``tables`` that do not exist yet and add the columns they lack, at their end."""
    for table, columns in tables.items():
        connection.execute(create_sql(table, columns))
    present = {(str(table), str(name)) for table, name in connection.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
    ).fetchall()}
    for table, columns in tables.items():
        for name, kind in columns:
            if (table, name) not in present and "PRIMARY KEY" not in kind:
                connection.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {kind}')


def migrate(connection: duckdb.DuckDBPyConnection) -> None:
    """Bring the store's tables up to :data:`SCHEMA_VERSION` and record that version in ``meta``."""
    ensure_tables(connection, TABLES)
    ensure_tables(connection, WATCH_TABLES)
    connection.execute(
        "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [SCHEMA_VERSION],
    )
