"""What one evaluation run returns: counts, metrics, peers, confusion and the worst misses."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Miss:
    """One thing eventwire got wrong, for a developer to look at."""

    text: str
    expected: str
    got: str


@dataclass(frozen=True)
class Report:
    """The result of evaluating eventwire (and any peers) on one gold data set.

    ``metrics`` maps headline names (``"relaxed_f1"``, ``"value_accuracy"``...) to values in
    [0, 1] unless the name says otherwise (``"median_error_km"``). ``peers`` maps a peer's name
    (``"dateparser"``) to its metrics under the same names, measured in the same run.
    ``breakdown`` maps a row (a part of the data set: ``"guardian"``, ``"all_lower"``...) to its
    counts and rates, for sets whose headline metrics summarise several parts. ``notes`` say what
    the metrics count over, where their names cannot.
    """

    dataset: str
    counts: dict[str, int]
    metrics: dict[str, float]
    peers: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] | None = None
    breakdown: dict[str, dict[str, float]] | None = None
    notes: tuple[str, ...] = ()
    misses: tuple[Miss, ...] = ()
    seconds: float = 0.0
    documents: int = 0

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0


def prf(true_positives: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
