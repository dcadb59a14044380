from __future__ import annotations

import pytest
import transliterate
from hypothesis import given
from hypothesis import strategies as st

from gazetteer.normalize import normalize
from gazetteer.translit import latin_forms, pack_translit, schemes, to_cyrillic, to_latin

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _scheme(code: str):  # type: ignore[no-untyped-def]
    return next(s for s in schemes() if s.code == code)


@pytest.mark.parametrize(
    ("text", "code", "latin"),
    [
        ("Тръмп", "bg-official", "Tramp"),
        ("Щука", "bg-official", "Shtuka"),
        ("Щука", "ru-bgn", "Shchuka"),
        ("Бердымухамедов", "ru-bgn", "Berdymukhamedov"),
        (
            "Назарбаев",
            "ru-de",
            "Nasarbaew",
        ),  # no context rules: Duden's "je" after a vowel is not made
        ("Ашхабад", "ru-fr", "Achkhabad"),
        ("Тоқаев", "kk-bgn", "Toqaev"),
        ("Қазақстан", "kk-latin2021", "Qazaqstan"),
        ("Жапаров", "ky-bgn", "Japarov"),
        ("Жапаров", "ky-practical", "Zhaparov"),
        ("Мирзиёев", "uz-latin", "Mirziyoev"),
        ("Ўзбекистон", "uz-latin", "Oʻzbekiston"),
        ("Раҳмон", "tg-bgn", "Rahmon"),
        ("Азәрбајҹан", "az-latin", "Azərbaycan"),
        ("Түркменистан", "tk-latin", "Türkmenistan"),
        ("Київ", "uk-national", "Kyiv"),
        ("Лукашэнка", "be-bgn", "Lukashenka"),
    ],
)
def test_conventions(text: str, code: str, latin: str) -> None:
    assert to_latin(text, _scheme(code)) == latin


def test_every_table_maps_cyrillic_letters_to_latin() -> None:
    for scheme in schemes():
        for cyr, lat in scheme.table.items():
            assert len(cyr) == 1, (scheme.code, cyr)
            assert lat == lat.lower(), (scheme.code, cyr, lat)
            assert not any("\u0400" <= ch <= "\u052f" for ch in lat), (scheme.code, cyr, lat)


def test_packs_are_registered_with_transliterate() -> None:
    schemes()  # loads and registers
    assert transliterate.translit("Тоқаев", "kk", reversed=True) == "Toqaev"
    assert transliterate.translit("Тоқаев", "kk-practical", reversed=True) == "Tokaev"
    assert "uz-latin" in transliterate.get_available_language_codes()


_CYRILLIC_WORDS = st.text(
    alphabet=st.sampled_from(sorted({c for s in schemes() for c in s.table} - {"'", "’"})),
    min_size=1,
    max_size=15,
)


@given(st.sampled_from(schemes()), _CYRILLIC_WORDS, st.booleans())
def test_the_fast_path_equals_the_registered_pack(scheme, word: str, upper: bool) -> None:  # type: ignore[no-untyped-def]
    text = word.upper() if upper else word
    assert to_latin(text, scheme) == pack_translit(text, scheme)


@given(st.text(alphabet=RUSSIAN, min_size=1, max_size=20), st.booleans())
def test_iso9_round_trips(word: str, capital: bool) -> None:
    """ISO 9 is reversible (case too, but for ъ and ь, whose signs have no case)."""
    if capital and word[0] not in "ъь":
        word = word.capitalize()
    iso9 = _scheme("ru-iso9")
    latin = to_latin(word, iso9)
    assert to_cyrillic(latin, iso9) == word
    assert to_latin(to_cyrillic(latin, iso9) or "", iso9) == latin


@given(st.sampled_from(schemes()), st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=15))
def test_latin_to_cyrillic_never_mixes_scripts(scheme, text: str) -> None:  # type: ignore[no-untyped-def]
    result = to_cyrillic(text, scheme)
    assert result is None or not any("a" <= ch.lower() <= "z" for ch in result)


def test_latin_forms_follow_the_language() -> None:
    assert set(latin_forms(normalize("Тръмп"), "bg").values()) == {"tramp"}
    assert "tr'mp" not in latin_forms(normalize("Тръмп"), "bg").values()
    assert "shchuka" in latin_forms("щука", None).values()
    assert "shtuka" in latin_forms("щука", None).values()
    assert latin_forms("naxcivan", "az") == {"": "naxcivan"}
    assert latin_forms("αθηνα")["el"] == "athina"
    assert latin_forms("београд", "sr") == {"sr": "beograd"}
    assert latin_forms("скопје", "mk")["mk"] == "skopje"
