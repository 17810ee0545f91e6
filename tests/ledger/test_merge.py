"""The pure rules that decide what is the same document, actor, place and series."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.ledger import merge
from fogofwar.schema import Actor, Figure, Place, Span, TimeWindow, Who


def actor(
    name: str, kind: str = "person", country: str | None = None, sector: str | None = None
) -> Actor:
    return Actor(id="a1", name=name, kind=kind, country=country, sector=sector)


def test_text_hash_ignores_whitespace_layout_but_not_words() -> None:
    assert merge.text_hash("Ten  soldiers\nwere killed.") == merge.text_hash(
        " Ten soldiers were\tkilled. "
    )
    assert merge.text_hash("Ten soldiers were killed.") != merge.text_hash(
        "Twelve soldiers were killed."
    )
    assert merge.text_hash("Caf\u00e9") == merge.text_hash("Cafe\u0301")  # NFC


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024-12-28", False, date(2024, 12, 28)),
        ("2024-12-28T09:30:00+00:00", False, date(2024, 12, 28)),
        ("2024-12", False, date(2024, 12, 1)),
        ("2024-12", True, date(2024, 12, 31)),
        ("2024-02", True, date(2024, 2, 29)),
        ("2024", True, date(2024, 12, 31)),
        ("2024-13-01", False, None),
        ("yesterday", False, None),
        (None, False, None),
    ],
)
def test_to_date(value: str | None, end: bool, expected: date | None) -> None:
    assert merge.to_date(value, end=end) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("President Zelenskyy", "Zelenskyy"),
        ("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy"),
        ("Prime Minister Smith", "Smith"),
        ("President", "President"),
        ("John Kirby", "John Kirby"),
    ],
)
def test_strip_titles(name: str, expected: str) -> None:
    assert merge.strip_titles(name) == expected


@pytest.mark.parametrize(
    "spelling",
    ["Zelenskyy", "Zelensky", "President Zelenskyy", "Volodymyr Zelenskiy", "Zelenskyy's"],
)
def test_known_spellings_are_one_actor(spelling: str) -> None:
    identity = merge.actor_identity(actor(spelling, country=None))
    assert identity.key == merge.actor_identity(actor("Volodymyr Zelenskyy", country="UKR")).key
    assert (identity.name, identity.country) == ("Volodymyr Zelenskyy", "UKR")


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (
            actor("North Korean soldiers", "armed_force", "PRK", "MIL"),
            actor("North Korean troops", "armed_force", "PRK", "MIL"),
            True,
        ),
        (
            actor("North Korean soldiers", "armed_force", "PRK", "MIL"),
            actor("Russian forces", "armed_force", "RUS", "MIL"),
            False,
        ),
        (
            actor("Ukrainian civilians", "group", "UKR", "CVL"),
            actor("Ukrainian officials", "group", "UKR", "GOV"),
            False,
        ),
        (actor("Russia", "state", "RUS"), actor("the Russian Federation", "state", "RUS"), True),
        (actor("Kim Jong-un", "person", "PRK"), actor("Kim Jong Un", "person", "PRK"), True),
        (actor("John Smith", "person", "USA"), actor("John Smith", "person", "GBR"), False),
        (actor("Pentagon", "organization"), actor("Department of Defense", "organization"), True),
    ],
)
def test_actor_identity(first: Actor, second: Actor, same: bool) -> None:
    assert (merge.actor_identity(first).key == merge.actor_identity(second).key) is same


def test_place_identity_prefers_geonames() -> None:
    a = Place(id="p1", name="Kursk", country="RUS", geonameid=538560)
    b = Place(id="p9", name="Kursk city", country="RUS", geonameid=538560)
    c = Place(id="p2", name="Kursk", country="RUS")
    assert merge.place_identity(a).key == merge.place_identity(b).key
    assert merge.place_identity(c).key == "name:RUS||kursk"


@pytest.mark.parametrize(
    ("value", "low", "high", "qualifier", "expected"),
    [
        (12, 12, 12, "exact", (12, 12)),
        (12, None, None, "exact", (12, 12)),
        (1000, 1000, None, "over", (1000, None)),
        (1000, 1000, None, "at_least", (1000, None)),
        (11000, None, 11000, "nearly", (9900, 11000)),
        (50, None, 50, "up_to", (0, 50)),
        (3000, None, None, "approx", (2700, 3300)),
        (None, 20, 30, "range", (20, 30)),
        (None, 3, 9, "vague", (3, 9)),
        (0, 0, 0, "zero", (0, 0)),
        (None, None, None, "vague", (None, None)),
    ],
)
def test_interval(
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: str,
    expected: tuple[float | None, float | None],
) -> None:
    lo, hi = merge.interval(value, low, high, qualifier)
    assert lo == (None if expected[0] is None else pytest.approx(expected[0]))
    assert hi == (None if expected[1] is None else pytest.approx(expected[1]))


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (None, ("unspecified", None, None)),
        (TimeWindow(text="so far", cumulative=True, end="2024-12-20"), ("cumulative", None, None)),
        (
            TimeWindow(text="since 2022", cumulative=True, start="2022-02-24"),
            ("cumulative", date(2022, 2, 24), None),
        ),
        (
            TimeWindow(text="last week", cumulative=False, start="2024-12-13", end="2024-12-20"),
            ("window", date(2024, 12, 13), date(2024, 12, 20)),
        ),
        (
            TimeWindow(text="in December", start="2024-12", end="2024-12"),
            ("window", date(2024, 12, 1), date(2024, 12, 31)),
        ),
        (TimeWindow(text="recently"), ("unspecified", None, None)),
    ],
)
def test_window_basis(window: TimeWindow | None, expected: tuple) -> None:
    assert merge.window_basis(window) == expected


def test_claim_as_of() -> None:
    published = date(2024, 12, 28)
    running = TimeWindow(text="so far", cumulative=True)
    as_of_friday = TimeWindow(text="as of Friday", cumulative=True, end="2024-12-27")
    last_week = TimeWindow(text="last week", cumulative=False, start="2024-12-16", end="2024-12-22")
    assert merge.claim_as_of(running, published) == published
    assert merge.claim_as_of(as_of_friday, published) == date(2024, 12, 27)
    assert merge.claim_as_of(last_week, published) == date(2024, 12, 22)
    assert merge.claim_as_of(None, published) == published
    assert merge.claim_as_of(None, None) is None


def figure(**fields: object) -> Figure:
    return Figure(id="f1", span=Span(start=0, end=2, text="12"), value=12, **fields)


def test_running_totals_and_window_counts_are_different_series() -> None:
    who = merge.actor_identity(actor("Russian forces", "armed_force", "RUS", "MIL"))
    running = figure(category="killed", time_window=TimeWindow(text="so far", cumulative=True))
    window = figure(
        category="killed",
        time_window=TimeWindow(
            text="last week", cumulative=False, start="2024-12-13", end="2024-12-20"
        ),
    )
    other_week = figure(
        category="killed",
        time_window=TimeWindow(
            text="this week", cumulative=False, start="2024-12-20", end="2024-12-27"
        ),
    )
    keys = {merge.series_identity(f, who, None).key for f in (running, window, other_week)}
    assert len(keys) == 3


def test_series_who_falls_back_to_country_then_words() -> None:
    by_country = figure(who=Who(text="North Koreans", country="PRK"))
    by_words = figure(who=Who(text="the  Aid Workers"))
    nobody = figure()
    assert merge.series_identity(by_country, None, None).who_key == "country:PRK"
    assert merge.series_identity(by_words, None, None).who_key == "text:aid workers"
    assert merge.series_identity(nobody, None, None).who_key == "unknown"
