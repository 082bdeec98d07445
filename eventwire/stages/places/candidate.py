"""Candidate places and how they are ranked: the records the gazetteer holds and the rule that picks one.

Names are matched without case, accents, dots or a leading "the" (:func:`normalise`). Country codes
are ISO 3166 alpha-3. The resolver (:func:`rank`) scores each candidate by population, feature
type, the countries the article is about and the division named beside it.

The gazetteer's own tables in ``eventwire/data``:

- ``geo_country_centres.tsv``: the centre point of every country, so that a country named as a
  place ("in Syria") resolves to its centre and not to its capital;
- ``geo_regions.tsv``: first-level divisions (US states, Canadian provinces...) and named regions,
  territories and seas as news text names them ("Middle East", "West Bank", "Crimea");
- ``geo_aliases.tsv``: other names as news text writes them ("U.S.", "Britain", "Calif.").
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ... import lexicons
from ...settings import data_path

# Prior weight of each feature type, added to log10(population): a name that is a country is
# usually meant as the country, then a state or region, then a city.
FEATURE_PRIOR: Mapping[str, float] = {
    "country": 2.5,
    "continent": 2.5,
    "state": 1.5,
    "territory": 1.5,
    "region": 1.0,
    "water": 1.0,
    "county": 0.5,
    "city": 0.0,
    "landmark": 6.0,  # a landmark in our table is what its name means ("White House")
}
# The same for the minor divisions (from the packages, not the tables): a town is the likelier reading of
# a name it shares with a division named after it ("Madrid", "Laguna"), all else being equal.
# A second-level division's population is that of its largest town, which its name is rarely as well known
# as: it counts a tenth.
MINOR_FEATURE_PRIOR: Mapping[str, float] = {"state": -0.5, "county": -1.5}
CONTEXT_BONUS = 3.0  # the candidate lies in a country the article is about
ADMIN_BONUS = 4.0  # the candidate lies in a state named right after it ("Portland, Maine")
REGION_BONUS = 1.5  # the candidate lies in a division the article names or is datelined in
NEAR_BONUS = 1.5  # the candidate lies near a place the article names without doubt
NEAR_KM = 150.0
MINOR_CONTEXT_SHARE = 0.5  # of the context bonus that a minor place (a small town, not a division) gets
# A world city is a city the world writes in many languages (this many alternate names or more: Geneva, Paris,
# Moscow); a town of its name in another country, known by under half as many names (Geneva, Illinois; Paris,
# Texas), gets only this share of the context bonus: the article's country alone does not make it the likelier.
WORLD_CITY_NAMES = 40
OUTSHONE_SHARE = 0.25
ALIAS_BONUS = 1.5  # the name is an editorial alias of this place ("Washington" -> the capital)
PRIMARY_BONUS = 0.5  # the name is the place's own name, not one of its alternate names
ACRONYM_LENGTH = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to."""

    name: str
    feature: str  # "country", "state", "county", "city", "continent", "region", "territory", "water", "landmark"
    country: str | None  # ISO 3166 alpha-3
    lat: float
    lon: float
    geonameid: int | None
    population: int = 0
    admin1: str | None = None  # GeoNames first-level division code (US: "CA", "ME"...; elsewhere "03"...)
    prior: float = 0.0  # set by a lookup: how well the looked-up name fits this place
    minor: bool = False  # a town under 15,000 people or a division from the packages: known to the places stage only
    names: int = 0  # how many alternate names GeoNames gives a town: how widely the world knows it


def normalise(name: str) -> str:
    """The lookup key of a name: no accents, case, dots, curly quotes or leading "the"."""
    if name.isascii() and name.isalpha():  # one plain word (most names): the same key, sooner
        key = name.lower()
        return "" if key == "the" else key
    folded = name
    if not name.isascii():
        folded = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = folded.replace(".", " ").casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Evidence:
    """What an article tells about where its places are, beyond the countries it names."""

    regions: Collection[tuple[str, str]] = ()  # (country, admin1) of the divisions the article is in
    anchors: tuple[tuple[float, float], ...] = ()  # points of the places it names without doubt


NO_EVIDENCE = Evidence()


def score(candidate: Candidate, countries: Mapping[str, float], admin1: Collection[tuple[str, str]] = (),
          evidence: Evidence = NO_EVIDENCE, outshone: bool = False) -> float:
    """How likely ``candidate`` is meant, given the article's countries (iso3 -> weight), the division
    named right after the name (``admin1``) and the rest of the article's ``evidence``.

    The context bonus is shared out by weight: a place in the article's main country gets all of
    it, a place in a country named once beside ten mentions of another gets a tenth. A minor place
    (a small town) gets a share of it only: being in the article's country does not make a village
    of the name likelier than the city, being in its region or near its other places does. A town
    ``outshone`` by a world city of its name in another country (:func:`outshone_by`) gets a smaller share
    still: Geneva in an article that names the United States is still the Swiss city, unless the article
    names Illinois or a town near Geneva, Illinois.
    """
    feature = (MINOR_FEATURE_PRIOR if candidate.minor else FEATURE_PRIOR).get(candidate.feature, 0.0)
    value = math.log10(candidate.population + 10) + feature + candidate.prior
    if candidate.country and countries:
        share = MINOR_CONTEXT_SHARE if candidate.minor and candidate.feature not in MINOR_FEATURE_PRIOR else 1.0
        if outshone:
            share = min(share, OUTSHONE_SHARE)
        value += share * CONTEXT_BONUS * countries.get(candidate.country, 0.0) / max(countries.values())
    if candidate.country and candidate.admin1:
        if (candidate.country, candidate.admin1) in admin1:
            value += ADMIN_BONUS
        elif (candidate.country, candidate.admin1) in evidence.regions:
            value += REGION_BONUS
    if any(distance_km(candidate.lat, candidate.lon, lat, lon) <= NEAR_KM for lat, lon in evidence.anchors):
        value += NEAR_BONUS
    return value


def rank(
    candidates: Collection[Candidate],
    countries: Mapping[str, float] | None = None,
    admin1: Collection[tuple[str, str]] = (),
    evidence: Evidence = NO_EVIDENCE,
) -> list[Candidate]:
    """Candidates best first (ties: larger population, then lower geonameid, for stable output)."""
    countries = countries or {}
    world = [c for c in candidates if c.feature == "city" and not c.minor and c.names >= WORLD_CITY_NAMES]
    return sorted(
        candidates,
        key=lambda c: (-score(c, countries, admin1, evidence, outshone_by(c, world)), -c.population,
                       c.geonameid or 0, c.name),
    )


def outshone_by(candidate: Candidate, world: Collection[Candidate]) -> bool:
    """Whether a town is outshone by one of the world cities of its name (``world``): one in another country,
    known by more than twice as many names (Geneva, Switzerland for Geneva, Illinois)."""
    return candidate.feature == "city" and any(
        w.country != candidate.country and w.names > 2 * candidate.names for w in world)


# The tables the gazetteer reads, with the columns each must have.
CENTRES = "geo_country_centres.tsv"
REGIONS = "geo_regions.tsv"
ALIASES = "geo_aliases.tsv"
COLUMNS: Mapping[str, tuple[str, ...]] = {
    CENTRES: ("iso3", "lat", "lon"),
    REGIONS: ("name", "feature", "country", "lat", "lon", "population", "geonameid"),
    ALIASES: ("alias", "name", "country"),
}


def read_table(name: str) -> Iterator[lexicons.Row]:
    """The rows of one of the gazetteer's tables (a bad header raises with the file and line)."""
    return lexicons.rows(data_path(name), COLUMNS[name])




def table_paths() -> tuple[Path, ...]:
    """The data files the gazetteer reads, for users who want to extend them."""
    return tuple(data_path(n) for n in (CENTRES, REGIONS, ALIASES))
