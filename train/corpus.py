"""The labelled training articles: first-pass labels with their texts, train compartments only.

Three sets (train/labels/README.md):
- Guardian articles on Syria: ``guardian-train.{a,b}.jsonl``; an article held by both files (guardian-435,
  the a/b boundary) is taken from ``a``. The texts are read from the Guardian sample in ``../shared/data/ngec``
  at training time only: every row whose id is not in the ``train`` list of ``guardian-splits.json`` is
  skipped before its text is looked at, and nothing else of ``../shared/data/eventgold`` is opened.
- US political news of PolNeAR's ``train`` compartment: ``polnear-train.{a,b,c,d}.jsonl``, an article id being
  its file stem; the text is ``../shared/data/polnear/train/text/<stem>.txt`` and the publication date comes
  from the label line. A stem ``metadata.tsv`` does not list in ``train`` is refused.
- General newswire of TempEval-3's TBAQ-cleaned (TimeBank and AQUAINT): ``tbaq-train.{a,b}.jsonl``, an article id
  being ``tbaq-<file stem>`` of a ``.tml`` file under ``../shared/data/tempeval3/Training/TBAQ-cleaned``; the
  text and the publication date (the document's creation time) are read by the TempEval-3 reader of
  ``eventwire.evaluate.tempeval3``. An id naming no file under TBAQ-cleaned is refused.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluate.tempeval3 import read_document
from eventwire.models import Article
from eventwire.read import article_from_text

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "train" / "labels"
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "data"
CORPUS = SHARED / "ngec" / "Guardian_SDF_sample.csv.zip"
SPLITS = SHARED / "eventgold" / "guardian-splits.json"
FIRST_PASS = ("guardian-train.a.jsonl", "guardian-train.b.jsonl")
POLNEAR = SHARED / "polnear"
POLNEAR_FIRST_PASS = (
    "polnear-train.a.jsonl", "polnear-train.b.jsonl", "polnear-train.c.jsonl", "polnear-train.d.jsonl",
)
TBAQ = SHARED / "tempeval3" / "Training" / "TBAQ-cleaned"
TBAQ_FIRST_PASS = ("tbaq-train.a.jsonl", "tbaq-train.b.jsonl")
PARTS = {"guardian-": "guardian", "tbaq-": "tbaq"}  # id prefix -> set; any other id is a PolNeAR stem


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
    """The labelled train articles: the Guardian ones in train-list order, then the PolNeAR ones and the
    TBAQ ones in file order (the first ``limit`` of them all)."""
    articles = guardian_articles(ids) + polnear_articles(ids) + tbaq_articles(ids)
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


def tbaq_articles(ids: Sequence[str] | None = None) -> list[LabelledArticle]:
    """The labelled TBAQ-cleaned articles in file order (of ``ids`` only, when given), each with the text and
    creation date the TempEval-3 reader gives its document."""
    lines = first_pass(names=TBAQ_FIRST_PASS)
    out = []
    for ident in (i for i in lines if ids is None or i in ids):
        document = read_document(tbaq_path(ident))
        out.append(_labelled(ident, lines[ident], document.dct, document.text))
    return out


def tbaq_path(ident: str, base: Path = TBAQ) -> Path:
    """The ``.tml`` file of the article id ``tbaq-<stem>``: the one file of that stem under ``base``."""
    stem = ident.removeprefix("tbaq-")
    found = [p for p in sorted(base.rglob("*.tml")) if p.stem == stem] if ident.startswith("tbaq-") else []
    if len(found) != 1:
        raise ValueError(f"{ident!r} names no single .tml file under {base}")
    return found[0]


def _labelled(ident: str, line: dict[str, Any], published: str, text: str) -> LabelledArticle:
    return LabelledArticle(ident, str(line.get("published") or published), text, bool(line.get("complete", False)),
                           tuple(line["events"]))


def part_of(article: LabelledArticle) -> str:
    """Which labelled set an article is from: ``guardian``, ``tbaq`` or ``polnear``, by its id's prefix."""
    return part_of_id(article.id)


def part_of_id(ident: str) -> str:
    return next((part for prefix, part in PARTS.items() if ident.startswith(prefix)), "polnear")


def article_texts(ids: Iterable[str]) -> dict[str, str]:
    """The raw text of each article id of any set, read under the same limits as the labelled articles
    (Guardian train ids, PolNeAR train stems and TBAQ-cleaned files only; any other id is refused)."""
    parts: dict[str, set[str]] = {}
    for ident in ids:
        parts.setdefault(part_of_id(ident), set()).add(ident)
    guardian, polnear = parts.get("guardian", set()), parts.get("polnear", set())
    outside = sorted((guardian - set(train_ids())) | (polnear - polnear_train_stems()))
    if outside:
        raise ValueError(f"articles outside the train compartments: {outside}")
    out = {i: text for i, (_, text) in train_texts(guardian).items()} if guardian else {}
    out.update({i: (POLNEAR / "train" / "text" / f"{i}.txt").read_text(encoding="utf-8") for i in polnear})
    out.update({i: read_document(tbaq_path(i)).text for i in parts.get("tbaq", set())})
    return out


def as_articles(labelled: Sequence[LabelledArticle]) -> list[Article]:
    """The labelled articles as ``eventwire extract --no-clean`` reads them."""
    return [article_from_text(a.text, id=a.id, published=a.published, clean=False) for a in labelled]
