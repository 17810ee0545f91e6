"""Shared scoring helpers for the eval commands: counts, P/R/F1 tables, sample errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

SAMPLE_ERRORS = 20


@dataclass
class Score:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Named scores plus the first sample errors, printed as one table."""

    title: str
    scores: dict[str, Score] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def score(self, name: str) -> Score:
        return self.scores.setdefault(name, Score())

    def error(self, message: str) -> None:
        self.errors.append(message)

    def print(self, console: Console | None = None) -> None:
        console = console or Console()
        table = Table(title=self.title)
        for column in ("measure", "tp", "fp", "fn", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        for name, s in self.scores.items():
            table.add_row(
                name, str(s.tp), str(s.fp), str(s.fn),
                f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
            )  # fmt: skip
        console.print(table)
        for note in self.notes:
            console.print(note)
        console.print(
            f"Sample errors ({min(SAMPLE_ERRORS, len(self.errors))} of {len(self.errors)}):"
        )
        for message in self.errors[:SAMPLE_ERRORS]:
            console.print(f"  - {message}", markup=False, highlight=False, soft_wrap=True)


def read_json_lines(path: Path) -> Iterator[dict[str, Any]]:
    """JSON objects one per line (blank lines skipped); a bad line is a user error."""
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as error:
                        raise click.ClickException(
                            f"{path}:{number}: not JSON ({error.msg})"
                        ) from error
    except OSError as error:
        raise click.ClickException(f"cannot read {path}: {error.strerror}") from error


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
