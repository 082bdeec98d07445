"""The learned event model at run time: load it, and score the candidate words of a parsed Doc.

The model (``eventwire/data/model/``, written by ``make train``; see its README.md) is two linear models
over the sparse features of :mod:`eventwire.learn.features`:

- ``P(event)``: whether a candidate word states a codable event, a logistic model calibrated by Platt
  scaling (``sigmoid(a * z + b)``) fitted on cross-validated scores;
- ``P(root | event)``: which of the 20 CAMEO roots, a multinomial logistic model calibrated by a
  temperature.

Files: ``events.npz`` (the weights, float32), ``events.vocab.json`` (the feature strings, in the order
of the weight rows, and the screen: the lemmas worth scoring) and ``events.json`` (roots, calibration,
training data and cross-validated figures). Only numpy is needed; loading takes a few tens of
milliseconds and is done once per process.
"""

from __future__ import annotations

import copy
import json
import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..errors import ModelError
from ..lexicons.triggers import Entry, Lexicon
from ..settings import data_path
from .features import ArticleFeatures, is_candidate, lemma_key

ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
LOGIT_EPSILON = 1e-4
CONFIDENCE_DIGITS = 3  # an event's confidence is rounded to this many digits
NEVER = 2.0  # a probability threshold no word reaches
SCREENED_POS_IDS = np.array(sorted(IDS[p] for p in ("VERB", "NOUN", "ADJ")), dtype=np.uint64)
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
class Combiner:
    """How sure a rule event is from the rule's confidence ``c``, whether its frame sets conditions
    (``specific``: an object, particle, modifier, complement or modal clause), and the model's P(event with
    the rule's root) ``p`` at its word and its share of the roots ``q`` = P(root | event):
    ``sigmoid(model * logit(p) + root * logit(q) + rule * logit(c) + frame * specific + bias)``, a logistic
    model fitted on cross-validated probabilities of the training articles; a rule event without a scored
    word gets ``sigmoid(rule_only_a * logit(c) + rule_only_b)``."""

    model: float = 0.0
    root: float = 0.0
    rule: float = 1.0
    frame: float = 0.0
    bias: float = 0.0
    rule_only_a: float = 1.0
    rule_only_b: float = 0.0

    @classmethod
    def of(cls, data: dict[str, Any]) -> Combiner:
        return cls(float(data["model"]), float(data["root"]), float(data["rule"]), float(data["frame"]),
                   float(data["bias"]), float(data["rule_only_a"]), float(data["rule_only_b"]))

    def combined(self, p_event: float, p_root: float, c: float, specific: bool = False) -> float:
        """The confidence of a rule event of confidence ``c`` at a word the model gives P(event) ``p_event``
        and P(the event's root | event) ``p_root``."""
        z = (self.model * logit(p_event * p_root) + self.root * logit(p_root) + self.rule * logit(c)
             + self.frame * specific + self.bias)
        return logistic(z)

    def rule_alone(self, c: float) -> float:
        """The confidence of a rule event of confidence ``c`` the model did not score."""
        return logistic(self.rule_only_a * logit(c) + self.rule_only_b)


def logit(p: float) -> float:
    """log(p / (1 - p)), with ``p`` kept off 0 and 1."""
    p = min(max(p, LOGIT_EPSILON), 1 - LOGIT_EPSILON)
    return math.log(p / (1 - p))


def logistic(z: float) -> float:
    """1 / (1 + exp(-z)), with ``z`` kept within ±40."""
    return 1 / (1 + math.exp(-min(max(z, -40.0), 40.0)))


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
    """The scored words of a Doc (in text order) with their P(event) and P(root | event), and each
    sentence's P(some event) from its scored words."""

    tokens: tuple[int, ...]
    sentence_of: tuple[int, ...]
    p_event: np.ndarray  # (words,)
    p_roots: np.ndarray  # (words, 20)
    scores: np.ndarray  # (words,) the uncalibrated event scores
    sentences: tuple[float, ...]

    @property
    def words(self) -> list[Prediction]:
        return [self._prediction(k) for k in range(len(self.tokens))]

    def at(self, token: int) -> Prediction | None:
        """The prediction of the scored word ``token`` (None when it was not scored)."""
        k = bisect_left(self.tokens, token)
        return self._prediction(k) if k < len(self.tokens) and self.tokens[k] == token else None

    def in_sentence(self, sentence: int) -> list[Prediction]:
        return [self._prediction(k) for k, n in enumerate(self.sentence_of) if n == sentence]

    def _prediction(self, k: int) -> Prediction:
        return Prediction(self.tokens[k], self.sentence_of[k], float(self.p_event[k]),
                          tuple(self.p_roots[k].tolist()), float(self.scores[k]))


class EventModel:
    """The weights, the vocabulary and the calibration; :meth:`predict_doc` scores a Doc."""

    def __init__(self, vocabulary: Sequence[str], event_w: np.ndarray, event_b: float, root_w: np.ndarray,
                 root_b: np.ndarray, calibration: Calibration, screen: Iterable[str] = (),
                 metadata: dict[str, Any] | None = None, combiner: Combiner | None = None) -> None:
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
        self.screen = frozenset(screen)
        lemmas = {key.rpartition("|")[0] for key in self.screen}
        forms = {form for w in lemmas for form in (w, w.capitalize(), w.upper())}
        self.screen_lemmas = np.array(sorted(get_string_id(form) for form in forms), dtype=np.uint64)
        self.metadata = metadata or {}
        self.combiner = combiner or Combiner()
        coder = self.metadata.get("coder", {})
        self.min_confidence = float(coder.get("min_confidence", 0.0))
        self.propose = float(coder.get("propose", NEVER))

    def with_thresholds(self, min_confidence: float, propose: float) -> EventModel:
        """The same model with other thresholds for the coder: rule events under ``min_confidence`` are
        dropped, and the model codes words whose best root has at least ``propose`` (see
        :mod:`eventwire.stages.events.learned`)."""
        other = copy.copy(self)
        other.min_confidence, other.propose = min_confidence, propose
        return other

    @classmethod
    def load(cls, directory: str | Path | None = None) -> EventModel:
        """The model in ``directory`` (the shipped one by default), loaded once per path."""
        return _load(str(directory or model_dir()))

    def screened(self, doc: Doc) -> list[int]:
        """The candidate words whose lemma and part of speech were an event's word often enough in training
        to be worth scoring (:attr:`screen`); the others seldom get a high P(event)."""
        if not len(doc) or not self.screen:
            return []
        table = doc.to_array([LEMMA, POS])
        maybe = np.flatnonzero(np.isin(table[:, 0], self.screen_lemmas) & np.isin(table[:, 1], SCREENED_POS_IDS))
        screen = self.screen
        return [int(i) for i in maybe if lemma_key(doc[int(i)]) in screen and is_candidate(doc[int(i)])]

    def predict_doc(self, doc: Doc, lexicon: Lexicon | None = None, matches: Mapping[int, Entry] | None = None,
                    words: Iterable[int] | None = None) -> DocPredictions:
        """P(event) and P(root | event) of the candidate words of ``doc`` (of ``words`` only, when given),
        and each sentence's P(some event) from its scored words. ``matches``: the rules' trigger words and
        their lexicon entries when the caller has them (else they are found here)."""
        article = ArticleFeatures.read(doc, lexicon or Lexicon.load(), matches)
        tokens = article.candidates() if words is None else sorted({i for i in words if article.is_candidate(i)})
        if not tokens:
            empty = np.zeros(0)
            return DocPredictions((), (), empty, np.zeros((0, len(ROOTS))), empty, tuple(0.0 for _ in article.starts))
        index = self.index
        rows = [[index[f] for f in article.of(i) if f in index] + [self.blank] for i in tokens]
        return self._score(article, tokens, rows)

    def predict(self, doc: Doc, token: int, lexicon: Lexicon | None = None) -> tuple[float, dict[str, float]]:
        """P(event) at one word of ``doc`` and P(root | event) by root (zero and uniform for a word that
        cannot state an event: not a verb, a noun or a predicate adjective)."""
        found = self.predict_doc(doc, lexicon, words=[token]).at(token)
        if found is None:
            return 0.0, {r: 1 / len(ROOTS) for r in ROOTS}
        return found.p_event, dict(zip(ROOTS, found.roots, strict=True))

    def _score(self, article: ArticleFeatures, tokens: Sequence[int], rows: Sequence[Sequence[int]]
               ) -> DocPredictions:
        flat = np.fromiter((i for row in rows for i in row), dtype=np.int64)
        starts = np.cumsum([0] + [len(row) for row in rows[:-1]])
        event_z = np.add.reduceat(self.event_w[flat], starts) + self.event_b
        root_z = np.add.reduceat(self.root_w[flat], starts, axis=0) + self.root_b
        cal = self.calibration
        p_event = _sigmoid(cal.event_a * event_z.astype(np.float64) + cal.event_b)
        scaled = root_z.astype(np.float64) / cal.temperature
        root_p = np.exp(scaled - scaled.max(axis=1, keepdims=True))
        root_p /= root_p.sum(axis=1, keepdims=True)
        sentence_of = tuple(article.sentence_of(t) for t in tokens)
        best = np.full(len(article.starts), -np.inf)
        np.maximum.at(best, np.array(sentence_of, dtype=np.int64), event_z.astype(np.float64))
        return DocPredictions(tuple(tokens), sentence_of, p_event, root_p, event_z.astype(np.float64),
                              tuple(self._sentence_p(float(z)) for z in best))

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
    return EventModel(vocabulary["features"], arrays["event_w"], float(arrays["event_b"][0]), arrays["root_w"],
                      arrays["root_b"], Calibration.of(metadata["calibration"]), vocabulary["screen"], metadata,
                      Combiner.of(metadata["combiner"]) if "combiner" in metadata else None)
