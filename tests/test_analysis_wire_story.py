"""Three outlets' versions of one wire story, coded by the real pipeline: one story, no double counting."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import ingest as ingest_module
from eventwire.analysis import dyad_series, link, top_actors
from eventwire.settings import Settings
from eventwire.store import Store

WIRE_STORY = Path(__file__).parent / "data" / "wire_story.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("wire") / "wire.duckdb")
    summary = ingest_module.ingest([str(WIRE_STORY)], Settings(db=path), progress=False)
    assert summary.stored == 3 and not summary.failed
    return path


@pytest.mark.model
def test_three_versions_are_one_story_with_three_articles(db: str) -> None:
    with Store.open(db) as store:
        link(store)
        stories = store.connection.execute("SELECT articles, sources FROM stories").fetchall()
    assert stories == [(3, 3)]


@pytest.mark.model
def test_each_event_is_counted_once(db: str) -> None:
    with Store.open(db) as store:
        link(store)
        mentions, distinct, canonical, widest = store.connection.execute(
            "SELECT (SELECT count(*) FROM events), "
            "(SELECT count(DISTINCT (source_code, target_code, substr(cameo_code, 1, 3))) FROM events), "
            "(SELECT count(*) FROM canonical_events), (SELECT max(num_articles) FROM canonical_events)"
        ).fetchall()[0]
        praise = store.connection.execute(
            "SELECT num_mentions, num_articles, num_sources FROM canonical_events "
            "WHERE starts_with(source_code, 'KEN') AND starts_with(target_code, 'ETH') AND cameo_base = '051'"
        ).fetchall()
        series = dyad_series(store, "KEN", "ETH", "year")
        actors = {a["code"]: a for a in top_actors(store)}
    assert canonical == distinct < mentions and widest == 3
    assert praise == [(3, 3, 3)]
    assert sum(row["total"] for row in series) <= distinct
    assert actors["KENGOV"]["mentions"] >= 3  # the Kenyan minister, in each of the three articles
