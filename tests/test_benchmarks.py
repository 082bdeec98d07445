"""The benchmarks run: each end to end at a small size, printing its table (full-size runs are not tests).

A benchmark is a script that is only run by hand, so nothing else notices when the code under it moves
or the schema grows; these runs do.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"

# Short invented reports for the throughput run (any text the reader takes would do).
REPORTS = [
    "The foreign minister of Norway met his Chilean counterpart in Oslo on Tuesday to discuss fishing quotas.",
    "Police in Lagos arrested twelve protesters after a march against fuel prices turned violent on Friday.",
    "Japan pledged 40 million dollars in flood relief to Bangladesh, the government in Tokyo said on Monday.",
    "Canada accused Peru of blocking a trade agreement. Officials in Lima rejected the claim on Sunday.",
]


def load_script(name: str) -> ModuleType:
    """A benchmark script imported as a module, without running its main."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it is being run
    spec.loader.exec_module(module)
    return module


def run_script(name: str, *args: str, timeout: int) -> str:
    """Run ``benchmarks/NAME.py`` with ``args`` as a user does; its standard output (it must succeed)."""
    done = subprocess.run([sys.executable, str(BENCHMARKS / f"{name}.py"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"benchmarks/{name}.py failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_query_benchmark_builds_a_small_store_and_prints_its_table(tmp_path: Path) -> None:
    out = run_script("query", "--events", "3000", "--db", str(tmp_path / "q.duckdb"), "--rebuild", "--repeat", "1",
                     "--add", "15", timeout=300)
    assert "linking 15 new articles (300 events)" in out and "% of the full link" in out
    assert "3,300 events in 165 articles" in out
    lines = out.splitlines()
    header, *rows = lines[lines.index(next(line for line in lines if line.startswith("query"))):]
    assert header.split() == ["query", "median", "s", "max", "s", "rows"]
    assert [row[:30].strip() for row in rows] == [
        "dyad_series USA RUS month", "top_actors 20", "timeline SYR month", "network min_events=50"]
    assert all(float(row.split()[-3]) >= 0 and int(row.split()[-1]) >= 0 for row in rows)


def test_a_new_column_does_not_break_the_query_benchmark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import Store, schema

    query = load_script("query")
    monkeypatch.setitem(schema.TABLES, "events", (*schema.TABLES["events"], ("added_later", "DOUBLE")))
    query.build(tmp_path / "q.duckdb", 200)
    with Store.open(tmp_path / "q.duckdb") as store:
        found = store.connection.execute("SELECT count(*), count(added_later), count(source_basis) FROM events")
        assert found.fetchall() == [(200, 0, 200)]


def test_a_renamed_column_breaks_it_loudly() -> None:
    from eventwire.store.schema import select_list

    with pytest.raises(KeyError, match="events has no column cameo"):
        select_list("events", {"cameo": "'010'"})


def test_the_profile_names_functions_that_exist() -> None:
    """``throughput.py --profile`` times each stage by its function; a moved one must not count as 0 s."""
    throughput = load_script("throughput")
    for label, target in throughput.STAGES.items():
        file, line, name = throughput.profile_key(target)
        assert Path(file).is_file() and line > 0 and target.endswith(name), label


@pytest.mark.model
@pytest.mark.slow
def test_throughput_benchmark_ingests_a_small_corpus_and_prints_its_table(tmp_path: Path) -> None:
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"report-{i}", "text": text, "published": "2023-04-1" + str(i)}) + "\n"
                              for i, text in enumerate(REPORTS)), encoding="utf-8")
    out = run_script("throughput", "--corpus", str(corpus), "--limit", "3", "--workers", "1", "--profile",
                     timeout=600)
    lines = out.splitlines()
    header = lines.index(next(line for line in lines if line.startswith("workers")))
    assert lines[header].split()[:2] == ["workers", "articles"]
    workers, articles, bare, ingested, *_ = lines[header + 1].split()
    assert (workers, articles) == ("1", "3") and float(bare) > 0 and float(ingested) > 0
    assert "profile of a 1-worker ingest" in out and "store" in out
