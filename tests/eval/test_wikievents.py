"""`fogofwar eval wikievents`: on a tiny file in WikiEvents' format."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fogofwar.cli import cli
from fogofwar.eval.event_scoring import Report, read_json_lines
from fogofwar.eval.wikievents import rebuild, score_document
from fogofwar.pipeline import read_many

FIXTURE = Path(__file__).parent.parent / "fixtures" / "eval" / "wikievents_tiny.jsonl"


def test_rebuild_joins_sentences_and_maps_tokens() -> None:
    (doc,) = read_json_lines(FIXTURE)
    text, spans = rebuild(doc)
    assert text.startswith("Russian forces attacked the village of Pisky . Three")
    assert text[spans[2][0] : spans[2][1]] == "attacked"
    assert text[spans[11][0] : spans[11][1]] == "killed"


def test_scores_detection_and_arguments(nlp) -> None:
    (doc,) = read_json_lines(FIXTURE)
    text, spans = rebuild(doc)
    (reading,) = read_many([{"text": text}], nlp=nlp)
    report = Report(title="tiny")
    score_document(report, doc, text, spans, reading)
    detection = report.scores["event detection"]
    assert (detection.tp, detection.fn) == (2, 0)
    assert report.scores["arguments"].tp >= 1  # Russian forces as Attacker
    assert report.scores["(gold events of other types)"].fn == 1  # the Broadcast


def test_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "wikievents", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "event detection" in result.output
    wrong = tmp_path / "x.jsonl"
    wrong.write_text('{"doc_id": "a"}\n')
    bad = CliRunner().invoke(cli, ["eval", "wikievents", str(wrong)])
    assert bad.exit_code != 0 and "not WikiEvents" in bad.output
