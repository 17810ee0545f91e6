"""`fogofwar eval plover FILE`: PLOVER event type and source/target countries.

FILE is the PLOVER gold standard record (PLOVER_GSR_CAMEO.json: a JSON list of coded
example sentences). Each sentence is read on its own; its event is the one whose trigger
overlaps a word the coders marked as the event (EVT), else the first one. The file uses
PLOVER's 2016 type names: DEMAND is scored as REQUEST, DISAPPROVE and INVESTIGATE as
ACCUSE, FIGHT as ASSAULT. Countries are compared as ISO3 (the file's CAMEO codes JAP, ITL,
VTN are mapped); actors coded IGO, NGO and the like have no country and are skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from fogofwar.eval.event_scoring import Report
from fogofwar.schema import Event
from fogofwar.schema import Report as Reading

OLD_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
_EVT = re.compile(r"\(EVT: ([^)]*)\)")


def load(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise click.ClickException(f"cannot read {path}: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise click.ClickException(f"{path} is not JSON: {error.msg}") from error
    if not isinstance(data, list):
        raise click.ClickException(f"{path}: expected a JSON list of PLOVER records")
    return [r for r in data if isinstance(r, dict) and r.get("text") and r.get("event")]


def countries(actors: object) -> set[str]:
    """ISO3 codes of a record's source or target list (other codes dropped)."""
    codes = set()
    for actor in actors if isinstance(actors, list) else []:
        code = (
            CAMEO_TO_ISO.get(actor.get("code"), actor.get("code"))
            if isinstance(actor, dict)
            else None
        )
        if isinstance(code, str) and len(code) == 3 and code not in ("IGO", "NGO", "IMG", "ISM"):
            codes.add(code)
    return codes


def main_event(record: dict, reading: Reading) -> Event | None:
    """Our event for the record: the one on a coder-marked word, else the first."""
    text = record["text"]
    marked = []
    info = record.get("textInfo")
    markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
    for words in _EVT.findall(markup):
        at = text.find(words)
        if at != -1:
            marked.append((at, at + len(words)))
    for event in reading.events:
        if event.trigger and any(
            event.trigger.start < e and s < event.trigger.end for s, e in marked
        ):
            return event
    return reading.events[0] if reading.events else None


def score(records: list[dict], readings: list[Reading]) -> Report:
    report = Report(title="PLOVER gold standard: event type and actor countries")
    for record, reading in zip(records, readings, strict=True):
        gold = OLD_TYPES.get(record["event"], record["event"])
        event = main_event(record, reading)
        ours = event.plover if event else None
        type_score = report.score("event type")
        if ours == gold:
            type_score.tp += 1
        else:
            type_score.fn += 1
            type_score.fp += ours is not None
            report.error(
                f"{record['id']}: gold {gold}, ours {ours} "
                f"({event.trigger.text if event and event.trigger else '-'}): {record['text'][:90]}"
            )
        by_id = {a.id: a.country for a in reading.actors}
        for role, gold_codes, ids in (
            ("source country", countries(record.get("source")), event.actors if event else []),
            (
                "target country",
                countries(record.get("target")),
                (event.recipients + event.victims) if event else [],
            ),
        ):
            ours_codes = {by_id.get(i) for i in ids} - {None}
            s = report.score(role)
            if gold_codes and ours_codes & gold_codes:
                s.tp += 1
            else:
                s.fn += bool(gold_codes)
                s.fp += bool(ours_codes)
    total = len(records)
    correct = report.scores["event type"].tp if records else 0
    report.notes.append(
        f"{total} sentences; type accuracy {correct / total:.3f}" if total else "no sentences"
    )
    return report


@click.command(name="plover")
@click.argument("file", type=click.Path(path_type=Path))
def plover_command(file: Path) -> None:
    """Score event type and source/target countries on the PLOVER gold standard FILE."""
    if not file.is_file():
        raise click.ClickException(f"no such file: {file}")
    records = load(file)
    from fogofwar.pipeline import read_many

    readings = list(read_many([{"text": r["text"], "id": r.get("id")} for r in records]))
    score(records, readings).print()
