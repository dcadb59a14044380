"""data/aliases/counties_gb.yaml: the counties of England as addresses write
them, read by Gazetteer.country as the United Kingdom; and the rule that
makes a region linked to one country that country's place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gazetteer import Gazetteer, Status

FILE = Path(__file__).resolve().parents[1] / "data" / "aliases" / "counties_gb.yaml"
WORD = 3.0  # a word's Zipf frequency from which a weak one-word name is left out


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


# the languages of the texts in Latin letters our users tag (a weak one-word
# name is read in any of them)
LATIN_TEXTS = ("en", "de", "fr", "es", "it", "nl", "pl", "ro", "tr")


def test_no_weak_one_word_name_is_a_word(g: Gazetteer) -> None:
    # a weak name of one word (an abbreviation: Herts; a county long
    # abolished: Avon, also a river and a brand) is no word of a language
    # whose texts are written in Latin letters, nor a given name (Ches)
    wordfreq = pytest.importorskip("wordfreq")
    one_word = [name for _, name in _names("weak") if " " not in name]
    assert len(one_word) > 30
    words = [
        (name, lang)
        for name in one_word
        for lang in LATIN_TEXTS
        if wordfreq.zipf_frequency(name, lang) >= WORD
    ]
    assert words == []
    assert not {"Ches", "Avon", "Dor"} & set(one_word)
