"""The country a place name lies in, by the gazetteer: how groups written with a place the dictionary does
not name ("Arica police", "rebels in Tacna") get their country.

:func:`locator` makes the :data:`Locate` function that :class:`eventwire.resources.Resources` holds and
the actors stage asks; :func:`country_of` is its rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...casing import NewsCase
from ..places.gazetteer import Candidate, Gazetteer

REGION_FEATURES = frozenset({"country", "state", "territory", "region"})
DOMINANT_SHARE = 0.9  # of the people of all towns of a name that one country's towns must hold

Locate = Callable[[str], str | None]
"""The country a place name lies in ("Darfur" -> "SDN"); "" for a known place of no one country ("North
America"), None for a name the gazetteer does not know."""


def locator(gazetteer: Gazetteer) -> Locate:
    """The country a place name clearly lies in, by the gazetteer (see :func:`country_of`); "" for a
    place it knows in no one country ("North America"), None for a name it does not know."""

    def locate(name: str) -> str | None:
        candidates = gazetteer.lookup(name) or divisions(gazetteer, name)
        return (country_of(candidates) or "") if candidates else None

    return locate


def divisions(gazetteer: Gazetteer, name: str) -> list[Candidate]:
    """The first-level divisions (states, provinces) of the whole gazetteer that ``name`` names, when it names
    no major place and is no common word of news text ("Sindh", "Balochistan"; not "Central")."""
    if NewsCase.load().is_common(name.lower()):
        return []
    return [c for c in gazetteer.lookup_all(name) if c.feature == "state"]


def country_of(candidates: Sequence[Candidate]) -> str | None:
    """The country of a place name's candidates when they agree on one: that of its countries, states,
    territories and regions ("Tarapaca" as a Chilean region), else that of its towns when one country's
    towns hold nine tenths of their people ("Arica"); None when they disagree or name no country."""
    regions = {c.country for c in candidates if c.feature in REGION_FEATURES}
    if regions:
        return regions.pop() if len(regions) == 1 else None
    people: dict[str | None, int] = {}
    for candidate in (c for c in candidates if c.feature == "city"):
        people[candidate.country] = people.get(candidate.country, 0) + max(candidate.population, 1)
    if not people:
        return None
    country, most = max(people.items(), key=lambda item: item[1])
    return country if most >= DOMINANT_SHARE * sum(people.values()) else None
