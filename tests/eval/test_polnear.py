"""`fogofwar eval polnear`: brat parsing, span normalisation, scoring and the command,
on a tiny PolNeAR-style fixture (tests/eval/eval_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from eval_fixtures import write_polnear

from fogofwar.cli import cli
from fogofwar.eval.polnear import (
    GoldDocument,
    Tally,
    exact,
    load_corpus,
    normalize_span,
    overlap,
    parse_ann,
    score,
)
from fogofwar.schema import Document, Quote, Report, Span


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_polnear(tmp_path / "polnear")


def test_parse_ann_reads_roles_and_fragments() -> None:
    ann = (
        "T1\tSource 0 9\tOfficials\n"
        "T2\tCue 10 14\tsaid\n"
        "T3\tContent 15 20;30 40\tx y\n"
        "T4\tAttribution 10 14\tsaid\n"
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
        "T5\tDiscard 50 60\tz\n"
    )
    assert parse_ann(ann) == {
        "source": [(0, 9)],
        "cue": [(10, 14)],
        "content": [(15, 20), (30, 40)],
    }


def test_parse_ann_refuses_bad_offsets() -> None:
    with pytest.raises(ValueError):
        parse_ann("T1\tSource zero 9\tOfficials\n")


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ('"We are safe," he said', (0, 14), '"We are safe"'[1:-1]),
        ("  the bridge had collapsed. ", (0, 28), "the bridge had collapsed"),
        ("\u201cNo.\u201d", (0, 5), "No"),
        ("said:", (0, 5), "said"),
        ("plain", (0, 5), "plain"),
        ('"..."', (0, 5), ""),
    ],
)
def test_normalize_span(text: str, span: tuple[int, int], expected: str) -> None:
    start, end = normalize_span(text, *span)
    assert text[start:end] == expected


def test_tally_counts_exact_and_overlap_matches() -> None:
    predicted, gold = {(0, 5), (10, 20)}, {(0, 5), (12, 20), (30, 40)}
    strict, loose = Tally(), Tally()
    strict.add(predicted, gold, exact)
    loose.add(predicted, gold, overlap)
    assert (strict.precision, strict.recall) == (0.5, 1 / 3)
    assert (loose.precision, loose.recall) == (1.0, 2 / 3)
    assert loose.f1 == pytest.approx(0.8)
    assert Tally().f1 == 0.0


def test_load_corpus_scores_one_annotator_per_document(corpus: Path) -> None:
    documents = load_corpus(corpus)
    assert [d.name for d in documents] == ["bridge", "houses"]
    bridge = documents[0]
    assert len(bridge.spans["source"]) == 2  # from bridge_a1b2.ann, not bridge_ffff.ann
    assert len(bridge.spans["content"]) == 3  # a split quote gives two fragments
    assert set(bridge.kinds.values()) == {"direct", "indirect"}


def test_load_corpus_errors_are_click_errors(tmp_path: Path) -> None:
    with pytest.raises(click.ClickException, match="no text/ and attributions/"):
        load_corpus(tmp_path)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "attributions" / "lost_abcd.ann").write_text("T1\tCue 0 4\tsaid\n")
    with pytest.raises(click.ClickException, match="no text file"):
        load_corpus(tmp_path)


def test_score_of_a_hand_made_report() -> None:
    text = "Officials said the bridge fell. The army left."
    gold = GoldDocument("doc", text)
    gold.spans = {"source": {(0, 9)}, "cue": {(10, 14)}, "content": {(15, 30)}}
    gold.kinds = {(15, 30): "indirect"}

    def span(start: int, end: int) -> Span:
        return Span(start=start, end=end, text=text[start:end])

    quote = Quote(
        id="q1", kind="indirect", content=span(15, 31), cue=span(10, 14), speaker=span(32, 40)
    )
    report = Report(document=Document(id="doc", text=text), quotes=[quote])
    result = score([gold], [report])
    assert result.tallies[("cue", "exact")].f1 == 1.0
    assert result.tallies[("content", "exact")].f1 == 1.0  # the final "." is ignored
    assert result.tallies[("source", "exact")].f1 == 0.0
    assert result.kinds[("gold found", "indirect")] == 1
    assert ("doc", "source", "spurious", "The army") in result.errors


def test_the_command_prints_the_tables(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "polnear", str(corpus)])
    assert result.exit_code == 0, result.output
    for title in ("PolNeAR attribution spans", "Content spans by kind", "sample errors"):
        assert title in result.output
    rows = [line for line in result.output.splitlines() if "exact" in line and "source" in line]
    assert rows, result.output
    assert rows[0].split("\u2502")[-2].strip() == "3"  # gold sources in the fixture


def test_a_missing_directory_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "polnear", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such directory" in result.output
    assert "Traceback" not in result.output
