import pytest

from fogofwar.countries import country_name, country_of, country_of_demonym, country_of_name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("North Korea", "PRK"),
        ("the Russian Federation", "RUS"),
        ("Russia's", "RUS"),
        ("U.S.", "USA"),
        ("Türkiye", "TUR"),
        ("Korea, Democratic People's Republic of", "PRK"),
        ("Atlantis", None),
    ],
)
def test_country_names(text, code):
    assert country_of_name(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("North Korean", "PRK"), ("Ukrainians", "UKR"), ("British", "GBR"), ("Martian", None)],
)
def test_demonyms(text, code):
    assert country_of_demonym(text) == code


def test_country_of_takes_either_and_names_are_short():
    assert country_of("South Korean") == country_of("South Korea") == "KOR"
    assert country_name("PRK") == "North Korea"
    assert country_name("FRA") == "France"
