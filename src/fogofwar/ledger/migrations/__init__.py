"""Alembic migrations of the ledger schema; `database.open_engine` runs them on open."""
