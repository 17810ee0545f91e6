"""How records from different documents are recognised as the same thing.

Pure functions, no database: the write path (store.py) turns each report record into
an identity (a key string plus the columns of the ledger row) and looks the key up.

* a document is its normalised text (`text_hash`);
* an actor is its canonical name + kind + country (`actor_identity`): well-known spellings
  ("Zelensky", "President Zelenskyy") join through `lexicons/known_actors.yaml`; armed
  forces and groups of a country are one actor per kind and sector, as within a document;
* a figure belongs to a series: who, category, place and time window (`series_identity`);
  running totals ("so far") and counts for a window never share a series.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from fogofwar import lexicons
from fogofwar.countries import country_name, country_of_demonym, country_of_name, normalize
from fogofwar.known import known_actor
from fogofwar.schema import Actor, Figure, Place, TimeWindow

# A hedge widens a stated number by this share when the text gives no bound:
# "about 3,000" allows 2,700..3,300 and "nearly 11,000" allows 9,900..11,000.
HEDGE_TOLERANCE = 0.1
Basis = Literal["cumulative", "window", "unspecified"]
UNCOMPARABLE_MODALITIES = frozenset({"negated", "hypothetical", "future"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PUNCT = re.compile(r"[.\-\u2010-\u2015_/]+")


def normalize_document_text(text: str) -> str:
    """The text with Unicode composed and all whitespace runs made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_hash(text: str) -> str:
    """Identity of a document: SHA-256 of its normalised text (re-wrapping changes nothing)."""
    return hashlib.sha256(normalize_document_text(text).encode("utf-8")).hexdigest()


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def to_date(value: str | None, *, end: bool = False) -> date | None:
    """A date from an ISO string ("2024-12-28", "2024-12", "2024", a timestamp).

    A month or year stands for its first day, or its last day when `end` is set."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return date(int(year), int(month), int(day))
        if month:
            first = date(int(year), int(month), 1)
            if not end:
                return first
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(int(year), 12, 31) if end else date(int(year), 1, 1)
    except ValueError:
        return None


# -- actors -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ActorIdentity:
    key: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    surname: str | None
    search: str


@cache
def _role_words() -> tuple[tuple[str, ...], ...]:
    """Titles as word tuples, longest first ("prime minister" before "minister")."""
    roles = {tuple(normalize(role).split()) for role in lexicons.load("roles")}
    return tuple(sorted(roles, key=len, reverse=True))


def name_search(name: str) -> str:
    """A name folded for comparison: accents, case, dots and hyphens do not count."""
    return " ".join(_PUNCT.sub(" ", normalize(name)).split())


def strip_titles(name: str) -> str:
    """'President Zelenskyy' -> 'Zelenskyy'; 'Ukrainian President X' -> 'X'.

    Leading titles (lexicons/roles.yaml) and a nationality before a title go; a name
    that is only a title is kept as it is."""
    words = name.split()
    folded = [name_search(word) for word in words]
    position = 0
    while position < len(words) - 1:
        rest = tuple(folded[position:])
        title = next((r for r in _role_words() if rest[: len(r)] == r and len(r) < len(rest)), None)
        if title:
            position += len(title)
        elif country_of_demonym(words[position]) and any(
            tuple(folded[position + 1 :])[: len(r)] == r for r in _role_words()
        ):
            position += 1
        else:
            break
    return " ".join(words[position:])


def actor_identity(actor: Actor) -> ActorIdentity:
    """The ledger identity of a report's actor (see the module docstring)."""
    kind, country, sector = actor.kind, actor.country, actor.sector
    if kind in ("person", "organization"):
        name = strip_titles(actor.name) if kind == "person" else actor.name
        known = known_actor(name, kind) or known_actor(actor.name, kind)
        if known is not None:
            search = name_search(known.name)
            country = known.country or country
            return ActorIdentity(
                key=f"{kind}|{known.country or ''}|{search}",
                name=known.name,
                kind=kind,
                country=country,
                sector=sector or known.sector,
                surname=search.split()[-1] if kind == "person" else None,
                search=search,
            )
        search = name_search(name) or name_search(actor.name)
        return ActorIdentity(
            key=f"{kind}|{country or ''}|{search}",
            name=name,
            kind=kind,
            country=country,
            sector=sector,
            surname=search.split()[-1] if kind == "person" and search else None,
            search=search,
        )
    if kind == "state" and country:
        name = country_name(country)
        return ActorIdentity(
            f"state|{country}", name, kind, country, sector, None, name_search(name)
        )
    search = name_search(actor.name)
    # Armed forces and groups of a country: one per kind and sector, whatever the words.
    key = f"{kind}|{country}|{sector or ''}" if country else f"{kind}||{sector or ''}|{search}"
    return ActorIdentity(key, actor.name, kind, country, sector, None, search)


# Sector precedence when a noun names several groups (as in components/actors.py).
GROUP_PRECEDENCE = ("intelligence", "police", "armed_force", "media", "government", "civilians")


@cache
def _group_nouns() -> dict[str, tuple[str, str]]:
    """noun lemma -> (actor kind, sector), from lexicons/groups.yaml."""
    table: dict[str, tuple[str, str]] = {}
    groups = lexicons.load("groups")
    for group in reversed(GROUP_PRECEDENCE):
        entry = groups[group]
        for noun in entry["nouns"]:
            table[noun] = (entry.get("kind", group), entry["sector"])
    return table


def _group_noun(words: str) -> tuple[str, str] | None:
    table = _group_nouns()
    candidates = [words, words[:-1] if words.endswith("s") else words]
    if words.endswith("ies"):
        candidates.append(words[:-3] + "y")
    if words.endswith("men"):
        candidates.append(words[:-3] + "man")
    return next((table[c] for c in candidates if c in table), None)


def phrase_actor_key(phrase: str) -> str | None:
    """The ledger key a phrase like "North Korean troops" or "Russia" names, if it is a
    country or a nationality + group noun; None for anything else (a person's name)."""
    words = name_search(phrase).split()
    if not words:
        return None
    whole = " ".join(words)
    if country_of_name(whole):
        return f"state|{country_of_name(whole)}"
    for cut in range(1, len(words)):
        head = " ".join(words[:cut])
        country = country_of_demonym(head) or country_of_name(head)
        group = _group_noun(" ".join(words[cut:])) if country else None
        if group:
            return f"{group[0]}|{country}|{group[1]}"
    return None


# -- places -----------------------------------------------------------------------------
@dataclass(frozen=True)
class PlaceIdentity:
    key: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str
    geonameid: int | None


def place_identity(place: Place) -> PlaceIdentity:
    """One ledger place per GeoNames id, else per country + admin1 + folded name."""
    if place.geonameid is not None:
        key = f"geo:{place.geonameid}"
    else:
        key = f"name:{place.country or ''}|{place.admin1 or ''}|{name_search(place.name)}"
    return PlaceIdentity(
        key,
        place.name,
        place.country,
        place.admin1,
        place.lat,
        place.lon,
        place.precision,
        place.geonameid,
    )


# -- figures ----------------------------------------------------------------------------
def interval(
    value: float | None, low: float | None, high: float | None, qualifier: str
) -> tuple[float | None, float | None]:
    """The numbers a claim allows, as (lo, hi); hi None means no upper bound.

    (None, None) when the claim states no number at all. Hedges without a stated bound
    get HEDGE_TOLERANCE: "about 3,000" is [2700, 3300], "nearly 11,000" [9900, 11000],
    "over 1,000" [1000, inf), "up to 50" [0, 50]."""
    if qualifier in ("over", "at_least"):
        lo, hi = _first(low, value), high
    elif qualifier == "up_to":
        lo, hi = _first(low, 0.0), _first(high, value)
    elif qualifier == "nearly":
        hi = _first(high, value)
        lo = _first(low, None if hi is None else hi * (1 - HEDGE_TOLERANCE))
    elif qualifier == "approx":
        lo = _first(low, None if value is None else value * (1 - HEDGE_TOLERANCE))
        hi = _first(high, None if value is None else value * (1 + HEDGE_TOLERANCE))
    else:
        lo, hi = _first(low, value), _first(high, value)
    if lo is None and hi is None:
        return None, None
    return (0.0 if lo is None else lo), hi


def _first(*values: float | None) -> float | None:
    return next((v for v in values if v is not None), None)


def window_basis(window: TimeWindow | None) -> tuple[Basis, date | None, date | None]:
    """(basis, start, end) of a figure's time window, as it enters the series key.

    Running totals are one series from their start on, whatever day they are counted:
    the end is the claim's `as_of`, not part of the key. Counts for a window keep both
    ends. A figure that says neither is `unspecified`."""
    if window is None:
        return "unspecified", None, None
    start, end = to_date(window.start), to_date(window.end, end=True)
    if window.cumulative:
        return "cumulative", start, None
    if start or end:
        return "window", start, end
    return "unspecified", None, None


def claim_as_of(window: TimeWindow | None, published: date | None) -> date | None:
    """The day a claim speaks for: a running total's end, a window's end (or start), else
    the publication day. Claims of one series are compared day by day on this."""
    basis, start, end = window_basis(window)
    if basis == "cumulative":
        return to_date(window.end, end=True) if window and window.end else published
    if basis == "window":
        return end or start
    return published


@dataclass(frozen=True)
class SeriesIdentity:
    key: str
    key_hash: str
    who_key: str
    who_label: str
    who_country: str | None
    category: str
    basis: Basis
    window_start: date | None
    window_end: date | None


def who_of(figure: Figure, who_actor: ActorIdentity | None) -> tuple[str, str, str | None]:
    """(who key, label, country) of whom a figure counts: a ledger actor, else a country,
    else the words of the text."""
    who = figure.who
    if who_actor is not None:
        return f"actor:{who_actor.key}", who_actor.name, who_actor.country
    if who is not None and who.country:
        return f"country:{who.country}", who.text or country_name(who.country), who.country
    if who is not None and who.text.strip():
        return f"text:{name_search(who.text)}", who.text, None
    return "unknown", "(unspecified)", None


def series_identity(
    figure: Figure, who_actor: ActorIdentity | None, place: PlaceIdentity | None
) -> SeriesIdentity:
    """The series a figure belongs to: who, category, place and time window."""
    who_key, who_label, who_country = who_of(figure, who_actor)
    basis, start, end = window_basis(figure.time_window)
    parts = (
        who_key,
        figure.category,
        place.key if place else "",
        basis,
        start.isoformat() if start else "",
        end.isoformat() if end else "",
    )
    key = "|".join(parts)
    return SeriesIdentity(
        key, key_hash(key), who_key, who_label, who_country, figure.category, basis, start, end
    )
