"""The report contract: the records fogofwar produces for one document.

Every record that makes a claim points at its evidence with a `Span` (character
offsets into `document.text`), so a reader can always check what the text says.
Field names are fixed by the contract; new optional fields may be added freely.
`fogofwar schema` prints the JSON Schema generated from these models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ActorKind = Literal["person", "organization", "state", "armed_force", "group"]
QuoteKind = Literal["direct", "indirect", "mixed"]
SourceKind = Literal["speaker", "unattributed", "outlet"]
CueStrength = Literal["confirmed", "asserted", "hedged", "claimed", "denied", "stance"]
PlacePrecision = Literal["exact", "admin2", "admin1", "country", "region", "unknown"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
Modality = Literal[
    "asserted", "reported", "alleged", "estimated", "negated", "hypothetical", "future"
]
Qualifier = Literal[
    "exact", "over", "at_least", "nearly", "up_to", "approx", "range", "vague", "zero"
]
FigureCategory = Literal[
    "killed",
    "injured",
    "killed_or_injured",
    "captured",
    "missing",
    "deployed",
    "displaced",
    "evacuated",
    "hostages",
    "arrested",
    "suicides",
    "deserted",
    "other",
]
PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]


class Record(BaseModel):
    """Base for all records: unknown fields are refused so typos surface early."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A stretch of the document: `text == document.text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Document(Record):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(
        default=None, description="Publication date (ISO 8601), the anchor for relative dates."
    )
    text: str


class Actor(Record):
    """A person, organisation, state, armed force or group, with all its mentions."""

    id: str
    name: str = Field(description="Canonical name: the fullest form found in the document.")
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code.")
    sector: str | None = Field(default=None, description="PLOVER/CAMEO sector code: GOV, MIL...")
    roles: list[str] = Field(default_factory=list)
    fighting_for: str | None = Field(
        default=None, description="ISO3 of the state an armed force fights for, if not its own."
    )
    mentions: list[Span] = Field(default_factory=list)


class Place(Record):
    id: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision = "unknown"
    geonameid: int | None = None
    mentions: list[Span] = Field(default_factory=list)


class Quote(Record):
    """A statement and who made it: `content` is what was said, `cue` the reporting verb."""

    id: str
    kind: QuoteKind
    content: Span
    cue: Span | None = None
    speaker: Span | None = None
    speaker_actor: str | None = Field(default=None, description="Actor id of the speaker.")
    more_content: list[Span] = Field(
        default_factory=list, description="Further content spans of a split quote."
    )
    speaker_kind: SourceKind = "speaker"
    cue_strength: CueStrength | None = Field(
        default=None, description="How firmly the cue commits the speaker (lexicons/cues.yaml)."
    )


class Source(Record):
    """Who asserts a figure or event: a quoted speaker, an unnamed attribution, or the outlet."""

    kind: SourceKind = "outlet"
    actor: str | None = None
    quote: str | None = None
    cue: Span | None = None


class Who(Record):
    text: str
    actor: str | None = None
    country: str | None = None


class TimeWindow(Record):
    text: str
    start: str | None = None
    end: str | None = None
    cumulative: bool | None = Field(
        default=None, description="True for running totals ('so far'), False for per-window counts."
    )


class Figure(Record):
    """A claimed number of people, as an interval: see docs/figures.md for the convention."""

    id: str
    span: Span
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    category: FigureCategory = "other"
    who: Who | None = None
    time_window: TimeWindow | None = None
    place: str | None = None
    source: Source = Field(default_factory=Source)
    modality: Modality = "asserted"


class EventDate(Record):
    text: str
    start: str | None = None
    end: str | None = None
    precision: DatePrecision = "unknown"


class Event(Record):
    """One event mention coded to PLOVER, with its evidence span."""

    id: str
    plover: PloverType
    mode: str | None = None
    category: str
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    victims: list[str] = Field(default_factory=list)
    place: str | None = None
    date: EventDate | None = None
    figures: list[str] = Field(default_factory=list)
    source: Source = Field(default_factory=Source)
    modality: Modality = "asserted"
    evidence: Span
    trigger: Span | None = Field(
        default=None, description="The word or phrase that names the event ('captured')."
    )


class Report(Record):
    """Everything fogofwar read in one document."""

    document: Document
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


def report_json_schema() -> dict:
    """The JSON Schema of a report, as printed by `fogofwar schema`."""
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "fogofwar report"
    return schema
