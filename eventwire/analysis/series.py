"""Counts over time and most active actors, computed on canonical events (each real event once).

    dyad_series(store, "IRN", "USA", "month")   # [{"period": "2018-07", "q1", "q2", "q3", "q4", "total", "goldstein"}]
    timeline(store, "SYR", "week")               # the same shape, for every event an actor takes part in
    top_actors(store, limit=20)                  # [{"code", "name", "country", "events", "as_source", ...}]

Actor codes match by prefix, as everywhere in eventwire: "IRN" matches "IRNGOV" and "IRNMIL". An event is
placed in a period only when its date is at least as precise as the period (a month-precision date counts
in a monthly series, not in a weekly one). Periods with no event inside the series' span are listed with
zeros, so the rows can be plotted as they are. ``goldstein`` is the mean Goldstein value (None when empty).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..store import Store
from ..store.filters import CANONICAL_EVENTS, EventFilter, conditions
from .linking import ensure_linked, rows

FREQS: dict[str, tuple[str, tuple[str, ...]]] = {
    # freq: (period label format, date precisions that fit in the period)
    "day": ("%Y-%m-%d", ("day",)),
    "week": ("%Y-%m-%d", ("day",)),
    "month": ("%Y-%m", ("day", "month")),
    "year": ("%Y", ("day", "month", "year")),
}
QUADS = ("q1", "q2", "q3", "q4")


def _check_freq(freq: str) -> tuple[str, tuple[str, ...]]:
    if freq not in FREQS:
        raise ValueError(f"unknown frequency {freq!r}; use one of {', '.join(FREQS)}")
    return FREQS[freq]


def _counts_sql(freq: str, condition: str) -> str:
    _, precisions = _check_freq(freq)
    fits = ", ".join(f"'{p}'" for p in precisions)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {i}) AS q{i}" for i in range(1, 5))
    return (f"SELECT date_trunc('{freq}', date) AS period, {quads}, count(*) AS total, "
            f"avg(goldstein) AS goldstein FROM canonical_events "
            f"WHERE date IS NOT NULL AND date_precision IN ({fits}) AND ({condition}) GROUP BY 1 ORDER BY 1")


def _next(day: date, freq: str) -> date:
    if freq == "day":
        return day + timedelta(days=1)
    if freq == "week":
        return day + timedelta(days=7)
    if freq == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def _filled(found: list[dict[str, Any]], freq: str) -> list[dict[str, Any]]:
    """One row per period from the first to the last found, empty periods with zero counts."""
    if not found:
        return []
    label, _ = FREQS[freq]
    by_period = {row["period"]: row for row in found}
    day, last, out = found[0]["period"], found[-1]["period"], []
    while day <= last:
        row = by_period.get(day) or {**{q: 0 for q in QUADS}, "total": 0, "goldstein": None}
        mean = row["goldstein"]
        out.append({"period": day.strftime(label), **{q: int(row[q]) for q in QUADS}, "total": int(row["total"]),
                    "goldstein": None if mean is None else round(float(mean), 3)})
        day = _next(day, freq)
    return out


def _series(store: Store, freq: str, flt: EventFilter) -> list[dict[str, Any]]:
    ensure_linked(store)
    where, params = conditions(flt, CANONICAL_EVENTS)
    found = rows(store, _counts_sql(freq, " AND ".join(where) or "true"), params)
    for row in found:
        row["period"] = row["period"].date() if hasattr(row["period"], "date") else row["period"]
    return _filled(found, freq)


def dyad_series(store: Store, a: str, b: str, freq: str = "month", *, directed: bool = False) -> list[dict[str, Any]]:
    """Events between actors ``a`` and ``b`` per period, by QuadClass, with their mean Goldstein value.

    Both directions count unless ``directed`` (then only ``a`` acting on ``b``).
    """
    flt = EventFilter(source=a, target=b) if directed else EventFilter(dyad=(a, b))
    return _series(store, freq, flt)


def timeline(store: Store, actor: str, freq: str = "month") -> list[dict[str, Any]]:
    """Events ``actor`` takes part in (as source or target) per period, by QuadClass, with mean Goldstein."""
    return _series(store, freq, EventFilter(actor=actor))


def top_actors(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """The most active actor codes: events as source or target, with their commonest name and mentions."""
    ensure_linked(store)
    return [{**row, **{k: int(row[k]) for k in ("events", "as_source", "as_target", "mentions")}}
            for row in rows(store, "SELECT * FROM actor_summary ORDER BY events DESC, code LIMIT ?", [int(limit)])]
