"""`fogofwar eval polnear DIR`: score the quotes against PolNeAR attributions.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) is brat standoff: `DIR/text/NAME.txt` and
`DIR/attributions/NAME_<annotator>.ann` with Source, Cue and Content text-bound
annotations (`T1<TAB>Content 10 42;50 60<TAB>...`, discontinuous spans joined by `;`)
tied together by `E` lines. Where several annotators' files exist for a document, the
first by name is scored.

Each role is scored on its own, as sets of spans per document: a discontinuous gold
span counts as one span per fragment, and a quote's `content` and `more_content` are
its content spans. "Exact" compares spans after dropping surrounding whitespace and
quote marks and final punctuation; "overlap" counts a span as found when it shares a
character with a span of the other side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from fogofwar.schema import Report

ROLES = ("source", "cue", "content")
LABEL_ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}
EDGE_CHARS = " \t\r\n\u00a0\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
FINAL_PUNCTUATION = ".,;:!?"
ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{4}$")
SAMPLE_ERRORS = 20

Spans = set[tuple[int, int]]


@dataclass
class GoldDocument:
    name: str
    text: str
    spans: dict[str, Spans] = field(default_factory=dict)  # role -> normalised spans
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)  # content -> kind


@dataclass
class Tally:
    """Counts for precision and recall of one role under one matching rule."""

    true_positives_pred: int = 0
    predicted: int = 0
    true_positives_gold: int = 0
    gold: int = 0

    def add(self, predicted: Spans, gold: Spans, match) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.true_positives_pred += sum(1 for p in predicted if any(match(p, g) for g in gold))
        self.true_positives_gold += sum(1 for g in gold if any(match(p, g) for p in predicted))

    @property
    def precision(self) -> float:
        return self.true_positives_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalize_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and quote marks and final punctuation."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in EDGE_CHARS:
            start, changed = start + 1, True
        while end > start and (text[end - 1] in EDGE_CHARS or text[end - 1] in FINAL_PUNCTUATION):
            end, changed = end - 1, True
    return start, end


def exact(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a == b


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def parse_ann(ann: str) -> dict[str, list[tuple[int, int]]]:
    """Role -> fragments (start, end) of every Source, Cue and Content annotation."""
    spans: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        label, _, offsets = parts[1].partition(" ")
        role = LABEL_ROLES.get(label)
        if role is None:
            continue
        for fragment in offsets.split(";"):
            numbers = fragment.split()
            if len(numbers) != 2 or not all(n.isdigit() for n in numbers):
                raise ValueError(f"bad offsets in line: {line!r}")
            spans[role].append((int(numbers[0]), int(numbers[1])))
    return spans


def content_kind(text: str) -> str:
    """direct (all in quote marks), mixed (some) or indirect (none), for per-kind counts."""
    stripped = text.strip().rstrip(FINAL_PUNCTUATION + " ")
    marks = '"\u201c\u201d'
    if stripped[:1] in marks and stripped[-1:] in marks:
        return "direct"
    return "mixed" if any(m in stripped for m in marks) else "indirect"


def load_corpus(directory: Path) -> list[GoldDocument]:
    """The gold documents of a PolNeAR-style directory, one annotator each."""
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise click.ClickException(f"{directory} has no text/ and attributions/ folders")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        chosen.setdefault(ANNOTATOR_SUFFIX.sub("", ann.stem), ann)
    if not chosen:
        raise click.ClickException(f"no .ann files in {ann_dir}")
    documents = []
    for name, ann in sorted(chosen.items()):
        text_path = text_dir / f"{name}.txt"
        if not text_path.is_file():
            raise click.ClickException(f"{ann.name} has no text file {text_path}")
        try:
            text = text_path.read_text(encoding="utf-8")
            raw = parse_ann(ann.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise click.ClickException(f"cannot read {ann.name}: {error}") from error
        document = GoldDocument(name, text)
        for role, fragments in raw.items():
            document.spans[role] = _normalized(text, fragments)
        for start, end in raw["content"]:
            document.kinds[normalize_span(text, start, end)] = content_kind(text[start:end])
        documents.append(document)
    return documents


def _normalized(text: str, fragments: Iterable[tuple[int, int]]) -> Spans:
    spans = {normalize_span(text, max(0, s), min(len(text), e)) for s, e in fragments}
    return {s for s in spans if s[1] > s[0]}


def predicted_spans(report: Report) -> tuple[dict[str, Spans], dict[tuple[int, int], str]]:
    """Role -> normalised spans of a report's quotes, and the kind of each content span."""
    text = report.document.text
    raw: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    kinds: dict[tuple[int, int], str] = {}
    for quote in report.quotes:
        if quote.speaker is not None:
            raw["source"].append((quote.speaker.start, quote.speaker.end))
        if quote.cue is not None:
            raw["cue"].append((quote.cue.start, quote.cue.end))
        for content in (quote.content, *quote.more_content):
            raw["content"].append((content.start, content.end))
            kinds[normalize_span(text, content.start, content.end)] = quote.kind
    return {role: _normalized(text, spans) for role, spans in raw.items()}, kinds


@dataclass
class Score:
    """Everything `fogofwar eval polnear` prints."""

    tallies: dict[tuple[str, str], Tally] = field(default_factory=dict)
    kinds: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, gold: GoldDocument, report: Report) -> None:
        predicted, predicted_kinds = predicted_spans(report)
        for role in ROLES:
            for rule, match in (("exact", exact), ("overlap", overlap)):
                tally = self.tallies.setdefault((role, rule), Tally())
                tally.add(predicted[role], gold.spans[role], match)
            for span in sorted(predicted[role] - gold.spans[role]):
                self.errors.append((gold.name, role, "spurious", gold.text[slice(*span)]))
            for span in sorted(gold.spans[role] - predicted[role]):
                self.errors.append((gold.name, role, "missed", gold.text[slice(*span)]))
        for span, kind in gold.kinds.items():
            self.kinds[("gold", kind)] += 1
            self.kinds[("gold found", kind)] += span in predicted["content"]
        for span, kind in predicted_kinds.items():
            self.kinds[("predicted", kind)] += 1
            self.kinds[("predicted correct", kind)] += span in gold.spans["content"]


def score(documents: list[GoldDocument], reports: Iterable[Report]) -> Score:
    result = Score()
    for gold, report in zip(documents, reports, strict=True):
        result.add(gold, report)
    return result


def print_score(result: Score, console: Console) -> None:
    table = Table(title="PolNeAR attribution spans")
    for column in ("role", "match", "P", "R", "F1", "predicted", "gold"):
        table.add_column(column, justify="right" if column not in ("role", "match") else "left")
    for role in ROLES:
        for rule in ("exact", "overlap"):
            t = result.tallies.get((role, rule), Tally())
            table.add_row(
                role,
                rule,
                f"{100 * t.precision:.1f}",
                f"{100 * t.recall:.1f}",
                f"{100 * t.f1:.1f}",
                str(t.predicted),
                str(t.gold),
            )
    console.print(table)
    kinds = Table(title="Content spans by kind (exact match)")
    for column in ("kind", "gold", "gold found", "predicted", "predicted correct"):
        kinds.add_column(column, justify="right" if column != "kind" else "left")
    for kind in ("direct", "mixed", "indirect"):
        kinds.add_row(
            kind,
            *(
                str(result.kinds[(c, kind)])
                for c in ("gold", "gold found", "predicted", "predicted correct")
            ),
        )
    console.print(kinds)
    errors = Table(title=f"{SAMPLE_ERRORS} sample errors (exact match)")
    for column in ("document", "role", "error", "text"):
        errors.add_column(column)
    step = max(1, len(result.errors) // SAMPLE_ERRORS)
    for name, role, error, text in result.errors[::step][:SAMPLE_ERRORS]:
        errors.add_row(name[:40], role, error, " ".join(text.split())[:100])
    console.print(errors)


@click.command(name="polnear")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@click.option("--model", default=None, help="spaCy pipeline to load (default: fogofwar's).")
def polnear(directory: Path, limit: int | None, model: str | None) -> None:
    """Score quotes (source, cue, content spans) against PolNeAR brat files in DIRECTORY."""
    import fogofwar

    if not directory.is_dir():
        raise click.ClickException(f"no such directory: {directory}")
    documents = load_corpus(directory)[:limit]
    nlp = fogofwar.load(model) if model else fogofwar.load()
    reports = fogofwar.read_many(({"id": d.name, "text": d.text} for d in documents), nlp=nlp)
    result = score(documents, reports)
    print_score(result, Console())
