"""figures, disputes, sources and events: as Python functions and as CLI commands."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from fogofwar.cli import cli
from fogofwar.ledger import Ledger

from .reports import claim_report


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    """Competing claims about North Korean losses in Kursk, and one about Russian ones."""
    ledger.store(
        [
            claim_report("kyiv", published="2024-12-20"),  # over 1,000 (cumulative)
            claim_report(
                "reuters",
                speaker="Kirby",
                speaker_country="USA",
                outlet="Reuters",
                number="nearly 500",
                value=500,
                low=None,
                high=500,
                qualifier="nearly",
                published="2024-12-20",
            ),  # disagrees with "over 1,000" that day
            claim_report(
                "later",
                number="3,000",
                value=3000,
                low=3000,
                high=3000,
                qualifier="exact",
                published="2024-12-27",
            ),  # a later running total
            claim_report(
                "week",
                cumulative=False,
                window_start="2024-12-13",
                window_end="2024-12-20",
                number="200",
                value=200,
                low=200,
                high=200,
                qualifier="exact",
                published="2024-12-21",
                extra="In one week.",
            ),
            claim_report(
                "russians",
                group="Russian forces",
                group_country="RUS",
                speaker="Syrskyi",
                number="about 1,500",
                value=1500,
                low=None,
                qualifier="approx",
                published="2024-12-22",
            ),
        ]
    )
    return ledger


def test_figures_filters(filled: Ledger) -> None:
    everything = filled.figures()
    assert len(everything) == 3
    assert everything[0].last_as_of.isoformat() == "2024-12-27"  # newest series first
    (prk,) = filled.figures(
        country="prk", category="killed", who="north korean", since="2024-12-01", limit=1
    )
    assert [c.document_title for c in prk.claims] == [
        "Report kyiv",
        "Report reuters",
        "Report later",
    ]
    assert [c.source for c in prk.claims] == [
        "Volodymyr Zelenskyy",
        "John Kirby",
        "Volodymyr Zelenskyy",
    ]
    (late,) = filled.figures(country="PRK", since="2024-12-21", limit=1)
    assert [c.value for c in late.claims] == [3000]
    assert filled.figures(category="injured") == []
    assert [s.who for s in filled.figures(who="russian")] == ["Russian forces"]


def test_disputes_compare_claims_for_the_same_day_only(filled: Ledger) -> None:
    (dispute,) = filled.disputes()
    assert dispute.day.isoformat() == "2024-12-20"
    assert (dispute.max_low, dispute.min_high) == (1000, 500)
    assert sorted(c.source for c in dispute.series.claims) == ["John Kirby", "Volodymyr Zelenskyy"]
    # The weekly count (200) is never compared with the running totals.
    assert all(c.value != 200 for c in dispute.series.claims)
    assert filled.disputes(country="RUS") == []


def test_disputes_are_found_across_separate_batches(ledger: Ledger) -> None:
    ledger.store([claim_report("first")])  # over 1,000
    ledger.store(
        [claim_report("agrees", number="1,200", value=1200, low=1200, high=1200, qualifier="exact")]
    )
    assert ledger.disputes() == []
    ledger.store(
        [
            claim_report(
                "second", number="nearly 500", value=500, low=None, high=500, qualifier="nearly"
            )
        ]
    )
    (dispute,) = ledger.disputes()
    assert (dispute.max_low, dispute.min_high) == (1200, 500)
    assert len(dispute.series.claims) == 3


def test_hedges_widen_claims_before_comparing(ledger: Ledger) -> None:
    ledger.store(
        [
            claim_report("a", number="about 3,000", value=3000, low=None, qualifier="approx"),
            claim_report("b", number="3,200", value=3200, low=3200, high=3200, qualifier="exact"),
        ]
    )
    assert ledger.disputes() == []  # about 3,000 allows 2,700..3,300


def test_negated_claims_are_not_compared(ledger: Ledger) -> None:
    ledger.store(
        [
            claim_report("a", number="10", value=10, low=10, high=10, qualifier="exact"),
            claim_report(
                "b", number="0", value=0, low=0, high=0, qualifier="zero", modality="negated"
            ),
        ]
    )
    assert ledger.disputes() == []


def test_sources_lists_what_one_actor_claimed(filled: Ledger) -> None:
    report = filled.sources("Kirby")
    assert report.actors == ["John Kirby"]
    assert sorted(item.kind for item in report.items) == ["event", "figure", "quote"]
    assert {item.outlet for item in report.items} == {"Reuters"}
    assert filled.sources("Nobody Known").items == []
    zelensky = filled.sources("President Zelensky", since="2024-12-21")
    assert {item.document_id for item in zelensky.items} != set()
    assert all(item.date.isoformat() >= "2024-12-21" for item in zelensky.items)


def test_events_filters(filled: Ledger) -> None:
    assert len(filled.events()) == 5
    assert len(filled.events(plover="assault", country="RUS")) == 5  # the place is in RUS
    assert len(filled.events(actor="North Korean troops")) == 4  # PRK forces are one actor
    assert [e.victims for e in filled.events(actor="Russian forces")] == [["Russian forces"]]
    assert len(filled.events(place="kursk", since="2024-12-21", until="2024-12-22")) == 1
    assert len(filled.events(place="kursk", since="2024-12-20", until="2024-12-22")) == 4
    assert filled.events(plover="PROTEST") == []


def test_a_bad_date_is_a_clear_error(filled: Ledger) -> None:
    with pytest.raises(ValueError, match="not a date"):
        filled.figures(since="last Tuesday")


# -- the CLI ----------------------------------------------------------------------------
def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cli_figures_table_json_csv(filled: Ledger) -> None:
    db = filled.url
    table = run("figures", "--db", db, "--country", "PRK")
    assert "over 1,000" in table and "nearly 500" in table and "John Kirby" in table
    data = json.loads(run("figures", "--db", db, "--country", "PRK", "--format", "json"))
    assert {s["basis"] for s in data} == {"cumulative", "window"}
    assert all(c["published"] for s in data for c in s["claims"])
    rows = list(
        csv.DictReader(
            io.StringIO(run("figures", "--db", db, "--format", "csv", "--category", "killed"))
        )
    )
    assert len(rows) == 5
    assert {r["who_country"] for r in rows} == {"PRK", "RUS"}


def test_cli_disputes_sources_events(filled: Ledger) -> None:
    db = filled.url
    disputes = json.loads(run("disputes", "--db", db, "--format", "json"))
    assert [d["day"] for d in disputes] == ["2024-12-20"]
    assert "500" in run("disputes", "--db", db)
    sources = json.loads(run("sources", "Kirby", "--db", db, "--format", "json"))
    assert sources["actors"] == ["John Kirby"]
    assert "Reuters" in run("sources", "Kirby", "--db", db)
    events = list(
        csv.DictReader(
            io.StringIO(run("events", "--db", db, "--format", "csv", "--actor", "Russian forces"))
        )
    )
    assert [e["victims"] for e in events] == ["Russian forces"]
    assert "ASSAULT" in run("events", "--db", db, "--limit", "2")


def test_cli_bad_since_is_one_line(filled: Ledger) -> None:
    result = CliRunner().invoke(cli, ["figures", "--db", filled.url, "--since", "soon"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: 'soon' is not a date (use YYYY-MM-DD)"


def test_undated_series_and_events_come_last(ledger: Ledger) -> None:
    ledger.store(
        [
            claim_report("old", published="2024-01-05"),
            claim_report("undated", published=None, category="missing"),
            claim_report("new", published="2024-03-01", category="injured"),
        ]
    )
    assert [s.category for s in ledger.figures()] == ["injured", "killed", "missing"]
    assert [s.category for s in ledger.figures(limit=2)] == ["injured", "killed"]
    assert [e.as_of is None for e in ledger.events()] == [False, False, True]
    assert len(ledger.events(limit=1)) == 1
