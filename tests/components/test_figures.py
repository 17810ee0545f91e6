"""The figures component: people counts with hedge, category, group, window, source."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from fogofwar.schema import Figure, Quote, Span


def figures_of(read, text: str, **meta) -> list[Figure]:
    return read(text, **meta).figures


def only(read, text: str, **meta) -> Figure:
    found = figures_of(read, text, **meta)
    assert len(found) == 1, [f.span.text for f in found]
    return found[0]


CATEGORIES = [
    ("Officials said 12 soldiers were killed in the strike.", "12 soldiers", "killed"),
    ("At least 30 civilians were wounded on Tuesday.", "At least 30 civilians", "injured"),
    (
        "Over 500 fighters were killed or injured last month.",
        "Over 500 fighters",
        "killed_or_injured",
    ),
    ("The army reported 40 casualties after the assault.", "40 casualties", "killed_or_injured"),
    ("Kyiv said 25 Russian soldiers were taken prisoner.", "25 Russian soldiers", "captured"),
    ("Six sailors remain missing after the sinking.", "Six sailors", "missing"),
    ("Moscow has deployed 3,000 troops to the border.", "3,000 troops", "deployed"),
    ("Fighting has displaced 40,000 villagers this spring.", "40,000 villagers", "displaced"),
    ("Rescuers evacuated 200 residents from the town.", "200 residents", "evacuated"),
    ("The militants are holding 15 hostages.", "15 hostages", "hostages"),
    ("Police arrested 14 protesters outside parliament.", "14 protesters", "arrested"),
    ("Two conscripts committed suicide at the base.", "Two conscripts", "suicides"),
    ("Nearly 90 soldiers deserted their unit.", "Nearly 90 soldiers", "deserted"),
    ("Three journalists attended the briefing.", "Three journalists", "other"),
    ("The death toll rose to 35 on Sunday.", "35", "killed"),
    ("Gunmen stormed the village, killing 12.", "12", "killed"),
    ("The shelling left three people dead and two injured.", "three people", "killed"),
    ("Two of the victims died in hospital.", "Two of the victims", "killed"),
    ("Four men were shot and wounded near the market.", "Four men", "injured"),
    ("Four men were shot near the market.", "Four men", "killed_or_injured"),
    ("Four men were fatally shot near the market.", "Four men", "killed"),
    ("The attack put three women into the hospital.", "three women", "injured"),
    ("Police are hunting the gang in a shooting that killed 2, injured 5.", "5", "injured"),
    ("Two men are recovering from their injuries.", "Two men", "injured"),
    ("Police found two men suffering from gunshot wounds.", "two men", "injured"),
    ("Two men died from their wounds.", "Two men", "killed"),
]


@pytest.mark.parametrize(("text", "span", "category"), CATEGORIES)
def test_category_from_context(read, text: str, span: str, category: str) -> None:
    figure = next(f for f in figures_of(read, text) if f.span.text == span)
    assert figure.category == category


def test_hedged_counts_keep_interval_and_qualifier(read) -> None:
    text = (
        "More than 1,000 soldiers were killed, nearly 11,000 troops were deployed and "
        "between 20 and 30 civilians were wounded. Several officers were arrested."
    )
    by_span = {f.span.text: f for f in figures_of(read, text)}
    over = by_span["More than 1,000 soldiers"]
    assert (over.value, over.low, over.high, over.qualifier) == (1000, 1000, None, "over")
    nearly = by_span["nearly 11,000 troops"]
    assert (nearly.value, nearly.low, nearly.high, nearly.qualifier) == (
        11000,
        None,
        11000,
        "nearly",
    )
    between = by_span["between 20 and 30 civilians"]
    assert (between.value, between.low, between.high, between.qualifier) == (None, 20, 30, "range")
    several = by_span["Several officers"]
    assert (several.value, several.low, several.high, several.qualifier) == (None, 3, 9, "vague")


def test_who_and_country_through_the_actor_layer(read) -> None:
    figure = only(read, "Kyiv said 300 North Korean soldiers were killed near Kursk.")
    assert figure.who is not None
    assert figure.who.text == "North Korean soldiers"
    assert figure.who.country == "PRK"
    assert figure.who.actor is not None


def test_country_from_an_origin_earlier_in_the_sentence(read) -> None:
    text = "The men, sent from North Korea, joined a force of about 8,000 troops."
    figure = next(f for f in figures_of(read, text) if "8,000" in f.span.text)
    assert figure.who is not None and figure.who.country == "PRK"
    assert figure.category == "deployed"
    assert figure.qualifier == "approx"


NOT_FIGURES = [
    "The war began in 2014 and the offensive in 2022.",  # years
    "A 12-year-old boy attended the school.",  # an age
    "The ministry paid $20 million and 5,000 euros in compensation.",  # money
    "The convoy stopped 40 kilometres from the city, 3 miles past the bridge.",  # distances
    "Turnout fell to 45% and then to 30 percent.",  # percentages
    "The talks were held on March 3 and again on 5/17/2018.",  # dates
    "The curfew starts at 10 p.m. and ends at 6:30.",  # times
    "Call the hotline on 252-972-1411 for help.",  # phone number
    "The office at 1600 Pennsylvania Avenue was closed.",  # street number
    "Russia lost 1,000 tanks and three helicopters.",  # vehicles
    "The army fired 300 missiles and 12 artillery shells.",  # weapons
    "Ukraine marked 1,000 days of war on Tuesday.",  # a duration
    "The F-16s and 9mm rounds arrived on the 4th.",  # model names, calibres, ordinals
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(read, text: str) -> None:
    assert figures_of(read, text) == []


def test_an_age_is_not_a_count_but_the_person_is_one(read) -> None:
    figure = only(read, "A 12-year-old was hit by shrapnel.")
    assert (figure.span.text, figure.value, figure.category) == (
        "A 12-year-old",
        1,
        "killed_or_injured",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Sixteen year-old boy accidentally shot by brother.",  # no article, split compound
        "A 16 year old boy was shot.",  # no hyphens
        "Police said a 9 month-old boy was shot.",
    ],
)
def test_an_age_written_apart_is_not_a_count(read, text: str) -> None:
    assert [f.value for f in figures_of(read, text)] == [1]


@pytest.mark.parametrize(
    "text",
    [
        "Photo: AP\n\nImage 2 of 16 A man died Thursday after being shot inside a home.",
        "Slide 3 of 12 A woman was killed in the crash.",
    ],
)
def test_a_number_before_an_article_is_not_the_count(read, text: str) -> None:
    assert [f.value for f in figures_of(read, text)] in ([], [1])  # not 2 or 3 people


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Teen shot while playing with friend in Detroit.", ["Teen"]),  # "shot" tagged a noun
        ("A shot rang out.", []),
        ("The teen's shot missed.", []),
    ],
)
def test_a_headline_shot_read_as_a_noun(read, text: str, spans: list[str]) -> None:
    assert [f.span.text for f in figures_of(read, text)] == spans


def test_ages_next_to_names_are_not_counts(read) -> None:
    found = figures_of(read, "John Smith, 25, and his neighbour, aged 40, were killed.")
    assert all(f.value not in (25, 40) for f in found)


def test_untrusted_numbers_make_no_figure(read) -> None:
    text = "Officials said 10^100 soldiers and 1,0,0,0 civilians and ١٢٣ people were killed."
    assert all(f.value is None or f.value < 1000 for f in figures_of(read, text))


def test_one_victim_described_is_a_figure_of_one(read) -> None:
    figure = only(read, "A man was shot and killed outside the station on Friday.")
    assert (figure.span.text, figure.value, figure.qualifier) == ("A man", 1, "exact")
    assert figure.category == "killed"


def test_a_complement_is_not_a_victim(read) -> None:
    figure = only(read, "Our soldiers took 12 of them prisoner.")
    assert (figure.span.text, figure.category) == ("12 of them", "captured")


def test_zero_is_asserted_not_negated(read) -> None:
    figure = only(read, "No one was injured in the blast.")
    assert (figure.value, figure.qualifier, figure.category) == (0, "zero", "injured")
    assert figure.modality == "asserted"


MODALITIES = [
    ("Some 40 soldiers were reportedly killed.", "reported"),
    ("An estimated 5,000 civilians have fled.", "estimated"),
    ("The strike could have killed 200 people.", "hypothetical"),
    ("Kyiv denied that 50 soldiers were captured.", "negated"),
    ("Police said 12 people were killed.", "asserted"),
]


@pytest.mark.parametrize(("text", "modality"), MODALITIES)
def test_modality(read, text: str, modality: str) -> None:
    figure = next(f for f in figures_of(read, text) if f.value)
    assert figure.modality == modality


def test_reportedly_is_an_unattributed_source(read) -> None:
    figure = only(read, "About 2,000 troops have reportedly been deployed to the region.")
    assert figure.source.kind == "unattributed"
    assert figure.source.cue is not None and figure.source.cue.text == "reportedly"


def test_plain_figure_is_the_outlets_claim(read) -> None:
    assert only(read, "Twelve soldiers were killed on Monday.").source.kind == "outlet"


TIME_WINDOWS = [
    (
        "Over 200 soldiers were killed in the past 24 hours.",
        "in the past 24 hours",
        ("2024-12-27", "2024-12-28", False),
    ),
    (
        "Some 3,000 people have fled since October.",
        "since October",
        ("2024-10-01", "2024-12-28", True),
    ),
    ("So far 40 journalists have been killed.", "So far", (None, "2024-12-28", True)),
    (
        "This year 500 civilians were killed.",
        "This year",
        ("2024-01-01", "2024-12-28", True),
    ),
]


@pytest.mark.parametrize(("text", "window", "resolved"), TIME_WINDOWS)
def test_time_window_resolved_against_publication(read, text, window, resolved) -> None:
    figure = only(read, text, published="2024-12-28")
    assert figure.time_window is not None
    assert figure.time_window.text == window
    tw = figure.time_window
    assert (tw.start, tw.end, tw.cumulative) == resolved


def test_time_window_without_publication_date_has_no_dates(read) -> None:
    figure = only(read, "Over 200 soldiers were killed in the past 24 hours.")
    assert figure.time_window is not None
    assert (figure.time_window.start, figure.time_window.end) == (None, None)


def _with_quotes(nlp: Language, text: str, quotes) -> Doc:
    """Run the pipeline, giving the figures component hand-made quotes."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "fogofwar_figures":
            doc._.quotes = quotes(doc)
        doc = component(doc)
    return doc


def test_figure_inside_a_quote_takes_its_speaker(nlp: Language) -> None:
    text = 'Kirby said, "At least 100 North Korean soldiers were killed last week."'

    def quotes(doc: Doc) -> list[Quote]:
        start = text.index("At least")
        end = text.index('."') + 1
        cue = text.index("said")
        return [
            Quote(
                id="q1",
                kind="direct",
                content=Span(start=start, end=end, text=text[start:end]),
                cue=Span(start=cue, end=cue + 4, text="said"),
                speaker=Span(start=0, end=5, text="Kirby"),
                speaker_actor="a1",
            )
        ]

    doc = _with_quotes(nlp, text, quotes)
    figure = doc._.figures[0]
    assert figure.span.text == "At least 100 North Korean soldiers"
    assert (figure.source.kind, figure.source.actor, figure.source.quote) == ("speaker", "a1", "q1")


def test_unnamed_attribution_from_a_quote(nlp: Language) -> None:
    text = "Reports say 40 soldiers were killed."

    def quotes(doc: Doc) -> list[Quote]:
        start = text.index("40")
        return [
            Quote(
                id="q1",
                kind="indirect",
                content=Span(start=start, end=len(text) - 1, text=text[start:-1]),
                speaker_kind="unattributed",
            )
        ]

    figure = _with_quotes(nlp, text, quotes)._.figures[0]
    assert figure.source.kind == "unattributed" and figure.source.quote == "q1"


def test_ids_in_text_order(read) -> None:
    found = figures_of(read, "Two soldiers were killed and five were wounded. Ten fled.")
    assert [f.id for f in found] == [f"f{n}" for n in range(1, len(found) + 1)]
    assert [f.span.start for f in found] == sorted(f.span.start for f in found)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "12",
                "killed",
                "over",
                "1,000",
                "soldiers",
                "no one",
                ",",
                ".",
                "were",
                "a man",
                "died",
                "10^100",
                "١٢٣",
                "between",
                "and",
                "\n\n",
                "several",
                "since October",
            ]
        ),
        max_size=25,
    )
)
def test_bad_input_never_raises_and_spans_are_inside(read, words: list[str]) -> None:
    text = " ".join(words)
    for figure in figures_of(read, text, published="2024-12-28"):
        assert figure.span.text == text[figure.span.start : figure.span.end]


def test_figure_takes_the_place_of_its_sentence(read):
    report = read(
        "Nearly 11,000 troops were deployed, mostly in the Kursk region. "
        "Twelve civilians were killed."
    )
    places = {p.id: p.name for p in report.places}
    first, second = report.figures
    assert places.get(first.place or "") == "Kursk Oblast"
    assert second.place is None
