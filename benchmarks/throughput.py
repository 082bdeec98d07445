"""Throughput: end-to-end ``eventwire ingest`` against bare spaCy parsing, in one run.

    python benchmarks/throughput.py [--limit N] [--corpus PATH] [--workers 1 2] [--batch-size N]

For each worker count, the same articles are
  * parsed bare with ``nlp.pipe`` (``n_process`` = workers; the model is loaded before timing), and
  * ingested end to end into a fresh temporary database: reading, cleaning, parsing, every coding
    stage and storing, including the start of the worker processes and their model loading,
and the table gives articles per second of each and their ratio (ingest / bare). The default
corpus is the 249 Guardian articles of ../shared/data/ngec/Guardian_SDF_sample.csv.zip (a CSV with
``date`` and ``text`` columns inside a zip; see its SOURCE.md), written to a temporary JSONL file.
``--corpus`` takes another such CSV (zipped or not) or anything ``eventwire ingest`` reads.
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire import nlp as nlp_module
from eventwire.ingest import ingest
from eventwire.models import Article
from eventwire.read import read_inputs
from eventwire.settings import Settings

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/data/ngec/Guardian_SDF_sample.csv.zip"


@dataclass(frozen=True)
class Row:
    workers: int
    articles: int
    bare_seconds: float
    ingest_seconds: float
    events: int

    @property
    def bare_rate(self) -> float:
        return self.articles / self.bare_seconds

    @property
    def ingest_rate(self) -> float:
        return self.articles / self.ingest_seconds


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a CSV file, or of the one CSV inside a zip."""
    csv.field_size_limit(sys.maxsize)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            (name,) = [n for n in archive.namelist() if n.endswith(".csv")]
            with archive.open(name) as raw:
                yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)


def write_jsonl(path: Path, out: Path, limit: int | None) -> Path:
    """A CSV corpus (``text`` and optional ``date``, ``source`` columns) as eventwire JSONL."""
    with out.open("w", encoding="utf-8") as handle:
        for i, row in enumerate(csv_rows(path)):
            if limit is not None and i >= limit:
                break
            record = {"id": f"{path.stem}-{i}", "text": row["text"], "published": row.get("date") or None,
                      "source": row.get("source") or None}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def prepare_corpus(path: Path, out: Path, settings: Settings, limit: int | None) -> Path:
    """The corpus as one input both runs read: CSVs become JSONL; a limit keeps the first N articles."""
    if path.suffix in {".zip", ".csv"}:
        return write_jsonl(path, out, limit)
    if limit is None:
        return path
    fields = ("id", "text", "title", "published", "source", "url")
    with out.open("w", encoding="utf-8") as handle:
        for article in load_articles(path, settings.replace(clean=False), limit):
            handle.write(json.dumps({f: getattr(article, f) for f in fields}, ensure_ascii=False) + "\n")
    return out


def load_articles(path: Path, settings: Settings, limit: int | None) -> list[Article]:
    articles = [a for a in read_inputs([str(path)], clean=settings.clean, max_chars=settings.max_chars)
                if isinstance(a, Article)]
    return articles[:limit] if limit is not None else articles


def time_bare(texts: list[str], settings: Settings, workers: int) -> float:
    """Seconds for bare ``nlp.pipe`` over ``texts`` (model loaded and warmed beforehand)."""
    nlp = nlp_module.load(settings.model)
    list(nlp.pipe(texts[:2]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=workers):
        pass
    return time.perf_counter() - started


def measure(corpus: Path, settings: Settings, workers: int, limit: int | None, scratch: Path) -> Row:
    articles = load_articles(corpus, settings, limit)
    bare = time_bare([a.text for a in articles], settings, workers)
    run = settings.replace(db=str(scratch / f"bench-{workers}.duckdb"), workers=workers)
    summary = ingest([str(corpus)], run, progress=False)
    if summary.failed or summary.stored != len(articles):
        print(f"warning: {workers} workers stored {summary.stored} of {len(articles)} articles, "
              f"{len(summary.failed)} failed", file=sys.stderr)
    return Row(workers, len(articles), bare, summary.seconds, summary.events)


def render(rows: list[Row], corpus: str) -> str:
    lines = [
        f"corpus: {corpus}",
        "workers  articles  bare art/s  ingest art/s  ingest/bare  ingest s  events",
    ]
    for r in rows:
        lines.append(f"{r.workers:>7}  {r.articles:>8}  {r.bare_rate:>10.1f}  {r.ingest_rate:>12.1f}  "
                     f"{r.ingest_rate / r.bare_rate:>11.2f}  {r.ingest_seconds:>8.1f}  {r.events:>6}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="a CSV (or zipped CSV) with a text column, or any input eventwire ingest reads")
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    parser.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch")
    parser.add_argument("--model", default=None, help="spaCy model to load")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"{args.corpus} is missing: pass --corpus, or put the public data in ../shared beside the checkout")
    settings = Settings.from_env().replace(batch_size=args.batch_size, model=args.model)
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        scratch = Path(tmp)
        corpus = prepare_corpus(args.corpus, scratch / "corpus.jsonl", settings, args.limit)
        rows = [measure(corpus, settings, workers, args.limit, scratch) for workers in args.workers]
    print(render(rows, str(args.corpus)))


if __name__ == "__main__":
    main()
