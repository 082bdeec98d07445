"""Concurrent use: the server answers reads while it ingests, and two ingests on one database
serialise or fail clearly, never corrupt it.

The load test is bounded: LOAD_THREADS clients send GET requests over loopback to a real
``eventwire serve`` from the moment an ingest of LOAD_ARTICLES articles is posted until it is done
(at most LOAD_SECONDS); every answer must be a 2xx, and the job must store every article.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from test_crash import snapshot
from test_determinism import STORIES, write_folder
from test_web_api import TOKEN, coded_db
from test_web_browser import serving

pytestmark = pytest.mark.model

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
LOAD_ARTICLES = 60
LOAD_THREADS = 4
LOAD_SECONDS = 300
READS = ["/api/events?limit=20", "/api/dashboard", "/api/articles?limit=10", "/api/actors", "/api/network",
         "/api/quotes", "/api/dyads?a=ARD&b=BEL", "/events", "/"]


def _articles(count: int) -> list[dict[str, str]]:
    return [{"text": f"{STORIES[i % len(STORIES)]} Dispatch {i}.", "published": f"2021-04-{1 + i % 28:02d}",
             "title": f"Bulletin {i}"} for i in range(count)]


def _request(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Authorization": f"Bearer {TOKEN}",
                                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


def _read_until(url: str, stop: threading.Event, seen: Counter, worker: int) -> None:
    i = worker
    while not stop.is_set():
        status, _ = _request(url + READS[i % len(READS)])
        seen[status] += 1
        i += 1


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[str]:
    db = tmp_path / "served.duckdb"
    db.write_bytes(coded_db(tmp_path_factory).read_bytes())
    with serving(db) as url:
        yield url


def test_server_keeps_answering_reads_while_it_ingests(server: str) -> None:
    _, before = _request(server + "/api/dashboard")
    status, body = _request(server + "/api/articles", json.dumps({"articles": _articles(LOAD_ARTICLES)}).encode())
    assert status == 202, body
    job = json.loads(body)["id"]
    stop, seen = threading.Event(), Counter()
    clients = [threading.Thread(target=_read_until, args=(server, stop, seen, n)) for n in range(LOAD_THREADS)]
    for client in clients:
        client.start()
    deadline, state = time.monotonic() + LOAD_SECONDS, {}
    while time.monotonic() < deadline:
        state = json.loads(_request(f"{server}/api/jobs/{job}")[1])
        if state["state"] in ("done", "failed"):
            break
        time.sleep(0.5)
    stop.set()
    for client in clients:
        client.join(timeout=60)
    print(f"\nload: {sum(seen.values())} reads during the ingest, status codes {dict(seen)}")
    assert state["state"] == "done", state
    assert state["summary"]["stored"] == LOAD_ARTICLES
    assert set(seen) == {200} and sum(seen.values()) >= LOAD_THREADS
    _, after = _request(server + "/api/dashboard")
    assert json.loads(after) != json.loads(before)


def _ingest(paths: list[Path], db: Path) -> subprocess.Popen:
    return subprocess.Popen([EVENTWIRE, "ingest", *map(str, paths), "--db", str(db), "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingests_on_one_database_serialise_or_fail_clearly(tmp_path: Path) -> None:
    first = write_folder(tmp_path / "first", copies=3)
    second = tmp_path / "second.jsonl"
    second.write_text("".join(json.dumps(a) + "\n" for a in _articles(18)), encoding="utf-8")
    db = tmp_path / "shared.duckdb"
    runs = {path: _ingest([path], db) for path in (first, second)}
    ended = {path: (run.wait(timeout=600), run.stderr.read()) for path, run in runs.items()}
    failed = [path for path, (code, _) in ended.items() if code != 0]
    assert len(failed) < 2, ended
    for path in failed:
        assert "another process is writing" in ended[path][1], ended[path][1]
        again = _ingest([path], db)
        assert again.wait(timeout=600) == 0, again.stderr.read()
    reference = tmp_path / "reference.duckdb"
    alone = _ingest([first, second], reference)
    assert alone.wait(timeout=600) == 0, alone.stderr.read()
    assert snapshot(db) == snapshot(reference)
    with duckdb.connect(str(db), read_only=True) as connection:
        assert connection.execute("SELECT count(*), count(DISTINCT key) FROM articles").fetchone() == (36, 36)


def test_second_ingest_names_the_database_and_what_to_do(tmp_path: Path) -> None:
    """While one ingest holds the file, another fails at once with the reason and loses nothing."""
    db = tmp_path / "held.duckdb"
    folder = write_folder(tmp_path / "stories", copies=1)
    assert _ingest([folder], db).wait(timeout=600) == 0
    stored = snapshot(db)
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(db)!r}); "
                               "print('ok', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        blocked = _ingest([folder], db)
        code, message = blocked.wait(timeout=600), blocked.stderr.read()
    finally:
        holder.communicate("")
    assert code != 0 and str(db) in message and "another process is writing" in message
    assert snapshot(db) == stored
    assert os.path.getsize(db) > 0
