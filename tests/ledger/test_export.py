"""`fogofwar export` in every format, read back and checked field by field."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from fogofwar.cli import cli
from fogofwar.ledger import Ledger
from fogofwar.ledger.export import ACLED_COLUMNS, EVENT_COLUMNS, FIGURE_COLUMNS
from fogofwar.schema import Report

from .reports import claim_report


@pytest.fixture
def reports() -> list[Report]:
    return [
        claim_report("kyiv", url="https://example.org/kyiv", published="2024-12-20"),
        claim_report(
            "ap",
            speaker="Kirby",
            speaker_country="USA",
            outlet="AP",
            number="about 300",
            value=300,
            low=None,
            qualifier="approx",
            published="2024-12-21",
        ),
        claim_report("nowhere", place=None, category="injured", published="2024-12-22"),
    ]


@pytest.fixture
def filled(ledger: Ledger, reports: list[Report]) -> Ledger:
    ledger.store(reports)
    return ledger


def export(ledger: Ledger, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", ledger.url, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_jsonl_gives_back_the_reports(filled: Ledger, reports: list[Report]) -> None:
    lines = export(filled, "--format", "jsonl").splitlines()
    assert [Report.model_validate_json(line) for line in lines] == reports
    since = export(filled, "--format", "jsonl", "--since", "2024-12-21").splitlines()
    assert len(since) == 2


def test_csv_has_one_row_per_claim(filled: Ledger) -> None:
    rows = list(csv.DictReader(io.StringIO(export(filled, "--format", "csv"))))
    assert tuple(rows[0]) == FIGURE_COLUMNS
    assert [(r["value"], r["qualifier"], r["source"], r["outlet"]) for r in rows] == [
        ("1000", "over", "Volodymyr Zelenskyy", "Kyiv Independent"),
        ("300", "approx", "John Kirby", "AP"),
        ("1000", "over", "Volodymyr Zelenskyy", "Kyiv Independent"),
    ]
    first = rows[0]
    assert (first["lo"], first["hi"], first["basis"], first["place"], first["url"]) == (
        "1000",
        "",
        "cumulative",
        "Kursk",
        "https://example.org/kyiv",
    )
    assert rows[1]["lo"] == "270"  # about 300 allows 270..330
    assert rows[0]["series_id"] == rows[1]["series_id"] != rows[2]["series_id"]


def test_events_csv(filled: Ledger) -> None:
    rows = list(csv.DictReader(io.StringIO(export(filled, "--format", "csv", "--table", "events"))))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert [r["victims"] for r in rows] == ["North Korean soldiers"] * 3
    assert [r["fatalities"] for r in rows] == ["1000", "270", "0"]  # injured is not killed


def test_acled_csv(filled: Ledger) -> None:
    rows = list(csv.DictReader(io.StringIO(export(filled, "--format", "acled-csv"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    first = rows[0]
    assert first["event_id_cnty"].startswith("RUS")
    assert (first["event_date"], first["year"], first["time_precision"]) == (
        "2024-12-20",
        "2024",
        "1",
    )
    assert (first["disorder_type"], first["event_type"]) == ("Political violence", "Battles")
    assert (first["actor2"], first["country"], first["iso"], first["location"]) == (
        "North Korean soldiers",
        "Russia",
        "643",
        "Kursk",
    )
    assert (first["latitude"], first["longitude"], first["geo_precision"]) == (
        "51.73",
        "36.19",
        "3",
    )
    assert first["source"] == "Kyiv Independent; Volodymyr Zelenskyy"
    assert first["fatalities"] == "1000"
    assert rows[2]["country"] == "" and rows[2]["event_id_cnty"].startswith("XXX")


def test_plover_json(filled: Ledger) -> None:
    records = json.loads(export(filled, "--format", "plover-json"))
    assert len(records) == 3
    first = records[0]
    assert (first["event"], first["mode"], first["context"], first["date"]) == (
        "ASSAULT",
        "firearms",
        ["casualties"],
        "2024-12-20",
    )
    assert first["victims"] == [
        {"name": "North Korean soldiers", "country": "PRK", "sector": "MIL", "kind": "armed_force"}
    ]
    assert first["location"]["geonameid"] == 538560
    assert first["figures"] == [
        {"category": "killed", "value": 1000, "low": 1000, "high": None, "qualifier": "over"}
    ]
    assert first["source"] == {"kind": "speaker", "name": "Volodymyr Zelenskyy"}
    assert first["publication"]["url"] == "https://example.org/kyiv"


def test_geojson_has_points_for_events_with_coordinates(filled: Ledger) -> None:
    collection = json.loads(export(filled, "--format", "geojson"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 2  # the third event has no place
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [36.19, 51.73]}
    assert features[0]["properties"]["plover"] == "ASSAULT"


def test_parquet(filled: Ledger, tmp_path: Path) -> None:
    target = tmp_path / "claims.parquet"
    export(filled, "--format", "parquet", "-o", str(target))
    table = pq.read_table(target)
    assert table.column_names == list(FIGURE_COLUMNS)
    assert table.column("value").to_pylist() == [1000.0, 300.0, 1000.0]
    assert str(table.schema.field("as_of").type) == "date32[day]"
    events = tmp_path / "events.parquet"
    export(filled, "--format", "parquet", "--table", "events", "-o", str(events))
    assert pq.read_table(events).num_rows == 3


def test_empty_ledger_exports_valid_files(ledger: Ledger, tmp_path: Path) -> None:
    assert json.loads(export(ledger, "--format", "plover-json")) == []
    assert json.loads(export(ledger, "--format", "geojson"))["features"] == []
    target = tmp_path / "empty.parquet"
    export(ledger, "--format", "parquet", "-o", str(target))
    assert pq.read_table(target).num_rows == 0


def test_parquet_needs_a_file(filled: Ledger) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", filled.url, "--format", "parquet"])
    assert result.exit_code == 2
    assert "give a file with --output" in result.output


def test_export_pages_through_many_records(ledger: Ledger) -> None:
    reports = [
        claim_report(
            f"d{i}", number=str(i + 1), value=i + 1, low=i + 1, high=i + 1, qualifier="exact"
        )
        for i in range(1100)
    ]
    ledger.store(reports)
    buffer = io.StringIO()
    assert ledger.export("csv", buffer) == 1100
    values = [int(r["value"]) for r in csv.DictReader(io.StringIO(buffer.getvalue()))]
    assert values == list(range(1, 1101))
