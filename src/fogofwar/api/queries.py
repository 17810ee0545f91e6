"""Questions the dashboard asks that the ledger's verbs do not: one document's report with
the ledger ids of its records, one series by id, documents and actors by words, the
claims of one ledger actor, and events filtered by category too.

Built on the ledger's tables (`fogofwar.ledger.models`) and its result types
(`fogofwar.ledger.queries`), so that the JSON API and the pages show the same records as
the `fogofwar figures/disputes/sources/events` commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from fogofwar.ledger import models as m
from fogofwar.ledger import queries as ledger_queries
from fogofwar.ledger.merge import name_search, text_hash
from fogofwar.ledger.queries import EventView, SeriesView, SourceItem, source_items
from fogofwar.schema import Actor, Document, Event, Figure, Place, Quote, Report

SNIPPET_CHARS = 220


@dataclass
class DocumentSummary:
    id: int
    title: str | None
    name: str  # the title, else the id the document came with
    outlet: str | None
    published: date | None
    url: str | None
    version: int
    snippet: str
    quotes: int = 0
    figures: int = 0
    events: int = 0


@dataclass
class StoredReport:
    """A report as stored, with the ledger ids of its records: ledger actor per local actor
    id, ledger figure and series per local figure id, ledger event per local event id."""

    id: int
    version: int
    ingested_at: datetime
    report: Report
    actor_ids: dict[str, int] = field(default_factory=dict)
    series_ids: dict[str, int] = field(default_factory=dict)
    figure_ids: dict[str, int] = field(default_factory=dict)
    event_ids: dict[str, int] = field(default_factory=dict)


@dataclass
class ActorSummary:
    id: int
    name: str
    kind: str
    country: str | None
    figures: int = 0
    quotes: int = 0
    events: int = 0


@dataclass
class ActorClaims:
    actor: ActorSummary
    items: list[SourceItem]


# -- documents --------------------------------------------------------------------------
def _document_filter(words: str | None):
    if not words:
        return None
    pattern = ledger_queries._like(words.lower())
    return or_(
        func.lower(m.Document.title).like(pattern, escape="\\"),
        func.lower(m.Document.outlet).like(pattern, escape="\\"),
        func.lower(m.Document.url).like(pattern, escape="\\"),
        func.lower(m.Document.text).like(pattern, escape="\\"),
    )


def documents(
    engine: Engine, *, q: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[DocumentSummary], int]:
    """Documents, the latest published first, with record counts; and how many match.

    `q` matches words in the title, outlet, URL or text (case-insensitive substring)."""
    condition = _document_filter(q)
    query = select(
        m.Document.id,
        m.Document.title,
        m.Document.external_id,
        m.Document.outlet,
        m.Document.published_on,
        m.Document.url,
        m.Document.version,
        func.substr(m.Document.text, 1, SNIPPET_CHARS).label("head"),
    )
    total_query = select(func.count()).select_from(m.Document)
    if condition is not None:
        query, total_query = query.where(condition), total_query.where(condition)
    query = query.order_by(m.Document.published_on.desc().nulls_last(), m.Document.id.desc())
    with Session(engine) as conn:
        rows = conn.execute(query.limit(limit).offset(offset)).all()
        total = conn.scalar(total_query) or 0
        found = [
            DocumentSummary(
                id=row.id,
                title=row.title,
                name=row.title or row.external_id,
                outlet=row.outlet,
                published=row.published_on,
                url=row.url,
                version=row.version,
                snippet=_snippet(row.head),
            )
            for row in rows
        ]
        _count_records(conn, found)
    return found, total


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) < SNIPPET_CHARS - 1 else text[: SNIPPET_CHARS - 1] + "…"


def _count_records(conn: Session, summaries: list[DocumentSummary]) -> None:
    by_id = {summary.id: summary for summary in summaries}
    if not by_id:
        return
    for model, name in ((m.Quote, "quotes"), (m.Figure, "figures"), (m.Event, "events")):
        rows = conn.execute(
            select(model.document_id, func.count())
            .where(model.document_id.in_(list(by_id)))
            .group_by(model.document_id)
        )
        for document_id, count in rows:
            setattr(by_id[document_id], name, count)


def document_report(engine: Engine, document_id: int) -> StoredReport | None:
    """One stored report, rebuilt from its records, or None if there is no such id."""
    with Session(engine) as conn:
        row = conn.get(m.Document, document_id)
        if row is None:
            return None
        records: dict[str, list] = {}
        children = (
            (m.DocumentActor, "actors", Actor),
            (m.DocumentPlace, "places", Place),
            (m.Quote, "quotes", Quote),
            (m.Figure, "figures", Figure),
            (m.Event, "events", Event),
        )
        for model, name, schema in children:
            stored = conn.scalars(
                select(model.record).where(model.document_id == document_id).order_by(model.id)
            )
            records[name] = [schema.model_validate(record) for record in stored]
        document = Document.model_validate({**row.record, "text": row.text})
        result = StoredReport(
            id=row.id,
            version=row.version,
            ingested_at=row.ingested_at,
            report=Report(document=document, **records),
        )
        result.actor_ids = dict(
            conn.execute(
                select(m.DocumentActor.local_id, m.DocumentActor.actor_id).where(
                    m.DocumentActor.document_id == document_id
                )
            ).all()
        )
        for local_id, figure_id, series_id in conn.execute(
            select(m.Figure.local_id, m.Figure.id, m.Figure.series_id).where(
                m.Figure.document_id == document_id
            )
        ):
            result.figure_ids[local_id] = figure_id
            result.series_ids[local_id] = series_id
        result.event_ids = dict(
            conn.execute(
                select(m.Event.local_id, m.Event.id).where(m.Event.document_id == document_id)
            ).all()
        )
    return result


def document_ids_for_texts(engine: Engine, texts: list[str]) -> list[int | None]:
    """The ledger id of the document holding each text (None if it is not stored)."""
    hashes = [text_hash(text) for text in texts]
    with Session(engine) as conn:
        found = dict(
            conn.execute(
                select(m.Document.content_hash, m.Document.id).where(
                    m.Document.content_hash.in_(hashes)
                )
            ).all()
        )
    return [found.get(content_hash) for content_hash in hashes]


# -- series -----------------------------------------------------------------------------
def series(engine: Engine, series_id: int) -> SeriesView | None:
    """One figure series with all its claims in date order, or None."""
    query = ledger_queries._series_query(None, None, None, None).where(m.Series.id == series_id)
    with Session(engine) as conn:
        row = conn.execute(query).first()
        if row is None:
            return None
        view = ledger_queries._series_view(row)
        ledger_queries._attach_claims(conn, [view], None)
    return view


def disputed_days(engine: Engine, series_id: int) -> list[date]:
    """Days on which claims of the series cannot all be true (see ledger.queries.disputes)."""
    with Session(engine) as conn:
        return list(
            conn.scalars(
                select(m.SeriesDay.as_of)
                .where(m.SeriesDay.series_id == series_id, m.SeriesDay.disputed.is_(True))
                .order_by(m.SeriesDay.as_of)
            )
        )


def series_named(engine: Engine, words: str, limit: int = 20) -> list[SeriesView]:
    """Series whose who label contains `words` (without their claims)."""
    pattern = ledger_queries._like(name_search(words))
    query = ledger_queries._series_query(None, None, None, None).where(
        m.Who.search.like(pattern, escape="\\")
    )
    query = query.order_by(m.Series.last_as_of.desc().nulls_last(), m.Series.id.desc())
    with Session(engine) as conn:
        return [ledger_queries._series_view(row) for row in conn.execute(query.limit(limit))]


# -- actors -----------------------------------------------------------------------------
def actors(engine: Engine, *, q: str | None = None, limit: int = 50) -> list[ActorSummary]:
    """Ledger actors, those that are the source of most claims first."""
    claims = (
        select(m.Figure.source_actor_id.label("actor_id"))
        .union_all(select(m.Quote.speaker_actor_id), select(m.Event.source_actor_id))
        .subquery()
    )
    weight = (
        select(claims.c.actor_id, func.count().label("claims"))
        .group_by(claims.c.actor_id)
        .subquery()
    )
    query = select(m.Actor).outerjoin(weight, weight.c.actor_id == m.Actor.id)
    if q:
        query = query.where(m.Actor.id.in_(select(m.Actor.id).where(_actor_words(q))))
    query = query.order_by(func.coalesce(weight.c.claims, 0).desc(), m.Actor.name).limit(limit)
    with Session(engine) as conn:
        found = [_actor_summary(actor) for actor in conn.scalars(query)]
        _count_claims(conn, found)
    return found


def _actor_words(words: str):
    return or_(
        m.Actor.search.like(ledger_queries._like(name_search(words)), escape="\\"),
        ledger_queries._actor_named(words),
    )


def _actor_summary(actor: m.Actor) -> ActorSummary:
    return ActorSummary(id=actor.id, name=actor.name, kind=actor.kind, country=actor.country)


def _count_claims(conn: Session, summaries: list[ActorSummary]) -> None:
    by_id = {summary.id: summary for summary in summaries}
    if not by_id:
        return
    for column, name in (
        (m.Figure.source_actor_id, "figures"),
        (m.Quote.speaker_actor_id, "quotes"),
        (m.Event.source_actor_id, "events"),
    ):
        rows = conn.execute(
            select(column, func.count()).where(column.in_(list(by_id))).group_by(column)
        )
        for actor_id, count in rows:
            setattr(by_id[actor_id], name, count)


def actor_claims(engine: Engine, actor_id: int, limit: int = 500) -> ActorClaims | None:
    """What one ledger actor said: the figures and events it is the source of and its
    quotes, newest first; None if there is no such actor."""
    with Session(engine) as conn:
        actor = conn.get(m.Actor, actor_id)
        if actor is None:
            return None
        summary = _actor_summary(actor)
        _count_claims(conn, [summary])
        items = source_items(conn, [actor_id], limit=limit)
    return ActorClaims(summary, items)


# -- events -----------------------------------------------------------------------------
def events(
    engine: Engine,
    *,
    category: str | None = None,
    limit: int | None = 100,
    **filters: str | date | None,
) -> list[EventView]:
    """`ledger.queries.events` (plover, actor, country, place, since, until) plus `category`.

    With a category, the ledger's query runs unbounded and is cut here, so its cost grows
    with the matching events: fine for a dashboard page, listed as a gap in the docs."""
    if not category:
        return ledger_queries.events(engine, limit=limit, **filters)
    found = [
        event
        for event in ledger_queries.events(engine, limit=None, **filters)
        if event.category == category
    ]
    return found[:limit] if limit is not None else found


def event_categories(engine: Engine) -> list[str]:
    with Session(engine) as conn:
        return list(conn.scalars(select(m.Event.category).distinct().order_by(m.Event.category)))
