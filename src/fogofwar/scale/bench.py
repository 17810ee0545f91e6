"""Scale-out benchmark: the local engine against Dask with 1, 2... workers, in one run.

Every run is a full `fogofwar ingest` of the same documents into a fresh SQLite ledger
(reading, extraction, storing), so the numbers are what a user gets. The cluster is
started and the pipeline loaded before the clock starts (one warm-up document per
engine), so start-up costs are left out and reported apart.

Figures reported: documents/s of each run, the speed-up over the local engine, the
scaling efficiency (throughput with N workers / (N x throughput with one)) and Dask's
overhead: the time the workers were not extracting (wall time x workers - time spent
in `read_many` on the workers), as a share of the extraction time. That share is an
upper bound: it also holds the client's own work that did not overlap the workers'.
"""

from __future__ import annotations

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
    seconds: float
    startup_seconds: float
    worker_seconds: float = 0.0  # extraction time on the workers (Dask runs)

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def overhead(self) -> float | None:
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

    seconds = _timed_ingest(documents, extract, model)
    return ScaleRun("local", 0, len(documents), seconds, startup)


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
        list(dask(documents[:1]))
        dask.worker_seconds = 0.0
        startup = time.perf_counter() - start
        seconds = _timed_ingest(documents, dask, model)
        return ScaleRun(
            f"dask, {workers} worker{'s' if workers > 1 else ''}",
            workers,
            len(documents),
            seconds,
            startup,
            dask.worker_seconds,
        )


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
