"""The built actor dictionary kept in the user's cache folder, so that a process starts by reading it.

Building :class:`~.actors.ActorDictionary` from its tables and the Phoenix import merges some 100,000 names,
about a second in every worker process. :func:`load` reads the dictionary a first build left in the cache
folder (:mod:`eventwire.cachefiles`), in a file named by a digest of all the build reads: the tables, the
Phoenix import's own cache name (its files and the gazetteer), the word lists, the user's files, and the
modules that build it. A changed file is another name, so a stale copy is never read; a damaged one is built
again with a warning.

The dictionary is kept as plain data: its records (entries, aliases, countries, roles) as rows of their fields,
its counts as dicts, every other attribute as it is.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import astuple
from pathlib import Path
from typing import Any, TypeVar

from ..cachefiles import cache_folder, cached
from ..settings import data_path
from . import phoenix
from .entries import Alias, Country, Entry, Role

D = TypeVar("D")
HERE = Path(__file__).resolve().parent

Record = type[Entry] | type[Alias] | type[Country] | type[Role]
# the attributes that hold records: name -> (the record type, whether each value is a list of them)
RECORDS: dict[str, tuple[Record, bool]] = {
    "countries": (Country, False),
    "roles": (Role, False),
    "_entries": (Entry, True),
    "_aliases": (Alias, True),
    "_holders": (Entry, True),
    "_country_names": (Alias, True),
}
COUNTS = ("merged", "imported")


def load(kind: type[D], paths: Sequence[str], with_phoenix: bool, build: Callable[[], D]) -> D:
    """The dictionary (a ``kind``) of ``paths`` and Phoenix's (with ``with_phoenix``) from the cache, else
    ``build()``, then cached."""

    def restore(data: Any) -> D:
        dictionary = kind.__new__(kind)
        vars(dictionary).update(restored(data))
        return dictionary

    return cached(cache_path(paths, with_phoenix), build, plain, restore, ".actors-")


def cache_path(paths: Sequence[str], with_phoenix: bool) -> Path | None:
    """Where the dictionary of ``paths`` is cached, None when that cannot be told (a file missing: the build
    then says which)."""
    try:
        digest = hashlib.sha256(repr((tuple(paths), with_phoenix)).encode())
        imported = phoenix.cache_path() if with_phoenix else None
        if with_phoenix and imported is None:
            return None
        digest.update(imported.name.encode() if imported is not None else b"no phoenix")
        modules = ("actors.py", "entries.py", "petrarch.py", "actor_cache.py", "words.py", "tables.py")
        sources = (*(HERE / n for n in modules),
                   *sorted(data_path("words").glob("*.tsv")),
                   *(data_path(n) for n in ("countries.tsv", "leaders.tsv", "institutions.tsv", "organisations.tsv",
                                            "roles.tsv")), *(Path(p) for p in paths))
        for path in sources:
            digest.update(path.read_bytes())
        folder = cache_folder()
    except (OSError, RuntimeError):
        return None
    return folder / f"actors-{digest.hexdigest()[:16]}.marshal"


def plain(dictionary: object) -> dict[str, Any]:
    """Every attribute of a built dictionary as plain data (see the module's notes)."""
    data: dict[str, Any] = {}
    for name, value in vars(dictionary).items():
        if name in RECORDS:
            listed = RECORDS[name][1]
            data[name] = {k: [astuple(r) for r in v] if listed else astuple(v) for k, v in value.items()}
        elif name in COUNTS:
            data[name] = dict(value)
        else:
            data[name] = value
    return data


def restored(data: dict[str, Any]) -> dict[str, Any]:
    """The attributes of the dictionary :func:`plain` gave (malformed data raises TypeError or KeyError)."""
    if not isinstance(data, dict) or not set(RECORDS) | set(COUNTS) <= set(data):
        raise TypeError("the cached actor dictionary lacks some of its parts")
    found = dict(data)
    for name, (record, listed) in RECORDS.items():
        found[name] = {k: [record(*r) for r in v] if listed else record(*v) for k, v in data[name].items()}
    for name in COUNTS:
        found[name] = Counter(data[name])
    return found
