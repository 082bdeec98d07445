"""The event filter: one set of conditions on events, shared by the CLI, the web UI and the analysis.

    flt = EventFilter(actor="IRN", since="2018-07-01")
    where, params = conditions(flt)                      # the store's events rows (aliases e and a)
    where, params = conditions(flt, CANONICAL_EVENTS)    # eventwire link's canonical_events

Actor codes match by prefix ("IRN" matches "IRNGOV"), case-insensitively, or whole with ``exact=True``;
``since`` and ``until`` are ISO dates compared at the precision of the event date, so an event dated
"2018-07" is kept by ``since="2018-07-20"``; ``implied=False`` leaves out the events whose source the
text does not give but their trigger implies (source basis ``implied``: "five men were arrested in Karachi");
``min_confidence`` keeps the events whose ``confidence`` is at least that (a canonical event's is the highest of
its mentions').
:class:`EventColumns` says where each filter's column lives in a query. Every value reaches DuckDB as a
parameter; the SQL text is made of fixed fragments and the column names here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

Conditions = tuple[list[str], list[Any]]


@dataclass(frozen=True)
class EventFilter:
    """The filters of an events query; every field is optional and an empty one filters nothing."""

    actor: str | None = None  # source or target code starts with it
    source: str | None = None  # source code starts with it
    target: str | None = None  # target code starts with it
    dyad: tuple[str, str] | None = None  # A→B or B→A, codes by prefix
    root: str | None = None  # CAMEO root, "05"
    plover: str | None = None  # PLOVER type, "SUPPORT"
    quad: int | None = None  # QuadClass 1-4
    since: str | None = None  # ISO date, compared at the event date's precision
    until: str | None = None
    place: str | None = None  # location name contains it, or its country code equals it
    article: str | None = None  # article id
    implied: bool | None = None  # False: leave out events whose source is implied, not told ("were arrested")
    exact: bool | None = None  # True: actor, source, target and dyad codes match whole, not by prefix
    min_confidence: float | None = None  # confidence at least this (0-1)

    def as_params(self) -> dict[str, Any]:
        """The filters that are set, as query-string values (for links and forms)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = ",".join(value) if isinstance(value, tuple) else value
        return out


@dataclass(frozen=True)
class EventColumns:
    """Where the filtered columns are in a query, and how a code prefix is matched.

    ``ranges`` matches a code prefix as a range (``code >= 'IRN' AND code < 'IRO'``), which DuckDB can
    answer by skipping row groups of a table sorted by that code; otherwise with ``starts_with``. A
    column that is None makes its filter an error (the table has no such column).
    """

    source_code: str
    target_code: str
    cameo_root: str
    plover_type: str
    quad_class: str
    date_value: str
    location_name: str
    location_country: str
    article_id: str | None = None
    ranges: bool = False
    source_basis: str | None = None
    confidence: str | None = None


# The store's events rows as ``events e JOIN articles a ON a.key = e.article_key``.
EVENTS = EventColumns("e.source_code", "e.target_code", "e.cameo_root", "e.plover_type", "e.cameo_quad_class",
                      "e.date_value", "e.location_name", "e.location_country", article_id="a.id",
                      source_basis="e.source_basis", confidence="e.confidence")

# The canonical_events table of eventwire.analysis.linking, unaliased; sorted by source code.
CANONICAL_EVENTS = EventColumns("source_code", "target_code", "cameo_root", "plover_type", "quad_class",
                                "date_value", "location_name", "location_country", ranges=True,
                                confidence="confidence")


def prefix_range(code: str) -> tuple[str, str]:
    """The codes that start with ``code`` (upper-cased) as a range ``[low, high)``.

    ``high`` is ``code`` with its last character raised by one; a code of no characters spans them all.
    """
    low = code.upper()
    if not low:
        return "", "\U0010ffff"
    return low, low[:-1] + chr(ord(low[-1]) + 1)


def _starts(column: str, code: str, ranges: bool) -> Conditions:
    """``column`` starts with ``code`` (upper-cased); as a range when asked and the code is not empty
    and its last character has a successor."""
    if ranges and code and not code.endswith("\U0010ffff"):
        return [f"({column} >= ? AND {column} < ?)"], list(prefix_range(code))
    return [f"starts_with({column}, ?)"], [code.upper()]


def _either(first: Conditions, second: Conditions) -> Conditions:
    """One condition that holds when all of ``first`` or all of ``second`` hold."""
    joined = f"(({' AND '.join(first[0])}) OR ({' AND '.join(second[0])}))"
    return [joined], first[1] + second[1]


def _codes(flt: EventFilter, cols: EventColumns) -> Conditions:
    """The conditions on actor codes: actor, source, target and dyad."""
    where: list[str] = []
    params: list[Any] = []

    def add(found: Conditions) -> None:
        where.extend(found[0])
        params.extend(found[1])

    def starts(column: str, code: str) -> Conditions:
        if flt.exact:
            return [f"{column} = ?"], [code.upper()]
        return _starts(column, code, cols.ranges)

    if flt.actor:
        add(_either(starts(cols.source_code, flt.actor), starts(cols.target_code, flt.actor)))
    if flt.source:
        add(starts(cols.source_code, flt.source))
    if flt.target:
        add(starts(cols.target_code, flt.target))
    if flt.dyad:
        a, b = flt.dyad
        forward = [starts(cols.source_code, a), starts(cols.target_code, b)]
        backward = [starts(cols.source_code, b), starts(cols.target_code, a)]
        add(_either(_all(forward), _all(backward)))
    return where, params


def _all(parts: list[Conditions]) -> Conditions:
    return [c for part in parts for c in part[0]], [p for part in parts for p in part[1]]


def _article_column(cols: EventColumns) -> str:
    if cols.article_id is None:
        raise ValueError("these events have no article id to filter by; filter the store's events instead")
    return cols.article_id


def _basis_column(cols: EventColumns) -> str:
    if cols.source_basis is None:
        raise ValueError("these events do not say how their source is given; filter the store's events instead")
    return cols.source_basis


def _confidence_column(cols: EventColumns) -> str:
    if cols.confidence is None:
        raise ValueError("these events carry no confidence; filter the store's events instead")
    return cols.confidence


def _values(flt: EventFilter, cols: EventColumns) -> Conditions:
    """The conditions on single values: root, PLOVER type, QuadClass, article, dates, place, whether
    an implied source is kept (a row stored before schema version 3 has none: its NULL basis is kept) and
    the lowest confidence."""
    where: list[str] = []
    params: list[Any] = []
    if flt.root:
        where.append(f"{cols.cameo_root} = ?")
        params.append(flt.root.zfill(2))
    if flt.plover:
        where.append(f"{cols.plover_type} = ?")
        params.append(flt.plover.upper())
    if flt.quad:
        where.append(f"{cols.quad_class} = ?")
        params.append(int(flt.quad))
    if flt.article:
        where.append(f"{_article_column(cols)} = ?")
        params.append(str(flt.article))
    if flt.since:
        where.append(f"{cols.date_value} >= substr(?, 1, length({cols.date_value}))")
        params.append(flt.since)
    if flt.until:
        where.append(f"{cols.date_value} <= substr(?, 1, length({cols.date_value}))")
        params.append(flt.until)
    if flt.place:
        where.append(f"(contains(lower({cols.location_name}), lower(?)) OR {cols.location_country} = upper(?))")
        params += [flt.place, flt.place]
    if flt.implied is False:
        where.append(f"coalesce({_basis_column(cols)}, '') <> ?")
        params.append("implied")
    if flt.min_confidence is not None:
        where.append(f"{_confidence_column(cols)} >= ?")
        params.append(float(flt.min_confidence))
    return where, params


def conditions(flt: EventFilter, cols: EventColumns = EVENTS) -> Conditions:
    """The SQL conditions of ``flt`` (to be joined with AND) and their parameters, in order."""
    codes, values = _codes(flt, cols), _values(flt, cols)
    return codes[0] + values[0], codes[1] + values[1]


def where_clause(where: list[str]) -> str:
    """`` WHERE`` and the conditions joined with AND, or nothing when there are none."""
    return " WHERE " + " AND ".join(where) if where else ""
