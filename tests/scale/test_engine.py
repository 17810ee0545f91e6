"""The Dask engine without spaCy: order, bounded batches, a worker killed mid-partition,
a worker without the model, an unreachable scheduler.

One LocalCluster of two worker processes serves the module; extraction is faked
(fake_extract.slow_partition), so every test takes seconds.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from fogofwar.cli import cli
from fogofwar.errors import FogofwarError
from fogofwar.ledger import Ledger
from fogofwar.ledger.ingest import ingest
from fogofwar.scale.engine import Cluster, DaskExtractor
from fogofwar.schema import Document

from .fake_extract import read_log, slow_partition

WAIT = 60  # seconds: the longest any test here waits for anything


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Address of a local cluster of two single-threaded worker processes."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close(timeout=30)


def documents(count: int) -> list[Document]:
    return [
        Document(id=f"d{n:02d}", text=f"Report number {n}: shelling was heard.")
        for n in range(count)
    ]


def fake_extractor(scheduler: str, log: Path, delay: float, partition_size: int) -> DaskExtractor:
    return DaskExtractor(
        Cluster(scheduler=scheduler),
        task=partial(slow_partition, log=str(log), delay=delay),
        load_pipeline=False,
        partition_size=partition_size,
    )


def test_reports_come_back_in_input_order_with_bounded_batches(
    scheduler: str, tmp_path: Path
) -> None:
    log = tmp_path / "log"
    pulled = 0

    def counted(items: list[Document]) -> Iterator[Document]:
        nonlocal pulled
        for item in items:
            pulled += 1
            yield item

    ahead = []
    out = []
    with fake_extractor(scheduler, log, delay=0.2, partition_size=2) as extract:
        for report in extract(counted(documents(20))):
            out.append(report.document.id)
            ahead.append(pulled - len(out))
    assert out == [d.id for d in documents(20)]
    # two workers of one thread: at most 2 x 2 partitions of 2 in flight
    assert max(ahead) <= 4 * 2
    partitions = read_log(str(log))
    expected = [[f"d{n:02d}", f"d{n + 1:02d}"] for n in range(0, 20, 2)]
    assert sorted(ids for _, ids in partitions) == expected  # each partition extracted once
    assert len({pid for pid, _ in partitions}) == 2  # both workers took partitions
    assert extract.partitions == 10 and extract.worker_seconds == pytest.approx(2.0)


def test_a_worker_killed_mid_partition_is_redone_and_each_document_stored_once(
    scheduler: str, tmp_path: Path
) -> None:
    log = tmp_path / "log"
    killed: list[int] = []

    def kill_first_worker_seen() -> None:
        deadline = time.monotonic() + WAIT
        while not read_log(str(log)) and time.monotonic() < deadline:
            time.sleep(0.01)
        if partitions := read_log(str(log)):
            killed.append(partitions[0][0])
            os.kill(partitions[0][0], signal.SIGKILL)

    killer = threading.Thread(target=kill_first_worker_seen, daemon=True)
    killer.start()
    with (
        Ledger(str(tmp_path / "ledger.db")) as ledger,
        fake_extractor(scheduler, log, delay=1.0, partition_size=2) as extract,
    ):
        stats = ingest(iter(documents(12)), ledger.writer, extract, commit_every=4)
        killer.join(timeout=WAIT)
        stored = sorted(r.document.id for r in ledger.reports())
        counts = ledger.counts()
    assert killed, "no partition started"
    assert stats.stored == 12 and stats.failed == 0
    assert stored == [d.id for d in documents(12)]
    assert counts["documents"] == 12
    partitions = read_log(str(log))
    lost = partitions[0][1]  # what the killed worker was extracting
    redone = [pid for pid, ids in partitions[1:] if ids == lost]
    assert redone and killed[0] not in redone


def test_a_worker_without_the_model_is_named(scheduler: str) -> None:
    extractor = DaskExtractor(Cluster(scheduler=scheduler), model="no_such_pipeline_xyz")
    with pytest.raises(FogofwarError) as raised:
        extractor.start()
    message = str(raised.value)
    assert message.startswith("Dask worker tcp://127.0.0.1:")
    assert "'no_such_pipeline_xyz' is not installed" in message
    assert extractor.client is None  # closed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_within_10_s(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kirby said 12 soldiers were killed.")
    url = f"tcp://127.0.0.1:{free_port()}"
    start = time.monotonic()
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"), "--scheduler", url]
    )
    assert time.monotonic() - start < 10
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"Error: cannot reach the Dask scheduler at {url}")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["--engine", "local", "--workers", "2"], "need --engine dask"),
    ],
)
def test_engine_options_that_contradict_each_other(
    tmp_path: Path, options: list[str], message: str
) -> None:
    (tmp_path / "a.txt").write_text("Kirby said 12 soldiers were killed.")
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"), *options]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.db").exists()
