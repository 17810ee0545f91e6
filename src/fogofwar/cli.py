"""The `fogofwar` command: a thin skin over the Python API with the same verbs."""

from __future__ import annotations

import json
import sys

import click

from fogofwar.eval.cli import eval_group
from fogofwar.schema import report_json_schema


@click.group()
@click.version_option(package_name="fogofwar")
def cli() -> None:
    """Turn war and conflict news into a verifiable, source-attributed record."""


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a report (the contract of `read --format json`)."""
    click.echo(json.dumps(report_json_schema(), indent=2))


cli.add_command(eval_group)


def main() -> None:
    cli(prog_name="fogofwar")


if __name__ == "__main__":
    sys.exit(main())
