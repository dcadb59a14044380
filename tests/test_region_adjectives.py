"""The cities that regions are named after by an adjective of the city's name
(Полтавська область, Полтавская область): tools/region_cities.py writes
them with their names in the region's languages that romanise as their own
name, so that Ukrainian news finds its own cities, and never a name whose
form is the region's adjective (Донецька: the oblast's word and the city's
genitive)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gazetteer import Gazetteer, Kind, normalize
from gazetteer.forms import rules
from gazetteer.translit import has_cyrillic

_FILE = Path(__file__).parent.parent / "data" / "aliases" / "generated" / "region_cities.yaml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Рейси зі Львова та Житомира", ["city:702550", "city:686967"]),
        ("Обстріли Харкова і Чернігова", ["city:706483", "city:710735"]),
        ("У Полтаві та Херсоні", ["city:696643", "city:706448"]),
    ],
)
def test_ukraines_cities_in_its_own_news(g: Gazetteer, text: str, expected: list[str]) -> None:
    assert [m.entity.id for m in g.tag(text, lang="uk") if m.entity] == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Донецька народна республіка не визнана.", "uk"),
        ("Луганська ОВА повідомила про обстріл.", "uk"),
        ("Дніпропетровська обласна рада ухвалила рішення.", "uk"),
        ("Донецка народна република обяви.", "bg"),  # Russian Донецк's genitive
        ("Донецка област е под обстрел.", "bg"),
        ("Donetsk People's Republic announced.", "en"),
        ("ЗСУ форсували Дніпро біля Херсона.", "uk"),  # the river, not Dnipro
        ("Ровно через год он вернулся.", "ru"),  # "exactly", not Rivne
        ("Apple announces a Stock Split.", "en"),
    ],
)
@pytest.mark.parametrize("given", [True, False])
def test_a_regions_word_a_river_or_a_common_word_is_no_new_city(
    g: Gazetteer, text: str, lang: str, given: bool
) -> None:
    found = g.tag(text, lang=lang if given else None)
    new = {"city:709717", "city:702658", "city:709930", "city:695594", "city:3190261"}
    assert not [m for m in found if m.entity and m.entity.id in new]


def _written() -> list[dict[str, object]]:
    loaded = yaml.safe_load(_FILE.read_text("utf-8"))
    assert isinstance(loaded, list)
    return loaded


def test_no_form_of_a_written_name_is_its_countrys_region_adjective(g: Gazetteer) -> None:
    # the rule over the whole file: a city's Cyrillic name filed under a
    # language has no form, by that language's rules, that is the first word
    # of a region's name of its country in that language (Донецьк, whose
    # genitive is Донецька as in Донецька область, is not filed in Ukrainian)
    adjectives: dict[tuple[str, str], set[str]] = {}
    for entity in g.entities:
        if entity.kind is Kind.SUBDIVISION and entity.country:
            for alias in entity.aliases:
                parts = alias.key.split()
                if len(parts) >= 2 and has_cyrillic(alias.key):
                    where = (entity.country, alias.lang.split("-")[0])
                    adjectives.setdefault(where, set()).add(parts[0])
    checked = 0
    for entry in _written():
        weak = entry.get("weak")
        assert isinstance(weak, dict)
        for lang, texts in weak.items():
            rule = rules().get(lang.split("-")[0])
            words = adjectives.get((str(entry["country"]), lang.split("-")[0]), set())
            if rule is None or not words:
                continue
            for text in texts:
                key = normalize(text)
                if has_cyrillic(key):
                    checked += 1
                    assert not set(rule.inflect(key)) & words, (entry["id"], text)
    assert checked > 50
