"""`fogofwar eval gva FILE`: article-level killed and injured counts against the Gun
Violence Archive.

FILE is JSON lines, one article each: `article_id`, `title`, `dct` (publication date),
`text` and `gold` ({"num_killed": int, "num_injured": int} or null when unknown;
articles with null gold are skipped). The title is read as the article's first
paragraph. The gold is the incident's final tally, so an early article may differ.

How an article's counts are chosen from its figures (`article_counts`):
- only asserted, reported, alleged or estimated figures count (not negated,
  hypothetical or future ones), and not running totals (a cumulative time window:
  "so far this year", "since January") or counts for a window that closed over a month
  before publication ("in 1982, killing 78");
- killed = the largest killed figure. A person introduced as a victim ("a man was
  shot and killed") is a figure of 1; victims named together in one sentence add up
  ("a man and a woman were killed" = 2). No killed figure means 0 killed;
- injured = the largest injured figure, or, when the article counts people shot
  without saying how many died (killed_or_injured: "four teens were shot"), that count
  minus the killed count if larger;
- a figure's count is its value, else its lower bound (vague and range figures);
- a headline that reports a death without counting it ("Teen dead in accidental
  shooting", "charged in friend's shooting death") means at least one killed, unless
  it says no one died (`headline_death_words` in lexicons/figures.yaml).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from fogofwar import lexicons
from fogofwar.numbers import find_quantities
from fogofwar.schema import Figure, Report
from fogofwar.windows import published_date

COUNTING_MODALITIES = frozenset({"asserted", "reported", "alleged", "estimated"})
SAMPLE_ERRORS = 20
BUCKETS = ("0", "1", "2", "3", "4+")
ANAPHORIC = frozenset({"the", "this", "that", "he", "she", "him", "her", "himself", "herself"})


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    published: str | None
    text: str
    killed: int
    injured: int


def read_articles(path: Path, limit: int | None = None) -> list[Article]:
    """The articles of FILE that have a gold tally (at most `limit` of them)."""
    articles: list[Article] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(f"cannot read {path}: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold = row.get("gold")
            if not gold or gold.get("num_killed") is None or gold.get("num_injured") is None:
                continue
            articles.append(
                Article(
                    id=str(row.get("article_id") or number),
                    title=row.get("title") or "",
                    published=row.get("dct"),
                    text=row["text"],
                    killed=int(gold["num_killed"]),
                    injured=int(gold["num_injured"]),
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise click.ClickException(f"{path}:{number}: not a GVA article ({error})") from error
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _count(figure: Figure) -> float | None:
    return figure.value if figure.value is not None else figure.low


def _counts(figure: Figure, published: str | None = None) -> bool:
    window = figure.time_window
    if window is not None and not is_single_victim(figure):
        if window.cumulative:
            return False  # "the city's 40th homicide this year"
        if window.end and published and window.end < _month_before(published):
            return False  # "the worst loss of life since 1982, when 78 died"
    return figure.modality in COUNTING_MODALITIES and _count(figure) is not None


def _month_before(published: str) -> str:
    day = published_date(published)
    return (day - timedelta(days=31)).isoformat() if day else ""


def _sentence_key(report: Report, figure: Figure) -> int:
    """The start of the sentence (line or '. '-separated stretch) holding the figure."""
    text = report.document.text
    start = figure.span.start
    return max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))


def is_single_victim(figure: Figure) -> bool:
    """A figure of one person named or described without a number ("a man", "he")."""
    return (
        figure.value == 1 and figure.qualifier == "exact" and not find_quantities(figure.span.text)
    )


def introduces_person(figure: Figure) -> bool:
    """ "a man", "another woman", "his sister", "Kevin Barbee" bring in a person; "the
    victim" and "he" point back to one already counted."""
    first = figure.span.text.split()[0].lower() if figure.span.text.split() else ""
    return first not in ANAPHORIC


def article_counts(report: Report) -> tuple[int, int]:
    """(killed, injured) of an article from its figures: see the module docstring."""
    best: dict[str, float] = defaultdict(float)
    singles: list[Figure] = []
    for figure in report.figures:
        if not _counts(figure, report.document.published):
            continue
        if is_single_victim(figure):
            singles.append(figure)
        else:
            best[figure.category] = max(best[figure.category], _count(figure) or 0.0)
    killed_actors = {f.who.actor for f in singles if f.category == "killed" and f.who}
    for category in ("killed", "suicides", "injured", "killed_or_injured"):
        mine = [f for f in singles if f.category == category]
        if category in ("injured", "killed_or_injured"):
            # a person counted as killed is not also counted as hurt, and "he was taken
            # to hospital" points back to someone already counted when someone died
            mine = [f for f in mine if not (f.who and f.who.actor in killed_actors - {None})]
            if best["killed"]:
                mine = [f for f in mine if introduces_person(f)]
        best[category] = max(best[category], _single_count(report, mine))
    killed = best["killed"] + best["suicides"]  # GVA counts a shooter who kills himself
    if not killed and headline_reports_death(report.document.title or ""):
        killed = 1
    injured = best["injured"]
    if best["killed_or_injured"] > killed:
        injured = max(injured, best["killed_or_injured"] - killed)
    return int(killed), int(injured)


@lru_cache(maxsize=1)
def _headline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = lexicons.load("figures")

    def words(key: str) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w) for w in data[key])
        return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)

    return words("headline_death_words"), words("headline_no_death")


def headline_reports_death(headline: str) -> bool:
    """Whether a headline says someone died without a count we read ("Teen dead in
    accidental shooting"), and does not say no one did."""
    death, no_death = _headline_patterns()
    return bool(death.search(headline)) and not no_death.search(headline)


def _single_count(report: Report, singles: list[Figure]) -> int:
    """How many people single-victim figures describe: the people one sentence brings in
    together, or the distinct named people, whichever is more; one if they only point back
    ("the victim died")."""
    introduced = [f for f in singles if introduces_person(f)]
    by_sentence: dict[int, set[str]] = defaultdict(set)
    for figure in introduced:
        person = figure.who.actor if figure.who and figure.who.actor else figure.id
        by_sentence[_sentence_key(report, figure)].add(person)
    count = max((len(people) for people in by_sentence.values()), default=0)
    return count or (1 if singles else 0)


def document_text(article: Article) -> str:
    """The title as a first sentence (with a full stop, so the parser ends it), then the
    text."""
    title = article.title.strip()
    if not title:
        return article.text
    if title[-1] not in ".!?":
        title += "."
    return f"{title}\n\n{article.text}"


def _reports(articles: list[Article]) -> Iterator[Report]:
    import fogofwar

    documents = [
        {"id": a.id, "title": a.title, "published": a.published, "text": document_text(a)}
        for a in articles
    ]
    yield from fogofwar.read_many(documents)


def _direction(predicted: int, gold: int) -> str:
    return "correct" if predicted == gold else "over" if predicted > gold else "under"


@click.command(name="gva")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--limit", type=int, default=None, help="Read only the first N scored articles.")
def gva_command(file: Path, limit: int | None) -> None:
    """Accuracy of article-level killed and injured counts on Gun Violence Archive
    articles (JSON lines with `text` and `gold`)."""
    if not file.is_file():
        raise click.ClickException(f"no such file: {file}")
    articles = read_articles(file, limit)
    if not articles:
        raise click.ClickException(f"{file}: no article with a gold tally")
    console = Console()
    tallies = {"killed": Counter(), "injured": Counter()}
    pairs: dict[str, Counter[tuple[str, str]]] = {"killed": Counter(), "injured": Counter()}
    both = 0
    errors: list[tuple[Article, tuple[int, int], Report]] = []
    for article, report in zip(articles, _reports(articles), strict=True):
        killed, injured = article_counts(report)
        tallies["killed"][_direction(killed, article.killed)] += 1
        tallies["injured"][_direction(injured, article.injured)] += 1
        pairs["killed"][(_bucket(article.killed), _bucket(killed))] += 1
        pairs["injured"][(_bucket(article.injured), _bucket(injured))] += 1
        if (killed, injured) == (article.killed, article.injured):
            both += 1
        else:
            errors.append((article, (killed, injured), report))
    table = Table(title=f"GVA article counts ({len(articles)} articles with gold)")
    for column in ("count", "accuracy", "correct", "over-count", "under-count"):
        table.add_column(column, justify="right" if column != "count" else "left")
    for name, tally in tallies.items():
        table.add_row(
            name,
            f"{tally['correct'] / len(articles):.1%}",
            str(tally["correct"]),
            str(tally["over"]),
            str(tally["under"]),
        )
    table.add_row("both", f"{both / len(articles):.1%}", str(both), "", "")
    console.print(table)
    for name, counts in pairs.items():
        confusion = Table(title=f"{name}: gold (rows) against ours (columns)")
        confusion.add_column("gold")
        for bucket in BUCKETS:
            confusion.add_column(bucket, justify="right")
        for gold in BUCKETS:
            confusion.add_row(gold, *(str(counts[(gold, ours)]) for ours in BUCKETS))
        console.print(confusion)
    _print_errors(console, errors)


def _bucket(count: int) -> str:
    return str(count) if count < 4 else "4+"


def _print_errors(console: Console, errors: list[tuple[Article, tuple[int, int], Report]]) -> None:
    step = max(1, len(errors) // SAMPLE_ERRORS)
    sample = errors[::step][:SAMPLE_ERRORS]
    table = Table(title=f"{len(sample)} sample errors (of {len(errors)})", show_lines=True)
    for column in ("article", "gold k/i", "ours k/i", "figures"):
        table.add_column(column, overflow="fold")
    for article, (killed, injured), report in sample:
        figures = "; ".join(f"{f.span.text!r} {f.category} {_count(f)}" for f in report.figures[:6])
        table.add_row(
            f"{article.id[:8]} {article.title[:60]}",
            f"{article.killed}/{article.injured}",
            f"{killed}/{injured}",
            figures or "(none)",
        )
    console.print(table)
