"""The narrative's time: what anaphoric expressions are resolved against, as an article is read in order.

Deictic expressions ("yesterday", "last week", "three years ago") look from the publication date. Anaphoric
ones look from where the narrative is: "the following month" after "in March 1989" is April 1989, "a day
earlier" after "on Oct. 23" is Oct. 22. A report of results speaks of a reporting period, and its comparisons
are with the same period of the year before: after "third-quarter profit rose", "up from $5 million a year
ago" and "the year-earlier period" are the third quarter of the year before, and "the quarter" and "the
latest period" are the third quarter itself.

    Focus.start(reference)              the focus before the first expression: the publication date
    focus.next_sentence()               the focus as a new sentence begins
    focus.after(rule, type, value, text) the focus once an expression has been read
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
MONTH = re.compile(r"^(\d{4})-(\d\d)$")
YEAR = re.compile(r"^(\d{4})$")
PERIOD = re.compile(r"^(\d{4})-([QH])(\d)$")
# The rules whose expressions move the narrative: dates the text names (absolutely or from the publication
# date), not the anaphoric ones, which are resolved from the focus and would otherwise feed on themselves.
DATING_RULES = frozenset({"date", "month_year", "month", "holiday", "iso", "numeric", "year", "weekday",
                          "deictic", "clock", "spoken_year", "month_relative_year"})
PERIOD_RULES = frozenset({"quarter", "relative_quarter"})
LONGER = re.compile(r"^P(?:[4-9]|1[0-2])M$|^P1Y$")  # a stretch of a report longer than its quarter: P9M, P1Y


@dataclass(frozen=True)
class Focus:
    """Where the narrative is: the day it last dated (the first day of a month or year it named, with
    ``grain`` saying which: ``D``, ``M`` or ``Y``), and the quarter or half of a year it reports on: the
    last one it named that had ended in the year before the reference date (None until then); ``longer`` when
    the sentence read speaks of a longer stretch of the report ("for the nine months, net rose from a year
    earlier"), whose comparisons are with the year before, not the quarter."""

    reference: dt.date | None
    date: dt.date | None
    grain: str = "D"
    period: str | None = None
    longer: bool = False

    @classmethod
    def start(cls, reference: dt.date | None) -> Focus:
        return cls(reference, reference)

    @property
    def reported(self) -> str | None:
        """The quarter or half of a year the sentence read reports on (None in one on a longer stretch)."""
        return None if self.longer else self.period

    def next_sentence(self) -> Focus:
        return replace(self, longer=False) if self.longer else self

    def after(self, rule: str, kind: str, value: str | None, text: str = "") -> Focus:
        """The focus after an expression ``text`` made by ``rule`` with TimeML ``kind`` and ``value``.

        A report is on the latest quarter it names: an earlier one named after it is a comparison ("after a
        flat second quarter"), unless it is a fiscal quarter (another company's year)."""
        if kind == "DURATION" and value and LONGER.match(value):
            return replace(self, longer=True)
        if kind not in {"DATE", "TIME"} or not value:
            return self
        if rule in PERIOD_RULES:
            earlier = self.period is not None and ends(value) < ends(self.period) and "fiscal" not in text.lower()
            return replace(self, period=value) if ended(value, self.reference) and not earlier else self
        if rule not in DATING_RULES:
            return self
        found = first_day(value)
        return self if found is None else replace(self, date=found[0], grain=found[1])

    def at(self, grain: str) -> dt.date | None:
        """The narrative's date if it is known at least to ``grain`` (``D``, ``M`` or ``Y``), else the
        reference date."""
        return self.date if ORDER.index(self.grain) <= ORDER.index(grain) else self.reference


def ended(period: str, reference: dt.date | None) -> bool:
    """Whether a quarter or half of a year (``1989-Q3``) had ended by ``reference``, within the year before it."""
    if reference is None or PERIOD.match(period) is None:
        return False
    return 0 < reference.year * 12 + reference.month - 1 - ends(period) <= 12


def ends(period: str) -> int:
    """The month a quarter or half of a year (``1989-Q3``) ends in, counted from year 0 (0 for other values)."""
    found = PERIOD.match(period)
    if found is None:
        return 0
    months = 3 if found[2] == "Q" else 6
    return int(found[1]) * 12 + int(found[3]) * months - 1


ORDER = "DMY"


def first_day(value: str) -> tuple[dt.date, str] | None:
    """The first day of a TimeML day, month or year value, with its grain; None for any other value."""
    try:
        if found := DAY.match(value):
            return dt.date(int(found[1]), int(found[2]), int(found[3])), "D"
        if found := MONTH.match(value):
            return dt.date(int(found[1]), int(found[2]), 1), "M"
        if found := YEAR.match(value):
            return dt.date(int(found[1]), 1, 1), "Y"
    except ValueError:
        return None
    return None


def shift_period(period: str, years: int) -> str | None:
    """A quarter or half ``years`` years from ``period`` ("1989-Q3", -1 → "1988-Q3")."""
    found = PERIOD.match(period)
    if found is None:
        return None
    return f"{int(found[1]) + years:04d}-{found[2]}{found[3]}"


def in_year(period: str, year: int) -> str | None:
    """The quarter or half of ``period`` in another year ("the 1988 period" when reporting on 1989-Q3)."""
    found = PERIOD.match(period)
    return f"{year:04d}-{found[2]}{found[3]}" if found else None
