"""Toponym resolution: each place name found in an article to one gazetteer place.

A name is resolved by the gazetteer's ranking (:func:`.gazetteer.rank`) in the light of the countries
the article is about (unambiguous toponyms and the actors' countries) and of a state named right after
it ("Portland, Maine"). A name the gazetteer lacks (a street, a building, a village) is a guess: it
keeps its own text as its name, takes the point and country of the article's home city (the city named
most often, at least twice), has no geonameid and carries the feature ``"local"``; without a home city
it stays unresolved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Span

from ...lexicons import ordered_words
from ...models import Place
from ..actors.index import ActorIndex
from .gazetteer import Candidate, Gazetteer, normalise, rank
from .names import STRONG_FEATURES

LOCAL_FEATURE = "local"  # a name the gazetteer lacks, placed at the article's home city
AdminPairs = tuple[tuple[str, str], ...]  # (country, admin1) of the states named after a place


def resolve_places(spans: Sequence[Span], text: str, gazetteer: Gazetteer, index: ActorIndex) -> list[Place]:
    """The place each toponym span of an article's ``text`` names, in the order of ``spans``."""
    by_name = _countries_by_name(spans, gazetteer, index)
    total = sum(by_name.values(), Counter())
    admin1 = _following_states(spans, text, gazetteer, total)
    places = []
    for span in spans:
        others = total - by_name.get(normalise(span.text), Counter())
        places.append(_place(span, gazetteer, others, admin1.get(span.start_char, ())))
    return _place_local_names(places, _main_country(places, index))


def focus_city(places: Sequence[Place], country: str | None = None) -> Place | None:
    """The article's home city: the resolved city named most often, if at least twice; with
    ``country``, only a city in that country counts."""
    counts = Counter(p.geonameid for p in places if p.feature == "city" and country in {None, p.country})
    if not counts:
        return None
    geonameid, count = counts.most_common(1)[0]
    return next(p for p in places if p.geonameid == geonameid) if count >= 2 else None


def name_variants(text: str) -> list[str]:
    """The name itself, then the name without a generic word ("Orange County" -> "Orange")."""
    variants = [text]
    for word in ordered_words("generic_name_prefixes"):
        prefix = word + " "
        if text.startswith(prefix) and len(text) > len(prefix):
            variants.append(text[len(prefix):])
    for word in ordered_words("generic_name_suffixes"):
        suffix = " " + word
        if text.endswith(suffix) and len(text) > len(suffix):
            variants.append(text[: -len(suffix)])
    return variants


def _main_country(places: Sequence[Place], index: ActorIndex) -> str | None:
    """The country the article is most about: the most frequent among resolved places and actors."""
    votes = Counter(p.country for p in places if p.country)
    votes.update(a.country for a in index.actors if a.country and len(a.country) == 3)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _place_local_names(places: list[Place], country: str | None) -> list[Place]:
    """Put the names the gazetteer lacks (streets, buildings, villages) at the article's home city,
    a city of the article's main country named at least twice.

    This is a guess, and the record says so: the place keeps its own text as its name, takes the
    city's country and point, has no geonameid, and carries the feature ``"local"``.
    """
    if country is None:
        return places
    home = focus_city(places, country)
    if home is None:
        return places
    return [
        replace(p, name=p.text, country=home.country, lat=home.lat, lon=home.lon, geonameid=None,
                feature=LOCAL_FEATURE) if p.name is None else p
        for p in places
    ]


def _countries_by_name(spans: Sequence[Span], gazetteer: Gazetteer, index: ActorIndex) -> dict[str, Counter[str]]:
    """The countries the article is about, by the name that says so ("" for the actors).

    A toponym votes for its country when its best candidate is a country, state or region, or
    when all its candidates lie in one country. A name's own votes are left out when that name is
    resolved, so "Georgia" cannot vote for itself.
    """
    votes: dict[str, Counter[str]] = {"": Counter()}
    for span in spans:
        known = gazetteer.lookup(span.text)
        in_countries = {c.country for c in known if c.country}
        if known and known[0].country and (known[0].feature in STRONG_FEATURES or len(in_countries) == 1):
            votes.setdefault(normalise(span.text), Counter())[known[0].country] += 1
    for actor in index.actors:
        if actor.country and len(actor.country) == 3:
            votes[""][actor.country] += 1
    return votes


def _following_states(
    spans: Sequence[Span], text: str, gazetteer: Gazetteer, countries: Counter[str]
) -> dict[int, AdminPairs]:
    """For "Portland, Maine": the state (country, admin1) named right after each place, by start."""
    found: dict[int, AdminPairs] = {}
    for first, second in pairwise(spans):
        between = text[first.end_char:second.start_char]
        if between.strip() != ",":
            continue
        best = gazetteer.resolve(second.text, countries)
        if best is not None and best.country and best.admin1:
            found[first.start_char] = ((best.country, best.admin1),)
    return found


def _candidates(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Candidates for the first variant of ``text`` the gazetteer knows (a shortened variant only
    under a place's own name or alias, so "Collier County" never becomes a town once called "Collier")."""
    for n, variant in enumerate(name_variants(text)):
        found = [c for c in gazetteer.lookup(variant) if n == 0 or c.prior > 0.0]
        if found:
            return found
    return []


def _place(span: Span, gazetteer: Gazetteer, countries: Counter[str], admin1: AdminPairs) -> Place:
    candidates = rank(_candidates(span.text, gazetteer), countries, admin1)
    best = candidates[0] if candidates else None
    if best is None:
        return Place(span.text, span.start_char, span.end_char, None, None, None, None, None, None)
    return Place(
        text=span.text, start=span.start_char, end=span.end_char, name=best.name, country=best.country,
        lat=best.lat, lon=best.lon, geonameid=best.geonameid, feature=best.feature,
    )
