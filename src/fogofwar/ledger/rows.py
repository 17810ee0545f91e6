"""A batch of reports as table rows, with the ledger ids the write path resolved.

Each record keeps its full `record` (JSON) next to the typed columns the queries use.
Figures also yield the rows of their series and whos (inserted if new); events the pairs
(actor id, role) of their participants.
"""

from __future__ import annotations

from typing import Any

from fogofwar.ledger import merge
from fogofwar.schema import Report


class ReportRows:
    """The rows of one batch's records, built from reports and resolved ledger ids."""

    def __init__(self) -> None:
        self.actors: list[dict] = []
        self.places: list[dict] = []
        self.quotes: list[dict] = []
        self.figures: list[dict] = []
        self.events: list[dict] = []
        self.series: dict[str, dict] = {}
        self.whos: dict[str, dict] = {}

    def add_report(
        self, report: Report, document_id: int, actor_ids: dict[str, int], place_ids: dict[str, int]
    ) -> None:
        actors = {a.id: merge.actor_identity(a) for a in report.actors}
        places = {p.id: merge.place_identity(p) for p in report.places}

        def actor_id(local: str | None) -> int | None:
            identity = actors.get(local) if local else None
            return actor_ids[identity.key] if identity else None

        def place_id(local: str | None) -> int | None:
            identity = places.get(local) if local else None
            return place_ids[identity.key] if identity else None

        published = merge.to_date(report.document.published)
        for actor in report.actors:
            self.actors.append(
                {
                    "document_id": document_id,
                    "local_id": actor.id,
                    "actor_id": actor_id(actor.id),
                    "record": _json(actor),
                }
            )
        for place in report.places:
            self.places.append(
                {
                    "document_id": document_id,
                    "local_id": place.id,
                    "place_id": place_id(place.id),
                    "record": _json(place),
                }
            )
        for quote in report.quotes:
            self.quotes.append(
                {
                    "document_id": document_id,
                    "local_id": quote.id,
                    "kind": quote.kind,
                    "speaker_kind": quote.speaker_kind,
                    "speaker_actor_id": actor_id(quote.speaker_actor),
                    "content": quote.content.text,
                    "record": _json(quote),
                }
            )
        for figure in report.figures:
            who_actor = actors.get(figure.who.actor) if figure.who and figure.who.actor else None
            place = places.get(figure.place) if figure.place else None
            series = merge.series_identity(figure, who_actor, place)
            self.whos.setdefault(
                series.who_key,
                {
                    "key": series.who_key,
                    "label": series.who_label,
                    "search": merge.name_search(series.who_label),
                    "country": series.who_country,
                    "actor_id": actor_ids[who_actor.key] if who_actor else None,
                },
            )
            self.series.setdefault(
                series.key_hash,
                {
                    "key_hash": series.key_hash,
                    "key": series.key,
                    "who_id": series.who_key,  # replaced by the id once whos are resolved
                    "who_country": series.who_country,
                    "category": series.category,
                    "place_id": place_ids[place.key] if place else None,
                    "basis": series.basis,
                    "window_start": series.window_start,
                    "window_end": series.window_end,
                    "claim_count": 0,
                },
            )
            lo, hi = merge.interval(figure.value, figure.low, figure.high, figure.qualifier)
            self.figures.append(
                {
                    "document_id": document_id,
                    "local_id": figure.id,
                    "series_key": series.key_hash,
                    "value": figure.value,
                    "low": figure.low,
                    "high": figure.high,
                    "lo": lo,
                    "hi": hi,
                    "qualifier": figure.qualifier,
                    "category": figure.category,
                    "modality": figure.modality,
                    "as_of": merge.claim_as_of(figure.time_window, published),
                    "source_kind": figure.source.kind,
                    "source_actor_id": actor_id(figure.source.actor),
                    "text": figure.span.text,
                    "record": _json(figure),
                }
            )
        for event in report.events:
            start = merge.to_date(event.date.start) if event.date else None
            participants = {
                (actor_id(local), role)
                for role, locals_ in (
                    ("actor", event.actors),
                    ("recipient", event.recipients),
                    ("victim", event.victims),
                )
                for local in locals_
                if actor_id(local) is not None
            }
            self.events.append(
                {
                    "document_id": document_id,
                    "local_id": event.id,
                    "plover": event.plover,
                    "mode": event.mode,
                    "category": event.category,
                    "place_id": place_id(event.place),
                    "date_start": start,
                    "date_end": merge.to_date(event.date.end, end=True) if event.date else None,
                    "as_of": start or published,
                    "source_kind": event.source.kind,
                    "source_actor_id": actor_id(event.source.actor),
                    "modality": event.modality,
                    "evidence": event.evidence.text,
                    "record": _json(event),
                    "participants": sorted(participants),
                }
            )


def _json(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json")
