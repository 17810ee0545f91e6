"""When: date expressions resolved against the publication date, as intervals.

`resolve_date("on Friday", "2024-12-28")` gives the day 2024-12-27: a bare weekday in
news is the latest such day up to the publication date (the publication day itself when
the weekdays agree), or the next one for future events. Every result keeps the text, an
inclusive interval `start`..`end` (ISO dates) and a precision (day, week, month, year):

    "last week"            -> the calendar week (Monday-Sunday) before publication
    "within the last week" -> the seven days up to publication (a rolling window)
    "in March"             -> the latest March up to publication
    "since 2022"           -> 2022-01-01 up to publication, precision year

Relative expressions need a publication date: without one the interval stays empty (the
run date is never used). Impossible dates ("31 February", year 30000) give precision
`unknown`; nothing here raises. Expressions these rules do not cover go to dateparser with
explicit settings (publication date as the base, past preferred), only when the text or
the publication date fixes the year.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from fogofwar.schema import DatePrecision, EventDate

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[n].lower(): n for n in range(7)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# Leading words that do not change the date ("on Friday", "during March").
LEADING = re.compile(
    r"^(?:on|in|at|during|by|of|from|for|as of|throughout|until|till|around|about|"
    r"early|late|mid|the(?!\s+(?:last|past|previous)\b))[\s-]+"
)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{1,6})"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")),
    ("day_month", re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?$")),
    ("month_day", re.compile(rf"^{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?$")),
    ("month", re.compile(rf"^{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?$")),
    ("year", re.compile(r"^(?:the\s+year\s+)?(?P<year>\d{1,6})$")),
    ("decade", re.compile(r"^(?P<year>\d{3}0)'?s$")),
]
_WEEKDAY = re.compile(
    r"^(?:(?P<which>last|this|next|past|previous|coming)\s+)?"
    r"(?P<weekday>" + "|".join(WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?$"
)
_AGO = re.compile(
    r"^(?P<count>\d+|" + "|".join(NUMBERS) + r")\s+(?P<unit>day|week|month|year)s?\s+ago$"
)
_COUNT = r"(?P<count>\d+|" + "|".join(NUMBERS) + r")"
# Rolling windows up to publication: "within the last week", "the past 10 days".
_WINDOW = re.compile(
    r"^(?:(?:within|over)\s+)?"
    rf"(?:(?:the\s+)?(?:last|past|previous)\s+{_COUNT}\s+|the\s+(?:last|past|previous)\s+|past\s+)"
    r"(?P<unit>day|week|month|year)s?(?:\s+alone)?$"
)
_PERIOD = re.compile(
    r"^(?:(?P<part>earlier|later)\s+)?(?P<which>last|past|previous|this|next|coming)\s+"
    r"(?P<unit>week|month|year|weekend)$"
)
_DAY_WORDS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday evening": -1,
    "day before yesterday": -2, "tomorrow": 1, "day after tomorrow": 2,
}  # fmt: skip


def parse_published(published: str | None) -> date | None:
    """The publication date of an ISO 8601 string (date or date-time), or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


def resolve_date(text: str, published: str | date | None, *, future: bool = False) -> EventDate:
    """The interval `text` denotes, read on the publication date `published`.

    `future` reads bare weekdays and months forwards ("will meet on Friday").
    """
    anchor = published if isinstance(published, date) else parse_published(published)
    try:
        found = _resolve(_clean(text), anchor, future)
    except (ValueError, OverflowError):
        found = None
    if found is None:
        return EventDate(text=text)
    start, end, precision = found
    return EventDate(text=text, start=start.isoformat(), end=end.isoformat(), precision=precision)


Interval = tuple[date, date, DatePrecision]


def _clean(text: str) -> str:
    text = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:()")
    previous = None
    while previous != text:
        previous = text
        text = LEADING.sub("", text)
    return text


def _resolve(text: str, anchor: date | None, future: bool) -> Interval | None:
    if not text or len(text) > 80:
        return None
    if text.startswith("since "):
        inner = _resolve(_clean(text[6:]), anchor, False)
        if inner is None or anchor is None or inner[0] > anchor:
            return None
        return inner[0], anchor, inner[2]
    for name, pattern in PATTERNS:
        match = pattern.match(text)
        if match:
            return _absolute(name, match.groupdict(), anchor, future)
    if anchor is None:
        return None
    return _relative(text, anchor, future) or _dateparser(text, anchor, future)


def _absolute(
    kind: str, parts: dict[str, Any], anchor: date | None, future: bool
) -> Interval | None:
    year = int(parts["year"]) if parts.get("year") else None
    if year is not None and not 1 <= year <= 9999:
        return None
    if kind == "year":
        if year is None or year < 1000:
            return None
        return date(year, 1, 1), date(year, 12, 31), "year"
    if kind == "decade":
        return date(year, 1, 1), date(year + 9, 12, 31), "unknown"
    month = MONTHS[parts["month"]] if not str(parts["month"]).isdigit() else int(parts["month"])
    if kind == "month":
        if year is None:
            if anchor is None:
                return None
            year = _nearest_year(anchor, lambda y: date(y, month, 1), future, month_grain=True)
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), "month"
    day = int(parts["day"])
    if year is None:
        if anchor is None:
            return None
        year = _nearest_year(anchor, lambda y: date(y, month, day), future)
    when = date(year, month, day)  # ValueError for "31 February": caught by the caller
    return when, when, "day"


def _nearest_year(anchor: date, make, future: bool, month_grain: bool = False) -> int:
    """The year that puts a month or day nearest the anchor on the side news means:
    the latest one up to publication, or the next one for future events."""
    try:
        this_year = make(anchor.year)
    except ValueError:
        this_year = None  # 29 February in a common year: try the neighbouring years
    reference = anchor.replace(day=1) if month_grain else anchor
    if this_year is not None and (this_year >= reference if future else this_year <= reference):
        return anchor.year
    year = anchor.year + (1 if future else -1)
    for _ in range(8):
        try:
            make(year)
            return year
        except ValueError:
            year += 1 if future else -1
    return year


def _relative(text: str, anchor: date, future: bool) -> Interval | None:
    if text in _DAY_WORDS:
        day = anchor + timedelta(days=_DAY_WORDS[text])
        return day, day, "day"
    match = _WEEKDAY.match(text)
    if match:
        return _weekday(WEEKDAYS[match["weekday"]], match["which"], anchor, future)
    match = _AGO.match(text)
    if match:
        count = _count(match["count"])
        return _unit_containing(_shift(anchor, match["unit"], -count), match["unit"])
    match = _WINDOW.match(text)
    if match:
        count = _count(match["count"] or "1")
        start = _shift(anchor, match["unit"], -count)
        precision: DatePrecision = "day" if match["unit"] == "day" else match["unit"]
        return start, anchor, precision
    match = _PERIOD.match(text)
    if match:
        return _period(match["which"], match["unit"], match["part"], anchor)
    if text in ("weekend", "over the weekend", "this weekend"):
        return _period("this", "weekend", None, anchor)
    return None


def _weekday(weekday: int, which: str | None, anchor: date, future: bool) -> Interval:
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if which in ("last", "past", "previous"):
        day = anchor - timedelta(days=back or 7)
    elif which in ("next", "coming"):
        day = anchor + timedelta(days=ahead or 7)
    elif future:
        day = anchor + timedelta(days=ahead)
    else:
        day = anchor - timedelta(days=back)
    return day, day, "day"


def _period(which: str, unit: str, part: str | None, anchor: date) -> Interval:
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit == "weekend":
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        saturday += timedelta(weeks=step)
        return saturday, saturday + timedelta(days=1), "week"
    start, end, precision = _unit_containing(_shift(anchor, unit, step), unit)
    if part == "earlier" and step == 0:
        end = anchor
    elif part == "later" and step == 0:
        start = anchor
    return start, end, precision


def _unit_containing(day: date, unit: str) -> Interval:
    """The calendar day, week (Monday-Sunday), month or year around `day`."""
    if unit == "day":
        return day, day, "day"
    if unit == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if unit == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last), "month"
    return date(day.year, 1, 1), date(day.year, 12, 31), "year"


def _shift(day: date, unit: str, count: int) -> date:
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    months = day.year * 12 + day.month - 1 + (count if unit == "month" else 12 * count)
    year, month = divmod(months, 12)
    return day.replace(
        year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1])
    )


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


@lru_cache(maxsize=64)
def _date_data_parser(anchor: date, future: bool) -> Any:
    """A dateparser parser with explicit settings: the publication date as the base."""
    from dateparser.date import DateDataParser  # imported late: only the rare cases need it

    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day, 12),
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str, anchor: date, future: bool) -> Interval | None:
    """dateparser for the rest, anchored on the publication date, never on today."""
    if not re.search(r"\d|" + "|".join(MONTHS) + "|" + "|".join(WEEKDAYS), text):
        return None  # nothing date-like: dateparser would read "now" into vague words
    try:
        data = _date_data_parser(anchor, future).get_date_data(text)
    except Exception:  # dateparser raises many kinds on odd input; a date is optional
        return None
    when = data.date_obj if data else None
    if when is None:
        return None
    period = "day" if data.period in (None, "time") else data.period
    if period not in ("day", "week", "month", "year"):
        return None
    return _unit_containing(when.date(), period)
