"""The server's hold on the database: one DuckDB instance, a cursor per request, one writer thread.

DuckDB lets one process write a database file, or several processes read it, never both. So the
server is the single process that opens the file: requests read through their own cursor (they see
the last committed batch, and never wait for a write), and ingests sent to the server run one at a
time on a writer thread through :func:`eventwire.ingest.ingest` in this same process, as do the
passes of the watcher (``eventwire serve --watch``, :meth:`Database.watch`). With ``read_only`` the
file is opened read-only: other readers (the query commands) may share it, and the write endpoints
answer 403.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import CancelledError, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import StoreError
from ..settings import Settings
from ..store import Store
from .memo import Memo

T = TypeVar("T")

if TYPE_CHECKING:
    from ..watch import Watcher

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")


@dataclass(frozen=True)
class Job:
    """One ingest sent to the server, and how it ended."""

    id: str
    files: tuple[str, ...]
    state: str = "queued"  # queued, running, done, failed
    submitted: str = ""
    summary: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class Database:
    """The open database of a running server, its coder and its ingest jobs."""

    def __init__(self, settings: Settings, *, read_only: bool = False) -> None:
        self.settings = settings
        self.read_only = read_only
        self.root = Store.open(settings.db, read_only=read_only)
        self._jobs: dict[str, Job] = {}
        self._jobs_lock = threading.Lock()
        self._coder_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventwire-writer")
        self.memo = Memo()
        self._stop = threading.Event()
        self._watching: threading.Thread | None = None
        self.watch_trouble: str | None = None  # why the watcher's last pass failed as a whole, if it did

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store on a fresh cursor of the shared database, for one request."""
        cursor = self.root.connection.cursor()
        try:
            yield Store(cursor, self.root.path)
        finally:
            cursor.close()

    def remembered(self, key: Hashable, compute: Callable[[Store], T]) -> T:
        """``compute(store)``, or its kept answer when the store has not changed since (slow reads only)."""
        with self.store() as store:
            return self.memo.get(store, key, compute)

    def close(self) -> None:
        self._stop.set()
        if self._watching is not None:
            self._watching.join()
        self._writer.shutdown(wait=True, cancel_futures=True)
        self.root.close()

    # ------------------------------------------------------------------------- the watcher

    def watch(self, watcher: Watcher, interval: float) -> None:
        """Run ``watcher`` every ``interval`` seconds on the writer thread (one write at a time, as
        ingest jobs), until the server stops. What a pass does is in the store's watch tables."""
        if self.read_only:
            raise StoreError("the watcher writes to the database; start the server without --read-only")

        def loop() -> None:
            while not self._stop.is_set():
                started = time.monotonic()
                try:
                    self._writer.submit(watcher.poll).result()
                    self.watch_trouble = None
                except CancelledError:  # the server stopped during the pass
                    pass
                except Exception as exc:  # the pass failed as a whole; /api/watch tells it, the next pass tries again
                    self.watch_trouble = f"{type(exc).__name__}: {exc}"
                self._stop.wait(max(0.0, interval - (time.monotonic() - started)))

        self._watching = threading.Thread(target=loop, name="eventwire-watcher", daemon=True)
        self._watching.start()

    # ------------------------------------------------------------------------- coding without storing

    def code(self, text: str, **metadata: str | None) -> dict[str, Any]:
        """Code one pasted text (not stored) and return it in the contract shape."""
        from .. import api, read
        from ..output import to_contract

        article = read.article_from_text(text, clean=self.settings.clean, origin="pasted", **metadata)
        with self._coder_lock:  # one spaCy call at a time in this process
            result = api.pipeline(self.settings).process(article)
        return to_contract(result)

    # ------------------------------------------------------------------------- ingest jobs

    def submit(self, uploads: list[tuple[str, bytes]]) -> Job:
        """Queue an ingest of uploaded files ``(name, content)``; names are only used for their suffix."""
        folder = Path(tempfile.mkdtemp(prefix="eventwire-upload-"))
        files = []
        for i, (name, content) in enumerate(uploads):
            suffix = Path(name or "").suffix.lower()
            path = folder / f"upload-{i:04d}{suffix if suffix in UPLOAD_SUFFIXES else '.txt'}"
            path.write_bytes(content)
            files.append(str(path))
        job = Job(uuid.uuid4().hex[:12], tuple(Path(f).name for f in files),
                  submitted=datetime.now(UTC).isoformat(timespec="seconds"))
        self._set(job)
        self._writer.submit(self._run, job, folder)
        return job

    def job(self, job_id: str) -> Job | None:
        with self._jobs_lock:
            return self._jobs.get(job_id)

    def _set(self, job: Job) -> None:
        with self._jobs_lock:
            self._jobs[job.id] = job

    def _run(self, job: Job, folder: Path) -> None:
        from ..ingest import ingest

        self._set(replace(job, state="running"))
        try:
            summary = ingest([str(folder)], self.settings, progress=False)
            self._set(replace(job, state="done", summary=_summary_dict(summary)))
        except Exception as exc:  # the job records the reason; the server goes on
            self._set(replace(job, state="failed", error=f"{type(exc).__name__}: {exc}"))
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _summary_dict(summary: Any) -> dict[str, Any]:
    return {"read": summary.read, "stored": summary.stored, "already_stored": summary.already_stored,
            "skipped": [{"origin": Path(s.origin).name, "reason": s.reason} for s in summary.skipped],
            "failed": [{"origin": Path(s.origin).name, "reason": s.reason} for s in summary.failed],
            "events": summary.events, "seconds": summary.seconds}
