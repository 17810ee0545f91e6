"""`fogofwar eval ranges DIR`: our number and hedge parser against the Microsoft
Recognizers-Text English specs (NumberRangeModel.json, NumberModel.json in DIR).

Each spec case is a sentence with the numbers or intervals it should yield. Our
intervals are written in the specs' notation: "over 20" = (20,), "at least 20" =
[20,), "nearly 20"/"less than 20" = (,20), "up to 20" = (,20], a plain number [20,20],
a range [20,30]. Cases where the specs follow a convention we do not share on purpose
are listed by reason and left out of the score:
- ranges: the specs read "between 20 and 30" / "20 to 30" as [20,30); news counts
  include both ends, so we give [20,30];
- two bounds joined into one interval ("more than 10 and less than 20"): we keep each
  hedge as its own figure;
- equality words ("equal to 20", "equals 20"), maths symbols (">=", "<") and fractions
  or negative numbers: not how counts of people are written;
- numbers we refuse rather than guess: glued to letters or codes ("SCP-173",
  "192.168.1.2", "1e10", "1.1^23"), above 10^10, groups split by spaces across words
  ("1 234 567"), and decimal commas or Indian grouping ("1,3", "12,34,567.89").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from fogofwar.numbers import MAX_VALUE, FoundQuantity, Quantity, find_quantities

SPEC_FILES = ("NumberRangeModel.json", "NumberModel.json")
SAMPLE_ERRORS = 20
_FRACTION = re.compile(
    r"\d\s*/\s*\d|\bhalf\b|\bquarters?\b|\bthirds?\b|[a-z]ths?\b|\bover (?:three|twenty|one)|"
    r"\bout of\b|\bin (?:five|5|twenty)|[⅔¾⅙½]|\bfifths?\b|\bfourths?\b|\beighths?\b|"
    r"\bover \d|firsts?\b",
    re.IGNORECASE,
)
_SYMBOL = re.compile(r"[<>=~]|\^|\d[eE][+-]?\d|\bequal|\bequals?\b|\bequaling\b")
_CODE = re.compile(r"[A-Za-z]-?\d|\d\.\d+\.\d|\d[:/]\d|\d,\d\d,|-nought-")
_SUFFIX = re.compile(r"\d\s*(k|m|g|b|mm|mil|bln|tln)\b", re.IGNORECASE)
_GROUPING = re.compile(r"\d \d{3}\b|\d\u202f\d{3}.\d|\d,\d{1,2}\b|\d,\d{2},\d{3}|\d[.]\d{3},")
_RARE_SCALE = re.compile(r"\s*(dzs?|dozs?|bln|tln|mil|mm|g|b)\b|\d\s+k\b|crore|dozens", re.I)
_NEGATIVE = re.compile(r"(?:^|[\s(])[-\u2212]\s*\d|\bnegative\b|\bminus\b", re.IGNORECASE)


@dataclass(frozen=True)
class Expected:
    case: str
    text: str
    start: int
    value: str  # "(20,35]" for ranges, "1234" for numbers


@dataclass
class Outcome:
    expected: Expected
    ours: FoundQuantity | None
    verdict: str  # "agree", "disagree" or a reason we differ on purpose


def interval(quantity: Quantity) -> str | None:
    """Our quantity in the specs' interval notation, None when it has no interval."""
    q = quantity

    def num(x: float | None) -> str:
        return "" if x is None else f"{x:g}" if x != int(x) else str(int(x))

    if q.qualifier in ("exact", "zero"):
        return f"[{num(q.value)},{num(q.value)}]"
    if q.qualifier == "over":
        return f"({num(q.low)},)"
    if q.qualifier == "at_least":
        return f"[{num(q.low)},)"
    if q.qualifier == "nearly":
        return f"(,{num(q.high)})"
    if q.qualifier == "up_to":
        return f"(,{num(q.high)}]"
    if q.qualifier in ("range", "vague"):
        return f"[{num(q.low)},{num(q.high)}]"
    return None


def load_cases(directory: Path, name: str) -> list[dict]:
    path = directory / name
    if not path.is_file():
        raise click.ClickException(f"{directory}: no {name} (a Recognizers-Text spec file)")
    try:
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{path}: not a JSON spec file ({error})") from error
    if not isinstance(cases, list):
        raise click.ClickException(f"{path}: expected a list of cases")
    return cases


def _expected(case: dict) -> list[Expected]:
    results = []
    for result in case.get("Results") or []:
        value = (result.get("Resolution") or {}).get("value")
        if value is None:
            continue
        start = result.get("Start", 0)
        results.append(Expected(case["Input"], result.get("Text", ""), start, str(value)))
    return results


def _on_purpose(expected: Expected, ranges: bool) -> str | None:
    """Why a spec result follows a convention we do not share, or None."""
    text, case = expected.text, expected.case
    half_open = re.fullmatch(r"\[[^,]+,[^,]+\)", expected.value)
    if ranges and half_open and not (_FRACTION.search(text) or _NEGATIVE.search(text)):
        return "ranges include their upper end"
    for pattern, reason in (
        (_FRACTION, "fractions, ordinals and mixed numbers"),
        (_NEGATIVE, "negative numbers are not counts"),
        (_SYMBOL, "equality words, maths symbols and powers"),
    ):
        if pattern.search(text):
            return reason
    if ranges:
        bounds = len(re.findall(r"\d+|\b(?:ten|twenty|thirty|hundred|thousand)\b", text))
        joined = re.search(r"\b(and|but)\b|,", text) and "between" not in text.lower()
        return "two bounds joined into one interval" if joined and bounds >= 2 else None
    try:
        value = float(expected.value)
    except ValueError:
        return "not a plain number"
    checks = (
        (abs(value) < 1, "values below one are not counts"),
        (abs(value) > MAX_VALUE, "above 10^10: no count of people"),
        (bool(re.search(r"[$€£]\s*" + re.escape(text), case)), "amounts of money"),
        (bool(re.search(r"\bout of\b", case)), "ratios"),
        (bool(_CODE.search(case)) and not _SUFFIX.search(text), "numbers inside codes, dates"),
        (bool(_GROUPING.search(text)), "space groups across words, decimal commas"),
        (bool(_RARE_SCALE.search(text)), "rare scale abbreviations"),
        (value != int(value) and "point" in text.lower(), "decimals spelled out"),
    )
    return next((reason for found, reason in checks if found), None)


def _ours_for(expected: Expected, found: list[FoundQuantity]) -> FoundQuantity | None:
    """Our quantity overlapping the expected text (the specs' End is inclusive)."""
    start = expected.case.lower().find(expected.text.lower())
    if start == -1:
        start = expected.start
    end = start + len(expected.text)
    overlapping = [f for f in found if f.start < end and start < f.end]
    return overlapping[0] if overlapping else None


def _agrees(expected: Expected, ours: FoundQuantity | None, ranges: bool) -> bool:
    if ours is None:
        return False
    if ranges:
        return interval(ours.quantity) == expected.value.replace(" ", "")
    q = ours.quantity
    value = q.value if q.value is not None else None
    return value is not None and abs(value - float(expected.value)) < 1e-6


def score_file(cases: list[dict], ranges: bool) -> list[Outcome]:
    """One outcome per expected result of every case."""
    outcomes: list[Outcome] = []
    for case in cases:
        found = find_quantities(case.get("Input", ""))
        for expected in _expected(case):
            ours = _ours_for(expected, found)
            if _agrees(expected, ours, ranges):
                verdict = "agree"
            else:
                verdict = _on_purpose(expected, ranges) or "disagree"
            outcomes.append(Outcome(expected, ours, verdict))
    return outcomes


def _shown(outcome: Outcome, ranges: bool) -> str:
    if outcome.ours is None:
        return "(nothing)"
    q = outcome.ours.quantity
    shown = interval(q) if ranges else (f"{q.value:g}" if q.value is not None else None)
    return f"{outcome.ours.text!r} {shown or q.qualifier}"


@click.command(name="ranges")
@click.argument("directory", type=click.Path(path_type=Path))
def ranges_command(directory: Path) -> None:
    """Agreement of our number and hedge parser with the Recognizers-Text English number
    and number-range specs in DIRECTORY."""
    if not directory.is_dir():
        raise click.ClickException(f"no such directory: {directory}")
    console = Console()
    summary = Table(title="Recognizers-Text specs: agreement where conventions match ours")
    for column in ("spec", "results", "differ on purpose", "scored", "agree", "agreement"):
        summary.add_column(column, justify="left" if column == "spec" else "right")
    reasons: Counter[str] = Counter()
    examples: dict[str, str] = {}
    errors: list[tuple[str, Outcome]] = []
    for name in SPEC_FILES:
        ranges = name == "NumberRangeModel.json"
        outcomes = score_file(load_cases(directory, name), ranges)
        scored = [o for o in outcomes if o.verdict in ("agree", "disagree")]
        agree = sum(o.verdict == "agree" for o in scored)
        summary.add_row(
            name,
            str(len(outcomes)),
            str(len(outcomes) - len(scored)),
            str(len(scored)),
            str(agree),
            f"{agree / len(scored):.1%}" if scored else "-",
        )
        for o in outcomes:
            if o.verdict not in ("agree", "disagree"):
                reasons[o.verdict] += 1
                examples.setdefault(
                    o.verdict,
                    f"{o.expected.text!r} -> {o.expected.value}; ours {_shown(o, ranges)}",
                )
            elif o.verdict == "disagree":
                errors.append((name, o))
    console.print(summary)
    table = Table(title="Where we differ on purpose")
    for column in ("reason", "results", "example (spec -> expected; ours)"):
        table.add_column(column, overflow="fold")
    for reason, count in reasons.most_common():
        table.add_row(reason, str(count), examples[reason])
    console.print(table)
    sample = Table(
        title=f"{min(len(errors), SAMPLE_ERRORS)} sample disagreements (of {len(errors)})"
    )
    for column in ("spec", "input", "expected", "ours"):
        sample.add_column(column, overflow="fold")
    for name, o in errors[:SAMPLE_ERRORS]:
        ranges = name == "NumberRangeModel.json"
        sample.add_row(
            name.removesuffix(".json"),
            o.expected.case[:70],
            f"{o.expected.text!r} {o.expected.value}",
            _shown(o, ranges),
        )
    console.print(sample)
