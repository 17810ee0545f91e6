"""`fogofwar eval gva` on a tiny fixture, and the rule that picks an article's counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from eval_fixtures import write_gva

from fogofwar.cli import cli
from fogofwar.eval.gva import article_counts, read_articles
from fogofwar.schema import Document, Figure, Report, Source, Span, TimeWindow, Who


@pytest.fixture
def articles_file(tmp_path: Path) -> Path:
    return write_gva(tmp_path / "articles.jsonl")


def test_articles_without_gold_are_skipped(articles_file: Path) -> None:
    articles = read_articles(articles_file)
    assert [a.id for a in articles] == ["a1", "a2", "a3", "a4"]
    assert read_articles(articles_file, limit=2)[-1].id == "a2"


def test_command_prints_accuracy_and_errors(articles_file: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "gva", str(articles_file)])
    assert result.exit_code == 0, result.output
    assert "killed" in result.output and "injured" in result.output
    assert "sample errors" in result.output
    assert "a4" in result.output  # the article without any count is an error (gold 1 killed)


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "gva", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0
    assert "no such file" in result.output and "Traceback" not in result.output


def test_bad_line_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "gold": {"num_killed": "many", "num_injured": 0}}\n')
    result = CliRunner().invoke(cli, ["eval", "gva", str(bad)])
    assert result.exit_code != 0 and "not a GVA article" in result.output


TEXT = "A man was killed. Two men and a woman were shot. A man was killed. He died."


def _figure(n: int, text: str, category: str, value: float = 1, **extra) -> Figure:
    start = TEXT.index(text)
    return Figure(
        id=f"f{n}",
        span=Span(start=start, end=start + len(text), text=text),
        value=value,
        low=value,
        high=value,
        category=category,
        who=Who(text=text.split()[-1]),
        source=Source(),
        **extra,
    )


def _report(*figures: Figure) -> Report:
    return Report(document=Document(id="d", text=TEXT), figures=list(figures))


def test_counts_are_the_largest_figure_and_shot_minus_killed() -> None:
    report = _report(_figure(1, "A man", "killed"), _figure(2, "Two men", "killed_or_injured", 2))
    assert article_counts(report) == (1, 1)


def test_one_person_mentioned_twice_is_counted_once() -> None:
    first = _figure(1, "A man", "killed")
    again = Figure(**{**_figure(2, "He", "killed").model_dump(), "id": "f2"})
    assert article_counts(_report(first, again)) == (1, 0)


def test_hypothetical_and_running_totals_do_not_count() -> None:
    maybe = _figure(1, "Two men", "killed", 2, modality="hypothetical")
    total = _figure(
        2, "Two men", "injured", 2, time_window=TimeWindow(text="so far", cumulative=True)
    )
    past = _figure(
        3, "Two men", "killed", 2, time_window=TimeWindow(text="in 1982", end="1982-12-31")
    )
    report = _report(maybe, total, past)
    report.document.published = "2015-01-01"
    assert article_counts(report) == (0, 0)


@pytest.mark.parametrize(
    ("headline", "killed"),
    [
        ("Teen, 17, dead in apparent accidental shooting", 1),
        ("Teen charged with friend's shooting death", 1),
        ("Man found not guilty in fatal shooting", 1),
        ("No one killed in overnight shooting", 0),
        ("Two wounded in shooting near campus", 0),
        ("Deadliest year on record", 0),
    ],
)
def test_a_headline_that_reports_a_death_means_one_killed(headline: str, killed: int) -> None:
    report = _report()
    report.document.title = headline
    assert article_counts(report) == (killed, 0)


def test_a_headline_death_does_not_add_to_counted_deaths() -> None:
    report = _report(_figure(1, "Two men", "killed", 2))
    report.document.title = "Two dead in shooting"
    assert article_counts(report) == (2, 0)
