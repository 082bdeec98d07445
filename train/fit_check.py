"""Fit the event check (eventwire/learn/check.py) on the events the rules code in the labelled train articles.

    .venv/bin/python train/fit_check.py [--limit N] [--out FILE] [--report FILE]

Each labelled train article (train/corpus.py) is coded as ``eventwire extract --no-clean`` codes it, without
the check and without the event model; each coded event is marked right when it matches a labelled event by
the rule of ``eventwire evaluate eventgold`` (its CAMEO root among the labelled roots, its source and target
countries equal, either way round for a symmetric event). The check is a logistic model (L2, C below) of
that mark over :func:`eventwire.learn.check.features`. Its threshold is chosen by cross-validation grouped
by article (article k in fold k mod 5): for each threshold of the grid, the events each fold's model keeps
are scored as eventgold scores them (recall over the labelled required events, precision over the kept
events). The threshold is the one of best F1 among those that keep the recall of the rules alone (all events
kept) less ``RECALL_GIVE``: the check ranks and filters, and should cost few of the events the rules find. The give
is half a point of recall, a few of the ~740 required labelled events, so that no single event's probability
decides the threshold (with none, one required event scored at 0.03 held it at 0.025 while F1 rose from 0.416
to 0.446 by 0.175 for three of them); among equals, the lower. The model fitted on all articles with that
threshold is written to ``--out``, and the figures to ``--report``. Deterministic: the same labels, texts and
code give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpus

from eventwire.evaluate.common import code_articles
from eventwire.evaluate.eventgold import Predicted, gold_event, matches
from eventwire.learn.check import CHECK_FILE, features
from eventwire.settings import Settings, data_path

C = 1.0
FOLDS = 5
RECALL_GIVE = 0.005  # the recall the threshold may give up (see above)
GRID = tuple(round(0.025 * k, 3) for k in range(21))  # 0.0 .. 0.5


@dataclass(frozen=True)
class Coded:
    """One coded event: its article's index, its features, whether it is right, the required labelled events
    (indexes in its article) it matches."""

    article: int
    features: dict[str, float]
    right: bool
    required: tuple[int, ...]


def coded_events(limit: int | None) -> tuple[list[Coded], dict[str, int], int]:
    """The rules' events of the labelled articles, the number of articles of each set and of required
    labelled events."""
    labelled = corpus.labelled_articles(limit)
    articles = corpus.as_articles(labelled)
    settings = Settings(event_check=False, event_model=False)
    rows: list[Coded] = []
    required = 0
    for k, (article, result) in enumerate(zip(labelled, code_articles(articles, settings), strict=True)):
        gold = [gold_event(e, article.id) for e in article.events]
        required += sum(g.required for g in gold)
        for event in result.events if result else ():
            predicted = Predicted.of(event)
            hits = tuple(i for i, g in enumerate(gold) if g.required and matches(predicted, g))
            rows.append(Coded(k, features(event), any(matches(predicted, g) for g in gold), hits))
    return rows, dict(Counter(corpus.part_of(a) for a in labelled)), required


def matrix(rows: Sequence[Coded], names: Sequence[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for name, value in row.features.items():
            x[r, index[name]] = value
    return x


def fit(x: np.ndarray, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=10_000).fit(x, y)


def cross_validated(rows: Sequence[Coded], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each event's probability from the model fitted without its article's fold."""
    folds = np.array([r.article % FOLDS for r in rows])
    p = np.zeros(len(rows))
    for k in range(FOLDS):
        p[folds == k] = fit(x[folds != k], y[folds != k]).predict_proba(x[folds == k])[:, 1]
    return p


def scored(rows: Sequence[Coded], p: np.ndarray, threshold: float, required: int) -> dict[str, float]:
    """Recall, precision and F1 of the events kept at ``threshold`` (and each article's most likely one, as the
    coder keeps it), as eventgold scores them."""
    best: dict[int, float] = {}
    for r, q in zip(rows, p, strict=True):
        best[r.article] = max(best.get(r.article, 0.0), q)
    kept = [r for r, q in zip(rows, p, strict=True) if q >= threshold or q == best[r.article]]
    found = {(r.article, i) for r in kept for i in r.required}
    recall = len(found) / required if required else 0.0
    precision = sum(r.right for r in kept) / len(kept) if kept else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return {"threshold": threshold, "events": len(kept), "recall": round(recall, 4), "precision": round(precision, 4),
            "f1": round(f1, 4)}


def choose(grid: Sequence[dict[str, float]], rules: dict[str, float]) -> dict[str, float]:
    """The row of best F1 among those within ``RECALL_GIVE`` of the rules' recall; the lower threshold of equals."""
    allowed = [g for g in grid if g["recall"] >= rules["recall"] - RECALL_GIVE]
    return max(allowed, key=lambda g: (g["f1"], -g["threshold"]))


def report(out: dict[str, Any]) -> str:
    rules, chosen = out["cross_validation"]["rules"], out["cross_validation"]["chosen"]
    lines = ["# The event check", "", "Written by `make train` (`train/fit_check.py`); do not edit by hand. Read by",
             "`eventwire.learn.check.EventCheck.load()`.", "",
             f"Training data: {out['training']['articles']} labelled train articles ({_sets(out)}); the rules code "
             f"{out['training']['events']} events, {out['training']['right']} of them right; "
             f"{out['training']['required']} required labelled events.", "",
             f"Fit: logistic regression, L2, C={C}. Threshold chosen by {FOLDS}-fold cross-validation grouped by "
             f"article: best F1 with recall at most {RECALL_GIVE} under the rules' own. Each article keeps its "
             "most likely event, as the coder keeps it.", "",
             "| threshold | events kept | recall | precision | F1 |", "|---|---|---|---|---|"]
    for g in out["cross_validation"]["grid"]:
        mark = " (chosen)" if g == chosen else ""
        lines.append(f"| {g['threshold']}{mark} | {g['events']} | {g['recall']} | {g['precision']} | {g['f1']} |")
    lines += ["", f"Rules alone (every event kept): recall {rules['recall']}, precision {rules['precision']}.", "",
              "| feature | weight |", "|---|---|"]
    lines += [f"| {name} | {weight:+.3f} |" for name, weight in sorted(out["weights"].items(), key=lambda kv: kv[1])]
    lines.append(f"| (bias) | {out['bias']:+.3f} |")
    return "\n".join(lines) + "\n"


def _sets(out: dict[str, Any]) -> str:
    """The articles of each labelled set, as words (train/labels/README.md)."""
    names = {"guardian": "Guardian on Syria", "polnear": "PolNeAR US political news",
             "tbaq": "TimeBank/AQUAINT general newswire"}
    return ", ".join(f"{n} {names.get(part, part)}" for part, n in sorted(out["training"]["sets"].items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N labelled articles")
    parser.add_argument("--out", type=Path, default=data_path("model") / CHECK_FILE)
    parser.add_argument("--report", type=Path, default=None, help="write the figures here (Markdown)")
    args = parser.parse_args()
    rows, sets, required = coded_events(args.limit)
    articles = sum(sets.values())
    names = sorted({n for r in rows for n in r.features})
    x, y = matrix(rows, names), np.array([r.right for r in rows])
    p = cross_validated(rows, x, y)
    grid = [scored(rows, p, t, required) for t in GRID]
    rules = scored(rows, np.ones(len(rows)), 0.0, required)
    chosen = choose(grid, rules)
    model = fit(x, y)
    out = {
        "weights": {n: round(float(w), 6) for n, w in zip(names, model.coef_[0], strict=True)},
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": chosen["threshold"],
        "training": {"articles": articles, "sets": sets, "events": len(rows), "right": int(y.sum()),
                     "required": required, "labels": "train/labels (first pass)", "C": C, "folds": FOLDS,
                     "recall_give": RECALL_GIVE},
        "cross_validation": {"rules": rules, "chosen": chosen, "grid": grid},
    }
    args.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.report is not None:
        args.report.write_text(report(out), encoding="utf-8")
    print(f"{len(rows)} events of {articles} articles; threshold {chosen['threshold']}: "
          f"recall {rules['recall']} -> {chosen['recall']}, precision {rules['precision']} -> {chosen['precision']}")


if __name__ == "__main__":
    main()
