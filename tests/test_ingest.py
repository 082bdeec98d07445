"""Ingest: skipping what is stored, isolating failures, workers, input order."""

from __future__ import annotations

import gc
import importlib.util
import json
import multiprocessing
import sys
import tracemalloc
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from pathlib import Path

import pytest
from test_store import code_text

from eventwire.errors import ModelError, StoreError
from eventwire.ingest import ingest, worker_context
from eventwire.models import Article, Result, Skipped, coding_failed
from eventwire.settings import Settings
from eventwire.store import Store
from eventwire.worker import code_batch, start_worker

needs_reader = pytest.mark.skipif(
    "eventwire.read" not in sys.modules and importlib.util.find_spec("eventwire.read") is None,
    reason="the reader module (eventwire.read) is not in this checkout yet",
)


class ToyCoder:
    """Codes with the toy grammar of test_store; refuses texts that shout (to test failures)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def process(self, article: Article) -> Result:
        if article.text.isupper():
            raise ValueError("the toy grammar cannot read capitals only")
        coded = code_text(article.text, article.published, article.origin)
        return Result(article=article, actors=coded.actors, events=coded.events, quotes=coded.quotes)

    def code_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Result | Skipped]:
        for article in articles:
            try:
                yield self.process(article)
            except ValueError as exc:  # as Pipeline.code_many reports it
                yield coding_failed(article, exc)


def toy_coder(settings: Settings) -> ToyCoder:
    return ToyCoder(settings)


STORIES = [
    "Ardovia praised Belmark on Monday.",
    "Belmark met Ardovia in Port Ardo.",
    "Corvanian police attacked Delmont.",
    "Delmont accused Belmark. Ardovia met Delmont.",
    "Nothing happened in Port Ardo today.",
]


def write_jsonl(path: Path, texts: list[str]) -> Path:
    lines = [json.dumps({"id": f"story-{i}", "text": t, "published": "2022-05-0" + str(1 + i % 9)})
             for i, t in enumerate(texts)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "db.duckdb"), batch_size=2)


def run(paths: list[Path], settings: Settings):
    return ingest([str(p) for p in paths], settings, progress=False, make_coder=toy_coder)


@needs_reader
def test_ingest_stores_every_article(tmp_path: Path, settings: Settings) -> None:
    summary = run([write_jsonl(tmp_path / "a.jsonl", STORIES)], settings)
    assert (summary.read, summary.stored, summary.already_stored, summary.events) == (5, 5, 0, 5)
    assert summary.skipped == () and summary.failed == ()
    with Store.open(settings.db) as store:
        assert store.count("articles") == 5 and store.count("events") == 5


@needs_reader
def test_second_ingest_parses_nothing(tmp_path: Path, settings: Settings) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", STORIES)
    run([path], settings)
    again = run([path], settings)
    assert (again.read, again.stored, again.already_stored, again.events) == (5, 0, 5, 0)


@needs_reader
def test_duplicates_in_one_run_are_coded_once(tmp_path: Path, settings: Settings) -> None:
    summary = run([write_jsonl(tmp_path / "a.jsonl", STORIES[:2] + STORIES[:2])], settings)
    assert (summary.stored, summary.already_stored) == (2, 2)


@needs_reader
def test_unreadable_inputs_are_recorded_and_the_run_goes_on(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "good.txt").write_text(STORIES[0] + "\n", encoding="utf-8")
    summary = run([folder], settings)
    assert summary.stored == 1
    assert sorted(Path(s.origin).name for s in summary.skipped) == ["empty.txt", "image.txt"]
    with Store.open(settings.db) as store:
        assert sorted(Path(e["origin"]).name for e in store.errors()) == ["empty.txt", "image.txt"]


@needs_reader
def test_an_article_that_fails_becomes_an_errors_row(tmp_path: Path, settings: Settings) -> None:
    texts = [*STORIES[:2], "BELMARK MET ARDOVIA.", *STORIES[2:]]
    summary = run([write_jsonl(tmp_path / "a.jsonl", texts)], settings)
    assert summary.stored == 5 and len(summary.failed) == 1
    assert "capitals only" in summary.failed[0].reason
    with Store.open(settings.db) as store:
        (error,) = store.errors()
        assert "ValueError" in error["reason"] and error["article_key"] is not None


def test_code_batch_isolates_the_failing_article() -> None:
    texts = ["Ardovia met Belmark.", "LOUD.", "Belmark met Ardovia."]
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    coded = code_batch(articles, Settings(), toy_coder)
    assert [type(c) for c in coded] == [Result, Skipped, Result]
    assert [c.article.id for c in coded if isinstance(c, Result)] == ["0", "2"]


def _stored(settings: Settings) -> list[tuple]:
    with Store.open(settings.db) as store:
        return store.connection.execute(
            "SELECT a.id, e.id, e.cameo_code, e.source_code FROM articles a JOIN events e ON a.key = e.article_key "
            "ORDER BY a.ingested_at, a.id, e.id").fetchall()


TIMES = {"articles": "ingested_at", "errors": '"at"'}


def rows_of(db: str) -> dict[str, list[tuple]]:
    """Every row of every table (a database file or a Parquet folder), sorted, without storing times."""
    with Store.open(db, read_only=True) as store:
        return {table: store.connection.execute(
                    f"SELECT * {'EXCLUDE (' + TIMES[table] + ')' if table in TIMES else ''} FROM {table} ORDER BY ALL"
                ).fetchall()
                for table in ("articles", "actors", "events", "quotes", "timexes", "places", "errors")}


@needs_reader
def test_two_workers_store_the_same_rows_in_input_order(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", STORIES + [s.replace(".", " again.") for s in STORIES])
    one = Settings(db=str(tmp_path / "one.duckdb"), batch_size=2)
    two = one.replace(db=str(tmp_path / "two.duckdb"), workers=2)
    first, second = run([path], one), run([path], two)
    assert (first.stored, first.events) == (second.stored, second.events) == (10, 10)
    assert _stored(one) == _stored(two)
    with Store.open(two.db) as store:
        order = [r[0] for r in store.connection.execute("SELECT text FROM articles ORDER BY rowid").fetchall()]
    assert [text.strip() for text in order] == STORIES + [s.replace(".", " again.") for s in STORIES]


def broken_coder(settings: Settings) -> ToyCoder:
    raise ModelError(f"cannot load the spaCy model {settings.model!r}: install it")


@needs_reader
@pytest.mark.parametrize("workers", [1, 2])
def test_a_coder_that_cannot_load_stops_ingest_with_its_message(tmp_path: Path, workers: int) -> None:
    settings = Settings(db=str(tmp_path / "db.duckdb"), workers=workers, model="no_such_model")
    with pytest.raises(ModelError, match="no_such_model"):
        ingest([str(write_jsonl(tmp_path / "a.jsonl", STORIES))], settings, progress=False,
               make_coder=broken_coder)


class BadDateCoder(ToyCoder):
    """Dates articles about Delmont on a day that does not exist, so storing them fails."""

    def process(self, article: Article) -> Result:
        result = super().process(article)
        if "Delmont" not in article.text:
            return result
        return Result(article=Article(**{**article.__dict__, "published": "2021-02-30"}), events=result.events)


def bad_date_coder(settings: Settings) -> BadDateCoder:
    return BadDateCoder(settings)


@needs_reader
def test_an_article_that_cannot_be_stored_does_not_lose_its_batch(tmp_path: Path, settings: Settings) -> None:
    summary = ingest([str(write_jsonl(tmp_path / "a.jsonl", STORIES))], settings, progress=False,
                     make_coder=bad_date_coder)
    assert summary.stored == 3 and len(summary.failed) == 2
    assert all("storing failed" in f.reason for f in summary.failed)
    with Store.open(settings.db) as store:
        assert store.count("articles") == 3
        assert sorted(e["reason"][:14] for e in store.errors()) == ["storing failed"] * 2


# ----------------------------------------------------------------------------- batches and incremental runs


class CountingCoder(ToyCoder):
    """Records the batches it is asked to code in a file (workers are other processes)."""

    def code_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Result | Skipped]:
        articles = list(articles)
        with open(Path(self.settings.db).with_suffix(".batches"), "a", encoding="utf-8") as log:
            log.write(json.dumps([a.id for a in articles]) + "\n")
        yield from super().code_many(articles, batch_size)


def counting_coder(settings: Settings) -> CountingCoder:
    return CountingCoder(settings)


def batches_coded(settings: Settings) -> list[list[str]]:
    log = Path(settings.db).with_suffix(".batches")
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


@needs_reader
def test_a_rerun_parses_only_new_articles_in_full_batches(tmp_path: Path, settings: Settings) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", STORIES[:3])
    ingest([str(first)], settings, progress=False, make_coder=counting_coder)
    Path(settings.db).with_suffix(".batches").unlink()
    grown = write_jsonl(tmp_path / "grown.jsonl", STORIES)  # the three again (same ids), then two new
    summary = ingest([str(grown)], settings, progress=False, make_coder=counting_coder)
    assert (summary.read, summary.already_stored, summary.stored) == (5, 3, 2)
    assert batches_coded(settings) == [["story-3", "story-4"]]


@needs_reader
@pytest.mark.parametrize("workers", [1, 2])
def test_batches_do_not_depend_on_the_worker_count(tmp_path: Path, workers: int) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", STORIES + STORIES[:2] + [s.upper() for s in STORIES[:2]])
    settings = Settings(db=str(tmp_path / "db.duckdb"), batch_size=2, workers=workers)
    ingest([str(path)], settings, progress=False, make_coder=counting_coder)
    assert sorted(batches_coded(settings)) == [["story-0", "story-1"], ["story-2", "story-3"],
                                               ["story-4", "story-7"], ["story-8"]]


@pytest.mark.parametrize(
    ("lengths", "batch_size", "max_chars", "expected"),
    [
        ([10, 10, 10, 10, 10], 2, 1000, [2, 2, 1]),
        ([10, 10, 10], 5, 1000, [3]),
        ([600, 500, 10, 10], 5, 1000, [1, 3]),  # a group never goes past max_chars
        ([600, 400, 10], 5, 1000, [2, 1]),  # ... but may reach it
        ([10, 2000, 10], 5, 1000, [1, 1, 1]),  # a long article is parsed alone
        ([], 3, 1000, []),
    ],
)
def test_parse_groups(lengths: list[int], batch_size: int, max_chars: int, expected: list[int]) -> None:
    from eventwire.pipeline import parse_groups

    articles = [Article(id=str(i), text="x" * n) for i, n in enumerate(lengths)]
    groups = list(parse_groups(articles, batch_size, max_chars))
    assert [len(g) for g in groups] == expected
    assert [a for g in groups for a in g] == articles


@needs_reader
def test_a_large_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    filler = "Nothing happened in Port Ardo today, the wires said. " * 30
    with path.open("w", encoding="utf-8") as handle:
        for i in range(2000):
            handle.write(json.dumps({"id": f"n-{i}", "text": f"Report {i}. {filler}"}) + "\n")
    settings = Settings(db=str(tmp_path / "db.duckdb"), batch_size=50, clean=False)
    run([write_jsonl(tmp_path / "warm.jsonl", STORIES)], settings)  # imports and loaded tables are not the input
    tracemalloc.start()
    try:
        summary = ingest([str(path)], settings, progress=False, make_coder=toy_coder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.stored == 2000
    assert peak < path.stat().st_size / 4, f"peak {peak} bytes for a file of {path.stat().st_size}"


# ----------------------------------------------------------------------------- Parquet output


@needs_reader
@pytest.mark.parametrize("where", ["folder", "memory"])
def test_parquet_output_holds_the_rows_of_the_database(tmp_path: Path, settings: Settings, where: str) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [*STORIES, "ARDOVIA SHOUTED."])
    out = str(tmp_path / "parquet") if where == "folder" else f"memory://eventwire-test-{tmp_path.name}/out"
    run([path], settings)
    first = ingest([str(path)], settings, progress=False, make_coder=toy_coder, out=out)
    again = ingest([str(path)], settings, progress=False, make_coder=toy_coder, out=out)
    assert (first.stored, len(first.failed), again.stored, again.already_stored) == (5, 1, 0, 5)
    assert rows_of(out) == rows_of(settings.db)
    with Store.open(out, read_only=True) as store:
        assert [e["cameo_code"] for e in store.events(actor="DEL")] == ["190", "112", "036"]


@needs_reader
def test_parquet_is_partitioned_by_publication_month(tmp_path: Path, settings: Settings) -> None:
    lines = [{"id": "a", "text": STORIES[0], "published": "2022-05-01"},
             {"id": "b", "text": STORIES[1], "published": "2022-06-30"},
             {"id": "c", "text": STORIES[2]}]
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    ingest([str(path)], settings, progress=False, make_coder=toy_coder, out=str(tmp_path / "pq"))
    months = sorted(p.parent.name for p in (tmp_path / "pq" / "articles").glob("*/*.parquet"))
    assert months == ["month=2022-05", "month=2022-06", "month=none"]
    events = sorted(p.parent.name for p in (tmp_path / "pq" / "events").glob("*/*.parquet"))
    assert events == ["month=2022-05", "month=2022-06", "month=none"]


def test_reading_parquet_that_is_not_there_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="--out parquet"):
        Store.open(f"memory://eventwire-test-{tmp_path.name}/nothing", read_only=True)


@needs_reader
def test_the_query_commands_read_parquet_given_as_db(tmp_path: Path, settings: Settings) -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    out = tmp_path / "parquet"
    ingest([str(write_jsonl(tmp_path / "a.jsonl", STORIES))], settings, progress=False, make_coder=toy_coder,
           out=str(out))
    shown = CliRunner().invoke(main, ["events", "--db", str(out), "--actor", "COR", "--format", "csv"])
    assert shown.exit_code == 0, shown.output
    assert "CORCOP" in shown.output and "DELGOV" in shown.output and len(shown.output.splitlines()) == 2


@pytest.mark.parametrize("args", [["--out", "csv", "x"], ["--dask", "somewhere"]])
def test_ingest_refuses_unknown_outputs_and_engines(tmp_path: Path, args: list[str]) -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["ingest", str(write_jsonl(tmp_path / "a.jsonl", STORIES)),
                                       "--db", str(tmp_path / "db.duckdb"), "--no-progress", *args])
    assert result.exit_code != 0 and ("parquet" in result.output or "local:N" in result.output)


def frozen_objects() -> int:
    return gc.get_freeze_count()


@pytest.mark.parametrize("context", [multiprocessing.get_context("spawn"), worker_context()])
def test_a_worker_keeps_its_loaded_coder_out_of_the_collectors_scans(context: BaseContext) -> None:
    with ProcessPoolExecutor(1, mp_context=context, initializer=start_worker,
                             initargs=(Settings(), counting_coder)) as pool:
        assert pool.submit(frozen_objects).result() > 0
    assert gc.get_freeze_count() == 0, "only the worker's objects"


def loaded_models() -> int:
    from eventwire import nlp

    return nlp.load.cache_info().currsize


@pytest.mark.model
def test_a_forked_worker_starts_with_the_default_pipeline_loaded() -> None:
    context = worker_context()
    if context.get_start_method() != "forkserver":
        pytest.skip("processes cannot fork here: each worker loads the pipeline itself")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(loaded_models).result() == 1
