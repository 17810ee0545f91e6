"""The ledger's tables (SQLAlchemy 2.0 ORM), shared by SQLite and PostgreSQL.

Two layers live side by side:

* what each document said, kept whole: `documents` and, per record of its report,
  `document_actors`, `document_places`, `quotes`, `figures` and `events`. Each of these
  rows keeps the record exactly as `fogofwar read` produced it (`record`, JSON), so a
  report can be rebuilt from the ledger even after the contract grows new fields;
* what joins documents: ledger `actors` and `places` (one row however many documents
  name them) and figure `series` (claims about the same who, category, place and time
  window). Typed columns and indexes serve the queries in `queries.py`.

Dates are `Date` columns; free text is `Text` (no length limit a report could overflow).
Docs: docs/ledger.md. Changing a table needs a migration in `migrations/versions/`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

LEDGER_FORMAT = "fogofwar-ledger/1"


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, str: Text, bool: Boolean}


class LedgerInfo(Base):
    """Marks a database as a fogofwar ledger: key `format` holds `LEDGER_FORMAT`."""

    __tablename__ = "ledger_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str]


class Document(Base):
    """One text as read: identified by the hash of its normalised text.

    The same URL with a new text is a new row with `version` one higher."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("url", "version", name="uq_documents_url_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    external_id: Mapped[str]
    title: Mapped[str | None]
    outlet: Mapped[str | None]
    published: Mapped[str | None]
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    text: Mapped[str]
    model: Mapped[str | None]
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    record: Mapped[dict[str, Any]] = mapped_column(doc="The Document without its text.")


class Actor(Base):
    """A ledger actor: one per canonical name + kind + country (see merge.actor_identity)."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    kind: Mapped[str]
    country: Mapped[str | None] = mapped_column(index=True)
    sector: Mapped[str | None]
    surname: Mapped[str | None] = mapped_column(index=True)
    search: Mapped[str] = mapped_column(index=True, doc="Folded name (merge.name_search).")


class DocumentActor(Base):
    """An actor as one document named it, linked to its ledger actor."""

    __tablename__ = "document_actors"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    local_id: Mapped[str]
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    record: Mapped[dict[str, Any]]


class Place(Base):
    """A ledger place: one per GeoNames id, else per name + country + admin1."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    country: Mapped[str | None] = mapped_column(index=True)
    admin1: Mapped[str | None]
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str]
    geonameid: Mapped[int | None] = mapped_column(Integer)


class DocumentPlace(Base):
    __tablename__ = "document_places"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    local_id: Mapped[str]
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    record: Mapped[dict[str, Any]]


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("document_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    local_id: Mapped[str]
    kind: Mapped[str]
    speaker_kind: Mapped[str]
    speaker_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    content: Mapped[str]
    record: Mapped[dict[str, Any]]


class Who(Base):
    """Whom figures count, shared by all their series: a ledger actor, a country, or words
    (merge.who_of). `--who` searches this small table, not the series."""

    __tablename__ = "who"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(unique=True)
    label: Mapped[str]
    search: Mapped[str]
    country: Mapped[str | None] = mapped_column(index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)


class Series(Base):
    """Figure claims about the same who, category, place and time window (merge.series_identity).

    `claim_count`, `first_as_of` and `last_as_of` are kept up to date by the write path so
    that `figures` can list the latest series without scanning every claim; `who_country`
    repeats the who's country for the same reason."""

    __tablename__ = "series"
    __table_args__ = (  # each filter of `figures`, then newest first
        Index("ix_series_who_latest", "who_id", "last_as_of"),
        Index("ix_series_country_latest", "who_country", "last_as_of"),
        Index("ix_series_category_latest", "category", "last_as_of"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    key: Mapped[str]
    who_id: Mapped[int] = mapped_column(ForeignKey("who.id"))
    who_country: Mapped[str | None]
    category: Mapped[str]
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    basis: Mapped[str] = mapped_column(doc="cumulative, window or unspecified")
    window_start: Mapped[date | None] = mapped_column(Date)
    window_end: Mapped[date | None] = mapped_column(Date)
    claim_count: Mapped[int] = mapped_column(Integer, default=0)
    first_as_of: Mapped[date | None] = mapped_column(Date)
    last_as_of: Mapped[date | None] = mapped_column(Date, index=True)


class SeriesDay(Base):
    """The comparable claims of one series about one day, summed up: how many, the highest
    low bound, the lowest high bound (NULL: none bounded). `disputed` is true when two
    claims cannot both be true (max_lo > min_hi). Kept by the write path, so `disputes`
    reads a handful of rows instead of grouping every claim."""

    __tablename__ = "series_days"
    __table_args__ = (Index("ix_series_days_disputed", "disputed", "as_of"),)

    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"), primary_key=True)
    as_of: Mapped[date] = mapped_column(Date, primary_key=True)
    claims: Mapped[int] = mapped_column(Integer)
    max_lo: Mapped[float] = mapped_column(Float)
    min_hi: Mapped[float | None] = mapped_column(Float)
    disputed: Mapped[bool]


class Figure(Base):
    """One claimed number: the report's Figure plus its place in a series.

    `lo`/`hi` is the interval the claim allows (`hi` NULL: no upper bound; both NULL: no
    number to compare); `as_of` is the day the claim speaks for (merge.claim_as_of)."""

    __tablename__ = "figures"
    __table_args__ = (
        UniqueConstraint("document_id", "local_id"),
        Index("ix_figures_series_as_of", "series_id", "as_of"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    local_id: Mapped[str]
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"))
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    lo: Mapped[float | None] = mapped_column(Float)
    hi: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str]
    category: Mapped[str]
    modality: Mapped[str]
    as_of: Mapped[date | None] = mapped_column(Date)
    source_kind: Mapped[str]
    source_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    text: Mapped[str]
    record: Mapped[dict[str, Any]]


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("document_id", "local_id"),
        Index("ix_events_plover_as_of", "plover", "as_of"),  # --plover, newest first
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    local_id: Mapped[str]
    plover: Mapped[str]
    mode: Mapped[str | None]
    category: Mapped[str]
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    as_of: Mapped[date | None] = mapped_column(Date, index=True, doc="date_start or published")
    source_kind: Mapped[str]
    source_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    modality: Mapped[str]
    evidence: Mapped[str]
    record: Mapped[dict[str, Any]]


class EventActor(Base):
    """Who took part in an event: role is actor, recipient or victim."""

    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
