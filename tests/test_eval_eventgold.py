"""eventgold evaluation: the match rule, recall over required events, precision over all gold events,
date and place accuracy, the parts, and reading the files. Every record here is invented."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_path

from eventwire.errors import EvaluationError
from eventwire.evaluate.eventgold import (
    GoldArticle,
    GoldEvent,
    Predicted,
    Tally,
    evaluate,
    load_gold,
    matches,
    missed,
    part_of,
    score,
    score_article,
)
from eventwire.models import ActorRef, Cameo, Event, EventDate, Location, Offsets, Plover, Span
from eventwire.settings import Settings


def ref(code: str, country: str | None = None) -> ActorRef:
    return ActorRef(actor=f"a-{code}", name=code, code=code, country=country)


def event(code: str, source: ActorRef | None, target: ActorRef | None, *, date: str | None = None,
          place: str | None = None) -> Event:
    return Event(
        id="ev-1", source=source, target=target, cameo=Cameo(code, code[:2], "label", 0.0, 1),
        plover=Plover("CONSULT", None), modality="asserted",
        date=EventDate(date, "day", "text", None) if date else None,
        location=Location("Somewhere", place, None, None, "Somewhere") if place else None,
        trigger=Span(0, 3, "met"), sentence=Offsets(0, 10), quote=None, confidence=0.9,
    )


# --- reading a predicted event ---------------------------------------------------------------------


def test_predicted_reads_root_countries_date_and_place() -> None:
    got = Predicted.of(event("0431", ref("PERGOV", "PER"), ref("BOLMIL", "BOL"), date="2031-04-02", place="CHL"))
    assert got == Predicted("04", "PER", "BOL", "2031-04-02", "CHL")


def test_predicted_country_falls_back_to_the_first_three_letters_of_the_code() -> None:
    got = Predicted.of(event("173", ref("IGOUNO"), ref("IMGMOSISI")))
    assert (got.source, got.target) == ("IGO", "IMG")


def test_predicted_country_field_wins_over_the_code() -> None:
    assert Predicted.of(event("010", ref("XYZGOV", "PER"), None)).source == "PER"


def test_predicted_without_target_has_none() -> None:
    got = Predicted.of(event("141", ref("NORCVL", "NOR"), None))
    assert got.target is None and got.date is None and got.place is None


# --- the match rule --------------------------------------------------------------------------------

MEETING = GoldEvent("PER", "BOL", frozenset({"04", "03"}), either_direction=True)
ATTACK = GoldEvent("PER", "BOL", frozenset({"19"}))
RALLY = GoldEvent("NOR", None, frozenset({"14"}))


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (Predicted("04", "PER", "BOL"), MEETING, True),
        (Predicted("03", "PER", "BOL"), MEETING, True),  # any of the gold roots
        (Predicted("05", "PER", "BOL"), MEETING, False),  # a root the gold does not allow
        (Predicted("04", "BOL", "PER"), MEETING, True),  # reversed, and the gold goes either way
        (Predicted("19", "BOL", "PER"), ATTACK, False),  # reversed, and the gold has a direction
        (Predicted("19", "PER", "BOL"), ATTACK, True),
        (Predicted("19", "PER", "CHL"), ATTACK, False),
        (Predicted("19", "PER", None), ATTACK, False),  # no target matches only a null gold target
        (Predicted("14", "NOR", None), RALLY, True),
        (Predicted("14", "NOR", "NOR"), RALLY, False),
        (Predicted("14", None, "NOR"), RALLY, False),
        (Predicted("04", "PER", "PER"), MEETING, False),
    ],
)
def test_matches(predicted: Predicted, gold: GoldEvent, expected: bool) -> None:
    assert matches(predicted, gold) is expected


def test_either_direction_reverses_the_pair_as_written_null_included() -> None:
    """The rule compares (target, source) with the gold (source, target), whatever they hold."""
    gold = GoldEvent("NOR", None, frozenset({"04"}), either_direction=True)
    assert matches(Predicted("04", "NOR", None), gold)
    assert matches(Predicted("04", None, "NOR"), gold)
    assert not matches(Predicted("04", None, "NOR"), GoldEvent("NOR", None, frozenset({"04"})))


# --- counting --------------------------------------------------------------------------------------


def test_recall_counts_required_events_and_precision_counts_matches_to_any_event() -> None:
    gold = [
        GoldEvent("PER", "BOL", frozenset({"11"})),  # required, matched twice
        GoldEvent("BOL", "PER", frozenset({"12"})),  # required, missed
        GoldEvent("CHL", None, frozenset({"01"}), required=False),  # optional, matched
    ]
    predicted = [
        Predicted("11", "PER", "BOL"),
        Predicted("11", "PER", "BOL"),  # a repeat of the same event still counts as right
        Predicted("01", "CHL", None),  # right, though the gold event is optional
        Predicted("19", "PER", "BOL"),  # wrong
    ]
    tally = score_article(gold, predicted)
    assert (tally.required, tally.matched, tally.predicted, tally.correct) == (2, 1, 4, 3)
    assert tally.metrics()["recall"] == 0.5 and tally.metrics()["precision"] == 0.75


def test_one_prediction_may_match_several_gold_events() -> None:
    gold = [GoldEvent("PER", "BOL", frozenset({"04"})), GoldEvent("PER", "BOL", frozenset({"04", "05"}))]
    tally = score_article(gold, [Predicted("04", "PER", "BOL")])
    assert (tally.matched, tally.correct) == (2, 1)


def test_date_accuracy_is_over_matched_gold_events_with_a_date() -> None:
    gold = [
        GoldEvent("PER", "BOL", frozenset({"04"}), date="2031-04-02"),  # matched; one match has its date
        GoldEvent("PER", "BOL", frozenset({"19"}), date="2031-04"),  # matched; the month given as a day
        GoldEvent("PER", "CHL", frozenset({"11"}), date="2031-04-01"),  # not matched: not counted
        GoldEvent("BOL", "PER", frozenset({"12"}), required=False, date="2031-03"),  # optional, matched, right
        GoldEvent("CHL", "PER", frozenset({"10"})),  # matched, no date: not counted
    ]
    predicted = [
        Predicted("04", "PER", "BOL", date=None),
        Predicted("04", "PER", "BOL", date="2031-04-02"),
        Predicted("19", "PER", "BOL", date="2031-04-05"),
        Predicted("12", "BOL", "PER", date="2031-03"),
        Predicted("10", "CHL", "PER", date="2031-04-01"),
        Predicted("01", "PER", "CHL", date="2031-04-01"),  # the right date on an event that does not match
    ]
    tally = score_article(gold, predicted)
    assert (tally.dated, tally.date_correct) == (3, 2)
    assert tally.metrics()["date_accuracy"] == pytest.approx(2 / 3)


def test_place_accuracy_reads_the_location_country() -> None:
    gold = [
        GoldEvent("PER", "BOL", frozenset({"19"}), place="BOL"),
        GoldEvent("PER", "BOL", frozenset({"04"}), either_direction=True, place="CHL"),
        GoldEvent("PER", None, frozenset({"14"}), place="PER"),  # not matched
    ]
    predicted = [
        Predicted("19", "PER", "BOL", place="BOL"),
        Predicted("04", "BOL", "PER", place="PER"),
        Predicted("14", "PER", "PER", place="PER"),
    ]
    tally = score_article(gold, predicted)
    assert (tally.placed, tally.place_correct) == (2, 1)


def test_rates_are_zero_where_undefined() -> None:
    assert Tally().metrics() == {"recall": 0.0, "precision": 0.0, "date_accuracy": 0.0, "place_accuracy": 0.0}


def test_score_sums_parts_and_all_and_treats_missing_predictions_as_none() -> None:
    articles = [
        GoldArticle("guardian-1", "guardian", (GoldEvent("PER", "BOL", frozenset({"19"})),)),
        GoldArticle("gwn-1", "geowebnews", (GoldEvent("NOR", None, frozenset({"14"})),)),
        GoldArticle("paper_2031", "polnear", (GoldEvent("CHL", "CHL", frozenset({"11"})),)),
    ]
    tallies = score(articles, {"guardian-1": [Predicted("19", "PER", "BOL"), Predicted("11", "PER", "BOL")],
                               "gwn-1": [Predicted("14", "NOR", None)]})
    assert tallies["guardian"] == Tally(1, 1, 2, 1)
    assert tallies["geowebnews"] == Tally(1, 1, 1, 1)
    assert tallies["polnear"] == Tally(1, 0, 0, 0)
    assert tallies["all"] == Tally(3, 2, 3, 2)


def test_missed_lists_required_events_without_a_match() -> None:
    articles = [GoldArticle("gwn-1", "geowebnews",
                            (GoldEvent("PER", "BOL", frozenset({"04"}), either_direction=True),
                             GoldEvent("PER", "BOL", frozenset({"19"}), required=False)),
                            ("talks", "shelling"))]
    (miss,) = missed(articles, {"gwn-1": [Predicted("19", "PER", "BOL")]})
    assert miss.expected == "04 PER->BOL (either direction)" and "talks" in miss.text and "19 PER->BOL" in miss.got


# --- parts and files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_id", "part"),
    [("guardian-2", "guardian"), ("gwn-7", "geowebnews"), ("some-paper_2031-01-01_a-story", "polnear")],
)
def test_part_of(article_id: str, part: str) -> None:
    assert part_of(article_id, ["guardian-2"]) == part


def test_a_guardian_article_outside_dev_is_refused() -> None:
    with pytest.raises(EvaluationError, match="dev"):
        part_of("guardian-9", ["guardian-2"])


def write_set(folder: Path, events: list[dict[str, object]], ids: tuple[str, ...] = ("gwn-1",)) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "guardian-splits.json").write_text(json.dumps({"train": [], "dev": ["guardian-2"], "test": ["guardian-9"]}))
    articles = [{"article": ident, "metadata": {"published": None}, "events": events if i == 0 else []}
                for i, ident in enumerate(ids)]
    (folder / "gold.json").write_text(json.dumps(articles))
    lines = [json.dumps({"id": ident, "text": "Peru and Bolivia held talks in Lima."}) for ident in ids]
    (folder / "inputs.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_load_gold_reads_fields_and_defaults(tmp_path: Path) -> None:
    events: list[dict[str, object]] = [
        {"id": "E1", "required": True, "source": "PER", "target": "BOL", "roots": ["04", "03"],
         "either_direction": True, "date": "2031-04", "place_country": "PER", "what": "talks"},
        {"id": "E1", "required": False, "source": "PER", "target": None, "roots": ["01"]},  # a repeated id
    ]
    (article,) = load_gold(write_set(tmp_path, events))
    assert article.part == "geowebnews" and len(article.events) == 2
    assert article.events[0] == GoldEvent("PER", "BOL", frozenset({"03", "04"}), True, True, "2031-04", "PER")
    assert article.events[1] == GoldEvent("PER", None, frozenset({"01"}), False, False, None, None)


def test_load_gold_refuses_an_event_without_roots(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="roots"):
        load_gold(write_set(tmp_path, [{"required": True, "source": "PER", "target": None, "roots": []}]))


def test_missing_folder_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="eventgold"):
        evaluate(tmp_path)


def test_evaluate_scores_cased_and_lower_cased_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.evaluate import eventgold

    events: list[dict[str, object]] = [{"required": True, "source": "PER", "target": "BOL", "roots": ["04"],
                                        "either_direction": True}]
    folder = write_set(tmp_path, events, ("gwn-1", "guardian-2"))
    seen: list[str] = []

    def fake_predict(records: Sequence[Mapping[str, Any]], settings: Settings | None, *,
                     lower: bool = False) -> tuple[dict[str, list[Predicted]], int]:
        seen.extend(str(r["text"]).lower() if lower else str(r["text"]) for r in records)
        found = [] if lower else [Predicted("04", "BOL", "PER"), Predicted("19", "PER", "BOL")]
        return {"gwn-1": found}, 0

    monkeypatch.setattr(eventgold, "predict", fake_predict)
    report = evaluate(folder)
    assert report.metrics["recall"] == 1.0 and report.metrics["precision"] == 0.5
    assert report.metrics["recall_lower"] == 0.0
    assert report.counts["required"] == 1 and report.counts["predicted"] == 2
    assert report.breakdown is not None and report.breakdown["geowebnews"]["matched"] == 1
    assert report.breakdown["guardian"]["required"] == 0 and "all_lower" in report.breakdown
    assert len(seen) == 4


@pytest.mark.shared
@pytest.mark.model
def test_evaluate_on_the_shared_set() -> None:
    report = evaluate(shared_path("data", "eventgold"))
    assert report.dataset == "eventgold" and report.documents == 28
    assert report.counts["failed_articles"] == 0 and report.counts["predicted"] > 0
    breakdown = report.breakdown or {}
    assert sum(breakdown[part]["required"] for part in ("guardian", "geowebnews", "polnear")) == report.counts["required"]
    assert all(0.0 <= value <= 1.0 for value in report.metrics.values())
