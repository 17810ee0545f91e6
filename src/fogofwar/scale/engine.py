"""Extraction on a Dask cluster: an `Extract` for the ingest loop (documents in, reports out).

    documents (already filtered: known texts are skipped before this)
      -> partitions of PARTITION_SIZE documents          one Dask task each, not one per
                                                          document: overhead stays small
      -> at most IN_FLIGHT_PER_THREAD x worker threads   memory bounded on both sides
         partitions submitted at a time
      -> `extract_partition` on a worker                  the pipeline is loaded once per
                                                          worker (PipelinePlugin)
      -> reports yielded in input order                   so the ledger is the same as the
                                                          local engine's

Fault tolerance is Dask's: a task whose worker dies is run again on another worker (or
on the worker the nanny restarts). Extraction is pure, and only the client writes, in
input order, so a partition computed twice is still stored once. If the client itself
dies, nothing is lost but the uncommitted batch: the rerun skips stored texts before
extraction (fogofwar.ledger.ingest).
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

from fogofwar.defaults import BATCH_SIZE, DEFAULT_MODEL
from fogofwar.errors import FogofwarError
from fogofwar.schema import Document, Report

if TYPE_CHECKING:
    from distributed import Client, Future

PARTITION_SIZE = 64  # documents per task: a multiple of BATCH_SIZE, so nlp.pipe batches match
IN_FLIGHT_PER_THREAD = 2  # partitions queued per worker thread: one running, one waiting
CONNECT_TIMEOUT = 8.0  # seconds; an unreachable scheduler is reported within 10 s
WORKERS_TIMEOUT = 120.0  # seconds to wait for a first worker to join the scheduler


@dataclass
class PartitionResult:
    """What a worker sends back for one partition."""

    reports: list[str]  # as JSON: decoding pickled pydantic models costs 20 times more
    seconds: float  # time spent extracting, on the worker
    worker: str


PartitionTask = Callable[[list[Document], str, "str | None", int], PartitionResult]


def extract_partition(
    documents: list[Document], model: str, published: str | None, batch_size: int
) -> PartitionResult:
    """Runs on a worker: the reports of `documents`, in order, with the worker's pipeline."""
    from distributed import get_worker

    from fogofwar.pipeline import load, read_many

    nlp = load(model)  # cached per process: PipelinePlugin loaded it when the worker started
    start = time.perf_counter()
    reports = [
        report.model_dump_json()
        for report in read_many(documents, nlp=nlp, published=published, batch_size=batch_size)
    ]
    return PartitionResult(reports, time.perf_counter() - start, get_worker().address)


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline once per worker, as it joins, so that a worker without
    the model fails with a message naming it before any document is sent."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.name = f"fogofwar-pipeline-{model}"

    def setup(self, worker: Any) -> None:
        from fogofwar.pipeline import load

        try:
            load(self.model)
        except FogofwarError as error:
            raise FogofwarError(f"Dask worker {worker.address} ({worker.name}): {error}") from None


@dataclass(frozen=True)
class Cluster:
    """Where to run: a new local cluster of `workers` processes, or an existing
    scheduler at `scheduler` (tcp://HOST:PORT)."""

    workers: int | None = None
    scheduler: str | None = None

    def describe(self) -> str:
        if self.scheduler:
            return f"Dask scheduler {self.scheduler}"
        return f"local Dask cluster of {self.workers or 1} worker processes"

    def connect(self, timeout: float = CONNECT_TIMEOUT) -> tuple[Client, Any]:
        """A client, and the LocalCluster it owns (None for an existing scheduler)."""
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout=timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as error:
                raise FogofwarError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {error}"
                ) from None
            return client, None
        cluster = LocalCluster(
            n_workers=self.workers or 1,
            threads_per_worker=1,  # spaCy holds the GIL: processes, not threads
            processes=True,
            dashboard_address=":0",  # a free port: several clusters may run side by side
        )
        return Client(cluster, set_as_default=False), cluster


class DaskExtractor:
    """An `Extract` (Iterable[Document] -> Iterator[Report]) running on Dask workers.

    The cluster is started (or connected to) on first use, so a run over known
    documents never starts one; `close()` shuts down what this object started."""

    def __init__(
        self,
        cluster: Cluster,
        *,
        model: str = DEFAULT_MODEL,
        published: str | None = None,
        batch_size: int = BATCH_SIZE,
        partition_size: int = PARTITION_SIZE,
        task: PartitionTask = extract_partition,
        load_pipeline: bool = True,
        on_partition: Callable[[PartitionResult, int], None] | None = None,
    ) -> None:
        """`task` and `load_pipeline` are for tests and benchmarks (a fake extraction
        without spaCy); `on_partition(result, workers)` hears of each partition done."""
        self.cluster = cluster
        self.model = model
        self.published = published
        self.batch_size = batch_size
        self.partition_size = partition_size
        self.task = task
        self.load_pipeline = load_pipeline
        self.on_partition = on_partition
        self.client: Client | None = None
        self._local_cluster: Any = None
        self.worker_seconds = 0.0  # extraction time summed over workers
        self.partitions = 0  # partitions collected
        self.active_workers = 0  # workers connected at the last submission

    # -- lifecycle ----------------------------------------------------------------------
    def start(self) -> Client:
        """Connect, wait for a worker, load the pipeline on every worker."""
        if self.client is not None:
            return self.client
        self.client, self._local_cluster = self.cluster.connect()
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except TimeoutError:
            self.close()
            raise FogofwarError(
                f"no Dask worker joined {self.cluster.describe()} in {WORKERS_TIMEOUT:.0f} s"
            ) from None
        if self.load_pipeline:
            plugin = PipelinePlugin(self.model)
            try:
                self.client.register_plugin(plugin)
            except FogofwarError:
                # A broken plugin left registered would be set up on every worker that joins.
                self.client.unregister_worker_plugin(plugin.name)
                self.close()
                raise
        return self.client

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._local_cluster is not None:
            self._local_cluster.close()
            self._local_cluster = None

    def __enter__(self) -> DaskExtractor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- extraction ---------------------------------------------------------------------
    def __call__(self, documents: Iterable[Document]) -> Iterator[Report]:
        client = self.start()
        in_flight: deque[tuple[Future, list[Document]]] = deque()
        iterator = iter(documents)
        try:
            while partition := list(islice(iterator, self.partition_size)):
                in_flight.append((self._submit(client, partition), partition))
                threads = client.nthreads()
                self.active_workers = len(threads)
                limit = max(2, IN_FLIGHT_PER_THREAD * sum(threads.values()))
                while len(in_flight) >= limit:
                    yield from self._collect(*in_flight.popleft())
            while in_flight:
                yield from self._collect(*in_flight.popleft())
        finally:
            for future, _ in in_flight:
                future.cancel()

    def _submit(self, client: Client, partition: list[Document]) -> Future:
        return client.submit(
            self.task,
            partition,
            self.model,
            self.published,
            self.batch_size,
            pure=False,
            key=f"fogofwar-extract-{uuid.uuid4().hex}",
        )

    def _collect(self, future: Future, partition: list[Document]) -> list[Report]:
        """The reports of the oldest partition, waiting for it if need be."""
        from distributed import KilledWorker
        from distributed.client import FutureCancelledError

        try:
            result: PartitionResult = future.result()
        except KilledWorker:
            raise FogofwarError(
                f"the partition of {len(partition)} documents starting with "
                f"{partition[0].id!r} killed several Dask workers in a row (out of memory?); "
                "the reports before it are stored: rerun the same command to resume"
            ) from None
        except (FutureCancelledError, OSError, TimeoutError) as error:
            raise FogofwarError(
                f"lost {self.cluster.describe()} ({type(error).__name__}: {error}); "
                "the reports before it are stored: rerun the same command to resume"
            ) from None
        finally:
            future.release()
        self.partitions += 1
        self.worker_seconds += result.seconds
        if self.on_partition:
            self.on_partition(result, self.active_workers)
        return [Report.model_validate_json(report) for report in result.reports]
