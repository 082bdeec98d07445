"""Recognise and normalise time expressions: one regex and one resolver per kind of expression.

:func:`scan` finds every rule match in a text and keeps the longest non-overlapping ones;
:func:`resolve` turns a match into a TimeML ``(type, value)`` given a :class:`Context` (the
reference date and the tense of the governing verb); :func:`normalise` does both for a string
that is one time expression, which makes the resolution logic testable on plain strings.
Without a reference date, relative expressions keep TimeML's unresolved forms (``XXXX-07-12``)
or ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from . import calendar as cal
from .calendar import Tense
from .lexicon import Lexicon
from .lexicon import load as load_lexicon

Value = tuple[str, str | None]


@dataclass(frozen=True)
class Context:
    """What a relative expression is resolved against."""

    reference: dt.date | None
    tense: Tense = "past"


@dataclass(frozen=True)
class Rule:
    """A kind of time expression: its regex, its resolver and an optional check on the surroundings."""

    name: str
    regex: re.Pattern[str]
    resolve: Callable[[re.Match[str], Context, Lexicon], Value | None]
    accept: Callable[[str, re.Match[str]], bool] | None = None


@dataclass(frozen=True)
class Candidate:
    """One rule match kept by :func:`scan`."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]


# --- building blocks -----------------------------------------------------------------------

def _capitalised(lex: Lexicon, kind: str) -> str:
    """Capitalised words of ``kind``; abbreviations (up to four letters) may end in a dot."""
    words = sorted(lex.tables[kind], key=len, reverse=True)
    full = "|".join(w.capitalize() for w in words if len(w) > 4 or w in {"march", "april"})
    short = "|".join(w.capitalize() for w in words if len(w) <= 4 and w not in {"march", "april"})
    return rf"(?-i:(?:{full})\b|(?:{short})\b\.?)"


@lru_cache(maxsize=1)
def blocks() -> dict[str, str]:
    """Named regex pieces the rules are written with."""
    lex = load_lexicon()
    units = "|".join(sorted((w for w in lex.tables["unit"]), key=len, reverse=True))
    ones = "one|two|three|four|five|six|seven|eight|nine"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    return {
        "M": _capitalised(lex, "month"),
        "WD": "(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
        "DD": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b",
        "YYYY": r"(?:1[5-9]\d\d|20\d\d)\b",
        "NUM": rf"(?:\d+(?:\.\d+)?|(?:{tens})(?:[\s-]+(?:{ones}))?|{lex.pattern('number')})\b",
        "UNIT": rf"(?:{units}|centuries|(?:{units})s)\b",
        "ORD": lex.pattern("ordinal"),
        "PART": "morning|afternoon|evening|night",
        "SEASON": lex.pattern("season"),
        "SETWORD": lex.pattern("set"),
        "MOD": r"(?:about|almost|nearly|some|roughly|around|approximately|more\s+than|less\s+than"
               r"|at\s+least|at\s+most|up\s+to|over|only|just|another|barely)",
    }


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + pattern.format(**blocks()), re.IGNORECASE)


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
    factor = re.match(r"\d*", unit).group(0)
    letter = unit[len(factor):]
    if factor and amount_value is not None:
        amount_value *= int(factor)
    return f"P{amount(amount_value)}{letter}"


def _unit(lex: Lexicon, word: str) -> str | None:
    return lex.value("unit", word)


def _year(text: str) -> int:
    return int(text)


def _month(lex: Lexicon, word: str) -> int:
    return int(lex.value("month", word) or 0)


def _clock(hour: int, minute: int, meridiem: str) -> str:
    meridiem = meridiem.lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    if meridiem.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def _before(text: str, match: re.Match[str], words: int = 1) -> str:
    """The ``words`` words before a match, lower case."""
    return " ".join(text[: match.start()].lower().split()[-words:])


def _after(text: str, match: re.Match[str]) -> str:
    rest = text[match.end():].lstrip()
    return rest.split()[0].lower() if rest.split() else ""


# --- resolvers -------------------------------------------------------------------------------

def _date(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    month_number = _month(lex, m["m"] or m["m2"])
    day_number = int(re.match(r"\d+", m["d"] or m["d2"]).group(0))
    if m["y"]:
        return "DATE", f"{_year(m['y']):04d}-{month_number:02d}-{day_number:02d}"
    if ctx.reference is None:
        return "DATE", f"XXXX-{month_number:02d}-{day_number:02d}"
    year = cal.year_for_day(ctx.reference, month_number, day_number, ctx.tense)
    return "DATE", f"{year:04d}-{month_number:02d}-{day_number:02d}"


def _month_year(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    return "DATE", cal.month(_year(m["y"]), _month(lex, m["m"]))


def _month_alone(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
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


def _numeric_date(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    year = int(m["y"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    month_number, day_number = int(m["mo"]), int(m["d"])
    if not (1 <= month_number <= 12 and 1 <= day_number <= 31):
        return None
    return "DATE", f"{year:04d}-{month_number:02d}-{day_number:02d}"


def _decade(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    if m["full"]:
        return "DATE", m["full"][:3] + "X"
    century = "19" if int(m["short"]) > 2 else "20"
    return "DATE", century + m["short"] + "X"


def _century(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    position = int(lex.value("ordinal", m["o"]) or 0)
    return ("DATE", f"{position - 1:02d}") if position else None


def _year_alone(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    return "DATE", f"{_year(m['y']):04d}"


def _season(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    season = lex.value("season", m["s"]) or "XX"
    if m["y"]:
        return "DATE", f"{_year(m['y']):04d}-{season}"
    if ctx.reference is None:
        return "DATE", f"XXXX-{season}"
    shift = (m["shift"] or "").lower()
    tense: Tense = {"last": "past", "next": "future", "this": "present"}.get(shift, ctx.tense)  # type: ignore[assignment]
    year = cal.season_year(ctx.reference, season, tense)
    current = cal.season_year(ctx.reference, season, "present") == ctx.reference.year
    if shift in {"last", "next"} and current and _in_season(ctx.reference, season):
        year += -1 if shift == "last" else 1
    return "DATE", f"{year:04d}-{season}"


def _in_season(reference: dt.date, season: str) -> bool:
    months = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}
    return reference.month in months.get(season, ())


def _quarter(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    position = int(lex.value("ordinal", m["o"]) or 0)
    letter = "H" if m["k"].lower() == "half" else "Q"
    if letter == "H" and position > 2 or position > 4 or not position:
        return None
    if m["y"]:
        return "DATE", f"{_year(m['y']):04d}-{letter}{position}"
    if ctx.reference is None:
        return "DATE", f"XXXX-{letter}{position}"
    ref = ctx.reference
    year = ref.year + {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    now = cal.quarter_of(ref) if letter == "Q" else (ref.month - 1) // 6 + 1
    if not m["rel"] and ctx.tense == "past" and position > now:
        year -= 1
    return "DATE", f"{year:04d}-{letter}{position}"


def _relative_quarter(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    if ctx.reference is None:
        return "DATE", None
    shift = re.sub(r"\s+", " ", (m["shift"] or "").lower())
    offset = {"this": 0, "current": 0, "same": 0, "next": 1, "coming": 1,
              "year-earlier": -5, "year-ago": -5}.get(shift, -1)
    if not shift and ctx.tense != "past":
        offset = 0
    return "DATE", cal.shifted(ctx.reference, "Q", offset)


RELATIVE_OFFSETS = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
                    "following": 1, "this": 0, "current": 0, "same": 0}


def _relative(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    unit = _unit(lex, m["u"])
    shift = m["shift"].lower().split()[-1]
    if ctx.reference is None or unit is None:
        return "DATE", None
    value = cal.shifted(ctx.reference, unit, RELATIVE_OFFSETS.get(shift, 0))
    if unit == "10Y" and value:
        value += "X"
    return "DATE", value


DEICTIC_DAYS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


def _deictic(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    words = m.group(0).lower().split()
    if words[:2] == ["the", "day"]:
        offset = -2 if words[-1] == "yesterday" else 2
    else:
        offset = DEICTIC_DAYS.get(words[0], 0)
    part = PARTS.get(words[-1])
    kind = "TIME" if part else "DATE"
    if ctx.reference is None:
        return kind, None
    value = cal.day(ctx.reference + dt.timedelta(days=offset))
    return kind, value + (f"T{part}" if part else "")


def _weekday(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    weekday = int(lex.value("weekday", m["wd"]) or 0)
    shift = (m["shift"] or "").lower()
    if m["wd"].endswith("s") and not shift:
        return "SET", f"XXXX-WXX-{weekday}"
    if ctx.reference is None:
        return "DATE", None
    tense: Tense = "future" if shift in {"this", "coming"} else ctx.tense
    date = cal.weekday_date(ctx.reference, weekday, tense, shift if shift in {"next", "last"} else None)
    part = PARTS.get((m["part"] or "").lower())
    return "DATE", cal.day(date) + (f"T{part}" if part else "")


def _ago(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    unit = _unit(lex, m["u"])
    value = number(m["n"], lex)
    if ctx.reference is None or unit is None:
        return "DATE", None
    if value is None:
        return "DATE", "PAST_REF" if m["dir"].lower() in {"ago", "earlier", "before"} else "FUTURE_REF"
    forward = m["dir"].lower() not in {"ago", "earlier", "before"}
    if forward:
        target = cal.shifted(ctx.reference, unit, int(value)) if unit in {"W", "M", "Y", "Q"} else None
        if unit == "D":
            target = cal.day(ctx.reference + dt.timedelta(days=int(value)))
        return "DATE", target
    return "DATE", cal.ago(ctx.reference, unit, value)


def _duration(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    unit = _unit(lex, m["u"])
    if unit is None or unit == "WE":
        return None
    return "DURATION", duration(number(m["n"], lex), unit)


def _vague_duration(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    unit = _unit(lex, m["u"])
    return ("DURATION", duration(None, unit)) if unit else None


def _relative_duration(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    unit = _unit(lex, m["u"])
    if unit is None or unit == "WE":
        return None
    return "DURATION", duration(number(m["n"], lex), unit)


def _set(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    groups = m.groupdict()
    if groups.get("wd"):
        return "SET", f"XXXX-WXX-{lex.value('weekday', groups['wd'])}"
    unit = _unit(lex, m["u"])
    if unit is None:
        return None
    every = number(groups["n"], lex) if groups.get("n") else 1.0
    if (groups.get("n") or "").lower() == "other":
        every = 2.0
    return "SET", duration(every, unit)


def _set_word(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    return "SET", lex.value("set", m.group(0))


def _clock_time(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    hour, minute = int(m["h"]), int(m["mi"] or 0)
    if hour > 12 or minute > 59:
        return None
    clock = _clock(hour, minute, m["ap"])
    if ctx.reference is None:
        return "TIME", f"XXXX-XX-XX{clock}"
    date = ctx.reference
    if m["wd"]:
        weekday = int(lex.value("weekday", m["wd"]) or 0)
        date = cal.weekday_date(ctx.reference, weekday, ctx.tense)
    elif m["rel"]:
        date = ctx.reference + dt.timedelta(days=DEICTIC_DAYS.get(m["rel"].lower(), 0))
    return "TIME", cal.day(date) + clock


def _named_time(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    clock = "T24:00" if m.group(0).lower() == "midnight" else "T12:00"
    return "TIME", (cal.day(ctx.reference) if ctx.reference else "XXXX-XX-XX") + clock


def _reference_word(value: str, kind: str = "DATE") -> Callable[[re.Match[str], Context, Lexicon], Value | None]:
    def resolve(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
        return kind, value

    return resolve


def _recent(m: re.Match[str], ctx: Context, lex: Lexicon) -> Value | None:
    unit = _unit(lex, m["u"])
    if unit == "Y" or unit is None:
        return "DATE", "PAST_REF"
    return "DURATION", duration(None, unit)


# --- checks on the surroundings -------------------------------------------------------------

MONTH_VERBS = {"may", "march"}
MONTH_PREPOSITIONS = {"in", "since", "until", "till", "by", "of", "from", "through", "during", "before",
                      "after", "early", "late", "mid", "last", "next", "this", "to", "and", "or", "between",
                      "throughout", "end", "beginning"}


def _month_ok(text: str, m: re.Match[str]) -> bool:
    if len(m["m"]) <= 4 and not m["m"].endswith(".") and m["m"].lower() not in {"may", "june", "july"}:
        return False
    if m["shift"] or m["m"].rstrip(".").lower() not in MONTH_VERBS:
        return not _after(text, m).startswith(("'s", "\u2019s"))
    return _before(text, m) in MONTH_PREPOSITIONS


YEAR_PREPOSITIONS = MONTH_PREPOSITIONS | {"the", "year", "fiscal", "around", "after", "before", "in", "on", "at",
                                          "to", "for", "since", "-", "mid-", "'s"}


def _year_ok(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 1): m.start()]
    after = text[m.end(): m.end() + 2]
    if before in {"$", "#", "\u00a3", "\u20ac", "/", "-", "."} or after[:1] in {"%", "-", "/"} or after[:2] == ".0":
        return False
    if after[:1] == "," and after[1:2].isdigit():
        return False
    following = _after(text, m)
    if following in {"people", "troops", "soldiers", "men", "women", "members", "workers", "votes", "feet",
                     "miles", "meters", "kilometers", "tons", "shares", "cars", "jobs", "acres", "pounds"}:
        return False
    return True


def _season_ok(text: str, m: re.Match[str]) -> bool:
    if m["y"] or (m["shift"] and m["shift"].lower() != "the"):
        return True
    return _before(text, m) in {"in", "during", "by", "until", "since", "through", "over", "this", "for", "the"}


def _duration_ok(text: str, m: re.Match[str]) -> bool:
    tail = m.group(0).lower()
    if tail.endswith("old") or _after(text, m) in {"old", "olds"}:
        return False
    return not (m["n"].lower() in {"some", "many", "a"} and _unit(load_lexicon(), m["u"]) in {"T:S"})


def _vague_ok(text: str, m: re.Match[str]) -> bool:
    return _before(text, m) in {"for", "over", "within", "after", "in", "lasting", "took", "take", "takes"} \
        and _after(text, m) not in {"of", "ago", "old"}


def _quarter_ok(text: str, m: re.Match[str]) -> bool:
    return _after(text, m) not in {"of", "mile", "miles", "century"} or bool(m["y"])


def _present_ok(text: str, m: re.Match[str]) -> bool:
    return m.group(0).lower() != "now" or _after(text, m) not in {"that"}


# --- the rule table -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Every rule, most specific first (earlier rules win ties of equal length)."""
    table: list[tuple[str, str, Callable, Callable | None]] = [
        ("date", r"(?:{WD},?\s+)?(?:the\s+)?(?:(?P<m>{M})\s*(?P<d>{DD})|(?P<d2>{DD})(?:\s+of)?\s+(?P<m2>{M}))"
                 r"(?:,?\s+(?P<y>{YYYY}))?", _date, None),
        ("month_year", r"(?:(?:early|mid|late)[\s-]+)?(?P<m>{M}),?\s+(?:of\s+)?(?P<y>{YYYY})", _month_year, None),
        ("month", r"(?:(?P<shift>last|next|this|early|mid|late)[\s-]+)?(?P<m>{M})(?!\s*\d)", _month_alone,
         _month_ok),
        ("iso", r"(?P<y>\d{{4}})-(?P<mo>\d\d)-(?P<d>\d\d)\b", _numeric_date, None),
        ("numeric", r"(?P<mo>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}|\d\d)\b", _numeric_date, None),
        ("decade", r"(?:(?:early|mid|late)[\s-]+)?(?:(?P<full>(?:1[5-9]|20)\d0)s|'(?P<short>\d)0s)\b", _decade, None),
        ("century", r"(?:the\s+)?(?P<o>{ORD})[\s-]+century\b", _century, None),
        ("year", r"(?:(?:early|mid|late)[\s-]+)?(?:fiscal\s+(?:year\s+)?)?(?P<y>{YYYY})", _year_alone, _year_ok),
        ("season", r"(?:(?P<shift>last|next|this|early|late|the)\s+)?(?P<s>{SEASON})\b(?:\s+(?:of\s+)?(?P<y>{YYYY}))?",
         _season, _season_ok),
        ("quarter", r"(?:the\s+)?(?:fiscal\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?P<k>quarter|half)\b"
                    r"(?:\s+of\s+(?:(?P<y>{YYYY})|(?P<rel>this|last|next)\s+year|the\s+year))?", _quarter, _quarter_ok),
        ("relative_quarter", r"the\s+(?:(?P<shift>latest|last|past|previous|current|same|year-earlier|year-ago|"
                             r"most\s+recent|recent)\s+)?(?:fiscal\s+)?quarter\b", _relative_quarter, None),
        ("relative", r"(?:(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
                     r"|the\s+middle\s+of)[\s-]+)?(?:the\s+)?(?P<shift>last|next|this|past|coming|previous|"
                     r"following|current|same)\s+(?P<u>week|weekend|month|year|quarter|decade|century)\b",
         _relative, None),
        ("deictic", r"(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|(?:yesterday|tomorrow|this|last)\s+"
                    r"(?:morning|afternoon|evening|night)|today|tonight|yesterday|tomorrow)\b", _deictic, None),
        ("weekday", r"(?:(?P<shift>last|next|this|coming|past)\s+)?(?P<wd>{WD}s?)\b(?:\s+(?P<part>{PART})\b)?",
         _weekday, None),
        ("ago", r"(?:{MOD}\s+)?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})\s+(?P<dir>ago|earlier|before|later|from\s+now|hence)\b",
         _ago, None),
        ("duration", r"(?:(?:the\s+)?(?:past|last|next|first|final|previous|coming|following|"
                     r"each\s+of\s+the\s+past)\s+)?(?:{MOD}\s+)?(?P<n>{NUM})(?:\s+more)?[\s-]+(?P<u>{UNIT})"
                     r"(?:[\s-]+(?:long|old))?\b", _duration, _duration_ok),
        ("relative_duration", r"(?:the\s+)?(?:past|last|next|coming|previous)\s+(?P<n>few|several|many)\s+"
                              r"(?P<u>{UNIT})", _relative_duration, None),
        ("vague_duration", r"(?P<u>years|months|weeks|days|decades|hours|minutes)\b", _vague_duration, _vague_ok),
        ("set", r"(?:every|each|per)\s+(?:(?P<n>{NUM}|other)\s+)?(?:(?P<u>{UNIT})|(?P<wd>{WD}))\b", _set, None),
        ("frequency", r"(?:once|twice|(?:{NUM})\s+times)\s+(?:a|an|per|every|each)\s+(?P<u>{UNIT})\b", _set, None),
        ("set_word", r"{SETWORD}\b", _set_word, None),
        ("clock", r"(?P<h>\d{{1,2}})(?::(?P<mi>\d\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
                  r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?(?:,?\s+(?:on\s+)?(?P<wd>{WD})\b|\s+(?P<rel>today|yesterday|tomorrow)\b)?",
         _clock_time, None),
        ("named_time", r"(?:noon|midday|midnight)\b", _named_time, None),
        ("present", r"(?:right\s+now|now|currently|presently|at\s+present|nowadays|these\s+days|at\s+the\s+moment)\b",
         _reference_word("PRESENT_REF"), _present_ok),
        ("past", r"(?:recently|lately|(?:in\s+)?the\s+past(?!\s+(?:\d|few|several|many)))\b",
         _reference_word("PAST_REF"), None),
        ("recent", r"(?:in\s+)?recent\s+(?P<u>years|months|weeks|days|decades)\b", _recent, None),
        ("future", r"(?:(?:the|in\s+the)\s+(?:near\s+|distant\s+|foreseeable\s+)?future)\b",
         _reference_word("FUTURE_REF"), None),
    ]
    return tuple(Rule(name, _compile(pattern), resolve, accept) for name, pattern, resolve, accept in table)


# --- scanning and normalising -------------------------------------------------------------------

def scan(text: str) -> list[Candidate]:
    """The longest non-overlapping rule matches in ``text``, in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    for priority, rule in enumerate(rules()):
        for m in rule.regex.finditer(text):
            if m.end() == m.start() or (rule.accept and not rule.accept(text, m)):
                continue
            start, end = _trim(text, m.start(), m.end())
            found.append((-(end - start), priority, start, Candidate(start, end, rule, m)))
    kept: list[Candidate] = []
    for _, _, _, candidate in sorted(found, key=lambda item: item[:3]):
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "in " and trailing spaces or a sentence dot that a rule swallowed."""
    piece = text[start:end]
    if piece.lower().startswith("in ") and not piece.lower().startswith("in the"):
        start += 3
    elif piece.lower().startswith("in the "):
        start += 3
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def resolve(candidate: Candidate, context: Context) -> Value | None:
    """The TimeML ``(type, value)`` of a candidate in a context, or None when the rule declines."""
    return candidate.rule.resolve(candidate.match, context, load_lexicon())


def normalise(text: str, reference: dt.date | str | None = None, tense: Tense = "past") -> Value | None:
    """TimeML ``(type, value)`` of ``text`` read as one time expression, or None if it is not one.

    >>> normalise("next Monday", "2018-07-12")
    ('DATE', '2018-07-16')
    """
    if isinstance(reference, str):
        reference = cal.parse_reference(reference)
    candidates = scan(text)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c.end - c.start)
    return resolve(best, Context(reference, tense))
