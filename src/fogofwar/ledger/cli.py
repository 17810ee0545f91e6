"""The ledger commands of `fogofwar`: ingest, figures, disputes, sources, events, export.

Each is a thin skin over `fogofwar.ledger.Ledger` with the same verb. Problems the user
can fix (a database that is not a ledger, a read-only or full disk, a bad date) are one
line, never a traceback; unreadable inputs are reported one line each and skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from fogofwar.errors import FogofwarError
from fogofwar.ledger import DEFAULT_DB, render
from fogofwar.options import batch_size_option, published_option
from fogofwar.schema import FigureCategory, PloverType

if TYPE_CHECKING:
    from fogofwar.ledger.api import Ledger

db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="FOGOFWAR_DB",
    help="The ledger: a SQLite file path or any SQLAlchemy URL "
    "(postgresql+psycopg://user@host/db). Env: FOGOFWAR_DB.",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
since_option = click.option("--since", metavar="DATE", help="Only claims from this day on.")


@contextmanager
def _ledger(db: str, *, create: bool = False) -> Iterator[Ledger]:
    """The open ledger (made if missing only when `create`); its errors become one-line
    messages."""
    from fogofwar.ledger.api import Ledger

    try:
        ledger = Ledger(db, create=create)
    except FogofwarError as error:
        raise click.ClickException(str(error)) from None
    try:
        yield ledger
    except FogofwarError as error:
        raise click.ClickException(str(error)) from None
    except ValueError as error:  # a bad --since and the like
        raise click.ClickException(str(error)) from None
    finally:
        ledger.close()


class RateColumn(ProgressColumn):
    """Documents per second since the start: with Dask, reports arrive a partition at a
    time, and a rate over the last few updates would jump with each partition."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time or task.elapsed
        speed = task.completed / elapsed if elapsed and task.completed else None
        return Text(f"{speed:.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")


@click.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="URL_OR_FILE",
    help="An RSS/Atom feed; each entry's link is fetched (repeatable).",
)
@click.option(
    "--summaries",
    is_flag=True,
    help="Read feed entries' summaries instead of fetching their links.",
)
@db_option
@click.option("--model", default=None, help="spaCy pipeline [default: fogofwar's].")
@published_option
@batch_size_option
@click.option(
    "--commit-every",
    default=32,
    show_default=True,
    type=click.IntRange(1),
    help="Documents per transaction.",
)
@click.option(
    "--timeout",
    default=20.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds to wait for a web server.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    help="Where extraction runs: this process (default) or a Dask cluster (docs/scale.md).",
)
@click.option("--workers", type=click.IntRange(1), help="Dask: a local cluster of N processes.")
@click.option("--scheduler", metavar="URL", help="Dask: an existing scheduler, tcp://HOST:PORT.")
def ingest(
    inputs: tuple[str, ...],
    feeds: tuple[str, ...],
    summaries: bool,
    db: str,
    model: str | None,
    published: str | None,
    batch_size: int,
    commit_every: int,
    timeout: float,
    engine: str | None,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Read reports into the ledger: files, directories (.jsonl.gz and .warc.gz too),
    article URLs, feeds, or shard directories written by `fogofwar extract`.

    Texts already in the ledger are skipped before extraction; an interrupted run is
    finished by running the same command again.

    \b
    Examples:
      fogofwar ingest reports/ --published 2024-12-28
      fogofwar ingest https://example.org/news/article.html
      fogofwar ingest --feed https://example.org/rss.xml --db postgresql+psycopg:///war
      fogofwar ingest CC-NEWS-*.warc.gz --engine dask --workers 4
    """
    from fogofwar.ingest.fetch import FetchLimits
    from fogofwar.pipeline import DEFAULT_MODEL
    from fogofwar.scale.run import EngineOptions, estimate_inputs, ingest_inputs

    if not inputs and not feeds:
        raise click.UsageError("give files, directories or URLs to ingest, or --feed")
    try:
        options = EngineOptions.choose(
            engine,
            workers,
            scheduler,
            model=model or DEFAULT_MODEL,
            published=published,
            batch_size=batch_size,
        )
        total = estimate_inputs(inputs)
    except FogofwarError as error:
        raise click.UsageError(str(error)) from None
    errors = Console(stderr=True, highlight=False)
    limits = FetchLimits(read_timeout=timeout, connect_timeout=min(timeout, 10.0))
    with (
        _ledger(db, create=True) as ledger,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=errors,
        ) as progress,
    ):
        task = progress.add_task(f"ingest ({options.describe()})", total=total)

        def more_entries(count: int) -> None:
            current = progress.tasks[0].total or 0
            progress.update(task, total=current + count)

        stats = ingest_inputs(
            ledger.writer,
            inputs,
            options,
            feeds=feeds,
            summaries=summaries,
            commit_every=commit_every,
            limits=limits,
            on_error=lambda error: progress.console.print(
                f"fogofwar: skipped {error}", markup=False, soft_wrap=True
            ),
            on_progress=lambda count: progress.advance(task, count),
            on_entries=more_entries,
            on_partition=lambda _, workers: progress.update(
                task, description=f"ingest ({options.describe(workers)})"
            ),
        )
    versions = f" ({stats.versions} new versions of known URLs)" if stats.versions else ""
    plural = "" if stats.stored == 1 else "s"
    errors.print(
        f"stored {stats.stored} document{plural}{versions}, {stats.already} already in the "
        f"ledger, {stats.failed} failed -> {ledger.name}",
        markup=False,
        soft_wrap=True,
    )
    if stats.failed and not (stats.stored or stats.already):
        raise click.ClickException("nothing could be read")


def _query_filters(func: Callable) -> Callable:
    for option in reversed(
        (
            click.option("--who", help="Whom the figures count (words of the name)."),
            click.option("--country", metavar="ISO3", help="Their country, e.g. PRK."),
            click.option("--category", type=click.Choice(get_args(FigureCategory))),
            since_option,
        )
    ):
        func = option(func)
    return func


def _emit(
    fmt: str, data: Any, table: Callable[[Console], None], csv_fields: tuple, csv_rows: Any
) -> None:
    if fmt == "json":
        render.write_json(sys.stdout, data)
    elif fmt == "csv":
        render.write_csv(sys.stdout, csv_fields, csv_rows)
    else:
        table(Console(width=None if sys.stdout.isatty() else 160))


@click.command()
@_query_filters
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=20,
    show_default=True,
    help="At most this many series, the most recently claimed first.",
)
@format_option
@db_option
def figures(
    who: str | None,
    country: str | None,
    category: str | None,
    since: str | None,
    limit: int,
    fmt: str,
    db: str,
) -> None:
    """Figure series: how many, according to whom, and how that changed.

    \b
    Example:
      fogofwar figures --country PRK --category killed --since 2024-12-01
    """
    with _ledger(db) as ledger:
        series = ledger.figures(
            who=who, country=country, category=category, since=since, limit=limit
        )
    _emit(
        fmt,
        [s.to_dict() for s in series],
        lambda c: render.print_series(series, c),
        render.SERIES_FIELDS + render.CLAIM_FIELDS,
        render.series_rows(series),
    )


@click.command()
@_query_filters
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@format_option
@db_option
def disputes(
    who: str | None,
    country: str | None,
    category: str | None,
    since: str | None,
    limit: int,
    fmt: str,
    db: str,
) -> None:
    """Series whose claims for the same day cannot all be true (their intervals do not
    overlap). Running totals and per-window counts are never compared."""
    with _ledger(db) as ledger:
        found = ledger.disputes(
            who=who, country=country, category=category, since=since, limit=limit
        )
    rows = ({"day": d.day, **row} for d in found for row in render.series_rows([d.series]))
    _emit(
        fmt,
        [d.to_dict() for d in found],
        lambda c: render.print_disputes(found, c),
        ("day", *render.SERIES_FIELDS, *render.CLAIM_FIELDS),
        rows,
    )


@click.command()
@click.argument("actor")
@since_option
@click.option("--limit", type=click.IntRange(1), default=200, show_default=True)
@format_option
@db_option
def sources(actor: str, since: str | None, limit: int, fmt: str, db: str) -> None:
    """What one source has claimed: its figures, quotes and events, newest first.

    \b
    Example:
      fogofwar sources Zelensky
    """
    with _ledger(db) as ledger:
        report = ledger.sources(actor, since=since, limit=limit)
    _emit(
        fmt,
        report.to_dict(),
        lambda c: render.print_sources(report, c),
        ("kind", "date", "text", "detail", "outlet", "document_id", "document_url"),
        (asdict(item) for item in report.items),
    )


@click.command()
@click.option("--plover", type=click.Choice(get_args(PloverType), case_sensitive=False))
@click.option("--actor", help="A participant (actor, recipient or victim).")
@click.option("--country", metavar="ISO3", help="The place's or a participant's country.")
@click.option("--place", help="Words of the place name.")
@since_option
@click.option("--until", metavar="DATE", help="Only events up to this day.")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True)
@format_option
@db_option
def events(
    plover: str | None,
    actor: str | None,
    country: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    fmt: str,
    db: str,
) -> None:
    """Events in the ledger, newest first."""
    with _ledger(db) as ledger:
        found = ledger.events(
            plover=plover,
            actor=actor,
            country=country,
            place=place,
            since=since,
            until=until,
            limit=limit,
        )
    fields = tuple(found[0].to_dict()) if found else ("id",)
    _emit(
        fmt,
        [e.to_dict() for e in found],
        lambda c: render.print_events(found, c),
        fields,
        (e.to_dict() for e in found),
    )


@click.command(name="export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["jsonl", "csv", "acled-csv", "plover-json", "geojson", "parquet"]),
)
@click.option(
    "--table",
    type=click.Choice(["figures", "events"]),
    default="figures",
    show_default=True,
    help="Rows of csv and parquet: figure claims or events.",
)
@since_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here instead of standard output (parquet needs a file).",
)
@db_option
def export_command(fmt: str, table: str, since: str | None, output: str | None, db: str) -> None:
    """Export the ledger (formats documented field by field in docs/ledger.md).

    \b
    Examples:
      fogofwar export --format acled-csv -o events.csv
      fogofwar export --format parquet --table figures -o claims.parquet
    """
    if fmt == "parquet" and not output:
        raise click.UsageError("parquet is binary: give a file with --output")
    with _ledger(db) as ledger:
        try:
            if output is None:
                count = ledger.export(fmt, sys.stdout, table=table, since=since)
            else:
                mode = "wb" if fmt == "parquet" else "w"
                with open(
                    output, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})
                ) as out:
                    count = ledger.export(fmt, out, table=table, since=since)
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    where = Path(output).name if output else "standard output"
    Console(stderr=True).print(f"exported {count} records to {where}", markup=False, soft_wrap=True)


LEDGER_COMMANDS = (ingest, figures, disputes, sources, events, export_command)
