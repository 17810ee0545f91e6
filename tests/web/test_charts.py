"""The series chart (SVG drawn in Python) and the events map (packaged outlines)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fogofwar.api.charts import claim_cards, date_ticks, nice_ticks, series_chart
from fogofwar.api.worldmap import View, clip, countries, events_map, outlines_for, view_of
from fogofwar.ledger.queries import Claim, EventView, SeriesView


def claim(figure_id: int, day: date | None, lo: float | None, hi: float | None, **extra) -> Claim:
    fields = {
        "value": lo,
        "low": None,
        "high": None,
        "qualifier": "exact",
        "category": "killed",
        "modality": "asserted",
        "text": f"{lo} people",
        "source_kind": "speaker",
        "source": "Kirby",
        "document_id": 3,
        "document_url": None,
        "document_title": None,
        "outlet": None,
        "published": day,
        **extra,
    }
    return Claim(figure_id=figure_id, as_of=day, lo=lo, hi=hi, **fields)


def series(*claims: Claim) -> SeriesView:
    return SeriesView(
        id=1,
        key="k",
        who="soldiers",
        who_country="PRK",
        category="killed",
        place=None,
        basis="cumulative",
        window_start=None,
        window_end=None,
        claim_count=len(claims),
        first_as_of=None,
        last_as_of=None,
        claims=list(claims),
    )


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (4.4, [0, 1, 2, 3, 4, 5]),
        (110, [0, 50, 100, 150]),
        (12_100, [0, 5000, 10000, 15000]),
        (0, [0, 1]),
    ],
)
def test_nice_ticks(top: float, ticks: list[float]) -> None:
    assert nice_ticks(top) == ticks


def test_date_ticks_cover_the_range() -> None:
    ticks = date_ticks(date(2024, 1, 1), date(2024, 1, 31))
    assert ticks[0] == date(2024, 1, 1) and ticks[-1] <= date(2024, 1, 31)
    assert len(ticks) == 6
    assert date_ticks(date(2024, 1, 1), date(2024, 1, 1)) == [date(2024, 1, 1)]


def test_chart_draws_each_claim_as_its_interval() -> None:
    chart = series_chart(
        series(
            claim(1, date(2024, 12, 1), 100, 100),
            claim(2, date(2024, 12, 1), 1000, None, source="Zelenskyy", qualifier="over"),
            claim(3, None, 50, 50),
            claim(4, date(2024, 12, 9), None, None),
            claim(5, date(2024, 12, 9), 0, 40, modality="negated"),
        ),
        disputed=[date(2024, 12, 1)],
    )
    svg = str(chart.svg)
    assert (chart.drawn, chart.left_out) == (3, 2)
    assert re.findall(r'data-claim="(\d+)"', svg) == ["1", "2", "5"]
    assert svg.count('class="arrow"') == 1  # only the open-ended claim
    assert svg.count('class="disputed"') == 1
    assert 'class="claim sc1"' in svg  # a second source, a second colour
    assert 'class="claim sc0 soft"' in svg  # negated: drawn, but not as a firm claim
    assert [(k.name, k.claims) for k in chart.sources] == [("Kirby", 4), ("Zelenskyy", 1)]


def test_chart_of_claims_without_day_or_number_is_empty() -> None:
    chart = series_chart(series(claim(1, None, 5, 5), claim(2, date(2024, 1, 1), None, None)))
    assert (str(chart.svg), chart.drawn, chart.left_out) == ("", 0, 2)


def test_claim_cards_escape_nothing_themselves_but_carry_the_text() -> None:
    cards = claim_cards(series(claim(9, date(2024, 1, 1), 7, 7, text="<b>7</b> men")))
    assert cards[0].id == "card-c9"
    assert dict(cards[0].rows)["text"] == "<b>7</b> men"  # the template escapes it
    assert cards[0].link == "/documents/3#f-9"


# -- map --------------------------------------------------------------------------------
def test_packaged_outlines_decode_to_real_countries() -> None:
    by_code = {country.iso3: country for country in countries()}
    assert len(countries()) > 200
    west, south, east, north = by_code["UKR"].bbox
    assert 21 < west < 23 and 44 < south < 45.5 and 40 < east < 41 and 52 < north < 53
    assert by_code["PRK"].bbox[0] > 124


@pytest.mark.parametrize(
    ("polygon", "expected"),
    [
        ([(1, 1), (2, 1), (2, 2)], [(1, 1), (2, 1), (2, 2)]),  # inside: unchanged
        ([(-5, 5), (5, 5), (5, 6)], [(0, 5.5), (0, 5), (5, 5), (5, 6)]),  # cut at x=0
        ([(20, 20), (30, 20), (30, 30)], []),  # outside: gone
    ],
)
def test_clip(polygon, expected) -> None:
    assert clip(polygon, (0, 0, 10, 10)) == expected


def test_view_of_points_and_of_nothing() -> None:
    world = view_of([])
    assert (world.west, world.east) == (-180, 180)
    kursk = view_of([(36.19, 51.73)])
    assert kursk.west < 36.19 < kursk.east and kursk.south < 51.73 < kursk.north
    x, y = kursk.point(36.19, 51.73)
    assert abs(x - 440) < 1 and abs(y - 230) < 1  # the middle of the map


def event(
    place: str | None, lat: float | None, lon: float | None, country: str | None
) -> EventView:
    return EventView(
        id=1,
        plover="ASSAULT",
        mode=None,
        category="casualties",
        date_start=None,
        date_end=None,
        as_of=None,
        place=place,
        place_country=country,
        lat=lat,
        lon=lon,
        actors=[],
        recipients=[],
        victims=[],
        source_kind="outlet",
        source="x",
        modality="asserted",
        evidence="",
        document_id=1,
        document_url=None,
        outlet=None,
    )


def test_events_map_marks_places_and_their_countries() -> None:
    svg = str(
        events_map(
            [
                event("Kursk", 51.73, 36.19, "RUS"),
                event("Kursk", 51.73, 36.19, "RUS"),
                event("<Nowhere>", None, None, None),
            ]
        )
    )
    assert svg.count('class="site"') == 1
    assert "Kursk: 2 events" in svg
    assert svg.count('class="land involved"') == 1
    assert "<Nowhere>" not in svg
    assert len(svg) < 200_000  # clipped to the view, not the whole of Russia


def test_view_keeps_points_on_the_map() -> None:
    view = View(-10, -10, 10, 10)
    for lon, lat in ((-10, -10), (10, 10), (0, 0)):
        x, y = view.point(lon, lat)
        assert 0 <= x <= 880 and 0 <= y <= 460


def test_wide_views_use_thinner_outlines() -> None:
    def points(outlines) -> int:
        return sum(len(ring.points) for country in outlines for ring in country.rings)

    world, region = outlines_for(2.5), outlines_for(40.0)
    assert region == countries()
    assert points(world) < points(region) / 3
    assert {c.iso3 for c in world if c.rings} >= {"UKR", "RUS", "USA", "CHN", "BRA"}
    world_map = str(events_map([event("Nowhere", None, None, None)]))
    assert len(world_map) < 250_000 and world_map.count("<path") > 150


def test_map_names_never_overlap() -> None:
    near = [event(f"Town{n}", 50.0 + n * 0.05, 36.0, "UKR") for n in range(6)]
    far = event("Faraway", 45.0, 30.0, "UKR")
    svg = str(events_map([*near, far]))
    names = re.findall(r"<text [^>]*>([^<]+)</text>", svg)
    assert "Faraway" in names
    assert 2 <= len(names) < 7  # the crowded towns keep only the names that fit
    assert svg.count("<circle") == 7
