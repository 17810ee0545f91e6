"""Hand-built reports with every kind of record, for ledger tests.

Spans are real: each `Span.text == document.text[start:end]`. `claim_report` writes one
document with a figure claim (and the actors, place, quote and event around it), so a
test can build competing claims about the same series in a few lines.
"""

from __future__ import annotations

from fogofwar.schema import (
    Actor,
    Document,
    Event,
    EventDate,
    Figure,
    Place,
    Quote,
    Report,
    Source,
    Span,
    TimeWindow,
    Who,
)

KURSK = Place(
    id="p1",
    name="Kursk",
    country="RUS",
    admin1="Kursk Oblast",
    lat=51.73,
    lon=36.19,
    precision="admin1",
    geonameid=538560,
)


def span(text: str, phrase: str, after: int = 0) -> Span:
    start = text.index(phrase, after)
    return Span(start=start, end=start + len(phrase), text=phrase)


def claim_report(
    doc_id: str,
    *,
    speaker: str = "Zelensky",
    speaker_country: str | None = "UKR",
    number: str = "over 1,000",
    value: float | None = 1000,
    low: float | None = 1000,
    high: float | None = None,
    qualifier: str = "over",
    category: str = "killed",
    group: str = "North Korean soldiers",
    group_country: str = "PRK",
    cumulative: bool | None = True,
    window_start: str | None = None,
    window_end: str | None = None,
    published: str | None = "2024-12-20",
    url: str | None = None,
    outlet: str | None = "Kyiv Independent",
    modality: str = "asserted",
    place: Place | None = KURSK,
    extra: str = "",
) -> Report:
    """ "{speaker} said {number} {group} were killed in Kursk so far." with all records."""
    where = f" in {place.name}" if place else ""
    text = f"{speaker} said {number} {group} were {category}{where} so far. {extra}".strip()
    speaker_span = span(text, speaker)
    content = span(text, f"{number} {group} were {category}{where} so far")
    actors = [
        Actor(
            id="a1",
            name=speaker,
            kind="person",
            country=speaker_country,
            sector="GOV",
            roles=["President"] if speaker.startswith("President") else [],
            mentions=[speaker_span],
        ),
        Actor(
            id="a2",
            name=group,
            kind="armed_force",
            country=group_country,
            sector="MIL",
            mentions=[span(text, group)],
        ),
    ]
    places = []
    if place is not None:
        places = [place.model_copy(update={"mentions": [span(text, place.name, content.start)]})]
    quote = Quote(
        id="q1",
        kind="indirect",
        content=content,
        cue=span(text, "said"),
        speaker=speaker_span,
        speaker_actor="a1",
    )
    window = TimeWindow(text="so far", start=window_start, end=window_end, cumulative=cumulative)
    source = Source(kind="speaker", actor="a1", quote="q1", cue=span(text, "said"))
    figure = Figure(
        id="f1",
        span=span(text, f"{number} {group}"),
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        category=category,
        who=Who(text=group, actor="a2", country=group_country),
        time_window=window,
        place="p1" if place else None,
        source=source,
        modality=modality,
    )
    event = Event(
        id="e1",
        plover="ASSAULT",
        mode="firearms",
        category="casualties",
        actors=[],
        victims=["a2"],
        place="p1" if place else None,
        date=EventDate(text="so far", start=window_end or published, precision="day"),
        figures=["f1"],
        source=source,
        modality=modality,
        evidence=span(text, f"{number} {group} were {category}"),
    )
    document = Document(
        id=doc_id, title=f"Report {doc_id}", url=url, outlet=outlet, published=published, text=text
    )
    return Report(
        document=document,
        actors=actors,
        places=places,
        quotes=[quote],
        figures=[figure],
        events=[event],
    )


def plain_report(doc_id: str, text: str, **meta: str) -> Report:
    """A report with no records: just a document."""
    return Report(document=Document(id=doc_id, text=text, **meta))
