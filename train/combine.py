"""How sure a rule event is, from the rule and the model: the combiner's fit and its figures.

A rule event at a candidate word with CAMEO root r has two opinions: the rule's confidence c (frame
strength times clause, modality and argument certainties) and the model's calibrated P(event with root r)
p at that word. The combiner is a logistic model of whether the word really is an event word with root r
(among the roots its events list): ``sigmoid(w_model * logit(p) + w_root * logit(q) + w_rule * logit(c) +
w_frame * specific + bias)``, where ``q`` is the model's P(r | event) alone (the model learns the first root an
event lists, while a word is right for any root listed: the combiner weighs how much the root's share counts
apart from the word being an event) and ``specific`` says the rule's frame sets conditions (an object,
particle, modifier, complement or modal clause). A rule event
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
    root: float
    rule: float
    frame: float
    bias: float
    rule_only_a: float
    rule_only_b: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 6) for k, v in self.__dict__.items()}

    def combined(self, p: np.ndarray, q: np.ndarray, c: np.ndarray, specific: np.ndarray) -> np.ndarray:
        z = self.model * logit(p) + self.root * logit(q) + self.rule * logit(c) + self.frame * specific + self.bias
        return 1 / (1 + np.exp(-z))

    def rule_alone(self, c: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(self.rule_only_a * logit(c) + self.rule_only_b)))


@dataclass(frozen=True)
class Pairs:
    """The (word, rule root) pairs of some rows: row, root, rule confidence, specific frame, right (the root
    is among the roots the word's events list)."""

    index: np.ndarray
    roots: list[str]
    conf: np.ndarray
    specific: np.ndarray
    right: np.ndarray


def pairs(data: Any, rows: np.ndarray) -> Pairs:
    found = [(i, root, conf) for i in rows for root, conf in sorted(data.rule[i].items())]
    return Pairs(np.array([f[0] for f in found], dtype=np.int64), [f[1] for f in found],
                 np.array([f[2] for f in found], dtype=float),
                 np.array([data.rule_specific[i] for i, _, _ in found], dtype=float),
                 np.array([root in data.roots[i] for i, root, _ in found], dtype=bool))


def root_p(p_root: np.ndarray, index: np.ndarray, roots: Sequence[str], labels: Sequence[str]) -> np.ndarray:
    """The model's P(root | event) of each pair."""
    columns = np.array([labels.index(r) for r in roots], dtype=np.int64)
    return p_root[index, columns] if len(index) else np.zeros(0)


def model_p(p_event: np.ndarray, p_root: np.ndarray, index: np.ndarray, roots: Sequence[str],
            labels: Sequence[str]) -> np.ndarray:
    columns = np.array([labels.index(r) for r in roots], dtype=np.int64)
    return p_event[index] * p_root[index, columns] if len(index) else np.zeros(0)


def fit(data: Any, rows: np.ndarray, p_event: np.ndarray, p_root: np.ndarray, labels: Sequence[str]) -> Combiner:
    """The combiner fitted on the rule events of ``rows`` with the model's cross-validated probabilities."""
    found = pairs(data, rows)
    p = model_p(p_event, p_root, found.index, found.roots, labels)
    q = root_p(p_root, found.index, found.roots, labels)
    both = LogisticRegression(C=1e4, max_iter=1000).fit(
        np.column_stack([logit(p), logit(q), logit(found.conf), found.specific]), found.right)
    alone = LogisticRegression(C=1e4, max_iter=1000).fit(logit(found.conf).reshape(-1, 1), found.right)
    w = [float(v) for v in both.coef_[0]]
    return Combiner(w[0], w[1], w[2], w[3], float(both.intercept_[0]), float(alone.coef_[0, 0]),
                    float(alone.intercept_[0]))


def figures(right: np.ndarray, opinions: dict[str, np.ndarray]) -> dict[str, dict[str, float]]:
    """Average precision, log loss and calibration error of each opinion of the rule events' correctness."""
    out = {}
    for name, p in opinions.items():
        ece, _ = metrics.reliability(right, p)
        out[name] = {"average_precision": metrics.average_precision(right, p), "log_loss": metrics.log_loss(right, p),
                     "ece": ece}
    return out
