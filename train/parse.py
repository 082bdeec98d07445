"""Parse the labelled articles as the pipeline does, once, into a cache; code them with the rules on demand.

Each article is parsed by the pipeline's own parser (``Pipeline.parser``: the same spaCy model and
components as at run time) from its raw text, so the label offsets index the Doc. The cache
(``build/train-cache/`` by default) holds a spaCy DocBin per article; ``--refresh`` in the callers
rebuilds it. The rule events (``Pipeline.code`` without the event model: trigger offsets, CAMEO code,
confidence) are computed from the cached Docs every time, so they always follow the current rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import ROOT, LabelledArticle
from spacy.tokens import Doc, DocBin

CACHE = ROOT / "build" / "train-cache"
ATTRS = ["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "POS", "SENT_START"]


@dataclass(frozen=True)
class Parsed:
    article: LabelledArticle
    doc: Doc
    rules: tuple[dict[str, Any], ...]  # the rule events: trigger, sentence, code, confidence, source, target


def digest(article: LabelledArticle) -> str:
    return hashlib.sha256(f"{article.id}\0{article.published}\0{article.text}".encode()).hexdigest()[:16]


def parse_all(articles: Sequence[LabelledArticle], cache: Path = CACHE, refresh: bool = False,
              code: bool = True) -> list[Parsed]:
    """The articles parsed (each from the cache when it holds its text: one file per article, named by its id
    and a digest of its text and date) and, unless ``code`` is false, coded by the rules."""
    from eventwire.pipeline import Pipeline

    pipeline = rules_pipeline(Pipeline)
    paths = [cache / f"{a.id}-{digest(a)}.spacy" for a in articles]
    todo = [(a, p) for a, p in zip(articles, paths, strict=True) if refresh or not p.exists()]
    if todo:
        cache.mkdir(parents=True, exist_ok=True)
        for a, path in todo:
            DocBin(attrs=ATTRS, docs=[pipeline.parser(a.text)]).to_disk(path)
    out = []
    for a, path in zip(articles, paths, strict=True):
        (doc,) = DocBin().from_disk(path).get_docs(pipeline.nlp.vocab)
        out.append(Parsed(a, doc, tuple(rule_events(pipeline, a, doc)) if code else ()))
    return out


def rules_pipeline(pipeline_class: Any) -> Any:
    """The pipeline with the rules alone (no event model: the rule events with the rules' own confidence)."""
    from eventwire.settings import Settings

    return pipeline_class.load(Settings(event_model=False))


def rule_events(pipeline: Any, article: LabelledArticle, doc: Doc) -> list[dict[str, Any]]:
    from eventwire.models import Article

    result = pipeline.code(Article(id=article.id, text=article.text, published=article.published), doc)
    return [{"trigger": [e.trigger.start, e.trigger.end], "sentence": [e.sentence.start, e.sentence.end],
             "code": e.cameo.code, "confidence": e.confidence,
             "source": e.source.actor if e.source else None, "target": e.target.actor if e.target else None}
            for e in result.events]
