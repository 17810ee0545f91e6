"""The ingest loop: inputs -> skip known texts -> extraction -> committed batches.

    items (files, URLs, feeds)                       Document | InputError, streamed
      -> look up text hashes LOOKAHEAD at a time     known documents skipped here,
                                                     before any extraction
      -> extract (fogofwar.read_many)                spaCy, lazily loaded
      -> ReportWriter.store every COMMIT_EVERY       one transaction per batch
         reports or COMMIT_SECONDS

Memory is bounded by LOOKAHEAD + COMMIT_EVERY documents whatever the input size.
A run killed at any moment loses at most the uncommitted batch; rerunning the same
command skips everything committed and stores the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from fogofwar.ingest.fetch import (
    DEFAULT_LIMITS,
    FetchLimits,
    fetch_document,
    is_url,
    iter_feed,
    make_client,
)
from fogofwar.ingest.readers import JSONL_SUFFIXES, KNOWN_SUFFIXES, InputError, iter_documents
from fogofwar.ledger.database import LedgerError
from fogofwar.ledger.merge import text_hash
from fogofwar.ledger.store import ReportWriter
from fogofwar.schema import Document, Report

if TYPE_CHECKING:
    import httpx

LOOKAHEAD = 64
COMMIT_EVERY = 32
COMMIT_SECONDS = 5.0

Extract = Callable[[Iterable[Document]], Iterable[Report]]


@dataclass
class IngestStats:
    """Counts of one run: every input item ends in exactly one of stored, already
    (its text was in the ledger), or failed (unreadable, or refused by the database)."""

    stored: int = 0
    already: int = 0
    failed: int = 0
    versions: int = 0

    @property
    def seen(self) -> int:
        return self.stored + self.already + self.failed


def iter_inputs(
    inputs: Iterable[str],
    feeds: Iterable[str] = (),
    *,
    summaries: bool = False,
    limits: FetchLimits = DEFAULT_LIMITS,
    on_entries: Callable[[int], None] | None = None,
    check_language: bool = True,
) -> Iterator[Document | InputError]:
    """Documents from paths (the `fogofwar read` formats), article URLs and feeds, in
    the order given; one HTTP client is shared and opened only if needed."""
    client = None

    def shared_client() -> httpx.Client:
        nonlocal client
        if client is None:
            client = make_client(limits)
        return client

    try:
        for item in inputs:
            if is_url(item):
                yield fetch_document(item, shared_client(), limits, check_language=check_language)
            else:
                yield from iter_documents([item], check_language=check_language)
        for feed in feeds:
            yield from iter_feed(
                feed,
                shared_client,
                limits,
                summaries=summaries,
                on_entries=on_entries,
                check_language=check_language,
            )
    finally:
        if client is not None:
            client.close()


def estimate_total(inputs: Iterable[str]) -> int:
    """How many documents the inputs hold, for the progress bar (feeds add theirs as they
    are read). Directories are walked; JSONL files are counted by their lines."""
    total = 0
    for item in inputs:
        path = Path(item)
        if is_url(item) or item == "-" or not path.exists():
            total += 1
        elif path.is_dir():
            for file in path.rglob("*"):
                if file.is_file() and file.suffix.lower() in KNOWN_SUFFIXES:
                    total += _count_file(file)
        else:
            total += _count_file(path)
    return total


def _count_file(path: Path) -> int:
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    lines = 0
    try:
        with path.open("rb") as stream:
            while block := stream.read(1 << 20):
                lines += block.count(b"\n")
    except OSError:
        return 1
    return max(lines, 1)


def ingest(
    items: Iterable[Document | InputError],
    writer: ReportWriter,
    extract: Extract,
    *,
    model: str | None = None,
    commit_every: int = COMMIT_EVERY,
    commit_seconds: float = COMMIT_SECONDS,
    on_error: Callable[[InputError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestStats:
    """Store the reports of every new document among `items` (see the module docstring).

    `extract` is called once, and only if some document is new, so a run over known
    documents never loads the spaCy pipeline. `on_error` hears about each item that
    failed; `on_progress(n)` about n more items done."""
    stats = IngestStats()
    pending: set[str] = set()  # handed to extraction, not committed yet

    def fail(error: InputError) -> None:
        stats.failed += 1
        if on_error:
            on_error(error)
        if on_progress:
            on_progress(1)

    def fresh_documents() -> Iterator[Document]:
        iterator = iter(items)
        while chunk := list(islice(iterator, LOOKAHEAD)):
            documents = []
            for item in chunk:
                if isinstance(item, InputError):
                    fail(item)
                else:
                    documents.append((text_hash(item.text), item))
            known = writer.known_hashes(h for h, _ in documents)
            for content_hash, document in documents:
                if content_hash in known or content_hash in pending:
                    stats.already += 1
                    if on_progress:
                        on_progress(1)
                    continue
                pending.add(content_hash)
                yield document

    batch: list[Report] = []
    started = time.monotonic()

    def commit() -> None:
        nonlocal batch, started
        if batch:
            try:
                result = writer.store(batch, model=model)
            except LedgerError as error:
                raise LedgerError(
                    f"{error}; {stats.stored} documents were stored before that, and running "
                    "the same command again finishes the job"
                ) from None
            stats.stored += len(result.stored)
            stats.already += result.already
            stats.versions += result.versions
            for document_id, reason in result.failed:
                fail(InputError(document_id, f"could not be stored: {reason}"))
            pending.difference_update(text_hash(r.document.text) for r in batch)
            if on_progress:
                on_progress(len(result.stored) + result.already)
        batch, started = [], time.monotonic()

    for report in _extract_lazily(fresh_documents(), extract):
        batch.append(report)
        if len(batch) >= commit_every or time.monotonic() - started >= commit_seconds:
            commit()
    commit()
    return stats


def _extract_lazily(documents: Iterator[Document], extract: Extract) -> Iterator[Report]:
    first = next(documents, None)
    if first is None:
        return
    yield from extract(chain([first], documents))
