"""The world's capitals and large cities in the default load
(tools/world_cities.py, written into data/aliases/generated/region_cities.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gazetteer import Gazetteer, Status

_FILE = Path(__file__).parent.parent / "data" / "aliases" / "generated" / "region_cities.yaml"


@pytest.fixture(scope="module")
def capitals() -> list[dict[str, Any]]:
    return [e for e in yaml.safe_load(_FILE.read_text("utf-8")) if e.get("capital")]


def test_every_capital_is_a_place_of_its_country(
    g: Gazetteer, capitals: list[dict[str, Any]]
) -> None:
    assert len(capitals) > 150
    for city in capitals:
        # its own name: the city among the candidates, and never "nothing"
        # (a strong name of another place may win: Santiago, the Dominican
        # province; Victoria, the Australian state)
        assert city["id"] in {m.entity.id for m in g.candidates(city["name"], limit=None)}
        assert g.country(city["name"]).status is not Status.NOT_FOUND, city["name"]


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
