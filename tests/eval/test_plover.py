"""`fogofwar eval plover`: on a tiny file in the PLOVER gold standard's format."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fogofwar.cli import cli
from fogofwar.eval.plover import countries, load, score
from fogofwar.pipeline import read_many

FIXTURE = Path(__file__).parent.parent / "fixtures" / "eval" / "plover_tiny.json"


def test_scores_type_and_countries(nlp) -> None:
    records = load(FIXTURE)
    assert [r["id"] for r in records] == ["TINY-FIGHT-1", "TINY-DISAPPROVE-1", "TINY-AGREE-1"]
    readings = list(read_many([{"text": r["text"]} for r in records], nlp=nlp))
    report = score(records, readings)
    kind = report.scores["event type"]
    assert (kind.tp, kind.fn) == (2, 1)  # FIGHT -> ASSAULT, DISAPPROVE -> ACCUSE; no trigger
    assert report.scores["source country"].tp == 2
    assert report.scores["target country"].tp == 2
    assert any("TINY-AGREE-1" in e for e in report.errors)


def test_cameo_codes_map_to_iso() -> None:
    assert countries([{"code": "JAP"}, {"code": "IGO"}, {"code": "RUS"}, "x"]) == {"JPN", "RUS"}


def test_cli_prints_table_and_errors() -> None:
    result = CliRunner().invoke(cli, ["eval", "plover", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "event type" in result.output and "Sample errors" in result.output


def test_cli_bad_paths_are_one_line_errors(tmp_path: Path) -> None:
    missing = CliRunner().invoke(cli, ["eval", "plover", str(tmp_path / "nope.json")])
    assert missing.exit_code != 0 and "no such file" in missing.output
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = CliRunner().invoke(cli, ["eval", "plover", str(bad)])
    assert result.exit_code != 0 and "not JSON" in result.output
    assert "Traceback" not in result.output
