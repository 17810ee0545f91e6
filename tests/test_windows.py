"""Table-driven tests of time windows (fogofwar.windows): found in text, resolved against the
publication date only."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogofwar.windows import find_windows, published_date, resolve_window

FOUND = [
    ("12 were killed within the last week alone.", ["within the last week"]),
    ("In the past 24 hours, 30 soldiers died.", ["In the past 24 hours"]),
    (
        "40 have fled since October. More came since March 3, 2022.",
        ["since October", "since March 3, 2022"],
    ),
    ("So far this year 500 were killed.", ["So far", "this year"]),
    ("Since the start of the war, 9,000 have died.", ["Since the start of the war"]),
    ("Marking a since-then record.", []),
    ("The commander Mark said so.", []),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_windows(text: str, expected: list[str]) -> None:
    assert [w.text for w in find_windows(text)] == expected


RESOLVED = [
    ("within the last week", "2024-12-28", ("2024-12-21", "2024-12-28", False)),
    ("in the past 24 hours", "2024-12-28", ("2024-12-27", "2024-12-28", False)),
    ("over the past two months", "2024-12-28", ("2024-10-28", "2024-12-28", False)),
    ("in the last three days", "2024-03-01", ("2024-02-27", "2024-03-01", False)),
    ("the past few days", "2024-12-28", (None, "2024-12-28", False)),
    ("since October", "2024-12-28", ("2024-10-01", "2024-12-28", True)),
    ("since October", "2024-03-05", ("2023-10-01", "2024-03-05", True)),
    ("since March 3, 2022", "2024-12-28", ("2022-03-03", "2024-12-28", True)),
    ("since 2014", "2024-12-28", ("2014-01-01", "2024-12-28", True)),
    ("since Monday", "2024-12-28", ("2024-12-23", "2024-12-28", True)),
    ("since the start of the war", "2024-12-28", (None, "2024-12-28", True)),
    ("so far", "2024-12-28", (None, "2024-12-28", True)),
    ("this year", "2024-12-28", ("2024-01-01", "2024-12-28", True)),
    ("this month", "2024-12-28", ("2024-12-01", "2024-12-28", True)),
    ("last week", "2024-12-28", ("2024-12-16", "2024-12-22", False)),
    ("last month", "2024-03-15", ("2024-02-01", "2024-02-29", False)),
    ("last year", "2024-12-28", ("2023-01-01", "2023-12-31", False)),
    ("in 2023", "2024-12-28", ("2023-01-01", "2023-12-31", False)),
    ("in 2030", "2024-12-28", (None, None, False)),
    # never against today's date: without a publication date there are no dates
    ("within the last week", None, (None, None, False)),
    ("so far", None, (None, None, True)),
    ("since October", "not a date", (None, None, True)),
]


@pytest.mark.parametrize(("text", "published", "expected"), RESOLVED)
def test_resolve_window(text: str, published: str | None, expected: tuple) -> None:
    assert resolve_window(text, published) == expected


def test_published_date_accepts_timestamps() -> None:
    assert str(published_date("2024-12-28T10:00:00Z")) == "2024-12-28"
    assert published_date("") is None
    assert published_date("28/12/2024") is None


@given(st.text(max_size=120), st.sampled_from([None, "2024-12-28", "2024-02-29", "x"]))
def test_windows_never_raise(text: str, published: str | None) -> None:
    for window in find_windows(text):
        assert window.text == text[window.start : window.end]
        resolve_window(window.text, published)
