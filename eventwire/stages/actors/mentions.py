"""The mention record and dictionary matching: every longest dictionary name written in an article.

A :class:`Mention` is a stretch of text that refers to an actor; a :class:`Match` is a dictionary name found
in the text with what it may refer to. :func:`dictionary_matches` finds the matches the finders of
:mod:`.persons`, :mod:`.named` and :mod:`.bodies` turn into mentions; :func:`longest_at` reads one name,
and with a place locator a state's name inside a longer place name as that place (:func:`covering_place`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict, Unpack

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ...lexicons.entries import Alias, Entry
from ...lexicons.words import words
from ...models import CountryBasis
from ..tokens import Words, after_stance, place_name_end
from .locate import Locate

STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL"})
SKIP_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})
PLACE_FORMS = frozenset({"name", "capital", "place"})
NAME_PARTICLES = words("name_particles")
MAX_PLACE_WORDS = 2  # words a longer place name may add on each side of a state's name


@dataclass(frozen=True)
class Mention:
    """A stretch of text referring to an actor: ``doc.text[start:end] == text``.

    ``entry`` is the referent (None until coreference links a pronoun or description); ``name``
    is the proper-name part of a person mention, ``role``/``country``/``sectors`` what the words
    around it say, ``basis`` how they gave the country (None: the name itself, or nothing).
    """

    first: int
    last: int
    head: int
    start: int
    end: int
    text: str
    form: str  # name, title, demonym, capital, body, group, description, pronoun, relative, ethnic, place
    entry: Entry | None = None
    name: str | None = None
    role: str | None = None
    country: str | None = None
    sectors: tuple[str, ...] = ()
    code: str | None = None  # the owner's code when it has no country ("IGOUNO" for "a U.N. spokesman")
    basis: CountryBasis | None = None  # how the words gave its country, when they did (see models.CountryBasis)

    @property
    def referent(self) -> Entry:
        """The entry of a mention known to refer to something (a name, or one coreference resolved)."""
        if self.entry is None:
            raise ValueError(f"the mention {self.text!r} refers to nothing yet: filter on its entry or resolve it "
                             f"(coreference) before asking its referent")
        return self.entry


class Details(TypedDict, total=False):
    """The optional fields of :class:`Mention`: its referent, and what the words around it say of it."""

    entry: Entry | None
    name: str | None
    role: str | None
    country: str | None
    sectors: tuple[str, ...]
    code: str | None
    basis: CountryBasis | None


@dataclass(frozen=True)
class Match:
    """A dictionary name found in the text: tokens ``[first, last)`` and what it may refer to."""

    first: int
    last: int
    aliases: tuple[Alias, ...]


def make_mention(context: ArticleContext, first: int, last: int, form: str, **details: Unpack[Details]) -> Mention:
    """The mention of tokens ``[first, last)``, its offsets and text read from the token table."""
    table = context.words
    return Mention(first, last, context.doc[first:last].root.i, table.starts[first], table.ends[last - 1],
                   table.span(first, last), form, **details)


def refers_to_person(mention: Mention) -> bool:
    """Whether a mention's referent is known and is a person."""
    return mention.entry is not None and mention.entry.kind == "person"


def can_start(table: Words, i: int) -> bool:
    """Whether a name may start at token ``i``: a capital, or a particle such as "al" or "bin"."""
    return table.capital[i] or table.lower[i] in NAME_PARTICLES


def dictionary_matches(context: ArticleContext, dictionary: ActorDictionary,
                       locate: Locate | None = None) -> list[Match]:
    """The longest dictionary names, left to right, never inside dates, numbers or amounts; with
    ``locate``, a longer place name around a state's name is read whole (see :func:`longest_at`)."""
    doc, table = context.doc, context.words
    found: list[Match] = []
    i = 0
    while i < len(doc):
        match = None
        if can_start(table, i) and doc[i].ent_type_ not in SKIP_ENTITIES:
            match = longest_at(context, i, dictionary, locate)
        if match is not None and after_stance(table, i):
            i = match.last  # "anti-Latin America": a stance, with no name inside it either
            continue
        if match is not None and _foreign_institution(context, match, dictionary):
            match = None
        if match is None:
            i += 1
            continue
        if match.aliases:  # a name with none begins a facility's name or is a place of no one country
            found.append(match)  # skipped whole
        i = match.last
    return found


def begins_place_name(table: Words, last: int) -> bool:
    """Whether the name ending before token ``last`` is the first word of a facility's or a natural
    feature's proper name ("the Chile Bridge", "Peru Square", "Lima International Airport", "the Peru
    Basin"): a place, not an actor."""
    return place_name_end(table, last) is not None


def _foreign_institution(context: ArticleContext, match: Match, dictionary: ActorDictionary) -> bool:
    """An institution's short name after another country's adjective ("the Syrian Congress",
    "the Iraqi Majlis") names that country's body, not the institution."""
    if match.first == 0:
        return False
    entries = [dictionary.entry(a.key) for a in match.aliases if a.form == "name"]
    countries = {e.country for e in entries if e is not None and e.kind == "organisation" and e.country}
    before = country_at(context, match.first - 1, dictionary, frozenset({"demonym"}))
    return bool(countries) and before is not None and before not in countries


def longest_at(context: ArticleContext, i: int, dictionary: ActorDictionary,
               locate: Locate | None = None) -> Match | None:
    """The longest dictionary name starting at token ``i``; none after a stance prefix ("pro-Chile").

    A name that begins a facility's or natural feature's name ("the Chile Bridge", "King Fahd Stadium")
    is a match without aliases: nothing to code, and no shorter name inside it either. With ``locate``,
    a state's name inside a longer place name (see :func:`covering_place`) is that place, a match without
    aliases when that place lies in no one country.
    """
    table = context.words
    if after_stance(table, i):
        return None
    size = len(table.starts)
    longest = _name_end(table, i, dictionary)
    for j in range(min(size, longest), i, -1):
        if table.stops[j - 1]:
            continue
        if j < size and not table.spaced[j - 1] and table.alpha[j] and table.alpha[j - 1]:
            continue
        aliases = dictionary.candidates(table.span(i, j))
        if aliases and begins_place_name(table, j):
            return Match(i, j, ())
        if aliases:
            match = Match(i, j, aliases)
            covered = covering_place(context, match, dictionary, locate) if locate is not None else None
            return covered or match
    return _misspelt_country(context, i, dictionary)


def _name_end(table: Words, i: int, dictionary: ActorDictionary) -> int:
    """Where a dictionary name starting at token ``i`` ends at the latest: ``max_words`` tokens on, and
    when a space follows the token (so that the first word of the name is the token's), before the
    tokens whose letters alone are longer than the longest name that begins with that word."""
    limit = dictionary.longest_from(table.lower[i])
    if not limit:
        return i
    end = min(len(table.starts), i + dictionary.max_words)
    if not table.spaced[i]:
        return end
    written = 0
    for k in range(i, end):
        written += 0 if table.stops[k] else table.ends[k] - table.starts[k]
        if written > limit:
            return k
    return end


def _misspelt_country(context: ArticleContext, i: int, dictionary: ActorDictionary) -> Match | None:
    """"Venezuala": a proper noun the model did not call a person, a country name with one typo."""
    token = context.doc[i]
    if token.pos_ == "PROPN" and token.ent_type_ != "PERSON":
        aliases = dictionary.misspelt_country(token.text)
        if aliases:
            return Match(i, i + 1, aliases)
    return None


def covering_place(context: ArticleContext, match: Match, dictionary: ActorDictionary, locate: Locate) -> Match | None:
    """A longer place name that starts or ends with the state's name, demonym or capital of ``match``,
    written as one name in capitalised words that are not function words ("New Mexico", "Benin City",
    "American Samoa", and through a demonym's state "North American"; not "The United States"): the
    longest the gazetteer (``locate``) knows wins over the state, unless it lies in that state ("Iraqi
    Kurdistan" stays Iraqi). The match returned has one alias of form "place" keyed by the place's
    country, or none at all when that place lies in no one country ("North America")."""
    states = [a for a in match.aliases if a.form in {"name", "demonym", "capital"} and is_state(dictionary, a.key)]
    if not states:
        return None
    table = context.words
    inner = _inner_names(table, match, states, dictionary)
    keys = {a.key for a in states}
    for first, last in _longer_spans(table, match):
        added = [*range(first, match.first), *range(match.last, last)]
        if not all(table.capital[k] and table.alpha[k] and not context.doc[k].is_stop for k in added):
            continue
        before, after = table.span(first, match.first), table.span(match.last, last)
        for name in inner:
            country = locate(" ".join(w for w in (before, name, after) if w))
            if country is not None and country in keys:  # "Iraqi Kurdistan" is Iraq's
                return None
            if country is not None:
                return Match(first, last, (Alias(table.span(first, last), country, "place"),) if country else ())
    return None


def _inner_names(table: Words, match: Match, states: list[Alias], dictionary: ActorDictionary) -> list[str]:
    """The names a longer place name may hold in place of ``match``: its text, and for a demonym the
    names of its state ("North American" read as "North America")."""
    inner = [table.span(match.first, match.last)]
    for alias in (a for a in states if a.form == "demonym" and a.key in dictionary.countries):
        state = dictionary.countries[alias.key]
        inner.extend((state.name, *state.aliases))
    return inner


def _longer_spans(table: Words, match: Match) -> list[tuple[int, int]]:
    """The token ranges around ``match`` adding at most :data:`MAX_PLACE_WORDS` words on each side,
    longest first."""
    spans = [(first, last) for first in range(max(0, match.first - MAX_PLACE_WORDS), match.first + 1)
             for last in range(match.last, min(len(table.lower), match.last + MAX_PLACE_WORDS) + 1)
             if (first, last) != (match.first, match.last)]
    return sorted(spans, key=lambda s: s[0] - s[1])


def is_state(dictionary: ActorDictionary, key: str) -> bool:
    """Whether ``key`` is a state's entry."""
    entry = dictionary.entry(key)
    return entry is not None and entry.kind == "state"


def country_at(context: ArticleContext, i: int, dictionary: ActorDictionary,
               forms: frozenset[str] = PLACE_FORMS | {"demonym"}) -> str | None:
    """The country of the state, capital (or demonym) written at token ``i`` (longest name first)."""
    match = longest_at(context, i, dictionary)
    return match_country(match, dictionary, forms) if match else None


def match_country(match: Match, dictionary: ActorDictionary, forms: frozenset[str]) -> str | None:
    """The country of the state or state body a dictionary match names in one of ``forms``."""
    for alias in (a for a in match.aliases if a.form in forms):
        if alias.form == "place":
            return alias.key
        entry = dictionary.entry(alias.key)
        if entry is not None and entry.kind in {"state", "organisation"} and entry.country:
            return entry.country
    return None
