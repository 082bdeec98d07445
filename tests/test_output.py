"""The JSON output contract of DESIGN.md, checked on hand-built records."""

from __future__ import annotations

import json
from dataclasses import replace

from eventwire.models import (
    Actor,
    ActorRef,
    Article,
    Cameo,
    Event,
    EventDate,
    Location,
    Offsets,
    Place,
    Plover,
    Quote,
    Result,
    Span,
    Speaker,
    Timex,
)
from eventwire.output import render_table, to_contract, to_jsonl_line

TEXT = "Norway's foreign minister praised Chile on Monday in Oslo."


def sample_result() -> Result:
    norway = ActorRef("act-1", "Norway", "NORGOV", "NOR")
    chile = ActorRef("act-2", "Chile", "CHL", "CHL")
    event = Event(
        id="ev-1", source=norway, target=chile,
        cameo=Cameo("051", "05", "Praise or endorse", 3.4, 1), plover=Plover("SUPPORT", None, ()),
        modality="asserted", date=EventDate("2020-03-02", "day", "text", "Monday"),
        location=Location("Oslo", "NOR", 59.9, 10.7, "Oslo"),
        trigger=Span(26, 33, "praised"), sentence=Offsets(0, len(TEXT)), quote=None, confidence=0.8,
    )
    return Result(
        article=Article("art-1", TEXT, title="T", published="2020-03-03", source="S", wire="W", url="u", origin="o"),
        actors=(Actor("act-1", "Norway", "NORGOV", "NOR", ("GOV",), "state", (Span(0, 6, "Norway"),)),),
        events=(event,),
        quotes=(Quote("q-1", "partial", "x", 1, 2, Speaker("act-1", "Norway", "NORGOV", 0, 6), None),),
        timexes=(Timex("Monday", 44, 50, "DATE", "2020-03-02"),),
        places=(Place("Oslo", 54, 58, "Oslo", "NOR", 59.9, 10.7, 3143244),),
    )


def test_top_level_and_article_fields() -> None:
    data = to_contract(sample_result())
    assert list(data) == ["article", "text", "actors", "events", "quotes", "timexes", "places"]
    assert list(data["article"]) == ["id", "title", "published", "source", "wire", "url", "place"]
    assert data["article"]["place"] is None


def test_the_article_place_and_the_title_mark_are_in_the_contract() -> None:
    result = sample_result()
    placed = replace(result, article=replace(result.article, place=Location("Oslo", "NOR", 59.9, 10.7, "OSLO")),
                     events=(replace(result.events[0], from_title=True),))
    data = to_contract(placed)
    assert data["article"]["place"] == {"name": "Oslo", "country": "NOR", "lat": 59.9, "lon": 10.7, "text": "OSLO", "basis": "text"}
    assert data["events"][0]["from_title"] is True and to_contract(result)["events"][0]["from_title"] is False


def test_record_fields_follow_the_contract() -> None:
    data = to_contract(sample_result())
    assert {"id", "name", "code", "country", "sectors", "kind", "mentions"} <= set(data["actors"][0])
    assert set(data["actors"][0]["mentions"][0]) == {"start", "end", "text"}
    event = data["events"][0]
    assert {"id", "source", "target", "cameo", "plover", "modality", "date", "location", "trigger", "sentence",
            "quote", "confidence"} <= set(event)
    assert set(event["source"]) == {"actor", "name", "code", "country", "basis"} and event["source"]["basis"] == "named"
    assert set(event["cameo"]) == {"code", "root", "label", "goldstein", "quad_class"}
    assert set(event["plover"]) == {"type", "mode", "context"} and event["plover"]["context"] == []
    assert set(event["date"]) == {"value", "precision", "basis", "text"}
    assert set(event["location"]) == {"name", "country", "lat", "lon", "text", "basis"}
    assert set(event["trigger"]) == {"text", "start", "end"} and set(event["sentence"]) == {"start", "end"}
    quote = data["quotes"][0]
    assert {"id", "kind", "text", "start", "end", "speaker", "cue"} <= set(quote)
    assert set(quote["speaker"]) == {"actor", "name", "code", "start", "end"}
    assert set(data["timexes"][0]) == {"text", "start", "end", "type", "value"}
    assert {"text", "start", "end", "name", "country", "lat", "lon", "geonameid"} <= set(data["places"][0])


def test_jsonl_line_is_one_line_of_valid_json() -> None:
    line = to_jsonl_line(sample_result())
    assert "\n" not in line and json.loads(line)["events"][0]["cameo"]["code"] == "051"


def test_table_shows_the_event() -> None:
    table = render_table([sample_result()])
    assert "NORGOV" in table and "051 Praise or endorse" in table and "CHL" in table
