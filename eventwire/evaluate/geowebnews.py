"""GeoWebNews (Gritta et al. 2019): toponym recognition and geocoding on 200 news articles.

Gold: ``GWN.xml`` in ``data_dir`` (see its SOURCE.md). A gold *toponym* is an annotation of a
place-name type (Literal, Metonymic, Mixed, Coercion, the noun modifiers and the embedded
names); adjectival modifiers ("Turkish"), demonyms and language names are left out, because
eventwire treats them as demonyms (the actors stage), not places. A prediction that overlaps only
such a left-out annotation counts neither way.

Metrics, each measured for eventwire and for the naive peer in the same run:

- ``exact_*``: precision/recall/F1 where a predicted span must equal a gold span;
- ``overlap_*``: the same where spans must overlap (one-to-one, in text order);
- ``accuracy_161km``: over gold toponyms with coordinates that were recognised (overlap), the
  share geocoded within 161 km (100 miles); an unresolved toponym counts as 20,039 km off;
- ``median_error_km`` over the same toponyms, and ``auc``, the mean of ln(1 + error) / ln(20,039)
  (the area under the error curve of Gritta et al.; 0 is perfect, lower is better).

The ``naive`` peer takes the model's GPE and LOC entities as they are and the most populous
gazetteer match. With ``limit`` the first articles of the file are used.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..context import ArticleContext
from ..errors import EvaluationError
from ..models import Place
from ..resources import Resources
from ..settings import Settings
from ..stages.actors.index import ActorIndex
from ..stages.places import find_places
from ..stages.places.gazetteer import Gazetteer, distance_km
from .report import Miss, Report, prf

GOLD_FILE = "GWN.xml"
TOPONYM_TYPES = frozenset({"Literal", "Metonymic", "Mixed", "Coercion", "Literal_Modifier", "Non_Literal_Modifier",
                           "Embedded_Literal", "Embedded_Non_Lit"})
LEFT_OUT_TYPES = frozenset({"Demonym", "Language"})
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0


@dataclass(frozen=True)
class Toponym:
    """One gold annotation."""

    start: int
    end: int
    text: str
    name: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]
    left_out: tuple[Toponym, ...]  # adjectives, demonyms, languages: predictions on them are not scored


@dataclass(frozen=True)
class Scored:
    """What one system got on one article: matched pairs (gold, predicted) and counts."""

    exact: int
    overlap: tuple[tuple[Toponym, Place], ...]
    predicted: int


def load_articles(data_dir: Path, limit: int | None = None) -> list[GoldArticle]:
    """The gold articles of GWN.xml, in file order."""
    root = gold_xml(Path(data_dir), GOLD_FILE, "the GeoWebNews folder")
    articles = [_article(node) for node in root.iter("article")]
    return articles[:limit] if limit else articles


def gold_xml(data_dir: Path, gold_file: Path | str, folder: str) -> ET.Element:
    """The root of the gold XML file ``gold_file`` of ``data_dir``; a clear error when it is missing (pass
    ``folder``) or damaged."""
    path = data_dir / gold_file
    if not path.exists():
        raise EvaluationError(f"{path} not found: pass {folder} (the one holding {gold_file})")
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvaluationError(f"{path} is not well-formed XML ({exc}); restore the original file") from exc


def _article(node: ET.Element) -> GoldArticle:
    text = node.findtext("text") or ""
    kept, left_out = [], []
    for item in node.iter("toponym"):
        fields = {child.tag: (child.text or "").strip() for child in item}
        toponym = Toponym(
            int(fields["start"]), int(fields["end"]), fields.get("extractedName", ""),
            fields.get("normalisedName") or None,
            float(fields["latitude"]) if fields.get("latitude") else None,
            float(fields["longitude"]) if fields.get("longitude") else None,
        )
        kind = fields.get("type", "")
        if kind in TOPONYM_TYPES and fields.get("modifierType") != "Adjective":
            kept.append(toponym)
        elif kind in LEFT_OUT_TYPES or kind in TOPONYM_TYPES:
            left_out.append(toponym)
    return GoldArticle(node.get("file", ""), text, tuple(sorted(kept, key=_start)), tuple(left_out))


def _start(item: Toponym | Place) -> tuple[int, int]:
    return item.start, item.end


def _overlaps(a: Toponym | Place, b: Toponym | Place) -> bool:
    return a.start < b.end and b.start < a.end


def score_article(article: GoldArticle, places: Sequence[Place]) -> Scored:
    """Match predictions to gold toponyms, exactly and by overlap (one-to-one, in text order)."""
    counted = [p for p in places if any(_overlaps(p, g) for g in article.toponyms)
               or not any(_overlaps(p, x) for x in article.left_out)]
    gold_spans = {(g.start, g.end) for g in article.toponyms}
    exact = len({(p.start, p.end) for p in counted} & gold_spans)
    pairs, used = [], set()
    for gold in article.toponyms:
        for i, place in enumerate(counted):
            if i not in used and _overlaps(gold, place):
                pairs.append((gold, place))
                used.add(i)
                break
    return Scored(exact, tuple(pairs), len(counted))


def error_km(gold: Toponym, place: Place) -> float:
    """Distance between the gold point and the predicted one (the maximum when unresolved)."""
    if place.lat is None or place.lon is None or gold.lat is None or gold.lon is None:
        return MAX_ERROR_KM
    return distance_km(gold.lat, gold.lon, place.lat, place.lon)


def metrics(articles: Sequence[GoldArticle], scored: Sequence[Scored]) -> dict[str, float]:
    """Recognition and geocoding metrics over a whole run."""
    gold = sum(len(a.toponyms) for a in articles)
    predicted = sum(s.predicted for s in scored)
    exact = prf(sum(s.exact for s in scored), predicted, gold)
    overlap = prf(sum(len(s.overlap) for s in scored), predicted, gold)
    errors = [error_km(g, p) for s in scored for g, p in s.overlap if g.lat is not None]
    result = {f"exact_{k}": v for k, v in exact.items()} | {f"overlap_{k}": v for k, v in overlap.items()}
    result["accuracy_161km"] = sum(e <= ACCURACY_KM for e in errors) / len(errors) if errors else 0.0
    result["median_error_km"] = statistics.median(errors) if errors else 0.0
    result["auc"] = statistics.fmean(math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in errors) if errors else 0.0
    return result


def naive_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """The baseline: GPE and LOC entities as the model gives them, most populous match."""
    places = []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC"}:
            continue
        known = sorted(gazetteer.lookup(ent.text), key=lambda c: -c.population)
        best = known[0] if known else None
        if best is None:
            places.append(Place(ent.text, ent.start_char, ent.end_char, None, None, None, None, None, None))
        else:
            places.append(Place(ent.text, ent.start_char, ent.end_char, best.name, best.country, best.lat, best.lon,
                                best.geonameid, best.feature))
    return places


def worst_misses(articles: Sequence[GoldArticle], scored: Sequence[Scored], count: int = 10) -> tuple[Miss, ...]:
    """The geocoding errors that are furthest off: wrong resolutions first, then unresolved names."""
    found = []
    for article, result in zip(articles, scored, strict=False):
        for gold, place in result.overlap:
            if gold.lat is None:
                continue
            error = error_km(gold, place)
            if error > ACCURACY_KM:
                context = article.text[max(0, gold.start - 60):gold.end + 60].replace("\n", " ")
                expected = f"{gold.name or gold.text} ({gold.lat:.2f}, {gold.lon:.2f})"
                got = f"{place.name} ({place.lat:.2f}, {place.lon:.2f})" if place.lat is not None else "unresolved"
                miss = Miss(f"[{gold.text}] {context}", expected, f"{got}, {error:.0f} km off")
                found.append(((place.lat is None, -error), miss))
    found.sort(key=lambda pair: pair[0])
    return tuple(miss for _, miss in found[:count])


def evaluate(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None) -> Report:
    """Score eventwire's places stage (and the naive peer) on GeoWebNews."""
    from .. import nlp as nlp_module

    settings = settings or Settings()
    articles = load_articles(Path(data_dir), limit)
    nlp = nlp_module.load(settings.model)
    resources = Resources.load(settings)
    gazetteer = resources.gazetteer
    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=settings.batch_size))
    ours = run_places(articles, docs,
                      lambda doc: find_places(ArticleContext.of(doc).with_actors(ActorIndex(())), resources))
    seconds = time.perf_counter() - started
    naive = run_places(articles, docs, lambda doc: naive_places(doc, gazetteer))
    return Report(
        dataset="geowebnews",
        counts={
            "articles": len(articles),
            "gold_toponyms": sum(len(a.toponyms) for a in articles),
            "gold_with_coordinates": sum(1 for a in articles for g in a.toponyms if g.lat is not None),
            "predicted": sum(s.predicted for s in ours),
            "recognised_with_coordinates": sum(1 for s in ours for g, _ in s.overlap if g.lat is not None),
        },
        metrics=metrics(articles, ours),
        peers={"naive": metrics(articles, naive)},
        misses=worst_misses(articles, ours),
        seconds=seconds,
        documents=len(articles),
    )


def run_places(articles: Sequence[GoldArticle], docs: Sequence[Doc], find: Callable[[Doc], list[Place]]
               ) -> list[Scored]:
    """Each article's places as ``find`` gives them, scored against its gold."""
    return [score_article(article, find(doc)) for article, doc in zip(articles, docs, strict=False)]
