"""fogofwar_quotes: one case per construction, on sentences written for these tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fogofwar.schema import Quote, Report
from fogofwar.sources import source_at


@dataclass(frozen=True)
class Case:
    text: str
    content: str
    cue: str | None
    speaker: str | None
    kind: str = "direct"
    actor: str | None = None  # the canonical name speaker_actor must point to
    speaker_kind: str = "speaker"
    more: tuple[str, ...] = ()


CASES = [
    # Direct quotes: marks, orders, participles, labels.
    Case('"We will hold the line," Kirby said.', "We will hold the line", "said", "Kirby"),
    Case(
        "\u201cThe bridge is gone,\u201d said Oleksandr Shevchenko, the regional governor.",
        "The bridge is gone",
        "said",
        "Oleksandr Shevchenko, the regional governor",
        actor="Oleksandr Shevchenko",
    ),
    Case(
        "Shevchenko added, \u201cNobody was hurt.\u201d", "Nobody was hurt.", "added", "Shevchenko"
    ),
    Case(
        'Kirby described the damage, stating, "Three drones hit the depot."',
        "Three drones hit the depot.",
        "stating",
        "Kirby",
    ),
    Case('Markarova: "We need more air defence."', "We need more air defence.", ":", "Markarova"),
    Case(
        '"We will rebuild the school." - Mayor Ihor Terekhov',
        "We will rebuild the school.",
        "-",
        "Mayor Ihor Terekhov",
    ),
    Case(
        '"The shelling started at dawn," the mayor said, "and it has not stopped."',
        "The shelling started at dawn",
        "said",
        "the mayor",
        more=("and it has not stopped.",),
    ),
    Case(
        '"It is clear...they are exhausted," the officer said.',
        "It is clear...they are exhausted",
        "said",
        "the officer",
    ),
    Case(
        "\"They called it 'a special operation' on television,\" she said.",
        "They called it 'a special operation' on television",
        "said",
        "she",
    ),
    Case(
        "''The plan is fiscally reckless,'' the senator said.",
        "The plan is fiscally reckless",
        "said",
        "the senator",
    ),
    # Speakers in the sentence before, pronouns and surnames resolved to the actor.
    Case(
        'Governor Vitaliy Kim spoke to reporters on Monday.\n"The city is calm now."',
        "The city is calm now.",
        "spoke",
        "Governor Vitaliy Kim",
        actor="Vitaliy Kim",
    ),
    Case(
        'Ukrainian President Volodymyr Zelenskyy visited the front. "We will not give up," he '
        "said.",
        "We will not give up",
        "said",
        "he",
        actor="Volodymyr Zelenskyy",
    ),
    Case(
        'John Kirby, a spokesman, met reporters on Friday. "We are watching," Kirby said.',
        "We are watching",
        "said",
        "Kirby",
        actor="John Kirby",
    ),
    # Indirect and mixed quotes.
    Case(
        "The governor said that 12 people were killed in the strike.",
        "that 12 people were killed in the strike",
        "said",
        "The governor",
        kind="indirect",
    ),
    Case(
        "Officials said the bridge had collapsed.",
        "the bridge had collapsed",
        "said",
        "Officials",
        kind="indirect",
    ),
    Case(
        "The ministry has confirmed the deaths of four soldiers.",
        "the deaths of four soldiers",
        "has confirmed",
        "The ministry",
        kind="indirect",
    ),
    Case(
        "Analysts who pointed out the shortages of shells were ignored.",
        "the shortages of shells",
        "pointed out",
        "Analysts",
        kind="indirect",
    ),
    Case(
        "According to the regional governor, 30 houses were damaged.",
        "30 houses were damaged",
        "According to",
        "the regional governor",
        kind="indirect",
    ),
    Case(
        "30 houses were damaged, according to local officials.",
        "30 houses were damaged",
        "according to",
        "local officials",
        kind="indirect",
    ),
    Case(
        "The shortage of ammunition, as detailed by the commander, slowed the advance.",
        "The shortage of ammunition",
        "detailed",
        "the commander",
        kind="indirect",
    ),
    Case(
        "Zelenskyy also remarked about the losses suffered by the brigade.",
        "the losses suffered by the brigade",
        "also remarked about",
        "Zelenskyy",
        kind="indirect",
    ),
    Case(
        "Kirby told reporters that the troops were exhausted.",
        "that the troops were exhausted",
        "told",
        "Kirby",
        kind="indirect",
    ),
    Case(
        "The dam was destroyed, the spokesman said.",
        "The dam was destroyed",
        "said",
        "the spokesman",
        kind="indirect",
    ),
    Case(
        'The mayor said the city was "under constant fire" all night.',
        'the city was "under constant fire" all night',
        "said",
        "The mayor",
        kind="mixed",
    ),
    # Sources with no name.
    Case(
        "Reports suggest that 200 soldiers deserted.",
        "that 200 soldiers deserted",
        "suggest",
        "Reports",
        kind="indirect",
        speaker_kind="unattributed",
    ),
    Case(
        "It was reported that the airport was closed.",
        "that the airport was closed",
        "was reported",
        None,
        kind="indirect",
        speaker_kind="unattributed",
    ),
    Case(
        "The fighting grew, with estimates indicating over 500 casualties on both sides.",
        "over 500 casualties on both sides",
        "indicating",
        "estimates",
        kind="indirect",
        speaker_kind="unattributed",
    ),
    Case(
        "Troops who have reportedly crossed the river are digging in.",
        "Troops who have",
        "reportedly",
        None,
        kind="indirect",
        speaker_kind="unattributed",
        more=("crossed the river",),
    ),
]


def find(report: Report, content: str) -> Quote:
    for quote in report.quotes:
        if quote.content.text == content:
            return quote
    found = [q.content.text for q in report.quotes]
    raise AssertionError(f"no quote with content {content!r}; found {found}")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.text[:50])
def test_construction(read, case: Case) -> None:
    report = read(case.text)
    quote = find(report, case.content)
    assert quote.kind == case.kind
    assert (quote.cue.text if quote.cue else None) == case.cue
    assert (quote.speaker.text if quote.speaker else None) == case.speaker
    assert quote.speaker_kind == case.speaker_kind
    assert tuple(m.text for m in quote.more_content) == case.more
    if case.actor is not None:
        names = {actor.id: actor.name for actor in report.actors}
        assert names.get(quote.speaker_actor) == case.actor


def test_a_noun_phrase_speaker_with_no_actor_keeps_its_span(read) -> None:
    quote = find(
        read("Analysts warned that the front could collapse."), "that the front could collapse"
    )
    assert quote.speaker is not None and quote.speaker.text == "Analysts"
    assert quote.speaker_actor is None


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("The Kremlin denied that its forces shelled the market.", "denied"),
        ("The army confirmed that the bridge fell.", "confirmed"),
        ("Moscow claimed that the town was taken.", "claimed"),
        ("Officials suggested that the talks had stalled.", "hedged"),
    ],
)
def test_cue_strength(read, text: str, strength: str) -> None:
    [quote] = read(text).quotes
    assert quote.cue_strength == strength


def test_ids_follow_the_text(read) -> None:
    report = read('Officials said the bridge fell. "We are safe," the mayor said.')
    assert [q.id for q in report.quotes] == ["q1", "q2"]
    assert report.quotes[0].content.start < report.quotes[1].content.start


@pytest.mark.parametrize(
    "text",
    [
        "The so-called \u201cvolunteers\u201d crossed the border.",
        "Russian forces attacked the city and called up reservists.",
        "The strike hit a school. Nobody has claimed it yet.",
    ],
)
def test_no_quote(read, text: str) -> None:
    assert read(text).quotes == []


def test_an_unbalanced_mark_does_not_swallow_the_article(read) -> None:
    text = 'The minister said "we are ready.\nThe army moved north. Officials said it was calm.'
    report = read(text)
    paragraph_end = text.index("\n")
    direct = [q for q in report.quotes if q.kind == "direct"]
    assert [q.content.text for q in direct] == ["we are ready."]
    assert all(q.content.end <= paragraph_end for q in direct)
    assert any(q.content.text == "it was calm" for q in report.quotes)


def test_a_quote_running_over_paragraphs(read) -> None:
    text = '"The first part of the statement.\n"The second part ends here," the spokesman said.'
    [quote] = read(text).quotes
    assert quote.content.text.startswith("The first part")
    assert quote.content.text.endswith("The second part ends here")
    assert quote.speaker is not None and quote.speaker.text == "the spokesman"


def test_a_20000_character_quote(read) -> None:
    body = " ".join(["the soldiers held their ground"] * 650)
    text = f'"{body}," she said. The next paragraph is news.'
    assert len(body) > 20_000
    [quote] = read(text).quotes
    assert quote.content.text == body
    assert quote.speaker is not None and quote.speaker.text == "she"


def test_text_with_no_punctuation_at_all(read) -> None:
    report = read("troops said the town fell " * 40)
    for quote in report.quotes:
        assert quote.content.text


def test_figures_inside_a_quote_take_its_speaker(nlp) -> None:
    text = "John Kirby said 12 soldiers were killed. Another 40 were wounded in the strike."
    doc = nlp(text)
    inside = text.index("12 soldiers")
    source = source_at(doc, inside, inside + len("12 soldiers"))
    assert source.kind == "speaker"
    kirby = next(a.id for a in doc._.actors if a.name == "John Kirby")
    assert source.actor == kirby
    outside = text.index("40")
    assert source_at(doc, outside, outside + 2).kind == "outlet"


def test_unattributed_figures(nlp) -> None:
    text = "Estimates indicating over 1,000 casualties were published. Reports detail heavy losses."
    doc = nlp(text)
    start = text.index("over 1,000")
    source = source_at(doc, start, start + len("over 1,000 casualties"))
    assert source.kind == "unattributed"
    assert source.cue is not None and source.cue.text == "indicating"


# Random texts made of quote marks, punctuation and the words attributions are made of.
QUOTE_TEXT = st.lists(
    st.sampled_from(
        [
            '"',
            "\u201c",
            "\u201d",
            "'",
            "''",
            " ",
            " ",
            "\n",
            ".",
            ",",
            ":",
            "-",
            "said",
            "he",
            "Kirby",
            "that",
            "troops",
            "were",
            "killed",
            "according to",
            "7",
        ]
    ),
    max_size=40,
).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUOTE_TEXT)
@example("(according to\u201c\u201c, ''killed:\u2014saidwere'':'that7.\u201c: ")  # once overlapped
def test_spans_are_true_and_disjoint_on_random_text(nlp, text: str) -> None:
    doc = nlp(text)
    for quote in doc._.quotes:
        spans = [quote.content, *quote.more_content, quote.cue, quote.speaker]
        spans = [s for s in spans if s is not None]
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
        ordered = sorted((s.start, s.end) for s in spans)
        for (_, end), (start, _) in zip(ordered, ordered[1:], strict=False):
            assert end <= start, f"overlapping spans in {quote}"
