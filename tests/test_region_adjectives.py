"""The cities regions are named after by an adjective of the city's name
(Полтавська область, Novosibirskaya oblast'): tools/region_cities.py
writes them, with the names the regions' names are adjectives of, so that
news in Russian and Ukrainian finds its own country's cities."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gazetteer import Gazetteer, Kind

_FILE = Path(__file__).parent.parent / "data" / "aliases" / "generated" / "region_cities.yaml"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Рейси зі Львова та Житомира", "uk", ["city:702550", "city:686967"]),
        ("Обстріли Харкова і Чернігова", "uk", ["city:706483", "city:710735"]),
        ("Он прилетел в Новосибирск, затем в Омск", "ru", ["city:1496747", "city:1496153"]),
        ("Жители Воронежа и Челябинска", "ru", ["city:472045", "city:1508291"]),
    ],
)
def test_a_countrys_cities_in_its_own_news(
    g: Gazetteer, text: str, lang: str, expected: list[str]
) -> None:
    assert [m.entity.id for m in g.tag(text, lang=lang) if m.entity] == expected


def test_the_region_is_still_the_regions_name(g: Gazetteer) -> None:
    # the city takes no name of the region: Львівська область is the oblast
    assert g.resolve("Львівська область", lang="uk").expect().id == "subdivision:ua-46"
    assert g.resolve("Novosibirskaya oblast'").expect().id == "subdivision:ru-nvs"


def _written() -> list[dict[str, object]]:
    loaded = yaml.safe_load(_FILE.read_text("utf-8"))
    assert isinstance(loaded, list)
    return loaded


def test_every_written_city_answers_its_own_name(g: Gazetteer) -> None:
    # each city of Russia, Ukraine and Belarus in the file is the answer for
    # its own name as GeoNames writes it, or one of the candidates when
    # another place has it too
    cities = [e for e in _written() if e["country"] in {"country:ru", "country:ua", "country:by"}]
    assert len(cities) > 40
    for entry in cities:
        entity = g[str(entry["id"])]
        assert entity.kind is Kind.CITY
        found = g.resolve(str(entry["name"]), kinds="city")
        assert entity.id in {m.entity.id for m in found.tied}, entry["name"]
