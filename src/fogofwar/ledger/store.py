"""The write path: a batch of reports goes into the ledger in one transaction.

A document is stored whole or not at all: its row, its records and the ledger actors,
places and series they need are inserted in the batch's transaction, so a process
killed at any moment leaves only complete documents, and a rerun skips those (their
text hash is known) and stores the rest. Documents already in the ledger are never
stored twice: `known_hashes` lets the caller skip them before extraction, and the
batch checks again inside its transaction.

Inserts are bulk (executemany with RETURNING), with small in-memory caches of ledger
actor, place and series ids, filled only after a commit so that a rolled-back batch
never leaves a stale id behind.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Float,
    bindparam,
    case,
    cast,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from fogofwar.ledger import merge
from fogofwar.ledger import models as m
from fogofwar.ledger.database import LedgerError, explain, is_fatal
from fogofwar.ledger.rows import ReportRows
from fogofwar.schema import Report

CACHE_LIMIT = 200_000  # ids kept per cache; cleared when full (memory stays bounded)
RETRIES = 5  # batches that lose a race with another writer are retried this often
LOOKUP_CHUNK = 500  # values per IN (...) list


@dataclass
class StoreResult:
    """What one `store` call did: hashes of the documents stored, how many were in the
    ledger already, how many were new versions of a known URL, and per-document failures
    (document id, reason) for reports the database refused."""

    stored: list[str] = field(default_factory=list)
    already: int = 0
    versions: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Batch:
    """Ids resolved inside the current transaction (merged into the caches on commit)."""

    actors: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    series: dict[str, int] = field(default_factory=dict)
    whos: dict[str, int] = field(default_factory=dict)


class ReportWriter:
    """Stores reports in a ledger; one per engine and process."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._actors: dict[str, int] = {}
        self._places: dict[str, int] = {}
        self._series: dict[str, int] = {}
        self._whos: dict[str, int] = {}

    # -- reading before writing ------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The hashes among `hashes` whose documents are in the ledger already."""
        wanted = list(dict.fromkeys(hashes))
        try:
            with self.engine.connect() as connection:
                return _known_hashes(connection, wanted)
        except OperationalError as error:
            raise LedgerError(f"cannot read the ledger: {explain(error)}") from None

    # -- writing ----------------------------------------------------------------------
    def store(self, reports: Sequence[Report], *, model: str | None = None) -> StoreResult:
        """Store `reports` in one transaction (see the module docstring).

        If the database refuses the batch for one document's data, the documents are
        stored one by one and the refused ones are reported in `StoreResult.failed`.
        Errors of the database itself (read-only, disk full) raise LedgerError."""
        try:
            return self._store_with_retries(reports, model)
        except DBAPIError as error:
            if is_fatal(error):
                raise LedgerError(f"cannot write to the ledger: {explain(error)}") from None
            if len(reports) == 1:
                return StoreResult(failed=[(reports[0].document.id, explain(error))])
        result = StoreResult()
        for report in reports:
            single = self.store([report], model=model)
            result.stored += single.stored
            result.already += single.already
            result.versions += single.versions
            result.failed += single.failed
        return result

    def _store_with_retries(self, reports: Sequence[Report], model: str | None) -> StoreResult:
        for attempt in range(RETRIES):
            batch = _Batch()
            try:
                connection = self.engine.connect().execution_options(sqlite_immediate=True)
                with connection as conn, conn.begin():
                    result = self._store_batch(conn, reports, model, batch)
            except DBAPIError as error:
                if not _lost_a_race(error) or attempt == RETRIES - 1:
                    raise
                time.sleep(random.uniform(0, 0.05 * (attempt + 1)))
                continue  # another writer stored the same thing first: look again
            self._remember(batch)
            return result
        raise AssertionError("unreachable")

    def _remember(self, batch: _Batch) -> None:
        for cache, new in (
            (self._actors, batch.actors),
            (self._places, batch.places),
            (self._series, batch.series),
            (self._whos, batch.whos),
        ):
            if len(cache) + len(new) > CACHE_LIMIT:
                cache.clear()
            cache.update(new)

    def _store_batch(
        self, conn: Connection, reports: Sequence[Report], model: str | None, batch: _Batch
    ) -> StoreResult:
        result = StoreResult()
        hashes = [merge.text_hash(r.document.text) for r in reports]
        known = _known_hashes(conn, hashes)
        fresh: list[tuple[str, Report]] = []
        for content_hash, report in zip(hashes, reports, strict=True):
            if content_hash in known:
                result.already += 1
            else:
                known.add(content_hash)
                fresh.append((content_hash, report))
        if not fresh:
            return result
        document_ids, result.versions = self._insert_documents(conn, fresh, model)
        actor_ids = self._resolve_actors(conn, [r for _, r in fresh], batch)
        place_ids = self._resolve_places(conn, [r for _, r in fresh], batch)
        rows = ReportRows()
        for (_, report), document_id in zip(fresh, document_ids, strict=True):
            rows.add_report(report, document_id, actor_ids, place_ids)
        self._insert_records(conn, rows, batch)
        result.stored = [content_hash for content_hash, _ in fresh]
        return result

    def _insert_documents(
        self, conn: Connection, fresh: list[tuple[str, Report]], model: str | None
    ) -> tuple[list[int], int]:
        urls = {r.document.url for _, r in fresh if r.document.url}
        latest: dict[str, int] = {}
        for chunk in _chunks(sorted(urls)):
            query = (
                select(m.Document.url, func.max(m.Document.version))
                .where(m.Document.url.in_(chunk))
                .group_by(m.Document.url)
            )
            latest.update({url: version for url, version in conn.execute(query)})
        now = datetime.now(UTC)
        rows, versions = [], 0
        for content_hash, report in fresh:
            document = report.document
            version = 1
            if document.url:
                version = latest.get(document.url, 0) + 1
                latest[document.url] = version
                versions += version > 1
            rows.append(
                {
                    "content_hash": content_hash,
                    "url": document.url,
                    "version": version,
                    "external_id": document.id,
                    "title": document.title,
                    "outlet": document.outlet,
                    "published": document.published,
                    "published_on": merge.to_date(document.published),
                    "text": document.text,
                    "model": model,
                    "ingested_at": now,
                    "record": document.model_dump(mode="json", exclude={"text"}),
                }
            )
        statement = insert(m.Document).returning(m.Document.id, sort_by_parameter_order=True)
        return [row.id for row in conn.execute(statement, rows)], versions

    # -- ledger actors, places, series -----------------------------------------------
    def _resolve_actors(
        self, conn: Connection, reports: list[Report], batch: _Batch
    ) -> dict[str, int]:
        """Ledger actor id per actor key of every actor in `reports`."""
        identities = {}
        for report in reports:
            for actor in report.actors:
                identity = merge.actor_identity(actor)
                identities.setdefault(identity.key, identity)
        ids = self._lookup(conn, m.Actor, identities, self._actors, batch.actors)
        missing = [identity for key, identity in identities.items() if key not in ids]
        # Full names go in first, so that a bare surname in the same batch can join them.
        partial = [i for i in missing if _may_join(i)]
        complete = [_actor_row(i) for i in missing if not _may_join(i)]
        self._insert_new(conn, m.Actor, complete, ids, batch.actors)
        for identity in partial:
            joined = _join_person(conn, identity)
            if joined is not None:
                ids[identity.key] = batch.actors[identity.key] = joined
        rest = [_actor_row(i) for i in partial if i.key not in ids]
        self._insert_new(conn, m.Actor, rest, ids, batch.actors)
        return ids

    def _resolve_places(
        self, conn: Connection, reports: list[Report], batch: _Batch
    ) -> dict[str, int]:
        identities = {}
        for report in reports:
            for place in report.places:
                identity = merge.place_identity(place)
                identities.setdefault(identity.key, identity)
        ids = self._lookup(conn, m.Place, identities, self._places, batch.places)
        rows = [
            {
                "key": i.key,
                "name": i.name,
                "country": i.country,
                "admin1": i.admin1,
                "lat": i.lat,
                "lon": i.lon,
                "precision": i.precision,
                "geonameid": i.geonameid,
            }
            for k, i in identities.items()
            if k not in ids
        ]
        self._insert_new(conn, m.Place, rows, ids, batch.places)
        return ids

    @staticmethod
    def _get_or_create(
        conn: Connection,
        column: Any,
        wanted: dict[str, dict[str, Any]],
        cache: dict[str, int],
        new: dict[str, int],
    ) -> dict[str, int]:
        """Id per key of `column` (a unique column); `wanted` maps key -> the row to insert
        if the key is not in the ledger yet."""
        model = column.class_
        ids = {key: cache[key] for key in wanted if key in cache}
        missing = [key for key in wanted if key not in ids]
        for chunk in _chunks(missing):
            found = dict(conn.execute(select(column, model.id).where(column.in_(chunk))).all())
            ids.update(found)
            new.update(found)
        # In key order, so that two writers take the unique-key locks in the same order.
        rows = [wanted[key] for key in sorted(missing) if key not in ids]
        if rows:
            statement = insert(model).returning(column, model.id, sort_by_parameter_order=True)
            for key, new_id in conn.execute(statement, rows):
                ids[key] = new[key] = new_id
        return ids

    @staticmethod
    def _lookup(
        conn: Connection, model: type, identities: dict, cache: dict[str, int], new: dict[str, int]
    ) -> dict[str, int]:
        ids = {k: cache[k] for k in identities if k in cache}
        missing = [k for k in identities if k not in ids]
        for chunk in _chunks(missing):
            query = select(model.key, model.id).where(model.key.in_(chunk))
            found = {k: i for k, i in conn.execute(query)}
            ids.update(found)
            new.update(found)
        return ids

    @staticmethod
    def _insert_new(
        conn: Connection, model: type, rows: list[dict], ids: dict[str, int], new: dict[str, int]
    ) -> None:
        if not rows:
            return
        rows = sorted(rows, key=lambda row: row["key"])  # same lock order in every writer
        statement = insert(model).returning(model.key, model.id, sort_by_parameter_order=True)
        for key, new_id in conn.execute(statement, rows):
            ids[key] = new[key] = new_id

    # -- records ------------------------------------------------------------------------
    def _insert_records(self, conn: Connection, rows: ReportRows, batch: _Batch) -> None:
        for model, records in (
            (m.DocumentActor, rows.actors),
            (m.DocumentPlace, rows.places),
            (m.Quote, rows.quotes),
        ):
            if records:
                conn.execute(insert(model), records)
        if rows.figures:
            who_ids = self._get_or_create(conn, m.Who.key, rows.whos, self._whos, batch.whos)
            wanted = {
                key: {**row, "who_id": who_ids[row["who_id"]]} for key, row in rows.series.items()
            }
            series_ids = self._get_or_create(
                conn, m.Series.key_hash, wanted, self._series, batch.series
            )
            for figure in rows.figures:
                figure["series_id"] = series_ids[figure.pop("series_key")]
            conn.execute(insert(m.Figure), rows.figures)
            _update_series_counts(conn, rows.figures)
            _update_series_days(conn, rows.figures)
        if rows.events:
            participants = [event.pop("participants") for event in rows.events]
            statement = insert(m.Event).returning(m.Event.id, sort_by_parameter_order=True)
            event_ids = [row.id for row in conn.execute(statement, rows.events)]
            links = [
                {"event_id": event_id, "actor_id": actor_id, "role": role}
                for event_id, pairs in zip(event_ids, participants, strict=True)
                for actor_id, role in pairs
            ]
            if links:
                conn.execute(insert(m.EventActor), links)


def _chunks(values: list, size: int = LOOKUP_CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _known_hashes(conn: Connection, hashes: list[str]) -> set[str]:
    known: set[str] = set()
    for chunk in _chunks(hashes):
        query = select(m.Document.content_hash).where(m.Document.content_hash.in_(chunk))
        known.update(conn.scalars(query))
    return known


def _actor_row(identity: merge.ActorIdentity) -> dict[str, Any]:
    return {
        "key": identity.key,
        "name": identity.name,
        "kind": identity.kind,
        "country": identity.country,
        "sector": identity.sector,
        "surname": identity.surname,
        "search": identity.search,
    }


def _may_join(identity: merge.ActorIdentity) -> bool:
    """A person named by surname only, or without a country: may be someone we know."""
    words = identity.search.split()
    return (
        identity.kind == "person" and bool(words) and (len(words) == 1 or identity.country is None)
    )


def _join_person(conn: Connection, identity: merge.ActorIdentity) -> int | None:
    """A ledger person this not-well-known person is, if exactly one fits.

    A bare surname ("Smith") joins the one full name with that surname and a compatible
    country; a name without a country joins the one same name that has a country."""
    words = identity.search.split()
    query = select(m.Actor.id).where(m.Actor.kind == "person")
    if len(words) == 1:
        query = query.where(m.Actor.surname == words[0], m.Actor.search != words[0])
        if identity.country:
            query = query.where((m.Actor.country == identity.country) | m.Actor.country.is_(None))
    elif identity.country is None:
        query = query.where(m.Actor.search == identity.search, m.Actor.country.is_not(None))
    else:
        return None
    found = conn.scalars(query.limit(2)).all()
    return found[0] if len(found) == 1 else None


def _lost_a_race(error: DBAPIError) -> bool:
    """A unique key another writer took first, or a deadlock or serialization failure
    between two writers (PostgreSQL): the batch can simply be tried again."""
    if isinstance(error, IntegrityError):
        return True
    return getattr(getattr(error, "orig", None), "sqlstate", None) in ("40001", "40P01")


def _update_series_counts(conn: Connection, figures: list[dict]) -> None:
    """Add the batch's claims to each series' count and first/last days."""
    stats: dict[int, list] = defaultdict(lambda: [0, None, None])
    for figure in figures:
        entry = stats[figure["series_id"]]
        entry[0] += 1
        day: date | None = figure["as_of"]
        if day is not None:
            entry[1] = day if entry[1] is None else min(entry[1], day)
            entry[2] = day if entry[2] is None else max(entry[2], day)
    first, last = bindparam("first", type_=Date), bindparam("last", type_=Date)
    statement = (
        update(m.Series.__table__)
        .where(m.Series.__table__.c.id == bindparam("series"))
        .values(
            claim_count=m.Series.__table__.c.claim_count + bindparam("count"),
            first_as_of=case(
                (m.Series.__table__.c.first_as_of.is_(None), first),
                (m.Series.__table__.c.first_as_of > first, first),
                else_=m.Series.__table__.c.first_as_of,
            ),
            last_as_of=case(
                (m.Series.__table__.c.last_as_of.is_(None), last),
                (m.Series.__table__.c.last_as_of < last, last),
                else_=m.Series.__table__.c.last_as_of,
            ),
        )
    )
    conn.execute(
        statement,
        [
            {"series": series_id, "count": count, "first": first_day, "last": last_day}
            for series_id, (count, first_day, last_day) in sorted(stats.items())
        ],
    )


def _update_series_days(conn: Connection, figures: list[dict]) -> None:
    """Fold the batch's comparable claims into `series_days` (see models.SeriesDay).

    New days are inserted; known days are updated in SQL (so that two writers cannot lose
    each other's claims), then their `disputed` flag is recomputed."""
    days: dict[tuple[int, date], list] = {}
    for figure in figures:
        if (
            figure["lo"] is None
            or figure["as_of"] is None
            or figure["modality"] in merge.UNCOMPARABLE_MODALITIES
        ):
            continue
        key = (figure["series_id"], figure["as_of"])
        count, max_lo, min_hi = days.get(key, (0, None, None))
        hi = figure["hi"]
        days[key] = [
            count + 1,
            figure["lo"] if max_lo is None else max(max_lo, figure["lo"]),
            min_hi if hi is None else hi if min_hi is None else min(min_hi, hi),
        ]
    if not days:
        return
    table = m.SeriesDay.__table__
    known: set[tuple[int, date]] = set()
    for chunk in _chunks(sorted({series_id for series_id, _ in days})):
        rows = conn.execute(
            select(table.c.series_id, table.c.as_of).where(table.c.series_id.in_(chunk))
        )
        known.update(
            (row.series_id, row.as_of) for row in rows if (row.series_id, row.as_of) in days
        )
    fresh = [
        {
            "series_id": series_id,
            "as_of": day,
            "claims": count,
            "max_lo": max_lo,
            "min_hi": min_hi,
            "disputed": count > 1 and min_hi is not None and max_lo > min_hi,
        }
        for (series_id, day), (count, max_lo, min_hi) in sorted(days.items())
        if (series_id, day) not in known
    ]
    if fresh:
        conn.execute(insert(table), fresh)
    if not known:
        return
    lo, hi = bindparam("lo", type_=Float), bindparam("hi", type_=Float)
    where = (table.c.series_id == bindparam("series")) & (table.c.as_of == bindparam("day"))
    conn.execute(
        update(table)
        .where(where)
        .values(
            claims=table.c.claims + bindparam("count"),
            max_lo=case((table.c.max_lo < lo, lo), else_=table.c.max_lo),
            min_hi=case(
                (cast(hi, Float).is_(None), table.c.min_hi),
                (table.c.min_hi.is_(None), hi),
                (hi < table.c.min_hi, hi),
                else_=table.c.min_hi,
            ),
        ),
        [
            {
                "series": series_id,
                "day": day,
                "count": days[(series_id, day)][0],
                "lo": days[(series_id, day)][1],
                "hi": days[(series_id, day)][2],
            }
            for series_id, day in sorted(known)
        ],
    )
    conn.execute(
        update(table)
        .where(where)
        .values(
            disputed=(table.c.claims > 1)
            & table.c.min_hi.is_not(None)
            & (table.c.max_lo > table.c.min_hi)
        ),
        [{"series": series_id, "day": day} for series_id, day in sorted(known)],
    )
