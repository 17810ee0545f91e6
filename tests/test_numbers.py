"""Table-driven tests of the pure number and hedge parser (fogofwar.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogofwar.numbers import Quantity, find_quantities, parse_number, parse_quantity

NUMBERS = [
    ("11,000", 11000),
    ("1,234,567", 1234567),
    ("1000", 1000),
    ("40\u202f000", 40000),
    ("1.2 million", 1_200_000),
    ("2.5 thousand", 2500),
    ("1,674.5 million", 1_674_500_000),
    ("10k", 10_000),
    ("2.5M", 2_500_000),
    ("1.2bn", 1_200_000_000),
    ("13 lakh", 1_300_000),
    ("three", 3),
    ("Three", 3),
    ("twenty-five", 25),
    ("fifty two", 52),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a dozen", 6),
    ("two hundred", 200),
    ("a hundred", 100),
    ("a thousand", 1000),
    ("one hundred and sixty-one", 161),
    ("two thousand and two hundred", 2200),
    ("two hundred and two thousand", 202000),
    ("3 hundred and 21", 321),
    ("4 thousand 3 hundred and 21", 4321),
    ("322 hundred", 32200),
    ("zero", 0),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


UNTRUSTED = [
    "10^100",
    "10 ^ 100",
    "9" * 400,
    "1234567890123456",  # 16 digits
    "99 billion",  # above 10^10
    "1,0,0,0",
    "1,00",
    "1٢3",  # mixed scripts
    "١٢٣",  # Arabic-Indic digits are not trusted
    "\uff11\uff12",  # full-width digits
    "1e10",
    "192.168.1.2",
    "-5",
    "F-16s",
    "AK-47",
    "9mm",
    "4th",
    "1990s",
    "$20",
    "45%",
    "6:30",
    "5/17/2018",
    "252-972-1411",
    "2014-01",
    "12-year-old",
    "three-year-old",
    "two thirds",
    "one-third",
    "twenty twenty-five",
    "",
    "people",
]


@pytest.mark.parametrize("text", UNTRUSTED)
def test_untrusted_numbers_are_refused(text: str) -> None:
    assert parse_quantity(text) is None


QUANTITIES = [
    # plain numbers are exact: value = low = high
    ("1,000", Quantity(1000, 1000, 1000, "exact")),
    # over / more than / above / in excess of: strict lower bound
    ("over 1,000", Quantity(1000, 1000, None, "over")),
    ("more than 20", Quantity(20, 20, None, "over")),
    ("above 300", Quantity(300, 300, None, "over")),
    ("in excess of 5,000", Quantity(5000, 5000, None, "over")),
    ("more than a dozen", Quantity(12, 12, None, "over")),
    # at least / no fewer than / or more: inclusive lower bound
    ("at least 20", Quantity(20, 20, None, "at_least")),
    ("no fewer than 20", Quantity(20, 20, None, "at_least")),
    ("20 or more", Quantity(20, 20, None, "at_least")),
    ("1,000+", Quantity(1000, 1000, None, "at_least")),
    ("20-plus", Quantity(20, 20, None, "at_least")),
    # nearly / almost / just under / close to / less than: strict upper bound
    ("nearly 11,000", Quantity(11000, None, 11000, "nearly")),
    ("almost 500", Quantity(500, None, 500, "nearly")),
    ("just under 40", Quantity(40, None, 40, "nearly")),
    ("close to two hundred", Quantity(200, None, 200, "nearly")),
    ("fewer than a thousand", Quantity(1000, None, 1000, "nearly")),
    # up to / as many as / at most / no more than: inclusive upper bound
    ("up to 700", Quantity(700, None, 700, "up_to")),
    ("as many as 30", Quantity(30, None, 30, "up_to")),
    ("at most 100", Quantity(100, None, 100, "up_to")),
    ("no more than 50", Quantity(50, None, 50, "up_to")),
    ("50 or fewer", Quantity(50, None, 50, "up_to")),
    # about / around / approximately / roughly / some / an estimated: no bounds
    ("about 500", Quantity(500, None, None, "approx")),
    ("around 1.5 million", Quantity(1_500_000, None, None, "approx")),
    ("approximately 60", Quantity(60, None, None, "approx")),
    ("roughly 3,000", Quantity(3000, None, None, "approx")),
    ("some 400", Quantity(400, None, None, "approx")),
    ("an estimated 10,000", Quantity(10000, None, None, "approx")),
    ("40-odd", Quantity(40, None, None, "approx")),
    ("50 or so", Quantity(50, None, None, "approx")),
    # ranges: inclusive [low, high], no single value
    ("between 20 and 30", Quantity(None, 20, 30, "range")),
    ("20 to 30", Quantity(None, 20, 30, "range")),
    ("20-30", Quantity(None, 20, 30, "range")),
    ("20 - 30", Quantity(None, 20, 30, "range")),
    ("1000\u20135000", Quantity(None, 1000, 5000, "range")),
    ("two or three", Quantity(None, 2, 3, "range")),
    ("between 2 and 3 million", Quantity(None, 2_000_000, 3_000_000, "range")),
    ("5k-20k", Quantity(None, 5000, 20000, "range")),
    ("dozens to hundreds", Quantity(None, 24, 999, "range")),
    # vague quantities: inclusive [low, high] from the lexicon
    ("a couple", Quantity(None, 2, 3, "vague")),
    ("a few", Quantity(None, 2, 9, "vague")),
    ("a handful", Quantity(None, 2, 9, "vague")),
    ("several", Quantity(None, 3, 9, "vague")),
    ("dozens", Quantity(None, 24, 99, "vague")),
    ("scores", Quantity(None, 40, 99, "vague")),
    ("hundreds", Quantity(None, 200, 999, "vague")),
    ("thousands", Quantity(None, 2000, 9999, "vague")),
    ("tens of thousands", Quantity(None, 20_000, 99_999, "vague")),
    ("hundreds of thousands", Quantity(None, 200_000, 999_999, "vague")),
    ("several hundred", Quantity(None, 300, 999, "vague")),
    ("a few thousand", Quantity(None, 2000, 9999, "vague")),
    ("several dozen", Quantity(None, 36, 119, "vague")),
    # hedged vague quantities keep the bound the hedge gives
    ("more than several hundred", Quantity(None, 300, None, "over")),
    ("up to several thousand", Quantity(None, None, 9999, "up_to")),
    ("about a dozen", Quantity(12, None, None, "approx")),
    # zero
    ("no one", Quantity(0, 0, 0, "zero")),
    ("nobody", Quantity(0, 0, 0, "zero")),
    ("none", Quantity(0, 0, 0, "zero")),
    ("zero", Quantity(0, 0, 0, "zero")),
    ("not a single", Quantity(0, 0, 0, "zero")),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_parse_quantity(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


FOUND = [
    (
        "estimates indicating over 1,000 North Korean soldiers killed",
        [("over 1,000", "1,000")],
    ),
    ("a larger contingent of nearly 11,000 troops", [("nearly 11,000", "11,000")]),
    ("Between 20 and 30 people died.", [("Between 20 and 30", "20")]),
    ("the toll rose from 20 to 35 on Friday", [("35", "35")]),
    ("the toll reached 35, up from 12", [("35", "35")]),
    ("two out of five hundred", []),
    ("3 hundred and 2 hundred", [("3 hundred", "3 hundred"), ("2 hundred", "2 hundred")]),
    ("The toll exceeded 3,000.", [("exceeded 3,000", "3,000")]),
    ("5000 or less than 6000", [("5000", "5000"), ("less than 6000", "6000")]),
    ("a 12-year-old and three others", [("three", "three")]),
    (
        "x is no less than 194 and less than 12.",
        [("no less than 194", "194"), ("less than 12", "12")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_quantities(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_quantities(text)
    assert [(f.text, text[f.number_start : f.number_end]) for f in found] == expected
    for f in found:
        assert text[f.start : f.end] == f.text


@given(st.text(max_size=200))
def test_find_quantities_never_raises_and_spans_are_inside(text: str) -> None:
    for found in find_quantities(text):
        assert 0 <= found.start <= found.number_start < found.number_end <= found.end <= len(text)
        assert found.text == text[found.start : found.end]
        quantity = found.quantity
        for bound in (quantity.value, quantity.low, quantity.high):
            assert bound is None or 0 <= bound <= 10**10


@given(
    st.lists(st.sampled_from(["1", "0", ",", ".", " ", "-", "k", "^", "one", "and"]), max_size=30)
)
def test_digit_soup_never_raises(parts: list[str]) -> None:
    text = "".join(parts)
    parse_quantity(text)
    parse_number(text)
