"""The network layout, the top dyads and the network query, on graphs and stores built here (no model)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.analysis.layout import MAX_NODES, Link, Placed, force_layout
from eventwire.settings import Settings
from eventwire.store import Store
from eventwire.web import WebConfig, create_app, queries
from eventwire.web.charts import COMMUNITY_COLOURS, OTHER_COMMUNITY, community_colour, network

TWO_GROUPS = [Link("AAA", "BBB", 9), Link("BBB", "CCC", 7), Link("CCC", "AAA", 8),
              Link("XXX", "YYY", 9), Link("YYY", "ZZZ", 6), Link("ZZZ", "XXX", 8), Link("CCC", "XXX", 1)]
CODES = ["AAA", "BBB", "CCC", "XXX", "YYY", "ZZZ"]


def _apart(placed: list[Placed], a: str, b: str) -> float:
    spot = {p.code: (p.x, p.y) for p in placed}
    return math.dist(spot[a], spot[b])


# ----------------------------------------------------------------------------- layout


def test_two_tight_groups_are_two_communities_drawn_apart() -> None:
    placed = force_layout(CODES, TWO_GROUPS)
    assert [p.code for p in placed] == CODES
    community = {p.code: p.community for p in placed}
    assert community["AAA"] == community["BBB"] == community["CCC"] != community["XXX"]
    assert community["XXX"] == community["YYY"] == community["ZZZ"]
    assert sorted(set(community.values())) == [0, 1]
    within = max(_apart(placed, a, b) for a, b in [("AAA", "BBB"), ("BBB", "CCC"), ("XXX", "YYY"), ("YYY", "ZZZ")])
    across = min(_apart(placed, a, b) for a in ("AAA", "BBB") for b in ("YYY", "ZZZ"))
    assert within < across
    assert all(0.0 <= p.x <= 1.0 and 0.0 <= p.y <= 1.0 for p in placed)
    assert max(max(p.x for p in placed), max(p.y for p in placed)) == 1.0  # the drawing fills its square


def test_layout_is_the_same_every_time_and_the_largest_community_is_zero() -> None:
    links = [*TWO_GROUPS, Link("QQQ", "ZZZ", 5), Link("QQQ", "YYY", 5)]
    codes = [*CODES, "QQQ"]
    first, again = force_layout(codes, links), force_layout(list(codes), list(links))
    assert first == again
    sizes: dict[int, int] = {}
    for p in first:
        sizes[p.community] = sizes.get(p.community, 0) + 1
    assert sizes[0] == max(sizes.values()) and {p.community for p in first if p.code == "QQQ"} == {0}


def test_both_directions_add_up_and_stray_links_are_left_out() -> None:
    # Without the reverse link's weight, B would be as near A as C is; with it, it is nearer.
    links = [Link("AAA", "BBB", 20), Link("BBB", "AAA", 20), Link("AAA", "CCC", 1), Link("BBB", "CCC", 1),
             Link("AAA", "AAA", 50), Link("AAA", "NOT-SHOWN", 99)]
    placed = force_layout(["AAA", "BBB", "CCC"], links)
    assert [p.code for p in placed] == ["AAA", "BBB", "CCC"]
    assert _apart(placed, "AAA", "BBB") < _apart(placed, "AAA", "CCC")


def test_small_and_oversized_graphs() -> None:
    assert force_layout([], []) == []
    assert force_layout(["USA"], []) == [Placed("USA", 0.5, 0.5, 0)]
    lonely = force_layout(["USA", "RUS"], [])
    assert {p.community for p in lonely} == {0, 1} and _apart(lonely, "USA", "RUS") > 0.5
    with pytest.raises(ValueError, match="most active"):
        force_layout([f"C{i}" for i in range(MAX_NODES + 1)], [])


# ----------------------------------------------------------------------------- the drawing


def test_network_drawing_places_nodes_by_layout_and_fills_them_by_community() -> None:
    data = {"nodes": [{"code": "A<B", "events": 3, "x": 0.0, "y": 1.0, "community": 0},
                      {"code": "RUS", "events": 2, "x": 1.0, "y": 0.5, "community": 1},
                      {"code": "ZZZ", "events": 1, "x": 0.5, "y": 0.0, "community": 12}],
            "edges": [{"source": "A<B", "target": "RUS", "events": 2, "mean_goldstein": -5.0}]}
    svg = str(network(data, size=500))
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" fill="(#[0-9a-f]+)"', svg)
    assert circles == [("40.0", "460.0", COMMUNITY_COLOURS[0]), ("460.0", "250.0", COMMUNITY_COLOURS[1]),
                       ("250.0", "40.0", OTHER_COMMUNITY)]
    assert 'data-name="network"' in svg and "A&lt;B" in svg and "<A<B" not in svg
    assert svg.count('class="edge"') == 1 and 'stroke="#c0392b"' in svg
    assert community_colour(9) == COMMUNITY_COLOURS[9] and community_colour(10) == OTHER_COMMUNITY


# ----------------------------------------------------------------------------- the queries, on a store built here


def _store(path: Path, pairs: list[tuple[str, str, int, int, float]]) -> Store:
    """A store of one article holding ``count`` events for each (source, target, count, QuadClass, Goldstein)."""
    store = Store.open(path)
    store.connection.execute("INSERT INTO articles (key, id, published) VALUES ('k1', 'a1', DATE '2021-03-01')")
    n = 0
    for source, target, count, quad, goldstein in pairs:
        for _ in range(count):
            n += 1
            store.connection.execute(
                "INSERT INTO events (article_key, id, source_code, target_code, cameo_quad_class, cameo_goldstein, "
                "date_value) VALUES ('k1', ?, ?, ?, ?, ?, ?)", [f"e{n}", source, target, quad, goldstein,
                                                                f"2021-03-{1 + n % 28:02d}"])
    return store


PAIRS = [("USA", "RUS", 5, 3, -2.0), ("RUS", "USA", 3, 1, 1.0), ("RUSMIL", "UKR", 6, 4, -10.0),
         ("UKR", "RUSMIL", 1, 4, -10.0), ("FRA", "DEU", 2, 1, 3.0), ("DEU", "FRA", 2, 2, 5.0),
         ("GBR", "GBR", 9, 1, 1.0), ("GBR", None, 4, 1, 1.0), ("JPN", "KOR", 1, 1, 2.0)]


def test_top_dyads_join_both_directions_and_filter_by_a_prefix(tmp_path: Path) -> None:
    with _store(tmp_path / "s.duckdb", PAIRS) as store:
        top = queries.top_dyads(store)
        mine = queries.top_dyads(store, "rus", limit=1)
    assert [(d["a"], d["b"], d["events"]) for d in top] == [
        ("RUS", "USA", 8), ("RUSMIL", "UKR", 7), ("DEU", "FRA", 4), ("JPN", "KOR", 1)]
    first = top[0]
    assert (first["a_to_b"], first["b_to_a"], first["conflict"]) == (3, 5, 5)
    assert first["mean_goldstein"] == round((5 * -2.0 + 3 * 1.0) / 8, 2)
    assert first["first"] <= first["last"]
    assert [(d["a"], d["b"]) for d in mine] == [("RUS", "USA")]


def test_network_keeps_the_most_active_actors_and_lays_them_out(tmp_path: Path) -> None:
    with _store(tmp_path / "s.duckdb", PAIRS) as store:
        small = queries.network(store, limit=3)
        busy = queries.network(store, min_events=3)
    assert [n["code"] for n in small["nodes"]] == ["RUS", "USA", "RUSMIL"]  # 8, 8 and 7 events; ties by code
    assert {(e["source"], e["target"]) for e in small["edges"]} == {("USA", "RUS"), ("RUS", "USA")}
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in small["nodes"])
    community = {n["code"]: n["community"] for n in small["nodes"]}
    assert community["RUS"] == community["USA"] != community["RUSMIL"] and small["communities"] == 2
    assert {(e["source"], e["target"], e["events"]) for e in busy["edges"]} == {
        ("USA", "RUS", 5), ("RUS", "USA", 3), ("RUSMIL", "UKR", 6)}
    assert "GBR" not in {n["code"] for n in busy["nodes"]}


def test_network_caps_its_nodes_and_edges(tmp_path: Path) -> None:
    star = [(f"C{i:03d}", f"C{j:03d}", 1, 1, 1.0) for i in range(12) for j in range(12) if i != j]
    with _store(tmp_path / "s.duckdb", star) as store:
        data = queries.network(store, limit=10_000)
        few = queries.network(store, limit=5)
    assert data["limit"] == MAX_NODES and len(data["nodes"]) == 12
    assert len(data["edges"]) == 12 * 4  # four edges per node at most, of the 132 there are
    assert len(few["nodes"]) == 5 and len(few["edges"]) == 5 * 4


def test_dyads_page_and_api_list_top_dyads(tmp_path: Path) -> None:
    _store(tmp_path / "s.duckdb", PAIRS).close()
    with TestClient(create_app(WebConfig(Settings(db=str(tmp_path / "s.duckdb")), token="t"))) as client:
        page = client.get("/dyads").text
        assert page.index("RUSMIL") < page.index("DEU") and 'href="/dyads?a=RUS&amp;b=USA&amp;exact=true"' in page
        assert "No events with two actors with JPNX" in client.get("/dyads?a=JPNX").text
        assert "Top dyads with UKR" in client.get("/dyads?b=ukr").text
        assert client.get("/api/dyads/top?actor=UKR").json()["dyads"][0]["b"] == "UKR"
        assert client.get("/api/network?limit=2").json()["limit"] == 2
        assert client.get(f"/api/network?limit={MAX_NODES + 1}").status_code == 422
        assert client.get("/network?limit=0").status_code == 422
        assert 'data-name="network"' in client.get("/network").text


# ----------------------------------------------------------------------------- answers kept until the store changes


def test_memo_keeps_an_answer_until_the_store_changes(tmp_path: Path) -> None:
    from eventwire.web.memo import Memo

    memo, calls = Memo(size=2), []

    def dyads(store: Store) -> list[dict[str, object]]:
        calls.append(1)
        return queries.top_dyads(store)

    with _store(tmp_path / "s.duckdb", PAIRS) as store:
        first = memo.get(store, "top", dyads)
        assert memo.get(store, "top", dyads) is first and len(calls) == 1
        store.connection.execute("INSERT INTO events (article_key, id, source_code, target_code) "
                                 "VALUES ('k1', 'new', 'JPN', 'KOR')")
        again = memo.get(store, "top", dyads)
        assert len(calls) == 2 and [d["events"] for d in again if d["a"] == "JPN"] == [2]
        memo.get(store, "other", lambda s: 1)
        memo.get(store, "third", lambda s: 2)
        memo.get(store, "top", dyads)  # the oldest answer made room for the newer two
        assert len(calls) == 3


def test_a_listed_dyad_opens_on_exactly_its_events(tmp_path: Path) -> None:
    pairs = [("RUS", "USA", 3, 3, -2.0), ("USA", "RUS", 1, 1, 1.0), ("RUSMIL", "USA", 2, 4, -9.0),
             ("USAGOV", "RUS", 4, 1, 2.0)]
    _store(tmp_path / "s.duckdb", pairs).close()
    with TestClient(create_app(WebConfig(Settings(db=str(tmp_path / "s.duckdb")), token="t"))) as client:
        listed = {(d["a"], d["b"]): d["events"] for d in client.get("/api/dyads/top").json()["dyads"]}
        assert listed == {("RUS", "USA"): 4, ("RUS", "USAGOV"): 4, ("RUSMIL", "USA"): 2}
        for (a, b), count in listed.items():
            exact = client.get(f"/api/dyads?a={a}&b={b}&exact=true").json()
            assert exact["events"]["total"] == sum(row["events"] for row in exact["series"]) == count
        assert client.get("/api/dyads?a=RUS&b=USA").json()["events"]["total"] == 10  # by prefix: all of them
        assert client.get("/api/events?dyad=RUS,USA&exact=true").json()["total"] == 4
        assert client.get("/api/events?actor=RUS&exact=true").json()["total"] == 8
        page = client.get("/dyads").text
        assert 'href="/dyads?a=RUS&amp;b=USA&amp;exact=true"' in page
        shown = client.get("/dyads?a=RUS&b=USA&exact=true").text
        assert "4)" in shown and 'name="exact" value="true" checked' in shown


def test_the_network_picture_fills_nodes_by_community(tmp_path: Path) -> None:
    from eventwire.analysis.charts import network_picture

    data = {"nodes": [{"id": c, "code": c, "name": None, "events": 5} for c in CODES],
            "edges": [{"source": link.source, "target": link.target, "events": link.events, "goldstein": 1.0}
                      for link in TWO_GROUPS]}
    svg = network_picture(data, tmp_path / "net.svg", "two groups").read_text(encoding="utf-8").lower()
    assert COMMUNITY_COLOURS[0] in svg and COMMUNITY_COLOURS[1] in svg and COMMUNITY_COLOURS[2] not in svg


def test_kept_answers_follow_every_write(tmp_path: Path) -> None:
    _store(tmp_path / "s.duckdb", PAIRS).close()
    with TestClient(create_app(WebConfig(Settings(db=str(tmp_path / "s.duckdb")), token="t"))) as client:
        before = client.get("/api/dashboard").json()
        assert client.get("/api/dashboard").json() == before
        listed = client.get("/api/dyads/top").json()["dyads"]
        with client.app.state.db.store() as store:
            store.connection.execute("INSERT INTO events (article_key, id, source_code, target_code, date_value) "
                                     "VALUES ('k1', 'late', 'KOR', 'JPN', '2021-04-01')")
        after = client.get("/api/dashboard").json()
        assert after["events"] == before["events"] + 1
        fresh = client.get("/api/dyads/top").json()["dyads"]
        assert [d["events"] for d in fresh if d["a"] == "JPN"] == [2] == [d["events"] + 1 for d in listed
                                                                         if d["a"] == "JPN"]
