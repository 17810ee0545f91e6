"""The scale-out commands of `fogofwar`: extract (corpus -> shards) and bench-scale.

`fogofwar ingest --engine dask` lives with the other ledger commands (ledger/cli.py);
both go through fogofwar.scale.run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from fogofwar.defaults import DEFAULT_MODEL
from fogofwar.errors import FogofwarError
from fogofwar.options import batch_size_option, model_option, published_option

if TYPE_CHECKING:
    from rich.table import Table

    from fogofwar.scale.bench import ScaleRun

engine_options = (
    click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        help="Where extraction runs: this process (default) or a Dask cluster.",
    ),
    click.option("--workers", type=click.IntRange(1), help="Dask: a local cluster of N processes."),
    click.option(
        "--scheduler", metavar="URL", help="Dask: an existing scheduler, tcp://HOST:PORT."
    ),
    model_option,
    batch_size_option,
)


def _with_engine_options(func):  # noqa: ANN001, ANN202 (a click decorator)
    for option in reversed(engine_options):
        func = option(func)
    return func


@click.command()
@click.argument("corpus", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Directory of the shards (created; a rerun into it resumes).",
)
@click.option(
    "--layout",
    type=click.Choice(["parquet", "jsonl"]),
    default="parquet",
    show_default=True,
    help="Parquet partitioned by month, or JSONL.gz files.",
)
@click.option(
    "--shard-size",
    default=1000,
    show_default=True,
    type=click.IntRange(1),
    help="Reports buffered before the shards are written.",
)
@published_option
@_with_engine_options
def extract(
    corpus: tuple[str, ...],
    out: str,
    layout: str,
    shard_size: int,
    published: str | None,
    engine: str | None,
    workers: int | None,
    scheduler: str | None,
    model: str,
    batch_size: int,
) -> None:
    """Extract the reports of a corpus into shards, without a database.

    CORPUS: files and directories (.txt, .html, .json, .jsonl, .jsonl.gz, .warc(.gz),
    .wet(.gz)) or article URLs. `fogofwar ingest OUT` stores the shards in a ledger
    later, without extracting again. Documents already in OUT are skipped: an
    interrupted run is finished by running the same command again.

    \b
    Examples:
      fogofwar extract CC-NEWS-*.warc.gz --out shards/ --engine dask --workers 4
      fogofwar extract corpus.jsonl.gz --out shards/ --scheduler tcp://10.0.0.5:8786
    """
    from fogofwar.ledger.cli import RateColumn
    from fogofwar.scale.run import EngineOptions, estimate_inputs, ingest_inputs
    from fogofwar.scale.shards import ShardWriter

    errors = Console(stderr=True, highlight=False)
    try:
        options = EngineOptions.choose(
            engine, workers, scheduler, model=model, published=published, batch_size=batch_size
        )
        total = estimate_inputs(corpus)
    except FogofwarError as error:
        raise click.UsageError(str(error)) from None
    try:
        with (
            ShardWriter(Path(out), model=model, layout=layout, shard_size=shard_size) as writer,
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeElapsedColumn(),
                console=errors,
            ) as progress,
        ):
            task = progress.add_task(f"extract ({options.describe()})", total=total)
            stats = ingest_inputs(
                writer,
                corpus,
                options,
                on_error=lambda error: progress.console.print(
                    f"fogofwar: skipped {error}", markup=False, soft_wrap=True
                ),
                on_progress=lambda count: progress.advance(task, count),
                on_partition=lambda _, count: progress.update(
                    task, description=f"extract ({options.describe(count)})"
                ),
            )
    except FogofwarError as error:
        raise click.ClickException(str(error)) from None
    errors.print(
        f"extracted {stats.stored} documents, {stats.already} already in the shards, "
        f"{stats.failed} failed -> {out}",
        markup=False,
        soft_wrap=True,
    )
    if stats.failed and not (stats.stored or stats.already):
        raise click.ClickException("nothing could be read")


@click.command(name="bench-scale")
@click.argument("paths", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1), help="Use only the first N documents.")
@click.option(
    "--workers",
    "worker_counts",
    default="1,2",
    show_default=True,
    help="Dask cluster sizes to run, comma-separated.",
)
@click.option("--partition-size", default=64, show_default=True, type=click.IntRange(1))
@click.option("--model", default=DEFAULT_MODEL, show_default=True)
@batch_size_option
def bench_scale(
    paths: tuple[str, ...],
    limit: int | None,
    worker_counts: str,
    partition_size: int,
    model: str,
    batch_size: int,
) -> None:
    """Documents/s of `fogofwar ingest` with the local engine and with Dask, and the
    scaling efficiency, on the same corpus in one run.

    PATHS are CSV files (a text/body column), or anything `read` accepts.

    \b
    Example:
      fogofwar bench-scale press_releases/ --limit 400 --workers 1,2
    """
    from fogofwar.bench import load_corpus
    from fogofwar.scale.bench import as_documents, run_dask, run_local

    try:
        counts = [int(n) for n in worker_counts.split(",") if n.strip()]
    except ValueError:
        raise click.BadParameter("give numbers, e.g. 1,2", param_hint="--workers") from None
    documents = as_documents(load_corpus(paths, limit))
    if not documents:
        raise click.ClickException("no documents found in " + ", ".join(paths))
    console = Console()
    try:
        runs = [run_local(documents, model, batch_size)]
        for workers in counts:
            runs.append(run_dask(documents, model, batch_size, workers, partition_size))
    except FogofwarError as error:
        raise click.ClickException(str(error)) from None
    console.print(scale_table(runs, partition_size, model))
    console.print(
        "efficiency: docs/s with N workers / (N x docs/s with 1 worker). CPU: all processes "
        "of the run; 'CPU vs local': extra CPU of the Dask run over the local one. idle: "
        "worker time not spent extracting. load: the machine's 1-minute load average."
    )


def scale_table(runs: list[ScaleRun], partition_size: int, model: str) -> Table:
    """The benchmark's runs as a table; the first run is the local engine."""
    from rich.table import Table

    local = runs[0]
    single = next((r for r in runs if r.workers == 1), None)
    table = Table(title=f"{local.documents} documents, partitions of {partition_size}, {model}")
    columns = ("engine", "docs/s", "seconds", "CPU s/doc", "x local", "efficiency")
    for column in (*columns, "CPU vs local", "idle", "start-up s", "load"):
        table.add_column(column, justify="right")
    for run in runs:
        efficiency = (
            f"{run.documents_per_second / (run.workers * single.documents_per_second):.2f}"
            if single and run.workers
            else ""
        )
        extra_cpu = run.cpu_seconds / local.cpu_seconds - 1
        table.add_row(
            run.label,
            f"{run.documents_per_second:.2f}",
            f"{run.seconds:.1f}",
            f"{run.cpu_per_document:.3f}",
            f"{run.documents_per_second / local.documents_per_second:.2f}",
            efficiency,
            f"{100 * extra_cpu:+.1f}%" if run.workers else "",
            f"{100 * run.idle:.1f}%" if run.idle is not None else "",
            f"{run.startup_seconds:.1f}",
            f"{run.load_average:.1f}",
        )
    return table


SCALE_COMMANDS = (extract, bench_scale)
