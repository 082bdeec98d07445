"""TempEval-3 evaluation: reading TimeML, scoring spans and values, and a run on the shared data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_path

from eventwire.errors import EvaluationError
from eventwire.evaluate.report import Report
from eventwire.evaluate.tempeval3 import (
    Mark,
    Tally,
    anchoring,
    breakdown,
    canonical,
    documents,
    evaluate,
    read_document,
    score,
)

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2018-07-12" functionInDocument="CREATION_TIME">20180712</TIMEX3></DCT>
<TEXT>
The envoy <EVENT eid="e1" class="OCCURRENCE">arrived</EVENT> <TIMEX3 tid="t1" type="DATE" value="2018-07-11">on \
Wednesday</TIMEX3> &amp; will stay <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.
He left <TIMEX3 tid="t3" type="DATE" value="2018-07-10" temporalFunction="true" anchorTimeID="t1">a day \
earlier</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def tml_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.tml").write_text(TIMEML, encoding="utf-8")
    return tmp_path


def test_read_document_keeps_offsets_into_the_plain_text(tml_dir: Path) -> None:
    gold = read_document(tml_dir / "a.tml")
    assert gold.dct == "2018-07-12"
    assert "&" in gold.text and "<" not in gold.text
    assert [(m.text, m.type, m.value) for m in gold.timexes] == [
        ("on Wednesday", "DATE", "2018-07-11"),
        ("three days", "DURATION", "P3D"),
        ("a day earlier", "DATE", "2018-07-10"),
    ]
    assert [(m.tid, m.anchor, m.relative) for m in gold.timexes] == [("t1", "", False), ("t2", "", False),
                                                                      ("t3", "t1", True)]
    assert all(gold.text[m.start:m.end] == m.text for m in gold.timexes)


def test_documents_fails_with_a_clear_error_on_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"no \.tml files"):
        documents(tmp_path)


def mark(start: int, end: int, value: str | None) -> Mark:
    return Mark(start, end, "x" * (end - start), "DATE", value)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([mark(0, 5, "2018")], [mark(0, 5, "2018")], Tally(1, 1, 1, 1, 1)),
        ([mark(0, 5, "2018")], [mark(2, 5, "2018")], Tally(1, 1, 0, 1, 1)),
        ([mark(0, 5, "2018")], [mark(0, 5, "2017")], Tally(1, 1, 1, 1, 0)),
        ([mark(0, 5, "2018")], [mark(6, 9, "2018")], Tally(1, 1, 0, 0, 0)),
        ([mark(0, 5, "2018"), mark(10, 15, "P1D")], [mark(0, 15, "2018")], Tally(2, 1, 0, 1, 1)),
        ([mark(0, 5, "1998-W08")], [mark(0, 5, "1998-W8")], Tally(1, 1, 1, 1, 1)),
        ([], [mark(0, 5, "2018")], Tally(0, 1, 0, 0, 0)),
    ],
)
def test_score(gold: list[Mark], predicted: list[Mark], expected: Tally) -> None:
    assert score(gold, predicted, Counter()) == expected


def test_metrics_from_a_tally() -> None:
    metrics = Tally(gold=4, predicted=5, strict=2, relaxed=4, right_value=3).metrics()
    assert metrics["relaxed_recall"] == 1.0
    assert metrics["relaxed_precision"] == pytest.approx(0.8)
    assert metrics["strict_recall"] == pytest.approx(0.5)
    assert metrics["value_accuracy"] == pytest.approx(0.75)
    assert metrics["value_f1"] == pytest.approx(2 * 0.6 * 0.75 / 1.35)


@pytest.mark.parametrize(("value", "expected"), [("2000-W7", "2000-W07"), ("2000-W17", "2000-W17"),
                                                 ("2000-WXX", "2000-WXX"), (None, None),
                                                 ("1989-10-27T24", "1989-10-27T24:00"),
                                                 ("1989-10-27T17:30", "1989-10-27T17:30"),
                                                 ("1989-10-27TNI", "1989-10-27TNI"), ("198X", "198"),
                                                 ("1988", "1988"), ("19XX", "19XX")])
def test_canonical(value: str | None, expected: str | None) -> None:
    assert canonical(value) == expected


@pytest.mark.model
def test_evaluate_on_a_written_document(tml_dir: Path) -> None:
    report = evaluate(tml_dir)
    assert report.counts["documents"] == 1
    assert report.counts["gold_timexes"] == 3
    assert report.metrics["relaxed_recall"] == 1.0
    assert report.breakdown is not None and report.breakdown["DURATION"]["gold"] == 1


@pytest.mark.model
@pytest.mark.shared
def test_evaluate_on_tempeval3() -> None:
    report = evaluate(shared_path("data", "tempeval3"), limit=5)
    assert isinstance(report, Report)
    assert report.dataset == "tempeval3"
    assert report.documents == 5 == report.counts["documents"]
    assert report.counts["gold_timexes"] > 0 and report.counts["predicted"] > 0
    assert report.seconds > 0
    for name in ("strict_f1", "relaxed_f1", "value_accuracy", "value_f1"):
        assert 0.0 <= report.metrics[name] <= 1.0
    assert report.metrics["relaxed_f1"] > 0.5
    assert "dateparser" in report.peers
    assert all(0.0 <= v <= 1.0 for v in report.peers["dateparser"].values())
    assert len(report.misses) <= 10


def test_breakdown_by_type_and_anchoring() -> None:
    gold = [Mark(0, 5, "x", "DATE", "2018", tid="t1"),
            Mark(6, 9, "x", "DATE", "2018-07", tid="t2", anchor="t0", relative=True),
            Mark(10, 12, "x", "DURATION", "P1D", tid="t3", anchor="t1", relative=True)]
    got = [Mark(0, 5, "x", "DATE", "2018"), Mark(6, 9, "x", "DATE", "2018-06")]
    pairs = list(zip(gold, [got[0], got[1], None], strict=True))
    assert [anchoring(m) for m in gold] == ["absolute", "creation time", "narrative time"]
    rows = breakdown(pairs)
    assert rows["DATE"] == {"gold": 2, "relaxed_recall": 1.0, "value_accuracy": 0.5}
    assert rows["DURATION"] == {"gold": 1, "relaxed_recall": 0.0, "value_accuracy": 0.0}
    assert rows["creation time"]["value_accuracy"] == 0.0 and rows["absolute"]["value_accuracy"] == 1.0
