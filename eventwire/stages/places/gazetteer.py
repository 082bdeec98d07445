"""The gazetteer: place names to candidate places.

Built once (see :mod:`.store`: compact arrays, cached in the user's cache folder) from the packages
that ship GeoNames and ISO 3166-2 data and eventwire's tables (see :mod:`.sources`): countries,
continents, first- and second-level divisions (states, provinces, counties), regions and seas, and
every town of 1,000 people or more, each under its own and its alternate names.

:meth:`Gazetteer.lookup` gives the *major* places only (countries, divisions and regions of the tables,
towns of 15,000 people or more): what the other stages ask about a name ("is it a place, in which
country?"). :meth:`Gazetteer.lookup_all` adds the minor ones (small towns, the packages' divisions):
what the places stage resolves a toponym among.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from . import store
from .candidate import (
    ACRONYM_LENGTH,
    Candidate,
    distance_km,
    normalise,
    rank,
    read_table,
    score,
    table_paths,
)

__all__ = ["Candidate", "Gazetteer", "cache_path", "distance_km", "normalise", "rank", "read_table", "score",
           "table_paths"]


KEPT_LOOKUPS = 50_000  # ranked lookups a gazetteer keeps (then it starts afresh): a few MB


class Gazetteer:
    """Normalised name -> candidate places; build it with :meth:`load`."""

    def __init__(self, names: Mapping[str, Sequence[Candidate]]) -> None:
        self._names = names
        self._kept: dict[tuple[str, bool], tuple[Candidate, ...]] = {}

    @classmethod
    def load(cls) -> Gazetteer:
        """The shipped gazetteer, loaded once per process."""
        return _load_default()

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: str) -> bool:
        return bool(self._found(name, minor=False))

    def lookup(self, name: str) -> list[Candidate]:
        """Every major place ``name`` may refer to, best first without context."""
        return list(self._ranked(name, minor=False))

    def lookup_all(self, name: str) -> list[Candidate]:
        """Every place ``name`` may refer to, small towns and all divisions too, best first without context."""
        return list(self._ranked(name, minor=True))

    def _ranked(self, name: str, minor: bool) -> tuple[Candidate, ...]:
        """The places of ``name`` best first without context, kept for the next time the name is looked up
        (the stages look up the same names many times; at most :data:`KEPT_LOOKUPS` are kept)."""
        key = (name, minor)
        found = self._kept.get(key)
        if found is None:
            if len(self._kept) >= KEPT_LOOKUPS:
                self._kept.clear()
            found = self._kept[key] = tuple(rank(self._found(name, minor)))
        return found

    def resolve(
        self,
        name: str,
        countries: Mapping[str, float] | None = None,
        admin1: Collection[tuple[str, str]] = (),
    ) -> Candidate | None:
        """The place ``name`` most likely refers to in an article about ``countries``."""
        ranked = rank(self._found(name, minor=True), countries, admin1)
        return ranked[0] if ranked else None

    def _found(self, name: str, minor: bool) -> Sequence[Candidate]:
        key = normalise(name)
        found: Sequence[Candidate] = self._names.get(key, ()) if key in self._names else ()
        if not minor:
            found = [c for c in found if not c.minor]
        if name.isupper() and len(name) <= ACRONYM_LENGTH:
            # An acronym is a place only under its own name or an alias ("UK"), never because
            # it spells some town's alternate name ("ISNA" is not Esna).
            found = [c for c in found if c.prior > 0.0]
        return found


def cache_path() -> Path | None:
    """Where the current gazetteer is cached (None when that cannot be told)."""
    return store.cache_path()


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    return Gazetteer(store.load())
