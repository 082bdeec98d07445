"""Throughput: end-to-end ``eventwire ingest`` against bare spaCy parsing, in one run.

    python benchmarks/throughput.py [--limit N] [--corpus PATH] [--workers 1 2] [--batch-size N] [--profile]

For each worker count, the same articles are
  * parsed bare with ``nlp.pipe`` (``n_process`` = workers; the model is loaded before timing), and
  * ingested end to end into a fresh temporary database, in a fresh process as ``eventwire ingest``
    runs: reading, cleaning, parsing, every coding stage and storing, including the start of the
    worker processes and the model loading (in that process for 1 worker),
and the table gives articles per second of each, their ratio (ingest / bare) and the peak resident
memory of the busiest coding process (the ingesting process for 1 worker, the largest worker
otherwise; Linux only). ``--profile`` adds a cProfile of a 1-worker ingest: the share of the time spent
reading, parsing, in each coding stage and storing. The default
corpus is the 249 Guardian articles of ../shared/data/ngec/Guardian_SDF_sample.csv.zip (a CSV with
``date`` and ``text`` columns inside a zip; see its SOURCE.md), written to a temporary JSONL file.
``--corpus`` takes another such CSV (zipped or not) or anything ``eventwire ingest`` reads.
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import importlib
import inspect
import io
import json
import multiprocessing
import os
import pstats
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire import nlp as nlp_module
from eventwire.ingest import IngestSummary, ingest
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
    peak_mb: int

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


def peak_mb(pid: int | str = "self") -> int:
    """The peak resident memory (VmHWM) of a process in MB, 0 where /proc is missing or it has gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            line = next(line for line in handle if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0
    return int(line.split()[1]) // 1024


@dataclass
class PeakWatch:
    """Samples the peak memory of this process's children while a run goes on."""

    peaks: dict[int, int] = field(default_factory=dict)
    done: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> None:
        while not self.done.wait(0.2):
            for child in multiprocessing.active_children():
                if child.pid is not None:
                    self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), peak_mb(child.pid))


@contextmanager
def watch_peaks() -> Iterator[PeakWatch]:
    """Reset this process's peak (Linux ``clear_refs``) and sample its children's peaks meanwhile."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass
    watch = PeakWatch()
    thread = threading.Thread(target=watch.sample, daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        watch.done.set()
        thread.join()


def measure(corpus: Path, settings: Settings, workers: int, limit: int | None, scratch: Path) -> Row:
    articles = load_articles(corpus, settings, limit)
    bare = time_bare([a.text for a in articles], settings, workers)
    run = settings.replace(db=str(scratch / f"bench-{workers}.duckdb"), workers=workers)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as fresh:
        summary, peak = fresh.submit(ingest_run, corpus, run).result()
    if summary.failed or summary.stored != len(articles):
        print(f"warning: {workers} workers stored {summary.stored} of {len(articles)} articles, "
              f"{len(summary.failed)} failed", file=sys.stderr)
    return Row(workers, len(articles), bare, summary.seconds, summary.events, peak)


def ingest_run(corpus: Path, run: Settings) -> tuple[IngestSummary, int]:
    """Ingest ``corpus`` and return what it did with the peak memory of its busiest coding process.

    It runs in a fresh process, as ``eventwire ingest`` does: the model is loaded inside the timed
    run for one worker too, and no memory left over from the bare parse counts as the ingest's.
    """
    with watch_peaks() as watch:
        summary = ingest([str(corpus)], run, progress=False)
    peak = max(watch.peaks.values(), default=0) if run.workers > 1 else peak_mb()
    return summary, peak


STAGES = {  # what the profile reports: label -> the function timed, as "module:qualified name"
    "read and clean": "eventwire.read:read_inputs",
    "parse": "eventwire.nlp:Parser.pipe",  # the model's components
    "actors": "eventwire.stages.actors:find_actors",
    "quotes": "eventwire.stages.quotes:find_quotes",
    "time": "eventwire.stages.time:find_timexes",
    "places": "eventwire.stages.places:find_places",
    "events": "eventwire.stages.events:find_events",
    "store": "eventwire.store:Store.write",
}


def profile_key(target: str) -> tuple[str, int, str]:
    """The cProfile key (file, first line, name) of the function ``module:qualified.name``; a function
    that moved or was renamed raises here, instead of counting as 0 s."""
    module, _, qualname = target.partition(":")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    code = inspect.unwrap(found).__code__
    return code.co_filename, code.co_firstlineno, code.co_name


def profile(corpus: Path, settings: Settings, scratch: Path) -> str:
    """Where a 1-worker ingest spends its time (cProfile; its overhead weighs on Python-heavy code)."""
    from eventwire.worker import load_pipeline, process_coder

    run = settings.replace(db=str(scratch / "profile.duckdb"), workers=1)
    process_coder(run, load_pipeline)  # the model is loaded before profiling, as in the timed runs
    profiler = cProfile.Profile()
    profiler.runcall(ingest, [str(corpus)], run, progress=False)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]  # typeshed leaves out the raw table
    total = max(v[3] for v in stats.values())  # the ingest call's cumulative time
    lines = [f"profile of a 1-worker ingest: {total:.1f} s (cumulative seconds and share of the run)"]
    for label, target in STAGES.items():
        cum = stats.get(profile_key(target), (0, 0, 0, 0.0))[3]
        lines.append(f"  {label:<18} {cum:8.1f} s  {100 * cum / total:5.1f} %")
    top = sorted(stats.items(), key=lambda item: -item[1][2])[:8]
    lines.append("  top functions by own time:")
    lines += [f"    {v[2]:8.1f} s  {os.path.basename(f)}:{line}({func})" for (f, line, func), v in top]
    return "\n".join(lines)


def render(rows: list[Row], corpus: str) -> str:
    lines = [
        f"corpus: {corpus}",
        "workers  articles  bare art/s  ingest art/s  ingest/bare  ingest s  events  peak MB/worker",
    ]
    for r in rows:
        lines.append(f"{r.workers:>7}  {r.articles:>8}  {r.bare_rate:>10.2f}  {r.ingest_rate:>12.2f}  "
                     f"{r.ingest_rate / r.bare_rate:>11.2f}  {r.ingest_seconds:>8.1f}  {r.events:>6}  "
                     f"{r.peak_mb:>14}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="a CSV (or zipped CSV) with a text column, or any input eventwire ingest reads")
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    parser.add_argument("--batch-size", type=int, default=None, help="articles per nlp.pipe batch")
    parser.add_argument("--model", default=None, help="spaCy model to load")
    parser.add_argument("--profile", action="store_true", help="also profile a 1-worker ingest by stage")
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
        print(render(rows, str(args.corpus)), flush=True)
        if args.profile:
            print(profile(corpus, settings, scratch))


if __name__ == "__main__":
    main()
