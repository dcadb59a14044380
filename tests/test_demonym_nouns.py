"""The nouns for a country's people made from CLDR's adjectives and attested
by wordfreq (tools/demonym_nouns.py, _data/demonym_nouns.yaml): the file is
what the generator makes, and each stem is read as its country by the
tagger and by Gazetteer.country alike."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, RuleFileError, Status, rulefiles

ROOT = Path(__file__).parent.parent


def _generator() -> ModuleType:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        return importlib.import_module("demonym_nouns")
    finally:
        sys.path.remove(str(ROOT / "tools"))


def test_the_file_equals_what_the_generator_makes() -> None:
    pytest.importorskip("babel")
    pytest.importorskip("wordfreq")
    committed = (rulefiles.data_dir() / "demonym_nouns.yaml").read_text("utf-8")
    assert committed == _generator().generate(), "run: python tools/demonym_nouns.py"


@pytest.mark.parametrize(
    ("base", "adjective", "name", "fits"),
    [
        ("ирак", "иракск", "ирак", 4),
        ("ирак", "иракск", "иран", 3),  # fits, but less well than Ирак: Ирак's
        ("англій", "англійськ", "ангілья", 0),  # English is no adjective of Anguilla
        ("французск"[:-2], "французск", "французская полинезия", 0),  # the name's own word
        ("чехослова", "чехословацк", "чехия", 0),  # too little of the base
        ("кений", "кенийск", "кения", 4),
    ],
)
def test_how_an_adjective_fits_a_name(base: str, adjective: str, name: str, fits: int) -> None:
    assert _generator()._fit(base, adjective, name) == fits


def _generated() -> list[tuple[str, str]]:
    people = rulefiles.demonym_nouns().people
    return [(stem, entity_id) for entity_id, stems in people.items() for stem in stems]


@given(st.sampled_from(_generated()), st.sampled_from(["", "ы", "и", "ите", "і", "ів", "ами"]))
@settings(max_examples=80)
def test_a_noun_for_a_people_is_its_country_in_text_and_as_a_query(
    g: Gazetteer, stem_and_id: tuple[str, str], ending: str
) -> None:
    """Each generated stem, with an ending the tagger allows, is its country
    in a text (``demonyms=True``); to Gazetteer.country, with an ending a
    list of countries writes (``country_endings``), and with no other."""
    stem, entity_id = stem_and_id
    word = stem + ending
    found = [m for m in g.tag(f"Вчера {word} прибыли.", demonyms=True) if m.demonym]
    assert [(m.surface, m.entity.id if m.entity else None) for m in found] == [(word, entity_id)]
    answer = g.country(word)
    if ending in rulefiles.demonyms().country_endings:
        # (or the country's name inflected: uk ямайці, "Jamaicans", is "in Jamaica" too)
        assert answer.entity is not None and answer.entity.id == entity_id
    else:
        assert answer.match is None or answer.match.note != "read as a noun for a people"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Румънците протестираха пред посолството.", "bg", ["country:ro"]),
        ("Швейцарцы и кенийцы прибыли в Женеву.", "ru", ["country:ch", "country:ke"]),
        ("Угорці та литовці голосували проти.", "uk", ["country:hu", "country:lt"]),
        # a word a noun of this kind would make, but no people's: out
        ("Вона прийшла у білій туніці.", "uk", []),
        ("Польцы и румыны", "ru", []),  # Poles are поляки: no such noun is made
        ("Бруно Ганц сыграл главную роль.", "ru", []),  # stems are five letters or more
    ],
)
def test_nouns_for_a_people_in_news(
    g: Gazetteer, text: str, lang: str, expected: list[str]
) -> None:
    found = [m for m in g.tag(text, lang=lang, demonyms=True) if m.demonym]
    assert [m.entity.id if m.entity else None for m in found] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Швейцарец", "country:ch"), ("американец", "country:us"), ("Румънците", "country:ro")],
)
def test_country_reads_a_noun_for_a_people(g: Gazetteer, query: str, expected: str) -> None:
    found = g.country(query)
    assert found.status is Status.RESOLVED and found.match is not None
    assert found.match.entity.id == expected
    assert found.match.note == "read as a noun for a people"
    assert g.resolve(query).entity is None  # resolve reads one only when asked


@pytest.mark.parametrize("written", ["кенийц", "Кенийц", "КЕНИЙЦ"])
def test_a_stem_of_two_countries_across_the_files_is_an_error(tmp_path: Path, written: str) -> None:
    # as the scan reads them: folded, so each way of writing it collides
    data = tmp_path / "data"
    data.mkdir()
    hand = f"max_ending: 4\nstems: {{}}\npeople:\n  country:fr: [{written}]\n"
    (data / "demonyms.yaml").write_text(hand)
    (data / "demonym_nouns.yaml").write_text("# made\npeople:\n  country:ke: [кенийц]\n")
    with pytest.raises(RuleFileError) as error:
        rulefiles.demonyms(data)
    [problem] = error.value.problems  # once, in the generated file, which the tool remakes
    assert problem.source.endswith("demonym_nouns.yaml") and problem.line == 3
    assert "'country:fr'" in problem.message and "tools/demonym_nouns.py" in problem.message
    assert rulefiles.demonyms_by_hand(data).people == {"country:fr": (written,)}


def test_a_stem_that_makes_another_word_is_not_made() -> None:
    # Ганецкий, a surname, starts with ганец (Ghanaian) and ends in no form of it
    makes = _generator()._makes_other_words
    assert makes("ганец", "ru", {"ганец": ["ганецкий", "ганеца"]}, 3)
    assert not makes("ганец", "ru", {"ганец": ["ганеца", "ганецами"]}, 3)  # forms; too long


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Борис Немцов и Яков Ганецкий", []),  # surnames: a capital inside a sentence
        ("Суда вошли в Индийский океан.", []),  # an adjective in a name
        ("Немцы пришли. Американцы тоже.", ["Немцы", "Американцы"]),  # sentences start
        ("Он сказал: «Швейцарцы ушли»", ["Швейцарцы"]),
        ("Вчера американцы и немцы", ["американцы", "немцы"]),
        ("Вчера, Американцы", []),  # after a comma: inside
        ("Вчора В'єтнамці перемогли.", []),  # the letter after the apostrophe is small
        # a sentence, a title or an item may start after anything but a letter or a comma
        ("Итоги:\n* Американцы приехали.", ["Американцы"]),
        ("\ufeffАмериканцы приехали.", ["Американцы"]),
        ("<p>Американцы приехали.", ["Американцы"]),
        ("2024\tАмериканцы приехали.", ["Американцы"]),
        ("Так и есть.\u2003Американцы приехали.", ["Американцы"]),
        ("Так и есть 😀 Американцы приехали.", ["Американцы"]),
        ("Билеты куплены  Американцы приехали.", ["Американцы"]),  # a title, then the text
        ("Билеты куплены\nАмериканцы приехали.", ["Американцы"]),
    ],
)
def test_a_capitalised_cyrillic_demonym_inside_a_sentence_is_a_name(
    g: Gazetteer, text: str, expected: list[str]
) -> None:
    found = g.tag(text, lang="ru", demonyms=True, adjectives=True)
    assert [m.surface for m in found if m.demonym] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("армянин", "country:am"),
        ("армяне", "country:am"),
        ("българин", "country:bg"),
        ("българите", "country:bg"),
        ("росіянин", "country:ru"),
        ("американка", "country:us"),
        ("Японка", "country:jp"),
        ("Швейцарцы", "country:ch"),
    ],
)
def test_country_reads_the_forms_a_list_writes(g: Gazetteer, query: str, expected: str) -> None:
    # plural and singular, man and woman (country_endings)
    assert g.country(query).entity == g.get(expected)


@pytest.mark.parametrize("query", ["Узбеков", "Немцова", "Армянск", "Казахме", "Грузинов"])
def test_country_reads_a_noun_only_as_a_list_writes_one(g: Gazetteer, query: str) -> None:
    # a stem with another ending is more often a surname or another word
    assert g.resolve(query, demonyms=True).entity is not None or query == "Армянск"
    assert g.country(query).status is Status.NOT_FOUND


def test_a_broken_generated_file_is_reported_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(rulefiles.data_dir(), data)
    (data / "demonym_nouns.yaml").write_text("people:\n  Kenya: [кенийц]\n")
    problems = [p for p in rulefiles.check_all(data) if p.source.endswith("demonym_nouns.yaml")]
    assert [(p.line, p.code) for p in problems] == [(2, "bad-value")]
