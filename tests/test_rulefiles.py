"""The rule files under ``_data/`` load through one validated loader
(gazetteer.rulefiles): every bundled file is valid, and each kind of mistake
in a copy of them is reported with its file, line and code."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import gazetteer
from gazetteer import rulefiles, translit
from gazetteer.errors import PROBLEM_CODES, AliasFileError, Problem, RuleFileError

Loader = Callable[[Path | None], object]


def _loader(name: str) -> Loader:
    """The function that loads a file: inflection/ky.yaml → rulefiles.inflection."""
    kind = name.split("/")[0].removesuffix(".yaml")
    loader: Loader = getattr(rulefiles, kind)
    return loader


def _edit(data: Path, name: str, old: str, new: str) -> Path:
    path = data / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, (name, old)
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def test_every_bundled_rule_file_is_valid() -> None:
    assert rulefiles.check_all() == []
    assert {"ru", "uk", "kk", "ky", "tr"} <= set(rulefiles.inflection())
    assert rulefiles.inflection()["ky"].suffixes
    assert rulefiles.translit().languages["ru"].reversible == ("iso9",)
    assert rulefiles.letters().letters["ı"] == "i"
    assert rulefiles.stopwords()["en"]
    assert rulefiles.names().patronymic_words
    assert rulefiles.phonetic().ambiguous["j"] == ("", "J")
    assert rulefiles.geonames().min_population in (500, 1000, 5000, 15000)


def test_endings_stay_as_written() -> None:
    """Raw strings in the order written: the caller folds and sorts."""
    endings = dict(rulefiles.inflection()["ru"].endings)
    assert list(endings)[:3] == ["ство", "ия", "ея"]
    assert endings[""] == ("а", "у", "ом", "е", "ым")


def test_a_copy_loads_as_the_bundled_files_do(data: Path) -> None:
    assert rulefiles.check_all(data) == []
    assert rulefiles.inflection(data) == rulefiles.inflection()
    assert rulefiles.translit(data) == rulefiles.translit()


def test_every_demonym_names_a_bundled_entity() -> None:
    g = gazetteer.load()
    missing = [entity_id for entity_id in rulefiles.demonyms().stems if entity_id not in g]
    assert missing == []


# (file, text, its replacement, code, part of the message, a text that starts
# the line reported; None: the replacement, "": any line)
MISTAKES = [
    (
        "inflection/ky.yaml",
        "suffixes:",
        "sufixes:",
        "unknown-field",
        "unknown field 'sufixes'",
        None,
    ),
    (
        "inflection/ky.yaml",
        "indeclinable: []",
        "indeclinable: о",
        "bad-type",
        "must be a list",
        None,
    ),
    (
        "inflection/ru.yaml",
        "language: ru",
        "language: uk",
        "bad-value",
        "not the file's name",
        None,
    ),
    ("geonames.yaml", "min_population: 15000", "min_population: many", "bad-type", "whole", None),
    ("geonames.yaml", "min_population: 15000", "min_population: 2000", "bad-value", "5000", None),
    (
        "geonames.yaml",
        "lower_case_latin: true",
        "lower_case_latin: yes please",
        "bad-type",
        "true",
        None,
    ),
    ("geonames.yaml", "  words:", "  wrds:", "unknown-field", "'wrds' in 'drop'", None),
    (
        "geonames.yaml",
        "  words:",
        "  wrds:",
        "missing-field",
        "no field 'words' in 'drop'",
        "  lower",
    ),
    ("phonetic.yaml", "ambiguous:", "ambiguous: [unclosed", "yaml-syntax", "malformed YAML", ""),
    (
        "phonetic.yaml",
        "vowels: aeiouy",
        "vowels: &v aeiouy\nnone: *v",
        "yaml-alias",
        "*name",
        "none",
    ),
    (
        "names.yaml",
        "patronymic_words: [",
        "patronymic_words: !!set [",
        "yaml-tag",
        "rule files",
        None,
    ),
    ("translit/kk.yaml", "name: Kazakh\n", "", "missing-field", "no field 'name'", "language"),
    ("translit/ru.yaml", "[iso9]", "[iso8]", "unknown-reference", "'iso8' is not one of", "revers"),
    ("translit/uz.yaml", "  х: x", "  х: X", "bad-value", "'X' is not in lower case", None),
    ("translit/uz.yaml", "  х: x", "  х: х", "bad-value", "holds a Cyrillic letter", None),
    ("translit/uz.yaml", "name: Uzbek", "name: [Uzbek]", "bad-type", "single text value", None),
    ("translit/uz.yaml", "letters:", "letters: []\nold_letters:", "bad-type", "a mapping", None),
    ("letters.yaml", "  ı: i ", "  ıı: i ", "bad-value", "'ıı' is not one character", None),
    ("letters.yaml", "  ø: o\n", "  ø: o\n  ı: x\n", "duplicate-key", "repeats the key", "  ı: x"),
    ("stopwords.yaml", "uk: [мир, ", "uk: [мир, мир, ", "duplicate-value", "repeats", None),
    ("stopwords.yaml", "uk: [", "ukrainian: [", "bad-value", "is not a language code", None),
    (
        "demonyms.yaml",
        "  country:az: [азербайджанск",
        "  Country:AZ: [азербайджанск",
        "bad-value",
        "is not an entity id",
        None,
    ),
    (
        "demonyms.yaml",
        "[украинск, ",
        "[американск, украинск, ",
        "duplicate-value",
        "'country:us'",
        "  country:az",
    ),
    ("demonyms.yaml", "max_ending: 4", "max_ending: -1", "bad-value", "0 or more", None),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "message", "at"), MISTAKES, ids=[m[3] for m in MISTAKES]
)
def test_each_mistake_is_reported_with_file_line_and_code(
    data: Path, name: str, old: str, new: str, code: str, message: str, at: str | None
) -> None:
    path = _edit(data, name, old, new)
    with pytest.raises(RuleFileError) as caught:
        _loader(name)(data)
    where = f"{path}:"
    text = path.read_text("utf-8")
    at = new if at is None else at
    if at:
        where += f"{text[: text.index(at)].count(chr(10)) + 1}: "
    found = [p for p in caught.value.problems if p.code == code and message in p.message]
    assert [p for p in found if str(p).startswith(where)], caught.value.problems
    assert str(caught.value).startswith(str(path))
    assert set(found) <= set(rulefiles.check_all(data))


def test_an_empty_file(data: Path) -> None:
    (data / "names.yaml").write_text("# nothing yet\n", "utf-8")
    with pytest.raises(RuleFileError) as caught:
        rulefiles.names(data)
    assert [(p.line, p.code) for p in caught.value.problems] == [(None, "missing-field")]


def test_a_file_no_loader_reads(data: Path) -> None:
    shutil.copy(data / "names.yaml", data / "name.yaml")
    shutil.copy(data / "inflection" / "ru.yaml", data / "inflection" / "be.yml")
    problems = rulefiles.check_all(data)
    assert [(Path(p.source).name, p.code) for p in problems] == [
        ("be.yml", "unknown-file"),
        ("name.yaml", "unknown-file"),
    ]


@pytest.mark.parametrize(
    "name", ["country_words.yaml", "country_adjectives.yaml", "demonyms.yaml", "demonym_nouns.yaml"]
)
def test_a_broken_file_is_reported_once(data: Path, name: str) -> None:
    # a file another file's check reads (the generated country_words.yaml and
    # demonym_nouns.yaml, and the files written by hand beside them) is
    # reported by its own loader only
    (data / name).write_text("- a list, where a mapping is wanted\n", "utf-8")
    problems = [(p.source, p.line, p.message) for p in rulefiles.check_all(data)]
    assert problems and len(set(problems)) == len(problems)
    assert {Path(source).name for source, _, _ in problems} == {name}


def test_all_problems_of_all_files_and_nothing_loaded(data: Path) -> None:
    _edit(data, "inflection/ky.yaml", "suffixes:", "sufixes:")
    _edit(data, "inflection/kk.yaml", "language: kk", "language: [kk]")
    with pytest.raises(RuleFileError) as caught:
        rulefiles.inflection(data)
    assert sorted(Path(p.source).name for p in caught.value.problems) == ["kk.yaml", "ky.yaml"]
    assert "(and 1 more problem)" in str(caught.value)
    with pytest.raises(RuleFileError):  # a failed load is not cached
        rulefiles.inflection(data)


def test_translit_keys_of_several_letters_come_first(data: Path) -> None:
    """A key of several letters (README: "applied before single letters"),
    capitalised in either way, by the fast path and the registered pack alike."""
    _edit(data, "translit/uz.yaml", "letters:\n", "letters:\n  дж: j\n")
    schemes = translit.build_schemes(rulefiles.translit(data))["uz"]
    latin = next(s for s in schemes if s.name == "latin")
    practical = next(s for s in schemes if s.name == "practical")
    assert translit.to_latin("Джиззах", latin) == "Jizzax"
    assert translit.to_latin("ДЖИЗЗАХ", latin) == "JIZZAX"
    assert translit.to_latin("джиззах жиззах", practical) == "jizzakh zhizzakh"
    for scheme in schemes:
        pack = translit._pack(scheme)()
        for text in ("Джиззах", "ДЖИЗЗАХ", "аджа", "Ўзбекистон"):
            assert translit.to_latin(text, scheme) == pack.translit(text, reversed=True)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("- id: person:x\n  name: [unclosed\n", "yaml-syntax"),
        ("- name: Nobody\n", "missing-field"),
        ("- id: planet:mars\n  name: Mars\n", "unknown-kind"),
        ("- id: person:x\n  name: X\n  nmes: {en: Y}\n", "unknown-field"),
        ("- id: person:x\n  name: X\n  names:\n    xx: [Foo]\n", "bad-language"),
        ("- id: person:x\n  name: X\n  country: country:atlantis\n", "unknown-reference"),
        ("- id: person:x\n  name: X\n  weaken: perhaps\n", "bad-value"),
        ("- id: city:x\n  name: X\n  population: many\n", "bad-value"),
        ("- id: city:x\n  name: X\n  population: -5\n", "bad-value"),
        ("- id: city:x\n  name: X\n  population: 1.5e6\n", "bad-value"),
        ("- id: city:x\n  name: X\n  capital: perhaps\n", "bad-value"),
    ],
)
def test_alias_file_problems_carry_codes_too(tmp_path: Path, text: str, code: str) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(AliasFileError) as caught:
        gazetteer.load([path], bundled=False)
    problems: tuple[Problem, ...] = caught.value.problems
    assert code in {p.code for p in problems}, problems
    assert all(p.code in PROBLEM_CODES for p in problems)
