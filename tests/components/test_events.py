"""fogofwar_events: event mentions coded to PLOVER with roles, place, date, source, figures."""

from __future__ import annotations

import pytest

from fogofwar.schema import Figure, Quote, Span


def actor_country(report, ids: list[str]) -> set[str | None]:
    by_id = {a.id: a for a in report.actors}
    return {by_id[i].country for i in ids}


def only(report, category: str):
    found = [e for e in report.events if e.category == category]
    assert len(found) == 1, [(e.category, e.trigger.text) for e in report.events]
    return found[0]


def test_deployment_with_recipient_place_and_proxy_force(read) -> None:
    report = read(
        "North Korea has deployed troops to aid the Russian military in the Kursk region. "
        "North Korean soldiers fighting for Russia suffered heavy losses.",
        published="2024-12-28",
    )
    event = only(report, "deployment")
    assert (event.plover, event.mode) == ("MOBILIZE", "troops")
    assert actor_country(report, event.actors) == {"PRK"}
    assert actor_country(report, event.recipients) == {"RUS"}
    place = next(p for p in report.places if p.id == event.place)
    assert place.admin1 == "RU-KRS"
    forces = [a for a in report.actors if a.kind == "armed_force" and a.country == "PRK"]
    assert forces and forces[0].fighting_for == "RUS"
    losses = only(report, "casualties")
    assert actor_country(report, losses.victims) == {"PRK"}


def test_capture_actor_victim_and_date(read) -> None:
    report = read(
        "Ukrainian forces captured two North Korean soldiers on Friday.", published="2024-12-28"
    )
    event = only(report, "capture")
    assert (event.plover, event.mode) == ("COERCE", "seize")
    assert actor_country(report, event.actors) == {"UKR"}
    assert actor_country(report, event.victims) == {"PRK"}
    assert (event.date.start, event.date.end, event.date.precision) == (
        "2024-12-27",
        "2024-12-27",
        "day",
    )
    assert event.trigger.text == "captured"
    assert report.document.text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_passive_casualties_give_victims(read) -> None:
    report = read("Over 1,000 North Korean soldiers were killed or injured last week.")
    event = only(report, "casualties")
    assert event.plover == "ASSAULT"
    assert actor_country(report, event.victims) == {"PRK"}
    assert event.actors == []


def test_suicide_and_negated_surrender(read) -> None:
    report = read("North Korean soldiers are committing suicide rather than surrendering.")
    suicide = only(report, "suicide")
    assert actor_country(report, suicide.victims) == {"PRK"}
    assert only(report, "surrender").modality == "negated"


def test_friendly_fire_between_two_forces(read) -> None:
    report = read(
        "Language barriers between Russian troops and North Korean soldiers led to "
        "friendly fire incidents."
    )
    event = only(report, "friendly_fire")
    assert actor_country(report, event.actors) == {"RUS", "PRK"}
    assert actor_country(report, event.victims) == {"RUS", "PRK"}


def test_meeting_and_cooperation_are_symmetric(read) -> None:
    report = read(
        "Russian President Vladimir Putin held a meeting with North Korean leader Kim Jong Un. "
        "Military ties between North Korea and Russia have deepened."
    )
    meeting = only(report, "meeting")
    assert meeting.plover == "CONSULT"
    assert actor_country(report, meeting.actors) == {"RUS"}
    assert actor_country(report, meeting.recipients) == {"PRK"}
    ties = only(report, "cooperation")
    assert actor_country(report, ties.actors + ties.recipients) == {"RUS", "PRK"}


def test_strike_mode_and_target(read) -> None:
    report = read("Russian forces shelled Ukrainian troops near Kharkiv.")
    event = only(report, "strike")
    assert (event.plover, event.mode) == ("ASSAULT", "explosives")
    assert actor_country(report, event.actors) == {"RUS"}
    assert actor_country(report, event.recipients) == {"UKR"}


def test_words_that_are_not_events(read) -> None:
    report = read("According to John Kirby, the letter was sent on Monday. Analysts call it odd.")
    assert report.events == []


def test_quoted_accusation_source_and_figures(nlp) -> None:
    text = 'Kirby said, "Russia is treating these troops as expendable." 300 soldiers died.'
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "fogofwar_events":
            start = text.index("Russia is")
            end = text.index('."') + 1
            doc._.quotes = [
                Quote(
                    id="q1",
                    kind="direct",
                    content=Span(start=start, end=end, text=text[start:end]),
                    speaker_actor=next(a.id for a in doc._.actors if a.name.endswith("Kirby")),
                )
            ]
            f_start = text.index("300")
            doc._.figures = [
                Figure(
                    id="f1",
                    span=Span(start=f_start, end=f_start + 12, text=text[f_start : f_start + 12]),
                )
            ]
        doc = component(doc)
    accusation = next(e for e in doc._.events if e.category == "accusation")
    assert accusation.plover == "ACCUSE"
    assert accusation.source.kind == "speaker" and accusation.source.quote == "q1"
    assert accusation.actors == [accusation.source.actor]
    died = next(e for e in doc._.events if e.category == "casualties")
    assert died.figures == ["f1"] and accusation.figures == []


def test_quoted_words_outside_quotes_are_not_accusations(read) -> None:
    report = read("Analysts see the troops as expendable.")
    assert [e for e in report.events if e.category == "accusation"] == []


def test_no_publication_date_keeps_date_text_only(read) -> None:
    report = read("Russian forces attacked Ukrainian positions on Friday.")
    event = only(report, "combat")
    assert event.date.text == "Friday" and event.date.start is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "killed",
        "They they they.",
        "attack " * 2000,
        "Fighting. " * 300,
        '"""',
        "Fighting near Kharkiv.",
        "Heavy shelling in Bakhmut",
    ],
)
def test_odd_input_never_raises(read, text: str) -> None:
    report = read(text, published="2024-12-28")
    ids = {a.id for a in report.actors}
    for event in report.events:
        assert set(event.actors + event.recipients + event.victims) <= ids
