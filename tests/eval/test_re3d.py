"""`fogofwar eval re3d`: on a tiny folder in re3d's format."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fogofwar.cli import cli
from fogofwar.eval.event_scoring import Report
from fogofwar.eval.re3d import load, score_entities, score_relations
from fogofwar.pipeline import read_many

FIXTURE = Path(__file__).parent.parent / "fixtures" / "eval" / "re3d"


def test_load_keeps_confident_annotations() -> None:
    (doc,) = load(FIXTURE)
    assert [e["value"] for e in doc["entities"]] == [
        "Russian forces",
        "Syrian troops",
        "Aleppo",
        "Iran",
        "Syria",
    ]  # the Nationality of confidence 0.3 is dropped
    assert [r["type"] for r in doc["relations"]] == ["FightingAgainst"]


def test_scores_entities_and_relations(nlp) -> None:
    (doc,) = load(FIXTURE)
    (reading,) = read_many([{"text": doc["text"]}], nlp=nlp)
    report = Report(title="tiny")
    score_entities(report, doc, reading)
    score_relations(report, doc, reading)
    assert report.scores["Location exact"].tp == 2  # Aleppo, Syria
    assert report.scores["Organisation exact"].tp >= 1  # Russian forces
    fighting = report.scores["FightingAgainst pairs"]
    assert (fighting.tp, fighting.fn) == (1, 0)


def test_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "re3d", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "FightingAgainst pairs" in result.output and "Geoparsing" in result.output
    empty = CliRunner().invoke(cli, ["eval", "re3d", str(tmp_path)])
    assert empty.exit_code != 0 and "no re3d documents.json" in empty.output
    missing = CliRunner().invoke(cli, ["eval", "re3d", str(tmp_path / "nope")])
    assert missing.exit_code != 0 and "Traceback" not in missing.output
