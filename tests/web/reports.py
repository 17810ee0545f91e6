"""Hand-made reports for the API and dashboard tests (no pipeline, no shared data).

`article_report` is a small invented article with two speakers, overlapping spans
(a figure inside a quote inside an event's evidence) and a place with coordinates.
`claim_report` writes one short document with one casualty claim, so tests can build
competing claims about one series. `script_report` carries markup in every text field.
Every span is real: `span.text == document.text[span.start:span.end]`.
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

KHARKIV = Place(
    id="p1",
    name="Kharkiv",
    country="UKR",
    admin1="Kharkiv Oblast",
    lat=49.98,
    lon=36.25,
    precision="exact",
    geonameid=706483,
)

ARTICLE = (
    "Shelling of Kharkiv overnight killed at least 14 civilians, regional governor "
    "Oleh Synehubov said on Sunday.\n"
    '"The strikes hit apartment blocks while people slept," Synehubov told reporters.\n'
    "Russia's defence ministry denied targeting civilians. A ministry spokesman claimed "
    '"no more than 3 people were hurt" in what he called a strike on military depots.'
)


def span(text: str, phrase: str, after: int = 0) -> Span:
    start = text.index(phrase, after)
    return Span(start=start, end=start + len(phrase), text=phrase)


def article_report(doc_id: str = "kharkiv", published: str = "2024-06-02") -> Report:
    text = ARTICLE
    said = span(text, "said")
    told = span(text, "told")
    claimed = span(text, "claimed")
    actors = [
        Actor(
            id="a1",
            name="Oleh Synehubov",
            kind="person",
            country="UKR",
            sector="GOV",
            roles=["governor"],
            mentions=[span(text, "Oleh Synehubov"), span(text, "Synehubov", said.end)],
        ),
        Actor(
            id="a2",
            name="Russia's defence ministry",
            kind="organization",
            country="RUS",
            sector="MIL",
            mentions=[span(text, "Russia's defence ministry")],
        ),
        Actor(
            id="a3",
            name="civilians",
            kind="group",
            country="UKR",
            sector="CVL",
            mentions=[span(text, "civilians")],
        ),
    ]
    place = KHARKIV.model_copy(update={"mentions": [span(text, "Kharkiv")]})
    governor = Source(kind="speaker", actor="a1", quote="q1", cue=said)
    ministry = Source(kind="speaker", actor="a2", quote="q3", cue=claimed)
    quotes = [
        Quote(
            id="q1",
            kind="indirect",
            content=span(text, "Shelling of Kharkiv overnight killed at least 14 civilians"),
            cue=said,
            speaker=span(text, "Oleh Synehubov"),
            speaker_actor="a1",
        ),
        Quote(
            id="q2",
            kind="direct",
            content=span(text, "The strikes hit apartment blocks while people slept,"),
            cue=told,
            speaker=span(text, "Synehubov", said.end),
            speaker_actor="a1",
        ),
        Quote(
            id="q3",
            kind="direct",
            content=span(text, "no more than 3 people were hurt"),
            cue=claimed,
            speaker=span(text, "A ministry spokesman"),
            speaker_actor="a2",
        ),
    ]
    figures = [
        Figure(
            id="f1",
            span=span(text, "at least 14 civilians"),
            value=14,
            low=14,
            qualifier="at_least",
            category="killed",
            who=Who(text="civilians", actor="a3", country="UKR"),
            time_window=TimeWindow(text="overnight", start=published, end=published),
            place="p1",
            source=governor,
            modality="asserted",
        ),
        Figure(
            id="f2",
            span=span(text, "no more than 3 people"),
            value=3,
            high=3,
            qualifier="up_to",
            category="injured",
            who=Who(text="people", country="UKR"),
            place="p1",
            source=ministry,
            modality="asserted",
        ),
    ]
    events = [
        Event(
            id="e1",
            plover="ASSAULT",
            mode="shelling",
            category="casualties",
            actors=[],
            victims=["a3"],
            place="p1",
            date=EventDate(text="overnight", start=published, end=published, precision="day"),
            figures=["f1"],
            source=governor,
            modality="asserted",
            evidence=span(text, "Shelling of Kharkiv overnight killed at least 14 civilians"),
        ),
        Event(
            id="e2",
            plover="REJECT",
            category="denial",
            actors=["a2"],
            place=None,
            date=EventDate(text="Sunday", start=published, end=published, precision="day"),
            source=Source(kind="outlet"),
            modality="asserted",
            evidence=span(text, "Russia's defence ministry denied targeting civilians"),
        ),
    ]
    document = Document(
        id=doc_id,
        title="Overnight shelling kills civilians in Kharkiv",
        url="https://news.example/kharkiv-shelling",
        outlet="Example Wire",
        published=published,
        text=text,
    )
    return Report(
        document=document,
        actors=actors,
        places=[place],
        quotes=quotes,
        figures=figures,
        events=events,
    )


def claim_report(
    doc_id: str,
    *,
    speaker: str,
    speaker_country: str,
    number: str,
    value: float,
    qualifier: str = "exact",
    low: float | None = None,
    high: float | None = None,
    published: str = "2024-06-03",
    outlet: str = "Example Wire",
    modality: str = "asserted",
) -> Report:
    """'{speaker} said {number} civilians were killed in Kharkiv.' with its records; every
    such claim lands in one series (civilians of UKR, killed, Kharkiv, no window)."""
    text = f"{speaker} said {number} civilians were killed in Kharkiv."
    said = span(text, "said")
    actors = [
        Actor(
            id="a1",
            name=speaker,
            kind="person",
            country=speaker_country,
            mentions=[span(text, speaker)],
        ),
        Actor(
            id="a2",
            name="civilians",
            kind="group",
            country="UKR",
            mentions=[span(text, "civilians")],
        ),
    ]
    place = KHARKIV.model_copy(update={"mentions": [span(text, "Kharkiv")]})
    source = Source(kind="speaker", actor="a1", quote="q1", cue=said)
    figure = Figure(
        id="f1",
        span=span(text, f"{number} civilians"),
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        category="killed",
        who=Who(text="civilians", actor="a2", country="UKR"),
        place="p1",
        source=source,
        modality=modality,
    )
    quote = Quote(
        id="q1",
        kind="indirect",
        content=span(text, f"{number} civilians were killed in Kharkiv"),
        cue=said,
        speaker=span(text, speaker),
        speaker_actor="a1",
    )
    event = Event(
        id="e1",
        plover="ASSAULT",
        category="casualties",
        victims=["a2"],
        place="p1",
        date=EventDate(text="", start=published, precision="day"),
        figures=["f1"],
        source=source,
        modality=modality,
        evidence=span(text, f"{number} civilians were killed"),
    )
    document = Document(
        id=doc_id, title=f"Claim by {speaker}", outlet=outlet, published=published, text=text
    )
    return Report(
        document=document,
        actors=actors,
        places=[place],
        quotes=[quote],
        figures=[figure],
        events=[event],
    )


SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned'</script>"
IMAGE = '<img src=x onerror="window.__pwned = 2">'


def script_report(doc_id: str = "hostile") -> Report:
    """A document whose text, title, outlet, URL, names and ids all carry markup."""
    text = f"Officials said {SCRIPT} 7 soldiers {IMAGE} were killed near the border."
    said = span(text, "said")
    actors = [
        Actor(
            id="a1",
            name=f"Officials {IMAGE}",
            kind="group",
            mentions=[span(text, "Officials")],
        )
    ]
    figure = Figure(
        id='f1"><b>x</b>',
        span=span(text, f"7 soldiers {IMAGE}"),
        value=7,
        qualifier="exact",
        category="killed",
        who=Who(text=f"soldiers {SCRIPT}"),
        source=Source(kind="speaker", actor="a1", cue=said),
    )
    quote = Quote(
        id="q1",
        kind="indirect",
        content=span(text, f"{SCRIPT} 7 soldiers"),
        cue=said,
        speaker=span(text, "Officials"),
        speaker_actor="a1",
    )
    document = Document(
        id=doc_id,
        title=f"Hostile {SCRIPT}",
        url="javascript:window.__pwned=3",
        outlet=f"Outlet {IMAGE}",
        published="2024-06-04",
        text=text,
    )
    return Report(document=document, actors=actors, quotes=[quote], figures=[figure])
