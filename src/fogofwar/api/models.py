"""Request and response bodies of the JSON API (they make the OpenAPI schema).

Ledger results reuse the ledger's own dataclasses (`SeriesView`, `Claim`, `Dispute`,
`EventView`, `SourceItem`) and reports the contract's `Report`, so the API carries the
same fields as `fogofwar figures --format json` and `fogofwar read --format json`.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from fogofwar.api.queries import ActorSummary, DocumentSummary
from fogofwar.ledger.queries import SeriesView, SourceItem
from fogofwar.schema import Report


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentMeta(Body):
    """A document to read: its text and what is known about it."""

    text: str = Field(min_length=1, description="The article text (plain text).")
    id: str | None = Field(default=None, description="Your id for it; default doc1, doc2...")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = Field(
        default=None, description="Publication day, the anchor for relative dates."
    )


class IngestRequest(Body):
    """Documents to read and store, or reports made elsewhere to store as they are."""

    documents: list[DocumentMeta] = Field(default_factory=list)
    reports: list[Report] = Field(default_factory=list)


class IngestResult(Body):
    stored: int
    already: int
    versions: int
    failed: list[str] = Field(description="'document id: reason' per refused document.")
    document_ids: list[int | None] = Field(
        description="Ledger id of each document sent (documents first, then reports)."
    )


class DocumentList(Body):
    total: int
    items: list[DocumentSummary]


class StoredDocument(Body):
    """One stored document: its ledger id and version, and its report as `read` made it."""

    id: int
    version: int
    ingested_at: datetime
    report: Report
    series_ids: dict[str, int] = Field(description="Ledger series id per figure id.")
    actor_ids: dict[str, int] = Field(description="Ledger actor id per actor id.")


class SeriesDetail(Body):
    series: SeriesView
    disputed_days: list[date]


class ActorDetail(Body):
    actor: ActorSummary
    items: list[SourceItem]


class SearchResult(Body):
    documents: list[DocumentSummary]
    actors: list[ActorSummary]
    series: list[SeriesView]


class Problem(Body):
    detail: str
