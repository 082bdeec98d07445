"""The quality gate: headline metrics must stay at or above their pinned floors.

``eval/floors.json``::

    {"tolerance": 0.01, "floors": {"plover-gsr": {"type_accuracy": 0.42, ...}, ...}}

A metric fails when it is below its floor by more than ``tolerance`` (run-to-run noise).
Floors only go up: :func:`raise_floors` never lowers one, and a test compares the committed file
with its previous version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from .report import Report


def load_floors(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read floors from {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("floors"), dict):
        raise EvaluationError(f"{path} has no 'floors' object: see eventwire/evaluate/gate.py for the format")
    return data


def check(reports: Sequence[Report], floors: dict[str, Any]) -> list[str]:
    """Every broken floor as a sentence; an empty list means the gate passes."""
    tolerance = float(floors.get("tolerance", 0.0))
    by_name = {r.dataset: r for r in reports}
    failures = []
    for dataset, metrics in sorted(floors["floors"].items()):
        report = by_name.get(dataset)
        if report is None:
            failures.append(f"{dataset}: not evaluated, but it has floors")
            continue
        for metric, floor in sorted(metrics.items()):
            value = report.metrics.get(metric)
            if value is None:
                failures.append(f"{dataset}.{metric}: missing from the report (floor {floor:.3f})")
            elif value < floor - tolerance:
                failures.append(f"{dataset}.{metric} = {value:.3f}, below its floor {floor:.3f} "
                                f"(tolerance {tolerance})")
    return failures


def raise_floors(reports: Sequence[Report], floors: dict[str, Any], margin: float = 0.01) -> dict[str, Any]:
    """New floors: each pinned metric raised to (measured - margin) where that is higher; none lowered."""
    by_name = {r.dataset: r for r in reports}
    raised = {}
    for dataset, metrics in floors["floors"].items():
        report = by_name.get(dataset)
        raised[dataset] = {
            metric: round(max(floor, (report.metrics.get(metric, 0.0) - margin) if report else floor), 3)
            for metric, floor in metrics.items()
        }
    return {**floors, "floors": raised}


def lowered(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Floors present in ``old`` that ``new`` lowers or drops."""
    problems = []
    for dataset, metrics in old.get("floors", {}).items():
        for metric, floor in metrics.items():
            now = new.get("floors", {}).get(dataset, {}).get(metric)
            if now is None or now < floor:
                problems.append(f"{dataset}.{metric}: {floor} -> {now}")
    return problems
