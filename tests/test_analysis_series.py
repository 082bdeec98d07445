"""Dyad series, timelines, top actors, the network and their DataFrame twins, on canonical events."""

from __future__ import annotations

import pytest
from test_analysis_linking import Spec, coded, outlets

import eventwire.analysis as analysis
from eventwire.analysis import dyad_series, frames, network, timeline, top_actors
from eventwire.store import Store

SPECS = [
    Spec("ARDGOV", "051", "BELGOV", "2021-01-05"),
    Spec("BELGOV", "112", "ARDGOV", "2021-01-20"),
    Spec("ARDGOV", "190", "BELGOV", "2021-03-02"),
    Spec("ARDGOV", "036", "BELGOV", "2021-03", "month"),  # its own event: no 036 day in March
    Spec("ARDGOV", "051", "BELGOV", "2021", "year"),  # joins the January praise
    Spec("CORMIL", "190", "DELGOV", "2021-02-11"),
    Spec("DELGOV", "112", "BELGOV", "2021-02-12"),
]


@pytest.fixture
def store() -> Store:
    with Store.open(":memory:") as opened:
        opened.write([coded(f"Article {i}: {'words ' * i}", [spec]) for i, spec in enumerate(SPECS)])
        opened.write(outlets())  # one story in three outlets: two events, each counted once
        yield opened


def test_public_surface_is_complete() -> None:
    public = {n for n in vars(analysis) if not n.startswith("_") and callable(getattr(analysis, n))}
    assert public - {"annotations"} <= set(analysis.__all__)
    assert {"dyad_series", "network", "top_actors", "timeline"} <= set(analysis.__all__)


def test_monthly_dyad_series_counts_by_quad_class_and_fills_gaps(store: Store) -> None:
    rows = dyad_series(store, "ard", "BEL")
    assert [r["period"] for r in rows] == ["2021-01", "2021-02", "2021-03"]
    assert rows[0] == {"period": "2021-01", "q1": 1, "q2": 0, "q3": 1, "q4": 0, "total": 2, "goldstein": 0.7}
    assert rows[1]["total"] == 0 and rows[1]["goldstein"] is None
    assert (rows[2]["q1"], rows[2]["q4"], rows[2]["total"]) == (2, 1, 3)  # March: 190, 036 and the wire story's 051


@pytest.mark.parametrize(
    ("freq", "directed", "periods", "total"),
    [
        ("year", False, ["2021"], 5),
        ("month", True, ["2021-01", "2021-02", "2021-03"], 4),
        ("week", False, None, 4),  # the month-precision event is left out of weeks
        ("day", True, None, 3),
    ],
)
def test_series_frequencies_and_direction(store: Store, freq: str, directed: bool, periods: list[str] | None,
                                          total: int) -> None:
    rows = dyad_series(store, "ARD", "BEL", freq, directed=directed)
    assert sum(r["total"] for r in rows) == total
    if periods:
        assert [r["period"] for r in rows] == periods


def test_weeks_start_on_monday(store: Store) -> None:
    rows = dyad_series(store, "ARD", "BEL", "week")
    assert rows[0]["period"] == "2021-01-04" and rows[1]["period"] == "2021-01-11"


def test_unknown_frequency_says_which_exist(store: Store) -> None:
    with pytest.raises(ValueError, match="day, week, month, year"):
        dyad_series(store, "ARD", "BEL", "fortnight")


def test_timeline_counts_every_event_of_an_actor(store: Store) -> None:
    rows = timeline(store, "DEL", "month")
    assert [(r["period"], r["q3"], r["q4"], r["total"]) for r in rows] == [("2021-02", 1, 1, 2), ("2021-03", 1, 0, 1)]
    assert timeline(store, "ZZZ") == []


def test_top_actors_count_canonical_events(store: Store) -> None:
    rows = top_actors(store, limit=2)
    assert [r["code"] for r in rows] == ["BELGOV", "ARDGOV"]
    assert rows[0] == {"code": "BELGOV", "name": "Belmark", "country": "BEL", "events": 7, "as_source": 1,
                       "as_target": 6, "mentions": 12}


@pytest.mark.parametrize(
    ("kwargs", "edges"),
    [
        ({}, {("ARDGOV", "BELGOV"): 4, ("DELGOV", "BELGOV"): 2, ("BELGOV", "ARDGOV"): 1, ("CORMIL", "DELGOV"): 1}),
        ({"min_events": 2}, {("ARDGOV", "BELGOV"): 4, ("DELGOV", "BELGOV"): 2}),
        ({"since": "2021-02-01", "until": "2021-02-28"}, {("DELGOV", "BELGOV"): 1, ("CORMIL", "DELGOV"): 1}),
    ],
)
def test_network_edges_and_nodes(store: Store, kwargs: dict, edges: dict) -> None:
    data = network(store, **kwargs)
    assert {(e["source"], e["target"]): e["events"] for e in data["edges"]} == edges
    totals = {n["id"]: n["events"] for n in data["nodes"]}
    assert totals == {code: sum(n for pair, n in edges.items() if code in pair) for pair in edges for code in pair}
    assert all(n["name"] and n["code"] == n["id"] for n in data["nodes"])


def test_network_mean_goldstein(store: Store) -> None:
    edge = next(e for e in network(store)["edges"] if e["source"] == "DELGOV")
    assert edge["goldstein"] == -2.0


def test_frames_mirror_the_lists(store: Store) -> None:
    frame = frames.dyad_series(store, "ARD", "BEL")
    assert frame.astype(object).where(frame.notna(), None).to_dict("records") == dyad_series(store, "ARD", "BEL")
    assert list(frames.top_actors(store, 3)["code"]) == [r["code"] for r in top_actors(store, 3)]
    nodes, edges = frames.network(store, min_events=2)
    assert len(nodes) == 3 and list(edges.columns) == ["source", "target", "events", "goldstein"]
    events = frames.events(store)
    assert len(events) == 8 and events["num_articles"].max() == 3
    assert len(frames.mentions(store)) == 13 and len(frames.stories(store)) == 8
    assert len(frames.raw_events(store)) == 13 and len(frames.articles(store)) == 10
    assert list(frames.quotes(store).columns)[:2] == ["article_id", "article_published"]


def test_empty_series_frames_keep_their_columns(store: Store) -> None:
    assert list(frames.timeline(store, "ZZZ").columns) == ["period", "q1", "q2", "q3", "q4", "total", "goldstein"]


@pytest.mark.parametrize(
    ("code", "inside", "outside"),
    [("IRN", ["IRN", "IRNGOV", "IRNMIL"], ["IRM", "IRO", "IR", "ISR"]), ("usaz", ["USAZ", "USAZZZ"], ["USB", "USA"])],
)
def test_prefix_range_is_starts_with(code: str, inside: list[str], outside: list[str]) -> None:
    from eventwire.store.filters import prefix_range

    low, high = prefix_range(code)
    assert all(low <= c < high for c in inside) and not any(low <= c < high for c in outside)
