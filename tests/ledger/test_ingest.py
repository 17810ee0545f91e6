"""`fogofwar ingest`: files into the ledger, known texts skipped before extraction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.progress import Progress

from fogofwar.cli import cli
from fogofwar.ingest.readers import InputError
from fogofwar.ledger import Ledger
from fogofwar.ledger.cli import RateColumn
from fogofwar.ledger.ingest import estimate_total, ingest
from fogofwar.ledger.store import StoreResult
from fogofwar.schema import Document, Report

from .reports import claim_report

TEXTS = [
    "Officials in Kharkiv said nine civilians were wounded on Monday. Mayor Ihor Terekhov "
    "said the strike hit a school.",
    "Ukrainian President Volodymyr Zelenskyy said North Korean soldiers suffered heavy "
    "losses in the Kursk region.",
    "The Pentagon said on Friday that about 10,000 North Korean troops were in Russia.",
]


class CountingExtractor:
    """A fake extraction that records which documents it was given."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.calls = 0

    def __call__(self, documents: Iterable[Document]) -> Iterator[Report]:
        self.calls += 1
        for document in documents:
            self.seen.append(document.id)
            yield claim_report(document.id).model_copy(update={"document": document})


def documents(*texts: str) -> list[Document]:
    return [Document(id=f"d{n}", text=text) for n, text in enumerate(texts)]


def test_known_documents_are_skipped_before_extraction(ledger: Ledger) -> None:
    extract = CountingExtractor()
    first = ingest(documents("one text here", "two text here"), ledger.writer, extract)
    assert (first.stored, first.already, extract.seen) == (2, 0, ["d0", "d1"])
    extract.seen.clear()
    again = ingest(
        documents("one  text\nhere", "three text here", "two text here", "three text here"),
        ledger.writer,
        extract,
    )
    assert extract.seen == ["d1"]  # only the new text; the duplicate inside the run once
    assert (again.stored, again.already, again.failed) == (1, 3, 0)


def test_nothing_new_never_starts_extraction(ledger: Ledger) -> None:
    extract = CountingExtractor()
    ingest(documents("one text here"), ledger.writer, extract)

    def must_not_run(_: Iterable[Document]) -> Iterator[Report]:
        raise AssertionError("extraction started for a known document")

    stats = ingest(documents("one text here"), ledger.writer, must_not_run)
    assert (stats.stored, stats.already) == (0, 1)


def test_bad_items_are_counted_and_reported(ledger: Ledger) -> None:
    heard: list[InputError] = []
    progress: list[int] = []
    items = [InputError("a.txt", "empty"), *documents("good text here")]
    stats = ingest(
        items,
        ledger.writer,
        CountingExtractor(),
        on_error=heard.append,
        on_progress=progress.append,
    )
    assert (stats.stored, stats.failed, stats.seen) == (1, 1, 2)
    assert [str(e) for e in heard] == ["a.txt: empty"]
    assert sum(progress) == 2


def test_batches_are_committed_as_they_fill(ledger: Ledger) -> None:
    extract = CountingExtractor()
    sizes: list[int] = []
    original = ledger.writer.store

    def store(reports: list[Report], **kwargs: object) -> StoreResult:
        sizes.append(len(reports))
        return original(reports, **kwargs)

    ledger.writer.store = store  # type: ignore[method-assign]
    ingest(
        documents(*(f"text number {n}" for n in range(10))), ledger.writer, extract, commit_every=4
    )
    assert sizes == [4, 4, 2]


def test_estimate_total_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text('{"text": "1"}\n{"text": "2"}\n{"text": "3"}\n')
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert estimate_total([str(tmp_path), "https://example.org/a", "missing.txt"]) == 6


def test_rate_column_shows_documents_per_second() -> None:
    progress = Progress(RateColumn())
    task_id = progress.add_task("ingest", total=10)
    task = progress.tasks[0]
    assert RateColumn().render(task).plain == "- docs/s"
    progress.advance(task_id, 5)
    task._progress.append(type(task._progress[0])(task._progress[0].timestamp + 2, 5))
    assert RateColumn().render(task).plain.endswith(" docs/s")
    assert RateColumn().render(task).plain != "- docs/s"


# -- the command, with spaCy ------------------------------------------------------------
@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for number, text in enumerate(TEXTS):
        (folder / f"report-{number}.txt").write_text(text)
    (folder / "broken.txt").write_bytes(b"\x00\x01 binary")
    return folder


@pytest.mark.usefixtures("nlp")
def test_cli_ingest_then_rerun_changes_nothing(ledger_url: str, inputs: Path) -> None:
    args = ["ingest", str(inputs), "--db", ledger_url, "--published", "2024-12-28"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "fogofwar: skipped" in first.stderr and "binary file" in first.stderr
    assert "stored 3 documents, 0 already in the ledger, 1 failed" in first.stderr
    with Ledger(ledger_url) as ledger:
        before = ledger.counts()
        reports = list(ledger.reports())
    assert before["documents"] == 3 and before["actors"] >= 4
    assert {r.document.published for r in reports} == {"2024-12-28"}
    second = CliRunner().invoke(cli, args)
    assert "stored 0 documents, 3 already in the ledger, 1 failed" in second.stderr
    with Ledger(ledger_url) as ledger:
        assert ledger.counts() == before
        zelensky = ledger.sources("Zelensky")
    assert zelensky.actors == ["Volodymyr Zelenskyy"]


def test_cli_ingest_needs_inputs(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "give files, directories or URLs to ingest, or --feed" in result.output


def test_cli_ingest_with_nothing_readable_fails(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr
    assert result.stderr.strip().endswith("Error: nothing could be read")


def test_cli_ingest_unknown_model_is_one_line(inputs: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", str(inputs), "--db", str(tmp_path / "x.db"), "--model", "no_such_pipeline"]
    )
    assert result.exit_code == 1
    assert "spaCy pipeline 'no_such_pipeline' is not installed" in result.output
    assert "Traceback" not in result.output
