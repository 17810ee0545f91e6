"""`fogofwar eval ranges` on tiny spec files in the Recognizers-Text format."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from eval_fixtures import write_ranges

from fogofwar.cli import cli
from fogofwar.eval.ranges import interval, load_cases, score_file
from fogofwar.numbers import Quantity


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    return write_ranges(tmp_path / "number_ranges")


@pytest.mark.parametrize(
    ("quantity", "notation"),
    [
        (Quantity(20, 20, 20, "exact"), "[20,20]"),
        (Quantity(20, 20, None, "over"), "(20,)"),
        (Quantity(20, 20, None, "at_least"), "[20,)"),
        (Quantity(20, None, 20, "nearly"), "(,20)"),
        (Quantity(20, None, 20, "up_to"), "(,20]"),
        (Quantity(None, 20, 30, "range"), "[20,30]"),
        (Quantity(20, None, None, "approx"), None),
    ],
)
def test_interval_notation(quantity: Quantity, notation: str | None) -> None:
    assert interval(quantity) == notation


def test_verdicts_on_fixture_specs(specs: Path) -> None:
    ranges = score_file(load_cases(specs, "NumberRangeModel.json"), ranges=True)
    assert [o.verdict for o in ranges] == [
        "ranges include their upper end",
        "agree",
        "agree",
        "agree",
        "equality words, maths symbols and powers",
    ]
    numbers = score_file(load_cases(specs, "NumberModel.json"), ranges=False)
    assert [o.verdict for o in numbers] == [
        "agree",
        "fractions, ordinals and mixed numbers",
        "agree",
        "disagree",
    ]


def test_command_prints_tables(specs: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "ranges", str(specs)])
    assert result.exit_code == 0, result.output
    assert "agreement" in result.output and "differ on purpose" in result.output
    assert "sixty - four" in result.output  # the one real disagreement is listed


def test_missing_directory_or_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "ranges", str(tmp_path / "nope")])
    assert result.exit_code != 0 and "no such directory" in result.output
    result = CliRunner().invoke(cli, ["eval", "ranges", str(tmp_path)])
    assert result.exit_code != 0 and "NumberRangeModel.json" in result.output
    assert "Traceback" not in result.output
