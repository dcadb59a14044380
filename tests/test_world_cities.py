"""data/aliases/generated/world_cities.yaml (tools/world_cities.py): every
country's capital and every city of a million people in the default load,
as the cities pack files them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gazetteer import Gazetteer, Kind, Status, normalize
from gazetteer.records import country_keys

FILE = Path(__file__).resolve().parents[1] / "data" / "aliases" / "generated" / "world_cities.yaml"


def _entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(FILE.read_text("utf-8"))
    return entries


@pytest.mark.parametrize(
    ("query", "city", "country"),
    [
        ("Copenhagen", "city:2618425", "country:dk"),  # a capital
        ("Ottawa", "city:6094817", "country:ca"),
        ("Yokohama", "city:1848354", "country:jp"),  # a city of a million people
    ],
)
def test_a_capital_or_a_large_city_is_in_the_default_load(
    g: Gazetteer, query: str, city: str, country: str
) -> None:
    assert g.resolve(query).expect().id == city
    found = g.country(query)
    assert found.match is not None and found.match.entity.id == country
    assert found.match.via is not None and found.match.via.id == city


def test_every_city_is_a_capital_or_large_and_its_names_weak(g: Gazetteer) -> None:
    entries = _entries()
    assert len(entries) > 400
    for entry in entries:
        assert entry.get("capital") is True or int(entry["population"]) >= 1_000_000
        assert int(entry["population"]) > 0  # not Plymouth, Montserrat: nobody lives there
        entity = g[entry["id"]]
        assert entity.kind is Kind.CITY and entity.country == entry["country"]
        assert set(entry) - {"capital"} == {
            "id",
            "kind",
            "name",
            "country",
            "codes",
            "population",
            "weak",
        }


def test_no_city_takes_a_country_name(g: Gazetteer) -> None:
    # Singapore, Monaco (city-states) are left out; Bandar Seri Begawan is not
    # "Brunei": the name is the country's, in every language CLDR has
    countries = country_keys({e.id: e for e in g.entities})
    for entry in _entries():
        names = [entry["name"], *entry["weak"]["und"]]
        assert not {normalize(n) for n in names} & countries, entry["id"]
    assert g.resolve("Brunei").expect().id == "country:bn"
    assert g.resolve("Brúiné").status is not Status.AMBIGUOUS
    assert g.get("city:3578069") is None  # Plymouth, Montserrat
    assert g.resolve("Plymouth").expect().id == "city:2640194"  # the English one
