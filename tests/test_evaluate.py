"""The evaluation framework: metrics, rendering, and the quality gate."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, shared_path

from eventwire.evaluate import DATASETS, run
from eventwire.evaluate.command import evaluate_command
from eventwire.evaluate.common import current_plover, macro_f1
from eventwire.evaluate.gate import check, load_floors, lowered, raise_floors
from eventwire.evaluate.render import render, report_from_dict, report_to_dict
from eventwire.evaluate.report import Miss, Report, prf
from eventwire.models import Result


def make_report(**metrics: float) -> Report:
    return Report("plover-gsr", {"sentences": 3}, metrics, misses=(Miss("text", "AID", "NONE"),), seconds=2.0, documents=4)


@pytest.mark.parametrize(
    ("tp", "predicted", "gold", "expected"),
    [(0, 0, 0, (0.0, 0.0, 0.0)), (1, 2, 4, (0.5, 0.25, 1 / 3)), (3, 3, 3, (1.0, 1.0, 1.0))],
)
def test_prf(tp: int, predicted: int, gold: int, expected: tuple[float, float, float]) -> None:
    scores = prf(tp, predicted, gold)
    assert (scores["precision"], scores["recall"], scores["f1"]) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("label", "expected"),
    [("DEMAND", "REQUEST"), ("disapprove", "ACCUSE"), ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"), ("AID", "AID")],
)
def test_current_plover_maps_05b1_labels(label: str, expected: str) -> None:
    assert current_plover(label) == expected


def test_macro_f1_averages_over_gold_labels() -> None:
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("C", "NONE")]
    # A: tp1 fp0 fn1 -> 2/3; B: tp1 fp1 fn0 -> 2/3; C: 0
    assert macro_f1(pairs) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_report_round_trips_through_json() -> None:
    report = make_report(type_accuracy=0.5)
    again = report_from_dict(json.loads(json.dumps(report_to_dict(report))))
    assert again == report and again.docs_per_second == 2.0


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_render_names_dataset_and_metric(fmt: str) -> None:
    text = render([make_report(type_accuracy=0.5)], fmt)
    assert "plover-gsr" in text and "type_accuracy" in text


FLOORS = {"tolerance": 0.01, "floors": {"plover-gsr": {"type_accuracy": 0.5, "triple_f1": 0.3}}}


@pytest.mark.parametrize(
    ("metrics", "broken"),
    [
        ({"type_accuracy": 0.6, "triple_f1": 0.3}, []),
        ({"type_accuracy": 0.495, "triple_f1": 0.3}, []),  # within tolerance
        ({"type_accuracy": 0.45, "triple_f1": 0.3}, ["plover-gsr.type_accuracy"]),
        ({"type_accuracy": 0.6}, ["plover-gsr.triple_f1"]),
    ],
)
def test_gate_check(metrics: dict[str, float], broken: list[str]) -> None:
    failures = check([make_report(**metrics)], FLOORS)
    assert [f.split(" ")[0].rstrip(":") for f in failures] == broken


def test_gate_fails_for_a_dataset_not_evaluated() -> None:
    assert check([], FLOORS) == ["plover-gsr: not evaluated, but it has floors"]


def test_raise_floors_never_lowers() -> None:
    raised = raise_floors([make_report(type_accuracy=0.8, triple_f1=0.1)], FLOORS)
    assert raised["floors"]["plover-gsr"] == {"type_accuracy": 0.79, "triple_f1": 0.3}
    assert lowered(FLOORS, raised) == []
    assert lowered(raised, FLOORS) == ["plover-gsr.type_accuracy: 0.79 -> 0.5"]


def test_committed_floors_cover_every_dataset_and_never_go_down() -> None:
    path = ROOT / "eval" / "floors.json"
    floors = load_floors(path)
    assert set(floors["floors"]) == set(DATASETS)
    history = subprocess.run(
        ["git", "log", "--format=%H", "--", "eval/floors.json"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    for older, newer in zip(history[1:], history[:-1], strict=False):
        old = json.loads(subprocess.run(["git", "show", f"{older}:eval/floors.json"], cwd=ROOT,
                                        capture_output=True, text=True).stdout)
        new = json.loads(subprocess.run(["git", "show", f"{newer}:eval/floors.json"], cwd=ROOT,
                                        capture_output=True, text=True).stdout)
        assert lowered(old, new) == [], f"floors lowered in {newer[:8]}"


def test_unknown_dataset_is_a_clear_error() -> None:
    result = CliRunner().invoke(evaluate_command, ["nosuchset"])
    assert result.exit_code != 0 and "unknown data set 'nosuchset'" in result.output


@pytest.mark.shared
@pytest.mark.model
def test_gate_command_fails_when_a_floor_is_broken(tmp_path: Path) -> None:
    data = shared_path("data")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"tolerance": 0.0, "floors": {"plover-gsr": {"type_accuracy": 1.01}}}))
    result = CliRunner().invoke(
        evaluate_command, ["plover-gsr", "--data", str(data), "--limit", "5", "--gate", str(floors)]
    )
    assert result.exit_code == 1
    assert "plover-gsr.type_accuracy" in result.output and "below its floor" in result.output


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("name", ["plover-gsr", "ngec", "petrarch2"])
def test_adapters_give_well_formed_reports(name: str) -> None:
    report = run(name, shared_path("data"), limit=4)
    assert report.documents == 4 and report.metrics
    assert all(0.0 <= value <= 1.0 for value in report.metrics.values())


def test_written_reports_keep_no_gold_text(tmp_path: Path) -> None:
    from eventwire.evaluate.render import write_reports

    report = Report("ngec", {"stories": 1}, {"type_agreement": 0.5}, misses=(Miss("A GOLD SENTENCE", "AID", "NONE"),))
    write_reports([report], tmp_path / "report.md")
    for name in ("report.md", "report.json"):
        assert "A GOLD SENTENCE" not in (tmp_path / name).read_text(encoding="utf-8")


def test_plover_gsr_reads_legacy_country_codes_as_iso(tmp_path: Path) -> None:
    from eventwire.evaluate.plover_gsr import load_gold

    record = {"id": "1", "text": "Chile met Japan.", "event": "CONSULT",
              "source": [{"code": "ITL"}], "target": [{"code": "JAP"}, {"code": "PER"}]}
    (tmp_path / "PLOVER_GSR_CAMEO.txt").write_text(json.dumps([record]))
    (gold,) = load_gold(tmp_path)
    assert gold.sources == {"ITA"} and gold.targets == {"JPN", "PER"}


def test_plover_gsr_reads_a_mirror_pair_as_a_joint_act() -> None:
    from eventwire.evaluate.plover_gsr import joint_acts

    triples = {("CHL", "AGREE", "PER"), ("PER", "AGREE", "CHL"), ("CHL", "ACCUSE", "BOL"), ("CHL", "PROTEST", "CHL")}
    assert joint_acts(triples) == {("CHL", "AGREE", ""), ("PER", "AGREE", ""), ("CHL", "ACCUSE", "BOL"),
                                   ("CHL", "PROTEST", "CHL")}


def test_report_with_breakdown_and_notes_round_trips_and_renders() -> None:
    report = Report("eventgold", {"articles": 2}, {"recall": 0.5}, breakdown={"north": {"required": 4, "recall": 0.5}},
                    notes=("recall: over required events.",))
    again = report_from_dict(json.loads(json.dumps(report_to_dict(report))))
    assert again == report
    table = render([report], "table")
    assert "north 4 0.500" in " ".join(table.split()) and "note: recall: over required events." in table
    markdown = render([report], "markdown")
    assert "| north | 4 | 0.500 |" in markdown and "- recall: over required events." in markdown


def _gsr_result(source: str | None, kind: str | None, target: str | None) -> Result:
    from eventwire.models import ActorRef, Article, Cameo, Event, Offsets, Plover, Span

    def actor(code: str | None) -> ActorRef | None:
        return ActorRef(f"a-{code}", code, code, code) if code else None

    events: tuple[Event, ...] = ()
    if kind:
        events = (Event("ev", actor(source), actor(target), Cameo("040", "04", "Consult", 1.0, 1),
                        Plover(kind, None), "asserted", None, None, Span(0, 1, "m"), Offsets(0, 5), None, 0.9),)
    return Result(Article("art", "text"), events=events)


def test_plover_gsr_country_accuracy_covered_and_over_all_records() -> None:
    from eventwire.evaluate.plover_gsr import GoldRecord, score

    gold = [
        GoldRecord("1", "t", "CONSULT", frozenset({"PER"}), frozenset({"BOL"})),  # both right
        GoldRecord("2", "t", "CONSULT", frozenset({"CHL"}), frozenset({"BOL"})),  # source wrong, target right
        GoldRecord("3", "t", "CONSULT", frozenset({"PER"}), frozenset()),  # source right, no gold target
        GoldRecord("4", "t", "CONSULT", frozenset({"PER"}), frozenset({"CHL"})),  # no event: wrong in *_all
    ]
    results = [_gsr_result("PER", "CONSULT", "BOL"), _gsr_result("PER", "CONSULT", "BOL"),
               _gsr_result("PER", "CONSULT", None), _gsr_result(None, None, None)]
    metrics, counts, _, _ = score(gold, results)
    assert metrics["source_country_accuracy"] == pytest.approx(2 / 3)  # over the 3 covered
    assert metrics["source_country_accuracy_all"] == pytest.approx(2 / 4)  # over all 4
    assert metrics["target_country_accuracy"] == 1.0  # over the 2 covered with a gold target
    assert metrics["target_country_accuracy_all"] == pytest.approx(2 / 3)  # over the 3 with a gold target
    assert (counts["coded"], counts["with_gold_target"], counts["coded_with_gold_target"]) == (3, 3, 2)
