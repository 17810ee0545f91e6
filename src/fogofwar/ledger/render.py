"""How query results look on the terminal (rich tables) and as JSON or CSV.

Tables are for people; `--format json` and `--format csv` carry the same fields for
programs (CSV: one row per claim or item, the series fields repeated on each row).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from fogofwar.ledger.views import Claim, Dispute, EventView, SeriesView, SourceReport

SERIES_FIELDS = (
    "series_id",
    "who",
    "who_country",
    "category",
    "place",
    "basis",
    "window_start",
    "window_end",
)
CLAIM_FIELDS = (
    "as_of",
    "value",
    "low",
    "high",
    "qualifier",
    "modality",
    "source",
    "source_kind",
    "outlet",
    "published",
    "document_id",
    "document_url",
    "document_title",
    "text",
)


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def claim_value(claim: Claim) -> str:
    """'over 1,000', 'nearly 11,000', '20-30', 'several (3-9)': the claim as a reader says it."""
    words = {
        "over": "over",
        "at_least": "at least",
        "nearly": "nearly",
        "up_to": "up to",
        "approx": "about",
    }
    if claim.qualifier in words and claim.value is not None:
        return f"{words[claim.qualifier]} {number(claim.value)}"
    if claim.qualifier in ("range", "vague") or claim.value is None:
        low, high = number(claim.low), number(claim.high)
        span = f"{low}-{high}" if high else f"{low}+"
        return span if claim.qualifier == "range" else f"{claim.text} ({span})"
    return number(claim.value)


def series_title(series: SeriesView) -> str:
    parts = [series.who]
    if series.who_country:
        parts[0] += f" [{series.who_country}]"
    parts.append(series.category)
    if series.place:
        parts.append(f"in {series.place}")
    if series.basis == "cumulative":
        since = f" since {series.window_start}" if series.window_start else ""
        parts.append(f"running total{since}")
    elif series.basis == "window":
        parts.append(f"{series.window_start or '...'} to {series.window_end or '...'}")
    return " · ".join(parts)


def claims_table(title: str, claims: Iterable[Claim]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", expand=False)
    for name, style in (
        ("as of", "cyan"),
        ("claim", "bold"),
        ("source", "green"),
        ("outlet", None),
        ("modality", "dim"),
        ("document", "dim"),
    ):
        table.add_column(name, style=style, overflow="fold")
    for claim in claims:
        table.add_row(
            str(claim.as_of or "?"),
            claim_value(claim),
            claim.source,
            claim.outlet or "",
            "" if claim.modality == "asserted" else claim.modality,
            claim.document_url or claim.document_title or f"#{claim.document_id}",
        )
    return table


def print_series(series: list[SeriesView], console: Console) -> None:
    if not series:
        console.print("no figures match")
    for one in series:
        console.print(claims_table(f"{series_title(one)}  ({one.claim_count} claims)", one.claims))


def print_disputes(disputes: list[Dispute], console: Console) -> None:
    if not disputes:
        console.print("no disputes: every series' claims overlap day by day")
    for dispute in disputes:
        title = (
            f"{series_title(dispute.series)} on {dispute.day}: claims range from "
            f"{number(dispute.min_high)} to {number(dispute.max_low)}"
        )
        console.print(claims_table(title, dispute.series.claims))


def print_sources(report: SourceReport, console: Console) -> None:
    if not report.actors:
        console.print("no such source in the ledger")
        return
    if not report.items:
        console.print(f"{', '.join(report.actors)}: no figures, quotes or events in the ledger")
        return
    table = Table(
        title="claims by " + ", ".join(report.actors), title_justify="left", title_style="bold"
    )
    for name in ("date", "kind", "what", "detail", "outlet"):
        table.add_column(name, overflow="fold")
    for item in report.items:
        table.add_row(
            str(item.date or "?"),
            item.kind,
            item.text,
            item.detail,
            item.outlet or item.document_url or "",
        )
    console.print(table)


def print_events(events: list[EventView], console: Console) -> None:
    if not events:
        console.print("no events match")
        return
    table = Table(title_justify="left")
    for name in ("date", "PLOVER", "who", "to / against", "where", "source", "evidence"):
        table.add_column(name, overflow="fold")
    for event in events:
        table.add_row(
            str(event.as_of or "?"),
            event.plover + (f" ({event.mode})" if event.mode else ""),
            ", ".join(event.actors),
            ", ".join(event.recipients + event.victims),
            event.place or "",
            event.source,
            event.evidence,
        )
    console.print(table)


def series_rows(series: Iterable[SeriesView]) -> Iterable[dict[str, Any]]:
    """One CSV row per claim, its series' fields first."""
    for one in series:
        head = {"series_id": one.id, **{f: getattr(one, f) for f in SERIES_FIELDS[1:]}}
        for claim in one.claims:
            yield {**head, **{f: getattr(claim, f) for f in CLAIM_FIELDS}}


def write_csv(output: IO, fields: Iterable[str], rows: Iterable[dict[str, Any]]) -> None:
    writer = csv.DictWriter(
        output, fieldnames=list(fields), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else _csv_value(v) for k, v in row.items()})


def _csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_json(output: IO, data: Any) -> None:
    output.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
