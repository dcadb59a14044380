"""A one-word place name inside a longer name the gazetteer does not know
(a person's, a party's) is not reported as the place; nor is a place or an
organisation that completes an organisation's name after its head (МИД
Франции, Съдът на ЕС)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, Kind, rulefiles
from gazetteer.errors import RuleFileError
from gazetteer.forms import rules
from gazetteer.wordindex import word_key

from .conftest import sampled_from


def _ids(g: Gazetteer, text: str, lang: str | None = "ru") -> list[tuple[str, str | None]]:
    return [(m.surface, m.entity.id if m.entity else None) for m in g.tag(text, lang=lang)]


def test_a_place_as_a_given_name(g: Gazetteer) -> None:
    # Азия here is a woman's given name; the text keeps calling her so
    text = "Суд отпустил Азию Марави домой. Позже Азия Марави уехала, и Азия не вернётся."
    assert [s for s, _ in _ids(g, text)] == []
    # where the continent stands alone, it is the continent
    assert _ids(g, "Торговля с Азией растёт.") == [("Азией", "region:asia")]


def test_a_hyphen_joins_the_words_of_a_name_too(g: Gazetteer) -> None:
    assert _ids(g, "агентство Лумина-Казахстан сообщило") == []
    assert _ids(g, "помогли Азию-Марави спасти") == []
    # two names joined by a hyphen are both names
    found = _ids(g, "рейсы Москва-Казахстан отменили")
    assert [s for s, _ in found] == ["Москва", "Казахстан"]


def test_a_place_after_an_unknown_name(g: Gazetteer) -> None:
    # a surname that is also a place, after a given name
    assert _ids(g, "на встречу пришёл Горан Болтон и ушёл", "ru") == []
    # the last word of a party's name
    assert _ids(g, "движение Лумина Казахстан провело съезд") == []


def test_a_place_after_a_given_name_that_is_a_common_word_is_a_surname(g: Gazetteer) -> None:
    # Джон is a common Russian word, and a given name (names.yaml); the
    # text's other Болтон, and Болтона, are the man too
    text = "советник Джон Болтон провёл встречу. Позже Болтон уехал, а встреча Болтона"
    assert _ids(g, text) == []
    assert _ids(g, "Джона Болтона встретили.") == []
    assert _ids(g, "Джон Болтон приехал.") == []  # a given name starts a sentence too
    # without the given name, the town
    assert _ids(g, "Позже Болтон ответил.") == [("Болтон", "city:2655237")]
    # a given name after a place starts another name
    assert _ids(g, "из Лондона Джон уехал") == [("Лондона", "city:london")]
    # a place the language names often stays the place elsewhere in the text
    text = "«Джордж Вашингтон» прибыл. Вашингтон заявил, что позиция Вашингтона неизменна."
    assert [s for s, _ in _ids(g, text)] == ["Вашингтон", "Вашингтона"]
    # with no language, the surname is inflected by every language's rules
    assert _ids(g, "Джон Болтон приехал. Встреча Болтона", None) == []


def test_the_given_names_are_common_words_of_their_language() -> None:
    """A given name that is no common word continues a name without a
    listing: the list is for the words the common-word rule would refuse."""
    common = rulefiles.common_words()
    for lang, names in rulefiles.names().given_names.items():
        assert lang in common, lang
        assert [name for name in names if name not in common[lang].words] == [], lang


def test_a_place_before_a_roman_number_is_a_sovereigns_name(g: Gazetteer) -> None:
    # Бенедикт is a Slovenian municipality; with a number, a pope
    assert _ids(g, "Бенедикт", "ru") == [("Бенедикт", "subdivision:si-148")]
    text = "заявил папа Бенедикт XVI. Позже Бенедикт уехал."
    assert _ids(g, text) == []
    # written with Cyrillic Х and І, as Cyrillic texts often do
    assert _ids(g, "от Бенедикт ХVІ, така", "bg") == []
    # a country or a place the language names often: a century, an era
    text = "Россия XXI века. Россия вступила"
    assert _ids(g, text) == [("Россия", "country:ru"), ("Россия", "country:ru")]
    # a lone letter is no number
    assert _ids(g, "в Казахстане I и X") == [("Казахстане", "country:kz")]


def test_a_latin_name_joined_by_a_full_stop_is_an_address_or_a_brand(g: Gazetteer) -> None:
    assert _ids(g, "кампания Leave.EU заявила, сайт georgia.gov и Georgia.gov") == []
    # a sentence run on after a full stop is no such join, nor is Cyrillic text
    assert _ids(g, "He left London.The talks ended.", "en") == [("London", "city:london")]
    assert _ids(g, "уехал в Лондон.Переговоры") == [("Лондон", "city:london")]
    # nor is a number, or another name, across the stop
    assert [s for s, _ in _ids(g, "1.USA 2.UK 3.Germany", "en")] == ["USA", "UK", "Germany"]
    assert [s for s, _ in _ids(g, "Paris.2024 and Russia.EU", "en")] == ["Paris", "Russia", "EU"]


def test_a_name_inside_a_run_of_words_of_another_script(g: Gazetteer) -> None:
    # Latin words in a Russian text: no Russian common word, no sentence start
    assert _ids(g, "под давлением The New York Times он признал") == []
    assert _ids(g, "фунтов. The New York Times сообщила") == []
    assert _ids(g, "из Air Berlin ушёл") == []
    # a name of several words with one such neighbour is still the place
    found = _ids(g, "в New York Stock торговали")
    assert [s for s, _ in found] == ["New York"]


def test_a_place_before_a_persons_full_name_is_kept(g: Gazetteer) -> None:
    text = "посол Казахстана Арман Жуманов приехал"
    assert ("Казахстана", "country:kz") in _ids(g, text)


def test_a_place_after_a_capitalised_word_that_starts_a_sentence_is_kept(g: Gazetteer) -> None:
    assert _ids(g, "Погода хорошая. Потом Казахстан ответил.") == [("Казахстан", "country:kz")]
    assert _ids(g, "Погода хорошая. Зорбек Казахстан покинул.")[0][0] == "Казахстан"
    assert _ids(g, 'Он сказал: "Потом Казахстан ответит".') == [("Казахстан", "country:kz")]


@pytest.mark.parametrize("quotes", ["«»", '""', "“”", "„“"])
def test_a_quotation_of_two_names_is_one_name(g: Gazetteer, quotes: str) -> None:
    # after an opening quote a capitalised word may start a sentence; a
    # quotation that holds it and the place and nothing more is a name
    opening, closing = quotes[0], quotes[1]
    assert _ids(g, f"партия {opening}Зорбек Казахстан{closing} провела съезд") == []
    assert _ids(g, f"партия {opening}Зорбек-Лабаик Казахстан{closing} провела") == []
    # more in the quotation, or a quote on one side only: the place
    found = _ids(g, f"партия {opening}Зорбек Казахстан и Китай{closing} провела")
    assert [s for s, _ in found] == ["Казахстан", "Китай"]
    assert _ids(g, f"{opening}Зорбек Казахстан") == [("Казахстан", "country:kz")]
    assert _ids(g, f"Зорбек Казахстан{closing}") == [("Казахстан", "country:kz")]


def test_an_acronym_or_another_name_next_to_it_changes_nothing(g: Gazetteer) -> None:
    assert ("Казахстана", "country:kz") in _ids(g, "писали СМИ Казахстана вчера")
    assert _ids(g, "между Казахстаном Узбекистаном и") == [
        ("Казахстаном", "country:kz"),
        ("Узбекистаном", "country:uz"),
    ]


def test_a_person_after_an_unknown_given_name_is_still_the_person(g: Gazetteer) -> None:
    found = _ids(g, "с ним говорил Доналд Трамп вчера", None)
    assert ("Трамп", "person:donald-trump") in found


def test_lower_cased_text_is_read_without_the_rule(g: Gazetteer) -> None:
    found = [m.surface for m in g.tag("в лумина казахстан", lowercase=True)]
    assert found == ["казахстан"]


# -- the head of an organisation's name -----------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Вчера МИД Франции выразил протест.", "ru"),
        ("решение верховного суда Индии вступило в силу", "ru"),
        ("В министерстве иностранных дел Японии молчат.", "ru"),
        ("Совету ЕС предложили новый план.", "ru"),
        ("кабинет министров Великобритании собрался", "ru"),
        ("Рада ЄС ухвалила рішення, а МЗС Польщі промовчало.", "uk"),
        ("Съдът на ЕС отхвърли иска.", "bg"),
        ("говорител на министерството на външните работи на Гърция", "bg"),
        ("заседание на Съвета за сигурност на ООН", "bg"),
    ],
)
def test_a_name_after_the_head_of_an_organisations_name_is_not_reported(
    g: Gazetteer, text: str, lang: str
) -> None:
    assert _ids(g, text, lang) == []
    assert _ids(g, text, None) == []  # every language's heads, when the text's is not given


def test_a_name_after_other_words_is_reported(g: Gazetteer) -> None:
    # a minister, a judge: a person, and the country is the place
    assert _ids(g, "министр иностранных дел Франции сказал") == [("Франции", "country:fr")]
    assert _ids(g, "главный судья Индии сказал") == [("Индии", "country:in")]
    # the head must stand right before the name
    assert _ids(g, "суд, Франция и") == [("Франция", "country:fr")]
    assert _ids(g, "суд\nФранция", "ru") == [("Франция", "country:fr")]
    # a join without a head before it, and a head of another language
    assert _ids(g, "той отиде на Франция", "bg") == [("Франция", "country:fr")]
    assert _ids(g, "Рада Франции", "ru") == [("Франции", "country:fr")]
    # a person completes no organisation's name
    assert ("Трампа", "person:donald-trump") in _ids(g, "совет Трампа был прост")


def test_the_head_rule_is_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(rulefiles.data_dir(), data, ignore=shutil.ignore_patterns("aliases"))
    path = data / "organisations.yaml"
    path.write_text(path.read_text("utf-8").replace("    - суд\n", "    - Суд\n"), "utf-8")
    with pytest.raises(RuleFileError, match="not in key form"):
        rulefiles.organisations(data)


def _head_forms() -> list[str]:
    """Every Russian head of one word, and the forms the Russian rules make of it."""
    rule = rules()["ru"]
    heads = [head for head in rulefiles.organisations()["ru"].heads if " " not in head]
    return sorted({form for head in heads for form in (head, *rule.inflect(head))})


@given(data=st.data())
@settings(max_examples=60)
def test_a_head_drops_the_name_after_it_and_nothing_else(
    g: Gazetteer, places: list[str], data: st.DataObject
) -> None:
    place, other = data.draw(sampled_from(places)), data.draw(sampled_from(places))
    head = data.draw(st.sampled_from(_head_forms()))
    head = data.draw(st.sampled_from([head, head.upper(), head.capitalize()]))
    plain = _ids(g, f"и {place} и {other} и")
    assume(len(plain) == 2 and _ids(g, f"и {head} и") == [])  # (Мида: a county too)
    assert _ids(g, f"и {head} {place} и {other} и") == plain[1:]
    assert _ids(g, f"и {place} и {head} {other} и") == plain[:1]
    assert _ids(g, f"и {head}, {place} и {other} и") == plain


# -- the rule as a property ---------------------------------------------------------

_LETTERS = "бвгджзклмнпрстфхцчшщ"
_VOWELS = "аоуэи"


def _places(g: Gazetteer) -> list[str]:
    """Russian one-word names of countries that the tagger reports alone."""
    found = []
    for entity in g.entities:
        if entity.kind is not Kind.COUNTRY:
            continue
        for name in entity.names.get("ru", ())[:1]:
            if " " not in name and "-" not in name and name[:1].isupper() and not name.isupper():
                found.append(name)
    return sorted(found)[:80]


@st.composite
def _unknown_word(draw: st.DrawFn) -> str:
    """A made-up capitalised Russian-looking word."""
    syllables = draw(
        st.lists(st.tuples(st.sampled_from(_LETTERS), st.sampled_from(_VOWELS)), min_size=2)
    )
    return "".join(a + b for a, b in syllables[:4]).title() + draw(st.sampled_from("кнрт"))


@pytest.fixture(scope="module")
def places(g: Gazetteer) -> list[str]:
    return _places(g)


@given(data=st.data())
@settings(max_examples=60)
def test_the_rule_drops_only_a_place_next_to_an_unknown_name(
    g: Gazetteer, places: list[str], data: st.DataObject
) -> None:
    place = data.draw(sampled_from(places))
    one, two = data.draw(_unknown_word()), data.draw(_unknown_word())
    common = rulefiles.common_words()["ru"].words
    for word in (one, two):
        assume(word_key(word) not in common and g.tag(f"и {word} и", lang="ru") == [])
    alone = _ids(g, f"и {place} и")
    assume(len(alone) == 1)
    # next to ordinary words, or two unknown names after it: the place
    assert _ids(g, f"и {place} и {one} и") == alone
    assert _ids(g, f"и {place} {one} {two} и") == alone
    # one unknown name after it, or one before it: a longer name, not the place
    assert _ids(g, f"и {place} {one} и") == []
    assert _ids(g, f"и {one} {place} и") == []
    # ... unless that word starts a sentence
    assert _ids(g, f"и. {one} {place} и") == alone
    # a Roman number after a country: a century or an era, not a sovereign
    assert _ids(g, f"и {place} XIV и") == alone
    # a given name that is a common word before it: a surname there; a
    # country is still the country elsewhere in the text (only a lesser
    # place's name is carried through it as the person's)
    first = data.draw(st.sampled_from(rulefiles.names().given_names["ru"])).title()
    assert _ids(g, f"и {first} {place} и. {place} и") == alone


@pytest.mark.parametrize("lang", ["ru", None])
def test_a_persons_name_of_several_words_is_never_dropped(g: Gazetteer, lang: str | None) -> None:
    found = _ids(g, "и Зорбек Дональд Трамп и", lang)
    assert found == [("Дональд Трамп", "person:donald-trump")]


_NEIGHBOURS = [
    "и",
    "Южная Корея",
    "III",
    "The",
    "И.",
    "Зорбек",
    "Зорбек-",
    "-Зорбек",
    "МИД",
    "_Зорбек",
    "\U0001d400бв",
    "Лондон",
    "Σμίθ",
]


@given(data=st.data())
@settings(max_examples=120)
def test_the_pass_reads_every_mention_the_rule_may_drop(
    g: Gazetteer, places: list[str], data: st.DataObject
) -> None:
    """The tagger reads only the mentions its pass marks as suspects; the
    rule read over every mention drops nothing more."""
    from array import array

    from gazetteer.context import inside_names
    from gazetteer.tagger import _Run

    words = data.draw(st.lists(st.sampled_from([*places[:20], *_NEIGHBOURS]), max_size=7))
    joints = data.draw(st.lists(st.sampled_from([" ", "-", " - ", ", ", "\u00a0"]), min_size=7))
    text = "".join(w + j for w, j in zip(words, joints, strict=False))
    lang = data.draw(st.sampled_from(["ru", None]))
    tagger = g._tagger
    bounds: array[int] = array("q")
    findings: list = []  # type: ignore[type-arg]
    suspects = tagger._names(_Run(text, tagger.words.get(), None, False, lang), bounds, findings)
    assert suspects is not None
    every = inside_names(text, bounds, findings, lang, range(len(findings)))
    assert inside_names(text, bounds, findings, lang, suspects) == every, text


def test_a_neighbour_longer_than_any_word_of_a_name_is_no_word_of_it(g: Gazetteer) -> None:
    # a run of hyphenated names is read name by name, each in constant time
    # (a walk over the whole run at each name took 78 s at 80 KB)
    chain = "-".join(["Баку"] * 30)
    assert [m.surface for m in g.tag(chain)] == ["Баку"] * 30
