"""`fogofwar eval re3d DIR`: entities, conflict relations and geoparsing on re3d.

DIR holds re3d's source folders (or is one), each with documents.json, entities.json and
relations.json: JSON lines with character offsets and a confidence per annotation (only
those of 0.5 or more are kept). Our records become re3d types:

    actor of kind person                          -> Person
    actor of kind organization, armed_force, group -> Organisation
    a state actor's mention                       -> Organisation, or Location if it is
                                                     also a place mention
    place mention                                 -> Location
    a demonym word inside an actor mention        -> Nationality

Spans are scored exactly and by overlap (one gold span per predicted span). Relations:
an event of a violent category gives FightingAgainst for each (actor, recipient or victim)
pair, a cooperative one AlliesOf; a pair matches a gold relation when mentions of the two
actors in the event's sentence overlap its source and target (either direction). re3d
locations carry no coordinates, so geoparsing reports how many of the gold locations we
found resolve to a country, and lists resolutions to check by hand.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from fogofwar.countries import country_of_demonym
from fogofwar.eval.event_scoring import Report, overlaps, read_json_lines
from fogofwar.schema import Report as Reading

CONFIDENCE = 0.5
ENTITY_TYPES = ("Person", "Organisation", "Location", "Nationality")
FIGHTING = {"combat", "strike", "casualties", "capture", "threat", "arrest"}
ALLIED = {"cooperation", "aid", "deployment", "agreement"}
RELATION_OF = {**{c: "FightingAgainst" for c in FIGHTING}, **{c: "AlliesOf" for c in ALLIED}}
KIND_TYPES = {"person": "Person", "organization": "Organisation", "armed_force": "Organisation",
              "group": "Organisation"}  # fmt: skip


def load(directory: Path) -> list[dict]:
    """Documents with their kept entities and relations, from every folder under DIR."""
    if not directory.is_dir():
        raise click.ClickException(f"no such directory: {directory}")
    folders = sorted({p.parent for p in directory.rglob("documents.json")})
    if not folders:
        raise click.ClickException(f"{directory}: no re3d documents.json found")
    documents: list[dict] = []
    for folder in folders:
        docs = {d["_id"]: {**d, "entities": [], "relations": []}
                for d in read_json_lines(folder / "documents.json")}  # fmt: skip
        for name, key in (("entities.json", "entities"), ("relations.json", "relations")):
            path = folder / name
            if not path.exists():
                continue
            for item in read_json_lines(path):
                doc = docs.get(item.get("documentId"))
                if doc is not None and float(item.get("confidence", 0)) >= CONFIDENCE:
                    doc[key].append(item)
        documents.extend(docs.values())
    return documents


def predicted_entities(reading: Reading) -> set[tuple[int, int, str]]:
    """Our actor and place mentions as (start, end, re3d type)."""
    places = {(m.start, m.end) for p in reading.places for m in p.mentions}
    spans = {(s, e, "Location") for s, e in places}
    text = reading.document.text
    for actor in reading.actors:
        for m in actor.mentions:
            if actor.kind == "state":
                kind = (
                    "Location"
                    if any(overlaps((m.start, m.end), p) for p in places)
                    else "Organisation"
                )
            else:
                kind = KIND_TYPES.get(actor.kind, "Organisation")
            spans.add((m.start, m.end, kind))
            offset = m.start
            for word in text[m.start : m.end].split():
                at = text.index(word, offset)
                offset = at + len(word)
                if country_of_demonym(word) and (at, offset) != (m.start, m.end):
                    spans.add((at, offset, "Nationality"))
    return spans


def score_entities(report: Report, doc: dict, reading: Reading) -> None:
    gold = {(e["begin"], e["end"], e["type"]) for e in doc["entities"] if e["type"] in ENTITY_TYPES}
    ours = predicted_entities(reading)
    text = doc["text"]
    for kind in (*ENTITY_TYPES, "all"):
        g = {x for x in gold if kind in ("all", x[2])}
        o = {x for x in ours if kind in ("all", x[2])}
        exact = report.score(f"{kind} exact")
        exact.tp += len(g & o)
        exact.fp += len(o - g)
        exact.fn += len(g - o)
        loose = report.score(f"{kind} overlap")
        unmatched = set(g)
        for start, end, label in sorted(o):
            hit = next(
                (x for x in unmatched if x[2] == label and overlaps(x[:2], (start, end))), None
            )
            if hit is None:
                loose.fp += 1
                if kind == "all":
                    report.error(f"{doc['_id'][:8]} extra {label}: {text[start:end]!r}")
            else:
                loose.tp += 1
                unmatched.discard(hit)
        loose.fn += len(unmatched)
        if kind == "all":
            for start, end, label in sorted(unmatched):
                report.error(f"{doc['_id'][:8]} missed {label}: {text[start:end]!r}")


def score_relations(report: Report, doc: dict, reading: Reading) -> None:
    gold: set[tuple[str, frozenset]] = set()
    for rel in doc["relations"]:
        if rel["type"] in ("FightingAgainst", "AlliesOf"):
            spans = frozenset(
                {(rel["sourceBegin"], rel["sourceEnd"]), (rel["targetBegin"], rel["targetEnd"])}
            )
            gold.add((rel["type"], spans))
    mentions = {a.id: [(m.start, m.end) for m in a.mentions] for a in reading.actors}
    matched: set[tuple[str, frozenset]] = set()
    for event in reading.events:
        kind = RELATION_OF.get(event.category)
        if kind is None:
            continue
        sentence = (event.evidence.start, event.evidence.end)
        others = event.recipients + (event.victims if kind == "FightingAgainst" else [])
        for first in event.actors:
            for second in others:
                if first == second:
                    continue
                a = [m for m in mentions.get(first, []) if overlaps(m, sentence)]
                b = [m for m in mentions.get(second, []) if overlaps(m, sentence)]
                hit = next((g for g in gold if g[0] == kind and _pair_matches(g[1], a, b)), None)
                s = report.score(f"{kind} pairs")
                if hit is None:
                    s.fp += 1
                    report.error(f"{doc['_id'][:8]} extra {kind}: {event.evidence.text[:100]!r}")
                elif hit not in matched:
                    s.tp += 1
                    matched.add(hit)
    for kind, spans in gold - matched:
        report.score(f"{kind} pairs").fn += 1
        texts = sorted(doc["text"][s:e] for s, e in spans)
        report.error(f"{doc['_id'][:8]} missed {kind}: {texts}")


def _pair_matches(spans: frozenset, first: list, second: list) -> bool:
    ordered = sorted(spans)
    if len(ordered) < 2:
        return False
    x, y = ordered
    return (any(overlaps(m, x) for m in first) and any(overlaps(m, y) for m in second)) or (
        any(overlaps(m, y) for m in first) and any(overlaps(m, x) for m in second)
    )


def geoparsing(doc: dict, reading: Reading, tally: Counter, samples: list[str]) -> None:
    """How the gold locations we found resolve (no gold coordinates to compare with)."""
    for entity in doc["entities"]:
        if entity["type"] != "Location":
            continue
        span = (entity["begin"], entity["end"])
        place = next(
            (
                p
                for p in reading.places
                if any(overlaps(span, (m.start, m.end)) for m in p.mentions)
            ),
            None,
        )
        if place is None:
            tally["not found"] += 1
            continue
        tally["found"] += 1
        tally["with a country" if place.country else "no country"] += 1
        if len(samples) < 60:
            samples.append(
                f"{entity['value']!r} -> {place.name}, {place.country}, {place.precision}"
            )


@click.command(name="re3d")
@click.argument("directory", type=click.Path(path_type=Path))
def re3d_command(directory: Path) -> None:
    """Score actors, places and conflict relations against re3d's annotations in DIRECTORY."""
    documents = load(directory)
    from fogofwar.pipeline import read_many

    readings = read_many([{"text": d["text"], "id": d["_id"]} for d in documents])
    report = Report(title=f"re3d: {len(documents)} documents, annotations of confidence >= 0.5")
    tally: Counter[str] = Counter()
    samples: list[str] = []
    for doc, reading in zip(documents, readings, strict=True):
        score_entities(report, doc, reading)
        score_relations(report, doc, reading)
        geoparsing(doc, reading, tally, samples)
    found = tally["found"]
    report.notes.append(
        f"Geoparsing: {found} of {found + tally['not found']} gold locations found as places; "
        f"{tally['with a country']} of them resolved to a country "
        f"({tally['with a country'] / found:.1%})."
        if found
        else "Geoparsing: no location found."
    )
    report.notes.append("Resolutions to check by hand: " + "; ".join(samples[:30]))
    report.print()
