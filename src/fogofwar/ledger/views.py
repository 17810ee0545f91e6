"""What the queries return: plain dataclasses, with `to_dict()` for JSON output."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class Claim:
    """One figure claim with everything needed to check it."""

    figure_id: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    category: str
    modality: str
    as_of: date | None
    text: str
    source_kind: str
    source: str
    document_id: int
    document_url: str | None
    document_title: str | None
    outlet: str | None
    published: date | None
    lo: float | None = None
    hi: float | None = None


@dataclass
class SeriesView:
    """Claims about the same who, category, place and time window."""

    id: int
    key: str
    who: str
    who_country: str | None
    category: str
    place: str | None
    basis: str
    window_start: date | None
    window_end: date | None
    claim_count: int
    first_as_of: date | None
    last_as_of: date | None
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


@dataclass
class Dispute:
    """Claims of one series about one day whose intervals do not all overlap: the highest
    low bound (`max_low`) is above the lowest high bound (`min_high`)."""

    series: SeriesView
    day: date
    max_low: float
    min_high: float

    def to_dict(self) -> dict[str, Any]:
        return _plain(
            {
                "day": self.day,
                "max_low": self.max_low,
                "min_high": self.min_high,
                "series": self.series.to_dict(),
            }
        )


@dataclass
class SourceItem:
    """Something a source said: a figure, a quote or an event it is the source of."""

    kind: str
    date: date | None
    text: str
    detail: str
    document_id: int
    document_url: str | None
    outlet: str | None


@dataclass
class SourceReport:
    actors: list[str]
    items: list[SourceItem]

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


@dataclass
class EventView:
    id: int
    plover: str
    mode: str | None
    category: str
    date_start: date | None
    date_end: date | None
    as_of: date | None
    place: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    actors: list[str]
    recipients: list[str]
    victims: list[str]
    source_kind: str
    source: str
    modality: str
    evidence: str
    document_id: int
    document_url: str | None
    outlet: str | None

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value
