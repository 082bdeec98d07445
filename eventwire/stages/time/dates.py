"""The date of an event, from the time expressions around its clause or the publication date.

    event_date(timexes, clause, sentence, published) -> EventDate | None
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...models import EventDate, Offsets, Precision, Timex
from . import calendar as cal

DAY = re.compile(r"^\d{4}-\d\d-\d\d")
MONTH = re.compile(r"^\d{4}-\d\d$")
WEEK = re.compile(r"^\d{4}-W\d\d")
VAGUE_VALUES = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})
YEAR_PART = re.compile(r"^\d{4}(?:-(?:Q\d|H\d|SP|SU|FA|WI))?$")


def precision(value: str | None) -> Precision | None:
    """How precisely a TimeML value dates an event (a week counts as month); None if it cannot."""
    if not value:
        return None
    if DAY.match(value):
        return "day"
    if MONTH.match(value) or WEEK.match(value):
        return "month"
    if YEAR_PART.match(value):
        return "year"
    return None


def event_date(timexes: Sequence[Timex], clause: Offsets, sentence: Offsets,
               published: str | None) -> EventDate | None:
    """The date of an event: a DATE/TIME expression in its clause, else the nearest in its sentence,
    else the publication date; durations, sets and vague references never date an event, and a
    clause with a vague reference ("in the near future") takes no date from the rest of its sentence."""
    datable = [t for t in timexes if t.type in {"DATE", "TIME"} and precision(t.value)]
    inside = [t for t in datable if clause.start <= t.start and t.end <= clause.end]
    if not inside and not _vague_in(timexes, clause):
        inside = [t for t in datable if sentence.start <= t.start and t.end <= sentence.end]
    if inside:
        best = min(inside, key=lambda t: (_distance(t, clause), t.start))
        return EventDate(_date_part(best.value or ""), precision(best.value) or "year", "text", best.text)
    reference = cal.parse_reference(published)
    if reference is None:
        return None
    return EventDate(reference.isoformat(), "day", "publication", None)


def _vague_in(timexes: Sequence[Timex], clause: Offsets) -> bool:
    return any(t.value in VAGUE_VALUES and clause.start <= t.start and t.end <= clause.end for t in timexes)


def _distance(timex: Timex, clause: Offsets) -> int:
    if timex.end <= clause.start:
        return clause.start - timex.end
    if timex.start >= clause.end:
        return timex.start - clause.end
    return 0


def _date_part(value: str) -> str:
    """A TimeML value without its time of day (``2018-07-11TNI`` → ``2018-07-11``)."""
    return value.split("T", 1)[0] if DAY.match(value) else value
