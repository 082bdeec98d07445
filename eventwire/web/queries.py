"""The read queries behind the web pages and the REST API, over one :class:`~eventwire.store.Store`.

Every function takes a store and plain values and returns plain dicts and lists (JSON-ready once
dates are encoded). All values reach DuckDB as parameters; the only SQL text built here is made of
fixed fragments chosen by which filters are set. The events filter is
:class:`eventwire.store.filters.EventFilter`, the one the CLI and the analysis use too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..analysis.layout import MAX_NODES, Link, force_layout
from ..store import Store
from ..store.filters import EventFilter, conditions, where_clause

__all__ = ["EventFilter", "actor", "article", "articles", "contract_event", "dashboard", "dashboard_stored",
           "dyad_series", "event_table", "events", "network", "quotes", "quotes_by_code", "top_actors", "top_dyads",
           "watch"]

MAX_LIMIT = 500
EVENT_ORDER = " ORDER BY a.published DESC NULLS LAST, a.id, e.trigger_start, e.id"
EVENT_SELECT = (
    "SELECT a.id AS article_id, a.title AS article_title, a.published AS article_published, e.* "
    "FROM events e JOIN articles a ON a.key = e.article_key"
)


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = store.connection.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _count(store: Store, sql: str, params: list[Any]) -> int:
    """The number a ``SELECT count(*) ...`` query gives."""
    return int(store.connection.execute(sql, params).fetchall()[0][0])


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def events(store: Store, flt: EventFilter, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """One page of events (newest articles first) with the total that match."""
    limit, offset = _clamp(limit, offset)
    where, params = conditions(flt)
    total = _count(store, "SELECT count(*) FROM events e JOIN articles a ON a.key = e.article_key"
                   + where_clause(where), params)
    rows = _dicts(store, EVENT_SELECT + where_clause(where) + EVENT_ORDER + " LIMIT ? OFFSET ?",
                  [*params, limit, offset])
    return {"total": int(total), "limit": limit, "offset": offset, "filters": flt.as_params(),
            "events": [_event_row(r) for r in rows]}


def event_table(store: Store, flt: EventFilter, batch: int = 5000) -> Iterator[list[Any]]:
    """Every event that matches, in the order of the events page: the column names first, then one list of
    values per event (its article's id, title and date, then the columns of the events table). Read in
    batches of ``batch`` rows, so a large answer is never all in memory."""
    where, params = conditions(flt)
    cursor = store.connection.execute(
        "SELECT a.id AS article_id, a.title AS article_title, a.published AS article_published, "
        "e.* EXCLUDE (article_key) FROM events e JOIN articles a ON a.key = e.article_key"
        + where_clause(where) + EVENT_ORDER, params)
    yield [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(batch):
        yield from (list(row) for row in rows)


def _event_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row without its storage key, with its article's id."""
    row = dict(row)
    row.pop("article_key", None)
    return row


# ----------------------------------------------------------------------------- articles


def articles(store: Store, limit: int = 50, offset: int = 0, q: str | None = None) -> dict[str, Any]:
    """One page of stored articles (newest first) with event and quote counts; ``q`` searches titles and text."""
    limit, offset = _clamp(limit, offset)
    where, params = ([], [])
    if q:
        where, params = (["(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))"], [q, q])
    total = _count(store, "SELECT count(*) FROM articles a" + where_clause(where), params)
    rows = _dicts(
        store,
        "SELECT a.id, a.title, a.published, a.source, a.wire, a.url, length(a.text) AS chars, "
        "(SELECT count(*) FROM events e WHERE e.article_key = a.key) AS events, "
        "(SELECT count(*) FROM quotes q WHERE q.article_key = a.key) AS quotes "
        "FROM articles a" + where_clause(where) + " ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {"total": int(total), "limit": limit, "offset": offset, "articles": rows}


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One stored article in the shape of the output contract, or None when there is no such id."""
    found = _dicts(store, "SELECT key, id, title, published, source, wire, url, text, place_name, place_country, "
                          "place_lat, place_lon, place_text FROM articles WHERE id = ? ORDER BY key LIMIT 1",
                   [article_id])
    if not found:
        return None
    row = found[0]
    key = [row.pop("key")]
    text = row.pop("text")
    place = {part: row.pop(f"place_{part}") for part in ("name", "country", "lat", "lon", "text")}
    row["place"] = place if place["name"] is not None else None
    return {
        "article": row,
        "text": text,
        "actors": [_actor(r) for r in _dicts(store, "SELECT * FROM actors WHERE article_key = ? ORDER BY id", key)],
        "events": [contract_event(r) for r in _dicts(
            store, "SELECT * FROM events WHERE article_key = ? ORDER BY trigger_start, id", key)],
        "quotes": [_quote(r) for r in _dicts(
            store, "SELECT * FROM quotes WHERE article_key = ? ORDER BY start_char, id", key)],
        "timexes": _dicts(store, "SELECT text, start_char AS start, end_char AS \"end\", type, value FROM timexes "
                                 "WHERE article_key = ? ORDER BY start_char", key),
        "places": _dicts(store, "SELECT text, start_char AS start, end_char AS \"end\", name, country, lat, lon, "
                                "geonameid FROM places WHERE article_key = ? ORDER BY start_char", key),
    }


def _actor(row: dict[str, Any]) -> dict[str, Any]:
    mentions = [{"start": s, "end": e, "text": t} for s, e, t in json.loads(row["mentions"] or "[]")]
    return {"id": row["id"], "name": row["name"], "code": row["code"], "country": row["country"],
            "sectors": list(row["sectors"] or []), "kind": row["kind"], "role": row["role"], "mentions": mentions}


def _ref(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if row[f"{side}_actor"] is None and row[f"{side}_code"] is None:
        return None
    return {part: row[f"{side}_{part}"] for part in ("actor", "name", "code", "country")}


def _group(row: dict[str, Any], prefix: str, parts: tuple[str, ...], key: str) -> dict[str, Any] | None:
    if row[f"{prefix}_{key}"] is None:
        return None
    return {part: row[f"{prefix}_{part}"] for part in parts}


def contract_event(row: dict[str, Any]) -> dict[str, Any]:
    """A stored events row in the nested shape of the output contract."""
    return {
        "id": row["id"], "source": _ref(row, "source"), "target": _ref(row, "target"),
        "cameo": {part: row[f"cameo_{part}"] for part in ("code", "root", "label", "goldstein", "quad_class")},
        "plover": {"type": row["plover_type"], "mode": row["plover_mode"],
                   "context": list(row["plover_context"] or [])},
        "modality": row["modality"],
        "date": _group(row, "date", ("value", "precision", "basis", "text"), "value"),
        "location": _location(row),
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "sentence": {"start": row["sentence_start"], "end": row["sentence_end"]},
        "quote": row["quote_id"], "confidence": row["confidence"], "from_title": bool(row.get("from_title")),
        "origin": row.get("origin") or "rules",
    }


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    """An event's place in the contract's shape (a row stored before its basis was kept: ``text``)."""
    location = _group(row, "location", ("name", "country", "lat", "lon", "text"), "name")
    return None if location is None else {**location, "basis": row.get("location_basis") or "text"}


def _quote(row: dict[str, Any]) -> dict[str, Any]:
    speaker = None
    if row["speaker_name"] is not None or row["speaker_actor"] is not None:
        speaker = {"actor": row["speaker_actor"], "name": row["speaker_name"], "code": row["speaker_code"],
                   "start": row["speaker_start"], "end": row["speaker_end"]}
    cue = None
    if row["cue_text"] is not None:
        cue = {"text": row["cue_text"], "start": row["cue_start"], "end": row["cue_end"]}
    return {"id": row["id"], "kind": row["kind"], "text": row["text"], "start": row["start_char"],
            "end": row["end_char"], "speaker": speaker, "cue": cue}


# ----------------------------------------------------------------------------- quotes and actors


def quotes(store: Store, speaker: str | None = None, q: str | None = None,
           limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Quotes whose speaker name contains (or code starts with) ``speaker`` and whose text contains ``q``."""
    limit, offset = _clamp(limit, offset)
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append("(contains(lower(qu.speaker_name), lower(?)) OR starts_with(qu.speaker_code, upper(?)))")
        params += [speaker, speaker]
    if q:
        where.append("contains(lower(qu.text), lower(?))")
        params.append(q)
    base = " FROM quotes qu JOIN articles a ON a.key = qu.article_key" + where_clause(where)
    total = _count(store, "SELECT count(*)" + base, params)
    rows = _dicts(store, "SELECT a.id AS article_id, a.title AS article_title, a.published AS article_published, "
                         "qu.id, qu.kind, qu.text, qu.start_char AS start, qu.end_char AS \"end\", qu.speaker_name, "
                         "qu.speaker_code" + base
                  + " ORDER BY a.published DESC NULLS LAST, a.id, qu.start_char LIMIT ? OFFSET ?",
                  [*params, limit, offset])
    return {"total": int(total), "limit": limit, "offset": offset, "quotes": rows}


ACTOR_SIDES = (
    "SELECT source_code AS code, source_name AS name, cameo_goldstein AS goldstein, article_key FROM events "
    "WHERE source_code IS NOT NULL UNION ALL "
    "SELECT target_code, target_name, cameo_goldstein, article_key FROM events WHERE target_code IS NOT NULL"
)


def top_actors(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Actor codes by number of events they take part in, with their most frequent name."""
    return _dicts(store, f"SELECT code, mode(name) AS name, count(*) AS events, "
                         f"count(DISTINCT article_key) AS articles, round(avg(goldstein), 2) AS mean_goldstein "
                         f"FROM ({ACTOR_SIDES}) GROUP BY code ORDER BY events DESC, code LIMIT ?",
                  [_clamp(limit, 0)[0]])


def actor(store: Store, code: str, limit: int = 50) -> dict[str, Any]:
    """One actor code: its names, events, quotes and neighbours (the codes it acts with)."""
    code = code.upper()
    names = _dicts(store, "SELECT name, count(*) AS events FROM (" + ACTOR_SIDES + ") WHERE code = ? "
                          "GROUP BY name ORDER BY events DESC, name LIMIT 10", [code])
    neighbours = _dicts(
        store,
        "SELECT CASE WHEN source_code = ? THEN target_code ELSE source_code END AS code, "
        "sum(CASE WHEN source_code = ? THEN 1 ELSE 0 END) AS outgoing, "
        "sum(CASE WHEN target_code = ? THEN 1 ELSE 0 END) AS incoming, count(*) AS events, "
        "round(avg(cameo_goldstein), 2) AS mean_goldstein FROM events "
        "WHERE (source_code = ? OR target_code = ?) AND source_code IS NOT NULL AND target_code IS NOT NULL "
        "GROUP BY ALL ORDER BY events DESC, code LIMIT 25",
        [code] * 5,
    )
    exact = _dicts(store, EVENT_SELECT + " WHERE (e.source_code = ? OR e.target_code = ?)" + EVENT_ORDER
                   + " LIMIT ?", [code, code, _clamp(limit, 0)[0]])
    said = quotes_by_code(store, code, limit)
    return {"code": code, "names": names, "events": [_event_row(r) for r in exact],
            "quotes": said, "neighbours": neighbours}


def quotes_by_code(store: Store, code: str, limit: int = 50) -> list[dict[str, Any]]:
    """Quotes whose speaker has exactly this code."""
    return _dicts(store, "SELECT a.id AS article_id, a.published AS article_published, qu.id, qu.kind, qu.text, "
                         "qu.speaker_name FROM quotes qu JOIN articles a ON a.key = qu.article_key "
                         "WHERE qu.speaker_code = ? ORDER BY a.published DESC NULLS LAST, qu.start_char LIMIT ?",
                  [code, _clamp(limit, 0)[0]])


# ----------------------------------------------------------------------------- dyads and network


def dyad_series(store: Store, flt: EventFilter) -> list[dict[str, Any]]:
    """The events of ``flt`` (a dyad: either direction, codes by prefix unless exact) per month: counts by
    QuadClass, mean Goldstein."""
    where, params = conditions(flt)
    return _dicts(
        store,
        "SELECT substr(e.date_value, 1, 7) AS period, count(*) AS events, "
        "count(*) FILTER (WHERE cameo_quad_class = 1) AS q1, count(*) FILTER (WHERE cameo_quad_class = 2) AS q2, "
        "count(*) FILTER (WHERE cameo_quad_class = 3) AS q3, count(*) FILTER (WHERE cameo_quad_class = 4) AS q4, "
        "round(avg(cameo_goldstein), 2) AS mean_goldstein FROM events e"
        + where_clause(["length(e.date_value) >= 7", *where]) + " GROUP BY period ORDER BY period",
        params,
    )


NETWORK = """
WITH pairs AS MATERIALIZED (
    SELECT e.source_code AS source, e.target_code AS target, count(*) AS events,
           round(avg(e.cameo_goldstein), 2) AS mean_goldstein
    FROM events e{where} GROUP BY ALL HAVING count(*) >= ?),
ranked AS (
    SELECT code, sum(events) AS events FROM (SELECT source AS code, events FROM pairs
                                             UNION ALL SELECT target, events FROM pairs)
    GROUP BY code ORDER BY events DESC, code LIMIT ?),
kept AS (
    SELECT p.* FROM pairs p WHERE p.source IN (SELECT code FROM ranked) AND p.target IN (SELECT code FROM ranked)
    QUALIFY row_number() OVER (ORDER BY p.events DESC, p.source, p.target) <= ? * (SELECT count(*) FROM ranked))
SELECT 'node' AS kind, code AS source, NULL AS target, events, NULL AS mean_goldstein FROM ranked
UNION ALL SELECT 'edge', source, target, events, mean_goldstein FROM kept
"""
EDGES_PER_NODE = 4


def network(store: Store, since: str | None = None, until: str | None = None,
            min_events: int = 1, limit: int = 60) -> dict[str, Any]:
    """Who acts on whom, for the ``limit`` most active actor codes only (at most ``MAX_NODES``).

    Nodes are ranked by their events in pairs of at least ``min_events``; the edges are the busiest directed
    pairs between them (at most four per node), and the nodes are placed by :func:`force_layout`. One pass
    over the events.
    """
    where, params = conditions(EventFilter(since=since, until=until))
    where += ["e.source_code IS NOT NULL", "e.target_code IS NOT NULL", "e.source_code <> e.target_code"]
    count = max(1, min(int(limit), MAX_NODES))
    found = _dicts(store, NETWORK.format(where=where_clause(where)),
                   [*params, max(1, int(min_events)), count, EDGES_PER_NODE])
    ranked = sorted((r for r in found if r["kind"] == "node"), key=lambda r: (-r["events"], r["source"]))
    edges = sorted(({k: r[k] for k in ("source", "target", "events", "mean_goldstein")}
                    for r in found if r["kind"] == "edge"), key=lambda e: (-e["events"], e["source"], e["target"]))
    kept = {row["source"]: int(row["events"]) for row in ranked}
    placed = force_layout(list(kept), [Link(e["source"], e["target"], e["events"]) for e in edges])
    nodes = [{"code": p.code, "events": kept[p.code], "x": p.x, "y": p.y, "community": p.community}
             for p in placed]
    return {"since": since, "until": until, "min_events": min_events, "limit": count,
            "communities": len({p.community for p in placed}), "nodes": nodes, "edges": edges}


def top_dyads(store: Store, actor: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The pairs of codes with most events between them (both directions), optionally those with ``actor``.

    ``a`` is the code that sorts first; ``a_to_b`` and ``b_to_a`` count each direction, ``conflict`` the events
    of QuadClass 3 and 4. ``actor`` matches either code by prefix, like the dyad timeline.
    """
    where = ["source_code IS NOT NULL", "target_code IS NOT NULL", "source_code <> target_code"]
    params: list[Any] = []
    if actor:
        where.append("(starts_with(source_code, upper(?)) OR starts_with(target_code, upper(?)))")
        params += [actor, actor]
    return _dicts(
        store,
        "WITH pairs AS (SELECT source_code AS s, target_code AS t, count(*) AS n, "
        "count(*) FILTER (WHERE cameo_quad_class IN (3, 4)) AS c, sum(cameo_goldstein) AS g, "
        "count(cameo_goldstein) AS gn, min(date_value) AS f, max(date_value) AS l FROM events"
        + where_clause(where) + " GROUP BY ALL) "
        "SELECT least(s, t) AS a, greatest(s, t) AS b, sum(n) AS events, "
        "coalesce(sum(n) FILTER (WHERE s < t), 0) AS a_to_b, coalesce(sum(n) FILTER (WHERE s > t), 0) AS b_to_a, "
        "sum(c) AS conflict, round(sum(g) / nullif(sum(gn), 0), 2) AS mean_goldstein, min(f) AS first, "
        "max(l) AS last FROM pairs GROUP BY ALL ORDER BY events DESC, a, b LIMIT ?",
        [*params, _clamp(limit, 0)[0]],
    )


def dashboard(store: Store, latest: int = 15, stored: dict[str, Any] | None = None) -> dict[str, Any]:
    """Totals, events by CAMEO root and PLOVER type, top dyads, the latest events, the watched sources.

    ``stored`` is :func:`dashboard_stored` when the caller has it already (it changes only with the store).
    """
    data = dict(stored if stored is not None else dashboard_stored(store, latest))
    data["watch"] = watch(store)
    return data


def dashboard_stored(store: Store, latest: int = 15) -> dict[str, Any]:
    """The part of the dashboard that depends only on what is stored: totals, events by CAMEO root and PLOVER
    type, top dyads and actors, and the ``latest`` events (without counting all events again)."""
    data = store.summary(top=10, examples=0)
    data.pop("examples", None)
    data["top_actors"] = top_actors(store, limit=10)
    rows = _dicts(store, EVENT_SELECT + EVENT_ORDER + " LIMIT ?", [_clamp(latest, 0)[0]])
    data["latest"] = [_event_row(r) for r in rows]
    return data


def watch(store: Store, runs: int = 5) -> list[dict[str, Any]]:
    """The watcher's sources with their last run, new articles and errors, and their latest runs; empty
    when nothing is watched (or the store predates the watcher)."""
    from ..watch.state import status

    return status(store.connection, runs)
