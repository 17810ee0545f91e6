"""Date expressions resolved against the publication date: table-driven."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.dates import parse_published, resolve_date

SATURDAY = "2024-12-28"  # a Saturday

CASES = [
    # text, published, future, start, end, precision
    ("on Friday", SATURDAY, False, "2024-12-27", "2024-12-27", "day"),
    ("Friday", SATURDAY, False, "2024-12-27", "2024-12-27", "day"),
    ("on Saturday", SATURDAY, False, "2024-12-28", "2024-12-28", "day"),
    ("last Saturday", SATURDAY, False, "2024-12-21", "2024-12-21", "day"),
    ("on Monday", SATURDAY, False, "2024-12-23", "2024-12-23", "day"),
    ("on Monday", SATURDAY, True, "2024-12-30", "2024-12-30", "day"),
    ("next Friday", SATURDAY, False, "2025-01-03", "2025-01-03", "day"),
    ("Friday night", SATURDAY, False, "2024-12-27", "2024-12-27", "day"),
    ("yesterday", SATURDAY, False, "2024-12-27", "2024-12-27", "day"),
    ("today", SATURDAY, False, "2024-12-28", "2024-12-28", "day"),
    ("last night", SATURDAY, False, "2024-12-27", "2024-12-27", "day"),
    ("tomorrow", SATURDAY, False, "2024-12-29", "2024-12-29", "day"),
    ("the day before yesterday", SATURDAY, False, "2024-12-26", "2024-12-26", "day"),
    ("three days ago", SATURDAY, False, "2024-12-25", "2024-12-25", "day"),
    ("2 weeks ago", SATURDAY, False, "2024-12-09", "2024-12-15", "week"),
    ("last week", SATURDAY, False, "2024-12-16", "2024-12-22", "week"),
    ("this week", SATURDAY, False, "2024-12-23", "2024-12-29", "week"),
    ("earlier this week", SATURDAY, False, "2024-12-23", "2024-12-28", "week"),
    ("within the last week", SATURDAY, False, "2024-12-21", "2024-12-28", "week"),
    ("the past 10 days", SATURDAY, False, "2024-12-18", "2024-12-28", "day"),
    ("over the past two months", SATURDAY, False, "2024-10-28", "2024-12-28", "month"),
    ("last month", SATURDAY, False, "2024-11-01", "2024-11-30", "month"),
    ("earlier this month", SATURDAY, False, "2024-12-01", "2024-12-28", "month"),
    ("last year", SATURDAY, False, "2023-01-01", "2023-12-31", "year"),
    ("the weekend", "2024-12-30", False, "2024-12-28", "2024-12-29", "week"),
    ("in March", SATURDAY, False, "2024-03-01", "2024-03-31", "month"),
    ("in March", "2024-02-10", False, "2023-03-01", "2023-03-31", "month"),
    ("in March", "2024-02-10", True, "2024-03-01", "2024-03-31", "month"),
    ("in December", SATURDAY, False, "2024-12-01", "2024-12-31", "month"),
    ("March 2019", None, False, "2019-03-01", "2019-03-31", "month"),
    ("on 5 March", SATURDAY, False, "2024-03-05", "2024-03-05", "day"),
    ("December 30", SATURDAY, False, "2023-12-30", "2023-12-30", "day"),
    ("Dec. 27", SATURDAY, False, "2024-12-27", "2024-12-27", "day"),
    ("March 5, 2022", None, False, "2022-03-05", "2022-03-05", "day"),
    ("24th of February 2022", None, False, "2022-02-24", "2022-02-24", "day"),
    ("2024-12-27", None, False, "2024-12-27", "2024-12-27", "day"),
    ("in 2019", None, False, "2019-01-01", "2019-12-31", "year"),
    ("since 2022", SATURDAY, False, "2022-01-01", "2024-12-28", "year"),
    ("since February 2022", SATURDAY, False, "2022-02-01", "2024-12-28", "month"),
    ("the 1990s", None, False, "1990-01-01", "1999-12-31", "unknown"),
    ("27/12/2024", SATURDAY, False, "2024-12-27", "2024-12-27", "day"),
    ("29 February", "2025-03-10", False, "2024-02-29", "2024-02-29", "day"),
]


@pytest.mark.parametrize(("text", "published", "future", "start", "end", "precision"), CASES)
def test_resolves(text, published, future, start, end, precision) -> None:
    found = resolve_date(text, published, future=future)
    assert (found.start, found.end, found.precision) == (start, end, precision)
    assert found.text == text


UNRESOLVED = [
    # text, published: the text stays, the interval is empty, the precision unknown
    ("on Friday", None),  # relative, no publication date: never the run date
    ("last week", None),
    ("in March", None),
    ("yesterday", "not a date"),
    ("31 February", SATURDAY),
    ("31 February 2024", None),
    ("February 30, 2023", None),
    ("in the year 30000", SATURDAY),
    ("30000", SATURDAY),
    ("13/13/2024", SATURDAY),
    ("recently", SATURDAY),
    ("the conflict", SATURDAY),
    ("", SATURDAY),
]


@pytest.mark.parametrize(("text", "published"), UNRESOLVED)
def test_unresolved_keeps_text_only(text: str, published: str | None) -> None:
    found = resolve_date(text, published)
    assert (found.text, found.start, found.end, found.precision) == (text, None, None, "unknown")


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2024-12-28", "2024-12-28"), ("2024-12-28T09:30:00Z", "2024-12-28"), ("", None), ("x", None)],
)
def test_parse_published(published: str, expected: str | None) -> None:
    found = parse_published(published)
    assert (found.isoformat() if found else None) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=40)
    | st.from_regex(r"(on |last |since )?[A-Za-z]{3,9} \d{1,6}(, \d{1,7})?", fullmatch=True),
    st.sampled_from([None, SATURDAY, "0001-01-01", "9999-12-31", "garbage"]),
    st.booleans(),
)
def test_never_raises(text: str, published: str | None, future: bool) -> None:
    found = resolve_date(text, published, future=future)
    assert found.text == text
    assert (found.start is None) == (found.end is None)
    if found.start:
        assert found.start <= found.end
