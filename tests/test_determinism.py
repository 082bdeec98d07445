"""Determinism: the same input gives byte-identical JSONL across runs, and the same stored rows
whatever the number of workers.

Runs are separate processes with different PYTHONHASHSEED values, so output that leans on the
order of a set or a dict of strings shows up as a difference.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import shared_path
from test_crash import snapshot

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
GUARDIAN_ARTICLES = 100

STORIES = [
    "Ardovia's foreign minister met the envoy of Belmark in Geneva on Monday. \"The talks were useful,\" "
    "the minister told reporters. Belmark will reopen its embassy next month, officials said.",
    "The Corvanian army attacked rebel positions near the border on Tuesday, killing three fighters. "
    "Delmont condemned the attack and called for talks.",
    "The president of Estovia accused Ardovia of interfering in the election. Ardovia denied it on Friday "
    "and said it would not accept new sanctions.",
    "Protesters marched in Port Ardo on Sunday against the government. Police arrested twelve people, "
    "a spokesman said.",
    "Belmark and Delmont signed a trade agreement in Paris last week. Iran praised the deal, and Russia "
    "said it would send a delegation to the next round in July 2021.",
    "The United Nations urged both sides to stop the fighting. \"We call on Ardovia and Belmark to "
    "return to the table,\" the secretary-general said on Thursday.",
]


def write_folder(folder: Path, copies: int) -> Path:
    """``copies`` numbered variants of each story, one file each, dated."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for j, story in enumerate(STORIES):
            text = f"# Report {i}-{j}\n\n2021-03-0{1 + (i + j) % 9}\n\n{story} Bulletin {i}.\n"
            (folder / f"story_{i:03d}_{j}.md").write_text(text, encoding="utf-8")
    return folder


def extract_jsonl(paths: list[str], hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([EVENTWIRE, "extract", *paths, "--format", "jsonl"], env=env, capture_output=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def ingest(paths: list[str], db: Path, workers: int) -> None:
    command = [EVENTWIRE, "ingest", *paths, "--db", str(db), "--workers", str(workers), "--batch-size", "4",
               "--no-progress"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.model
@pytest.mark.shared
def test_extract_gives_byte_identical_jsonl_across_runs(tmp_path: Path, seed_path: Path) -> None:
    paths = [str(write_folder(tmp_path / "stories", copies=2)), str(seed_path)]
    first, second = extract_jsonl(paths, "0"), extract_jsonl(paths, "4242")
    lines = first.decode("utf-8").splitlines()
    assert len(lines) == 2 * len(STORIES) + 1 and sum(len(json.loads(line)["events"]) for line in lines) > 5
    assert first == second


@pytest.mark.model
def test_ingest_stores_the_same_rows_with_one_or_two_workers(tmp_path: Path) -> None:
    paths = [str(write_folder(tmp_path / "stories", copies=4))]
    ingest(paths, tmp_path / "one.duckdb", workers=1)
    ingest(paths, tmp_path / "two.duckdb", workers=2)
    one, two = snapshot(tmp_path / "one.duckdb"), snapshot(tmp_path / "two.duckdb")
    assert len(one["articles"]) == 4 * len(STORIES) and sum(one["events"].values()) >= 4
    assert one == two


def write_guardian(path: Path, count: int) -> Path:
    """The first ``count`` articles of the Guardian sample (read from ../shared, never copied) as JSONL."""
    archive = zipfile.ZipFile(shared_path("data", "ngec", "Guardian_SDF_sample.csv.zip"))
    with archive.open(archive.namelist()[0]) as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))[:count]
    lines = [json.dumps({"id": f"guardian-{row['']}", "text": row["text"], "published": row["date"]})
             for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.model
@pytest.mark.shared
def test_ingest_of_real_articles_is_the_same_with_one_or_two_workers(tmp_path: Path) -> None:
    paths = [str(write_guardian(tmp_path / "guardian.jsonl", GUARDIAN_ARTICLES))]
    ingest(paths, tmp_path / "one.duckdb", workers=1)
    ingest(paths, tmp_path / "two.duckdb", workers=2)
    assert snapshot(tmp_path / "one.duckdb") == snapshot(tmp_path / "two.duckdb")
