"""kill -9 at any moment leaves no half-stored document; rerunning finishes the job with
nothing lost and nothing doubled (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text

import fogofwar
from fogofwar.ledger import Ledger
from fogofwar.ledger import models as m

from .slow_ingest import expected_report

WORKER = Path(__file__).with_name("slow_ingest.py")
SRC = Path(fogofwar.__file__).resolve().parents[1]
DOCUMENTS = 160


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def stored(engine: Engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(m.Document)) or 0
    except Exception:  # noqa: BLE001 (the tables may not exist yet)
        return 0


def kill_when(command: list[str], engine: Engine, at_least: int) -> bool:
    """Start `command`, kill -9 it once `at_least` documents are stored (plus a random
    few milliseconds, to land inside a transaction as often as between two). True if it
    was still running when killed."""
    process = subprocess.Popen(command, env=environment())
    deadline = time.monotonic() + 120
    while process.poll() is None and stored(engine) < at_least:
        assert time.monotonic() < deadline, "the worker stored nothing in 2 minutes"
        time.sleep(0.01)
    time.sleep(random.uniform(0, 0.03))
    running = process.poll() is None
    process.kill()
    process.wait()
    return running


def test_kill_9_then_rerun_loses_and_doubles_nothing(ledger_url: str, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    expected = [expected_report(n) for n in range(DOCUMENTS)]
    for report in expected:
        (inputs / f"{report.document.id}.json").write_text(report.document.model_dump_json())
    command = [sys.executable, str(WORKER), ledger_url, str(inputs)]
    engine = create_engine(ledger_url)
    killed_mid_run = [kill_when(command, engine, at_least) for at_least in (1, 40, 90)]
    assert any(killed_mid_run)
    assert stored(engine) < DOCUMENTS
    engine.dispose()

    subprocess.run(command, env=environment(), check=True, timeout=300)

    with Ledger(ledger_url) as ledger:
        rebuilt = sorted(ledger.reports(), key=lambda r: int(r.document.id.split("-")[1]))
        assert rebuilt == expected  # every document, whole, once
        counts = ledger.counts()
        assert counts["documents"] == counts["figures"] == counts["events"] == DOCUMENTS
        with ledger.engine.connect() as conn:
            claims = conn.scalar(select(func.sum(m.Series.claim_count)))
            assert claims == DOCUMENTS  # series counters were rolled back with their batch
            days = conn.scalar(select(func.sum(m.SeriesDay.claims)))
            assert days == DOCUMENTS  # every claim is comparable: exact, dated, asserted
            people = conn.scalar(
                select(func.count()).select_from(m.Actor).where(m.Actor.kind == "person")
            )
            assert people == 3  # Zelenskyy (3 spellings), Kirby, Petrenko (+ bare surname)
            if ledger.engine.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


@pytest.mark.usefixtures("nlp")
def test_fogofwar_ingest_killed_and_rerun_matches_a_clean_run(tmp_path: Path) -> None:
    """The real command with spaCy: killed once, rerun, compared with an uninterrupted run."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for n in range(60):
        (inputs / f"report-{n:03d}.txt").write_text(
            f"Officials in Kharkiv said {n + 2} civilians were wounded on Monday. "
            f"Mayor Ihor Terekhov said the strike hit school number {n}.\n"
        )
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"
    command = [
        sys.executable,
        "-m",
        "fogofwar.cli",
        "ingest",
        str(inputs),
        "--db",
        str(killed_db),
        "--commit-every",
        "4",
        "--published",
        "2024-12-28",
    ]
    engine = create_engine(f"sqlite:///{killed_db}")
    assert kill_when(command, engine, at_least=8)
    assert stored(engine) < 60
    engine.dispose()
    rerun = subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "already in the ledger" in rerun.stderr

    from click.testing import CliRunner

    from fogofwar.cli import cli

    clean = CliRunner().invoke(
        cli, ["ingest", str(inputs), "--db", str(clean_db), "--published", "2024-12-28"]
    )
    assert clean.exit_code == 0, clean.output
    with Ledger(str(killed_db)) as killed, Ledger(str(clean_db)) as uninterrupted:
        assert killed.counts() == uninterrupted.counts()
        assert killed.counts()["documents"] == 60

        def by_id(ledger: Ledger) -> list:
            return sorted(ledger.reports(), key=lambda r: r.document.id)

        assert by_id(killed) == by_id(uninterrupted)
