"""The gazetteer's compact arrays give the same candidates as the records they were made from, and its
cache is read when current, built again when damaged, and only skipped when it cannot be written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.stages.places import gazetteer as gz
from eventwire.stages.places import store
from eventwire.stages.places.gazetteer import Candidate, Gazetteer
from eventwire.stages.places.store import CompactNames

PARIS = Candidate("Paris", "city", "FRA", 48.85, 2.35, 2988507, 2_138_551, "11", 0.5)
TEXAS_PARIS = Candidate("Paris", "city", "USA", 33.66, -95.56, 4717560, 24_171, "TX", 0.5, minor=True)
ILE = Candidate("Île-de-France", "state", "FRA", 48.5, 2.5, None, 2_138_551, "11", 0.5, minor=True)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder, and a gazetteer that is loaded anew in it (and again after the test)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gz._load_default.cache_clear()
    yield tmp_path
    gz._load_default.cache_clear()


def test_compact_names_give_the_same_candidates() -> None:
    names = {"paris": [PARIS, TEXAS_PARIS], "ville lumiere": [PARIS], "ile-de-france": [ILE], "lutetia": []}
    table = CompactNames(store.compact(names))
    assert dict(table) == names and len(table) == 4 and "lutetia" in table and "berlin" not in table
    assert table["ville lumiere"][0] is table["paris"][0]
    assert Gazetteer(table).lookup_all("Paris") == Gazetteer(names).lookup_all("Paris")
    assert Gazetteer(table).lookup("Berlin") == [] and table.nbytes() > 0


def test_names_looked_up_again_give_the_same_answer_with_the_memory_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "FOUND_MEMO", 2)
    table = CompactNames(store.compact({"paris": [PARIS, TEXAS_PARIS], "ile-de-france": [ILE], "lutetia": []}))
    names = ["paris", "berlin", "ile-de-france", "paris", "berlin", "lutetia", "ile-de-france"]
    answers = [(name in table, table.get_list(name)) for name in names]
    assert answers == [(True, [PARIS, TEXAS_PARIS]), (False, []), (True, [ILE]), (True, [PARIS, TEXAS_PARIS]),
                       (False, []), (True, []), (True, [ILE])]
    assert len(table._found) <= 2


def test_minor_places_are_for_the_places_stage_only() -> None:
    gazetteer = Gazetteer(CompactNames(store.compact({"paris": [PARIS, TEXAS_PARIS], "ile-de-france": [ILE]})))
    assert gazetteer.lookup("Paris") == [PARIS] and "Paris" in gazetteer
    assert gazetteer.lookup_all("Paris") == [PARIS, TEXAS_PARIS]
    assert gazetteer.lookup("Ile-de-France") == [] and "Île-de-France" not in gazetteer
    assert gazetteer.lookup_all("Île-de-France") == [ILE]


def test_the_cache_is_read_when_current(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = store.cache_path()
    assert path is not None
    assert store.write(path, store.compact({"paris": [PARIS, TEXAS_PARIS]}))
    monkeypatch.setattr(store, "_build_in_child", lambda _: pytest.fail("a current cache is never built again"))
    assert Gazetteer.load().lookup_all("Paris") == [PARIS, TEXAS_PARIS]


def test_a_damaged_cache_is_built_again(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = store.cache_path()
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a gazetteer")
    assert store.read(path) is None

    def child(target: Path) -> bool:  # what the child process does, here with a small table
        return store.write(target, store.compact({"tehran": [Candidate("Tehran", "city", "IRN", 35.7, 51.4, 1, 9)]}))

    monkeypatch.setattr(store, "_build_in_child", child)
    assert Gazetteer.load().lookup("Tehran")[0].country == "IRN"
    assert isinstance(store.read(path), CompactNames)


def test_an_unwritable_cache_folder_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(store, "build", lambda: CompactNames(store.compact({"tehran": [
        Candidate("Tehran", "city", "IRN", 35.7, 51.4, 1, 9)]})))
    gz._load_default.cache_clear()
    try:
        assert Gazetteer.load().lookup("Tehran")[0].country == "IRN"
    finally:
        gz._load_default.cache_clear()
    assert blocked.read_text() == ""


def test_without_a_home_folder_there_is_no_cache_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert gz.cache_path() is None


def test_the_shipped_gazetteer_knows_small_towns_and_divisions() -> None:
    gazetteer = Gazetteer.load()
    visbek = gazetteer.lookup_all("Visbek")
    assert visbek and visbek[0].country == "DEU" and visbek[0].minor
    assert not gazetteer.lookup("Visbek")  # a town under 15,000 people: not for other stages' lookups
    nueva_ecija = gazetteer.lookup_all("Nueva Ecija")
    assert nueva_ecija and nueva_ecija[0].feature == "county" and nueva_ecija[0].country == "PHL"
    assert any(c.feature == "state" and c.country == "DEU" for c in gazetteer.lookup_all("Bayern"))
    assert gazetteer.lookup("Tehran")[0].country == "IRN"
