"""PolNeAR evaluation: reading brat files, matching contents, scoring speakers."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_path

from eventwire.errors import EvaluationError
from eventwire.evaluate.polnear import Attribution, Prediction, evaluate, parse_ann, score, speaker_matches

TEXT = "Ana Ruiz said the dam would hold. The mayor, who visited, said crews were ready."
ANN = (
    "T1\tSource 0 8\tAna Ruiz\nT2\tCue 9 13\tsaid\nT3\tContent 14 32\tthe dam would hold\n"
    "T4\tAttribution 9 13\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 45 48\twho\nT6\tContent 63 80\tcrews were ready.\nT7\tCue 58 62\tsaid\n"
    "E2\tAttribution:T7 Content:T6 Cue:T7 Source:T5\n"
    "T8\tContent 0 3;4 8\tAna\nRuiz\nE3\tAttribution:T7 Content:T8 Cue:T7\n"
)


def test_parse_ann_reads_relations_fragments_and_continuation_lines() -> None:
    found = parse_ann(ANN)
    assert found[0] == Attribution(((14, 32),), ((0, 8),), ((9, 13),))
    assert found[2] == Attribution(((0, 3), (4, 8)), None, ((58, 62),))
    assert len(found) == 3


@pytest.mark.parametrize(
    "predicted, overlap, exact",
    [
        ([Prediction(14, 32, (0, 8))], 1, 1),
        ([Prediction(14, 25, (0, 3))], 1, 0),
        ([Prediction(14, 32, None), Prediction(15, 30, None)], 1, 1),
        ([Prediction(0, 3, None), Prediction(4, 8, None)], 1, 2),
        ([Prediction(34, 44, None)], 0, 0),
    ],
)
def test_score_matches_content_pieces_one_to_one(predicted, overlap, exact) -> None:
    counted = score(TEXT, parse_ann(ANN), predicted)
    assert counted.gold_overlap == overlap
    assert counted.predicted_exact == exact


DAM = Attribution(((14, 32),), ((0, 8),))
SPLIT = Attribution(((0, 3), (4, 8)), None)


@pytest.mark.parametrize(
    "gold, predicted, half",
    [
        (DAM, [Prediction(14, 32, None)], 1),
        (DAM, [Prediction(14, 24, None)], 1),   # "the dam wo": 10 of 18 characters
        (DAM, [Prediction(14, 20, None)], 0),   # "the da": a third
        (DAM, [Prediction(0, 44, None)], 1),    # a whole sentence covers the content and more
        (SPLIT, [Prediction(0, 3, None)], 0),   # one of two pieces, three of seven characters
        (SPLIT, [Prediction(0, 8, None)], 1),   # one prediction over both pieces of a split content
        (SPLIT, [Prediction(0, 3, None), Prediction(4, 8, None)], 1),
    ],
)
def test_half_coverage_needs_half_of_the_gold_characters(gold, predicted, half) -> None:
    counted = score(TEXT, [gold], predicted)
    assert counted.gold_half == half
    assert counted.predicted_half == (len(predicted) if half else 0)
    assert counted.metrics()["content_recall_half"] == half


@pytest.mark.parametrize(
    "speaker, source, right",
    [
        ((0, 3), ((0, 8),), True),
        ((14, 17), ((0, 8),), False),
        ((34, 43), ((45, 48),), True),   # "The mayor" is the antecedent of the gold "who"
        ((0, 8), ((45, 48),), False),    # a sentence end lies between
    ],
)
def test_speaker_matches(speaker, source, right) -> None:
    assert speaker_matches(TEXT, speaker, source) is right


def test_speaker_accuracy_counts_only_sourced_matches() -> None:
    counted = score(TEXT, parse_ann(ANN), [Prediction(14, 32, (0, 8)), Prediction(63, 80, (14, 17))])
    assert (counted.with_source, counted.speaker_right) == (2, 1)
    metrics = counted.metrics()
    assert metrics["speaker_accuracy"] == 0.5
    assert metrics["content_precision_overlap"] == 1.0
    assert metrics["content_recall_overlap"] == pytest.approx(2 / 3)


def test_missing_folder_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="PolNeAR folder"):
        evaluate(tmp_path, limit=1)


@pytest.mark.model
@pytest.mark.shared
def test_evaluate_on_five_dev_articles() -> None:
    report = evaluate(shared_path("data", "polnear"), limit=5)
    assert report.dataset == "polnear" and report.documents == 5
    assert report.counts["failed_articles"] == 0 and report.counts["gold_contents"] > 20
    for name in ("content_f1_exact", "content_f1_overlap", "content_f1_half", "content_precision_overlap", "speaker_accuracy"):
        assert 0.0 <= report.metrics[name] <= 1.0
        assert name in report.peers["textacy"]
    assert report.metrics["content_f1_overlap"] > report.peers["textacy"]["content_f1_overlap"]
    assert report.seconds > 0
