"""The time window a figure counts over: "in the past 24 hours", "since October", "so far".

Pure functions over plain strings. Dates are resolved against the publication date only
(never against today's date): without one a window keeps its text and no dates.

    >>> [w.text for w in find_windows("12 were killed within the last week, 40 so far")]
    ['within the last week', 'so far']
    >>> resolve_window("within the last week", "2024-12-28")
    ('2024-12-21', '2024-12-28', False)

`cumulative` is True for running totals that start at an anchor and run up to the
publication ("so far", "since October", "this year") and False for counts over a closed
window ("in the past 24 hours", "last week", "in 2023").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from fogofwar import lexicons
from fogofwar.numbers import parse_number

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
FULL_MONTHS = frozenset(name.lower() for name in calendar.month_name if name)
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_COUNT = r"(?:[0-9]{1,4}|[a-z]+(?:[- ][a-z]+)?)"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)


@dataclass(frozen=True)
class FoundWindow:
    start: int
    end: int
    text: str


@cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    data = lexicons.load("figures")
    units: dict[str, str] = data["time_units"]
    unit = "|".join(sorted(units, key=len, reverse=True))
    cumulative = "|".join(re.escape(p) for p in data["cumulative_phrases"])
    pattern = re.compile(
        rf"""\b(?:
          (?:(?:within|in|over|during|for)\s+)?the\s+(?:last|past|previous)\s+
              (?:{_COUNT}\s+)??(?:{unit})\b
        | (?:last|this)\s+(?:{unit})\b
        | since\s+(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?[a-z-]+
        | since\s+(?:(?:{_MONTH})\.?(?:\s+[0-9]{{1,2}}\b)?(?:,?\s+[0-9]{{4}})?
                    |[0-9]{{4}}\b|(?:{_WEEKDAY})\b)
        | (?:in|during|throughout)\s+(?:19|20)[0-9]{{2}}\b
        | (?:{cumulative})\b
        )""",
        re.IGNORECASE | re.VERBOSE,
    )
    return pattern, units


def find_windows(text: str) -> list[FoundWindow]:
    """Every time-window phrase in `text`, left to right."""
    pattern, _ = _patterns()
    found = []
    for match in pattern.finditer(text):
        end = match.end()
        if text[end - 1] == "." and match.group()[:-1].split()[-1].lower() in FULL_MONTHS:
            end -= 1  # "since October." ends a sentence; "since Oct." abbreviates
        found.append(FoundWindow(match.start(), end, text[match.start() : end]))
    return found


def published_date(published: str | None) -> date | None:
    """The date of an ISO publication timestamp ("2024-12-28", "2024-12-28T10:00Z")."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def resolve_window(text: str, published: str | None) -> tuple[str | None, str | None, bool | None]:
    """(start, end, cumulative) of a window phrase: ISO dates when `published` allows."""
    _, units = _patterns()
    anchor = published_date(published)
    words = text.lower().replace(",", " ").split()
    cumulative = _is_cumulative(words)
    if anchor is None:
        return None, None, cumulative
    end = anchor.isoformat()
    if words[0] == "since":
        since = _since(words[1:], anchor)
        return (since.isoformat() if since else None), end, True
    if words[0] in ("in", "during", "throughout") and words[-1].isdigit():
        year = int(words[-1])
        if year > anchor.year:
            return None, None, False
        last = min(date(year, 12, 31), anchor)
        return date(year, 1, 1).isoformat(), last.isoformat(), False
    unit = units.get(words[-1])
    if unit is None:
        return None, end, cumulative
    if words[0] == "this":
        return _unit_start(anchor, unit).isoformat(), end, True
    if words[0] == "last" and len(words) == 2:
        first = _shift(_unit_start(anchor, unit), unit, 1)
        last = _unit_start(anchor, unit) - timedelta(days=1)
        return first.isoformat(), last.isoformat(), False
    count = _count(words)
    if count is None:
        return None, end, False
    return _shift(anchor, unit, count).isoformat(), end, False


def _is_cumulative(words: list[str]) -> bool:
    phrases = lexicons.load("figures")["cumulative_phrases"]
    joined = " ".join(words)
    return words[0] in ("since", "this") or any(joined.startswith(p) for p in phrases)


def _count(words: list[str]) -> int | None:
    """N in "the past N days"; 1 when no number is given ("the last week")."""
    try:
        index = next(i for i, w in enumerate(words) if w in ("last", "past", "previous"))
    except StopIteration:
        return None
    middle = " ".join(words[index + 1 : -1])
    if not middle:
        return 1
    value = parse_number(middle)
    if value is None or value != int(value) or not 0 < value <= 1000:
        return None
    return int(value)


def _unit_start(day: date, unit: str) -> date:
    if unit in ("week", "weekend"):
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _shift(day: date, unit: str, count: int) -> date:
    """`day` moved back `count` units (months and years by the calendar)."""
    if unit == "hour":
        return day - timedelta(days=-(-count // 24))
    if unit == "day":
        return day - timedelta(days=count)
    if unit in ("week", "weekend"):
        return day - timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))


def _since(words: list[str], anchor: date) -> date | None:
    """The start of "since October", "since March 3, 2022", "since 2014", "since Monday"."""
    if not words:
        return None
    first = words[0].rstrip(".")
    if first in WEEKDAYS:
        back = (anchor.weekday() - WEEKDAYS[first]) % 7 or 7
        return anchor - timedelta(days=back)
    if first.isdigit() and len(first) == 4:
        return date(int(first), 1, 1) if int(first) <= anchor.year else None
    month = MONTHS.get(first)
    if month is None:
        return None
    numbers = [int(w) for w in words[1:] if w.isdigit()]
    year = next((n for n in numbers if n > 31), None)
    day = next((n for n in numbers if 1 <= n <= 31), 1)
    if year is None:
        year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    try:
        return date(year, month, day)
    except ValueError:
        return None
