"""TempEval-3 (TimeBank + AQUAINT, TimeML): how well eventwire finds and normalises time expressions.

``evaluate(data_dir)`` reads every ``.tml`` under ``data_dir/Training/TBAQ-cleaned`` (or under
``data_dir`` itself), takes each document's creation time (DCT) as its publication date, parses
the texts once with ``nlp.pipe``, and scores :func:`eventwire.stages.time.find_timexes` against
the gold TIMEX3 tags. In the same run the peer ``dateparser`` (``search_dates`` relative to the
DCT) is scored on the same metrics under ``peers["dateparser"]``.

Metrics: strict (same span) and relaxed (overlapping span) precision/recall/F1, value accuracy
over relaxed matches, and value F1 (a relaxed match with the right value is a hit). Values are
compared after writing ISO week numbers with two digits (``1998-W8`` = ``1998-W08``).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..errors import EvaluationError
from ..settings import Settings
from .report import Miss, Report, prf

DATASET = "tempeval3"
WORST = 10


@dataclass(frozen=True)
class Mark:
    """A time expression (gold or predicted) as a span of the document text with its value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    tid: str = ""
    anchor: str = ""  # gold only: the tid of the timex it is resolved against (t0: the creation time)
    relative: bool = False  # gold only: TimeML temporalFunction, its value depends on a reference time


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    dct: str
    timexes: tuple[Mark, ...]


@dataclass(frozen=True)
class Tally:
    """Counts from comparing predictions with gold over many documents."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    right_value: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.gold + other.gold, self.predicted + other.predicted, self.strict + other.strict,
                     self.relaxed + other.relaxed, self.right_value + other.right_value)

    def metrics(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed), ("value", self.right_value)):
            for key, number in prf(hits, self.predicted, self.gold).items():
                out[f"{name}_{key}"] = number
        out["value_accuracy"] = self.right_value / self.relaxed if self.relaxed else 0.0
        return out


# --- reading TimeML --------------------------------------------------------------------------------

def documents(data_dir: Path) -> list[Path]:
    """The ``.tml`` files of TimeBank and AQUAINT under ``data_dir``, sorted."""
    base = data_dir / "Training" / "TBAQ-cleaned"
    root = base if base.is_dir() else data_dir
    paths = sorted(root.rglob("*.tml"))
    if not paths:
        raise EvaluationError(
            f"no .tml files under {root}: pass the tempeval3 folder of the shared data "
            "(it holds Training/TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml)"
        )
    return paths


def read_document(path: Path) -> GoldDocument:
    """Text, creation date and gold TIMEX3 marks of one TimeML file."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvaluationError(f"{path} is not well-formed TimeML XML ({exc}); re-copy the file") from exc
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None or not dct.get("value"):
        raise EvaluationError(f"{path} lacks a <DCT><TIMEX3 value=...> or a <TEXT> element")
    pieces: list[str] = []
    marks: list[Mark] = []
    _walk(body, pieces, marks)
    return GoldDocument(path.stem, "".join(pieces), dct.get("value", "")[:10], tuple(marks))


def _walk(element: ET.Element, pieces: list[str], marks: list[Mark]) -> None:
    """Append the text of ``element`` to ``pieces``, recording TIMEX3 spans."""
    start = sum(len(p) for p in pieces)
    pieces.append(element.text or "")
    for child in element:
        _walk(child, pieces, marks)
        pieces.append(child.tail or "")
    if element.tag == "TIMEX3":
        end = start + len("".join(_texts(element)))
        text = "".join(pieces)[start:end]
        marks.append(Mark(start, end, text, element.get("type", ""), element.get("value"), element.get("tid", ""),
                          element.get("anchorTimeID", ""), element.get("temporalFunction") == "true"))


def _texts(element: ET.Element) -> Iterable[str]:
    yield element.text or ""
    for child in element:
        yield from _texts(child)
        yield child.tail or ""


# --- scoring ---------------------------------------------------------------------------------------

Misses = Counter[tuple[str, str, str]]  # (text, expected, got) -> how often


def canonical(value: str | None) -> str | None:
    """A TimeML value written one way where TimeML allows two spellings of the same time: two-digit ISO
    weeks (``1998-W8`` = ``1998-W08``), a clock hour with its minutes (``T17`` = ``T17:00``) and a decade
    by its first three digits (``198X`` = ``198``)."""
    if value is None:
        return None
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    value = re.sub(r"(T\d\d)$", r"\1:00", value)
    return re.sub(r"^(\d{3})X$", r"\1", value)


Pair = tuple[Mark, Mark | None]  # a gold mark and the prediction matched to it (None: missed)


def align(gold: Sequence[Mark], predicted: Sequence[Mark]) -> tuple[list[Pair], list[Mark]]:
    """Each gold mark with the prediction that overlaps it most (one-to-one), and the predictions
    matched to no gold mark."""
    used: set[int] = set()
    pairs: list[Pair] = []
    for mark in gold:
        match = _best_overlap(mark, predicted, used)
        if match is not None:
            used.add(match)
        pairs.append((mark, None if match is None else predicted[match]))
    return pairs, [got for index, got in enumerate(predicted) if index not in used]


def right_value(pair: Pair) -> bool:
    return pair[1] is not None and canonical(pair[1].value) == canonical(pair[0].value)


def score(gold: Sequence[Mark], predicted: Sequence[Mark], misses: Misses) -> Tally:
    """Compare one document's predictions with its gold marks (one-to-one matching)."""
    pairs, spurious = align(gold, predicted)
    strict = relaxed = right = 0
    for mark, got in pairs:
        if got is None:
            misses[(mark.text, mark.value or "", "(missed)")] += 1
            continue
        relaxed += 1
        strict += (got.start, got.end) == (mark.start, mark.end)
        if right_value((mark, got)):
            right += 1
        else:
            misses[(mark.text, mark.value or "", f"{got.text} = {got.value}")] += 1
    for got in spurious:
        misses[(got.text, "(not a gold timex)", got.value or "")] += 1
    return Tally(len(gold), len(predicted), strict, relaxed, right)


def anchoring(mark: Mark) -> str:
    """How a gold value depends on a reference time: ``absolute`` (not at all), ``creation time``
    (relative to the document's creation time) or ``narrative time`` (relative to another time
    expression of the text)."""
    if not mark.relative:
        return "absolute"
    return "creation time" if mark.anchor in {"", "t0"} else "narrative time"


def breakdown(pairs: Iterable[Pair]) -> dict[str, dict[str, float]]:
    """Recall and value accuracy by gold TIMEX3 type and by what the gold value is anchored to."""
    groups: dict[str, list[Pair]] = {}
    for pair in pairs:
        for part in (pair[0].type or "?", f"{anchoring(pair[0])}"):
            groups.setdefault(part, []).append(pair)
    rows: dict[str, dict[str, float]] = {}
    for part in sorted(groups, key=lambda name: (not name.isupper(), name)):
        members = groups[part]
        found = [pair for pair in members if pair[1] is not None]
        right = sum(right_value(pair) for pair in found)
        rows[part] = {"gold": len(members), "relaxed_recall": len(found) / len(members),
                      "value_accuracy": right / len(found) if found else 0.0}
    return rows


def _best_overlap(mark: Mark, predicted: Sequence[Mark], used: set[int]) -> int | None:
    best, best_overlap = None, 0
    for index, got in enumerate(predicted):
        overlap = min(mark.end, got.end) - max(mark.start, got.start)
        if index not in used and overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def worst(misses: Misses) -> tuple[Miss, ...]:
    """The most frequent misses, as records a developer can read."""
    return tuple(Miss(f"{text} (x{count})", expected, got)
                 for (text, expected, got), count in misses.most_common(WORST))


# --- predictors ------------------------------------------------------------------------------------

def eventwire_marks(doc: Doc, dct: str) -> list[Mark]:
    from ..context import ArticleContext
    from ..stages.time import find_timexes

    timexes = find_timexes(ArticleContext.of(doc, published=dct))
    return [Mark(t.start, t.end, t.text, t.type, t.value) for t in timexes]


def dateparser_predictor() -> Callable[[str, str], list[Mark]] | None:
    """A function (text, dct) -> marks using dateparser's ``search_dates``, or None if not installed."""
    try:
        from dateparser.date import DateDataParser  # type: ignore[import-untyped]
        from dateparser.search import search_dates  # type: ignore[import-untyped]
    except ImportError:
        return None

    def predict(text: str, dct: str) -> list[Mark]:
        base = dt.datetime.fromisoformat(dct)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period",
                    "RETURN_AS_TIMEZONE_AWARE": False}
        found = search_dates(text, languages=["en"], settings=settings) or []
        parser = DateDataParser(languages=["en"], settings=settings)
        marks: list[Mark] = []
        position = 0
        for string, moment in found:
            start = text.find(string, position)
            if start < 0:
                continue
            position = start + len(string)
            period = parser.get_date_data(string).period or "day"
            marks.append(Mark(start, position, string, "DATE", _peer_value(moment, period)))
        return marks

    return predict


def _peer_value(moment: dt.datetime, period: str) -> str:
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period == "time":
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.date().isoformat()


# --- the run ---------------------------------------------------------------------------------------

def evaluate(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None) -> Report:
    """Score eventwire's time expressions (and dateparser's) on TempEval-3 TimeBank + AQUAINT.

    ``seconds`` covers reading, parsing and extracting with eventwire (not the peer's run).
    """
    from .. import nlp as nlp_module

    settings = settings or Settings()
    started = time.perf_counter()
    gold_docs = [read_document(path) for path in documents(Path(data_dir))[:limit]]
    nlp = nlp_module.load(settings.model)
    ours, ours_misses = Tally(), Misses()
    all_pairs: list[Pair] = []
    texts = (g.text for g in gold_docs)
    for gold, doc in zip(gold_docs, nlp.pipe(texts, batch_size=settings.batch_size), strict=False):
        predicted = eventwire_marks(doc, gold.dct)
        ours = ours + score(gold.timexes, predicted, ours_misses)
        all_pairs.extend(align(gold.timexes, predicted)[0])
    seconds = time.perf_counter() - started
    peers: dict[str, dict[str, float]] = {}
    predictor = dateparser_predictor()
    if predictor is not None:
        theirs, unused = Tally(), Misses()
        for gold in gold_docs:
            theirs = theirs + score(gold.timexes, predictor(gold.text, gold.dct), unused)
        peers["dateparser"] = theirs.metrics()
    return Report(
        dataset=DATASET,
        counts={"documents": len(gold_docs), "gold_timexes": ours.gold, "predicted": ours.predicted,
                "relaxed_matches": ours.relaxed},
        metrics=ours.metrics(),
        peers=peers,
        breakdown=breakdown(all_pairs),
        notes=("breakdown rows: gold TIMEX3 type; what the gold value is anchored to (absolute, the creation "
               "time, another time expression of the text)",),
        misses=worst(ours_misses),
        seconds=seconds,
        documents=len(gold_docs),
    )
