"""The client dies (kill -9) in the middle of a Dask run: its cluster goes with it, and
the rerun skips the stored documents before extraction and stores the rest, once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
from sqlalchemy import create_engine, select

import fogofwar
from fogofwar.ledger import Ledger
from fogofwar.ledger import models as m

from .fake_extract import read_log

CLIENT = Path(__file__).with_name("dask_client.py")
SRC = Path(fogofwar.__file__).resolve().parents[1]
DOCUMENTS = 16


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def stored_ids(db: Path) -> list[str]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return list(conn.scalars(select(m.Document.external_id)))
    except Exception:  # noqa: BLE001 (the tables may not exist yet)
        return []
    finally:
        engine.dispose()


def test_rerun_after_the_client_dies_skips_stored_documents_before_extraction(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    names = [f"report-{n:02d}" for n in range(DOCUMENTS)]
    for n, name in enumerate(names):
        (inputs / f"{name}.txt").write_text(f"The mayor said {n + 3} people were hurt in the city.")
    db, first_log, second_log = tmp_path / "l.db", tmp_path / "first.log", tmp_path / "second.log"

    client = subprocess.Popen(
        [sys.executable, str(CLIENT), str(db), str(inputs), str(first_log)], env=environment()
    )
    deadline = time.monotonic() + 120
    try:
        while len(stored_ids(db)) < 4:
            assert client.poll() is None, "the client ended before it could be killed"
            assert time.monotonic() < deadline, "nothing stored in 2 minutes"
            time.sleep(0.05)
        cluster = psutil.Process(client.pid).children(recursive=True)
    finally:
        client.kill()
        client.wait(timeout=30)
    # the worker processes notice that their parent is gone and exit
    _, alive = psutil.wait_procs(cluster, timeout=30)
    for process in alive:
        process.kill()
    assert not alive, f"processes left behind: {[p.pid for p in alive]}"
    stored_before = set(stored_ids(db))
    assert 4 <= len(stored_before) < DOCUMENTS

    subprocess.run(
        [sys.executable, str(CLIENT), str(db), str(inputs), str(second_log)],
        env=environment(),
        check=True,
        timeout=180,
    )

    extracted_again = {i for _, ids in read_log(str(second_log)) for i in ids}
    assert not extracted_again & stored_before  # skipped before extraction
    assert extracted_again | stored_before == set(names)
    with Ledger(str(db)) as ledger:
        assert sorted(r.document.id for r in ledger.reports()) == names  # each once
        assert ledger.counts()["documents"] == DOCUMENTS
