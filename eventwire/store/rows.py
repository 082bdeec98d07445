"""Records to rows: what a coded article adds to each table, as tuples and as Arrow tables.

Both writers use these: :class:`~eventwire.store.database.Store` (DuckDB) and
:class:`~eventwire.store.parquet.ParquetWriter`. A row's values are in the column order of
:data:`eventwire.store.schema.TABLES`, and every row starts with its article's key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..ids import content_hash
from ..models import Actor, ActorRef, Article, Event, Place, Quote, Result, Timex
from .schema import ROW_TABLES, TABLES

Row = tuple[Any, ...]


@dataclass(frozen=True)
class WriteSummary:
    """What one ``write`` call of a store or Parquet writer did."""

    stored: int = 0
    already_stored: int = 0
    errors: int = 0
    events: int = 0


def article_key(article: Article) -> str:
    """The storage key of an article: the SHA-256 of its text."""
    return content_hash(article.text)


def _ref_columns(ref: ActorRef | None) -> Row:
    return (ref.actor, ref.name, ref.code, ref.country) if ref else (None, None, None, None)


def article_row(key: str, article: Article, at: datetime) -> Row:
    place = article.place
    return (key, article.id, article.title, article.published, article.source, article.wire,
            article.url, article.origin, article.text, at,
            *((place.name, place.country, place.lat, place.lon, place.text) if place else (None,) * 5))


def actor_row(key: str, actor: Actor) -> Row:
    mentions = json.dumps([[m.start, m.end, m.text] for m in actor.mentions], ensure_ascii=False)
    return (key, actor.id, actor.name, actor.code, actor.country, list(actor.sectors), actor.kind,
            actor.role, len(actor.mentions), mentions, actor.country_basis)


def event_row(key: str, event: Event) -> Row:
    cameo, plover, date, place = event.cameo, event.plover, event.date, event.location
    return (
        key, event.id, *_ref_columns(event.source), *_ref_columns(event.target),
        cameo.code, cameo.root, cameo.label, cameo.goldstein, cameo.quad_class,
        plover.type, plover.mode, list(plover.context), event.modality,
        *((date.value, date.precision, date.basis, date.text) if date else (None,) * 4),
        *((place.name, place.country, place.lat, place.lon, place.text) if place else (None,) * 5),
        event.trigger.text, event.trigger.start, event.trigger.end,
        event.sentence.start, event.sentence.end, event.quote, event.confidence,
        event.source.basis if event.source else None, event.target.basis if event.target else None,
        event.from_title,
        event.origin,
        place.basis if place else None,
    )


def quote_row(key: str, quote: Quote) -> Row:
    speaker, cue = quote.speaker, quote.cue
    return (
        key, quote.id, quote.kind, quote.text, quote.start, quote.end,
        *((speaker.actor, speaker.name, speaker.code, speaker.start, speaker.end) if speaker else (None,) * 5),
        *((cue.text, cue.start, cue.end) if cue else (None,) * 3),
    )


def timex_row(key: str, timex: Timex) -> Row:
    return (key, timex.text, timex.start, timex.end, timex.type, timex.value)


def place_row(key: str, place: Place) -> Row:
    return (key, place.text, place.start, place.end, place.name, place.country, place.lat, place.lon,
            place.geonameid, place.feature)


def result_rows(key: str, result: Result, at: datetime) -> dict[str, list[Row]]:
    """Every row one coded article adds, by table."""
    return {
        "articles": [article_row(key, result.article, at)],
        "actors": [actor_row(key, a) for a in result.actors],
        "events": [event_row(key, e) for e in result.events],
        "quotes": [quote_row(key, q) for q in result.quotes],
        "timexes": [timex_row(key, t) for t in result.timexes],
        "places": [place_row(key, p) for p in result.places],
    }


def fresh_results(results: Iterable[Result], known: set[str]) -> dict[str, Result]:
    """``results`` by article key, leaving out the ``known`` keys; the first of equal keys wins."""
    fresh: dict[str, Result] = {}
    for result in results:
        key = article_key(result.article)
        if key not in known:
            fresh.setdefault(key, result)
    return fresh


def batch_rows(fresh: dict[str, Result], at: datetime) -> dict[str, list[Row]]:
    """Every row of the keyed results, by table (the tables without rows are there, empty)."""
    rows: dict[str, list[Row]] = {table: [] for table in ROW_TABLES}
    for key, result in fresh.items():
        for table, table_rows in result_rows(key, result, at).items():
            rows[table].extend(table_rows)
    return rows


def arrow_type(kind: str) -> Any:
    """The Arrow type a column of DuckDB type ``kind`` is written as (dates stay ISO strings)."""
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "DATE": pa.string(), "TIMESTAMP": pa.timestamp("us"),
             "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
             "VARCHAR[]": pa.list_(pa.string())}
    return types[kind.split()[0]]


def arrow_table(table: str, rows: Sequence[Row]) -> Any:
    """Rows of one of :data:`~eventwire.store.schema.TABLES` as a ``pyarrow.Table`` with its columns."""
    import pyarrow as pa

    columns = TABLES[table]
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pa.table({name: pa.array(list(column), type=arrow_type(kind))
                     for (name, kind), column in zip(columns, values, strict=True)})
