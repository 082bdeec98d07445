"""Parse the labelled articles as the pipeline does and code them with the rules, once, into a cache.

Each article is parsed by the pipeline's own parser (``Pipeline.parser``: the same spaCy model and
components as at run time) from its raw text, so the label offsets index the Doc, and coded by
``Pipeline.code``: its rule events (trigger offsets and CAMEO code) are the baseline the model is
compared with. The cache (``build/train-cache/`` by default) holds a spaCy DocBin and the rule events
of each article; ``--refresh`` in the callers rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
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
    rules: tuple[dict[str, Any], ...]  # the rule events: trigger, sentence, code, confidence


def digest(article: LabelledArticle) -> str:
    return hashlib.sha256(f"{article.id}\0{article.published}\0{article.text}".encode()).hexdigest()[:16]


def parse_all(articles: Sequence[LabelledArticle], cache: Path = CACHE, refresh: bool = False) -> list[Parsed]:
    """The articles parsed and rule-coded, each from the cache when it holds its text (one file pair per
    article, named by its id and a digest of its text and date)."""
    from eventwire import nlp as nlp_module

    vocab = nlp_module.load().vocab
    paths = [(cache / f"{a.id}-{digest(a)}.spacy", cache / f"{a.id}-{digest(a)}.rules.json") for a in articles]
    todo = [a for a, (d, r) in zip(articles, paths, strict=True) if refresh or not (d.exists() and r.exists())]
    if todo:
        cache.mkdir(parents=True, exist_ok=True)
        for a, doc, rules in zip(todo, *_code(todo), strict=True):
            docs_path, rules_path = cache / f"{a.id}-{digest(a)}.spacy", cache / f"{a.id}-{digest(a)}.rules.json"
            DocBin(attrs=ATTRS, docs=[doc]).to_disk(docs_path)
            rules_path.write_text(json.dumps(rules), encoding="utf-8")
    out = []
    for a, (docs_path, rules_path) in zip(articles, paths, strict=True):
        (doc,) = DocBin().from_disk(docs_path).get_docs(vocab)
        out.append(Parsed(a, doc, tuple(json.loads(rules_path.read_text(encoding="utf-8")))))
    return out


def _code(articles: Sequence[LabelledArticle]) -> tuple[list[Doc], list[list[dict[str, Any]]]]:
    from eventwire.models import Article
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline.load()
    docs, rules = [], []
    for a in articles:
        doc = pipeline.parser(a.text)
        result = pipeline.code(Article(id=a.id, text=a.text, published=a.published), doc)
        docs.append(doc)
        rules.append([{"trigger": [e.trigger.start, e.trigger.end], "sentence": [e.sentence.start, e.sentence.end],
                       "code": e.cameo.code, "confidence": e.confidence,
                       "source": e.source.actor if e.source else None,
                       "target": e.target.actor if e.target else None} for e in result.events])
    return docs, rules
