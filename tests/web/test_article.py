"""The document view's marks: segments nest, text is escaped, bad spans are dropped, and
stripping the markup always gives back the article text."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from fogofwar.api.article import ArticleRenderer, Mark, highlight
from fogofwar.api.queries import StoredReport

from .reports import article_report, script_report

TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    return html.unescape(TAG.sub("", markup))


def test_overlapping_marks_become_flat_segments() -> None:
    text = "He said 12 men died."
    marks = [
        Mark(3, 19, "ev", "card-e1"),
        Mark(8, 15, "qt sp0", "card-q1"),
        Mark(8, 14, "fig", "card-f1", figure="f1", anchor="f-7"),
    ]
    assert str(highlight(text, marks)) == (
        'He <span class="ev" data-cards="card-e1">said </span>'
        '<span class="ev qt sp0 fig" data-cards="card-f1 card-q1 card-e1" data-figure="f1" '
        'tabindex="0" id="f-7">12 men</span>'
        '<span class="ev qt sp0" data-cards="card-q1 card-e1"> </span>'
        '<span class="ev" data-cards="card-e1">died</span>.'
    )


def test_text_and_ids_are_escaped() -> None:
    text = "<b>1 & 2</b>"
    markup = str(highlight(text, [Mark(3, 8, "fig", 'card-"x', figure='"><i>')]))
    assert "<b>" not in markup and "&lt;b&gt;<span" in markup and "1 &amp; 2" in markup
    assert 'data-figure="&#34;&gt;&lt;i&gt;"' in markup
    assert 'data-cards="card-&#34;x"' in markup


def test_spans_outside_the_text_or_empty_are_dropped() -> None:
    marks = [Mark(-1, 2, "fig", "a"), Mark(2, 2, "fig", "b"), Mark(3, 99, "fig", "c")]
    assert str(highlight("abcdef", marks)) == "abcdef"


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=8),
)
def test_markup_keeps_the_text(text: str, bounds: list[tuple[int, int]]) -> None:
    marks = [Mark(start, end, "qt", f"card-{n}") for n, (start, end) in enumerate(bounds)]
    markup = str(highlight(text, marks))
    assert plain(markup) == text
    assert markup.count("<span") == markup.count("</span>")


def _stored(report) -> StoredReport:
    return StoredReport(
        id=1,
        version=1,
        ingested_at=datetime.now(UTC),
        report=report,
        actor_ids={"a1": 11},
        series_ids={"f1": 5},
        figure_ids={"f1": 70},
    )


def test_cards_say_source_cue_modality_and_interval() -> None:
    view = ArticleRenderer(_stored(article_report())).render()
    cards = {card.id: card for card in view.cards}
    figure = dict(cards["card-f1"].rows)
    assert figure["interval"] == "[14, ∞)"
    assert (figure["source"], figure["cue"], figure["modality"]) == (
        "Oleh Synehubov",
        "said",
        "asserted",
    )
    assert figure["time window"] == "overnight (2024-06-02)"
    assert cards["card-f1"].link == "/series/5"
    assert dict(cards["card-f2"].rows)["interval"] == "[0, 3]"
    event = dict(cards["card-e1"].rows)
    assert (event["interval"], event["source"]) == ("overnight (2024-06-02)", "Oleh Synehubov")
    assert dict(cards["card-e2"].rows)["source"] == "Example Wire"
    assert dict(cards["card-q3"].rows)["cue"] == "claimed"
    assert cards["card-q1"].link == "/actors/11"
    assert 'id="f-70"' in view.html
    actor = dict(cards["card-a1"].rows)
    assert (actor["roles"], actor["mentions"], cards["card-a1"].link) == (
        "governor",
        "2",
        "/actors/11",
    )


def test_each_speaker_has_one_colour() -> None:
    view = ArticleRenderer(_stored(article_report())).render()
    assert [(s.name, s.css, s.quotes) for s in view.speakers] == [
        ("Oleh Synehubov", "sp0", 2),
        ("Russia's defence ministry", "sp1", 1),
    ]
    assert plain(view.html) == article_report().document.text


def test_hostile_report_renders_as_text() -> None:
    view = ArticleRenderer(_stored(script_report())).render()
    assert "<script" not in view.html and "<img" not in view.html
    assert "&lt;script&gt;" in view.html
