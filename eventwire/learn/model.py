"""The learned event model at run time: load it, and score the candidate words of a parsed Doc.

The model (``eventwire/data/model/``, written by ``make train``; see its README.md) is two linear models
over the sparse features of :mod:`eventwire.learn.features`:

- ``P(event)``: whether a candidate word states a codable event, a logistic model calibrated by Platt
  scaling (``sigmoid(a * z + b)``) fitted on cross-validated scores;
- ``P(root | event)``: which of the 20 CAMEO roots, a multinomial logistic model calibrated by a
  temperature.

Files: ``events.npz`` (the weights, float32), ``events.vocab.json`` (the feature strings, in the order
of the weight rows) and ``events.json`` (roots, calibration, training data and cross-validated
figures). Only numpy is needed; loading takes a few tens of milliseconds and is done once per process.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from ..errors import ModelError
from ..lexicons.triggers import Lexicon
from ..settings import data_path
from .features import Columns, Sentences, candidates, features

ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
WEIGHTS, VOCABULARY, METADATA = "events.npz", "events.vocab.json", "events.json"


def model_dir() -> Path:
    """Where the shipped model lives."""
    return data_path("model")


@dataclass(frozen=True)
class Calibration:
    """Platt scaling of the event score, the temperature of the root scores, and the Platt scaling of a
    sentence's highest event score (whether the sentence states any event)."""

    event_a: float = 1.0
    event_b: float = 0.0
    temperature: float = 1.0
    sentence_a: float = 1.0
    sentence_b: float = 0.0

    @classmethod
    def of(cls, data: dict[str, Any]) -> Calibration:
        return cls(float(data["event_a"]), float(data["event_b"]), float(data["temperature"]),
                   float(data["sentence_a"]), float(data["sentence_b"]))


@dataclass(frozen=True)
class Prediction:
    """The model's reading of one candidate word: ``p_event`` and ``roots``, P(root | event) in the order
    of :data:`ROOTS`."""

    token: int
    sentence: int
    p_event: float
    roots: tuple[float, ...]
    score: float  # the uncalibrated event score (a logit)

    def root_probability(self, root: str) -> float:
        """P(event with this CAMEO root) at this word: ``p_event * P(root | event)``."""
        return self.p_event * self.roots[ROOTS.index(root[:2])]

    @property
    def best_root(self) -> str:
        return ROOTS[max(range(len(ROOTS)), key=self.roots.__getitem__)]


@dataclass(frozen=True)
class DocPredictions:
    """Every candidate word of a Doc with its prediction, and each sentence's P(some event)."""

    words: tuple[Prediction, ...]
    sentences: tuple[float, ...]

    def at(self, token: int) -> Prediction | None:
        """The prediction of the candidate word ``token`` (None when it is not a candidate)."""
        return _by_token(self).get(token)

    def in_sentence(self, sentence: int) -> list[Prediction]:
        return [p for p in self.words if p.sentence == sentence]


def _by_token(predictions: DocPredictions) -> dict[int, Prediction]:
    return {p.token: p for p in predictions.words}


class EventModel:
    """The weights, the vocabulary and the calibration; :meth:`predict_doc` scores a Doc."""

    def __init__(self, vocabulary: Sequence[str], event_w: np.ndarray, event_b: float, root_w: np.ndarray,
                 root_b: np.ndarray, calibration: Calibration, metadata: dict[str, Any] | None = None) -> None:
        if root_w.shape != (len(vocabulary), len(ROOTS)) or event_w.shape != (len(vocabulary),):
            raise ModelError(f"event model weights do not fit a vocabulary of {len(vocabulary)} features")
        self.index = {f: i for i, f in enumerate(vocabulary)}
        n = len(vocabulary)
        # one extra zero row: every word gets it, so a word with no known feature still has a row to sum
        self.event_w = np.concatenate([event_w.astype(np.float32), np.zeros(1, np.float32)])
        self.root_w = np.vstack([root_w.astype(np.float32), np.zeros((1, len(ROOTS)), np.float32)])
        self.blank = n
        self.event_b = float(event_b)
        self.root_b = root_b.astype(np.float32)
        self.calibration = calibration
        self.metadata = metadata or {}

    @classmethod
    def load(cls, directory: str | Path | None = None) -> EventModel:
        """The model in ``directory`` (the shipped one by default), loaded once per path."""
        return _load(str(directory or model_dir()))

    def predict_doc(self, doc: Doc, lexicon: Lexicon | None = None, columns: Columns | None = None) -> DocPredictions:
        """P(event) and P(root | event) of every candidate word of ``doc``, and each sentence's P(some event)."""
        columns = columns or Columns.of(doc)
        lexicon = lexicon or Lexicon.load()
        sentences = Sentences.of(columns)
        tokens = candidates(columns)
        if not tokens:
            return DocPredictions((), tuple(self._sentence_p(-math.inf) for _ in columns.bounds))
        rows = [[self.index[f] for f in features(columns, sentences, lexicon, i) if f in self.index] + [self.blank]
                for i in tokens]
        return self._score(columns, tokens, rows)

    def predict(self, doc: Doc, token: int, lexicon: Lexicon | None = None) -> tuple[float, dict[str, float]]:
        """P(event) at one word of ``doc`` and P(root | event) by root (zero and uniform for a word that
        cannot state an event: not a verb, a noun or a predicate adjective)."""
        found = self.predict_doc(doc, lexicon).at(token)
        if found is None:
            return 0.0, {r: 1 / len(ROOTS) for r in ROOTS}
        return found.p_event, dict(zip(ROOTS, found.roots, strict=True))

    def _score(self, columns: Columns, tokens: Sequence[int], rows: Sequence[Sequence[int]]) -> DocPredictions:
        flat = np.fromiter((i for row in rows for i in row), dtype=np.int64)
        starts = np.cumsum([0] + [len(row) for row in rows[:-1]])
        event_z = np.add.reduceat(self.event_w[flat], starts) + self.event_b
        root_z = np.add.reduceat(self.root_w[flat], starts, axis=0) + self.root_b
        cal = self.calibration
        p_event = _sigmoid(cal.event_a * event_z.astype(np.float64) + cal.event_b)
        scaled = root_z.astype(np.float64) / cal.temperature
        root_p = np.exp(scaled - scaled.max(axis=1, keepdims=True))
        root_p /= root_p.sum(axis=1, keepdims=True)
        best = [-math.inf] * len(columns.bounds)
        words = []
        for k, token in enumerate(tokens):
            n = columns.sentence[token]
            z = float(event_z[k])
            best[n] = max(best[n], z)
            words.append(Prediction(token, n, float(p_event[k]), tuple(float(v) for v in root_p[k]), z))
        return DocPredictions(tuple(words), tuple(self._sentence_p(z) for z in best))

    def _sentence_p(self, z: float) -> float:
        if z == -math.inf:
            return 0.0
        return float(_sigmoid(np.float64(self.calibration.sentence_a * z + self.calibration.sentence_b)))


def _sigmoid(z: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))


@lru_cache(maxsize=4)
def _load(directory: str) -> EventModel:
    path = Path(directory)
    try:
        metadata = json.loads((path / METADATA).read_text(encoding="utf-8"))
        vocabulary = json.loads((path / VOCABULARY).read_text(encoding="utf-8"))
        with np.load(path / WEIGHTS, allow_pickle=False) as weights:
            arrays = {name: weights[name] for name in weights.files}
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot load the event model in {path}: {exc}. Rebuild it with `make train`.") from exc
    if tuple(metadata.get("roots", ())) != ROOTS:
        raise ModelError(f"the event model in {path} has other root labels than {ROOTS[0]}..{ROOTS[-1]}")
    return EventModel(vocabulary, arrays["event_w"], float(arrays["event_b"][0]), arrays["root_w"],
                      arrays["root_b"], Calibration.of(metadata["calibration"]), metadata)
