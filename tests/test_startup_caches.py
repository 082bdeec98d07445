"""What a process reads at start-up instead of building: the cached round (eventwire.cachefiles.cached), the
entries the CAMEO verb dictionary gives under the lexicon (eventwire.lexicons.verb_import) and the built actor
dictionary (eventwire.lexicons.actor_cache). Each gives what a build gives, is built again when a file it is
built from changes, and is built again, with a warning naming it, when its file is damaged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.cachefiles import CacheWarning, cached
from eventwire.lexicons import actor_cache, verb_import
from eventwire.lexicons.actors import ActorDictionary, build_dictionary
from eventwire.lexicons.entries import Entry as Actor
from eventwire.lexicons.entries import Listing, Role
from eventwire.lexicons.phoenix import Phoenix
from eventwire.lexicons.triggers import Entry, Lexicon


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield tmp_path / "cache" / "eventwire"


class Builds:
    """A build that counts its calls: a list of squares, kept as a tuple."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list[int]:
        self.calls += 1
        return [n * n for n in range(5)]


def round_trip(path: Path | None, build: Builds) -> list[int]:
    return cached(path, build, tuple, list, ".test-")


def test_a_value_is_built_once_then_read(cache_home: Path) -> None:
    build, path = Builds(), cache_home / "squares.marshal"
    assert round_trip(path, build) == [0, 1, 4, 9, 16] and path.exists()
    assert round_trip(path, build) == [0, 1, 4, 9, 16] and build.calls == 1
    assert round_trip(None, build) == [0, 1, 4, 9, 16] and build.calls == 2, "no path: built, not cached"


def test_a_damaged_file_is_built_again_with_a_warning_that_names_it(cache_home: Path) -> None:
    build, path = Builds(), cache_home / "squares.marshal"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    with pytest.warns(CacheWarning, match=r"squares\.marshal cannot be read .* built again"):
        assert round_trip(path, build) == [0, 1, 4, 9, 16]
    assert round_trip(path, build) == [0, 1, 4, 9, 16] and build.calls == 1, "the damaged file was replaced"


def test_data_that_does_not_restore_is_built_again(cache_home: Path) -> None:
    build, path = Builds(), cache_home / "squares.marshal"
    round_trip(path, build)

    def refuse(data: object) -> list[int]:
        raise TypeError("a row of the wrong width")

    with pytest.warns(CacheWarning, match="wrong width"):
        assert cached(path, build, tuple, refuse, ".test-") == [0, 1, 4, 9, 16]
    assert build.calls == 2


def test_a_value_marshal_cannot_write_is_used_and_reported(cache_home: Path) -> None:
    path = cache_home / "object.marshal"
    with pytest.warns(CacheWarning, match="cannot write"):
        assert cached(path, lambda: 7, lambda n: object(), lambda data: 0, ".test-") == 7
    assert not path.exists()


# --- the verb dictionary's entries ---------------------------------------------------------------------------

def test_the_entries_are_read_back_as_built(cache_home: Path) -> None:
    lexicon = Lexicon.load()
    path = verb_import.entries_path(lexicon, "all")
    assert path is not None and path.parent == cache_home and not path.exists()
    built = verb_import.imported_entries(lexicon, verb_import.compiled().frames, "all")
    merged = verb_import._merged.__wrapped__(lexicon, "all")
    by_word: dict[tuple[str, str], list[Entry]] = {}
    for entry in (*lexicon.entries, *built):
        by_word.setdefault((entry.pos, entry.lemma), []).append(entry)
    assert path.exists() and merged.entries == lexicon.entries and not merged.imported.made
    assert {key: merged.table.get(key) for key in by_word} == {key: tuple(found) for key, found in by_word.items()}
    again = verb_import._merged.__wrapped__(lexicon, "all")
    assert again.imported.entries() == merged.imported.entries() and len(again.imported.entries()) == len(built)
    assert ("verb", "attack") in again.table and ("verb", "not a verb") not in again.table


def test_another_lexicon_or_mode_is_another_file(cache_home: Path) -> None:
    lexicon = Lexicon.load()
    path = verb_import.entries_path(lexicon, "all")
    assert verb_import.entries_path(lexicon, "patterns") != path
    more = replace(lexicon, entries=(*lexicon.entries, Entry(lemma="stonewall", code="128")))
    assert verb_import.entries_path(more, "all") != path
    fewer = replace(lexicon, light_verbs=lexicon.light_verbs - {"make"})
    assert verb_import.entries_path(fewer, "all") != path
    assert verb_import.entries_path(Lexicon.load(), "all") == path, "the same lexicon read again: the same file"


def test_damaged_entries_are_built_again(cache_home: Path) -> None:
    lexicon = Lexicon.load()
    first = verb_import._merged.__wrapped__(lexicon, "all")
    path = verb_import.entries_path(lexicon, "all")
    assert path is not None
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    with pytest.warns(CacheWarning, match="cameo-entries-"):
        assert verb_import._merged.__wrapped__(lexicon, "all").imported.entries() == first.imported.entries()


# --- the actor dictionary ------------------------------------------------------------------------------------

USERS = "actors:\n  - {name: Ria Sorvell, code: FINGOV, kind: person, role: Minister of Fisheries}\n"
IMPORTED = Phoenix([Listing(Actor("OSKARI_VEHMAS", "Oskari Vehmas", "FINGOV", "FIN", ("GOV",), "person", "Minister",
                                  "1999-04-15", "2003-04-17"), ("Vehmas",))],
                   [Role("harbour warden", ("GOV",), "person", "harbour warden")], Counter({"kept: people": 1}))


def test_the_dictionary_is_read_back_as_built(cache_home: Path, tmp_path: Path) -> None:
    user = tmp_path / "users.yaml"
    user.write_text(USERS, encoding="utf-8")
    paths = (str(user),)
    built = build_dictionary(paths, IMPORTED)
    path = actor_cache.cache_path(paths, True)
    assert path is not None and not path.exists()
    first = actor_cache.load(ActorDictionary, paths, True, lambda: built)
    assert first is built and path.exists()
    read = actor_cache.load(ActorDictionary, paths, True, lambda: pytest.fail("built again"))
    assert vars(read) == vars(built) and read.imported == Counter({"kept: people": 1})
    assert read.candidates("Ria Sorvell")[0].key == built.candidates("Ria Sorvell")[0].key
    assert read.entry("OSKARI_VEHMAS", "2020-01-01") is None, "after the import's horizon, out of its listed tenures"
    assert read.entry("FRA") == built.entry("FRA") and read.holder("president", "FRA", "2021-01-01") is not None
    assert read.misspelt_country("Venezuala") == built.misspelt_country("Venezuala") != ()
    assert read.role("harbour warden") == built.role("harbour warden") is not None


def test_a_changed_user_file_is_another_cache(cache_home: Path, tmp_path: Path) -> None:
    user = tmp_path / "users.yaml"
    user.write_text(USERS, encoding="utf-8")
    before = actor_cache.cache_path((str(user),), True)
    user.write_text(USERS.replace("Ria Sorvell", "Ria Sorvell-Lind"), encoding="utf-8")
    after = actor_cache.cache_path((str(user),), True)
    assert before is not None and after is not None and before != after
    assert actor_cache.cache_path((), True) not in {before, after} and actor_cache.cache_path((), False) not in {
        before, after, actor_cache.cache_path((), True)}
    assert actor_cache.cache_path((str(tmp_path / "missing.yaml"),), True) is None, "the build says it is missing"


def test_a_damaged_dictionary_is_built_again(cache_home: Path) -> None:
    built = build_dictionary((), None)
    actor_cache.load(ActorDictionary, (), False, lambda: built)
    path = actor_cache.cache_path((), False)
    assert path is not None
    path.write_bytes(b"\xff" * 100)
    with pytest.warns(CacheWarning, match="actors-"):
        again = actor_cache.load(ActorDictionary, (), False, lambda: build_dictionary((), None))
    assert vars(again) == vars(built)
