"""A cluster as on several machines: `dask scheduler` and two `dask worker` processes
started by hand on 127.0.0.1, and fogofwar ingesting through them (with spaCy)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

import fogofwar
from fogofwar.cli import cli
from fogofwar.ledger import Ledger
from fogofwar.scale.run import EngineOptions, ingest_inputs

from .test_engines_identical import TEXTS, snapshot

SRC = Path(fogofwar.__file__).resolve().parents[1]
DASK = str(Path(sys.executable).with_name("dask"))
WAIT = 60


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def stop(processes: list[subprocess.Popen]) -> None:
    """Kill the processes and whatever they started (the workers under a nanny): a
    graceful shutdown takes seconds, and nothing here needs one."""
    family = []
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            family += psutil.Process(process.pid).children(recursive=True)
    for process in reversed(processes):
        process.kill()
        process.wait(timeout=10)
    _, alive = psutil.wait_procs(family, timeout=10)
    for leftover in alive:
        leftover.kill()


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    """Address of a scheduler with two single-threaded workers, all separate processes."""
    address_file = tmp_path / "scheduler.json"
    log = (tmp_path / "cluster.log").open("w")
    common = {"env": environment(), "stdout": log, "stderr": subprocess.STDOUT}
    processes = [
        subprocess.Popen(
            [DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
            + ["--scheduler-file", str(address_file)],
            **common,
        )
    ]
    try:
        deadline = time.monotonic() + WAIT
        while not address_file.exists():
            assert processes[0].poll() is None, (tmp_path / "cluster.log").read_text()
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        time.sleep(0.2)  # the file is written whole, but give it a moment
        address = json.loads(address_file.read_text())["address"]
        for name in ("worker-1", "worker-2"):
            processes.append(
                subprocess.Popen(
                    [DASK, "worker", address, "--name", name, "--nthreads", "1"]
                    + ["--nworkers", "1", "--host", "127.0.0.1", "--no-dashboard"],
                    **common,
                )
            )
        from distributed import Client

        with Client(address, timeout=WAIT, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=WAIT)
        yield address
    finally:
        stop(processes)
        log.close()


@pytest.mark.usefixtures("nlp")
def test_ingest_through_a_scheduler_and_two_worker_processes(
    scheduler: str, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for number, text in enumerate(TEXTS):
        (inputs / f"report-{number}.txt").write_text(text)
    local, remote, by_cli = tmp_path / "local.db", tmp_path / "remote.db", tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", str(local)])
    assert result.exit_code == 0, result.output

    workers_used: set[str] = set()
    options = EngineOptions(engine="dask", scheduler=scheduler, partition_size=2)
    with Ledger(str(remote)) as ledger:
        stats = ingest_inputs(
            ledger.writer,
            [str(inputs)],
            options,
            on_partition=lambda partition, _: workers_used.add(partition.worker),
        )
    assert stats.stored == len(TEXTS)
    assert len(workers_used) == 2  # both worker processes extracted
    assert snapshot(remote) == snapshot(local)

    result = CliRunner().invoke(
        cli, ["ingest", str(inputs), "--db", str(by_cli), "--scheduler", scheduler]
    )
    assert result.exit_code == 0, result.output
    assert f"ingest (dask {scheduler}: 2 workers)" in result.output
    assert snapshot(by_cli) == snapshot(local)
