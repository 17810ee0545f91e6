"""The ledger: many reports in one database, every competing claim kept side by side.

    from fogofwar.ledger import Ledger
    ledger = Ledger("sqlite:///fogofwar.db")   # or postgresql+psycopg://...
    ledger.ingest(["reports/"])                # files, directories, URLs; feeds=[...]
    ledger.figures(country="PRK", category="killed")
    ledger.disputes(); ledger.sources("Zelenskyy"); ledger.events(plover="ASSAULT")

Modules: models (tables), merge (what counts as the same actor, place, series),
store (the write path), ingest (the streaming loop), queries, export, database
(opening, checks, migrations), cli (the `fogofwar` commands). See docs/ledger.md.
"""

from fogofwar.ledger.api import Ledger
from fogofwar.ledger.database import DEFAULT_DB, LedgerError

__all__ = ["DEFAULT_DB", "Ledger", "LedgerError"]
