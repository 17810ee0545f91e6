"""Small text formats shared by the pages, the cards and the charts, so a number or an
interval reads the same everywhere (and as in the terminal report)."""

from __future__ import annotations

from datetime import date

from fogofwar.ledger.merge import interval
from fogofwar.ledger.queries import Claim
from fogofwar.ledger.render import claim_value, number, series_title
from fogofwar.schema import Figure, TimeWindow

__all__ = [
    "claim_interval",
    "claim_value",
    "figure_interval",
    "number",
    "series_title",
    "window_text",
]


def interval_text(lo: float | None, hi: float | None) -> str:
    """'[1,000, ∞)', '[9,900, 11,000]', or '' when there is no number."""
    if lo is None and hi is None:
        return ""
    if hi is None:
        return f"[{number(lo)}, ∞)"
    return f"[{number(lo)}, {number(hi)}]"


def claim_interval(claim: Claim) -> str:
    """The numbers a ledger claim allows, as the ledger compares them."""
    return interval_text(claim.lo, claim.hi)


def figure_interval(figure: Figure) -> str:
    """The numbers a report's figure allows, by the ledger's rule (merge.interval):
    "up to 3" is [0, 3], "nearly 11,000" [9,900, 11,000]."""
    return interval_text(*interval(figure.value, figure.low, figure.high, figure.qualifier))


def window_text(window: TimeWindow | None) -> str:
    """'within the last week (2024-12-21 to 2024-12-28, running total)'."""
    if window is None:
        return ""
    span = " to ".join(x for x in dict.fromkeys((window.start, window.end)) if x)
    notes = [span] if span else []
    if window.cumulative is True:
        notes.append("running total")
    elif window.cumulative is False:
        notes.append("count for the window")
    return f"{window.text} ({', '.join(notes)})" if notes else window.text


def day(value: date | None) -> str:
    return value.isoformat() if value else ""
