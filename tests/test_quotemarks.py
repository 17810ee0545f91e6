"""Finding quoted stretches: pure functions over strings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.quotemarks import find_quotations, mark_role


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We hold the line," he said.', ["We hold the line"]),
        ("\u201cThe bridge is gone,\u201d she said.", ["The bridge is gone"]),
        ('He said: "Nobody was hurt."', ["Nobody was hurt."]),
        ("He said ''it is over,'' and left.", ["it is over"]),
        ("\u00abNous tenons,\u00bb a-t-il dit.", ["Nous tenons"]),
        ('"A," he said, "B."', ["A", "B."]),
        ('"It is clear...they are tired," she said.', ["It is clear...they are tired"]),
        (
            "\"They called it 'an operation' on air,\" he said.",
            ["They called it 'an operation' on air"],
        ),
        ("No quotes at all.", []),
        ('Empty "" marks.', []),
    ],
)
def test_quoted_stretches(text: str, expected: list[str]) -> None:
    assert contents(text) == expected


def test_a_quote_over_several_paragraphs_is_one_quote() -> None:
    text = '"First paragraph of the statement.\n"Second one ends here," the spokesman said.'
    [quotation] = find_quotations(text)
    assert text[quotation.start : quotation.end].startswith("First paragraph")
    assert text[quotation.start : quotation.end].endswith("Second one ends here")


def test_an_unclosed_mark_ends_at_its_paragraph() -> None:
    text = 'The minister said "we are ready.\nThe army moved north. Nothing else happened.'
    [quotation] = find_quotations(text)
    assert text[quotation.start : quotation.end] == "we are ready."
    assert quotation.close_mark is None


def test_a_stray_closing_mark_is_ignored() -> None:
    assert contents("He left\u201d early. \u201cWe stay,\u201d she said.") == ["We stay"]


def test_a_20000_character_quote() -> None:
    body = "word " * 4000
    text = f'"{body.strip()}," she said.'
    [quotation] = find_quotations(text)
    assert quotation.end - quotation.start == len(body.strip())


@pytest.mark.parametrize(
    ("text", "index", "role"),
    [
        ('say "yes', 4, "open"),
        ('yes" he', 3, "close"),
        ("x\u201cy", 1, "open"),
        ("said,\u201d", 5, "close"),
        ('a"b', 1, "either"),
    ],
)
def test_mark_role(text: str, index: int, role: str) -> None:
    assert mark_role(text, index) == role


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .,\n\"\u201c\u201d'", max_size=120))
def test_quotations_lie_in_the_text_and_never_overlap(text: str) -> None:
    quotations = find_quotations(text)
    previous_end = 0
    for quotation in quotations:
        assert 0 <= quotation.start < quotation.end <= len(text)
        assert quotation.start >= previous_end
        previous_end = quotation.end
