"""The labelled training articles: first-pass labels with their texts, Guardian ``train`` ids only.

The labels are ``train/labels/guardian-train.{a,b}.jsonl`` (see its README); an article held by both
files (guardian-435, the a/b boundary) is taken from ``a``. The texts are read from the Guardian sample in
``../shared/data/ngec`` at training time only: every row whose id is not in the ``train`` list of
``guardian-splits.json`` is skipped before its text is looked at, and nothing else of
``../shared/data/eventgold`` is opened.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.models import Article
from eventwire.read import article_from_text

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "train" / "labels"
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "data"
CORPUS = SHARED / "ngec" / "Guardian_SDF_sample.csv.zip"
SPLITS = SHARED / "eventgold" / "guardian-splits.json"
FIRST_PASS = ("guardian-train.a.jsonl", "guardian-train.b.jsonl")


@dataclass(frozen=True)
class LabelledArticle:
    id: str
    published: str
    text: str
    complete: bool
    events: tuple[dict[str, Any], ...]


def train_ids(splits: Path = SPLITS) -> list[str]:
    """The ``train`` ids of the Guardian splits, in list order (the only ids read here)."""
    with splits.open(encoding="utf-8") as handle:
        return [str(i) for i in json.load(handle)["train"]]


def first_pass(labels: Path = LABELS) -> dict[str, dict[str, Any]]:
    """The first-pass label line of each article; the first file holding an article wins (a before b)."""
    lines: dict[str, dict[str, Any]] = {}
    for name in FIRST_PASS:
        with (labels / name).open(encoding="utf-8") as handle:
            for raw in handle:
                if raw.strip():
                    line = json.loads(raw)
                    lines.setdefault(line["article"], line)
    return lines


def train_texts(wanted: set[str], corpus: Path = CORPUS) -> dict[str, tuple[str, str]]:
    """(publication date, raw text) of the wanted articles; rows of any other id are skipped unread."""
    csv.field_size_limit(sys.maxsize)
    found: dict[str, tuple[str, str]] = {}
    with zipfile.ZipFile(corpus) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".csv")]
        with archive.open(name) as raw:
            for row in _rows(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
                key = f"guardian-{row[0]}"
                if key in wanted:
                    found[key] = (row[1], row[2])
    return found


def _rows(handle: io.TextIOWrapper) -> Iterator[list[str]]:
    reader = csv.reader(handle)
    header = next(reader)
    columns = [header.index(c) for c in ("", "date", "text")]
    for row in reader:
        yield [row[c] for c in columns]


def labelled_articles(limit: int | None = None, ids: Sequence[str] | None = None) -> list[LabelledArticle]:
    """The labelled train articles in train-list order (the first ``limit`` of them)."""
    allowed = train_ids()
    lines = first_pass()
    order = [i for i in (ids if ids is not None else allowed) if i in lines and i in set(allowed)]
    if limit is not None:
        order = order[:limit]
    texts = train_texts(set(order))
    articles = []
    for ident in order:
        published, text = texts[ident]
        line = lines[ident]
        articles.append(LabelledArticle(ident, str(line.get("published") or published), text,
                                        bool(line.get("complete", False)), tuple(line["events"])))
    return articles


def as_articles(labelled: Sequence[LabelledArticle]) -> list[Article]:
    """The labelled articles as ``eventwire extract --no-clean`` reads them."""
    return [article_from_text(a.text, id=a.id, published=a.published, clean=False) for a in labelled]
