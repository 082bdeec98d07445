"""Dask: code ingest's batches on a ``dask.distributed`` cluster; this process stays the one writer.

    eventwire ingest PATH --dask local        a LocalCluster with --workers processes on this machine
    eventwire ingest PATH --dask local:8      ... with 8 processes
    eventwire ingest PATH --dask tcp://scheduler:8786    a running cluster (dask-jobqueue, Kubernetes, ...)

Each worker loads the pipeline once, when it starts (:class:`CoderPlugin`), and keeps it for every
batch; tasks are :func:`eventwire.worker.code_batch` on the same batches a local run codes, and
return plain records, so the output is the same as a single-process run. Workers need eventwire and
the spaCy model installed (docs/scale.md shows how).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from distributed import Client, KilledWorker, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from .errors import EventwireError
from .settings import Settings
from .worker import Coded, CoderFactory, warm_worker

BatchFunction = Callable[..., Coded]


@dataclass(frozen=True)
class DaskTarget:
    """Where to run: a LocalCluster of ``workers`` processes, or the scheduler at ``address``."""

    address: str | None
    workers: int


def parse_target(spec: str, default_workers: int) -> DaskTarget:
    """Read ``local``, ``local:N`` or a scheduler address (``tcp://host:8786``, ``tls://…``)."""
    if spec == "local":
        return DaskTarget(None, max(1, default_workers))
    if spec.startswith("local:"):
        count = spec.partition(":")[2]
        if not count.isdigit() or int(count) < 1:
            raise EventwireError(f"--dask {spec!r}: write local:N with N a number of workers, e.g. local:4")
        return DaskTarget(None, int(count))
    if "://" in spec:
        return DaskTarget(spec, 0)
    raise EventwireError(f"--dask {spec!r}: give local, local:N or a scheduler address such as tcp://host:8786")


class CoderPlugin(WorkerPlugin):
    """Loads the coder when a worker starts (and on workers that join later), once per worker."""

    name = "eventwire-coder"

    def __init__(self, settings: Settings, make_coder: CoderFactory) -> None:
        self.settings, self.make_coder = settings, make_coder

    def setup(self, worker: Any) -> None:
        warm_worker(self.settings, self.make_coder)


@dataclass
class DaskEngine:
    """Submits batches to a Dask client; ``width`` is how many batches the cluster codes at once."""

    client: Any
    width: int

    def submit(self, fn: BatchFunction, /, *args: object) -> DaskPending:
        return DaskPending(self.client.submit(fn, *args, pure=False))


@dataclass
class DaskPending:
    """A Dask future whose failures from a lost worker say what to do."""

    future: Any

    def result(self) -> Coded:
        try:
            coded: Coded = self.future.result()
            return coded
        except KilledWorker as exc:
            raise EventwireError(
                f"a Dask worker died while coding a batch ({exc}); the batches stored so far are kept. "
                "Give the workers more memory, or run the same ingest again to go on (stored articles are skipped)."
            ) from exc


@contextmanager
def dask_engine(spec: str, settings: Settings, make_coder: CoderFactory) -> Iterator[DaskEngine]:
    """A :class:`DaskEngine` on the cluster ``spec`` names, with the coder loaded on every worker."""
    target = parse_target(spec, settings.workers)
    with _scheduler(target) as where, _client(where, spec) as client:
        client.register_plugin(CoderPlugin(settings, make_coder))
        width = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        yield DaskEngine(client, max(1, width))


@contextmanager
def _scheduler(target: DaskTarget) -> Iterator[LocalCluster | str]:
    """The scheduler address given, or else a LocalCluster of one-thread worker processes."""
    if target.address is not None:
        yield target.address
        return
    with LocalCluster(  # type: ignore[no-untyped-call]  # distributed leaves LocalCluster() unannotated
            n_workers=target.workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=40) as cluster:
        yield cluster


@contextmanager
def _client(where: LocalCluster | str, spec: str) -> Iterator[Client]:
    try:
        client = Client(where)  # type: ignore[no-untyped-call]  # distributed leaves Client() unannotated
    except OSError as exc:
        raise EventwireError(f"cannot reach the Dask scheduler at {spec}: {exc}; check the address") from exc
    with client:
        yield client
