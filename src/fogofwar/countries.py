"""Country names and demonyms to ISO 3166-1 alpha-3 codes.

pycountry knows every country's formal names; `lexicons/countries.yaml` adds the
short forms and demonyms that news uses ("North Korea", "North Korean", "U.S.").
Pure functions over a table built once.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import pycountry

from fogofwar import lexicons


def normalize(text: str) -> str:
    """Lower-case, strip accents, a leading "the" and a trailing possessive."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.replace("\u2019", "'").split()).lower()
    if text.startswith("the "):
        text = text[4:]
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(normalize(value), country.alpha_3)
    for code, entry in lexicons.load("countries").items():
        for name in entry.get("names") or []:
            names[normalize(name)] = code
        for demonym in entry.get("demonyms") or []:
            demonyms[normalize(demonym)] = code
    return names, demonyms


def country_of_name(text: str) -> str | None:
    """ISO3 of a country name ("the Russian Federation", "North Korea"), else None."""
    return _tables()[0].get(normalize(text))


def country_of_demonym(text: str) -> str | None:
    """ISO3 of a nationality adjective or plural ("North Korean", "Ukrainians"), else None."""
    return _tables()[1].get(normalize(text))


def country_of(text: str) -> str | None:
    """ISO3 of a country name or a demonym."""
    return country_of_name(text) or country_of_demonym(text)


def country_name(code: str) -> str:
    """A short English name for an ISO3 code ("PRK" -> "North Korea")."""
    entry = lexicons.load("countries").get(code)
    if entry and entry.get("names"):
        return entry["names"][0]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name
