"""`fogofwar eval wikievents FILE`: event detection and arguments on WikiEvents (KAIROS).

FILE is WikiEvents' JSON lines (one document per line: tokens, sentences with character
offsets, entity and event mentions with token offsets). The document text is rebuilt by
joining the sentences with spaces (the file's `text` runs sentences together). Our
categories map to KAIROS types (compared on their first two parts):

    combat, strike, friendly_fire -> Conflict.Attack     deployment -> Movement.Transportation
    casualties -> Life.Die or Life.Injure (by trigger)   suicide    -> Life.Die
    capture, arrest -> Justice.ArrestJailDetain          meeting    -> Contact.Contact
    threat -> Contact.ThreatenCoerce                     demand     -> Contact.RequestCommand
    protest -> Conflict.Demonstrate                      release    -> Justice.ReleaseParole
    investigation -> Justice.InvestigateCrime

An event is found when our trigger overlaps a gold trigger of the same type. Arguments
(Attacker, Target, Victim, Killer, Place) are scored end to end, over all gold events of
the types above (without the `Broadcast` subtypes: statements are quotes, not events
here): our actor and place mentions in the event's sentence against the gold
argument spans, by overlap and role.
"""

from __future__ import annotations

from pathlib import Path

import click

from fogofwar.eval.event_scoring import Report, overlaps, read_json_lines
from fogofwar.schema import Event
from fogofwar.schema import Report as Reading

TYPE_OF = {
    "combat": "Conflict.Attack", "strike": "Conflict.Attack", "friendly_fire": "Conflict.Attack",
    "deployment": "Movement.Transportation", "suicide": "Life.Die",
    "capture": "Justice.ArrestJailDetain", "arrest": "Justice.ArrestJailDetain",
    "meeting": "Contact.Contact", "threat": "Contact.ThreatenCoerce",
    "demand": "Contact.RequestCommand", "protest": "Conflict.Demonstrate",
    "release": "Justice.ReleaseParole", "investigation": "Justice.InvestigateCrime",
}  # fmt: skip
INJURY_WORDS = ("wound", "injur", "hurt", "maim")
ROLES = ("Attacker", "Target", "Victim", "Killer", "Place")


def kairos_type(event: Event) -> str | None:
    if event.category == "casualties":
        trigger = (event.trigger.text if event.trigger else "").lower()
        return "Life.Injure" if any(w in trigger for w in INJURY_WORDS) else "Life.Die"
    return TYPE_OF.get(event.category)


def coarse(event_type: str) -> str:
    return ".".join(event_type.split(".")[:2])


def rebuild(doc: dict) -> tuple[str, list[tuple[int, int]]]:
    """The text with sentences joined by spaces, and each token's character span in it."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for tokens, sentence in doc["sentences"]:
        base = tokens[0][1] if tokens else 0
        for _, start, end in tokens:
            spans.append((offset + start - base, offset + end - base))
        pieces.append(sentence)
        offset += len(sentence) + 1
    return " ".join(pieces), spans


def our_arguments(event: Event, reading: Reading, kind: str) -> set[tuple[str, int, int]]:
    sentence = (event.evidence.start, event.evidence.end)
    mentions = {a.id: [(m.start, m.end) for m in a.mentions] for a in reading.actors}
    roles: dict[str, list[str]] = {}
    if kind == "Conflict.Attack":
        roles = {"Attacker": event.actors, "Target": event.recipients + event.victims}
    elif kind in ("Life.Die", "Life.Injure"):
        roles = {"Killer": event.actors, "Victim": event.victims}
    found = {
        (role, s, e)
        for role, ids in roles.items()
        for actor in ids
        for s, e in mentions.get(actor, [])
        if overlaps((s, e), sentence)
    }
    place = next((p for p in reading.places if p.id == event.place), None)
    for m in place.mentions if place else []:
        if overlaps((m.start, m.end), sentence):
            found.add(("Place", m.start, m.end))
    return found


def score_document(report: Report, doc: dict, text: str, spans: list, reading: Reading) -> None:
    covered = set(TYPE_OF.values()) | {"Life.Die", "Life.Injure"}
    entities = {e["id"]: e for e in doc.get("entity_mentions", [])}
    gold = []
    for mention in doc.get("event_mentions", []):
        kind = coarse(mention["event_type"])
        if kind not in covered or mention["event_type"].endswith(".Broadcast"):
            report.score("(gold events of other types)").fn += 1
            continue
        t = mention["trigger"]
        trigger = (spans[t["start"]][0], spans[t["end"] - 1][1])
        arguments = set()
        for arg in mention.get("arguments", []):
            entity = entities.get(arg["entity_id"])
            if entity and arg["role"] in ROLES:
                arguments.add((arg["role"], spans[entity["start"]][0], spans[entity["end"] - 1][1]))
        gold.append((kind, trigger, arguments))
    detection, args = report.score("event detection"), report.score("arguments")
    matched: set[int] = set()
    for event in reading.events:
        kind = kairos_type(event)
        if kind is None or event.trigger is None:
            continue
        ours = (event.trigger.start, event.trigger.end)
        hit = next((i for i, g in enumerate(gold) if g[0] == kind and overlaps(g[1], ours)), None)
        if hit is None or hit in matched:
            detection.fp += 1
            report.error(f"{doc['doc_id']}: extra {kind} {event.trigger.text!r}")
            args.fp += len(our_arguments(event, reading, kind))
            continue
        matched.add(hit)
        detection.tp += 1
        ours_args = our_arguments(event, reading, kind)
        gold_args = set(gold[hit][2])
        for role, s, e in ours_args:
            found = next((g for g in gold_args if g[0] == role and overlaps(g[1:], (s, e))), None)
            if found is None:
                args.fp += 1
                report.error(
                    f"{doc['doc_id']}: extra {role} {text[s:e]!r} of {event.trigger.text!r}"
                )
            else:
                args.tp += 1
                gold_args.discard(found)
        args.fn += len(gold_args)
    for i, (kind, trigger, arguments) in enumerate(gold):
        if i not in matched:
            detection.fn += 1
            args.fn += len(arguments)
            report.error(f"{doc['doc_id']}: missed {kind} {text[trigger[0] : trigger[1]]!r}")


@click.command(name="wikievents")
@click.argument("file", type=click.Path(path_type=Path))
def wikievents_command(file: Path) -> None:
    """Score event detection and arguments against WikiEvents' KAIROS annotations in FILE."""
    if not file.is_file():
        raise click.ClickException(f"no such file: {file}")
    docs = list(read_json_lines(file))
    if any("sentences" not in d or "event_mentions" not in d for d in docs):
        raise click.ClickException(f"{file}: not WikiEvents JSON lines (sentences, event_mentions)")
    rebuilt = [rebuild(d) for d in docs]
    from fogofwar.pipeline import read_many

    readings = read_many(
        [{"text": text, "id": d["doc_id"]} for d, (text, _) in zip(docs, rebuilt, strict=True)]
    )
    report = Report(title=f"WikiEvents: {len(docs)} documents, our categories mapped to KAIROS")
    for doc, (text, spans), reading in zip(docs, rebuilt, readings, strict=True):
        score_document(report, doc, text, spans, reading)
    report.notes.append(
        "Arguments are end to end (our triggers, not gold ones); roles: " + ", ".join(ROLES)
    )
    report.print()
