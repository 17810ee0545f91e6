"""`Ledger`: the Python face of the ledger, with the verbs of the CLI.

from fogofwar.ledger import Ledger
with Ledger("sqlite:///fogofwar.db") as ledger:
    ledger.ingest(["reports/"], published="2024-12-28")
    for series in ledger.figures(country="PRK", category="killed"):
        print(series.who, [(c.as_of, c.value, c.source) for c in series.claims])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import IO, Any

from fogofwar.ingest.fetch import DEFAULT_LIMITS, FetchLimits
from fogofwar.ingest.readers import InputError
from fogofwar.ledger import export as exports
from fogofwar.ledger import queries, views
from fogofwar.ledger.database import DEFAULT_DB, describe, open_engine, to_url
from fogofwar.ledger.ingest import COMMIT_EVERY, IngestStats, ingest, iter_inputs
from fogofwar.ledger.store import ReportWriter, StoreResult
from fogofwar.schema import Document, Report


class Ledger:
    """An open ledger database (SQLite file or any SQLAlchemy URL)."""

    def __init__(self, db: str = DEFAULT_DB, *, create: bool = True) -> None:
        """Open (or, with `create`, make) the ledger at `db`: raises LedgerError with a
        one-line message if it cannot be used."""
        self.url = to_url(db)
        self.name = describe(self.url)  # for messages: a file path, or the URL sans password
        self.engine = open_engine(db, create=create)
        self.writer = ReportWriter(self.engine)

    def __repr__(self) -> str:
        return f"Ledger({self.name!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------
    def store(
        self, reports: Iterable[Report], *, model: str | None = None, batch_size: int = COMMIT_EVERY
    ) -> StoreResult:
        """Store reports made elsewhere (e.g. by `fogofwar.read_many`), in batches."""
        total = StoreResult()
        batch: list[Report] = []
        for report in reports:
            batch.append(report)
            if len(batch) >= batch_size:
                _add(total, self.writer.store(batch, model=model))
                batch = []
        if batch:
            _add(total, self.writer.store(batch, model=model))
        return total

    def ingest(
        self,
        inputs: Iterable[str] = (),
        *,
        feeds: Iterable[str] = (),
        documents: Iterable[Document | InputError] | None = None,
        summaries: bool = False,
        nlp: Any = None,
        model: str | None = None,
        published: str | None = None,
        batch_size: int = 16,
        commit_every: int = COMMIT_EVERY,
        limits: FetchLimits = DEFAULT_LIMITS,
        on_error: Callable[[InputError], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
        on_entries: Callable[[int], None] | None = None,
    ) -> IngestStats:
        """Read and store paths, article URLs and feeds (or ready `documents`).

        Texts already in the ledger are skipped before extraction; spaCy is loaded only
        if something is new. `published` is the date for inputs that carry none."""
        from fogofwar.pipeline import DEFAULT_MODEL, load, read_many

        model = model or DEFAULT_MODEL
        items = (
            documents
            if documents is not None
            else iter_inputs(
                inputs, feeds, summaries=summaries, limits=limits, on_entries=on_entries
            )
        )

        def extract(fresh: Iterable[Document]) -> Iterator[Report]:
            return read_many(
                fresh, nlp=nlp or load(model), published=published, batch_size=batch_size
            )

        return ingest(
            items,
            self.writer,
            extract,
            model=model,
            commit_every=commit_every,
            on_error=on_error,
            on_progress=on_progress,
        )

    # -- reading ------------------------------------------------------------------------
    def figures(self, **filters: Any) -> list[views.SeriesView]:
        """See `queries.figures`: who, country, category, since, limit."""
        return queries.figures(self.engine, **filters)

    def disputes(self, **filters: Any) -> list[views.Dispute]:
        """See `queries.disputes`: who, country, category, since, limit."""
        return queries.disputes(self.engine, **filters)

    def sources(self, actor: str, **filters: Any) -> views.SourceReport:
        """See `queries.sources`: since, limit."""
        return queries.sources(self.engine, actor, **filters)

    def events(self, **filters: Any) -> list[views.EventView]:
        """See `queries.events`: plover, actor, country, place, since, until, limit."""
        return queries.events(self.engine, **filters)

    def counts(self) -> dict[str, int]:
        return queries.counts(self.engine)

    def reports(self) -> Iterator[Report]:
        """Every stored report, rebuilt exactly as `fogofwar read` produced it."""
        return exports.iter_reports(self.engine)

    def export(
        self, fmt: str, output: IO, *, table: str = "figures", since: str | date | None = None
    ) -> int:
        """Write the ledger in `fmt` (see export.FORMATS) to `output`; returns the count
        of records written."""
        return exports.export(self.engine, fmt, output, table=table, since=since)


def _add(total: StoreResult, part: StoreResult) -> None:
    total.stored += part.stored
    total.already += part.already
    total.versions += part.versions
    total.failed += part.failed
