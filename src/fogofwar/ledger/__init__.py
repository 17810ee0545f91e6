"""The ledger: many reports in one database, every competing claim kept side by side.

    from fogofwar.ledger import Ledger
    ledger = Ledger("sqlite:///fogofwar.db")   # or postgresql+psycopg://...
    ledger.ingest(["reports/"])                # files, directories, URLs; feeds=[...]
    ledger.figures(country="PRK", category="killed")
    ledger.disputes(); ledger.sources("Zelenskyy"); ledger.events(plover="ASSAULT")

Modules: models (tables), merge (what counts as the same actor, place, series),
rows and store (the write path), ingest (the streaming loop), queries and views,
export and event_formats, database (opening, checks, migrations), cli and render (the
`fogofwar` commands), api (`Ledger`). See docs/ledger.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

DEFAULT_DB = "sqlite:///fogofwar.db"

if TYPE_CHECKING:
    from fogofwar.ledger.api import Ledger
    from fogofwar.ledger.database import LedgerError

__all__ = ["DEFAULT_DB", "Ledger", "LedgerError"]


def __getattr__(name: str) -> Any:
    """Import SQLAlchemy only when the ledger is used (the `fogofwar` command loads this
    package for its ledger commands)."""
    if name == "Ledger":
        from fogofwar.ledger.api import Ledger

        return Ledger
    if name == "LedgerError":
        from fogofwar.ledger.database import LedgerError

        return LedgerError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
