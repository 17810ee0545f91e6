"""The `fogofwar` command: a thin skin over the Python API with the same verbs.

Errors the user can fix are printed as one line (`fogofwar: ...`), never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click
from rich.console import Console

from fogofwar.api.cli import serve
from fogofwar.errors import FogofwarError
from fogofwar.eval.cli import eval_group
from fogofwar.ingest.readers import InputError, iter_documents
from fogofwar.ledger.cli import LEDGER_COMMANDS
from fogofwar.options import batch_size_option, model_option, published_option
from fogofwar.scale.cli import SCALE_COMMANDS
from fogofwar.schema import Document, report_json_schema


@click.group()
@click.version_option(package_name="fogofwar")
def cli() -> None:
    """Turn war and conflict news into a verifiable, source-attributed record."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text for a person; json/jsonl follow `fogofwar schema`.",
)
@model_option
@batch_size_option
def read(
    paths: tuple[str, ...], published: str | None, fmt: str, model: str, batch_size: int
) -> None:
    """Read reports (.txt, .html, .json, .jsonl files, directories, or - for stdin).

    \b
    Example:
      fogofwar read examples/nk-troops-kursk.txt --published 2024-12-28
    """
    nlp = _load(model)
    counts = {"read": 0, "bad": 0}

    def documents() -> Iterator[Document]:
        for item in iter_documents(paths):
            if isinstance(item, InputError):
                counts["bad"] += 1
                click.echo(f"fogofwar: skipped {item}", err=True)
            else:
                counts["read"] += 1
                yield item

    from fogofwar.pipeline import read_many

    reports = read_many(documents(), nlp=nlp, published=published, batch_size=batch_size)
    if fmt == "text":
        from fogofwar.export.text import print_report

        console = Console(width=None if sys.stdout.isatty() else 120)
        for report in reports:
            print_report(report, console)
    elif fmt == "jsonl":
        for report in reports:
            click.echo(report.model_dump_json())
    else:
        _echo_json_array_or_object(report.model_dump_json(indent=2) for report in reports)
    if counts["read"] == 0:
        raise click.ClickException("nothing could be read")


def _echo_json_array_or_object(items: Iterator[str]) -> None:
    """One report prints as an object; several as an array, streamed."""
    first = next(items, None)
    if first is None:
        return
    second = next(items, None)
    if second is None:
        click.echo(first)
        return
    click.echo("[")
    click.echo(first, nl=False)
    for item in (second, *items):
        click.echo(",")
        click.echo(item, nl=False)
    click.echo("\n]")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of a report (the contract of `read --format json`)."""
    click.echo(json.dumps(report_json_schema(), indent=2))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1), help="Use only the first N documents.")
@model_option
@batch_size_option
def bench(paths: tuple[str, ...], limit: int | None, model: str, batch_size: int) -> None:
    """Throughput of bare spaCy and of the full pipeline on the same corpus, and their ratio.

    PATHS are CSV files (a text/body column), or anything `read` accepts.

    \b
    Example:
      fogofwar bench press_releases/ --limit 300
    """
    from rich.table import Table

    from fogofwar.bench import load_corpus, run_benchmark

    texts = load_corpus(paths, limit)
    if not texts:
        raise click.ClickException("no documents found in " + ", ".join(paths))
    _load(model)  # fail early, with one line, on a missing pipeline
    bare, full = run_benchmark(texts, model, batch_size)
    table = Table(title=f"{len(texts)} documents, batch size {batch_size}, model {model}")
    for column in ("run", "documents", "words", "seconds", "words/s", "docs/s", "peak MB"):
        table.add_column(column, justify="right")
    for run in (bare, full):
        table.add_row(
            run.label,
            str(run.documents),
            f"{run.words:,}",
            f"{run.seconds:.1f}",
            f"{run.words_per_second:,.0f}",
            f"{run.documents_per_second:.1f}",
            f"{run.peak_rss_mb:.0f}",
        )
    console = Console()
    console.print(table)
    console.print(
        f"throughput ratio fogofwar/spaCy: {full.words_per_second / bare.words_per_second:.2f}"
    )
    for name, seconds in full.component_seconds.items():
        console.print(
            f"  {name}: {seconds:.2f} s = {100 * seconds / bare.seconds:.1f}% of spaCy's time"
        )


def _load(model: str):
    from fogofwar.pipeline import load

    try:
        return load(model)
    except FogofwarError as error:
        raise click.ClickException(str(error)) from None


cli.add_command(eval_group)
cli.add_command(serve)
for ledger_command in LEDGER_COMMANDS:  # ingest, figures, disputes, sources, events, export
    cli.add_command(ledger_command)
for scale_command in SCALE_COMMANDS:  # extract, bench-scale
    cli.add_command(scale_command)


def main() -> None:
    cli(prog_name="fogofwar")


if __name__ == "__main__":
    sys.exit(main())
