"""Opening a ledger: the engine, SQLite settings, the ledger check and migrations.

`open_engine(url)` accepts any SQLAlchemy URL (`sqlite:///fogofwar.db`,
`postgresql+psycopg://user@host/db`) or a plain file path (taken as SQLite). On open:

* an empty database becomes a ledger (`alembic upgrade head`);
* a database holding other tables, or a file that is not a database, is refused with a
  one-line `LedgerError` and left untouched;
* an older ledger is migrated; a ledger at the current revision is not written to, so a
  read-only ledger can still be queried.

SQLite runs in WAL mode with `synchronous=NORMAL` (committed transactions survive a
killed process) and write transactions take the lock up front (`BEGIN IMMEDIATE`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    SQLAlchemyError,
)

from fogofwar.errors import FogofwarError
from fogofwar.ledger import DEFAULT_DB  # noqa: F401  (re-exported)
from fogofwar.ledger.models import LEDGER_FORMAT

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration (tests/ledger/test_migrations.py keeps it true): opening a ledger at
# this revision needs neither Alembic nor the migration scripts.
HEAD_REVISION = "0001"
SQLITE_BUSY_TIMEOUT_MS = 30_000


class LedgerError(FogofwarError):
    """The ledger cannot be opened or written; the message is one line for the user."""


def to_url(db: str) -> str:
    """A SQLAlchemy URL from `--db`: URLs pass through, a bare path means SQLite."""
    return db if "://" in db else f"sqlite:///{db}"


def describe(url: str) -> str:
    """The database for messages, without its password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def open_engine(db: str, *, create: bool = True) -> Engine:
    """An engine on a checked, up-to-date ledger (see the module docstring). Without
    `create`, a missing or empty database is an error instead of a new ledger."""
    url = to_url(db)
    try:
        engine = create_engine(url)
    except (ArgumentError, NoSuchModuleError) as error:
        raise LedgerError(f"{db!r} is not a database URL ({error})") from None
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        if not create and path and path != ":memory:" and not Path(path).exists():
            raise LedgerError(_no_ledger(url))
        _configure_sqlite(engine)
    try:
        _check_and_migrate(engine, url, create)
    except LedgerError:
        engine.dispose()
        raise
    except SQLAlchemyError as error:
        engine.dispose()
        raise LedgerError(f"cannot open the ledger {describe(url)}: {explain(error)}") from None
    return engine


def explain(error: BaseException) -> str:
    """One line saying what went wrong with the database, in plain words."""
    original = getattr(error, "orig", None) or error
    message = " ".join(str(original).split())
    lowered = message.lower()
    if "file is not a database" in lowered:
        return "the file is not a fogofwar ledger (not an SQLite database)"
    if "readonly" in lowered or "read-only" in lowered or "read only" in lowered:
        return f"the database is read-only ({message})"
    if "disk is full" in lowered or "no space left" in lowered or "disk full" in lowered:
        return f"the disk is full ({message})"
    if "unable to open database file" in lowered:
        return "cannot open the database file (does its directory exist?)"
    if "locked" in lowered:
        return f"the database is locked by another process ({message})"
    return message


def is_fatal(error: DBAPIError) -> bool:
    """True unless the error is about one document's data (a value the database refuses,
    a unique key another writer took first): then the other documents can still go in.
    Read-only databases, full disks, lost connections and bugs stop the run."""
    return not isinstance(error, DataError | IntegrityError)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's `begin` event starts them
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")  # with WAL: commits survive a crash
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # Alembic is needed only to migrate

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision among the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _no_ledger(url: str) -> str:
    return f"there is no ledger at {describe(url)} yet (`fogofwar ingest` makes one)"


def _check_and_migrate(engine: Engine, url: str, create: bool) -> None:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if tables:
            _check_is_ledger(connection, tables, url)
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if current == HEAD_REVISION:
                connection.commit()
                _use_wal(engine)
                return
            if current not in _known_revisions():
                raise LedgerError(
                    f"{describe(url)} was written by a newer fogofwar (revision {current}); "
                    f"upgrade fogofwar to use it"
                )
        elif not create:
            raise LedgerError(_no_ledger(url))
        connection.commit()
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
    _use_wal(engine)


def _use_wal(engine: Engine) -> None:
    """Put a SQLite ledger in WAL mode (stored in the file; done only once the database is
    known to be a ledger, so that nobody else's file is ever changed)."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    except sqlite3.DatabaseError:
        pass  # a read-only ledger stays in its mode; it can still be queried
    finally:
        connection.close()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def _check_is_ledger(connection: Connection, tables: set[str], url: str) -> None:
    problem = None
    if "ledger_info" not in tables or "alembic_version" not in tables:
        others = ", ".join(sorted(tables)[:5])
        problem = f"it holds other tables: {others}"
    else:
        try:
            row = connection.execute(
                text("SELECT value FROM ledger_info WHERE key = 'format'")
            ).first()
        except DBAPIError:
            row = None
        if row is None or not str(row[0]).startswith(LEDGER_FORMAT.split("/")[0]):
            problem = "its ledger_info table does not name a fogofwar ledger"
    if problem:
        raise LedgerError(f"{describe(url)} is not a fogofwar ledger ({problem})")
