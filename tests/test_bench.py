"""The throughput benchmark: corpus loading and one real (tiny) run of both pipelines."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from fogofwar.bench import load_corpus
from fogofwar.cli import cli

TEXT = "Russian forces shelled Kharkiv on Monday, the mayor said."


def write_csv(path, rows):
    with path.open("w", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["headline", "body"])
        writer.writeheader()
        writer.writerows(rows)


def test_load_corpus_reads_csv_columns_and_text_files(tmp_path):
    write_csv(tmp_path / "a.csv", [{"headline": "h", "body": TEXT}, {"headline": "e", "body": ""}])
    (tmp_path / "b.txt").write_text(TEXT + " Two more words.")
    texts = load_corpus([str(tmp_path)])
    assert texts == [TEXT, TEXT + " Two more words."]
    assert load_corpus([str(tmp_path)], limit=1) == [TEXT]


def test_bench_prints_both_runs_and_the_ratio(tmp_path):
    write_csv(tmp_path / "corpus.csv", [{"headline": str(n), "body": TEXT} for n in range(4)])
    result = CliRunner().invoke(cli, ["bench", str(tmp_path / "corpus.csv"), "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert "throughput ratio fogofwar/spaCy:" in result.output
    ratio = float(result.output.split("throughput ratio fogofwar/spaCy:")[1].split()[0])
    assert ratio > 0
    assert "fogofwar_actors" in result.output


def test_bench_with_no_documents_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["bench", str(tmp_path)])
    assert result.exit_code == 1
    assert "no documents found" in result.output
