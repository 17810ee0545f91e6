"""Alembic environment: migrate the ledger tables of `fogofwar.ledger.models`.

fogofwar runs this programmatically (database.open_engine passes an open connection in
`config.attributes["connection"]`). Run by hand, it reads `sqlalchemy.url` instead:
    alembic -x url=sqlite:///fogofwar.db upgrade head   (with script_location set here)
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from fogofwar.ledger.models import Base

target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    engine = create_engine(url)
    with engine.begin() as new_connection:
        run_migrations(new_connection)
