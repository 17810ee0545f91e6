"""The terminal report: intervals, names instead of ids, one row per record."""

from __future__ import annotations

import pytest
from rich.console import Console

from fogofwar.export.text import TextRenderer, interval
from fogofwar.schema import Actor, Document, Event, Figure, Quote, Report, Source, Span

TEXT = 'Kirby said "12 soldiers were killed" in Kursk.'


def span(text: str) -> Span:
    start = TEXT.index(text)
    return Span(start=start, end=start + len(text), text=text)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (1000, None, "[1,000, ∞)"),
        (None, 11000, "[-∞, 11,000]"),
        (5, 7, "[5, 7]"),
        (None, None, ""),
        (2.5, None, "[2.5, ∞)"),
    ],
)
def test_interval(low, high, expected):
    figure = Figure(id="f1", span=span("12"), low=low, high=high)
    assert interval(figure) == expected


def test_tables_name_actors_and_sources():
    quote = Quote(
        id="q1",
        kind="direct",
        content=span("12 soldiers were killed"),
        cue=span("said"),
        speaker=span("Kirby"),
        speaker_actor="a1",
    )
    source = Source(kind="speaker", actor="a1", quote="q1", cue=span("said"))
    report = Report(
        document=Document(id="d", text=TEXT),
        actors=[Actor(id="a1", name="John Kirby", kind="person", mentions=[span("Kirby")])],
        quotes=[quote],
        figures=[
            Figure(
                id="f1",
                span=span("12 soldiers"),
                value=12,
                low=12,
                high=12,
                category="killed",
                source=source,
            )
        ],
        events=[
            Event(
                id="e1",
                plover="ASSAULT",
                category="casualties",
                victims=["a1"],
                source=source,
                evidence=span("killed"),
            )
        ],
    )
    console = Console(width=200, record=True)
    console.print(TextRenderer(report).render())
    output = console.export_text()
    assert "John Kirby (said) · asserted" in output
    assert "victims: John Kirby" in output
    assert "[12, 12] exact" in output
    assert "Places: none found" in output
