"""Crash safety: SIGKILL `eventwire ingest` at random points, run it again, lose and double nothing.

A reference ingest of the same batch runs without interruption. Ingests of the batch are then
killed at random moments of what is left to do, CRASH_TRIALS times (a run that ends before its
kill closes the round and the next round starts on a new database), and the last round is run to
the end. Every round's database must hold exactly the reference's rows: every article once, each
with all its actors, events, quotes, timexes and places (none partial), and the same errors rows: 20 kills over 500 articles (under a minute on two cores).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest

CRASH_TRIALS = 20
CRASH_ARTICLES = 500
BAD_LINES = 5  # malformed lines among the articles: they must end as errors rows, once each
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
ROW_TABLES = ("actors", "events", "quotes", "timexes", "places")

SUBJECTS = ["The president of Ardovia", "Belmark's foreign minister", "The Corvanian army", "Delmont police",
            "The prime minister of Estovia", "Protesters in Port Ardo"]
VERBS = ["met", "accused", "attacked", "praised", "threatened", "criticised"]
OBJECTS = ["the envoy of Belmark", "Ardovia", "rebels near the border", "the Delmont government",
           "officials of Estovia", "the Corvanian delegation"]


def write_batch(path: Path, count: int, rng: random.Random) -> Path:
    """``count`` short articles (distinct texts) as JSONL, with BAD_LINES malformed lines among them."""
    lines = []
    for i in range(count):
        text = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} on Monday, "
                f"officials said in bulletin {i}. \"We will not give up,\" the spokesman said.")
        lines.append(json.dumps({"id": f"crash-{i}", "text": text, "published": f"2021-0{1 + i % 9}-1{i % 10}"}))
    for j in range(BAD_LINES):
        lines.insert(rng.randrange(len(lines)), f'{{"id": "bad-{j}", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest_command(batch: Path, db: Path) -> list[str]:
    return [EVENTWIRE, "ingest", str(batch), "--db", str(db), "--no-progress", "--batch-size", "8"]


def run_to_end(batch: Path, db: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(ingest_command(batch, db), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return time.perf_counter() - started


def kill_at(batch: Path, db: Path, seconds: float) -> bool:
    """Start an ingest and SIGKILL it after ``seconds``; whether it was killed (not already done)."""
    process = subprocess.Popen(ingest_command(batch, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.kill()  # SIGKILL
        process.wait()
        return True


def snapshot(db: Path) -> dict[str, Counter]:
    """Every table's rows (without the write timestamps) as multisets, keyed by article where it has one."""
    with duckdb.connect(str(db), read_only=True) as connection:
        tables = {"articles": Counter(r[0] for r in connection.execute("SELECT key FROM articles").fetchall())}
        for table in ROW_TABLES:
            rows = connection.execute(f"SELECT * FROM {table}").fetchall()
            tables[table] = Counter(tuple(map(str, row)) for row in rows)
        errors = connection.execute("SELECT article_key, origin, reason FROM errors").fetchall()
        tables["errors"] = Counter(errors)
    return tables


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as connection:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def crash_rounds(batch: Path, folder: Path, timing: tuple[float, float], rng: random.Random) -> tuple[int, list[Path]]:
    """Kill ingests until CRASH_TRIALS kills happened; a run that ends first closes its round (database).

    ``timing`` is (start-up seconds, coding seconds of the whole batch): each kill falls at a random
    moment of what is left to do, judged by how many articles are stored already.
    """
    startup, work = timing
    kills, rounds = 0, [folder / "round-0.duckdb"]
    while kills < CRASH_TRIALS:
        left = 1 - stored_count(rounds[-1]) / CRASH_ARTICLES
        if kill_at(batch, rounds[-1], rng.uniform(0.2, startup + work * left)):
            kills += 1
        else:
            rounds.append(folder / f"round-{len(rounds)}.duckdb")
    run_to_end(batch, rounds[-1])
    return kills, rounds


@pytest.mark.model
def test_killed_ingests_lose_and_double_nothing(tmp_path: Path) -> None:
    rng = random.Random(20210302)
    batch = write_batch(tmp_path / "batch.jsonl", CRASH_ARTICLES, rng)
    reference_db = tmp_path / "reference.duckdb"
    full = run_to_end(batch, reference_db)
    startup = run_to_end(batch, reference_db)  # everything is stored: only start-up and reading
    kills, rounds = crash_rounds(batch, tmp_path, (startup, max(full - startup, 1.0)), rng)
    reference = snapshot(reference_db)
    assert len(reference["articles"]) == CRASH_ARTICLES and set(reference["articles"].values()) == {1}
    assert len(reference["errors"]) == BAD_LINES
    for db in rounds:
        after = snapshot(db)
        lost = set(reference["articles"]) - set(after["articles"])
        doubled = {key for key, n in after["articles"].items() if n > 1}
        print(f"crash trials: {kills} kills in {len(rounds)} rounds over {CRASH_ARTICLES} articles; "
              f"{db.name}: {len(lost)} lost, {len(doubled)} duplicated")
        assert (lost, doubled) == (set(), set())
        for table in (*ROW_TABLES, "errors"):
            assert after[table] == reference[table], f"{table} rows differ after the kills ({db.name})"
