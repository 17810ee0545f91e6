"""The Alembic migrations build exactly the tables of models.py, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from fogofwar.ledger import Ledger
from fogofwar.ledger.database import HEAD_REVISION, head_revision
from fogofwar.ledger.models import Base


def test_head_revision_constant_is_the_newest_script() -> None:
    assert head_revision() == HEAD_REVISION


def test_migrations_match_the_models(ledger: Ledger) -> None:
    with ledger.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []


def test_opening_a_current_ledger_writes_nothing(ledger_url: str) -> None:
    Ledger(ledger_url).close()
    with Ledger(ledger_url) as again:
        with again.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        assert again.counts()["documents"] == 0
