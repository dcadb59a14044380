from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gazetteer
from gazetteer import AliasFileError, Kind, Tier
from gazetteer.aliasfile import dump_entities

Write = Callable[..., Path]


def _load_errors(*paths: Path, bundled: bool = False) -> list[str]:
    with pytest.raises(AliasFileError) as caught:
        gazetteer.load(paths, bundled=bundled)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- id: person:x\n  name: [unclosed\n", 3, "malformed YAML"),
        ("- id: person:x\n  name: X\n  names: {en: X}\n  names: {ru: Х}\n", 4, "repeats the key"),
        ("- name: Nobody\n", 1, "entry has no id"),
        ("- id: person:nobody\n", 1, "has no name"),
        ("- id: planet:mars\n  name: Mars\n", 1, "unknown kind 'planet'"),
        ("- id: Person:Bad Slug\n  name: X\n", 1, "is not of the form"),
        ("- id: person:x\n  kind: city\n  name: X\n", 1, "contradicts id"),
        ("- id: person:x\n  name: X\n  names:\n    xx: [Foo]\n", 4, "unknown language code 'xx'"),
        (
            "- id: person:x\n  name: X\n  names:\n    en: [Foo]\n    english: [Bar]\n",
            5,
            "is not of the form",
        ),
        ("- id: person:x\n  name: X\n  names:\n    en: ['«»']\n", 4, "empty after normalisation"),
        ("- id: person:x\n  name: X\n  nmes: {en: Y}\n", 3, "unknown field 'nmes'"),
        ("- id: person:x\n  name: X\n  names:\n    ru: [Вэнc]\n", 4, "mixes Latin and Cyrillic"),
        ("- id: person:x\n  name: X\n  country: country:atlantis\n", 1, "not a known entity"),
        ("- id: person:x\n  name: !!python/object:os.system X\n", 2, "is not allowed"),
        ("- &a {id: person:x, name: X}\n- *a\n", 2, "aliases (*name)"),
        ("id: person:x\nname: X\n", 1, "must be a list of entries"),
        ("- id: person:x\n  name: X\n  names: [X]\n", 3, "must be a mapping"),
        ("- id: city:x\n  name: X\n  outranks: [city:nowhere]\n", 1, "outranks 'city:nowhere'"),
        ("- id: city:x\n  name: X\n  outranks: city:x\n", 1, "not another known entity"),
        ("- id: city:x\n  name: X\n  outranks: {a: b}\n", 3, "outranks"),
    ],
)
def test_each_problem_names_file_line_and_cause(
    write: Write, text: str, line: int, message: str
) -> None:
    path = write(text)
    errors = _load_errors(path)
    assert any(e.startswith(f"{path}:{line}: ") and message in e for e in errors), errors


def test_duplicate_id_within_the_sources(write: Write) -> None:
    first = write("- id: person:x\n  name: X\n", "a.yaml")
    second = write("- id: other:y\n  name: Y\n- id: person:x\n  name: X again\n", "b.yaml")
    errors = _load_errors(first, second)
    assert errors == [f"{second}:3: duplicate id 'person:x' (first defined at {first}:1)"]


def test_not_utf8(write: Write, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("- id: person:x\n  name: Jos\xe9\n".encode("latin-1"))
    assert _load_errors(path) == [f"{path}:2: file is not valid UTF-8"]


def test_missing_path(tmp_path: Path) -> None:
    assert "no such file or folder" in _load_errors(tmp_path / "nope.yaml")[0]


def test_every_problem_is_reported_and_nothing_loads(write: Write) -> None:
    path = write(
        "- id: person:a\n"
        "- id: person:b\n  name: B\n  names: {zz: [B]}\n"
        "- id: person:c\n  name: C\n  bogus: 1\n"
    )
    errors = _load_errors(path)
    assert len(errors) == 3
    assert [e.split(":")[1] for e in errors] == ["1", "4", "7"]


def test_yaml_scalars_keep_their_text(write: Write) -> None:
    path = write("- id: country:no\n  names:\n    en: [NO, Norway]\n    nb: [Noreg]\n")
    g = gazetteer.load([path], bundled=True)
    assert "NO" in g["country:no"].names["en"]


def test_overlay_merges_names_and_can_demote(write: Write, small_bundle: Path) -> None:
    path = write(
        "- id: city:baku\n  names: {de: [Baku]}\n  weak: {en: [Baku]}\n"
        "- id: country:kz\n  kind: country\n  names: {en: [Kazakh Land]}\n"
    )
    g = gazetteer.load([path])
    baku = g["city:baku"]
    assert "Baku" in baku.names["de"]
    assert all(a.tier is Tier.WEAK for a in baku.aliases if a.key == "baku")
    assert g.resolve("Kazakh Land").entity == g["country:kz"]


def test_outranks_weakens_only_the_shared_names_there(write: Write) -> None:
    path = write(
        "- id: city:rivertown\n  name: Rivertown\n  names: {ru: [Ривертаун]}\n"
        "  outranks: [region:rivertown-county]\n"
        "- id: region:rivertown-county\n  name: Rivertown County\n"
        "  names: {en: [Rivertown], ru: [Ривертаун, Ривертаунский округ]}\n"
    )
    g = gazetteer.load([path], bundled=False)
    tiers = {a.text: a.tier for a in g["region:rivertown-county"].aliases}
    assert tiers == {
        "Rivertown": Tier.WEAK,
        "Ривертаун": Tier.WEAK,
        "Rivertown County": Tier.STRONG,
        "Ривертаунский округ": Tier.STRONG,
    }
    resolution = g.resolve("RIVERTOWN")
    assert resolution.entity == g["city:rivertown"]
    assert {m.entity.id for m in resolution.candidates} == {
        "city:rivertown",
        "region:rivertown-county",
    }
    assert g.resolve("Ривертаунский округ").entity == g["region:rivertown-county"]


def test_overlay_cannot_contradict(write: Write, small_bundle: Path) -> None:
    path = write("- id: city:baku\n  country: country:ru\n")
    assert "contradicts 'country:az'" in _load_errors(path, bundled=True)[0]


def test_validate_reports_all_and_warns_about_shared_names(write: Write) -> None:
    good = write("- id: city:springfield-test\n  name: Georgia\n", "good.yaml")
    report = gazetteer.validate([good])
    assert report.errors == ()
    assert any("also names" in str(w) and "country:ge" in str(w) for w in report.warnings)
    bad = write("- id: person:a\n- id: person:b\n", "bad.yaml")
    assert len(gazetteer.validate([bad], bundled=False).errors) == 2


# -- generated alias files ---------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Pd", "Po"),
        max_codepoint=0x052F,
    ),
    min_size=1,
    max_size=20,
).filter(lambda t: gazetteer.normalize(t) != "" and t == t.strip())
_LANGS = st.sampled_from(["en", "ru", "bg", "uk", "kk", "az", "uz-Cyrl", "sr-Latn", "und"])
_SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)


@st.composite
def _entities(draw: st.DrawFn) -> list[gazetteer.Entity]:
    slugs = draw(st.lists(_SLUG, min_size=1, max_size=5, unique=True))
    out = []
    for slug in slugs:
        kind = draw(st.sampled_from([Kind.PERSON, Kind.ORGANIZATION, Kind.OTHER, Kind.CITY]))
        name = draw(_TEXT)
        city = kind is Kind.CITY
        population = draw(st.none() | st.integers(0, 40_000_000)) if city else None
        capital = draw(st.booleans()) if city else False
        aliases = {
            (text, lang): gazetteer.Alias(text, lang, tier)
            for text, lang, tier in draw(
                st.lists(st.tuples(_TEXT, _LANGS, st.sampled_from(Tier)), max_size=6)
            )
        }
        aliases.setdefault((name, "en"), gazetteer.Alias(name, "en", Tier.STRONG))
        entity_id = f"{kind.value}:{slug}"
        found = tuple(aliases.values())
        out.append(
            gazetteer.Entity(entity_id, kind, name, found, population=population, capital=capital)
        )
    return out


def _mixed(entity: gazetteer.Entity) -> bool:
    from gazetteer.records import _mixed_script_word

    return any(_mixed_script_word(a.text) for a in entity.aliases)


@given(entities=_entities())
def test_generated_files_load_and_round_trip(
    tmp_path: Path, entities: list[gazetteer.Entity]
) -> None:
    entities = [e for e in entities if not _mixed(e)]
    path = tmp_path / "generated.yaml"
    path.write_text(dump_entities(entities), encoding="utf-8")
    g = gazetteer.load([path], bundled=False)
    assert {e.id for e in g.entities} == {e.id for e in entities}
    for entity in entities:
        loaded = g[entity.id]
        assert loaded.name == entity.name
        assert set(loaded.aliases) == set(entity.aliases)
        assert (loaded.population, loaded.capital) == (entity.population, entity.capital)
    path.write_text(dump_entities(g.entities), encoding="utf-8")
    again = gazetteer.load([path], bundled=False)
    assert [(e.id, e.name, set(e.aliases)) for e in again.entities] == [
        (e.id, e.name, set(e.aliases)) for e in g.entities
    ]


def test_population_and_capital_are_read_and_checked(write: Write) -> None:
    path = write("- id: city:x\n  name: Xville\n  population: 12000\n  capital: yes\n")
    city = gazetteer.load([path], bundled=False)["city:x"]
    assert (city.population, city.capital) == (12000, True)
    bad = write("- id: city:y\n  name: Y\n  population: 12 000\n", "bad.yaml")
    with pytest.raises(AliasFileError) as caught:
        gazetteer.load([bad], bundled=False)
    message = "population must be a whole number of people (digits only)"
    assert str(caught.value) == f"{bad}:3: {message}"


def test_an_overlay_sets_or_keeps_capital(write: Write, world_pack: Path) -> None:
    # Sana'a is a capital in GeoNames (and in the bundled data, by
    # tools/region_cities.py); the fixture world with a pack of a few cities:
    # the same merge as over the whole bundled data, without its two compiles
    sanaa = "city:71137"
    assert gazetteer.load(packs=["cities"])[sanaa].capital is True
    kept = write(f"- id: {sanaa}\n  names:\n    de: [Sanaa-Stadt]\n", "kept.yaml")
    cleared = write(f"- id: {sanaa}\n  capital: false\n", "cleared.yaml")
    assert gazetteer.load([kept], packs=["cities"])[sanaa].capital is True
    assert gazetteer.load([cleared], packs=["cities"])[sanaa].capital is False


def test_the_bundled_data_reads_a_generated_citys_capital(g: gazetteer.Gazetteer) -> None:
    # Sana'a, filed by tools/region_cities.py with GeoNames' figures
    sanaa = g["city:71137"]
    assert sanaa.capital is True and sanaa.population and sanaa.population > 1_000_000
