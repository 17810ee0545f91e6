"""Ledger exports, streamed page by page (memory stays flat on any ledger size).

Formats (field by field in docs/ledger.md):
    jsonl        one report per line, exactly as `fogofwar read --format jsonl` made it
    csv          one row per figure claim (or per event with table="events")
    parquet      the same rows as csv, typed (pyarrow)
    acled-csv    one row per event, ACLED-like columns where they map
    plover-json  a JSON array of PLOVER-style event records
    geojson      a FeatureCollection of Point features: events whose place has coordinates
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from fogofwar.ledger import models as m
from fogofwar.ledger.event_formats import (
    ACLED_COLUMNS,
    EVENT_COLUMNS,
    acled_row,
    event_row,
    geojson_feature,
    iter_event_records,
    plover_record,
)
from fogofwar.ledger.merge import to_date
from fogofwar.schema import Actor, Document, Event, Figure, Place, Quote, Report

FORMATS = ("jsonl", "csv", "acled-csv", "plover-json", "geojson", "parquet")
TABLES = ("figures", "events")
PAGE = 1000
FIGURE_COLUMNS = (
    "figure_id",
    "series_id",
    "series_key",
    "who",
    "who_country",
    "category",
    "place",
    "place_country",
    "basis",
    "window_start",
    "window_end",
    "as_of",
    "value",
    "low",
    "high",
    "lo",
    "hi",
    "qualifier",
    "modality",
    "source_kind",
    "source",
    "text",
    "document_id",
    "document_version",
    "url",
    "title",
    "outlet",
    "published",
)


def export(
    engine: Engine, fmt: str, output: IO, *, table: str = "figures", since: str | date | None = None
) -> int:
    """Write the ledger to `output` (binary for parquet, text otherwise); returns the
    number of records written."""
    since_day = to_date(since) if isinstance(since, str) else since
    if fmt == "jsonl":
        count = 0
        for report in iter_reports(engine, since=since_day):
            output.write(report.model_dump_json() + "\n")
            count += 1
        return count
    if fmt in ("csv", "parquet"):
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r} (choose from {', '.join(TABLES)})")
        columns = FIGURE_COLUMNS if table == "figures" else EVENT_COLUMNS
        rows = (
            iter_figure_rows(engine, since_day)
            if table == "figures"
            else (event_row(record) for record in iter_event_records(engine, since_day))
        )
        if fmt == "csv":
            return _write_csv(output, columns, rows)
        return _write_parquet(output, columns, rows, table)
    if fmt == "acled-csv":
        rows = (acled_row(record) for record in iter_event_records(engine, since_day))
        return _write_csv(output, ACLED_COLUMNS, rows)
    if fmt == "plover-json":
        return _write_json_array(
            output, (plover_record(r) for r in iter_event_records(engine, since_day))
        )
    if fmt == "geojson":
        output.write('{"type": "FeatureCollection", "features": ')
        features = (geojson_feature(r) for r in iter_event_records(engine, since_day))
        count = _write_json_array(output, (f for f in features if f is not None))
        output.write("}\n")
        return count
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _write_csv(output: IO, columns: tuple[str, ...], rows: Iterator[dict]) -> int:
    writer = csv.DictWriter(output, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def _write_json_array(output: IO, records: Iterator[dict]) -> int:
    count = 0
    output.write("[")
    for record in records:
        output.write(",\n" if count else "\n")
        output.write(json.dumps(record, ensure_ascii=False, default=_json_default))
        count += 1
    output.write("\n]" if count else "]")
    return count


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _write_parquet(output: IO, columns: tuple[str, ...], rows: Iterator[dict], table: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, _arrow_type(pa, name)) for name in columns])
    count = 0
    with pq.ParquetWriter(output, schema) as writer:
        page: list[dict] = []
        for row in rows:
            page.append(row)
            if len(page) >= PAGE:
                writer.write_table(pa.Table.from_pylist(page, schema=schema))
                count += len(page)
                page = []
        if page or count == 0:
            writer.write_table(pa.Table.from_pylist(page, schema=schema))
            count += len(page)
    return count


def _arrow_type(pa: Any, name: str) -> Any:
    if name in ("value", "low", "high", "lo", "hi", "lat", "lon"):
        return pa.float64()
    if name.endswith("_id") or name in ("document_version", "geonameid", "fatalities"):
        return pa.int64()
    if name in ("window_start", "window_end", "as_of", "published", "date_start", "date_end"):
        return pa.date32()
    return pa.string()


# -- reports ----------------------------------------------------------------------------
def iter_reports(engine: Engine, *, since: date | None = None) -> Iterator[Report]:
    """Every stored report, oldest first, rebuilt from the stored records."""
    children = (
        (m.DocumentActor, "actors", Actor),
        (m.DocumentPlace, "places", Place),
        (m.Quote, "quotes", Quote),
        (m.Figure, "figures", Figure),
        (m.Event, "events", Event),
    )
    last = 0
    while True:
        with Session(engine) as conn:
            query = select(m.Document.id, m.Document.text, m.Document.record).where(
                m.Document.id > last
            )
            if since:
                query = query.where(m.Document.published_on >= since)
            documents = conn.execute(query.order_by(m.Document.id).limit(PAGE // 4)).all()
            if not documents:
                return
            ids = [row.id for row in documents]
            records: dict[int, dict[str, list]] = {i: {} for i in ids}
            for model, name, schema in children:
                rows = conn.execute(
                    select(model.document_id, model.record)
                    .where(model.document_id.in_(ids))
                    .order_by(model.id)
                )
                for row in rows:
                    records[row.document_id].setdefault(name, []).append(
                        schema.model_validate(row.record)
                    )
        for row in documents:
            document = Document.model_validate({**row.record, "text": row.text})
            yield Report(document=document, **records[row.id])
        last = ids[-1]


# -- figure claims ----------------------------------------------------------------------
def iter_figure_rows(engine: Engine, since: date | None = None) -> Iterator[dict]:
    """One flat row per figure claim (FIGURE_COLUMNS), in ledger order."""
    source = m.Actor.__table__.alias("source_actor")
    last = 0
    while True:
        query = (
            select(
                m.Figure,
                m.Series,
                m.Who.label.label("who_label"),
                m.Place.name.label("place_name"),
                m.Place.country.label("place_country"),
                source.c.name.label("source_name"),
                m.Document.version,
                m.Document.url,
                m.Document.title,
                m.Document.outlet,
                m.Document.published_on,
            )
            .join(m.Series, m.Figure.series_id == m.Series.id)
            .join(m.Who, m.Series.who_id == m.Who.id)
            .join(m.Document, m.Figure.document_id == m.Document.id)
            .outerjoin(m.Place, m.Series.place_id == m.Place.id)
            .outerjoin(source, m.Figure.source_actor_id == source.c.id)
            .where(m.Figure.id > last)
        )
        if since:
            query = query.where(m.Figure.as_of >= since)
        with Session(engine) as conn:
            rows = conn.execute(query.order_by(m.Figure.id).limit(PAGE)).all()
        if not rows:
            return
        for row in rows:
            figure, series = row[0], row[1]
            yield {
                "figure_id": figure.id,
                "series_id": series.id,
                "series_key": series.key,
                "who": row.who_label,
                "who_country": series.who_country,
                "category": figure.category,
                "place": row.place_name,
                "place_country": row.place_country,
                "basis": series.basis,
                "window_start": series.window_start,
                "window_end": series.window_end,
                "as_of": figure.as_of,
                "value": figure.value,
                "low": figure.low,
                "high": figure.high,
                "lo": figure.lo,
                "hi": figure.hi,
                "qualifier": figure.qualifier,
                "modality": figure.modality,
                "source_kind": figure.source_kind,
                "source": row.source_name
                or ("unattributed" if figure.source_kind == "unattributed" else row.outlet),
                "text": figure.text,
                "document_id": figure.document_id,
                "document_version": row.version,
                "url": row.url,
                "title": row.title,
                "outlet": row.outlet,
                "published": row.published_on,
            }
        last = rows[-1][0].id
