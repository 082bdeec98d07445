"""What a regex's matches can begin with, read from the pattern: the keys of their first :data:`WIDTH` characters.

A character's key (:func:`key_of`) is its lower case for an ASCII letter, ``0`` for any digit and ``#`` for any
non-word character (or the end of the text); other characters have none. :func:`heads` reads the parse of a
pattern (Python's own regex parser) and gathers the keys of the first characters of its matches, through
optional and repeated groups, alternatives and zero-width assertions; ``*`` stands for any character (the match
may end before). The keys are a superset (read ignoring case, a lookahead passed over), so a scan may look for
them before trying the whole regex without losing a match; a pattern this cannot read gives None.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_parser: Any = importlib.import_module("re._parser")  # the regex parser of the standard library
_ZERO_WIDTH = {"AT", "ASSERT", "ASSERT_NOT"}
_CATEGORIES = {"CATEGORY_DIGIT": "0", "CATEGORY_SPACE": "#"}
WIDTH = 4
ANY = "*"

Keys = frozenset[str]  # strings of up to WIDTH keys: a shorter one ends where the element can end


def key_of(char: str) -> str | None:
    """The key of a character of a text or a pattern (None: a word character that is not an ASCII letter or a
    digit)."""
    if char.isdecimal():
        return "0"
    if not (char.isalnum() or char == "_"):
        return "#"
    return char.lower() if char.isascii() and char.isalpha() else None


def heads(pattern: re.Pattern[str]) -> Keys | None:
    """The keys of the first :data:`WIDTH` characters of ``pattern``'s non-empty matches (``a***``: any after
    ``a``); None when the pattern has an element this does not read or can match the empty string."""
    try:
        found = _sequence(list(_parser.parse(pattern.pattern, pattern.flags)))
    except (re.error, TypeError, ValueError):
        return None
    if found is None or "" in found:
        return None
    return frozenset(k.ljust(WIDTH, ANY) for k in found)


def _concat(first: Keys, then: Keys) -> Keys:
    """The keys of ``first`` followed by ``then`` (a full key is not followed)."""
    return frozenset({a for a in first if len(a) == WIDTH} | {(a + b)[:WIDTH] for a in first if len(a) < WIDTH
                                                              for b in then})


def _sequence(items: list[tuple[Any, Any]]) -> Keys | None:
    found: Keys = frozenset({""})
    for op, value in items:
        element = _element(str(op), value)
        if element is None:
            return None
        found = _concat(found, element)
        if all(len(k) == WIDTH for k in found):
            break
    return found


def _element(name: str, value: Any) -> Keys | None:
    if name in _ZERO_WIDTH:
        return frozenset({""})
    if name == "LITERAL":
        key = key_of(chr(value))
        return None if key is None else frozenset({key})
    if name == "IN":
        keys = [_member(str(op), v) for op, v in value]
        return None if any(k is None for k in keys) else frozenset(k for ks in keys if ks is not None for k in ks)
    if name == "SUBPATTERN":
        return _sequence(list(value[3]))
    if name == "BRANCH":
        branches = [_sequence(list(b)) for b in value[1]]
        return None if any(b is None for b in branches) else frozenset(k for b in branches if b is not None for k in b)
    if name in {"MAX_REPEAT", "MIN_REPEAT"}:
        return _repeat(value[0], value[1], _sequence(list(value[2])))
    return None


def _repeat(least: int, most: int, once: Keys | None) -> Keys | None:
    """The keys of ``least`` to ``most`` repetitions (only the first WIDTH of them can reach the keys)."""
    if once is None or (least > WIDTH and "" in once):
        return None
    found: set[str] = {""} if least == 0 else set()
    times: Keys = frozenset({""})
    for n in range(1, min(most, WIDTH) + 1):
        times = _concat(times, once)
        if n >= least or n == WIDTH:
            found.update(k for k in times if n >= least or len(k) == WIDTH)
    return frozenset(found)


def _member(name: str, value: Any) -> frozenset[str] | None:
    if name == "LITERAL":
        key = key_of(chr(value))
        return None if key is None else frozenset({key})
    if name == "RANGE" and value[1] - value[0] < 128:
        keys = [key_of(chr(c)) for c in range(value[0], value[1] + 1)]
        return None if None in keys else frozenset(k for k in keys if k is not None)
    return frozenset({_CATEGORIES[str(value)]}) if name == "CATEGORY" and str(value) in _CATEGORIES else None
