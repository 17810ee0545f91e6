"""The JSON API under /api: the ledger's verbs over HTTP, plus reading and ingesting.

Read endpoints are open on loopback (see security.py); `POST /api/ingest` needs the
token. Unknown ids are 404, bad parameters and bodies 422 with a message.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from fogofwar.api import queries
from fogofwar.api.models import (
    ActorDetail,
    DocumentList,
    DocumentMeta,
    IngestRequest,
    IngestResult,
    Problem,
    SearchResult,
    SeriesDetail,
    StoredDocument,
)
from fogofwar.api.queries import ActorSummary
from fogofwar.api.reading import Reader
from fogofwar.api.security import require_reader_api, require_writer
from fogofwar.ledger import Ledger
from fogofwar.ledger.merge import text_hash
from fogofwar.ledger.queries import Dispute, EventView, SeriesView
from fogofwar.schema import FigureCategory, PloverType, Report

NOT_FOUND = {404: {"model": Problem, "description": "No such id."}}
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many results.")]
Words = Annotated[str | None, Query(max_length=200, description="Words to look for.")]
Country = Annotated[
    str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code.")
]

router = APIRouter(prefix="/api", dependencies=[Depends(require_reader_api)])


def ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def reader(request: Request) -> Reader:
    return request.app.state.reader


LedgerDep = Annotated[Ledger, Depends(ledger)]


@router.get("/stats", tags=["ledger"], summary="Rows per ledger table")
def stats(ledger: LedgerDep) -> dict[str, int]:
    return ledger.counts()


@router.get("/documents", tags=["documents"], summary="List or search documents")
def list_documents(
    ledger: LedgerDep, q: Words = None, limit: Limit = 50, offset: Annotated[int, Query(ge=0)] = 0
) -> DocumentList:
    """Documents, latest published first; `q` searches title, outlet, URL and text."""
    items, total = queries.documents(ledger.engine, q=q, limit=limit, offset=offset)
    return DocumentList(total=total, items=items)


@router.get(
    "/documents/{document_id}",
    tags=["documents"],
    summary="One document's report",
    responses=NOT_FOUND,
)
def get_document(ledger: LedgerDep, document_id: int) -> StoredDocument:
    """The report of one stored document, exactly as `fogofwar read` made it."""
    stored = queries.document_report(ledger.engine, document_id)
    if stored is None:
        raise HTTPException(404, f"no document {document_id}")
    return StoredDocument(
        id=stored.id,
        version=stored.version,
        ingested_at=stored.ingested_at,
        report=stored.report,
        series_ids=stored.series_ids,
        actor_ids=stored.actor_ids,
    )


@router.get("/search", tags=["documents"], summary="Search documents, actors and series")
def search(
    ledger: LedgerDep, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20
) -> SearchResult:
    documents, _ = queries.documents(ledger.engine, q=q, limit=limit)
    return SearchResult(
        documents=documents,
        actors=queries.actors(ledger.engine, q=q, limit=limit),
        series=queries.series_named(ledger.engine, q, limit=limit),
    )


@router.get("/series", tags=["figures"], summary="Figure series and their claims")
def list_series(
    ledger: LedgerDep,
    who: Words = None,
    country: Country = None,
    category: FigureCategory | None = None,
    since: date | None = None,
    limit: Limit = 20,
) -> list[SeriesView]:
    """Series of competing claims, the most recently claimed first (`fogofwar figures`)."""
    return ledger.figures(who=who, country=country, category=category, since=since, limit=limit)


@router.get("/series/{series_id}", tags=["figures"], summary="One series", responses=NOT_FOUND)
def get_series(ledger: LedgerDep, series_id: int) -> SeriesDetail:
    found = queries.series(ledger.engine, series_id)
    if found is None:
        raise HTTPException(404, f"no series {series_id}")
    return SeriesDetail(series=found, disputed_days=queries.disputed_days(ledger.engine, series_id))


@router.get("/disputes", tags=["figures"], summary="Claims that cannot all be true")
def list_disputes(
    ledger: LedgerDep,
    who: Words = None,
    country: Country = None,
    category: FigureCategory | None = None,
    since: date | None = None,
    limit: Limit = 50,
) -> list[Dispute]:
    """Series-days whose claims do not overlap (`fogofwar disputes`)."""
    return ledger.disputes(who=who, country=country, category=category, since=since, limit=limit)


@router.get("/actors", tags=["actors"], summary="Actors, the most quoted first")
def list_actors(ledger: LedgerDep, q: Words = None, limit: Limit = 50) -> list[ActorSummary]:
    return queries.actors(ledger.engine, q=q, limit=limit)


@router.get(
    "/actors/{actor_id}", tags=["actors"], summary="What one actor claimed", responses=NOT_FOUND
)
def get_actor(ledger: LedgerDep, actor_id: int) -> ActorDetail:
    """Figures and events the actor is the source of, and its quotes, newest first."""
    found = queries.actor_claims(ledger.engine, actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id}")
    return ActorDetail(actor=found.actor, items=found.items)


@router.get("/events", tags=["events"], summary="Events, with filters")
def list_events(
    ledger: LedgerDep,
    plover: PloverType | None = None,
    category: Annotated[str | None, Query(max_length=80)] = None,
    country: Country = None,
    actor: Words = None,
    place: Words = None,
    since: date | None = None,
    until: date | None = None,
    limit: Limit = 100,
) -> list[EventView]:
    """Events, newest first. `country` matches the place's country or a participant's."""
    return queries.events(
        ledger.engine,
        category=category,
        plover=plover,
        country=country,
        actor=actor,
        place=place,
        since=since,
        until=until,
        limit=limit,
    )


@router.post("/read", tags=["reading"], summary="Read a text: report out, nothing stored")
def read_text(document: DocumentMeta, reader: Annotated[Reader, Depends(reader)]) -> Report:
    """Run the pipeline on one text and return its report (the body size is capped: 413)."""
    return reader.read([document])[0]


@router.post(
    "/ingest",
    tags=["reading"],
    summary="Read and store documents, or store reports (token required)",
    dependencies=[Depends(require_writer)],
    responses={401: {"model": Problem}, 403: {"model": Problem}},
)
def ingest(
    body: IngestRequest, ledger: LedgerDep, reader: Annotated[Reader, Depends(reader)]
) -> IngestResult:
    """Needs `Authorization: Bearer <FOGOFWAR_TOKEN>`. Texts already stored are skipped."""
    known = ledger.writer.known_hashes(text_hash(d.text) for d in body.documents)
    fresh = [d for d in body.documents if text_hash(d.text) not in known]
    reports = [*reader.read(fresh), *body.reports]
    with reader.write_lock:
        result = ledger.store(reports)
    texts = [d.text for d in body.documents] + [r.document.text for r in body.reports]
    ids = queries.document_ids_for_texts(ledger.engine, texts)
    return IngestResult(
        stored=len(result.stored),
        already=result.already + len(body.documents) - len(fresh),
        versions=result.versions,
        failed=[f"{document_id}: {reason}" for document_id, reason in result.failed],
        document_ids=ids,
    )
