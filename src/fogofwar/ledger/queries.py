"""Questions to the ledger: the same verbs as the CLI (`figures`, `disputes`, `sources`,
`events`), as functions of an engine returning plain dataclasses.

`figures` answers "how many, according to whom, and how has that changed": series, newest
first, each with every claim in date order. `disputes` finds the days on which claims of
one series cannot all be true: their intervals do not overlap (max(lo) > min(hi)). Claims
are only compared within a series, so running totals and per-window counts never meet;
negated, hypothetical and future claims, and claims without a number or a day, are left
out of the comparison.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Row,
    Select,
    and_,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session, aliased

from fogofwar.known import known_actor
from fogofwar.ledger import models as m
from fogofwar.ledger.merge import (
    UNCOMPARABLE_MODALITIES,
    name_search,
    phrase_actor_key,
    strip_titles,
    to_date,
)
from fogofwar.ledger.views import (
    Claim,
    Dispute,
    EventView,
    SeriesView,
    SourceItem,
    SourceReport,
)

SOURCE_ACTOR = aliased(m.Actor, name="source_actor")
PER_WHO_QUERIES = 32  # up to this many matching whos, one index range each


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    day = to_date(value)
    if day is None:
        raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")
    return day


# -- figures ----------------------------------------------------------------------------
def figures(
    engine: Engine,
    *,
    who: str | None = None,
    country: str | None = None,
    category: str | None = None,
    since: str | date | None = None,
    limit: int | None = 20,
) -> list[SeriesView]:
    """Figure series, the most recently claimed first, each with its claims in date order.

    `who` matches whom the figures count (words of the label or of the ledger actor),
    `country` their ISO3 country, `since` keeps claims from that day on."""
    since_day = _day(since)
    filters = _series_filters(country, category, since_day)
    with Session(engine) as conn:
        if who is None:
            scopes: list[ColumnElement[bool]] = [true()]
        else:
            who_ids = conn.scalars(_whos_named(who)).all()
            if not who_ids:
                return []
            if limit is not None and len(who_ids) <= PER_WHO_QUERIES:
                # One index range (who_id, last_as_of) per who, merged below.
                scopes = [m.Series.who_id == who_id for who_id in who_ids]
            else:  # many whos: walk all series newest first (+ 0: not by the who index)
                scopes = [(m.Series.who_id + 0).in_(who_ids)]
        latest: list[Row] = []
        for scope in scopes:
            ids = select(m.Series.id, m.Series.last_as_of).where(scope, *filters)
            latest += newest_first(conn, ids, m.Series.last_as_of, m.Series.id, limit)
        latest.sort(key=_newest_key, reverse=True)
        ids = [row.id for row in latest[:limit]]
        rows = {row[0].id: row for row in conn.execute(_series_query().where(m.Series.id.in_(ids)))}
        series = [_series_view(rows[series_id]) for series_id in ids]
        _attach_claims(conn, series, since_day)
    return series


def newest_first(
    conn: Session, query: Select, day: Any, tiebreak: Any, limit: int | None
) -> list[Row]:
    """Rows of `query` by `day`, newest first, rows without a day last, at most `limit`.

    Two queries (with a day, then without) instead of `ORDER BY day DESC NULLS LAST`,
    which PostgreSQL cannot read from an ascending index; `day DESC` alone it can, and
    SQLite too."""
    dated = query.where(day.is_not(None)).order_by(day.desc(), tiebreak.desc())
    rows = list(conn.execute(dated if limit is None else dated.limit(limit)).all())
    if limit is None or len(rows) < limit:
        undated = query.where(day.is_(None)).order_by(tiebreak.desc())
        rest = None if limit is None else limit - len(rows)
        rows += conn.execute(undated if rest is None else undated.limit(rest)).all()
    return rows


def _newest_key(row: Row) -> tuple:
    return (row.last_as_of is not None, row.last_as_of or date.min, row.id)


def _whos_named(who: str) -> Select:
    actors = select(m.Actor.id).where(_actor_named(who))
    return select(m.Who.id).where(
        or_(m.Who.search.like(_like(name_search(who)), escape="\\"), m.Who.actor_id.in_(actors))
    )


def _series_filters(
    country: str | None, category: str | None, since: date | None
) -> list[ColumnElement[bool]]:
    filters = []
    if country:
        filters.append(m.Series.who_country == country.upper())
    if category:
        filters.append(m.Series.category == category)
    if since:
        filters.append(m.Series.last_as_of >= since)
    return filters


def _series_query(
    who: str | None = None,
    country: str | None = None,
    category: str | None = None,
    since: date | None = None,
) -> Select:
    """Series with their who's label and place name, filtered (not ordered)."""
    query = (
        select(m.Series, m.Who.label.label("who_label"), m.Place.name.label("place_name"))
        .join(m.Who, m.Series.who_id == m.Who.id)
        .outerjoin(m.Place, m.Series.place_id == m.Place.id)
        .where(*_series_filters(country, category, since))
    )
    if who:
        query = query.where(m.Series.who_id.in_(_whos_named(who)))
    return query


def _series_view(row: Row) -> SeriesView:
    series: m.Series = row[0]
    return SeriesView(
        id=series.id,
        key=series.key,
        who=row.who_label,
        who_country=series.who_country,
        category=series.category,
        place=row.place_name,
        basis=series.basis,
        window_start=series.window_start,
        window_end=series.window_end,
        claim_count=series.claim_count,
        first_as_of=series.first_as_of,
        last_as_of=series.last_as_of,
    )


def _claims_query() -> Select:
    return (
        select(
            m.Figure.id,
            m.Figure.series_id,
            m.Figure.value,
            m.Figure.low,
            m.Figure.high,
            m.Figure.lo,
            m.Figure.hi,
            m.Figure.qualifier,
            m.Figure.category,
            m.Figure.modality,
            m.Figure.as_of,
            m.Figure.text,
            m.Figure.source_kind,
            SOURCE_ACTOR.name.label("source_name"),
            m.Document.id.label("document_id"),
            m.Document.url,
            m.Document.title,
            m.Document.outlet,
            m.Document.published_on,
        )
        .join(m.Document, m.Figure.document_id == m.Document.id)
        .outerjoin(SOURCE_ACTOR, m.Figure.source_actor_id == SOURCE_ACTOR.id)
    )


def _claim(row: Row) -> Claim:
    return Claim(
        figure_id=row.id,
        value=row.value,
        low=row.low,
        high=row.high,
        qualifier=row.qualifier,
        category=row.category,
        modality=row.modality,
        as_of=row.as_of,
        text=row.text,
        source_kind=row.source_kind,
        source=_source_label(row.source_name, row.source_kind, row.outlet),
        document_id=row.document_id,
        document_url=row.url,
        document_title=row.title,
        outlet=row.outlet,
        published=row.published_on,
        lo=row.lo,
        hi=row.hi,
    )


def _source_label(name: str | None, kind: str, outlet: str | None) -> str:
    if name:
        return name
    if kind == "unattributed":
        return "unattributed"
    return outlet or "(the outlet)"


def _attach_claims(conn: Session, series: list[SeriesView], since: date | None) -> None:
    by_id = {s.id: s for s in series}
    if not by_id:
        return
    query = _claims_query().where(m.Figure.series_id.in_(list(by_id)))
    if since:
        query = query.where(m.Figure.as_of >= since)
    query = query.order_by(m.Figure.series_id, m.Figure.as_of.nulls_first(), m.Figure.id)
    for row in conn.execute(query):
        by_id[row.series_id].claims.append(_claim(row))


# -- disputes ---------------------------------------------------------------------------
def disputes(
    engine: Engine,
    *,
    who: str | None = None,
    country: str | None = None,
    category: str | None = None,
    since: str | date | None = None,
    limit: int | None = 50,
) -> list[Dispute]:
    """Series-days whose comparable claims do not all overlap, the latest first (read
    from `series_days`, which the write path keeps)."""
    since_day = _day(since)
    days = select(m.SeriesDay).where(m.SeriesDay.disputed.is_(True))
    if since_day:
        days = days.where(m.SeriesDay.as_of >= since_day)
    if who or country or category:
        matching = _series_query(who, country, category, None).with_only_columns(m.Series.id)
        days = days.where(m.SeriesDay.series_id.in_(matching))
    days = days.order_by(m.SeriesDay.as_of.desc(), m.SeriesDay.series_id)
    if limit is not None:
        days = days.limit(limit)
    comparable = and_(
        m.Figure.lo.is_not(None),
        m.Figure.modality.not_in(sorted(UNCOMPARABLE_MODALITIES)),
    )
    with Session(engine) as conn:
        found = conn.scalars(days).all()
        ids = sorted({day.series_id for day in found})
        views = {
            row[0].id: row
            for row in conn.execute(
                _series_query(None, None, None, None).where(m.Series.id.in_(ids))
            )
        }
        claims: dict[tuple[int, date], list[Claim]] = {}
        keys = [(day.series_id, day.as_of) for day in found]
        if keys:
            rows = conn.execute(
                _claims_query()
                .where(
                    or_(
                        *(
                            and_(m.Figure.series_id == series_id, m.Figure.as_of == day)
                            for series_id, day in keys
                        )
                    ),
                    comparable,
                )
                .order_by(m.Figure.lo, m.Figure.id)
            )
            for row in rows:
                claims.setdefault((row.series_id, row.as_of), []).append(_claim(row))
        result = []
        for day in found:
            view = _series_view(views[day.series_id])
            view.claims = claims.get((day.series_id, day.as_of), [])
            result.append(Dispute(view, day.as_of, day.max_lo, day.min_hi))
    return result


# -- sources ----------------------------------------------------------------------------
def _exact_names(name: str) -> tuple[str, str | None]:
    """(folded name, group key) a name stands for: "President Zelensky" is the known
    "volodymyr zelenskyy"; "North Korean troops" is the key of PRK's armed forces."""
    stripped = strip_titles(name)
    known = known_actor(stripped, "person") or known_actor(name, "organization")
    return name_search(known.name if known else stripped), phrase_actor_key(name)


def _actor_named(name: str) -> ColumnElement[bool]:
    """Actors a name means: the exact folded name or group key, or words of the name."""
    folded, key = _exact_names(name)
    return or_(
        m.Actor.search == folded,
        m.Actor.key == (key or ""),
        m.Actor.search.like(_like(name_search(name)), escape="\\"),
    )


def find_actors(engine: Engine, name: str, limit: int = 20) -> list[tuple[int, str]]:
    """Ledger actors a name means: a known spelling, the exact folded name, a nationality
    and group ("North Korean troops"), else every actor whose name contains it."""
    folded, key = _exact_names(name)
    with Session(engine) as conn:
        exact = conn.execute(
            select(m.Actor.id, m.Actor.name)
            .where(or_(m.Actor.search == folded, m.Actor.key == (key or "")))
            .limit(limit)
        ).all()
        if exact:
            return [(row.id, row.name) for row in exact]
        rows = conn.execute(
            select(m.Actor.id, m.Actor.name)
            .where(m.Actor.search.like(_like(folded), escape="\\"))
            .limit(limit)
        ).all()
    return [(row.id, row.name) for row in rows]


def sources(
    engine: Engine, actor: str, *, since: str | date | None = None, limit: int | None = 200
) -> SourceReport:
    """What a source has claimed: figures and events it is the source of, and its quotes,
    newest first."""
    found = find_actors(engine, actor)
    ids = [actor_id for actor_id, _ in found]
    if not ids:
        return SourceReport([], [])
    with Session(engine) as conn:
        items = source_items(conn, ids, since=_day(since), limit=limit)
    return SourceReport([name for _, name in found], items)


def source_items(
    conn: Session, actor_ids: list[int], *, since: date | None = None, limit: int | None = None
) -> list[SourceItem]:
    """The figures, quotes and events whose source is one of `actor_ids`, newest first
    (shared by `sources` and the API's actor page); at most `limit` of each kind are read."""
    document = (
        m.Document.id.label("document_id"),
        m.Document.url,
        m.Document.outlet,
        m.Document.published_on,
    )
    items: list[SourceItem] = []
    figure_rows = conn.execute(
        select(
            m.Figure.as_of,
            m.Figure.text,
            m.Figure.category,
            m.Figure.qualifier,
            m.Figure.value,
            *document,
        )
        .join(m.Document, m.Figure.document_id == m.Document.id)
        .where(m.Figure.source_actor_id.in_(actor_ids), _since(m.Figure.as_of, since))
        .order_by(m.Figure.as_of.desc())
        .limit(limit)
    )
    for row in figure_rows:
        detail = f"{row.category}, {row.qualifier} {_number(row.value)}".strip()
        items.append(
            SourceItem(
                "figure",
                row.as_of or row.published_on,
                row.text,
                detail,
                row.document_id,
                row.url,
                row.outlet,
            )
        )
    quote_rows = conn.execute(
        select(m.Quote.content, m.Quote.kind, *document)
        .join(m.Document, m.Quote.document_id == m.Document.id)
        .where(m.Quote.speaker_actor_id.in_(actor_ids), _since(m.Document.published_on, since))
        .order_by(m.Document.published_on.desc())
        .limit(limit)
    )
    for row in quote_rows:
        items.append(
            SourceItem(
                "quote",
                row.published_on,
                row.content,
                row.kind,
                row.document_id,
                row.url,
                row.outlet,
            )
        )
    event_rows = conn.execute(
        select(m.Event.as_of, m.Event.evidence, m.Event.plover, m.Event.category, *document)
        .join(m.Document, m.Event.document_id == m.Document.id)
        .where(m.Event.source_actor_id.in_(actor_ids), _since(m.Event.as_of, since))
        .order_by(m.Event.as_of.desc())
        .limit(limit)
    )
    for row in event_rows:
        items.append(
            SourceItem(
                "event",
                row.as_of,
                row.evidence,
                f"{row.plover} ({row.category})",
                row.document_id,
                row.url,
                row.outlet,
            )
        )
    items.sort(key=lambda item: (item.date or date.min, item.document_id), reverse=True)
    return items[:limit] if limit else items


def _since(column: Any, day: date | None) -> ColumnElement[bool]:
    return column >= day if day else true()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


# -- events -----------------------------------------------------------------------------
def events(
    engine: Engine,
    *,
    plover: str | None = None,
    actor: str | None = None,
    country: str | None = None,
    place: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int | None = 100,
) -> list[EventView]:
    """Events, newest first. `actor` matches any participant (actor, recipient, victim);
    `country` the place's country or a participant's."""
    since_day, until_day = _day(since), _day(until)
    query = (
        select(
            m.Event,
            m.Place.name.label("place_name"),
            m.Place.country.label("place_country"),
            m.Place.lat,
            m.Place.lon,
            SOURCE_ACTOR.name.label("source_name"),
            m.Document.url,
            m.Document.outlet,
        )
        .join(m.Document, m.Event.document_id == m.Document.id)
        .outerjoin(m.Place, m.Event.place_id == m.Place.id)
        .outerjoin(SOURCE_ACTOR, m.Event.source_actor_id == SOURCE_ACTOR.id)
    )
    if plover:
        query = query.where(m.Event.plover == plover.upper())
    if actor:
        ids = [actor_id for actor_id, _ in find_actors(engine, actor)]
        query = query.where(
            m.Event.id.in_(select(m.EventActor.event_id).where(m.EventActor.actor_id.in_(ids)))
        )
    if country:
        code = country.upper()
        participants = (
            select(m.EventActor.event_id)
            .join(m.Actor, m.EventActor.actor_id == m.Actor.id)
            .where(m.Actor.country == code)
        )
        query = query.where(or_(m.Place.country == code, m.Event.id.in_(participants)))
    if place:
        query = query.where(func.lower(m.Place.name).like(_like(place.lower()), escape="\\"))
    if since_day:
        query = query.where(m.Event.as_of >= since_day)
    if until_day:
        query = query.where(m.Event.as_of <= until_day)
    with Session(engine) as conn:
        rows = newest_first(conn, query, m.Event.as_of, m.Event.id, limit)
        roles = _participants(conn, [row[0].id for row in rows])
    return [_event_view(row, roles.get(row[0].id, {})) for row in rows]


def _participants(conn: Session, event_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    roles: dict[int, dict[str, list[str]]] = {}
    if not event_ids:
        return roles
    rows = conn.execute(
        select(m.EventActor.event_id, m.EventActor.role, m.Actor.name)
        .join(m.Actor, m.EventActor.actor_id == m.Actor.id)
        .where(m.EventActor.event_id.in_(event_ids))
        .order_by(m.EventActor.event_id, m.Actor.name)
    )
    for row in rows:
        roles.setdefault(row.event_id, {}).setdefault(row.role, []).append(row.name)
    return roles


def _event_view(row: Row, roles: dict[str, list[str]]) -> EventView:
    event: m.Event = row[0]
    return EventView(
        id=event.id,
        plover=event.plover,
        mode=event.mode,
        category=event.category,
        date_start=event.date_start,
        date_end=event.date_end,
        as_of=event.as_of,
        place=row.place_name,
        place_country=row.place_country,
        lat=row.lat,
        lon=row.lon,
        actors=roles.get("actor", []),
        recipients=roles.get("recipient", []),
        victims=roles.get("victim", []),
        source_kind=event.source_kind,
        source=_source_label(row.source_name, event.source_kind, row.outlet),
        modality=event.modality,
        evidence=event.evidence,
        document_id=event.document_id,
        document_url=row.url,
        outlet=row.outlet,
    )


def counts(engine: Engine) -> dict[str, int]:
    """Rows per ledger table."""
    tables = {
        "documents": m.Document,
        "actors": m.Actor,
        "places": m.Place,
        "quotes": m.Quote,
        "series": m.Series,
        "figures": m.Figure,
        "events": m.Event,
    }
    with Session(engine) as conn:
        return {
            name: conn.scalar(select(func.count()).select_from(model))
            for name, model in tables.items()
        }
