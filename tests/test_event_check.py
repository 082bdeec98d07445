"""The event check: its features, its probability, what it leaves out, loading it, and the shipped file.
Every event here is built by hand."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path
from typing import get_args

import pytest

from eventwire.errors import ModelError
from eventwire.learn.check import EventCheck, features
from eventwire.learn.model import logit
from eventwire.models import ActorRef, Basis, Cameo, Event, Modality, Offsets, Plover, Span
from eventwire.resources import Resources
from eventwire.settings import Settings


def ref(code: str, basis: Basis = "named") -> ActorRef:
    return ActorRef(actor=f"a-{code}", name=code, code=code, country=code[:3], basis=basis)


def event(root: str = "04", target: ActorRef | None = None, *, confidence: float = 0.5, at: int = 0,
          modality: Modality = "asserted", quote: str | None = None) -> Event:
    return Event(
        id=f"ev-{at}", source=ref("PERGOV"), target=target, cameo=Cameo(f"{root}0", root, "label", 0.0, 1),
        plover=Plover("CONSULT", None), modality=modality, date=None, location=None,
        trigger=Span(at, at + 3, "met"), sentence=Offsets(at, at + 10), quote=quote, confidence=confidence,
    )


def test_features_name_how_the_event_was_found() -> None:
    got = features(event("11", ref("BOLGOV", "context"), confidence=0.8, modality="negated", quote="q-1"))
    assert got == {"confidence": pytest.approx(math.log(0.8 / 0.2)), "target=context": 1.0, "source=named": 1.0,
                   "modality=negated": 1.0, "quote": 1.0, "root=11": 1.0}


def test_an_event_without_a_target_says_so() -> None:
    got = features(event())
    assert got["target=none"] == 1.0 and got["quote"] == 0.0


def test_logit_is_bounded_at_certainty() -> None:
    assert math.isfinite(logit(0.0)) and math.isfinite(logit(1.0)) and logit(0.5) == 0.0


def test_probability_is_the_logistic_of_the_weighted_features() -> None:
    check = EventCheck({"target=none": -2.0, "root=04": 0.5, "confidence": 1.0}, bias=0.25, threshold=0.2)
    z = 0.25 - 2.0 + 0.5 + 0.0  # confidence 0.5: logit 0
    assert check.probability(event()) == pytest.approx(1 / (1 + math.exp(-z)))


def test_unknown_feature_names_weigh_nothing() -> None:
    check = EventCheck({}, bias=0.0, threshold=0.2)
    assert check.probability(event("19", ref("BOLMIL"))) == pytest.approx(0.5)


CHECK = EventCheck({"target=none": -3.0, "target=named": 1.0}, bias=0.0, threshold=0.3)


def test_rated_sets_the_probability_as_confidence_and_leaves_out_the_unlikely() -> None:
    named, bare = event(target=ref("BOLGOV"), at=0), event(at=20)
    got = CHECK.rated([named, bare])
    assert [e.id for e in got] == ["ev-0"]
    assert got[0].confidence == round(1 / (1 + math.exp(-1.0)), 3)


def test_rated_keeps_the_most_likely_event_of_an_article_under_the_threshold() -> None:
    named, bare = event(target=ref("BOLGOV"), at=0), event(at=20)
    assert [e.id for e in CHECK.rated([named, bare])] == ["ev-0"]
    assert [e.id for e in CHECK.rated([bare])] == ["ev-20"]
    assert [e.id for e in CHECK.rated([bare, replace(bare, id="ev-21")])] == ["ev-20", "ev-21"]  # a tie at the top
    assert CHECK.rated([]) == []


def test_a_floor_replaces_the_threshold() -> None:
    events = [event(target=ref("BOLGOV"), at=0), event(target=ref("CHLGOV", "context"), at=20)]
    assert len(CHECK.rated(events)) == 2  # context weighs nothing: 0.5
    assert [e.id for e in CHECK.rated(events, floor=0.6)] == ["ev-0"]
    assert CHECK.rated(events, floor=0.9) == []  # the user's floor keeps no event under it


def test_a_malformed_file_says_how_to_rebuild_it(tmp_path: Path) -> None:
    path = tmp_path / "check.json"
    path.write_text(json.dumps({"weights": {"quote": 1.0}, "bias": 0.0}), encoding="utf-8")
    with pytest.raises(ModelError, match="make train"):
        EventCheck.load(path)
    with pytest.raises(ModelError, match="EVENTWIRE_EVENT_CHECK"):
        EventCheck.load(tmp_path / "missing.json")


def test_the_shipped_check_reads_only_features_the_coder_gives() -> None:
    check = EventCheck.load()
    assert 0.0 < check.threshold < 1.0
    known = {"confidence", "quote"} | {f"root={n:02d}" for n in range(1, 21)}
    known |= {f"target={b}" for b in (*get_args(Basis), "none")} | {f"source={b}" for b in (*get_args(Basis), "none")}
    known |= {f"modality={m}" for m in get_args(Modality)}
    assert set(check.weights) <= known
    assert check.weights["target=none"] < check.weights["target=named"]


def test_the_check_is_on_by_default_and_off_with_the_event_model() -> None:
    assert Settings().event_check
    assert Resources.load(Settings()).event_check is not None
    assert Resources.load(Settings(event_model=True)).event_check is None
    assert Resources.load(Settings(event_check=False)).event_check is None
