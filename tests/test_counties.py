"""data/aliases/counties_gb.yaml: the counties of England as addresses write
them, read by Gazetteer.country as the United Kingdom; and the rule that
makes a region linked to one country that country's place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gazetteer import Gazetteer, Kind, Status

FILE = Path(__file__).resolve().parents[1] / "data" / "aliases" / "counties_gb.yaml"
WORD = 3.0  # an English word's Zipf frequency from which an abbreviation is left out


def _entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(FILE.read_text("utf-8"))
    return entries


def _names(tier: str) -> list[tuple[str, str]]:
    return [(e["id"], n) for e in _entries() for n in e.get(tier, {}).get("en", [])]


@pytest.mark.parametrize(("entity_id", "name"), _names("names") + _names("weak"))
def test_every_county_name_is_the_united_kingdom(g: Gazetteer, entity_id: str, name: str) -> None:
    found = g.country(name)
    assert found.status is Status.RESOLVED, name
    assert found.match is not None and found.match.entity.id == "country:gb"
    assert found.match.via is not None and found.match.via.id == entity_id


def test_no_abbreviation_is_an_english_word(g: Gazetteer) -> None:
    # an abbreviation: a weak name of one word that is no word of the
    # county's name (Herts, Hertfordshire; not Avon, the County of Avon)
    wordfreq = pytest.importorskip("wordfreq")
    abbreviations = []
    for entity_id, name in _names("weak"):
        entity = g.get(entity_id)
        assert entity is not None
        if " " not in name and name not in entity.name.split():
            abbreviations.append(name)
    assert len(abbreviations) > 30
    words = [a for a in abbreviations if wordfreq.zipf_frequency(a, "en") >= WORD]
    assert words == []


def test_a_region_of_one_country_is_that_country(g: Gazetteer) -> None:
    yorkshire = g.get("region:gb-yorkshire")
    assert yorkshire is not None and yorkshire.kind is Kind.REGION
    assert yorkshire.country == "country:gb"
    assert g.resolve("Yorkshire").entity is yorkshire  # a region, as itself
    found = g.country("YORKSHIRE")
    assert found.entity is not None and found.entity.id == "country:gb"
    # a region of no one country is no country's
    assert g.country("Central Asia").status is Status.NOT_FOUND
    # a weak abbreviation answers only where nothing strong does
    assert g.country("Herts").entity is not None
    assert g.country("Bucks").status is Status.NOT_FOUND  # left out: a word
