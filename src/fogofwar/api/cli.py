"""`fogofwar serve`: the API and the dashboard on a ledger, with uvicorn.

It binds to 127.0.0.1 unless told otherwise. Beyond loopback, reads need the token as
well, unless `--public` says the ledger may be read by anyone who reaches the address.
"""

from __future__ import annotations

import os

import click

from fogofwar.errors import FogofwarError
from fogofwar.ledger.cli import db_option
from fogofwar.ledger.database import describe, to_url

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--public",
    is_flag=True,
    help="Beyond loopback, let anyone read without the token (writes still need it).",
)
@click.option(
    "--max-body",
    default=2_000_000,
    show_default=True,
    type=click.IntRange(1024),
    help="Largest request body in bytes (larger: 413).",
)
def serve(db: str, host: str, port: int, public: bool, max_body: int) -> None:
    """Serve the JSON API and the dashboard on a ledger.

    POST /api/ingest needs the token in FOGOFWAR_TOKEN (Authorization: Bearer ...).

    \b
    Example:
      fogofwar ingest examples/ --published 2024-12-28
      fogofwar serve            # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from fogofwar.api import create_app
    from fogofwar.api.security import is_loopback

    token = os.environ.get("FOGOFWAR_TOKEN") or None
    loopback = is_loopback(host)
    if not loopback and not public and token is None:
        raise click.ClickException(
            f"{host} is not a loopback address: set FOGOFWAR_TOKEN (readers will need it) "
            "or pass --public to let anyone read"
        )
    allowed = sorted({*LOOPBACK_NAMES, host}) if loopback else None
    try:
        app = create_app(
            db, token, open_reads=loopback or public, max_body=max_body, allowed_hosts=allowed
        )
    except FogofwarError as error:
        raise click.ClickException(str(error)) from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"fogofwar: serving {describe(to_url(db))} at http://{shown}:{port}/")
    if token is None:
        click.echo("fogofwar: writing is off (set FOGOFWAR_TOKEN to enable POST /api/ingest)")
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="warning")
