"""One ingest for both engines and both destinations: a ledger, or shards.

`fogofwar ingest` and `fogofwar extract` differ only in their writer (the ledger's
ReportWriter, or a ShardWriter) and share everything else: the corpus readers, the
ingest loop of fogofwar.ledger.ingest (known texts skipped before extraction, batches
committed in order) and the extraction engine, local (`read_many` in this process) or
Dask (`DaskExtractor`). The two engines differ in where `read_many` runs, nothing else,
so they store the same reports in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, Protocol

from fogofwar.defaults import BATCH_SIZE, DEFAULT_MODEL
from fogofwar.errors import FogofwarError
from fogofwar.ingest.fetch import DEFAULT_LIMITS, FetchLimits, is_url
from fogofwar.ingest.readers import InputError
from fogofwar.ledger.ingest import (
    COMMIT_EVERY,
    COMMIT_SECONDS,
    Extract,
    IngestStats,
    estimate_total,
    ingest,
    iter_inputs,
)
from fogofwar.ledger.store import StoreResult
from fogofwar.scale.corpus import holds_archives, iter_corpus
from fogofwar.scale.engine import PARTITION_SIZE, Cluster, DaskExtractor, PartitionResult
from fogofwar.scale.shards import ShardSource, count_reports, is_shard_directory
from fogofwar.schema import Document, Report

ENGINES = ("local", "dask")


class Writer(Protocol):
    """What the ingest loop needs of its destination (ReportWriter, ShardWriter)."""

    def known_hashes(self, hashes: Iterable[str]) -> set[str]: ...

    def store(self, reports: list[Report], *, model: str | None = None) -> StoreResult: ...


@dataclass(frozen=True)
class EngineOptions:
    """Where and how extraction runs."""

    engine: str = "local"
    workers: int | None = None  # a local Dask cluster of this many processes
    scheduler: str | None = None  # or an existing Dask scheduler, tcp://HOST:PORT
    model: str = DEFAULT_MODEL
    published: str | None = None  # the date of documents that carry none
    batch_size: int = BATCH_SIZE
    partition_size: int = PARTITION_SIZE

    @classmethod
    def choose(
        cls, engine: str | None, workers: int | None, scheduler: str | None, **rest: Any
    ) -> EngineOptions:
        """`--engine` defaults to dask when --workers or --scheduler is given."""
        if workers and scheduler:
            raise FogofwarError("give --workers (a local cluster) or --scheduler, not both")
        if engine is None:
            engine = "dask" if workers or scheduler else "local"
        if engine == "local" and (workers or scheduler):
            raise FogofwarError("--workers and --scheduler need --engine dask")
        if engine not in ENGINES:
            raise FogofwarError(f"unknown engine {engine!r} (use local or dask)")
        return cls(engine=engine, workers=workers, scheduler=scheduler, **rest)

    def describe(self, workers: int | None = None) -> str:
        """For the progress bar: 'local', 'dask local: 2 workers', 'dask tcp://...'."""
        if self.engine == "local":
            return "local"
        where = f"dask {self.scheduler}" if self.scheduler else "dask local"
        if workers is None:
            return where
        return f"{where}: {workers} worker{'' if workers == 1 else 's'}"


@contextmanager
def extractor(
    options: EngineOptions, on_partition: Callable[[PartitionResult, int], None] | None = None
) -> Iterator[Extract]:
    """The `Extract` of the chosen engine; a Dask cluster is closed on exit."""
    if options.engine == "local":
        from fogofwar.pipeline import load, read_many

        def extract_here(documents: Iterable[Document]) -> Iterator[Report]:
            return read_many(
                documents,
                nlp=load(options.model),
                published=options.published,
                batch_size=options.batch_size,
            )

        yield extract_here
        return
    with DaskExtractor(
        Cluster(workers=options.workers, scheduler=options.scheduler),
        model=options.model,
        published=options.published,
        batch_size=options.batch_size,
        partition_size=options.partition_size,
        on_partition=on_partition,
    ) as dask:
        if options.scheduler:
            dask.start()  # an unreachable scheduler is said at once, not after the reading
        yield dask


def corpus_items(
    inputs: Iterable[str],
    feeds: Iterable[str] = (),
    *,
    summaries: bool = False,
    limits: FetchLimits = DEFAULT_LIMITS,
    on_entries: Callable[[int], None] | None = None,
) -> Iterator[Document | InputError]:
    """Documents in the order given: paths through the corpus readers (JSONL.gz and
    WARC included), article URLs and feeds fetched as the ledger does."""
    for urls, group in groupby(inputs, key=is_url):
        if urls:
            yield from iter_inputs(list(group), limits=limits)
        else:
            yield from iter_corpus(group)
    if feeds:
        yield from iter_inputs((), feeds, summaries=summaries, limits=limits, on_entries=on_entries)


def shard_directories(inputs: Iterable[str]) -> list[Path]:
    """The inputs as shard directories, if they all are (empty if none is); a mix of
    shards and other inputs is refused."""
    inputs = list(inputs)
    shards = [Path(item) for item in inputs if not is_url(item) and is_shard_directory(item)]
    if shards and len(shards) != len(inputs):
        raise FogofwarError("give shard directories alone, without other inputs")
    return shards


def estimate_inputs(inputs: Iterable[str]) -> int | None:
    """Documents in the inputs for the progress bar, None when unknown."""
    inputs = list(inputs)
    if shards := shard_directories(inputs):
        return count_reports(shards)
    if any(holds_archives(item) for item in inputs if not is_url(item)):
        return None
    return estimate_total(inputs) or None


def ingest_inputs(
    writer: Writer,
    inputs: Iterable[str],
    options: EngineOptions,
    *,
    feeds: Iterable[str] = (),
    summaries: bool = False,
    limits: FetchLimits = DEFAULT_LIMITS,
    commit_every: int = COMMIT_EVERY,
    commit_seconds: float = COMMIT_SECONDS,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_entries: Callable[[int], None] | None = None,
    on_partition: Callable[[PartitionResult, int], None] | None = None,
) -> IngestStats:
    """Store the reports of every new document among the inputs into `writer`.

    Shard directories (written by `fogofwar extract`) are stored as they are, without
    extraction; anything else is read and extracted by the chosen engine."""
    inputs = list(inputs)
    loop_options = {
        "commit_every": commit_every,
        "commit_seconds": commit_seconds,
        "on_error": on_error,
        "on_progress": on_progress,
    }
    if shards := shard_directories(inputs):
        if feeds:
            raise FogofwarError("give shard directories alone, without --feed")
        source = ShardSource(shards)
        return ingest(source.items(), writer, source.extract, model=source.model, **loop_options)
    items = corpus_items(inputs, feeds, summaries=summaries, limits=limits, on_entries=on_entries)
    with extractor(options, on_partition) as extract:
        return ingest(items, writer, extract, model=options.model, **loop_options)
