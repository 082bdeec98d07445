"""Surnames and misspellings: "Velayati" and the misspelt "Amir-Abollahian" are the people named in full
earlier (exact surname, or a difflib ratio of at least 0.85), whatever label the model gave the word.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from ...context import ArticleContext
from ...lexicons.entries import fold
from ...lexicons.words import words
from .mentions import Mention, make_mention, refers_to_person

SURNAME_RATIO = 0.85
MIN_FUZZY_LENGTH = 5
PATRONYMIC = words("patronymic_particles")


def surname(name: str) -> str:
    """The last word of a name, as compared between mentions ("Hossein Amir-Abdollahian" -> "Amir-Abdollahian")."""
    found = name.replace("\u2019", "'").split()
    return found[-1].removesuffix("'s") if found else ""


def same_surname(written: str, known: str) -> bool:
    """Exact (case-insensitive) or, for longer names, a difflib ratio of at least 0.85."""
    a, b = fold(written), fold(known)
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH or _ratio_bound(a, b) < SURNAME_RATIO:
        return False
    return SequenceMatcher(None, a, b).ratio() >= SURNAME_RATIO


def _ratio_bound(a: str, b: str) -> float:
    """An upper bound of the difflib ratio of ``a`` and ``b`` (the letters they share, counted as
    difflib's ``quick_ratio`` does), cheap enough to skip most comparisons that cannot reach it."""
    shortest = min(len(a), len(b))
    if 2.0 * shortest / (len(a) + len(b)) < SURNAME_RATIO:
        return 0.0
    shared = sum((Counter(a) & Counter(b)).values())
    return 2.0 * shared / (len(a) + len(b))


@lru_cache(maxsize=4096)
def short_names(name: str) -> tuple[str, ...]:
    """How a person is named again: the surname, and for patronymic names the given name
    ("Faisal bin Farhan" -> "Farhan", "Faisal")."""
    found = name.replace("\u2019", "'").split()
    given = tuple(found[n - 1] for n in range(1, len(found)) if found[n].lower() in PATRONYMIC)
    return (surname(name), *given[:1])


def link_surnames(context: ArticleContext, mentions: list[Mention]) -> list[Mention]:
    """Surname-only and misspelt repeats of people named earlier, whatever the model labelled them."""
    people: list[Mention] = []
    linked: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if refers_to_person(mention) and mention.name:
            if mention.referent.key.startswith("person:") and len(mention.name.split()) == 1:
                earlier = _earlier_person(people, mention.name)
                mention = replace(mention, entry=earlier.entry) if earlier else mention
            people.append(mention)
        linked.append(mention)
    taken = {i for m in linked for i in range(m.first, m.last)}
    return linked + _bare_surnames(context, people, taken)


def _earlier_person(people: list[Mention], written: str) -> Mention | None:
    """The latest of ``people`` with a full name whose surname ``written`` repeats (each name tried once)."""
    tried: set[str] = set()
    for person in reversed(people):
        if not person.name or person.name in tried or len(person.name.split()) < 2:
            continue
        tried.add(person.name)
        if any(same_surname(written, short) for short in short_names(person.name)):
            return person
    return None


def _bare_surnames(context: ArticleContext, people: list[Mention], taken: set[int]) -> list[Mention]:
    """Capitalised words not yet a mention that repeat (or misspell) an earlier person's surname
    (``people`` in text order)."""
    capital = context.words.capital
    found: list[Mention] = []
    i = 0
    while i < len(context.doc):
        mention = None if i in taken or not capital[i] else _surname_at(context, i, people, taken)
        if mention is None:
            i += 1
            continue
        found.append(mention)  # a one-word name: never the full name a later repeat is matched against
        i = mention.last
    return found


def _surname_at(context: ArticleContext, i: int, people: list[Mention], taken: set[int]) -> Mention | None:
    """The repeat of an earlier person's surname at token ``i``: one word, or three joined by a hyphen."""
    table = context.words
    for size in (3, 1):
        last = i + size
        if last > len(context.doc) or any(j in taken for j in range(i, last)) or not table.alpha[last - 1]:
            continue
        if size > 1 and table.token(i + 1) != "-":
            continue
        text = table.span(i, last)
        before = people[:bisect_left(people, table.starts[i], key=lambda p: p.start)]
        earlier = _earlier_person(before, text)
        if earlier is not None:
            return make_mention(context, i, last, "name", entry=earlier.entry, name=text)
    return None
