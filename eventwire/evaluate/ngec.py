"""NGEC synthetic stories: document-level PLOVER type agreement.

The labels are the event type of the headline each story was generated from (machine-made
pseudo-gold), so the headline figure is *agreement*, not accuracy. With ``limit`` a fixed sample is
taken: the stories ordered by a hash of their text, so every run sees the same ones.
"""

from __future__ import annotations

import csv
import hashlib
import io
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvaluationError
from ..models import Result
from ..settings import Settings
from .common import NONE, code_texts, confusion, current_plover, macro_f1
from .report import Miss, Report

STORIES = "gpt_synthetic_events_2023-10-19_19.csv.zip"


@dataclass(frozen=True)
class Story:
    text: str
    label: str
    mode: str


def load_stories(data_dir: Path, limit: int | None = None) -> list[Story]:
    path = data_dir / STORIES
    if not path.exists():
        raise EvaluationError(f"{path} not found: pass --data with the NGEC folder")
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    stories = [Story(r["text"], current_plover(r["label"]), (r.get("mode") or "").strip()) for r in rows if r["text"]]
    stories.sort(key=lambda s: hashlib.sha1(s.text.encode("utf-8")).hexdigest())
    return stories[:limit] if limit else stories


def document_type(result: Result) -> str:
    """The article's dominant PLOVER type: the one with the most confidence summed over its events."""
    weights: dict[str, float] = {}
    for event in result.events:
        if event.plover.type and event.modality != "negated":
            weights[event.plover.type] = weights.get(event.plover.type, 0.0) + event.confidence
    return max(weights, key=lambda kind: weights[kind]) if weights else NONE  # ties: the first found


def evaluate(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None) -> Report:
    stories = load_stories(Path(data_dir), limit)
    started = time.perf_counter()
    results = code_texts([s.text for s in stories], None, settings)
    seconds = time.perf_counter() - started
    pairs = [(s.label, document_type(r)) for s, r in zip(stories, results, strict=False)]
    labels = sorted({s.label for s in stories})
    misses = [Miss(s.text[:300], s.label, p) for s, (_, p) in zip(stories, pairs, strict=False) if p != s.label]
    n = len(stories)
    return Report(
        dataset="ngec",
        counts={"stories": n, "with_events": sum(1 for _, p in pairs if p != NONE)},
        metrics={
            "type_agreement": sum(g == p for g, p in pairs) / n if n else 0.0,
            "type_macro_f1": macro_f1(pairs, labels),
        },
        confusion=confusion(pairs),
        misses=tuple(misses[:10]),
        seconds=seconds,
        documents=n,
    )
