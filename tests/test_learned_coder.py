"""The learned event model in the coder: the confidence of rule events, the threshold, the model's own events,
and the choice of the thresholds on cross-validated training articles (train/thresholds.py)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from test_store import code_text

from eventwire.evaluate.eventgold import GoldEvent, Predicted
from eventwire.learn.model import ROOTS, Calibration, Combiner, DocPredictions, EventModel
from eventwire.lexicons.triggers import Entry
from eventwire.stages.events import learned

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "train"))

import thresholds  # noqa: E402

PLAIN = Combiner(model=1.0, root=0.0, rule=1.0, frame=0.0, bias=0.0, rule_only_a=1.0, rule_only_b=0.0)


def tiny_model(min_confidence: float, propose: float, combiner: Combiner = PLAIN) -> EventModel:
    """A model of one feature whose only use here is its combiner and thresholds."""
    model = EventModel(["l=x"], np.zeros(1), 0.0, np.zeros((1, len(ROOTS))), np.zeros(len(ROOTS)), Calibration(),
                       combiner=combiner)
    return model.with_thresholds(min_confidence, propose)


def predictions(at: dict[int, tuple[float, str, float]]) -> DocPredictions:
    """Predictions at some words: word -> (P(event), best root, P(root | event) of that root; the rest of the
    roots share what is left)."""
    tokens = tuple(sorted(at))
    roots = np.zeros((len(tokens), len(ROOTS)))
    for k, token in enumerate(tokens):
        _, root, share = at[token]
        roots[k, :] = (1 - share) / (len(ROOTS) - 1)
        roots[k, ROOTS.index(root)] = share
    p_event = np.array([at[t][0] for t in tokens])
    return DocPredictions(tokens, (0,) * len(tokens), p_event, roots, np.zeros(len(tokens)), (0.0,))


def test_the_combiner_joins_the_rule_and_the_model() -> None:
    assert PLAIN.combined(0.5, 1.0, 0.8) == pytest.approx(0.8)  # an undecided model leaves the rule as it was
    assert PLAIN.combined(0.9, 1.0, 0.5) == pytest.approx(0.9)
    assert PLAIN.combined(0.2, 1.0, 0.8) == pytest.approx(0.5)  # logits add: 0.2 and 0.8 cancel out
    assert PLAIN.combined(1.0, 0.2, 0.8) == pytest.approx(0.5)  # P(event with the root) = P(event) x P(root)
    shared = replace(PLAIN, model=0.0, root=1.0)  # the root's share weighed apart from P(event)
    assert shared.combined(0.01, 0.9, 0.5) == pytest.approx(0.9)
    framed = replace(PLAIN, frame=1.0)
    assert framed.combined(0.5, 1.0, 0.5, specific=True) == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert framed.combined(0.5, 1.0, 0.5, specific=False) == pytest.approx(0.5)
    assert replace(PLAIN, rule_only_b=-1.0).rule_alone(0.5) == pytest.approx(1 / (1 + np.exp(1.0)))


def test_rule_events_take_the_joined_confidence_and_those_under_the_threshold_drop() -> None:
    attack, accusation, praise = code_text("Ardovia attacked Belmark. Belmark accused Ardovia. "
                                           "Delmont praised Belmark.").events
    assert attack.cameo.root == "19" and accusation.cameo.root == "11" and praise.cameo.root == "05"
    at = {3: (0.9, "19", 1.0), 7: (0.9, "19", 1.0)}  # the model is sure word 7 is an attack, not an accusation
    scored = learned.Scored(predictions(at), (3, 7, None), ())
    events = [replace(e, confidence=0.5) for e in (attack, accusation, praise)]
    kept = learned.rated(tiny_model(0.4, 2.0), scored, events, {})
    assert [(e.cameo.root, e.confidence) for e in kept] == [("19", 0.9), ("05", 0.5)]  # 05: no word, the rule alone
    assert learned.rated(tiny_model(0.95, 2.0), scored, events, {}) == []
    everything = learned.rated(tiny_model(0.0, 2.0), scored, events, {})
    assert [e.confidence for e in everything] == [0.9, 0.0, 0.5] and all(e.origin == "rules" for e in everything)


def test_a_specific_frame_counts_when_the_combiner_weighs_it() -> None:
    (attack,) = code_text("Ardovia attacked Belmark.").events
    scored = learned.Scored(predictions({1: (0.5, "19", 1.0)}), (1,), ())
    model = tiny_model(0.0, 2.0, replace(PLAIN, frame=2.0))
    plain, = learned.rated(model, scored, [replace(attack, confidence=0.5)], {1: Entry("attack", "190")})
    framed, = learned.rated(model, scored, [replace(attack, confidence=0.5)],
                            {1: Entry("attack", "190", object=frozenset({"border"}))})
    assert plain.confidence == 0.5 and framed.confidence == pytest.approx(1 / (1 + np.exp(-2.0)), abs=1e-3)


def test_the_model_proposes_its_best_root_at_words_it_is_sure_of(spec_doc) -> None:
    doc = spec_doc("Chile|PROPN|nsubj|1|B-GPE slammed|VERB|ROOT|1 Peru|PROPN|dobj|1|B-GPE and|CCONJ|cc|1 "
                   "the|DET|det|5 talks|NOUN|conj|1 .|PUNCT|punct|1")
    at = {1: (0.8, "11", 0.9), 5: (0.9, "04", 0.3)}  # P(11 event) 0.72 at "slammed"; at most 0.27 at "talks"
    scored = learned.Scored(predictions(at), (), (1, 5))
    (match, p), = learned.proposals(tiny_model(0.3, 0.5), scored, doc)
    assert (match.trigger, match.entry.code, match.entry.pos, p) == (1, "110", "verb", 0.72)
    assert learned.proposals(tiny_model(0.8, 0.5), scored, doc) == []  # the coder's threshold is a bar too
    assert len(learned.proposals(tiny_model(0.0, 0.25), scored, doc)) == 2
    assert learned.proposals(tiny_model(0.0, 2.0), learned.Scored(predictions(at), (), ()), doc) == []


def test_a_proposed_event_never_repeats_one_of_its_sentence() -> None:
    accusation, = code_text("Belmark accused Ardovia.").events
    known = {learned.where(accusation)}
    again = replace(accusation, id="ev-2", cameo=replace(accusation.cameo, code="110"))
    other = replace(accusation, id="ev-3", cameo=replace(accusation.cameo, code="120", root="12"))
    out = learned.proposed([again, other, other], 0.61, known)
    assert [(e.id, e.origin, e.confidence) for e in out] == [("ev-3", "model", 0.61)]


# --- choosing the thresholds ----------------------------------------------------------------------------


def gold(source: str, target: str | None, *roots: str, required: bool = True) -> GoldEvent:
    return GoldEvent(source=source, target=target, roots=frozenset(roots), required=required)


def event(origin: str, confidence: float, root: str, source: str, target: str | None) -> tuple[str, float, Predicted]:
    return origin, confidence, Predicted(root, source, target)


CODED = [
    thresholds.Coded((gold("CHL", "PER", "11"), gold("PER", "CHL", "12")),
                     (event("rules", 0.9, "11", "CHL", "PER"), event("rules", 0.2, "19", "CHL", "PER"),
                      event("model", 0.75, "12", "PER", "CHL"))),
    thresholds.Coded((gold("BOL", None, "14"),),
                     (event("rules", 0.35, "14", "BOL", None), event("model", 0.45, "19", "BOL", "PER"))),
]


def test_the_tally_keeps_rule_and_model_events_by_their_own_thresholds() -> None:
    every = thresholds.tally(CODED, 0.0, 0.0)
    assert (every.required, every.matched, every.predicted, every.correct) == (3, 3, 5, 3)
    strict = thresholds.tally(CODED, 0.3, 0.7)
    assert (strict.matched, strict.predicted, strict.correct) == (3, 3, 3)
    rules_only = thresholds.tally(CODED, 0.5, 2.0)
    assert (rules_only.matched, rules_only.predicted) == (1, 1)
    assert thresholds.tally(CODED, 0.8, 0.7).predicted == 1  # a proposal needs the rule threshold as well


def test_the_thresholds_with_the_best_f1_are_chosen_and_reported() -> None:
    alone = [replace(c, events=tuple(e for e in c.events if e[0] == "rules")) for c in CODED]
    chosen = thresholds.select(CODED, alone)
    assert chosen["cv"]["f1"] == 1.0 and chosen["cv"]["predicted"] == 3
    assert 0.2 < chosen["min_confidence"] <= 0.35 and 0.45 < chosen["propose"] <= 0.75
    assert chosen["rules_alone"]["predicted"] == 3 and chosen["rules_rescored"]["predicted"] == 2
    assert chosen["best_f1"]["f1"] == 1.0
    assert len(chosen["grid"]) == len(thresholds.KEEP) * len(thresholds.PROPOSE)
    text = thresholds.with_section("# The event model\n\nfigures\n", chosen, grid=False)
    assert text.count(thresholds.SECTION) == 1 and "rules alone" in text
    again = thresholds.with_section(text, chosen, grid=True)
    assert again.count(thresholds.SECTION) == 1 and again.startswith("# The event model\n\nfigures\n\n")


def test_the_chosen_thresholds_keep_the_recall_of_the_rules() -> None:
    """An event the labels hold shares the low confidence of four they do not: the best F1 drops all five, the
    chosen thresholds keep them, as the rules alone do."""
    wrong = tuple(event("rules", 0.1, root, "PER", "CHL") for root in ("16", "17", "18", "19"))
    coded = [thresholds.Coded((gold("CHL", "PER", "11"), gold("PER", "CHL", "12")),
                              (event("rules", 0.9, "11", "CHL", "PER"), event("rules", 0.1, "12", "PER", "CHL"),
                               *wrong))]
    chosen = thresholds.select(coded, coded)
    assert chosen["best_f1"]["min_confidence"] > 0.1 and chosen["best_f1"]["recall"] == 0.5
    assert chosen["min_confidence"] <= 0.1 and chosen["cv"]["recall"] == 1.0 == chosen["rules_alone"]["recall"]


def test_keeping_every_rule_event_chooses_only_where_the_model_proposes() -> None:
    alone = [replace(c, events=tuple(e for e in c.events if e[0] == "rules")) for c in CODED]
    kept = thresholds.select(CODED, alone, keep_rules=True)
    assert kept["min_confidence"] == 0.0 and kept["keep_rules"] and 0.45 < kept["propose"] <= 0.75
    assert kept["filter"] == thresholds.select(CODED, alone)["filter"] and kept["filter"]["min_confidence"] > 0.2
    assert "keeping every rule event" in thresholds.section(kept)


@pytest.mark.model
def test_the_pipeline_with_the_model_rates_the_rule_events_and_leaves_out_the_unsure() -> None:
    from eventwire.pipeline import Pipeline
    from eventwire.read import article_from_text

    rules = Pipeline.load()
    assert rules.resources.event_model is None  # the rules alone unless the settings ask for the model

    def coded(min_confidence: float) -> Pipeline:
        model = EventModel.load().with_thresholds(min_confidence, 2.0)
        return Pipeline(rules.nlp, replace(rules.resources, event_model=model))

    article = article_from_text("Chile accused Peru of violating the border treaty on Monday. Peruvian troops "
                                "attacked Bolivian rebels near the border.", published="2020-03-04", clean=False)
    doc = rules.parser(article.text)
    alone, rated = rules.code(article, doc).events, coded(0.0).code(article, doc).events
    assert alone and [e.id for e in rated] == [e.id for e in alone]  # the same events, rated afresh
    assert all(e.origin == "rules" and 0 < e.confidence < 1 for e in rated)
    assert [e.confidence for e in rated] != [e.confidence for e in alone]
    middle = sorted(e.confidence for e in rated)[len(rated) // 2]
    kept = coded(middle).code(article, doc).events
    assert [e.id for e in kept] == [e.id for e in rated if e.confidence >= middle]
