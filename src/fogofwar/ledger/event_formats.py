"""Event exports: the rows of `--table events`, ACLED-like rows, PLOVER-style records
and GeoJSON features, all made from `iter_event_records` (docs/ledger.md has every field)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from fogofwar.ledger import models as m

PAGE = 1000  # rows per query: memory stays flat
EVENT_COLUMNS = (
    "event_id",
    "plover",
    "mode",
    "category",
    "date_start",
    "date_end",
    "date_precision",
    "as_of",
    "place",
    "place_country",
    "admin1",
    "lat",
    "lon",
    "geonameid",
    "actors",
    "recipients",
    "victims",
    "source_kind",
    "source",
    "modality",
    "evidence",
    "fatalities",
    "document_id",
    "url",
    "title",
    "outlet",
    "published",
)
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "fogofwar_event_id",
    "document_url",
)
# Event modes that ACLED counts as remote violence rather than battles (substrings).
REMOTE_MODES = (
    "aerial",
    "air",
    "drone",
    "missile",
    "rocket",
    "shell",
    "artillery",
    "bomb",
    "explosive",
)
GEO_PRECISION = {"exact": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


# -- events -----------------------------------------------------------------------------
def iter_event_records(engine: Engine, since: date | None = None) -> Iterator[dict]:
    """Events with their place, participants (name, country, sector), source, document
    and linked figures, in ledger order; the input of every event format."""
    source = m.Actor.__table__.alias("source_actor")
    last = 0
    while True:
        query = (
            select(
                m.Event,
                m.Place,
                source.c.name.label("source_name"),
                m.Document.url,
                m.Document.title,
                m.Document.outlet,
                m.Document.published_on,
                m.Document.ingested_at,
            )
            .join(m.Document, m.Event.document_id == m.Document.id)
            .outerjoin(m.Place, m.Event.place_id == m.Place.id)
            .outerjoin(source, m.Event.source_actor_id == source.c.id)
            .where(m.Event.id > last)
        )
        if since:
            query = query.where(m.Event.as_of >= since)
        with Session(engine) as conn:
            rows = conn.execute(query.order_by(m.Event.id).limit(PAGE)).all()
            if not rows:
                return
            event_ids = [row[0].id for row in rows]
            people = conn.execute(
                select(
                    m.EventActor.event_id,
                    m.EventActor.role,
                    m.Actor.name,
                    m.Actor.country,
                    m.Actor.sector,
                    m.Actor.kind,
                )
                .join(m.Actor, m.EventActor.actor_id == m.Actor.id)
                .where(m.EventActor.event_id.in_(event_ids))
                .order_by(m.EventActor.event_id, m.Actor.name)
            ).all()
            document_ids = sorted({row[0].document_id for row in rows})
            figures = conn.execute(
                select(
                    m.Figure.document_id,
                    m.Figure.local_id,
                    m.Figure.category,
                    m.Figure.value,
                    m.Figure.low,
                    m.Figure.high,
                    m.Figure.lo,
                    m.Figure.qualifier,
                ).where(m.Figure.document_id.in_(document_ids))
            ).all()
        participants: dict[int, dict[str, list[dict]]] = {}
        for person in people:
            participants.setdefault(person.event_id, {}).setdefault(person.role, []).append(
                {
                    "name": person.name,
                    "country": person.country,
                    "sector": person.sector,
                    "kind": person.kind,
                }
            )
        by_local = {(f.document_id, f.local_id): f for f in figures}
        for row in rows:
            event, place = row[0], row[1]
            linked = [
                by_local[(event.document_id, local)]
                for local in event.record.get("figures", [])
                if (event.document_id, local) in by_local
            ]
            yield {
                "event": event,
                "place": place,
                "source_name": row.source_name,
                "url": row.url,
                "title": row.title,
                "outlet": row.outlet,
                "published": row.published_on,
                "ingested_at": row.ingested_at,
                "participants": participants.get(event.id, {}),
                "figures": linked,
            }
        last = rows[-1][0].id


def _names(record: dict, role: str) -> list[str]:
    return [p["name"] for p in record["participants"].get(role, [])]


def _source(record: dict) -> str:
    event = record["event"]
    if record["source_name"]:
        return record["source_name"]
    return "unattributed" if event.source_kind == "unattributed" else record["outlet"] or ""


def fatalities(record: dict) -> int:
    """Deaths an event's own figures claim: the sum of the lowest numbers its `killed`
    figures allow (ACLED's 'lowest credible estimate'); 0 when it has none."""
    return int(sum(f.lo or 0 for f in record["figures"] if f.category == "killed"))


def event_row(record: dict) -> dict:
    event, place = record["event"], record["place"]
    date_info = event.record.get("date") or {}
    return {
        "event_id": event.id,
        "plover": event.plover,
        "mode": event.mode,
        "category": event.category,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "date_precision": date_info.get("precision"),
        "as_of": event.as_of,
        "place": place.name if place else None,
        "place_country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "actors": "; ".join(_names(record, "actor")),
        "recipients": "; ".join(_names(record, "recipient")),
        "victims": "; ".join(_names(record, "victim")),
        "source_kind": event.source_kind,
        "source": _source(record),
        "modality": event.modality,
        "evidence": event.evidence,
        "fatalities": fatalities(record),
        "document_id": event.document_id,
        "url": record["url"],
        "title": record["title"],
        "outlet": record["outlet"],
        "published": record["published"],
    }


def acled_event_type(record: dict) -> tuple[str, str]:
    """(disorder_type, event_type) in ACLED's terms, from the PLOVER type and mode."""
    event = record["event"]
    if event.plover == "ASSAULT":
        victims = record["participants"].get("victim", [])
        if any(v["sector"] == "CVL" for v in victims):
            return "Political violence", "Violence against civilians"
        if any(word in (event.mode or "").lower() for word in REMOTE_MODES):
            return "Political violence", "Explosions/Remote violence"
        return "Political violence", "Battles"
    if event.plover == "PROTEST":
        return "Demonstrations", "Protests"
    return "Strategic developments", "Strategic developments"


def acled_row(record: dict) -> dict:
    event, place = record["event"], record["place"]
    actors, others = _names(record, "actor"), _names(record, "recipient") + _names(record, "victim")
    day = event.date_start or event.as_of
    precision = (event.record.get("date") or {}).get("precision")
    country = place.country if place else None
    disorder, event_type = acled_event_type(record)
    civilians = any(v["sector"] == "CVL" for v in record["participants"].get("victim", []))
    return {
        "event_id_cnty": f"{country or 'XXX'}{event.id}",
        "event_date": day,
        "year": day.year if day else None,
        "time_precision": TIME_PRECISION.get(precision or "", 2 if day else None),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": None,
        "actor1": actors[0] if actors else None,
        "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": others[0] if others else None,
        "assoc_actor_2": "; ".join(others[1:]),
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": _iso_numeric(country),
        "country": _country_name(country),
        "admin1": place.admin1 if place else None,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": GEO_PRECISION.get(place.precision) if place else None,
        "source": "; ".join(
            s for s in dict.fromkeys([record["outlet"] or "", _source(record)]) if s
        ),
        "source_scale": None,
        "notes": event.evidence,
        "fatalities": fatalities(record),
        "tags": f"plover={event.plover}; mode={event.mode or ''}; modality={event.modality}",
        "timestamp": int(record["ingested_at"].timestamp()) if record["ingested_at"] else None,
        "fogofwar_event_id": event.id,
        "document_url": record["url"],
    }


def _iso_numeric(code: str | None) -> int | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=code) if code else None
    return int(country.numeric) if country else None


def _country_name(code: str | None) -> str | None:
    from fogofwar.countries import country_name

    return country_name(code) if code else None


def plover_record(record: dict) -> dict:
    event, place = record["event"], record["place"]
    date_info = event.record.get("date") or {}
    return {
        "id": f"fogofwar-{event.id}",
        "date": (event.date_start or event.as_of),
        "date_precision": date_info.get("precision", "unknown"),
        "event": event.plover,
        "mode": event.mode,
        "context": [event.category],
        "modality": event.modality,
        "actors": record["participants"].get("actor", []),
        "recipients": record["participants"].get("recipient", []),
        "victims": record["participants"].get("victim", []),
        "location": None
        if place is None
        else {
            "placename": place.name,
            "country": place.country,
            "admin1": place.admin1,
            "lat": place.lat,
            "lon": place.lon,
            "geonameid": place.geonameid,
            "precision": place.precision,
        },
        "figures": [
            {
                "category": f.category,
                "value": f.value,
                "low": f.low,
                "high": f.high,
                "qualifier": f.qualifier,
            }
            for f in record["figures"]
        ],
        "source": {"kind": event.source_kind, "name": _source(record)},
        "text": event.evidence,
        "publication": {
            "url": record["url"],
            "title": record["title"],
            "outlet": record["outlet"],
            "published": record["published"],
        },
    }


def geojson_feature(record: dict) -> dict | None:
    place = record["place"]
    if place is None or place.lat is None or place.lon is None:
        return None
    row = event_row(record)
    properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }
