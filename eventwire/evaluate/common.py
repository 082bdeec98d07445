"""Pieces shared by the evaluation adapters: coding sentences, scoring labels, confusion tables."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from ..models import ActorRef, Article, Event, Result
from ..settings import Settings

# PLOVER 0.5b1 labels (2016) mapped to the 16 types in use today.
PLOVER_05B1 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NONE = "NONE"


def current_plover(label: str) -> str:
    """A PLOVER label in today's 16-type set."""
    label = label.strip().upper()
    return PLOVER_05B1.get(label, label)


def code_texts(texts: Sequence[str], published: str | None, settings: Settings | None) -> list[Result]:
    """Run the whole pipeline over plain texts (batched parse), one Result per text."""
    from ..api import pipeline
    from ..read import article_from_text

    pipe = pipeline(settings or Settings())
    articles = [article_from_text(t, published=published, clean=False) for t in texts]
    return list(pipe.process_many(articles))


def code_articles(articles: Sequence[Article], settings: Settings | None) -> list[Result | None]:
    """Code whole articles one at a time, as ``eventwire extract`` does; an article whose coding fails
    gives None (the command skips it) instead of ending the run."""
    from ..api import pipeline

    pipe = pipeline(settings or Settings())
    results: list[Result | None] = []
    for article in articles:
        try:
            results.append(pipe.process(article))
        except Exception:  # counted by the caller, as the command counts a skipped article
            results.append(None)
    return results


def actor_country(ref: ActorRef | None) -> str | None:
    """The country (or IGO/NGO prefix) of an event participant, as gold sets code it."""
    if ref is None:
        return None
    return ref.country or (ref.code[:3] if ref.code else None)


def typed_events(result: Result) -> list[Event]:
    """Events with a PLOVER type, most confident first (ties: text order)."""
    typed = [e for e in result.events if e.plover.type]
    return sorted(typed, key=lambda e: (-e.confidence, e.trigger.start))


def macro_f1(pairs: Iterable[tuple[str, str]], labels: Iterable[str] | None = None) -> float:
    """Macro-averaged F1 over the gold labels of (gold, predicted) pairs."""
    pairs = list(pairs)
    gold_labels = sorted(set(labels) if labels is not None else {g for g, _ in pairs})
    scores = []
    for label in gold_labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, predicted in pairs:
        table[gold][predicted] += 1
    return {g: dict(c) for g, c in sorted(table.items())}
