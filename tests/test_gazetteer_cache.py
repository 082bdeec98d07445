"""The gazetteer's compact cache gives the same candidates as building it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.stages.places import gazetteer as gz
from eventwire.stages.places.gazetteer import Candidate, CompactNames, Gazetteer

PARIS = Candidate("Paris", "city", "FRA", 48.85, 2.35, 2988507, 2_138_551, "11", 0.5)
TEXAS_PARIS = Candidate("Paris", "city", "USA", 33.66, -95.56, 4717560, 24_171, "TX")


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder, and a gazetteer that is loaded anew in it (and again after the test)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gz._load_default.cache_clear()
    yield tmp_path
    gz._load_default.cache_clear()


def test_compact_names_give_the_same_candidates() -> None:
    names = {"paris": [PARIS, TEXAS_PARIS], "ville lumiere": [PARIS], "lutetia": []}
    rows, numbers = gz.compact(names)
    assert len(rows) == 2 and numbers == {"paris": (0, 1), "ville lumiere": (0,), "lutetia": ()}
    table = CompactNames(rows, numbers)
    assert dict(table) == names and len(table) == 3 and "lutetia" in table
    assert table["ville lumiere"][0] is table["paris"][0]
    assert Gazetteer(table).lookup("Paris") == Gazetteer(names).lookup("Paris")
    assert Gazetteer(table).lookup("Berlin") == []


def test_the_cached_gazetteer_is_the_built_one(cache_home: Path) -> None:
    built = Gazetteer.load()
    (path,) = (cache_home / "eventwire").iterdir()
    assert path == gz.cache_path()
    gz._load_default.cache_clear()
    cached = Gazetteer.load()
    assert isinstance(cached._names, CompactNames)
    assert dict(cached._names) == dict(built._names)
    assert cached.resolve("Portland", {"USA": 1.0}, {("USA", "ME")}) == built.resolve("Portland", {"USA": 1.0},
                                                                                    {("USA", "ME")})


def test_a_damaged_cache_is_built_again(cache_home: Path) -> None:
    path = gz.cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a gazetteer")
    gazetteer = Gazetteer.load()
    assert not isinstance(gazetteer._names, CompactNames)
    assert gazetteer.lookup("Tehran")[0].country == "IRN"
    assert isinstance(gz._read_compact(path), CompactNames)


def test_an_unwritable_cache_folder_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    gz._load_default.cache_clear()
    try:
        assert Gazetteer.load().lookup("Tehran")[0].country == "IRN"
    finally:
        gz._load_default.cache_clear()
    assert blocked.read_text() == ""


def test_without_a_home_folder_the_gazetteer_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert gz.cache_path() is None
    gz._load_default.cache_clear()
    try:
        assert Gazetteer.load().lookup("Tehran")[0].country == "IRN"
    finally:
        gz._load_default.cache_clear()
