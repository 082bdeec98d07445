"""PolNeAR (dev compartment, and train as ``polnear-train``): attribution content spans and their speakers.

PolNeAR annotates every attribution in US election news of 2016: direct quotes, paraphrase,
beliefs and intentions, each with its content, cue and (usually) source span, in brat standoff
files. One annotator file is scored per article (the first, by name).

Metrics, for eventwire and in the same run for the peer textacy
(``textacy.extract.triples.direct_quotations``, whose crashes are counted, not fatal):

* ``content_{precision,recall,f1}_overlap``: a predicted quote matches a gold content when their
  characters overlap (one-to-one with the pieces of each gold content, the largest overlaps
  first; a discontinuous content such as "“A,” she said. “B.”" has two pieces);
* ``content_{precision,recall,f1}_half``: as overlap, but a gold content counts as found only
  when the predictions matched to its pieces cover at least half of its characters (quote marks,
  white space and edge punctuation of each piece set aside), and a prediction counts as right only
  when the content it is matched to is found so;
* ``content_{precision,recall,f1}_exact``: the bounds agree once quote marks, white space and
  edge punctuation are set aside (our quotes exclude their marks; PolNeAR's include them);
* ``speaker_accuracy``: over overlap-matched contents whose gold has a source, the share whose
  predicted speaker span overlaps that source (a gold "who"/"which" counts as its antecedent:
  a speaker ending before it in the same sentence, as ours resolve it);
* ``failed_articles``: articles where the quote stage raised.

A partial quote nested inside another predicted quote is part of that attribution, not one of
its own, and is not scored separately.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from spacy.tokens import Doc

from ..context import ArticleContext
from ..errors import EvaluationError
from ..models import Quote
from ..settings import Settings
from ..stages.actors.index import ActorIndex
from ..stages.quotes import find_quotes
from .report import Miss, Report, prf

COMPARTMENT = "dev"
EDGES = " \t\n\"'“”‘’«».,;:—–-"
T_LINE = re.compile(r"^(T\d+)\t(\w[\w-]*) (\d+ \d+(?:;\d+ \d+)*)\t", re.MULTILINE)
E_LINE = re.compile(r"^(E\d+)\t(.+)$", re.MULTILINE)
RELATIVE = {"who", "which", "that", "whom"}
ANTECEDENT_REACH = 300
HALF = 0.5
Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: its content and (when annotated) its source, as character fragments."""

    content: Fragments
    source: Fragments | None
    cue: Fragments | None = None


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[Attribution, ...]


@dataclass(frozen=True)
class Prediction:
    """A predicted content span and its speaker span (None when no speaker was found)."""

    start: int
    end: int
    speaker: tuple[int, int] | None


@dataclass(frozen=True)
class Score:
    """Counts for one system over the articles."""

    gold: int = 0
    predicted: int = 0
    predicted_overlap: int = 0
    gold_overlap: int = 0
    predicted_exact: int = 0
    gold_exact: int = 0
    with_source: int = 0
    speaker_right: int = 0
    failed: int = 0
    predicted_half: int = 0
    gold_half: int = 0

    def add(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self.__dict__.values(), other.__dict__.values(), strict=False)))

    def metrics(self) -> dict[str, float]:
        overlap = _prf(self.predicted_overlap, self.predicted, self.gold_overlap, self.gold)
        exact = _prf(self.predicted_exact, self.predicted, self.gold_exact, self.gold)
        half = _prf(self.predicted_half, self.predicted, self.gold_half, self.gold)
        result = {f"content_{k}_overlap": v for k, v in overlap.items()}
        result.update({f"content_{k}_half": v for k, v in half.items()})
        result.update({f"content_{k}_exact": v for k, v in exact.items()})
        result["speaker_accuracy"] = self.speaker_right / self.with_source if self.with_source else 0.0
        result["failed_articles"] = float(self.failed)
        return result


def _prf(right_predicted: int, predicted: int, found_gold: int, gold: int) -> dict[str, float]:
    """Precision over predictions and recall over gold contents, which can differ in count when a
    discontinuous content is matched piece by piece."""
    precision = prf(right_predicted, predicted, gold)["precision"]
    recall = prf(found_gold, predicted, gold)["recall"]
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def parse_ann(raw: str) -> tuple[Attribution, ...]:
    """The attribution relations of one brat ``.ann`` file."""
    spans: dict[str, Fragments] = {}
    for tid, _label, frags in T_LINE.findall(raw):
        spans[tid] = tuple(tuple(int(x) for x in f.split()) for f in frags.split(";"))  # type: ignore[misc]
    found = []
    for _eid, roles in E_LINE.findall(raw):
        parts = dict(r.split(":", 1) for r in roles.split() if ":" in r)
        if parts.get("Content") in spans:
            source = spans.get(parts.get("Source", ""))
            found.append(Attribution(spans[parts["Content"]], source, spans.get(parts.get("Cue", ""))))
    return tuple(dict.fromkeys(found))


def load_articles(data_dir: Path, limit: int | None = None, compartment: str = COMPARTMENT) -> list[Article]:
    """The articles of a compartment in name order, each with its first annotator's attributions."""
    folder = Path(data_dir) / compartment
    if not (folder / "text").is_dir():
        raise EvaluationError(f"{folder}/text not found: pass the PolNeAR folder holding "
                              f"{compartment}/text and {compartment}/attributions")
    articles = []
    for path in sorted((folder / "text").glob("*.txt"))[:limit]:
        annotations = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not annotations:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append(Article(path.stem, text, parse_ann(annotations[0].read_text(encoding="utf-8"))))
    return articles


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Span bounds with quote marks, white space and edge punctuation set aside."""
    while start < end and text[start] in EDGES:
        start += 1
    while end > start and text[end - 1] in EDGES:
        end -= 1
    return start, end


def _overlaps(a: tuple[int, int], fragments: Iterable[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in fragments)


def speaker_matches(text: str, speaker: tuple[int, int], source: Fragments) -> bool:
    """The predicted speaker overlaps the gold source; a gold relative pronoun ("Mr. Li, who said")
    stands for its antecedent, a speaker ending before it in the same sentence."""
    if _overlaps(speaker, source) > 0:
        return True
    start, end = source[0]
    if text[start:end].lower() not in RELATIVE or not 0 <= start - speaker[1] <= ANTECEDENT_REACH:
        return False
    return not any(mark in text[speaker[1]:start] for mark in (".", "\n", "?", "!"))


def score(text: str, gold: Iterable[Attribution], predicted: list[Prediction]) -> Score:
    """Match predictions to gold content fragments one-to-one, largest overlap first, and count.

    A discontinuous gold content ("“A,” she said. “B.”") has one fragment per piece, so each piece
    can be matched by its own prediction; the content counts as found when any piece is.
    """
    gold = list(gold)
    units = [(j, fragment) for j, g in enumerate(gold) for fragment in g.content]
    pairs = sorted(
        ((_overlaps((p.start, p.end), [f]), i, u) for i, p in enumerate(predicted) for u, (_, f) in enumerate(units)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_u: set[int] = set()
    best: dict[int, tuple[int, Prediction]] = {}
    exact_p = 0
    exact_u: set[int] = set()
    matched: dict[int, list[int]] = {}
    for amount, i, u in pairs:
        if amount <= 0 or i in used_p or u in used_u:
            continue
        used_p.add(i)
        used_u.add(u)
        j, fragment = units[u]
        if _bounds(text, predicted[i].start, predicted[i].end) == _bounds(text, *fragment):
            exact_p += 1
            exact_u.add(u)
        if j not in best or amount > best[j][0]:
            best[j] = (amount, predicted[i])
        matched.setdefault(j, []).append(i)
    exact_g = sum(all(u in exact_u for u, (k, _) in enumerate(units) if k == j) for j in best)
    sourced = [(source, p) for j, (_, p) in best.items() if (source := gold[j].source) is not None]
    right = sum(p.speaker is not None and speaker_matches(text, p.speaker, source) for source, p in sourced)
    half = [j for j, found in matched.items() if coverage(text, gold[j].content, [predicted[i] for i in found]) >= HALF]
    return Score(len(gold), len(predicted), len(used_p), len(best), exact_p, exact_g, len(sourced), right,
                 predicted_half=sum(len(matched[j]) for j in half), gold_half=len(half))


def coverage(text: str, content: Fragments, predicted: Iterable[Prediction]) -> float:
    """The share of a gold content's characters (each piece without its quote marks, white space
    and edge punctuation) that the predictions cover."""
    pieces = [_bounds(text, start, end) for start, end in content]
    total = sum(end - start for start, end in pieces)
    if total <= 0:
        return 0.0
    covered: set[int] = set()
    for p in predicted:
        for start, end in pieces:
            covered.update(range(max(start, p.start), min(end, p.end)))
    return len(covered) / total


def eventwire_predictions(quotes: list[Quote]) -> list[Prediction]:
    """Quotes as scored predictions, leaving out partial quotes nested in another quote."""
    wholes = [q for q in quotes if q.kind != "partial"]
    kept = [q for q in quotes if q.kind != "partial" or not any(o.start <= q.start and q.end <= o.end for o in wholes)]
    return [Prediction(q.start, q.end, (q.speaker.start, q.speaker.end) if q.speaker else None) for q in kept]


def textacy_predictions(doc: Doc) -> list[Prediction]:
    """textacy's direct quotations as predictions (speaker: the span of its speaker tokens)."""
    from textacy.extract.triples import direct_quotations

    found = []
    for triple in direct_quotations(doc):
        speaker = None
        if triple.speaker:
            first, last = min(t.i for t in triple.speaker), max(t.i for t in triple.speaker)
            speaker = (doc[first].idx, doc[last].idx + len(doc[last]))
        found.append(Prediction(triple.content.start_char, triple.content.end_char, speaker))
    return found


def _index_builder(settings: Settings) -> Callable[[Doc, str], ActorIndex]:
    """Actor lookup from the actors stage where it is installed, else an empty index."""
    try:
        from ..lexicons.actors import ActorDictionary
        from ..stages.actors.stage import ActorLookup, find_actors
    except ImportError:
        return lambda doc, article_id: ActorIndex([])
    lookup = ActorLookup(ActorDictionary.load(settings.dictionaries))
    return lambda doc, article_id: ActorIndex(find_actors(ArticleContext.of(doc, article_id), lookup))


def _ours(doc: Doc, article_id: str, build_index: Callable[[Doc, str], ActorIndex]) -> Callable[[], list[Prediction]]:
    """The quote stage on one parsed article, as a deferred call for :func:`_run`."""
    return lambda: eventwire_predictions(
        find_quotes(ArticleContext.of(doc, article_id).with_actors(build_index(doc, article_id))))


def _run(system: Callable[[], list[Prediction]], article: Article) -> tuple[Score, list[Prediction]]:
    try:
        predicted = system()
    except Exception:  # a crash in one article is a counted failure, never a stopped evaluation
        return Score(gold=len(article.gold), failed=1), []
    return score(article.text, article.gold, predicted), predicted


def _misses(article: Article, predicted: list[Prediction]) -> list[Miss]:
    """Gold contents no prediction overlaps, as things to look at."""
    text = article.text
    missed = []
    for g in article.gold:
        if not any(_overlaps((p.start, p.end), g.content) for p in predicted):
            source = text[g.source[0][0]:g.source[0][1]] if g.source else ""
            missed.append(Miss(text[g.content[0][0]:g.content[-1][1]][:200], f"content (source {source!r})", "none"))
    return missed


def evaluate_train(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None) -> Report:
    """Score eventwire and textacy on PolNeAR train (the compartment rules are studied on)."""
    return evaluate(data_dir, limit=limit, settings=settings, compartment="train")


def evaluate(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None,
             compartment: str = COMPARTMENT) -> Report:
    """Score eventwire and textacy on a PolNeAR compartment (the first ``limit`` articles by name)."""
    from .. import nlp as nlp_module

    settings = settings or Settings()
    articles = load_articles(Path(data_dir), limit, compartment)
    nlp = nlp_module.load(settings.model)
    build_index = _index_builder(settings)
    started = time.perf_counter()
    ours, peer, misses = Score(), Score(), []
    docs = nlp.pipe((a.text for a in articles), batch_size=settings.batch_size)
    for article, doc in zip(articles, docs, strict=False):
        counted, predicted = _run(_ours(doc, article.name, build_index), article)
        ours = ours.add(counted)
        misses.extend(_misses(article, predicted))
        peer = peer.add(_run(partial(textacy_predictions, doc), article)[0])
    return Report(
        dataset="polnear" if compartment == COMPARTMENT else f"polnear-{compartment}",
        counts={"articles": len(articles), "gold_contents": ours.gold, "predicted": ours.predicted,
                "matched_overlap": ours.gold_overlap, "matched_exact": ours.gold_exact, "failed_articles": ours.failed},
        metrics=ours.metrics(),
        peers={"textacy": peer.metrics()},
        misses=tuple(misses[:20]),
        seconds=time.perf_counter() - started,
        documents=len(articles),
    )
