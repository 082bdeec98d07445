"""The labelled training articles: first-pass labels with their texts, train compartments only.

Two sets (train/labels/README.md):
- Guardian articles on Syria: ``guardian-train.{a,b}.jsonl``; an article held by both files (guardian-435,
  the a/b boundary) is taken from ``a``. The texts are read from the Guardian sample in ``../shared/data/ngec``
  at training time only: every row whose id is not in the ``train`` list of ``guardian-splits.json`` is
  skipped before its text is looked at, and nothing else of ``../shared/data/eventgold`` is opened.
- US political news of PolNeAR's ``train`` compartment: ``polnear-train.{a,b,c}.jsonl``, an article id being
  its file stem; the text is ``../shared/data/polnear/train/text/<stem>.txt`` and the publication date comes
  from the label line. A stem ``metadata.tsv`` does not list in ``train`` is refused.
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
POLNEAR = SHARED / "polnear"
POLNEAR_FIRST_PASS = ("polnear-train.a.jsonl", "polnear-train.b.jsonl", "polnear-train.c.jsonl")


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


def first_pass(labels: Path = LABELS, names: Sequence[str] = FIRST_PASS) -> dict[str, dict[str, Any]]:
    """The first-pass label line of each article; the first file holding an article wins (a before b). A
    file that does not exist holds none."""
    lines: dict[str, dict[str, Any]] = {}
    for name in names:
        if not (labels / name).exists():
            continue
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
    """The labelled train articles: the Guardian ones in train-list order, then the PolNeAR ones in file
    order (the first ``limit`` of them all)."""
    articles = guardian_articles(ids) + polnear_articles(ids)
    return articles[:limit] if limit is not None else articles


def guardian_articles(ids: Sequence[str] | None = None) -> list[LabelledArticle]:
    """The labelled Guardian train articles in train-list order (of ``ids`` only, when given)."""
    allowed = train_ids()
    lines = first_pass()
    order = [i for i in (ids if ids is not None else allowed) if i in lines and i in set(allowed)]
    texts = train_texts(set(order))
    return [_labelled(ident, lines[ident], *texts[ident]) for ident in order]


def polnear_articles(ids: Sequence[str] | None = None) -> list[LabelledArticle]:
    """The labelled PolNeAR train articles in file order (of ``ids`` only, when given)."""
    lines = first_pass(names=POLNEAR_FIRST_PASS)
    order = [i for i in lines if ids is None or i in ids]
    allowed = polnear_train_stems()
    outside = [i for i in order if i not in allowed]
    if outside:
        raise ValueError(f"labelled PolNeAR articles outside its train compartment: {outside}")
    texts = {i: (POLNEAR / "train" / "text" / f"{i}.txt").read_text(encoding="utf-8") for i in order}
    return [_labelled(ident, lines[ident], "", texts[ident]) for ident in order]


def polnear_train_stems(metadata: Path = POLNEAR / "metadata.tsv") -> set[str]:
    """The file stems of PolNeAR's train compartment."""
    with metadata.open(encoding="utf-8", newline="") as handle:
        return {row["filename"] for row in csv.DictReader(handle, delimiter="\t") if row["compartment"] == "train"}


def _labelled(ident: str, line: dict[str, Any], published: str, text: str) -> LabelledArticle:
    return LabelledArticle(ident, str(line.get("published") or published), text, bool(line.get("complete", False)),
                           tuple(line["events"]))


def part_of(article: LabelledArticle) -> str:
    """Which labelled set an article is from: ``guardian`` or ``polnear``."""
    return "guardian" if article.id.startswith("guardian-") else "polnear"


def as_articles(labelled: Sequence[LabelledArticle]) -> list[Article]:
    """The labelled articles as ``eventwire extract --no-clean`` reads them."""
    return [article_from_text(a.text, id=a.id, published=a.published, clean=False) for a in labelled]
