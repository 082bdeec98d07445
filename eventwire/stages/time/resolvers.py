"""Resolvers: turn one rule match into a TimeML ``(type, value)`` against a :class:`Anchor`.

Each resolver takes the regex match of its rule (named groups ``m``, ``d``, ``y``, ``wd``, ``n``,
``u``...), the anchor (reference date and tense) and the word lexicon. Without a reference date
relative expressions keep TimeML's unresolved forms (``XXXX-07-12``) or ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from . import calendar as cal
from . import narrative as nar
from .calendar import Tense
from .words import Lexicon
from .words import load as load_lexicon

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Value = tuple[TimexType, str | None]  # a TimeML type and value
LEADING_DIGITS = re.compile(r"\d*")


@dataclass(frozen=True)
class Anchor:
    """What a relative expression is resolved against: the reference date, the governing tense, and where
    the narrative is (:class:`~.narrative.Focus`): the day it last dated, for anaphoric expressions ("a day
    earlier", "the following month"), and the quarter or half of a year it reports on ("1989-Q3"), for a
    report's comparisons ("a year ago", "the year-earlier period"). Without a focus, anaphoric expressions
    count from the reference."""

    reference: dt.date | None
    tense: Tense = "past"
    focus: nar.Focus | None = None

    @property
    def period(self) -> str | None:
        return self.focus.reported if self.focus else None

    def story(self, unit: str) -> dt.date | None:
        """The date anaphoric expressions in ``unit`` (a lexicon unit value) count from: the narrative's
        when it is known that finely (a day for days and weeks, a month for months), else the reference."""
        if self.focus is None:
            return self.reference
        return self.focus.at("D" if unit in {"D", "W", "WE"} or unit.startswith("T:") else
                             "M" if unit == "M" else "Y")


Resolver = Callable[[re.Match[str], Anchor, Lexicon], Value | None]  # one kind of expression's resolver


# --- helpers for resolvers -------------------------------------------------------------------

def number(text: str, lex: Lexicon) -> float | None:
    """The amount a number phrase stands for ("twenty-four" → 24); None for vague amounts."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    value = lex.value("number", text)
    if value is not None:
        return None if value == "X" else float(value)
    parts = re.split(r"[\s-]+", text)
    values = [lex.value("number", p) for p in parts]
    if values and all(v not in (None, "X") for v in values):
        return float(sum(float(v) for v in values if v is not None))
    return None


def amount(value: float | None) -> str:
    if value is None:
        return "X"
    return str(int(value)) if value == int(value) else str(value)


def duration(amount_value: float | None, unit: str) -> str:
    """TimeML duration for an amount of a lexicon unit value (``Y``, ``10Y``, ``T:H``...)."""
    if unit.startswith("T:"):
        return f"PT{amount(amount_value)}{unit[2:]}"
    factor = _leading_digits(unit)
    letter = unit[len(factor):]
    if factor and amount_value is not None:
        amount_value *= int(factor)
    return f"P{amount(amount_value)}{letter}"


def _leading_digits(text: str) -> str:
    """The digits ``text`` starts with ("" when none)."""
    match = LEADING_DIGITS.match(text)
    return match.group(0) if match else ""


def unit_of(lex: Lexicon, word: str) -> str | None:
    return lex.value("unit", word)


def _year(text: str) -> int:
    """A year written in digits or said in words ("nineteen ninety-six", "two thousand and one")."""
    if text.isdigit():
        return int(text)
    words = re.split(r"[\s-]+", text.lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(_words_number(rest))
    return int(_words_number(words[:1])) * 100 + (int(_words_number(words[1:])) if words[1:] != ["hundred"] else 0)


def _words_number(words: list[str]) -> float:
    """The sum of number words ("ninety", "six" → 96), read from the time word table."""
    lex = load_lexicon()
    return sum(float(lex.value("number", w) or 0) for w in words)


def _month(lex: Lexicon, word: str) -> int:
    return int(lex.value("month", word) or 0)


def _clock(hour: int, minute: int, meridiem: str) -> str:
    meridiem = meridiem.lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    if meridiem.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


# --- resolvers -------------------------------------------------------------------------------

def date_expression(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    groups = m.groupdict()
    month_number = _month(lex, groups.get("m") or groups.get("m2") or "")
    day_number = int(_leading_digits(groups.get("d") or groups.get("d2") or "") or 0)
    if not 1 <= day_number <= 31:
        return None
    if m["y"]:
        return "DATE", f"{_year(m['y']):04d}-{month_number:02d}-{day_number:02d}"
    if ctx.reference is None:
        return "DATE", f"XXXX-{month_number:02d}-{day_number:02d}"
    year = cal.year_for_day(ctx.reference, month_number, day_number, ctx.tense)
    return "DATE", f"{year:04d}-{month_number:02d}-{day_number:02d}"


def month_year(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    return "DATE", cal.month(_year(m["y"]), _month(lex, m["m"]))


def month_alone(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    number_ = _month(lex, m["m"])
    if ctx.reference is None:
        return "DATE", f"XXXX-{number_:02d}"
    shift = (m["shift"] or "").lower()
    ref = ctx.reference
    if shift == "last":
        year = ref.year if number_ < ref.month else ref.year - 1
    elif shift == "next":
        year = ref.year if number_ > ref.month else ref.year + 1
    elif shift == "this":
        year = ref.year
    else:
        year = cal.year_for_month(ref, number_, ctx.tense)
    return "DATE", cal.month(year, number_)


def numeric_date(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    year = int(m["y"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    month_number, day_number = int(m["mo"]), int(m["d"])
    if not (1 <= month_number <= 12 and 1 <= day_number <= 31):
        return None
    return "DATE", f"{year:04d}-{month_number:02d}-{day_number:02d}"


def decade(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """A decade as TimeML writes it, its first three digits ("the 1980s", "the '80s": ``198``)."""
    if m["full"]:
        return "DATE", m["full"][:3]
    century = "19" if int(m["short"]) > 2 else "20"
    return "DATE", century + m["short"]


def decade_word(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "the nineties": the decade of that name in the reference's century (the last century's when it
    would lie ahead); ``19X`` without a reference."""
    tens = int(float(lex.value("number", m["word"]) or 0)) // 10
    if ctx.reference is None:
        return "DATE", f"19{tens}"
    century = ctx.reference.year // 100
    if century * 100 + tens * 10 > ctx.reference.year:
        century -= 1
    return "DATE", f"{century:02d}{tens}"


def month_relative_year(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "June last year", "March of next year"."""
    number_ = _month(lex, m["m"])
    if ctx.reference is None:
        return "DATE", f"XXXX-{number_:02d}"
    year = ctx.reference.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    return "DATE", cal.month(year, number_)


PERIOD_END_UNITS = {"year": "Y", "month": "M", "week": "W", "quarter": "Q"}


def period_end(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "the end of the year", "year-end", "the month's end": the period it ends, the reference's."""
    unit = PERIOD_END_UNITS[(m["u"] or m["u2"] or m["u3"]).lower()]
    return "DATE", cal.shifted(ctx.reference, unit, 0) if ctx.reference else None


def century(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    position = int(lex.value("ordinal", m["o"]) or 0)
    return ("DATE", f"{position - 1:02d}") if position else None


def year_alone(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    return "DATE", f"{_year(m['y']):04d}"


SEASON_SHIFTS: dict[str, Tense] = {"last": "past", "next": "future", "this": "present", "this past": "past"}


def season(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    season = lex.value("season", m["s"]) or "XX"
    if m["y"]:
        return "DATE", f"{_year(m['y']):04d}-{season}"
    if ctx.reference is None:
        return "DATE", f"XXXX-{season}"
    shift = " ".join((m["shift"] or "").lower().split())
    tense = SEASON_SHIFTS.get(shift, ctx.tense)
    year = cal.season_year(ctx.reference, season, tense)
    current = cal.season_year(ctx.reference, season, "present") == ctx.reference.year
    if shift in {"last", "next"} and current and _in_season(ctx.reference, season):
        year += -1 if shift == "last" else 1
    return "DATE", f"{year:04d}-{season}"


def _in_season(reference: dt.date, season: str) -> bool:
    months = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}
    return reference.month in months.get(season, ())


def quarter(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "the third quarter", "the second half of 1989", "the last half of this year" (the last of the year's)."""
    letter = "H" if m["k"].lower() == "half" else "Q"
    position = (2 if letter == "H" else 4) if m["o"].lower() == "last" else int(lex.value("ordinal", m["o"]) or 0)
    if (letter == "H" and position > 2) or position > 4 or not position:
        return None
    written = m["y"] or m["y0"]
    if written:
        return "DATE", f"{_year(written):04d}-{letter}{position}"
    relation = (m["rel"] or m["rel0"] or "").lower()
    value = quarter_value(position, letter, relation, ctx)
    if m["ago"] and value:  # "the year-ago third quarter"
        return "DATE", nar.shift_period(value, -1)
    return "DATE", value or f"XXXX-{letter}{position}"


def quarter_value(position: int, letter: str, relation: str, ctx: Anchor) -> str | None:
    """The quarter (``Q``) or half (``H``) at ``position`` of the year ``relation`` ("last", "next" or "")
    points to: by the tense, when none (a past quarter not yet begun is last year's); None without a
    reference."""
    if ctx.reference is None:
        return None
    ref = ctx.reference
    year = ref.year + {"last": -1, "next": 1}.get(relation, 0)
    now = cal.quarter_of(ref) if letter == "Q" else (ref.month - 1) // 6 + 1
    if not relation and ctx.tense == "past" and position > now:
        year -= 1
    return f"{year:04d}-{letter}{position}"


def relative_quarter(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "the quarter", "the latest quarter", "the year-ago quarter": the quarter a report is on (or that one
    a year before) when it named one, else counted from the reference."""
    if m["m"] and not ctx.period:  # "the quarter ended Sept. 30": the quarter holding that day
        month_number = _month(lex, m["m"])
        if m["y"]:
            year = _year(m["y"])
        elif ctx.reference is not None:
            year = cal.year_for_day(ctx.reference, month_number, int(_leading_digits(m["d"])) or 1, "past")
        else:
            return "DATE", f"XXXX-Q{(month_number - 1) // 3 + 1}"
        return "DATE", f"{year:04d}-Q{(month_number - 1) // 3 + 1}"
    if ctx.reference is None:
        return "DATE", None
    shift = re.sub(r"\s+", " ", (m["shift"] or m["det"] or "").lower()).replace("-", " ")
    shift = "" if shift == "the" else shift
    earlier = shift in YEAR_BACK or bool(m["back"])
    if ctx.period and "Q" in ctx.period and (earlier or shift in REPORTED):
        return "DATE", nar.shift_period(ctx.period, -1) if earlier else ctx.period
    offset = {"this": 0, "current": 0, "same": 0, "next": 1, "coming": 1}.get(shift, -5 if earlier else -1)
    if not shift and ctx.tense != "past":
        offset = 0
    return "DATE", cal.shifted(ctx.reference, "Q", offset)


REPORTED = frozenset({"", "latest", "this", "same", "that", "most recent", "recent", "comparable", "corresponding"})



RELATIVE_OFFSETS = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
                    "following": 1, "this": 0, "current": 0, "same": 0, "that": 0}
ANAPHORIC_SHIFTS = frozenset({"previous", "following", "same", "that"})  # counted from the narrative's date


def relative(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    unit = unit_of(lex, m["u"])
    shift = m["shift"].lower().split()[-1]
    if unit is None:
        return "DATE", None
    base = ctx.story(unit) if shift in ANAPHORIC_SHIFTS else ctx.reference
    if base is None:
        return "DATE", None
    return "DATE", cal.shifted(base, unit, RELATIVE_OFFSETS.get(shift, 0))


def story_part(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "in the morning", "by mid-afternoon", "later in the day": a part of the narrative's day."""
    base = ctx.story("D")
    part = PARTS.get((m["u"] or m["u2"] or "").lower())
    if base is None:
        return ("TIME" if part else "DATE"), None
    return ("TIME", cal.day(base) + f"T{part}") if part else ("DATE", cal.day(base))


def story_day(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "the next day", "the previous evening", "that same day": a day counted from the narrative's date."""
    base = ctx.story("D")
    if base is None:
        return "DATE", None
    offset = RELATIVE_OFFSETS.get(m["shift"].lower().split()[-1], 0)
    part = PARTS.get(m["u"].lower())
    return ("TIME" if part else "DATE"), cal.day(base + dt.timedelta(days=offset)) + (f"T{part}" if part else "")


DEICTIC_DAYS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


def _day_offset(words: list[str]) -> int:
    """Days from the reference to the day a deictic expression names ("the day after tomorrow": 2)."""
    if words[:2] == ["the", "day"]:
        return -2 if words[-1] == "yesterday" else 2
    return DEICTIC_DAYS.get(words[0], 0)


def deictic(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    words = m.group(0).lower().split()
    offset = _day_offset(words)
    part = PARTS.get(words[-1])
    kind: TimexType = "TIME" if part else "DATE"
    if ctx.reference is None:
        return kind, None
    value = cal.day(ctx.reference + dt.timedelta(days=offset))
    return kind, value + (f"T{part}" if part else "")


def weekday(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    weekday = int(lex.value("weekday", m["wd"]) or 0)
    shift = (m["shift"] or "").lower()
    part = PARTS.get((m["part"] or "").lower())
    if (m["wd"].endswith("s") or m["parts"]) and not shift:  # "Fridays", "Tuesday nights"
        return "SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
    if ctx.reference is None:
        return "DATE", None
    if shift in {"previous", "following"}:  # "the previous Friday": the one before the narrative's day
        story = ctx.story("D") or ctx.reference
        date = cal.weekday_date(story, weekday, "past", "last" if shift == "previous" else "next")
        return "DATE", cal.day(date)
    tense: Tense = "future" if shift in {"this", "coming"} else ctx.tense
    if not shift and tense == "present" and m.string[m.end():m.end() + 2] in {"'s", "\u2019s"}:
        tense = "past"  # "Thursday's closing price": a day gone by unless the verb looks ahead
    date = cal.weekday_date(ctx.reference, weekday, tense, shift if shift in {"next", "last"} else None)
    return "DATE", cal.day(date) + (f"T{part}" if part else "")


BACKWARD = frozenset({"ago", "earlier", "before"})
DEICTIC_DIRECTIONS = frozenset({"ago", "from now", "hence"})  # counted from the reference, not the narrative


def ago(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "three years ago", "two weeks from now" (from the reference), "a day earlier" (from the narrative's
    date); "a year ago" or "a year earlier" in a report on a quarter is that quarter of the year before.
    ("three days later", "ten days before the vote" are durations, as TimeML has them, the word after a
    signal of their relation.)"""
    unit = unit_of(lex, m["u"])
    value = number(m["n"], lex)
    direction = " ".join(m["dir"].lower().split())
    back = direction in BACKWARD
    if ctx.reference is None or unit is None:
        return "DATE", None
    if value is None:
        return "DATE", "PAST_REF" if back else "FUTURE_REF"
    if unit == "Y" and value == 1 and ctx.period and direction in {"ago", "earlier", "later"}:
        return "DATE", nar.shift_period(ctx.period, -1 if back else 1)
    base = ctx.reference if direction in DEICTIC_DIRECTIONS else ctx.story(unit)
    if base is None:
        return "DATE", None
    if not back:
        target = cal.shifted(base, unit, int(value)) if unit in {"W", "M", "Y", "Q"} else None
        if unit == "D":
            target = cal.day(base + dt.timedelta(days=int(value)))
        return "DATE", target
    return "DATE", cal.ago(base, unit, value)


def year_earlier(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "year-earlier", "the year-ago period": the reported period a year before, else last year."""
    if ctx.period:
        return "DATE", nar.shift_period(ctx.period, -1)
    return "DATE", f"{ctx.reference.year - 1:04d}" if ctx.reference else None


def period(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "the latest period", "the 1988 period", "the comparable period last year": a report's period."""
    earlier = bool(m["back"]) or " ".join((m["shift"] or "").lower().replace("-", " ").split()) in YEAR_BACK
    if m["y"]:
        year = _year(m["y"])
        return "DATE", nar.in_year(ctx.period, year) if ctx.period else f"{year:04d}"
    if ctx.period:
        return "DATE", nar.shift_period(ctx.period, -1) if earlier else ctx.period
    if ctx.reference is None:
        return "DATE", None
    return "DATE", cal.shifted(ctx.reference, "Q", -5 if earlier else -1)


YEAR_BACK = frozenset({"year earlier", "year ago", "prior year"})


def duration_expression(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    unit = unit_of(lex, m["u"])
    if unit is None or unit == "WE":
        return None
    count = number(m["n"], lex)
    if count is not None and (m["half"] or m["half2"]):
        return "DURATION", and_a_half(count, unit)
    return "DURATION", duration(count, unit)


HALVES = {"Y": "6M", "D": "T12H", "T:H": "30M", "T:M": "30S"}  # half of a unit in the next smaller one


def and_a_half(count: float, unit: str) -> str:
    """ "two and a half years" (P2Y6M), "5 1/2 hours" (PT5H30M); a decimal where no smaller unit fits."""
    if unit not in HALVES:
        return duration(count + 0.5, unit)
    return duration(count, unit) + HALVES[unit]


def vague_duration(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "for years", "in coming weeks", "the months ahead": an unspecified number of a unit."""
    unit = unit_of(lex, m["u"] or m.groupdict().get("u2") or "")
    return ("DURATION", duration(None, unit)) if unit else None


def relative_duration(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    unit = unit_of(lex, m["u"])
    if unit is None or unit == "WE":
        return None
    return "DURATION", duration(number(m["n"], lex), unit)


def set_expression(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    groups = m.groupdict()
    if groups.get("wd"):
        return "SET", f"XXXX-WXX-{lex.value('weekday', groups['wd'])}"
    if groups.get("mo"):  # "each July"
        return "SET", f"XXXX-{_month(lex, groups['mo']):02d}"
    unit = unit_of(lex, m["u"])
    if unit is None:
        return None
    every = number(groups["n"], lex) if groups.get("n") else 1.0
    if (groups.get("n") or "").lower() == "other":
        every = 2.0
    return "SET", duration(every, unit)


def set_word(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    return "SET", lex.value("set", m.group(0))


def clock_time(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    if hour > 12 or minute > 59:
        return None
    clock = _clock(hour, minute, m["ap"])
    if ctx.reference is None:
        return "TIME", f"XXXX-XX-XX{clock}"
    date = ctx.story("D") or ctx.reference  # a time with no day of its own is on the narrative's day
    if m["wd"]:
        weekday = int(lex.value("weekday", m["wd"]) or 0)
        date = cal.weekday_date(ctx.reference, weekday, ctx.tense)
    elif m["rel"]:
        date = ctx.reference + dt.timedelta(days=DEICTIC_DAYS.get(m["rel"].lower(), 0))
    elif m["m"]:
        on_day = date_expression(m, ctx, lex)
        return "TIME", (on_day[1] if on_day and on_day[1] else "XXXX-XX-XX") + clock
    return "TIME", cal.day(date) + clock


def part_clock(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "4 in the morning", "ten in the evening": a clock time on the narrative's day."""
    hour = number(m["h"], lex)
    if hour is None or not 1 <= hour <= 12 or int(m["mi"] or 0) > 59:
        return None
    clock = _clock(int(hour), int(m["mi"] or 0), "am" if m["part"].lower() == "morning" else "pm")
    date = ctx.story("D") or ctx.reference
    return "TIME", (cal.day(date) if date else "XXXX-XX-XX") + clock


def week_of(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "the week of March 6": the ISO week holding that day."""
    on_day = date_expression(m, ctx, lex)
    if on_day is None or not on_day[1] or on_day[1].startswith("X"):
        return "DATE", None
    return "DATE", cal.week(dt.date.fromisoformat(on_day[1]))


NAMED_TIMES = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00", "morning": "TMO", "afternoon": "TAF",
               "evening": "TEV"}


def named_time(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "noon", "midnight Saturday", "mid-afternoon yesterday": a time of a day (the reference by default)."""
    clock = NAMED_TIMES[(m["t"] or m["t2"]).lower()]
    if ctx.reference is None:
        return "TIME", "XXXX-XX-XX" + clock
    date = ctx.story("D") or ctx.reference
    if m["wd"]:
        date = cal.weekday_date(ctx.reference, int(lex.value("weekday", m["wd"]) or 0), ctx.tense)
    elif m["rel"]:
        date = ctx.reference + dt.timedelta(days=DEICTIC_DAYS.get(m["rel"].lower(), 0))
    return "TIME", cal.day(date) + clock


def reference_word(value: str, kind: TimexType = "DATE") -> Resolver:
    """A resolver that gives every match the same value ("now" is ``PRESENT_REF``)."""
    def resolve(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
        return kind, value

    return resolve


def recent(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    unit = unit_of(lex, m["u"])
    if unit == "Y" or unit is None:
        return "DATE", "PAST_REF"
    return "DURATION", duration(None, unit)


def weekend(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """"the weekend": the last one in past tense (this one if today is in it), else the coming one."""
    if ctx.reference is None:
        return "DATE", None
    saturday = cal.weekday_date(ctx.reference, 6, "past" if ctx.tense == "past" else "future")
    if ctx.tense == "past" and ctx.reference.isoweekday() == 7:
        saturday = ctx.reference - dt.timedelta(days=1)
    return "DATE", cal.week(saturday) + "-WE"


def whole_year(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """ "the fiscal year", "the year", "the current fiscal year": the reference year ("the latest fiscal
    year": the one before); "the year ended Sept. 30" is a year's length."""
    if m["ended"] is not None:
        return "DURATION", "P1Y"
    if ctx.reference is None:
        return "DATE", None
    back = 1 if m["shift"] and m["shift"].lower() != "current" else 0
    return "DATE", f"{ctx.reference.year - back:04d}"


def holiday(m: re.Match[str], ctx: Anchor, lex: Lexicon) -> Value | None:
    """A named holiday: its day in the year written, else in the year the tense points to."""
    rule = lex.value("holiday", " ".join(m["h"].split()))
    if rule is None:
        return None
    if m["y"]:
        return "DATE", cal.day(cal.holiday(rule, _year(m["y"])))
    if ctx.reference is None:
        return ("DATE", f"XXXX-{rule}") if re.fullmatch(r"\d\d-\d\d", rule) else None
    this_year = cal.holiday(rule, ctx.reference.year)
    year = cal.year_for_day(ctx.reference, this_year.month, this_year.day, ctx.tense)
    return "DATE", cal.day(cal.holiday(rule, year))
