"""Recognise and normalise time expressions: one regex and one resolver per kind of expression.

:func:`scan` finds every rule match in a text and keeps the longest non-overlapping ones;
:func:`resolve` turns a match into a TimeML ``(type, value)`` given an :class:`~.resolvers.Anchor` (the
reference date and the tense of the governing verb); :func:`normalise` does both for a string
that is one time expression, which makes the resolution logic testable on plain strings.
Without a reference date, relative expressions keep TimeML's unresolved forms (``XXXX-07-12``)
or ``None``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from ...lexicons import ordered_words, words
from . import calendar as cal
from . import resolvers as res
from .calendar import Tense
from .leading import ANY, WIDTH, heads, key_of
from .resolvers import Anchor, Resolver, Value
from .words import Lexicon, alternation
from .words import load as load_lexicon

Accept = Callable[[str, re.Match[str]], bool]


@dataclass(frozen=True)
class Rule:
    """A kind of time expression: its regex, its resolver and an optional check on the surroundings."""

    name: str
    regex: re.Pattern[str]
    resolve: Resolver
    accept: Accept | None = None


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
    names = lex.tables[kind]
    full = alternation(w.capitalize() for w in names if len(w) > 4)
    short = alternation(w.capitalize() for w in names if len(w) <= 4)
    return rf"(?-i:(?:{full})\b|(?:{short})\b\.?)"


@lru_cache(maxsize=1)
def blocks() -> dict[str, str]:
    """Named regex pieces the rules are written with."""
    lex = load_lexicon()
    units = alternation(lex.tables["unit"])
    ones = alternation(ordered_words("number_ones"))
    tens = alternation(ordered_words("number_tens"))
    teens = alternation(ordered_words("number_teens"))
    return {
        "M": _capitalised(lex, "month"),
        "WD": "(?-i:" + "|".join(w.capitalize() for w in lex.tables["weekday"]) + ")",
        "DD": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b",
        "YYYY": rf"(?:1[5-9]\d\d|20\d\d|(?:eighteen|nineteen)[\s-]+"
                rf"(?:(?:{tens})(?:[\s-]+(?:{ones}))?|{teens}|hundred))\b",
        "NUM": rf"(?:\d+(?:\.\d+)?|(?:{tens})(?:[\s-]+(?:{ones}))?|{lex.pattern('number')})\b",
        "UNIT": rf"(?:{units}|centuries|(?:{units})s)\b",
        "ORD": lex.pattern("ordinal"),
        "PART": "|".join(lex.tables["part"]),
        "SEASON": lex.pattern("season"),
        "SETWORD": lex.pattern("set"),
        "HOLIDAY": lex.pattern("holiday").replace("'", "['\u2019]"),
        "MOD": "(?:" + alternation(ordered_words("time_modifiers")) + ")",
        "DECADES": alternation(word[:-1] + "ies" for word in ordered_words("number_tens")),
        "ONES": ones,
    }


WORD_START = r"(?<!\w)"  # every rule's regex begins here
# The non-word characters of news text. Each rule's regex can only match at the start of a text or
# right after a non-word character; when all of a text's are among these, the regex engine finds
# those places with a fast scan for one literal character class instead of trying every position.
SEPARATORS = ("".join(chr(c) for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
              + "\u00a0\u00a3\u00a7\u00ab\u00ad\u00b0\u00b1\u00b7\u00bb\u00d7\u2009\u200b\u2010\u2011\u2012"
              "\u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2032\u2033\u20ac\u2212\u202f"
              "\u00a1\u00a2\u00a5\u00a6\u00a9\u00ac\u00ae\u00b4\u00b6\u00bf\u00f7\u2020\u2021\u2030\u2039\u203a"
              "\u20b9\u20bd\u2122\u2190\u2192\u25aa\u25cf\u25a0\u2605\u2713\u3000\u3001\u3002\ufeff")
SEPARATOR_CLASS = "[" + "".join(re.escape(c) for c in SEPARATORS) + "]"
_SEPARATOR_SET = frozenset(SEPARATORS)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(WORD_START + pattern.format(**blocks()), re.IGNORECASE)


@dataclass(frozen=True)
class Scanner:
    """Where the rules can match in a text whose non-word characters are all :data:`SEPARATORS`: ``heads`` holds
    the keys of the characters each rule's matches begin with (:mod:`.leading`; None: they cannot be read, the
    rule is tried everywhere), ``by_head`` the rules (numbers in :func:`rules`) of each key and ``places`` finds
    the separators followed by two characters with the first two of some rule's keys."""

    places: re.Pattern[str]
    heads: tuple[frozenset[str] | None, ...]
    by_head: Mapping[str, frozenset[int]]


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    """The :class:`Scanner` of :func:`rules`."""
    found = tuple(heads(rule.regex) for rule in rules())
    by_head: dict[str, set[int]] = {}
    for n, keys in enumerate(found):
        for key in keys or ():
            by_head.setdefault(key, set()).add(n)
    after = "" if None in found else "(?=" + _places(set(by_head)) + ")"
    return Scanner(re.compile(SEPARATOR_CLASS + after), found,
                   MappingProxyType({key: frozenset(rules) for key, rules in by_head.items()}))


def rules_at(text: str, start: int) -> tuple[int, ...]:
    """The rules (numbers in :func:`rules`) that may match at ``start``: those with the keys of its characters."""
    return _rules_for(text[start: start + WIDTH])


@lru_cache(maxsize=50_000)
def _rules_for(piece: str) -> tuple[int, ...]:
    """The rules whose matches may begin with ``piece`` (then the end of the text when it is short)."""
    key = "".join(key_of(c) or "?" for c in piece).ljust(WIDTH, "#")
    found = scanner()
    if "?" in key:  # a character without a key: any of the rule's keys may fit it
        return tuple(n for n, keys in enumerate(found.heads) if keys is None or any(_fits(key, k) for k in keys))
    tried = {n for n, keys in enumerate(found.heads) if keys is None}
    for variant in itertools.product(*((c, ANY) for c in key)):  # a rule's key may have ANY for each character
        tried.update(found.by_head.get("".join(variant), ()))
    return tuple(sorted(tried))


def _fits(key: str, head: str) -> bool:
    """Whether characters of ``key`` (``?``: no key) may begin a match of a rule with the key ``head``."""
    return all(a == b or a == "?" or b == ANY for a, b in zip(key, head, strict=True))


_NO_KEY = r"[^\W\d_a-zA-Z]"  # a word character that is not an ASCII letter or a digit (no key)


def _places(keys: set[str]) -> str:
    """A case-sensitive regex of two characters with these keys (or a character without one)."""
    seconds: dict[str, set[str]] = {}
    for key in keys:
        seconds.setdefault(key[0], set()).add(key[1])
    return "|".join(_char(first) + ("" if ANY in after else f"(?:[{''.join(map(_class, sorted(after)))}]|{_NO_KEY}"
                                    + (r"|\Z" if "#" in after else "") + ")")
                    for first, after in sorted(seconds.items())) + "|" + _NO_KEY


def _class(key: str) -> str:
    return {"0": r"\d", "#": r"\W"}.get(key, key + key.upper())


def _char(key: str) -> str:
    return f"[{_class(key)}]"


# --- checks on the surroundings -------------------------------------------------------------

def _before(text: str, match: re.Match[str], words: int = 1) -> str:
    """The ``words`` words before a match, lower case."""
    return " ".join(text[: match.start()].lower().split()[-words:])


def _after(text: str, match: re.Match[str]) -> str:
    rest = text[match.end():].lstrip()
    return rest.split()[0].lower() if rest.split() else ""


def _month_ok(text: str, m: re.Match[str]) -> bool:
    """A month name, not an abbreviation without its dot, a possessive or a verb ("may")."""
    if len(m["m"]) <= 4 and not m["m"].endswith(".") and m["m"].lower() not in words("whole_short_months"):
        return False
    if m["shift"] or m["m"].rstrip(".").lower() not in words("month_verbs"):
        return not _after(text, m).startswith(("'s", "\u2019s"))
    return _before(text, m) in words("before_month")


def _year_ok(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 1): m.start()]
    after = text[m.end(): m.end() + 2]
    if before in {"$", "#", "\u00a3", "\u20ac", "/", "-", "."} or after[:1] in {"%", "-", "/"}:
        return False
    if after[:1] in {".", ","} and after[1:2].isdigit():  # "closed at 2082.1", "1,500"
        return False
    return _after(text, m) not in words("counted_after_year")


def _season_ok(text: str, m: re.Match[str]) -> bool:
    if m["y"] or (m["shift"] and m["shift"].lower() != "the"):
        return True
    return _before(text, m) in {"in", "during", "by", "until", "since", "through", "over", "this", "for", "the", "into"}


def _duration_ok(text: str, m: re.Match[str]) -> bool:
    tail = m.group(0).lower()
    if tail.endswith("old") or _after(text, m) in {"old", "olds"}:
        return False
    unit = res.unit_of(load_lexicon(), m["u"])
    if unit == "Q" and _fraction(text, m):
        return False
    return not (m["n"].lower() in {"some", "many", "a"} and unit in {"T:S"})


def _fraction(text: str, m: re.Match[str]) -> bool:
    """ "three-quarters of its food", "a quarter of the market": a share of something, no time."""
    following = text[m.end():].split()[:2]
    return m.group(0).lower().endswith("-quarters") or (following[:1] == ["of"] and following[1:2] != [] and
                                 following[1].lower() in words("after_fraction_of"))


def _vague_ok(text: str, m: re.Match[str]) -> bool:
    return _before(text, m) in words("before_vague_duration") \
        and _after(text, m) not in words("not_after_vague_duration")


def _quarter_ok(text: str, m: re.Match[str]) -> bool:
    """ "the first quarter" of a year, not "a quarter of the votes" ("the third quarter of $2 million" is)."""
    if m["y"] or m["y0"] or m["rel0"]:
        return True
    following = _after(text, m)
    if following == "of":
        return bool(AMOUNT_AFTER_OF.match(text, m.end()))
    return following not in words("not_after_quarter")


AMOUNT_AFTER_OF = re.compile(r"\s+of\s+(?:[$#\u00a3\u20ac]|[A-Z]{1,3}\$|\d)")


def _holiday_ok(text: str, m: re.Match[str]) -> bool:
    """Holidays are written with a capital ("Easter", "Good Friday")."""
    return m["h"][:1].isupper()


def _current_ok(text: str, m: re.Match[str]) -> bool:
    """ "current" / "recent" before a noun ("the current government"), not "current account"."""
    following = _after(text, m)
    return following.isalpha() and following not in words("not_after_current")


def _present_ok(text: str, m: re.Match[str]) -> bool:
    return m.group(0).lower() != "now" or _after(text, m) not in {"that"}


# --- the rule table -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Every rule, most specific first (earlier rules win ties of equal length)."""
    table: list[tuple[str, str, Resolver, Accept | None]] = [
        ("date", r"(?:{WD},?\s+)?(?:the\s+)?(?:(?P<m>{M})\s*(?P<d>{DD})|(?P<d2>{DD})(?:\s+of)?\s+(?P<m2>{M}))"
                 r"(?:,?\s+(?P<y>{YYYY}))?", res.date_expression, None),
        ("month_year", r"(?:(?:early|mid|late)[\s-]+)?(?P<m>{M}),?\s+(?:of\s+)?(?P<y>{YYYY})", res.month_year, None),
        ("month", r"(?:(?P<shift>last|next|this|early|mid|late)[\s-]+)?(?P<m>{M})(?!\s*\d)", res.month_alone,
         _month_ok),
        ("holiday", r"(?P<h>{HOLIDAY})\b(?:,?\s+(?P<y>{YYYY}))?", res.holiday, _holiday_ok),
        ("iso", r"(?P<y>\d{{4}})-(?P<mo>\d\d)-(?P<d>\d\d)\b", res.numeric_date, None),
        ("numeric", r"(?P<mo>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}|\d\d)\b", res.numeric_date, None),
        ("decade", r"(?:(?:early|mid|late)[\s-]+)?(?:(?P<full>(?:1[5-9]|20)\d0)s|'(?P<short>\d)0s)\b",
         res.decade, None),
        ("decade_word", r"the\s+(?:(?:early|mid|late)[\s-]+)?(?P<word>{DECADES})\b", res.decade_word, None),
        ("century", r"(?:the\s+)?(?P<o>{ORD})[\s-]+century\b", res.century, None),
        ("year_words", r"the\s+year\s+(?P<y>two\s+thousand(?:\s+and\s+(?:{ONES}))?)\b", res.year_alone, None),
        ("month_relative_year", r"(?:(?:early|mid|late)[\s-]+)?(?P<m>{M})\s+(?:of\s+)?(?P<rel>last|this|next)"
                                r"\s+year\b", res.month_relative_year, None),
        ("period_end", r"(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+(?P<u>year|month|week|quarter)|"
                       r"(?P<u2>year|month|quarter)[\s-]end|(?P<u3>year|month)['\u2019]s\s+end)\b",
         res.period_end, None),
        ("year", r"(?:(?:early|mid|late)[\s-]+)?(?:fiscal\s+(?:year\s+)?)?(?P<y>{YYYY})", res.year_alone, _year_ok),
        ("season", r"(?:(?P<shift>this\s+past|last|next|this|early|late|the)\s+)?(?P<s>{SEASON})\b"
                   r"(?:\s+(?:of\s+)?(?P<y>{YYYY}))?",
         res.season, _season_ok),
        ("quarter", r"(?:the\s+)?(?:(?P<y0>{YYYY})\s+|(?P<rel0>this|last|next)\s+year's\s+|"
                    r"(?P<ago>year[\s-](?:ago|earlier)|(?:comparable|corresponding|same)\s+year[\s-]ago)\s+)?(?:fiscal\s+)?"
                    r"(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|last(?=[\s-]+(?:quarter|half)\s+of\s))[\s-]+"
                    r"(?P<k>quarter|half)\b(?:\s+of\s+(?:(?P<y>{YYYY})|(?P<rel>this|last|next)\s+year|the\s+year))?",
         res.quarter, _quarter_ok),
        ("period", r"the\s+(?:(?P<y>{YYYY})\s+(?:fiscal\s+)?(?:period|quarter)|(?P<shift>latest|current|same|"
                   r"comparable|corresponding|year[\s-]earlier|year[\s-]ago|prior[\s-]year)\s+(?:fiscal\s+)?period)\b"
                   r"(?:\s+(?P<back>(?:of\s+)?(?:last|the\s+previous|the\s+prior)\s+year|a\s+year\s+(?:ago|earlier)))?",
         res.period, None),
        ("relative_quarter", r"(?P<det>the|that|this)\s+(?:(?P<shift>latest|last|past|previous|current|same|"
                             r"year[\s-]earlier|year[\s-]ago|most\s+recent|recent|comparable|corresponding)\s+)?"
                             r"(?:fiscal\s+)?quarter\b(?:\s+(?P<back>(?:of\s+)?last\s+year|a\s+year\s+(?:ago|earlier))|"
                             r"(?=\s+(?:ended|ending)\s+(?P<m>{M})\s*(?P<d>{DD})(?:,?\s+(?P<y>{YYYY}))?))?",
         res.relative_quarter, None),
        ("year_earlier", r"(?:(?:last|the\s+previous|the\s+prior)\s+year's\s+(?:fiscal\s+)?(?:period|quarter)|"
                         r"(?:the\s+)?(?:(?:comparable|corresponding|same|prior)\s+)?year[\s-](?:earlier|ago))\b",
         res.year_earlier, None),
        ("relative", r"(?:(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
                     r"|the\s+middle\s+of)[\s-]+)?(?:the\s+)?(?P<shift>last|next|this|past|coming|previous|"
                     r"following|current|same|that(?:\s+same)?)\s+(?P<u>week|weekend|month|year|quarter|decade|century)\b",
         res.relative, None),
        ("story_day", r"(?:(?:earlier|later)\s+)?(?:the\s+|that\s+)?(?P<shift>next|following|previous|same|that)\s+"
                      r"(?P<u>day|morning|afternoon|evening|night)\b", res.story_day, None),
        ("weekend", r"the\s+weekend\b", res.weekend, None),
        ("week_of", r"the\s+week\s+of\s+(?P<m>{M})\s*(?P<d>{DD})(?:,?\s+(?P<y>{YYYY}))?", res.week_of, None),
        ("whole_year", r"the\s+(?:(?P<shift>current|latest|most\s+recent)\s+)?"
                       r"(?:(?:fiscal|full|calendar|whole|entire)\s+)*year\b(?!['\u2019-]|\s+(?:before|after|earlier|later|ago|of|in)\b)"
                       r"(?P<ended>(?=\s+(?:ended|ending|that\s+ended|that\s+ends)\b))?", res.whole_year, None),
        ("deictic", r"(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|(?:yesterday|tomorrow|this|last)\s+"
                    r"(?:morning|afternoon|evening|night)|today|tonight|yesterday|tomorrow)\b", res.deictic, None),
        ("weekday", r"(?:(?:the\s+)?(?P<shift>last|next|this|coming|past|previous|following)\s+)?"
                    r"(?P<wd>{WD}s?)\b(?:\s+(?P<part>{PART})(?P<parts>s)?\b)?",
         res.weekday, None),
        ("ago", r"(?:{MOD}\s+)?(?P<n>{NUM})[\s-]+(?P<u>{UNIT})(?:\s+or\s+so)?\s+"
                r"(?P<dir>ago|earlier|from\s+now|hence)\b",
         res.ago, None),
        ("duration", r"(?:(?:the\s+)?(?:past|last|next|first|final|previous|coming|following|"
                     r"each\s+of\s+the\s+past)\s+)?(?:{MOD}\s+)?(?P<n>{NUM})(?P<half>\s+1/2|\s+and\s+a\s+half)?(?:\s+more)?"
                     r"[\s-]+(?:(?:trading|business|working)\s+)?(?P<u>{UNIT})(?P<half2>\s+and\s+a\s+half)?(?:[\s-]+(?:long|old))?\b",
         res.duration_expression, _duration_ok),
        ("relative_duration", r"(?:the\s+)?(?:past|last|next|coming|previous)\s+(?P<n>few|several|many)\s+"
                              r"(?P<u>{UNIT})", res.relative_duration, None),
        ("vague_duration", r"(?P<u>years|months|weeks|days|decades|hours|minutes)\b", res.vague_duration, _vague_ok),
        ("coming_duration", r"(?:the\s+)?(?:coming\s+(?P<u>years|months|weeks|days)|"
                            r"(?P<u2>years|months|weeks|days)\s+ahead)\b",
         res.vague_duration, None),
        ("story_part", r"(?:(?:in|during|through)\s+the\s+(?:(?:early|late)\s+)?(?P<u>morning|afternoon|evening)|"
                       r"(?:early|late|mid)[\s-]?(?P<u2>morning|afternoon|evening)|(?:earlier|later)\s+in\s+the\s+"
                       r"(?P<u3>day))\b", res.story_part, None),
        ("set", r"(?:every|each|per)\s+(?:(?P<n>{NUM}|other)\s+)?(?:(?P<u>{UNIT})|(?P<wd>{WD})|(?P<mo>{M}))\b",
         res.set_expression, None),
        ("frequency", r"(?:once|twice|(?:{NUM})\s+times)\s+(?:a|an|per|every|each)\s+(?P<u>{UNIT})\b",
         res.set_expression, None),
        ("set_word", r"{SETWORD}\b", res.set_word, None),
        ("clock", r"(?P<h>\d{{1,2}})(?::(?P<mi>\d\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
                  r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?(?:,?\s+(?:on\s+)?(?P<wd>{WD})\b|\s+(?P<rel>today|yesterday|tomorrow)\b|"
                  r",?\s+(?:on\s+)?(?P<m>{M})\s*(?P<d>{DD})(?:,?\s+(?P<y>{YYYY}))?)?",
         res.clock_time, None),
        ("part_clock", r"(?P<h>\d{{1,2}}|{ONES}|ten|eleven|twelve)(?::(?P<mi>\d\d))?\s+(?:o['\u2019]clock\s+)?"
                       r"in\s+the\s+(?P<part>morning|afternoon|evening)\b", res.part_clock, None),
        ("named_time", r"(?:(?:early|late|mid)[\s-]?)?(?P<t>noon|midday|midnight|morning|afternoon|evening)"
                       r"(?:,?\s+(?:on\s+)?(?P<wd>{WD})\b|\s+(?P<rel>today|yesterday|tomorrow)\b)"
                       r"|(?P<t2>noon|midday|midnight)\b", res.named_time, None),
        ("present", r"(?:right\s+now|now|currently|presently|at\s+present|nowadays|these\s+days|at\s+the\s+moment)\b",
         res.reference_word("PRESENT_REF"), _present_ok),
        ("past", r"(?:recently|lately|(?:in\s+)?the\s+past(?!\s+(?:\d|few|several|many)))\b",
         res.reference_word("PAST_REF"), None),
        ("recent", r"(?:in\s+)?recent\s+(?P<u>years|months|weeks|days|decades)\b", res.recent, None),
        ("then_current", r"then[\s-]+current\b", res.reference_word("PAST_REF"), _current_ok),
        ("current", r"current\b", res.reference_word("PRESENT_REF"), _current_ok),
        ("recent_word", r"recent\b", res.reference_word("PAST_REF"), _current_ok),
        ("future", r"(?:(?:the|in\s+the)\s+(?:near\s+|distant\s+|foreseeable\s+)?future)\b",
         res.reference_word("FUTURE_REF"), None),
    ]
    compiled = [(name, _compile(pattern), resolve, accept) for name, pattern, resolve, accept in table]
    return tuple(Rule(name, regex, resolve, accept) for name, regex, resolve, accept in compiled)


# --- scanning and normalising -------------------------------------------------------------------

def separated(text: str) -> bool:
    """Whether every non-word character of ``text`` is one of :data:`SEPARATORS`."""
    return all(c in _SEPARATOR_SET or c.isalnum() or c == "_" for c in set(text))


def all_matches(text: str) -> list[list[re.Match[str]]]:
    """Each rule's matches in ``text``, in the order of :func:`rules`: ``regex.finditer(text)``, but in a
    :func:`separated` text only at the start of the text or right after a separator, the only places the leading
    lookbehind (no word character before) allows. There each rule whose keys the next characters have is tried
    (see :class:`Scanner`), at a place past its previous match."""
    table = rules()
    if not separated(text):
        return [list(rule.regex.finditer(text)) for rule in table]
    found: list[list[re.Match[str]]] = [[] for _ in table]
    ends = [0] * len(table)
    for start in [0, *(m.end() for m in scanner().places.finditer(text))] if text else []:
        for n in rules_at(text, start):
            if start < ends[n]:
                continue
            match = table[n].regex.match(text, start)
            if match is None:
                continue
            if match.end() == start:  # cannot happen for the rules here: be exact anyway
                found[n], ends[n] = list(table[n].regex.finditer(text)), len(text) + 1
                continue
            found[n].append(match)
            ends[n] = match.end()
    return found


def scan(text: str) -> list[Candidate]:
    """The longest non-overlapping rule matches in ``text``, in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    for priority, (rule, ms) in enumerate(zip(rules(), all_matches(text), strict=True)):
        for m in ms:
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
    piece = text[start:end].lower()
    if piece.startswith("in ") and (piece.startswith("in the ") or not piece.startswith("in the")):
        start += 3  # "in May", "in the spring"; not "in theory"
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def resolve(candidate: Candidate, anchor: Anchor) -> Value | None:
    """The TimeML ``(type, value)`` of a candidate against an anchor, or None when the rule declines."""
    return candidate.rule.resolve(candidate.match, anchor, load_lexicon())


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
    return resolve(best, Anchor(reference, tense))
