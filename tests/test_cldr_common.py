"""CLDR's names that are common words of their language and the entity's own
name there (German Russland, Prag; Turkish Londra): tools/cldr_names.py
keeps them, where a common word that is no name of the entity (English
"room", Frisian Room for Rome), a long Cyrillic word's Latin form, or a short
one's for a small locale, still keeps a name out."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, normalize, rulefiles

babel = pytest.importorskip("babel")


def _text_languages() -> list[str]:
    """The languages the library has common words for (its text languages)."""
    return sorted(rulefiles.common_words())


@pytest.mark.parametrize("lang", _text_languages())
def test_every_cldr_country_name_of_a_text_language_is_filed_in_it(g: Gazetteer, lang: str) -> None:
    # a name that is also a common word of the language is no exception: the
    # word is common because it names the country (Russland, Ukraine in German)
    missing = []
    for code, name in babel.Locale.parse(lang).territories.items():
        entity = g.get(f"country:{code.lower()}")
        if entity is None or not code.isalpha() or "(" in name:
            continue  # a bracketed CLDR name is filed in parts (tested in test_cldr.py)
        key = normalize(name)
        if not any(a.key == key and a.lang.split("-")[0] == lang for a in entity.aliases):
            missing.append((code, name))
    assert not missing


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Russland und Prag", "de", ["country:ru", "city:3067696"]),
        ("Die Ukraine und Wien", "de", ["country:ua", "city:2761369"]),
        ("Londra ve Brüksel", "tr", ["city:london", "city:brussels"]),
    ],
)
def test_names_that_are_common_words_because_they_are_names_are_tagged(
    g: Gazetteer, text: str, lang: str, expected: list[str]
) -> None:
    assert [m.entity.id for m in g.tag(text, lang=lang) if m.entity] == expected


def test_a_common_word_that_means_something_else_keeps_a_name_out(g: Gazetteer) -> None:
    # Frisian and Low German call Rome "Room"; in English it is a room
    rome = g.get("city:3169070")
    assert rome is not None
    assert "room" not in {a.key for a in rome.aliases}
    assert not g.tag("Room 12 is free", lang="en")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Amy said she would come.", "amy"),  # Kaingang for Amman; Russian ами
        ("Uma said she would come.", "uma"),  # a small locale's Oman; Russian ума
        ("Nowe przepisy weszły w życie.", "nowe"),  # Polish "new"; Ukrainian нове
    ],
)
def test_a_small_locales_short_latin_name_stays_out(g: Gazetteer, text: str, word: str) -> None:
    # the Latin form of a short Cyrillic common word lets a name in only for a
    # language the library reads texts in (German Prag), or when it is the
    # entity's own name too: else it is often a word or a given name of a
    # Latin language
    assert g.resolve(word.title()).status.value == "not_found"
    assert not g.tag(text)


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Rusia", "es", "country:ru"),  # Bulgarian Русия romanised; and Russian руся
        ("Rusia", "ro", "country:ru"),
    ],
)
def test_a_name_that_romanises_the_entitys_own_common_word_is_filed(
    g: Gazetteer, name: str, lang: str, expected: str
) -> None:
    # of any language: the common word is common because it names the entity
    entity = g.get(expected)
    assert entity is not None
    assert (name, lang) in {(a.text, a.lang) for a in entity.aliases}
    assert g.resolve(name).entity == entity


def test_a_name_in_small_letters_of_another_language_stays_out(g: Gazetteer) -> None:
    # Tachelhit and Riffian write Mali "mali": filed, it would answer the
    # lower-case query as written, and no longer tie Mali with Guinea's region
    mali = g.get("country:ml")
    assert mali is not None
    assert not [a for a in mali.aliases if a.text == "mali"]
    assert g.resolve("mali").status.value == "ambiguous"


def test_a_name_that_romanises_another_common_word_stays_out(g: Gazetteer) -> None:
    # Indonesian and Javanese Wina (Vienna) is Russian вина, "wine", romanised
    vienna = g.get("city:2761369")
    assert vienna is not None and "wina" not in {a.key for a in vienna.aliases}


def test_a_bracketed_part_that_is_a_common_word_is_no_name(g: Gazetteer) -> None:
    # Polish "Meksyk (miasto)": "(miasto)", city, says what Meksyk is here
    mexico_city = g.get("city:3530597")
    assert mexico_city is not None
    assert "Meksyk (miasto)" in {a.text for a in mexico_city.aliases}
    assert "miasto" not in {a.key for a in mexico_city.aliases}


def test_a_latin_form_of_a_long_common_word_keeps_a_name_out(g: Gazetteer) -> None:
    # Aghem's Mòlokò (Morocco) is Russian молоко, "milk", romanised: a
    # query of six letters or more may meet a name of another script by it
    morocco = g.get("country:ma")
    assert morocco is not None and "moloko" not in {a.key for a in morocco.aliases}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Er wohnt in Russland.", "de"),
        ("Er wohnt in Brüssel.", "de"),
        ("Dün Londra'ya gitti.", "tr"),
    ],
)
def test_the_alias_a_mention_reports_is_of_the_texts_language(
    g: Gazetteer, text: str, lang: str
) -> None:
    # many languages file Russland, Brüssel, Londra: the one the text is in says it
    [mention] = g.tag(text, lang=lang)
    assert mention.alias.lang == lang
    found = g.resolve(mention.surface.split("'")[0], lang=lang).match
    assert found is not None and found.alias.lang == lang
    assert g.candidates(mention.surface.split("'")[0], lang=lang)[0].alias.lang == lang
