"""The cue lexicon as lookups."""

from __future__ import annotations

import pytest

from fogofwar import lexicons
from fogofwar.cues import STRENGTHS, build_lexicon, cue_lexicon


def test_every_verb_has_one_strength() -> None:
    data = lexicons.load("cues")
    seen: dict[str, str] = {}
    for strength in STRENGTHS:
        for lemma in data["verbs"].get(strength) or ():
            assert lemma not in seen, f"{lemma} is both {seen[lemma]} and {strength}"
            seen[lemma] = strength
    assert set(data["verbs"]) <= set(STRENGTHS)


@pytest.mark.parametrize(
    ("lemma", "particle", "key", "strength"),
    [
        ("say", None, "say", "asserted"),
        ("confirm", None, "confirm", "confirmed"),
        ("suggest", None, "suggest", "hedged"),
        ("claim", None, "claim", "claimed"),
        ("deny", None, "deny", "denied"),
        ("point", "out", "point out", "asserted"),
        ("Say", None, "say", "asserted"),
        ("remark", "about", "remark", "asserted"),
    ],
)
def test_verb_cues(lemma: str, particle: str | None, key: str, strength: str) -> None:
    lexicon = cue_lexicon()
    assert lexicon.verb_cue(lemma, particle) == key
    assert lexicon.strength(key) == strength


@pytest.mark.parametrize("lemma", ["attack", "shell", "point", "strike", "run"])
def test_words_that_are_not_cues(lemma: str) -> None:
    assert cue_lexicon().verb_cue(lemma) is None


def test_other_cue_kinds() -> None:
    lexicon = cue_lexicon()
    assert lexicon.strength("according to", "phrase") == "asserted"
    assert lexicon.strength("allegedly", "adverb") == "claimed"
    assert lexicon.strength("claim", "noun") == "claimed"
    assert "confirm" in lexicon.object_content
    assert "about" in lexicon.preposition_content["remark"]
    assert "report" in lexicon.unnamed_sources


def test_build_lexicon_from_a_small_table() -> None:
    lexicon = build_lexicon(
        {
            "verbs": {"asserted": ["say"], "denied": ["deny", "say"]},
            "phrasal": {"point out": "asserted"},
            "content": {"preposition": {"about": ["talk"]}},
        }
    )
    assert lexicon.verbs == {"say": "asserted", "deny": "denied", "talk": "asserted"}
    assert lexicon.verb_cue("point", "out") == "point out"
    assert lexicon.verb_cue("point") is None
