"""Databases that are not ledgers, read-only ledgers, a full disk, huge files: one clear
line each, the rest of the run goes on where it can, and the ledger is never corrupt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, event, text

from fogofwar.cli import cli
from fogofwar.ledger import Ledger, LedgerError
from fogofwar.schema import Report

from .reports import claim_report


def one_line_error(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: ")
    return lines[-1]


def reports(count: int, start: int = 0) -> list[Report]:
    return [
        claim_report(
            f"d{n}",
            number=str(n),
            value=n,
            low=n,
            high=n,
            qualifier="exact",
            extra="Filler words. " * 40,
        )
        for n in range(start, start + count)
    ]


# -- not a ledger ------------------------------------------------------------------------
def test_a_text_file_is_not_a_ledger(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my shopping list\n")
    line = one_line_error(["figures", "--db", str(notes)])
    assert line == (
        f"Error: cannot open the ledger {notes}: the file is not a fogofwar "
        "ledger (not an SQLite database)"
    )
    assert notes.read_text() == "my shopping list\n"


def test_another_sqlite_database_is_not_a_ledger(tmp_path: Path) -> None:
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    before = other.read_bytes()
    line = one_line_error(["ingest", "whatever.txt", "--db", str(other)])
    assert line == f"Error: {other} is not a fogofwar ledger (it holds other tables: users)"
    assert other.read_bytes() == before


@pytest.mark.postgres
def test_another_postgresql_database_is_not_a_ledger(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer)"))
    engine.dispose()
    line = one_line_error(["events", "--db", postgres_url])
    assert line.endswith("is not a fogofwar ledger (it holds other tables: invoices)")
    assert "t_" in line and "fogofwar@127.0.0.1" in line


def test_a_ledger_from_a_newer_fogofwar_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Ledger(str(db)).close()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(LedgerError, match="written by a newer fogofwar"):
        Ledger(str(db))


@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("nosuchdriver://x/y", "is not a database URL"),
        (
            "/no/such/directory/ledger.db",
            "cannot open the database file (does its directory exist?)",
        ),
        ("postgresql+psycopg://nobody@127.0.0.1:9/none", "cannot open the ledger"),
    ],
)
def test_unusable_database_urls(db: str, message: str) -> None:
    assert message in one_line_error(["ingest", "report.txt", "--db", db])


def test_queries_do_not_make_a_ledger_where_there_is_none(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    line = one_line_error(["figures", "--db", str(missing)])
    assert line == f"Error: there is no ledger at {missing} yet (`fogofwar ingest` makes one)"
    assert not missing.exists()


@pytest.mark.postgres
def test_queries_on_an_empty_postgresql_database(postgres_url: str) -> None:
    line = one_line_error(["disputes", "--db", postgres_url])
    assert line.startswith("Error: there is no ledger at postgresql+psycopg://")


# -- read-only ----------------------------------------------------------------------------
def read_only(url: str, tmp_path: Path) -> str:
    """The same ledger, opened read-only (root ignores file modes, so: the database's
    own read-only switch)."""
    if url.startswith("sqlite"):
        return f"sqlite:///file:{tmp_path / 'ledger.db'}?mode=ro&uri=true"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        name = conn.scalar(text("SELECT current_database()"))
        conn.execute(text(f"ALTER DATABASE {name} SET default_transaction_read_only = on"))
    engine.dispose()
    return url


def test_a_read_only_ledger_answers_queries_and_refuses_writes(
    ledger_url: str, tmp_path: Path
) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.store(reports(3))
        before = ledger.counts()
    locked = read_only(ledger_url, tmp_path)
    with Ledger(locked) as ledger:
        assert len(ledger.figures()) == 1
        with pytest.raises(
            LedgerError, match="cannot write to the ledger: the database is read-only"
        ):
            ledger.store(reports(2, start=10))
        assert ledger.counts() == before


def test_ingest_into_a_read_only_ledger_is_one_line(ledger_url: str, tmp_path: Path) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.store(reports(1))
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Officials said two civilians were wounded in Kharkiv.")
    locked = read_only(ledger_url, tmp_path)
    line = one_line_error(["ingest", str(inputs), "--db", locked])
    assert line.startswith("Error: cannot write to the ledger: the database is read-only")
    assert line.endswith(
        "; 0 documents were stored before that, and running the same command again finishes the job"
    )


# -- a full disk --------------------------------------------------------------------------
def test_a_full_disk_stops_cleanly_and_the_rest_is_stored_later(tmp_path: Path) -> None:
    """SQLite's max_page_count makes the database file full, as a full disk would."""
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    with Ledger(url) as ledger:
        ledger.store(reports(5))
        before = ledger.counts()
    full = Ledger(url)
    with full.engine.connect() as conn:
        pages = conn.scalar(text("PRAGMA page_count"))
    full.engine.dispose()

    @event.listens_for(full.engine, "connect")
    def _limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    with pytest.raises(LedgerError, match="cannot write to the ledger: the disk is full"):
        full.store(reports(200, start=100), batch_size=200)
    assert full.counts() == before
    full.close()
    with Ledger(url) as ledger:
        with ledger.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert len(ledger.store(reports(200, start=100)).stored) == 200
        assert ledger.counts()["documents"] == 205


# -- bad documents among good ones --------------------------------------------------------
def test_a_document_the_database_refuses_does_not_stop_the_batch(ledger: Ledger) -> None:
    """PostgreSQL refuses NUL characters in text; SQLite stores them. Either way the other
    documents of the batch are stored."""
    bad = claim_report("nul", extra="Broken \x00 byte.")
    result = ledger.store([*reports(2), bad, *reports(2, start=5)])
    if ledger.engine.dialect.name == "postgresql":
        assert len(result.stored) == 4
        assert result.failed == [("nul", result.failed[0][1])]
        assert "0x00" in result.failed[0][1]
    else:
        assert len(result.stored) == 5 and result.failed == []


@pytest.mark.usefixtures("nlp")
def test_a_2_gb_file_is_skipped_and_the_rest_ingested(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    with (inputs / "huge.txt").open("wb") as huge:
        huge.truncate(2 * 2**30)  # sparse: no disk used
    (inputs / "small.txt").write_text("Officials said two civilians were wounded in Kharkiv.")
    db = tmp_path / "ledger.db"
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "huge.txt: too large (2048 MB" in result.stderr
    assert "stored 1 document, 0 already in the ledger, 1 failed" in result.stderr


def test_a_new_sqlite_ledger_is_in_wal_mode(tmp_path: Path) -> None:
    Ledger(str(tmp_path / "new.db")).close()
    with sqlite3.connect(tmp_path / "new.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
