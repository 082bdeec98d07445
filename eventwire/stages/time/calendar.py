"""Pure calendar arithmetic: place a month, a day or a weekday relative to a reference date.

Everything here is a function of its arguments (no clock is read): ``reference`` is the
publication date, ``tense`` the tense of the verb that governs the expression. Past tense looks
back from the reference, future tense looks ahead, present tense takes the nearest occurrence.
Values are TimeML strings: ``2018-07-11``, ``2018-05``, ``2018-W27``, ``2018-Q3``, ``2018-SU``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from dateutil.easter import easter  # Gregorian Easter Sunday of a year, for the holidays keyed "E"

Tense = Literal["past", "present", "future"]

LOOK = 90  # days a dated expression may lie against its tense ("said ... payable Dec. 7")
MONTH_LOOK = 45  # days ahead the month a past-tense clause names may begin


def parse_reference(published: str | None) -> dt.date | None:
    """The reference date from an ISO string (``2018-07-12`` or a longer timestamp), or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def day(value: dt.date) -> str:
    return value.isoformat()


def month(year: int, number: int) -> str:
    return f"{year:04d}-{number:02d}"


def week(value: dt.date) -> str:
    """The ISO week holding ``value``: ``2018-W27``."""
    year, number, _ = value.isocalendar()
    return f"{year:04d}-W{number:02d}"


def quarter_of(value: dt.date) -> int:
    return (value.month - 1) // 3 + 1


def add_months(value: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after the month of ``value`` (negative goes back)."""
    index = value.year * 12 + value.month - 1 + months
    return index // 12, index % 12 + 1


def year_for_day(reference: dt.date, month_number: int, day_number: int, tense: Tense) -> int:
    """The year of "July 12" said on ``reference``: the one that falls in the window the tense opens.

    Past tense looks back up to a year but forward only ``LOOK`` days; future tense the reverse;
    present tense takes the nearest occurrence.
    """
    ahead = {"past": LOOK, "future": 365 - LOOK}.get(tense, 182)
    for year in (reference.year, reference.year - 1, reference.year + 1):
        try:
            offset = (dt.date(year, month_number, day_number) - reference).days
        except ValueError:
            continue
        if ahead - 365 <= offset <= ahead:
            return year
    return reference.year


def year_for_month(reference: dt.date, month_number: int, tense: Tense) -> int:
    """The year of "in May" said on ``reference``: past tense looks back (but a month that begins within
    ``MONTH_LOOK`` days is the coming one: "talks opened ... in November" said on Oct. 30), future tense
    looks ahead, present tense takes the nearest."""
    if tense == "present":
        back = (reference.month - month_number) % 12
        ahead = (month_number - reference.month) % 12
        return reference.year - (month_number > reference.month) if back < ahead else \
            reference.year + (month_number < reference.month)
    if tense == "future":
        return reference.year + (month_number < reference.month)
    if month_number <= reference.month:
        return reference.year
    begins = dt.date(reference.year, month_number, 1)
    return reference.year if (begins - reference).days <= MONTH_LOOK else reference.year - 1


def weekday_date(reference: dt.date, weekday: int, tense: Tense, shift: str | None = None) -> dt.date:
    """The date of a weekday (ISO 1-7) mentioned on ``reference``.

    ``shift`` "next" is strictly after the reference, "last" strictly before; otherwise past tense
    takes the last such day on or before the reference, future the next on or after, and present
    the nearest of the two.
    """
    ahead = (weekday - reference.isoweekday()) % 7
    back = (reference.isoweekday() - weekday) % 7
    if shift == "next":
        return reference + dt.timedelta(days=ahead or 7)
    if shift == "last":
        return reference - dt.timedelta(days=back or 7)
    if tense == "future" or (tense == "present" and ahead < back):
        return reference + dt.timedelta(days=ahead)
    return reference - dt.timedelta(days=back)


def season_year(reference: dt.date, season: str, tense: Tense) -> int:
    """The year of "the summer" (TimeML seasons SP, SU, FA, WI) mentioned on ``reference``."""
    order = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
    start = order.get(season, 1)
    now = reference.month
    if tense == "past" and start > now + 1:
        return reference.year - 1
    if tense == "future" and start + 2 < now:
        return reference.year + 1
    return reference.year


def shifted(reference: dt.date, unit: str, offset: int) -> str | None:
    """The calendar unit (``D W M Q Y WE 10Y 100Y``) ``offset`` units from the one holding ``reference``."""
    if unit == "D":
        return day(reference + dt.timedelta(days=offset))
    if unit == "W":
        return week(reference + dt.timedelta(weeks=offset))
    if unit == "WE":
        return week(reference + dt.timedelta(weeks=offset)) + "-WE"
    if unit == "M":
        return month(*add_months(reference, offset))
    if unit == "Q":
        index = reference.year * 4 + quarter_of(reference) - 1 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "Y":
        return f"{reference.year + offset:04d}"
    if unit == "10Y":
        return f"{reference.year // 10 + offset:03d}"
    if unit == "100Y":
        return f"{reference.year // 100 + offset:02d}"
    return None


def ago(reference: dt.date, unit: str, amount: float) -> str | None:
    """The date ``amount`` units before ``reference``, at the unit's granularity ("2 years ago" → 2016)."""
    whole = int(amount)
    if unit == "D":
        return day(reference - dt.timedelta(days=whole))
    if unit == "W":
        return week(reference - dt.timedelta(weeks=whole))
    if unit == "M":
        return month(*add_months(reference, -whole))
    if unit == "Q":
        return month(*add_months(reference, -3 * whole))
    if unit == "Y":
        return f"{reference.year - whole:04d}"
    if unit == "10Y":
        return f"{reference.year - 10 * whole:04d}"
    return None


def holiday(rule: str, year: int) -> dt.date:
    """The date of a holiday rule of the time word table in ``year`` (``12-25``, ``E-2``, ``11:4:4``)."""
    if rule.startswith("E"):
        return easter(year) + dt.timedelta(days=int(rule[1:]))
    if ":" in rule:
        month_number, weekday, nth = (int(part) for part in rule.split(":"))
        if nth > 0:
            first = dt.date(year, month_number, 1)
            return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        last = dt.date(year + month_number // 12, month_number % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    month_number, day_number = (int(part) for part in rule.split("-"))
    return dt.date(year, month_number, day_number)
