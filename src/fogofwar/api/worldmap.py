"""The events map: country outlines from a packaged dataset, drawn as inline SVG.

The outlines are Natural Earth's 1:50m countries as TopoJSON (npm `world-atlas` 2.0.2,
vendored in `data/world-atlas/`, see VENDORED.md there). They are decoded once per
process; each map shows the area around the events it is given (the world when none
has coordinates), in an equirectangular projection scaled by the cosine of the middle
latitude, with only the countries in view, clipped to it, points rounded to 0.1 pixel.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import quote

import pycountry
from markupsafe import Markup, escape

from fogofwar.ledger.queries import EventView

WIDTH, HEIGHT = 880, 460
MIN_SPAN_DEGREES = 12.0
Ring = list[tuple[float, float]]


BBox = tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class Outline:
    """One ring of a country's outline: (lon, lat) points and their bounding box."""

    points: tuple[tuple[float, float], ...]
    bbox: BBox


@dataclass(frozen=True)
class Country:
    iso3: str | None
    name: str
    rings: tuple[Outline, ...]
    bbox: BBox


# Levels of detail: outlines thinned to this many degrees between points (0: as packaged).
# A view uses the coarsest level whose step is at most MAX_STEP_PX pixels, so a world map
# projects about 20,000 points instead of 100,000.
DETAIL_STEPS_DEGREES = (0.8, 0.1, 0.0)
MAX_STEP_PX = 2.0


def outlines_for(scale: float) -> tuple[Country, ...]:
    """The country outlines at the level of detail a view of `scale` pixels/degree needs."""
    step = next(s for s in DETAIL_STEPS_DEGREES if s * scale <= MAX_STEP_PX)
    return thinned_countries(step) if step else countries()


@cache
def thinned_countries(step: float) -> tuple[Country, ...]:
    """The outlines with points at least `step` degrees apart, without rings smaller than
    a few steps (islets a coarse map could not show anyway)."""
    thinned = []
    for country in countries():
        rings = []
        for ring in country.rings:
            west, south, east, north = ring.bbox
            if (east - west) + (north - south) < 1.25 * step:
                continue
            points = [ring.points[0]]
            for lon, lat in ring.points[1:]:
                if abs(lon - points[-1][0]) + abs(lat - points[-1][1]) >= step:
                    points.append((lon, lat))
            if len(points) > 3:
                rings.append(Outline(tuple(points), ring.bbox))
        thinned.append(Country(country.iso3, country.name, tuple(rings), country.bbox))
    return tuple(thinned)


def warm() -> None:
    """Decode and thin the outlines ahead of the first map (about a second)."""
    for step in DETAIL_STEPS_DEGREES:
        if step:
            thinned_countries(step)


@cache
def countries() -> tuple[Country, ...]:
    """Every country outline of the packaged TopoJSON, decoded to lon/lat rings."""
    source = resources.files("fogofwar.api") / "data" / "world-atlas" / "countries-50m.json"
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(_outline(_ring(arcs, ring)) for polygon in polygons for ring in polygon)
        bbox = (
            min(r.bbox[0] for r in rings),
            min(r.bbox[1] for r in rings),
            max(r.bbox[2] for r in rings),
            max(r.bbox[3] for r in rings),
        )
        name = geometry.get("properties", {}).get("name", "")
        found.append(Country(_iso3(geometry.get("id")), name, rings, bbox))
    return tuple(found)


def _decode_arcs(topology: dict) -> list[Ring]:
    """TopoJSON arcs: delta-encoded integer points, scaled and translated to lon/lat."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        decoded.append(points)
    return decoded


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    """Join the arcs of one ring; a negative index ~i is arc i reversed. Consecutive arcs
    share their end point, so each arc after the first drops its first point."""
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _outline(points: Ring) -> Outline:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return Outline(tuple(points), (min(lons), min(lats), max(lons), max(lats)))


def _iso3(numeric: str | None) -> str | None:
    if not numeric:
        return None
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_3 if country else None


@dataclass
class View:
    """The area shown: lon/lat bounds and the projection to the SVG box."""

    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        self.kx = math.cos(math.radians((self.south + self.north) / 2))
        scale_x = WIDTH / ((self.east - self.west) * self.kx)
        scale_y = HEIGHT / (self.north - self.south)
        self.scale = min(scale_x, scale_y)
        self.offset_x = (WIDTH - (self.east - self.west) * self.kx * self.scale) / 2
        self.offset_y = (HEIGHT - (self.north - self.south) * self.scale) / 2

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.offset_x + (lon - self.west) * self.kx * self.scale
        y = self.offset_y + (self.north - lat) * self.scale
        return x, y

    def holds(self, bbox: BBox) -> bool:
        """The box lies wholly inside the view: nothing to clip."""
        west, south, east, north = bbox
        return (
            west >= self.west and east <= self.east and south >= self.south and north <= self.north
        )

    def sees(self, bbox: BBox) -> bool:
        west, south, east, north = bbox
        margin = (self.east - self.west) * 0.05
        return not (
            east < self.west - margin
            or west > self.east + margin
            or north < self.south - margin
            or south > self.north + margin
        )


def view_of(points: list[tuple[float, float]]) -> View:
    """The area around `points` (lon, lat), at least MIN_SPAN_DEGREES wide, or the world."""
    if not points:
        return View(-180.0, -60.0, 180.0, 84.0)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    mid_lon, mid_lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    half_lon = max((max(lons) - min(lons)) * 0.65, MIN_SPAN_DEGREES)
    half_lat = max((max(lats) - min(lats)) * 0.65, MIN_SPAN_DEGREES / 2)
    return View(
        max(-180.0, mid_lon - half_lon),
        max(-85.0, mid_lat - half_lat),
        min(180.0, mid_lon + half_lon),
        min(85.0, mid_lat + half_lat),
    )


def clip(points: list[tuple[float, float]], box: tuple[float, float, float, float]):
    """Sutherland-Hodgman: the polygon `points` cut to the rectangle `box` (x0, y0, x1, y1),
    so a map of one region carries no outline points from the far side of a continent."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _at_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _at_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _at_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _at_y(a, b, y1)),
    )
    for inside, cross in edges:
        if not points:
            break
        kept: list[tuple[float, float]] = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(cross(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(cross(previous, point))
            previous = point
        points = kept
    return points


def _at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


CLIP_BOX = (-20.0, -20.0, WIDTH + 20.0, HEIGHT + 20.0)


MIN_STEP_PX = 0.8  # points closer than this to the last one kept are dropped


def _path(view: View, rings: tuple[Outline, ...]) -> str:
    """SVG path data of the rings in view: projected, thinned to MIN_STEP_PX, clipped."""
    commands = []
    for ring in rings:
        if not view.sees(ring.bbox):
            continue
        thinned: list[tuple[float, float]] = []
        last_x = last_y = -1e9
        for lon, lat in ring.points:
            x, y = view.point(lon, lat)
            if abs(x - last_x) + abs(y - last_y) >= MIN_STEP_PX:
                thinned.append((x, y))
                last_x, last_y = x, y
        if not view.holds(ring.bbox):
            thinned = clip(thinned, CLIP_BOX)
        points = [(round(x, 1), round(y, 1)) for x, y in thinned]
        if len(points) > 2:
            commands.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(commands)


LABEL_CHAR_PX = 7.5  # average width of a character of a place name, for collisions


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class Site:
    """Events at one place: where, how many, and a link to them."""

    name: str
    lon: float
    lat: float
    count: int


def sites(events: list[EventView]) -> list[Site]:
    """One site per place with coordinates, with its number of events."""
    names: dict[tuple[float, float], str] = {}
    counts: dict[tuple[float, float], int] = {}
    for event in events:
        if event.lat is None or event.lon is None:
            continue
        key = (event.lon, event.lat)
        names.setdefault(key, event.place or "?")
        counts[key] = counts.get(key, 0) + 1
    return [Site(names[key], key[0], key[1], counts[key]) for key in names]


def events_map(events: list[EventView]) -> Markup:
    """The SVG map of where `events` happened; countries with events are shaded."""
    places = tuple(sites(events))
    involved = frozenset(event.place_country for event in events if event.place_country)
    return _draw_map(places, involved)


@lru_cache(maxsize=64)
def _draw_map(places: tuple[Site, ...], involved: frozenset[str]) -> Markup:
    """The map of these sites (cached: pages with the same filters draw it once)."""
    view = view_of([(site.lon, site.lat) for site in places])
    parts = [
        f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="map of {len(places)} event places" xmlns="http://www.w3.org/2000/svg">',
        f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>',
    ]
    for country in outlines_for(view.scale):
        if not view.sees(country.bbox):
            continue
        css = "land involved" if country.iso3 in involved else "land"
        parts.append(
            f'<path class="{css}" d="{_path(view, country.rings)}">'
            f"<title>{escape(country.name)}</title></path>"
        )
    drawn = []
    for site in sorted(places, key=lambda s: (-s.count, s.name)):
        x, y = (round(v, 1) for v in view.point(site.lon, site.lat))
        drawn.append((site, x, y, min(14.0, 4 + 2 * math.log2(site.count))))
    # Names go where they cover no other name and no dot; the dot's title still names it.
    taken: list[BBox] = [(x - r, y - r, x + r, y + r) for _, x, y, r in drawn]
    for site, x, y, radius in drawn:
        label = f"{site.name}: {site.count} event{'s' if site.count != 1 else ''}"
        width = LABEL_CHAR_PX * len(site.name)
        right = (x + radius + 2, y - 9, x + radius + 4 + width, y + 6)
        left = (x - radius - 4 - width, y - 9, x - radius - 2, y + 6)
        name = ""
        for box, anchor in ((right, "start"), (left, "end")):
            if not any(_overlap(box, other) for other in taken):
                taken.append(box)
                at = box[0] + 1 if anchor == "start" else box[2] - 1
                name = (
                    f'<text x="{at:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
                    f"{escape(site.name)}</text>"
                )
                break
        parts.append(
            f'<a href="/events?place={escape(quote(site.name))}"><g class="site">'
            f'<circle cx="{x}" cy="{y}" r="{radius:.1f}"/>{name}'
            f"<title>{escape(label)}</title></g></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
