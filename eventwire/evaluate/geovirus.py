"""GeoVirus (Gritta et al. 2018): toponym recognition and geocoding on 229 WikiNews disease-outbreak texts.

Gold: ``Corpora/GeoVirus.xml`` in ``data_dir`` (see the folder's SOURCE.md): each ``<article>`` has a
``<text>`` and ``<location>`` entries with the name, character offsets (counted from 1 in the file: one
is taken off here, and an entry whose shifted span does not spell its name is searched for nearby), and
the point of the place. Every gold location has coordinates.

Scored like GeoWebNews (:mod:`.geowebnews`): recognition precision, recall and F1 where a predicted
span must overlap a gold one (one-to-one, in text order) or equal it, and over the recognised gold
locations the share geocoded within 161 km, the median error and the error-curve area. The ``naive``
peer is the same as there: the model's GPE and LOC entities and the most populous gazetteer match.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path

from ..context import ArticleContext
from ..resources import Resources
from ..settings import Settings
from ..stages.actors.index import ActorIndex
from ..stages.places import find_places
from .geowebnews import GoldArticle, Toponym, gold_xml, metrics, naive_places, run_places, worst_misses
from .report import Report

GOLD_FILE = Path("Corpora") / "GeoVirus.xml"
SEARCH_CHARS = 60  # how far from its stated offset a gold name is looked for when the offsets are off


def load_articles(data_dir: Path, limit: int | None = None) -> list[GoldArticle]:
    """The gold articles of GeoVirus.xml, in file order."""
    root = gold_xml(Path(data_dir), GOLD_FILE, "the geoparsing folder")
    articles = [_article(i, node) for i, node in enumerate(root.iter("article"))]
    return articles[:limit] if limit else articles


def _article(number: int, node: ET.Element) -> GoldArticle:
    text = node.findtext("text") or ""
    found = []
    for item in node.iter("location"):
        name = (item.findtext("name") or "").strip()
        start = _start(text, name, int(item.findtext("start") or 0) - 1)
        if start is None:
            continue
        found.append(Toponym(start, start + len(name), name, name, float(item.findtext("lat") or 0),
                             float(item.findtext("lon") or 0)))
    toponyms = tuple(sorted(set(found), key=lambda t: (t.start, t.end)))
    return GoldArticle(node.findtext("source") or str(number), text, toponyms, ())


def _start(text: str, name: str, stated: int) -> int | None:
    """Where ``name`` starts: at its stated offset, else the nearest occurrence within reach."""
    if not name:
        return None
    if text[stated:stated + len(name)] == name:
        return stated
    near = [i for i in range(max(0, stated - SEARCH_CHARS), stated + SEARCH_CHARS) if text.startswith(name, i)]
    return min(near, key=lambda i: abs(i - stated)) if near else None


def evaluate(data_dir: Path, *, limit: int | None = None, settings: Settings | None = None) -> Report:
    """Score eventwire's places stage (and the naive peer) on GeoVirus."""
    from .. import nlp as nlp_module

    settings = settings or Settings()
    articles = load_articles(Path(data_dir), limit)
    nlp = nlp_module.load(settings.model)
    resources = Resources.load(settings)
    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=settings.batch_size))
    ours = run_places(articles, docs,
                      lambda doc: find_places(ArticleContext.of(doc).with_actors(ActorIndex(())), resources))
    seconds = time.perf_counter() - started
    naive = run_places(articles, docs, lambda doc: naive_places(doc, resources.gazetteer))
    return Report(
        dataset="geovirus",
        counts={
            "articles": len(articles),
            "gold_toponyms": sum(len(a.toponyms) for a in articles),
            "predicted": sum(s.predicted for s in ours),
            "recognised": sum(len(s.overlap) for s in ours),
        },
        metrics=metrics(articles, ours),
        peers={"naive": metrics(articles, naive)},
        misses=worst_misses(articles, ours),
        seconds=seconds,
        documents=len(articles),
    )
