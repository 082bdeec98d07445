"""How sure a rule event is, from the rule and the model: the combiner's fit and its figures.

A rule event at a candidate word with CAMEO root r has two opinions: the rule's confidence c (frame
strength times clause, modality and argument certainties) and the model's calibrated P(event with root r)
p at that word. The combiner is a logistic model of whether the word really is an event word with root r
(among the roots its events list): ``sigmoid(w_model * logit(p) + w_rule * logit(c) + bias)``. A rule event
whose trigger holds no candidate word gets ``sigmoid(a * logit(c) + b)``, the rule alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import metrics
import numpy as np
from sklearn.linear_model import LogisticRegression

EPSILON = 1e-4


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPSILON, 1 - EPSILON)
    return np.log(p / (1 - p))


@dataclass(frozen=True)
class Combiner:
    model: float
    rule: float
    bias: float
    rule_only_a: float
    rule_only_b: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 6) for k, v in self.__dict__.items()}

    def combined(self, p: np.ndarray, c: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(self.model * logit(p) + self.rule * logit(c) + self.bias)))

    def rule_alone(self, c: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(self.rule_only_a * logit(c) + self.rule_only_b)))


def pairs(data: Any, rows: np.ndarray) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """The (word, rule root) pairs of the given rows: row, root, rule confidence, right (the root is listed)."""
    found = [(i, root, conf) for i in rows for root, conf in sorted(data.rule[i].items())]
    index = np.array([f[0] for f in found], dtype=np.int64)
    roots = [f[1] for f in found]
    conf = np.array([f[2] for f in found], dtype=float)
    right = np.array([root in data.roots[i] for i, root, _ in found], dtype=bool)
    return index, roots, conf, right


def model_p(p_event: np.ndarray, p_root: np.ndarray, index: np.ndarray, roots: Sequence[str],
            labels: Sequence[str]) -> np.ndarray:
    columns = np.array([labels.index(r) for r in roots], dtype=np.int64)
    return p_event[index] * p_root[index, columns] if len(index) else np.zeros(0)


def fit(data: Any, rows: np.ndarray, p_event: np.ndarray, p_root: np.ndarray, labels: Sequence[str]) -> Combiner:
    """The combiner fitted on the rule events of ``rows`` with the model's cross-validated probabilities."""
    index, roots, conf, right = pairs(data, rows)
    p = model_p(p_event, p_root, index, roots, labels)
    both = LogisticRegression(C=1e4, max_iter=1000).fit(np.column_stack([logit(p), logit(conf)]), right)
    alone = LogisticRegression(C=1e4, max_iter=1000).fit(logit(conf).reshape(-1, 1), right)
    return Combiner(float(both.coef_[0, 0]), float(both.coef_[0, 1]), float(both.intercept_[0]),
                    float(alone.coef_[0, 0]), float(alone.intercept_[0]))


def figures(right: np.ndarray, opinions: dict[str, np.ndarray]) -> dict[str, dict[str, float]]:
    """Average precision, log loss and calibration error of each opinion of the rule events' correctness."""
    out = {}
    for name, p in opinions.items():
        ece, _ = metrics.reliability(right, p)
        out[name] = {"average_precision": metrics.average_precision(right, p), "log_loss": metrics.log_loss(right, p),
                     "ece": ece}
    return out
