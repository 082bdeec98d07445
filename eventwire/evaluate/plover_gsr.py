"""PLOVER gold standard records (322 sentences from the CAMEO manual's examples).

Metrics: event-type accuracy and macro-F1 over all sentences (0.5b1 labels mapped to today's types,
no event counting as a miss); the share of sentences given a typed event (``event_coverage``);
source and target country accuracy of the top event, both over the *covered* sentences, those given
an event (``source_country_accuracy``, ``target_country_accuracy``: the actors' accuracy, apart from
event detection), and over *all* sentences, a sentence without an event counting as wrong
(``source_country_accuracy_all`` over every sentence, ``target_country_accuracy_all`` over every
sentence with a gold target); ``target_country_accuracy_named`` (covered) counting only targets the
text names (not a place's or the source's own country standing for an unnamed target, as the records
code domestic acts); and precision/recall/F1 of (source country, type, target
country) triples over all sentences. The records code an act several actors do together ("X and Y
signed a treaty", "X met Y") as one triple per actor with no target, where eventwire gives a mirror
pair of events (X -> Y, Y -> X); ``triple_*`` read such a pair as the records do, and
``triple_f1_directed`` scores every event as directed, as it is written.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvaluationError
from ..models import Result
from ..settings import Settings
from .common import NONE, actor_country, code_texts, confusion, current_plover, macro_f1, typed_events
from .report import Miss, Report, prf


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


# Country codes of older CAMEO actor lists that some records still carry, as ISO 3166 alpha-3.
LEGACY_COUNTRY_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _codes(value: object) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    codes = (a["code"] for a in value if isinstance(a, dict) and a.get("code"))
    return frozenset(LEGACY_COUNTRY_CODES.get(c, c) for c in codes)


def load_gold(data_dir: Path) -> list[GoldRecord]:
    path = data_dir / "PLOVER_GSR_CAMEO.txt"
    if not path.exists():
        raise EvaluationError(f"{path} not found: pass --data with the folder holding PLOVER_GSR_CAMEO.txt")
    records = json.loads(path.read_text(encoding="utf-8"))
    return [
        GoldRecord(r["id"], r["text"], current_plover(r["event"]), _codes(r.get("source")), _codes(r.get("target")))
        for r in records
        if r.get("event") != "DOCUMENT" and r.get("text")
    ]


def _triples(sources: frozenset[str], kind: str, targets: frozenset[str]) -> set[tuple[str, str, str]]:
    return {(s, kind, t) for s in sources for t in (targets or {""})}


def predicted_triples(result: Result, joint: bool = True) -> set[tuple[str, str, str]]:
    """The (source, type, target) country triples of a sentence's events. ``joint``: a mirror pair
    (X -> Y and Y -> X of one type: "X and Y signed a treaty", "X met Y") is read as the records
    code an act two actors do together, one triple per actor with no target."""
    found = set()
    for event in typed_events(result):
        source = actor_country(event.source)
        if source:
            found.add((source, event.plover.type or NONE, actor_country(event.target) or ""))
    return joint_acts(found) if joint else found


def joint_acts(triples: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """Mirror pairs of triples as the two parties of one joint act, without a target."""
    joint = set()
    for source, kind, target in triples:
        mirrored = target not in {"", source} and (target, kind, source) in triples
        joint.add((source, kind, "") if mirrored else (source, kind, target))
    return joint


def score(
    gold: list[GoldRecord], results: list[Result]
) -> tuple[dict[str, float], dict[str, int], list[tuple[str, str]], list[Miss]]:
    pairs: list[tuple[str, str]] = []
    misses: list[Miss] = []
    coded = src_ok = tgt_ok = tgt_named = tgt_n = tp = n_pred = n_gold = tp_directed = n_directed = 0
    for record, result in zip(gold, results, strict=False):
        events = typed_events(result)
        top = events[0] if events else None
        predicted = (top.plover.type if top else None) or NONE
        pairs.append((record.type, predicted))
        if top:  # a sentence without an event has no actors: wrong in the *_all metrics, left out of the others
            coded += 1
            src_ok += actor_country(top.source) in record.sources
            if record.targets:
                tgt_n += 1
                target_right = actor_country(top.target) in record.targets
                tgt_ok += target_right
                tgt_named += target_right and top.target is not None and top.target.basis == "named"
        gold_set = _triples(record.sources, record.type, record.targets)
        pred_set, directed = predicted_triples(result), predicted_triples(result, joint=False)
        tp += len(gold_set & pred_set)
        n_pred += len(pred_set)
        n_gold += len(gold_set)
        tp_directed += len(gold_set & directed)
        n_directed += len(directed)
        if predicted != record.type:
            got = f"{predicted} {actor_country(top.source) if top else ''}->{actor_country(top.target) if top else ''}"
            expected = f"{record.type} {'/'.join(sorted(record.sources))}->{'/'.join(sorted(record.targets))}"
            misses.append(Miss(record.text, expected, got.strip()))
    n = len(gold)
    with_target = sum(1 for record in gold if record.targets)
    triple = prf(tp, n_pred, n_gold)
    metrics = {
        "type_accuracy": sum(g == p for g, p in pairs) / n if n else 0.0,
        "type_macro_f1": macro_f1(pairs),
        "event_coverage": coded / n if n else 0.0,
        "source_country_accuracy": src_ok / coded if coded else 0.0,
        "source_country_accuracy_all": src_ok / n if n else 0.0,
        "target_country_accuracy": tgt_ok / tgt_n if tgt_n else 0.0,
        "target_country_accuracy_all": tgt_ok / with_target if with_target else 0.0,
        "target_country_accuracy_named": tgt_named / tgt_n if tgt_n else 0.0,
        "triple_precision": triple["precision"],
        "triple_recall": triple["recall"],
        "triple_f1": triple["f1"],
        "triple_f1_directed": prf(tp_directed, n_directed, n_gold)["f1"],
    }
    counts = {"sentences": n, "coded": coded, "with_gold_target": with_target, "coded_with_gold_target": tgt_n,
              "source_country_right": src_ok, "target_country_right": tgt_ok,
              "gold_triples": n_gold, "predicted_triples": n_pred}
    return metrics, counts, pairs, misses


def notes(counts: dict[str, int]) -> tuple[str, ...]:
    """What the country accuracies count over, for the report."""
    return (
        f"source_country_accuracy, target_country_accuracy, target_country_accuracy_named: covered only, over the "
        f"{counts['coded']} sentences given an event (targets: the {counts['coded_with_gold_target']} of them with a "
        f"gold target).",
        f"source_country_accuracy_all, target_country_accuracy_all: over all {counts['sentences']} sentences (targets: "
        f"the {counts['with_gold_target']} with a gold target); a sentence without an event counts as wrong.",
    )


def evaluate(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None) -> Report:
    gold = load_gold(Path(data_dir))[:limit] if limit else load_gold(Path(data_dir))
    started = time.perf_counter()
    results = code_texts([g.text for g in gold], None, settings)
    seconds = time.perf_counter() - started
    metrics, counts, pairs, misses = score(gold, results)
    return Report(
        dataset="plover-gsr",
        counts=counts,
        notes=notes(counts),
        metrics=metrics,
        confusion=confusion(pairs),
        misses=tuple(misses[:10]),
        seconds=seconds,
        documents=len(gold),
    )
