"""Measure eventwire against public gold data sets (``eventwire evaluate``).

Each data set has an adapter module with ``evaluate(data_dir, *, limit, settings) -> Report``.
:func:`run` finds the data under a root folder (``../shared/data`` by default), :func:`render`
prints reports, and :mod:`eventwire.evaluate.gate` compares headline metrics with pinned floors.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..errors import EvaluationError
from ..settings import Settings
from .report import Miss, Report, prf


@dataclass(frozen=True)
class Dataset:
    name: str
    module: str
    folder: str
    default_limit: int | None  # the fixed sample `make eval` uses, to stay within its time budget
    about: str
    function: str = "evaluate"  # the adapter's function that scores this data set


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset("plover-gsr", "plover_gsr", "plover-gsr", None, "PLOVER type, countries and triples"),
        Dataset("polnear", "polnear", "polnear", None, "quote content spans and speakers (dev)"),
        Dataset("polnear-train", "polnear", "polnear", None, "quote content spans and speakers (train)",
                "evaluate_train"),
        Dataset("tempeval3", "tempeval3", "tempeval3", None, "time expressions and their values"),
        Dataset("geowebnews", "geowebnews", "geoparsing", None, "toponyms and geocoding"),
        Dataset("geovirus", "geovirus", "geoparsing", None, "toponyms and geocoding in outbreak news"),
        Dataset("ngec", "ngec", "ngec", 600, "document PLOVER type on synthetic stories"),
        Dataset("petrarch2", "petrarch2", "petrarch2-validation", None, "PETRARCH2 unit-test triples"),
        Dataset("eventgold", "eventgold", "eventgold", None, "article-level events on real news (dev)"),
    )
}


def default_data_root() -> Path:
    """``$EVENTWIRE_DATA`` or ``../shared/data`` beside the working directory."""
    return Path(os.environ.get("EVENTWIRE_DATA", Path.cwd().parent / "shared" / "data"))


def run(
    name: str,
    data_root: Path | None = None,
    *,
    limit: int | None = None,
    settings: Settings | None = None,
) -> Report:
    """Evaluate on one data set; ``limit`` None means the data set's default sample."""
    if name not in DATASETS:
        raise EvaluationError(f"unknown data set {name!r}; choose from {', '.join(DATASETS)}")
    dataset = DATASETS[name]
    folder = (data_root or default_data_root()) / dataset.folder
    if not folder.exists():
        raise EvaluationError(f"{folder} not found: pass --data DIR pointing at the folder holding {dataset.folder}/")
    module = import_module(f".{dataset.module}", __name__)
    report: Report = getattr(module, dataset.function)(folder, limit=limit or dataset.default_limit, settings=settings)
    return report


def run_all(
    names: Sequence[str] | None = None, data_root: Path | None = None, settings: Settings | None = None
) -> list[Report]:
    return [run(name, data_root, settings=settings) for name in (names or list(DATASETS))]


__all__ = ["DATASETS", "Dataset", "Miss", "Report", "default_data_root", "prf", "run", "run_all"]
