"""The world's capitals and large cities in the default load
(tools/world_cities.py: data/aliases/generated/world_cities.yaml)."""

from __future__ import annotations

import pytest

from gazetteer import Entity, Gazetteer, Kind, Status


@pytest.fixture(scope="module")
def capitals(g: Gazetteer) -> list[Entity]:
    return [e for e in g.entities if e.kind is Kind.CITY and e.capital]


def test_every_capital_is_a_place_of_its_country(g: Gazetteer, capitals: list[Entity]) -> None:
    assert len(capitals) > 200
    for city in capitals:
        # its own name: the city among the candidates, and never "nothing"
        # (a strong name of another place may win: Santiago, the Dominican
        # province; Victoria, the Australian state)
        assert city.id in {m.entity.id for m in g.candidates(city.name, limit=None)}
        assert g.country(city.name).status is not Status.NOT_FOUND, city.name


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Ottawa", "country:ca"),
        ("Мюнхен", "country:de"),
        ("Amsterdam", "country:nl"),
        ("Варшава", "country:pl"),
        ("Копенгаген", "country:dk"),
        ("Toronto", "country:ca"),
    ],
)
def test_capitals_and_large_cities_are_in_the_default_load(
    g: Gazetteer, query: str, country: str
) -> None:
    found = g.resolve(query)
    assert found.status is Status.RESOLVED and found.expect().country == country
    assert g.country(query).expect().id == country


def test_a_large_city_is_found_inflected_in_news(g: Gazetteer) -> None:
    text = "Переговоры прошли в Мюнхене, а затем в Оттаве."
    found = {m.entity.id for m in g.tag(text, lang="ru") if m.entity is not None}
    munich, ottawa = g.resolve("Мюнхен").expect().id, g.resolve("Ottawa").expect().id
    assert {munich, ottawa} <= found


def test_a_city_whose_name_makes_a_regions_adjective_is_left_out(g: Gazetteer) -> None:
    # Омск: "Омска област" (Bulgarian) is the oblast's word, as for the
    # cities regions are named after (tools/region_cities.py)
    assert all(m.entity.kind.value != "city" for m in g.candidates("Омск", limit=None))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Der Rest ist Gold wert.", "de"),
        ("Вали дъжд цял ден.", "bg"),
        ("Varsa yoksa sensin.", "tr"),
        ("We hang on to the soul of it.", "en"),
    ],
)
def test_a_common_word_is_no_citys_name(g: Gazetteer, text: str, lang: str) -> None:
    # alternate names of Rasht, Gold Coast, The Valley, Warsaw, Hangzhou and
    # Seoul that are common words of the language are not written
    assert [text[m.start : m.end] for m in g.tag(text, lang=lang)] == []


def test_a_provinces_name_stays_the_provinces(g: Gazetteer) -> None:
    # GeoNames lists the oblast's name among Voronezh's, Henan among Hengyang's
    assert g.resolve("Воронежская область").expect().kind.value == "subdivision"
    assert g.resolve("Henan").expect().kind.value == "subdivision"
