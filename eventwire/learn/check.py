"""The event check: how likely a coded event is right as a whole, learned from labelled real articles.

The rules code an event from a trigger frame and the parse; whether the whole event (its CAMEO root, its
source and its target) is one a careful coder would give depends on more than the frame's strength: an act
whose target no slot names and no other party in its passage gives is rarely right, an act in a quote
somewhat less often, a statement or an appeal more often than a material act. The check is a logistic model
over what the finished event says about itself (:func:`features`: the rule's confidence, how its source and
target were found, its modality, whether a quote holds it, its CAMEO root), fitted by ``make train``
(``train/fit_check.py``) on the events the rules code in the labelled train articles, each marked right when
it matches a labelled event by the evaluation's rule. Its probability becomes the event's ``confidence``, and
events under its ``threshold`` (chosen by cross-validation over the training articles; see ``check.json``)
are left out, but for the article's most likely event: the threshold is fitted on whole articles, where
events compete, and a text holding a single event (a headline, a sentence coded alone) would otherwise lose it.

The file (``eventwire/data/model/check.json``) holds the feature weights, the bias, the threshold and the
cross-validated figures; only the standard library is needed to read it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..models import Event
from ..settings import data_path
from .model import CONFIDENCE_DIGITS, logistic, logit

CHECK_FILE = "check.json"


def features(event: Event) -> dict[str, float]:
    """What the check reads of an event, as named values (a one-hot name has the value 1)."""
    return {
        "confidence": logit(event.confidence),
        f"target={event.target.basis if event.target else 'none'}": 1.0,
        f"source={event.source.basis if event.source else 'none'}": 1.0,
        f"modality={event.modality}": 1.0,
        "quote": 1.0 if event.quote is not None else 0.0,
        f"root={event.cameo.root}": 1.0,
    }


@dataclass(frozen=True)
class EventCheck:
    """The fitted check: a weight per feature name (names it never saw weigh nothing), a bias and the
    threshold under which an event is left out."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, event: Event) -> float:
        """How likely the event is right, by the check."""
        return logistic(self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features(event).items()))

    def rated(self, events: Iterable[Event], floor: float | None = None) -> list[Event]:
        """The events with the check's probability as their confidence: those under the check's threshold left
        out but for the most likely, or with a ``floor`` (the user's), every one under it."""
        rated = [replace(e, confidence=round(self.probability(e), CONFIDENCE_DIGITS)) for e in events]
        if floor is not None:
            return [e for e in rated if e.confidence >= floor]
        top = max((e.confidence for e in rated), default=0.0)
        return [e for e in rated if e.confidence >= min(self.threshold, top)]

    @classmethod
    def load(cls, path: Path | None = None) -> EventCheck:
        """The shipped check (or the one at ``path``); a missing or malformed file says how to rebuild it."""
        return _load(path or data_path("model") / CHECK_FILE)


@lru_cache(maxsize=4)
def _load(path: Path) -> EventCheck:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return EventCheck(weights, float(data["bias"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"cannot read the event check {path}: {exc}; rebuild it with `make train`, or set "
                         "event_check off (EVENTWIRE_EVENT_CHECK=false)") from exc
