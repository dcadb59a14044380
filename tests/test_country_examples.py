"""Country names as users met them: other languages, noise, look-alike
letters and codes (each once a miss or a wrong answer)."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, Method, Tier


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Republic of Korea", "country:kr"),  # a whole word weighs more than letters in common
        ("Géorgie", "country:ge"),  # CLDR's French name; the US state's translation gives way
        ("Xitoy", "country:cn"),  # CLDR's Uzbek
        ("Böyük Britaniya", "country:gb"),  # Azerbaijani
        ("Daşkənd", "city:tashkent"),  # CLDR's name of the city a time zone is named after
        ("А лбания", "country:al"),  # a stray space inside a word
        ("I -SIERRA LEONE", "country:sl"),  # junk before it, all capitals
        ("HONG KONG (RAE)", "country:hk"),  # a bracketed qualifier
        ("Singpauru", "country:sg"),  # letters swapped
        ("Ирландская Республика", "country:ie"),  # not Iraq
        ("Северна Ирландия", "subdivision:gb-nir"),  # not North Holland or Northern Cape
        ("Congo, Democratic Republic of the", "country:cd"),  # inverted with a comma
        ("CAЩ", "country:us"),  # Latin C and A inside a Cyrillic word
        ("Macedonia", "country:mk"),  # a former name, weak: today's country
        ("Ceylon", "country:lk"),
        ("Англии", "country:gb"),  # a Russian case form: Russian Англия is Britain
        ("England", "subdivision:gb-eng"),  # in English, England
    ],
)
def test_a_country_name_as_users_write_it(g: Gazetteer, query: str, expected: str) -> None:
    assert g.resolve(query).expect().id == expected


def test_the_texts_language_says_whose_englands_name_it_is(g: Gazetteer) -> None:
    """Russian calls Britain Англия (England too, weak); Bulgarian and
    Ukrainian call England so: the language decides, and without one the
    Cyrillic word is either (a country asked for: Britain)."""
    assert g.resolve("Англия", lang="ru").expect().id == "country:gb"
    assert g.resolve("Англия", lang="bg").expect().id == "subdivision:gb-eng"
    assert g.resolve("Англія", lang="uk").expect().id == "subdivision:gb-eng"
    tied = {m.entity.id for m in g.resolve("Англия").tied}
    assert tied == {"country:gb", "subdivision:gb-eng"}
    assert g.country("Англия").expect().id == "country:gb"
    tagged = g.tag("Англия, Шотландия и Уелс", lang="bg")
    assert [(m.surface, m.entity and m.entity.id) for m in tagged][:1] == [
        ("Англия", "subdivision:gb-eng")
    ]


@pytest.mark.parametrize("code", ["KAZ", "KZ", "398", "Q232", "kaz"])
def test_a_code_is_a_separate_lookup(g: Gazetteer, code: str) -> None:
    assert g.by_code(code).expect().id == "country:kz"
    # resolve reads names: a string never meets an entity through a code
    assert all(m.method is not Method.CODE for m in g.candidates(code))


def test_letters_in_common_with_a_weak_name_are_no_answer(g: Gazetteer) -> None:
    # "Timor Este", a weak name of East Timor's historic record, is close in
    # letters: a candidate, never the answer
    resolution = g.resolve("Timorese")
    assert resolution.entity is None and resolution.candidates
    assert all(m.alias.tier is Tier.WEAK for m in resolution.candidates)
