"""A stand-in for `engine.extract_partition` without spaCy, for the Dask tests.

Each call appends `PID ID ID...` to a log file before working, so a test knows which
worker process took which partition (and can kill it mid-partition), and sleeps `delay`
seconds to make partitions last. Reports are empty but for their document, which is
all the ledger needs to count documents.
"""

from __future__ import annotations

import os
import time

from fogofwar.scale.engine import PartitionResult
from fogofwar.schema import Document, Report


def slow_partition(
    documents: list[Document],
    model: str,
    published: str | None,
    batch_size: int,
    *,
    log: str,
    delay: float,
) -> PartitionResult:
    from distributed import get_worker

    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()} {' '.join(d.id for d in documents)}\n")
    time.sleep(delay)
    reports = [
        Report(
            document=d.model_copy(update={"published": d.published or published})
        ).model_dump_json()
        for d in documents
    ]
    return PartitionResult(reports, delay, get_worker().address)


def read_log(log: str) -> list[tuple[int, list[str]]]:
    """(pid, document ids) per partition started, in order."""
    try:
        with open(log, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    except FileNotFoundError:
        return []
    return [(int(line.split()[0]), line.split()[1:]) for line in lines if line.strip()]
