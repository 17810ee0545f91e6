"""fogofwar_places: place mentions resolved with the gazetteer and the document's countries."""

from __future__ import annotations

import pytest


def places_of(read, text: str, **meta) -> dict[str, object]:
    return {p.mentions[0].text: p for p in read(text, **meta).places}


def test_region_phrase_missed_by_ner(read) -> None:
    places = places_of(
        read, "Russian troops pushed back Ukrainian units in key areas such as the Kursk region."
    )
    kursk = places["Kursk region"]
    assert (kursk.name, kursk.country, kursk.admin1, kursk.precision) == (
        "Kursk Oblast",
        "RUS",
        "RU-KRS",
        "admin1",
    )
    assert kursk.lat is not None and 50 < kursk.lat < 53


def test_countries_and_cities_with_ids_in_order(read) -> None:
    report = read("Ukrainian drones struck Moscow overnight, and Russia hit Kharkiv in Ukraine.")
    names = [(p.id, p.name, p.precision) for p in report.places]
    assert names == [
        ("p1", "Moscow", "exact"),
        ("p2", "Russia", "country"),
        ("p3", "Kharkiv", "exact"),
        ("p4", "Ukraine", "country"),
    ]
    for place in report.places:
        for mention in place.mentions:
            assert report.document.text[mention.start : mention.end] == mention.text


def test_document_countries_disambiguate(read) -> None:
    text = "Ukrainian forces held positions near Pokrovsk as Russia's army advanced in Ukraine."
    pokrovsk = places_of(read, text)["Pokrovsk"]
    assert pokrovsk.country == "UKR" and pokrovsk.admin1 == "UA-14"


def test_repeated_mentions_make_one_place(read) -> None:
    report = read("Fighting raged in Aleppo. Residents fled Aleppo as shelling continued in Syria.")
    aleppo = [p for p in report.places if p.name == "Aleppo"]
    assert len(aleppo) == 1 and len(aleppo[0].mentions) == 2


def test_demonyms_and_months_are_not_places(read) -> None:
    report = read("Syrian rebels said in March that Iraqi troops had left.")
    assert [p.name for p in report.places] == []


@pytest.mark.parametrize(
    "text",
    ["", "in in in", "near X" * 50, "The " + "Kursk region, " * 300, "\n\n\t"],
)
def test_odd_input_never_raises(read, text: str) -> None:
    report = read(text)
    for place in report.places:
        assert place.precision in ("exact", "admin2", "admin1", "region", "country", "unknown")
