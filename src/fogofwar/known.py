"""Look-ups in `lexicons/known_actors.yaml`: well-known people and organisations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from fogofwar import lexicons
from fogofwar.countries import normalize


@dataclass(frozen=True)
class KnownActor:
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    aliases: tuple[str, ...]


@cache
def _index() -> dict[tuple[str, str], KnownActor]:
    data = lexicons.load("known_actors")
    index: dict[tuple[str, str], KnownActor] = {}
    for group, kind in (("people", "person"), ("organizations", "organization")):
        for entry in data[group]:
            actor = KnownActor(
                name=entry["name"],
                kind=kind,
                country=entry.get("country"),
                sector=entry.get("sector"),
                role=entry.get("role"),
                aliases=tuple(entry.get("aliases") or ()),
            )
            for spelling in (actor.name, *actor.aliases):
                index[(kind, normalize(spelling))] = actor
    return index


def known_actor(text: str, kind: Literal["person", "organization"]) -> KnownActor | None:
    """The known person or organisation this spelling names, if the lexicon has it."""
    return _index().get((kind, normalize(text)))
