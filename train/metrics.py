"""Scores of the cross-validated predictions: detection, root classification and calibration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np


def prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def detection(y: Sequence[bool], p: Sequence[float], threshold: float = 0.5) -> dict[str, float]:
    """Precision, recall and F1 of ``p >= threshold`` against ``y``, with average precision."""
    y_arr, p_arr = np.asarray(y, bool), np.asarray(p, float)
    chosen = p_arr >= threshold
    out = prf(int((chosen & y_arr).sum()), int(chosen.sum()), int(y_arr.sum()))
    out["average_precision"] = average_precision(y_arr, p_arr)
    return out


def average_precision(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the precision-recall curve, as the mean precision at each positive (ties in order)."""
    if not y.any():
        return 0.0
    order = np.argsort(-p, kind="stable")
    hits = y[order].astype(float)
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def reliability(y: Sequence[bool], p: Sequence[float], bins: int = 10) -> tuple[float, list[dict[str, float]]]:
    """Expected calibration error over equal-width bins, and the table: per bin the count, the mean
    predicted probability and the observed rate."""
    y_arr, p_arr = np.asarray(y, float), np.asarray(p, float)
    table, ece = [], 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    for k in range(bins):
        inside = (p_arr >= edges[k]) & ((p_arr < edges[k + 1]) if k < bins - 1 else (p_arr <= 1.0))
        n = int(inside.sum())
        if not n:
            continue
        mean_p, rate = float(p_arr[inside].mean()), float(y_arr[inside].mean())
        ece += n / len(p_arr) * abs(mean_p - rate)
        table.append({"bin": f"{edges[k]:.1f}-{edges[k + 1]:.1f}", "n": n, "predicted": mean_p, "observed": rate})
    return ece, table


def log_loss(y: Sequence[bool], p: Sequence[float]) -> float:
    y_arr, p_arr = np.asarray(y, float), np.clip(np.asarray(p, float), 1e-12, 1 - 1e-12)
    return float(-(y_arr * np.log(p_arr) + (1 - y_arr) * np.log(1 - p_arr)).mean())


def classes(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str]) -> dict[str, dict[str, float]]:
    """Per label: support, precision, recall, F1."""
    out = {}
    pairs = list(zip(gold, predicted, strict=True))
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        scores = prf(tp, sum(p == label for _, p in pairs), sum(g == label for g, _ in pairs))
        out[label] = {"support": sum(g == label for g, _ in pairs), **scores}
    return out


def macro_f1(per_class: dict[str, dict[str, float]]) -> float:
    present = [v["f1"] for v in per_class.values() if v["support"]]
    return float(np.mean(present)) if present else 0.0


def majority(labels: Iterable[str]) -> str:
    counts = Counter(labels)
    return min(counts, key=lambda k: (-counts[k], k))
