"""Scale-out benchmark: the local engine against Dask with 1, 2... workers, in one run.

Every run is a full ingest of the same documents into a fresh SQLite ledger (reading,
extraction, storing), so the numbers are what a user gets. The cluster is started and
the pipeline loaded before the clock starts (and one warm-up document read), so
start-up costs are left out and reported apart.

Reported per run:
- documents/s (wall clock), the speed-up over the local engine, and the scaling
  efficiency: docs/s with N workers / (N x docs/s with one worker);
- CPU seconds per document, all processes of the run counted (the client, and with
  Dask the scheduler and every worker process): on a machine shared with other work,
  wall-clock figures follow the load, CPU figures much less;
- Dask's cost: the extra CPU of a Dask run over the local run, as a share of the local
  run's CPU (serialising documents and reports, scheduling, the worker processes'
  own upkeep), and the workers' idle share: wall time x workers - time spent in
  `read_many` on the workers, over that time.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fogofwar.ledger.ingest import Extract, ingest
from fogofwar.scale.engine import Cluster, DaskExtractor
from fogofwar.schema import Document, Report


@dataclass
class ScaleRun:
    label: str
    workers: int  # 0 for the local engine
    documents: int
    seconds: float  # wall clock of the ingest
    cpu_seconds: float  # every process of the run
    startup_seconds: float
    load_average: float  # of the machine (1 minute) when the run started
    worker_seconds: float = 0.0  # wall time inside read_many on the workers (Dask runs)

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_document(self) -> float:
        return self.cpu_seconds / self.documents if self.documents else 0.0

    @property
    def idle(self) -> float | None:
        """Worker time not spent extracting, as a share of extraction time."""
        if not self.workers or not self.worker_seconds:
            return None
        return (self.seconds * self.workers - self.worker_seconds) / self.worker_seconds


def as_documents(texts: list[str]) -> list[Document]:
    return [Document(id=f"doc{n + 1}", text=text) for n, text in enumerate(texts)]


def run_local(documents: list[Document], model: str, batch_size: int) -> ScaleRun:
    from fogofwar.pipeline import load, read_many

    start = time.perf_counter()
    nlp = load(model)
    list(read_many(documents[:1], nlp=nlp))
    startup = time.perf_counter() - start

    def extract(fresh: Iterator[Document]) -> Iterator[Report]:
        return read_many(fresh, nlp=nlp, batch_size=batch_size)

    load_average = os.getloadavg()[0]
    cpu = time.process_time()
    seconds = _timed_ingest(documents, extract, model)
    cpu = time.process_time() - cpu
    return ScaleRun("local", 0, len(documents), seconds, cpu, startup, load_average)


def run_dask(
    documents: list[Document], model: str, batch_size: int, workers: int, partition_size: int
) -> ScaleRun:
    start = time.perf_counter()
    with DaskExtractor(
        Cluster(workers=workers),
        model=model,
        batch_size=batch_size,
        partition_size=partition_size,
    ) as dask:
        client = dask.start()
        client.wait_for_workers(workers, timeout=120)
        list(dask(documents[:1]))  # the plugin loaded the pipeline on every worker
        dask.worker_seconds = 0.0
        startup = time.perf_counter() - start
        load_average = os.getloadavg()[0]
        cpu_before = time.process_time() + _workers_cpu(client)
        seconds = _timed_ingest(documents, dask, model)
        cpu = time.process_time() + _workers_cpu(client) - cpu_before
        return ScaleRun(
            f"dask, {workers} worker{'s' if workers > 1 else ''}",
            workers,
            len(documents),
            seconds,
            cpu,
            startup,
            load_average,
            dask.worker_seconds,
        )


def _process_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _workers_cpu(client) -> float:  # noqa: ANN001 (a distributed.Client)
    """CPU seconds used so far by all worker processes together."""
    return sum(client.run(_process_cpu).values())


def _timed_ingest(documents: list[Document], extract: Extract, model: str) -> float:
    """Seconds to ingest `documents` into a fresh SQLite ledger with `extract`."""
    from fogofwar.ledger import Ledger

    with (
        tempfile.TemporaryDirectory(prefix="fogofwar-bench-") as folder,
        Ledger(str(Path(folder) / "bench.db")) as ledger,
    ):
        start = time.perf_counter()
        stats = ingest(iter(documents), ledger.writer, extract, model=model)
        seconds = time.perf_counter() - start
    if stats.failed or stats.seen != len(documents):
        raise RuntimeError(f"the benchmark stored {stats.stored} of {len(documents)} documents")
    return seconds
