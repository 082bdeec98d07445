"""eventgold: article-level event gold on 28 real news articles (the dev set in ``eventgold/``).

Two coders coded every event of each article; the merge (``gold.json``) keeps an event *required*
where both have it and both call it required, and keeps the others as optional. The articles come in
three parts: ``guardian`` (the ``dev`` ids of ``guardian-splits.json``), ``geowebnews`` (``gwn-`` ids)
and ``polnear`` (the other ids, PolNeAR file stems).

The scoring is the data set's own rule (its README.md), applied to what ``eventwire extract
--no-clean`` gives for ``inputs.jsonl``:

* a predicted event *matches* a gold event when its CAMEO root (the first two digits of
  ``cameo.code``) is one of the gold ``roots`` and its (source, target) countries equal the gold's,
  or (target, source) where the gold event has ``either_direction``. An actor's country is its
  ``country``, else the first three letters of its code; no target is ``None`` and matches only a
  gold target that is null;
* ``recall``: required gold events matched by at least one predicted event / required gold events;
* ``precision``: predicted events that match any gold event, required or optional / predicted events;
* ``date_accuracy``: over the gold events (required or optional) that some prediction matches and
  that carry a ``date``, the share with a matching prediction whose ``date.value`` equals it;
  ``place_accuracy``: the same with ``place_country`` against the prediction's ``location.country``.

Every number is also measured on the same articles with their text lower-cased (``*_lower``), a
robustness line for input without capitals. Per-part numbers and their counts are in the report's
breakdown table.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..models import Event, Result
from ..settings import Settings
from .common import actor_country, code_articles
from .report import Miss, Report

GOLD_FILE = "gold.json"
INPUTS_FILE = "inputs.jsonl"
SPLITS_FILE = "guardian-splits.json"
PARTS = ("guardian", "geowebnews", "polnear")
ALL = "all"
LOWER = "_lower"

NOTES = (
    "recall: required gold events matched by at least one predicted event; precision: predicted events that "
    "match any gold event, required or optional (a match: CAMEO root among the gold roots, same source and target "
    "countries, either way round for a symmetric gold event).",
    "date_accuracy, place_accuracy: over the matched gold events that carry a date (a place country), the share with "
    "a matching event of the same date.value (location.country).",
    "*_lower: the same articles with their text lower-cased.",
)


@dataclass(frozen=True)
class GoldEvent:
    """One gold event, as far as the scoring reads it."""

    source: str
    target: str | None
    roots: frozenset[str]
    required: bool = True
    either_direction: bool = False
    date: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    part: str
    events: tuple[GoldEvent, ...]
    about: tuple[str, ...] = ()  # each event's one-line summary, for the misses printed (never written)


@dataclass(frozen=True)
class Predicted:
    """One predicted event reduced to what the scoring compares."""

    root: str
    source: str | None
    target: str | None
    date: str | None = None
    place: str | None = None

    @classmethod
    def of(cls, event: Event) -> Predicted:
        return cls(
            root=event.cameo.code[:2],
            source=actor_country(event.source),
            target=actor_country(event.target),
            date=event.date.value if event.date else None,
            place=event.location.country if event.location else None,
        )

    def __str__(self) -> str:
        return f"{self.root} {self.source}->{self.target}"


@dataclass(frozen=True)
class Tally:
    """Counts over some articles; :meth:`metrics` turns them into the four rates."""

    required: int = 0
    matched: int = 0  # required gold events matched
    predicted: int = 0
    correct: int = 0  # predicted events that match some gold event
    dated: int = 0  # matched gold events (required or not) that carry a date
    date_correct: int = 0
    placed: int = 0  # matched gold events (required or not) that carry a place country
    place_correct: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def counts(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def metrics(self) -> dict[str, float]:
        return {
            "recall": _share(self.matched, self.required),
            "precision": _share(self.correct, self.predicted),
            "date_accuracy": _share(self.date_correct, self.dated),
            "place_accuracy": _share(self.place_correct, self.placed),
        }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# --- matching and scoring -------------------------------------------------------------------------


def matches(predicted: Predicted, gold: GoldEvent) -> bool:
    """The data set's match: the root among the gold roots, the countries in the gold's direction
    (or reversed, for an event either side could be said to do)."""
    if predicted.root not in gold.roots:
        return False
    pair = (predicted.source, predicted.target)
    if pair == (gold.source, gold.target):
        return True
    return gold.either_direction and (predicted.target, predicted.source) == (gold.source, gold.target)


def score_article(gold: Sequence[GoldEvent], predicted: Sequence[Predicted]) -> Tally:
    """The counts of one article."""
    required = matched = dated = date_correct = placed = place_correct = 0
    for event in gold:
        found = [p for p in predicted if matches(p, event)]
        if event.required:
            required += 1
            matched += bool(found)
        if not found:
            continue
        if event.date is not None:
            dated += 1
            date_correct += any(p.date == event.date for p in found)
        if event.place is not None:
            placed += 1
            place_correct += any(p.place == event.place for p in found)
    correct = sum(any(matches(p, event) for event in gold) for p in predicted)
    return Tally(required, matched, len(predicted), correct, dated, date_correct, placed, place_correct)


def score(articles: Sequence[GoldArticle], predictions: Mapping[str, Sequence[Predicted]]) -> dict[str, Tally]:
    """Tallies per part and over all articles (``"all"``); an article without predictions has none."""
    tallies = {name: Tally() for name in (*PARTS, ALL)}
    for article in articles:
        tally = score_article(article.events, predictions.get(article.id, ()))
        tallies[article.part] += tally
        tallies[ALL] += tally
    return tallies


def missed(articles: Sequence[GoldArticle], predictions: Mapping[str, Sequence[Predicted]]) -> list[Miss]:
    """Required gold events no prediction matches, each with what the article was given."""
    found = []
    for article in articles:
        predicted = predictions.get(article.id, ())
        got = ", ".join(str(p) for p in predicted) or "no events"
        for event, about in zip(article.events, article.about or ("",) * len(article.events), strict=True):
            if event.required and not any(matches(p, event) for p in predicted):
                expected = f"{'/'.join(sorted(event.roots))} {event.source}->{event.target}"
                if event.either_direction:
                    expected += " (either direction)"
                found.append(Miss(f"[{article.id}] {about}", expected, got[:200]))
    return found


# --- reading the data set -------------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    if not path.exists():
        raise EvaluationError(f"{path} not found: pass --data with the folder holding eventgold/")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise EvaluationError(f"{path} is not valid JSON ({exc}); restore the original file") from exc


def part_of(article_id: str, guardian_dev: Iterable[str]) -> str:
    """The part an article belongs to; a Guardian article outside the dev split is an error (the
    test split is kept back and must never be scored here)."""
    if article_id.startswith("guardian-"):
        if article_id not in set(guardian_dev):
            raise EvaluationError(f"{article_id} is not in the Guardian dev split; eventgold scores dev articles only")
        return "guardian"
    return "geowebnews" if article_id.startswith("gwn-") else "polnear"


def gold_event(record: Mapping[str, Any], where: str) -> GoldEvent:
    """One event of gold.json; a missing ``either_direction``, ``date`` or ``place_country`` is false/absent."""
    roots, source, target = record.get("roots"), record.get("source"), record.get("target")
    if not isinstance(roots, list) or not roots or not all(isinstance(r, str) for r in roots):
        raise EvaluationError(f"{where}: 'roots' must be a non-empty list of CAMEO roots")
    if not isinstance(source, str) or not (target is None or isinstance(target, str)):
        raise EvaluationError(f"{where}: 'source' must be a country code and 'target' one or null")
    return GoldEvent(
        source=source,
        target=target,
        roots=frozenset(r.zfill(2) for r in roots),
        required=bool(record.get("required")),
        either_direction=bool(record.get("either_direction")),
        date=record.get("date") or None,
        place=record.get("place_country") or None,
    )


def load_gold(data_dir: Path) -> list[GoldArticle]:
    """The gold articles, in gold.json order."""
    data_dir = Path(data_dir)
    splits = _read_json(data_dir / SPLITS_FILE)
    dev = splits.get("dev", []) if isinstance(splits, dict) else []
    records = _read_json(data_dir / GOLD_FILE)
    if not isinstance(records, list):
        raise EvaluationError(f"{data_dir / GOLD_FILE} should hold a list of articles")
    articles = []
    for record in records:
        ident = str(record["article"])
        events = record.get("events") or []
        articles.append(GoldArticle(
            ident,
            part_of(ident, dev),
            tuple(gold_event(e, f"{ident} event {i + 1}") for i, e in enumerate(events)),
            tuple(str(e.get("what", "")) for e in events),
        ))
    return articles


def load_inputs(data_dir: Path) -> list[dict[str, Any]]:
    """The input records of inputs.jsonl, in file order."""
    path = Path(data_dir) / INPUTS_FILE
    if not path.exists():
        raise EvaluationError(f"{path} not found: pass --data with the folder holding eventgold/")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


# --- running eventwire ----------------------------------------------------------------------------


def predict(records: Sequence[Mapping[str, Any]], settings: Settings | None, *,
            lower: bool = False) -> tuple[dict[str, list[Predicted]], int]:
    """Code the input records as ``eventwire extract --no-clean`` does (verbatim text, the record's
    id, title and publication date); ``lower`` lower-cases each text first. Returns the predictions
    by article id and the number of articles whose coding failed (they have no events, as the
    command skips them)."""
    from ..read import article_from_text

    articles = [
        article_from_text(str(r["text"]).lower() if lower else str(r["text"]), id=str(r["id"]),
                          title=r.get("title") or None, published=r.get("published") or None, clean=False)
        for r in records
    ]
    results = code_articles(articles, settings)
    predictions = {a.id: _predicted(r) for a, r in zip(articles, results, strict=True) if r is not None}
    return predictions, sum(r is None for r in results)


def _predicted(result: Result) -> list[Predicted]:
    return [Predicted.of(e) for e in result.events]


def flat_metrics(tallies: Mapping[str, Tally], suffix: str = "") -> dict[str, float]:
    """The headline metrics over all articles, named with ``suffix``."""
    return {f"{name}{suffix}": value for name, value in tallies[ALL].metrics().items()}


def breakdown(by_variant: Mapping[str, Mapping[str, Tally]]) -> dict[str, dict[str, float]]:
    """One row per part and variant (``guardian``, ..., ``all``, then ``guardian_lower``, ...): counts
    and rates side by side."""
    rows: dict[str, dict[str, float]] = {}
    for suffix, tallies in by_variant.items():
        for scope, tally in tallies.items():
            counts, rates = tally.counts(), tally.metrics()
            rows[f"{scope}{suffix}"] = {
                "required": counts["required"], "matched": counts["matched"], "recall": rates["recall"],
                "predicted": counts["predicted"], "correct": counts["correct"], "precision": rates["precision"],
                "dated": counts["dated"], "date_correct": counts["date_correct"],
                "date_accuracy": rates["date_accuracy"],
                "placed": counts["placed"], "place_correct": counts["place_correct"],
                "place_accuracy": rates["place_accuracy"],
            }
    return rows


def evaluate(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None) -> Report:
    """Score eventwire on the eventgold articles (the first ``limit`` of inputs.jsonl), as cased and
    lower-cased."""
    gold = {a.id: a for a in load_gold(Path(data_dir))}
    records = load_inputs(Path(data_dir))
    unknown = [str(r.get("id")) for r in records if r.get("id") not in gold]
    if unknown or len(records) != len(gold):
        differ = ", ".join(unknown) or "their counts differ"
        raise EvaluationError(f"inputs.jsonl and gold.json hold different articles ({differ})")
    records = records[:limit] if limit else records
    articles = [gold[str(r["id"])] for r in records]
    started = time.perf_counter()
    predicted, failed = predict(records, settings)
    seconds = time.perf_counter() - started
    predicted_lower, failed_lower = predict(records, settings, lower=True)
    cased, lowered = score(articles, predicted), score(articles, predicted_lower)
    counts = {"articles": len(articles), **cased[ALL].counts(), "failed_articles": failed}
    counts |= {f"{k}{LOWER}": v for k, v in lowered[ALL].counts().items() if k in {"matched", "predicted", "correct"}}
    counts["failed_articles_lower"] = failed_lower
    return Report(
        dataset="eventgold",
        counts=counts,
        metrics=flat_metrics(cased) | flat_metrics(lowered, LOWER),
        breakdown=breakdown({"": cased, LOWER: lowered}),
        notes=NOTES,
        misses=tuple(missed(articles, predicted)[:10]),
        seconds=seconds,
        documents=len(articles),
    )
