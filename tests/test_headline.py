"""Headline events (coded from the title, marked, never a second copy of a body event) and the dateline's place."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.headline import dateline_place, same_event, title_events
from eventwire.ids import stable_id
from eventwire.models import Actor, ActorRef, Article, Cameo, Event, Offsets, Place, Plover, Span
from eventwire.store import Store


def ref(code: str | None, actor: str = "title-actor") -> ActorRef | None:
    return ActorRef(actor, code or "", code, code[:3]) if code else None


def event(source: str | None, code: str, target: str | None, at: int = 0) -> Event:
    return Event(id=stable_id("ev", source, code, target, at), source=ref(source), target=ref(target),
                 cameo=Cameo(code, code[:2], "label", 0.0, 1), plover=Plover(None, None), modality="asserted",
                 date=None, location=None, trigger=Span(at, at + 5, "words"), sentence=Offsets(0, 30), quote=None,
                 confidence=0.7)


@pytest.mark.parametrize(
    ("title", "body", "same"),
    [
        (event("NOR", "166", "RUSGOV"), event("NORGOV", "1662", "RUSGOV"), True),  # coarser code and actor
        (event("NOR", "166", None), event("NORGOV", "166", "RUSGOV"), True),  # the headline leaves out whom
        (event("NOR", "166", "RUSGOV"), event("NOR", "111", "RUSGOV"), False),  # another act
        (event("NOR", "166", "RUSGOV"), event("RUSGOV", "166", "NOR"), False),  # the other direction
        (event("NOR", "166", "RUSGOV"), event("SWE", "166", "RUSGOV"), False),  # another actor
    ],
)
def test_same_event(title: Event, body: Event, same: bool) -> None:
    assert same_event(title, body) is same


def test_title_events_not_in_the_body_are_kept_marked_with_the_body_actors() -> None:
    norway = Actor("body-nor", "Norway", "NOR", "NOR", (), "state", (Span(0, 6, "Norway"),))
    body = [event("RUS", "011", None)]
    title = [event("NOR", "166", "RUSGOV"), event("NOR", "1663", "RUSGOV", 10), event("RUS", "011", None, 20)]
    kept = title_events(title, body, [norway])
    assert [(e.cameo.code, e.from_title) for e in kept] == [("166", True)]  # once, and not the body's again
    assert kept[0].source == ActorRef("body-nor", "Norway", "NOR", "NOR") and kept[0].target == ref("RUSGOV")
    assert title_events([], body, [norway]) == ()


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("OSLO (Reuters) - Talks ended.", [Place("OSLO", 0, 4, "Oslo", "NOR", 59.9, 10.7, 3143244)],
         ("Oslo", "NOR", "OSLO")),
        ("LAHORE, Pakistan (AP) — Police said.", [Place("LAHORE", 0, 6, "Lahore", "PAK", 31.5, 74.3, 1172451),
                                                   Place("Pakistan", 8, 16, "Pakistan", "PAK", 30.0, 70.0, 1168579)],
         ("Lahore", "PAK", "LAHORE, Pakistan")),
        # a place of the text after the dateline is not the article's
        ("Talks ended in Oslo.", [Place("Oslo", 15, 19, "Oslo", "NOR", 59.9, 10.7, 3143244)], None),
        ("KRALJEVO - Talks ended.", [], None),  # no place found, no gazetteer to ask
    ],
)
def test_the_dateline_place(text: str, places: list[Place], expected: tuple[str, str, str] | None) -> None:
    found = dateline_place(text, places)
    assert (found.name, found.country, found.text) == expected if found else expected is None


def test_a_dateline_cleaning_took_off_the_text_is_geocoded_by_the_gazetteer() -> None:
    from eventwire.stages.places.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    found = dateline_place("The envoy arrived.", [], gazetteer, lifted="OSLO")
    assert found is not None and (found.name, found.country, found.text) == ("Oslo", "NOR", "OSLO")
    assert dateline_place("The envoy arrived.", [], gazetteer) is None


@pytest.mark.model
def test_a_headline_only_event_and_the_dateline_place_in_an_article_s_output(tmp_path: Path) -> None:
    from eventwire.output import to_contract
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline.load()
    text = ("OSLO (Reuters) - The two men were given a week to leave the country, the foreign ministry said on "
            "Tuesday. Russia's embassy in Oslo declined to comment.")
    article = Article(id="art-oslo", text=text, title="Norway expels two Russian diplomats", published="2024-05-07")
    result = pipeline.process(article)
    data = to_contract(result)
    assert data["article"]["place"]["name"] == "Oslo" and data["article"]["place"]["country"] == "NOR"
    (headline,) = [e for e in data["events"] if e["from_title"]]
    assert (headline["source"]["code"][:3], headline["cameo"]["code"][:3], headline["target"]["code"][:3]) == \
        ("NOR", "166", "RUS")
    assert article.title[headline["trigger"]["start"]:headline["trigger"]["end"]] == headline["trigger"]["text"]
    # the body telling the same event: the headline adds no second copy
    told = pipeline.process(Article(id="art-oslo-2", title=article.title, published="2024-05-07",
                                    text="OSLO, Norway (AP) - Norway said on Tuesday it had expelled two Russian "
                                         "diplomats."))
    assert [e.cameo.code[:3] for e in told.events if e.cameo.code.startswith("166")] == ["166"]
    assert not any(e.from_title for e in told.events)
    # cleaning takes "OSLO (Reuters) -" off the text; its place is still the article's
    from eventwire.read import article_from_text

    cleaned = article_from_text(f"# {article.title}\n\n{text}", published="2024-05-07")
    assert not cleaned.text.startswith("OSLO") and cleaned.dateline == "OSLO"
    assert pipeline.process(cleaned).article.place == result.article.place
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write([result])
        stored = store.connection.execute("SELECT place_name, place_country, place_text FROM articles").fetchall()
        marks = store.connection.execute("SELECT cameo_code, from_title FROM events ORDER BY from_title").fetchall()
    assert stored == [("Oslo", "NOR", "OSLO")] and marks[-1][1] is True and not marks[0][1]


def test_the_stored_article_twin_carries_the_place_and_marks_only_body_events(tmp_path: Path) -> None:
    from dataclasses import replace

    from eventwire.models import Location, Result
    from eventwire.web import queries
    from eventwire.web.annotate import marks

    text = "The two men were given a week to leave the country, the ministry said."
    article = Article(id="art-oslo", text=text, title="Norway expels two Russian diplomats", published="2024-05-07",
                      place=Location("Oslo", "NOR", 59.9, 10.7, "OSLO"))
    body, headline = event("RUS", "011", None, 20), replace(event("NOR", "166", "RUSGOV", 7), from_title=True)
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write([Result(article=article, events=(body, headline))])
        record = queries.article(store, "art-oslo")
    assert record is not None
    assert record["article"]["place"] == {"name": "Oslo", "country": "NOR", "lat": 59.9, "lon": 10.7, "text": "OSLO"}
    assert sorted(e["from_title"] for e in record["events"]) == [False, True]
    triggers = [m for m in marks(record) if m.layer == "trigger"]
    assert [m.anchor for m in triggers] == [f"ev-{body.id}"]
