"""How much a match that is not exact must show before it counts: the rules
that keep ordinary words of the languages the gazetteer reads from turning
into minor-language transcriptions of subdivisions (benchmarks/bench_countries.py,
negatives)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gazetteer import Alias, Entity, Gazetteer, Kind, Match, Method, Status, Tier
from gazetteer.matching import kept_letters
from gazetteer.scoring import MIN_PHONETIC_LETTERS, MIN_ROMANISED_LETTERS, decide

_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюя"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_words = st.text(alphabet=_CYRILLIC, min_size=2, max_size=12)


# -- in one script, a skeleton bridges no romanisations ------------------------------


@pytest.mark.parametrize(
    ("typo", "name"),
    [
        ("болвия", "боливия"),  # a letter dropped
        ("германіія", "германія"),  # doubled
        ("панаам", "панама"),  # two swapped
        ("ссербія", "сербія"),
    ],
)
def test_a_typo_keeps_the_letters(typo: str, name: str) -> None:
    assert kept_letters(typo, name)


@pytest.mark.parametrize(
    ("word", "name"),
    [("компания", "кампания"), ("серия", "сирия"), ("их", "іг"), ("муж", "муш")],
)
def test_a_changed_letter_is_another_word(word: str, name: str) -> None:
    assert not kept_letters(word, name)


@given(_words, st.data())
def test_dropping_doubling_or_swapping_one_letter_keeps_the_letters(
    word: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(word) - 2))
    dropped = word[:at] + word[at + 1 :]
    doubled = word[: at + 1] + word[at:]
    swapped = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    for typo in (dropped, doubled, swapped):
        assert kept_letters(typo, word)


@given(_words, st.data())
def test_changing_one_letter_never_keeps_the_letters(word: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(st.sampled_from(_CYRILLIC))
    assume(letter != word[at])
    assert not kept_letters(word[:at] + letter + word[at + 1 :], word)


@pytest.mark.parametrize(
    "word",
    # ordinary Russian and Ukrainian words whose skeleton is a subdivision's
    # (Кампания, Сирия, Мохели, Думьят) and a Bulgarian one (Семили)
    ["компания", "Серия", "могли", "думать", "земли", "Компанія"],
)
def test_a_word_is_not_a_name_of_its_own_script_with_a_vowel_changed(
    g: Gazetteer, word: str
) -> None:
    assert g.resolve(word).entity is None


@pytest.mark.parametrize(
    ("query", "want"),
    [("Болвия", "country:bo"), ("Германіія", "country:de"), ("ССербія", "country:rs")],
)
def test_a_typo_in_a_cyrillic_name_still_finds_it(g: Gazetteer, query: str, want: str) -> None:
    r = g.resolve(query)
    assert r.entity is not None and r.entity.id == want


def test_candidates_still_list_a_near_miss_of_the_same_script(g: Gazetteer) -> None:
    assert "subdivision:it-72" in {m.entity.id for m in g.candidates("компания")}


# -- the same script, only through romanisations ----------------------------------------


@pytest.mark.parametrize("word", ["муж", "их", "чего", "имя", "стать", "Жан", "Мэри"])
def test_a_short_word_meets_no_alias_of_its_script_through_romanisations(
    g: Gazetteer, word: str
) -> None:
    # муж and Муш are both "musch" by the German press's convention; их and
    # Belarusian Іг both "ih"
    assert g.resolve(word).entity is None


def test_a_short_name_with_a_letter_dropped_still_meets_its_romanisation(
    g: Gazetteer,
) -> None:
    r = g.resolve("Хунан")  # Хунань, with the soft sign dropped
    assert r.entity is not None and r.entity.id == "subdivision:cn-hn"


# -- two or three letters romanised ---------------------------------------------


@pytest.mark.parametrize("word", ["has", "Has", "yes", "mit", "der", "ob", "ek", "Bu"])
def test_a_short_word_is_no_romanised_name(g: Gazetteer, word: str) -> None:
    assert g.resolve(word).entity is None


@pytest.mark.parametrize(("query", "want"), [("SNG", "organization:cis"), ("OAE", "country:ae")])
def test_an_acronym_in_capitals_meets_its_romanisation(g: Gazetteer, query: str, want: str) -> None:
    r = g.resolve(query)
    assert r.entity is not None and r.entity.id == want


@given(st.text(alphabet=_LATIN + _LATIN.upper(), min_size=1, max_size=MIN_ROMANISED_LETTERS - 1))
def test_a_short_query_not_in_capitals_never_resolves_by_romanisation(
    g: Gazetteer, query: str
) -> None:
    assume(not query.isupper())
    assert all(m.method is not Method.TRANSLITERATED for m in g.resolve(query).tied)


# -- how long a query must be for a phonetic or a two-typo match ---------------------


@pytest.mark.parametrize("word", ["grund", "roman", "kreis", "Baden", "firma"])
def test_a_five_letter_word_is_no_phonetic_match(g: Gazetteer, word: str) -> None:
    # a skeleton of three consonants, one letter in or out: Grenada, Romania ...
    assert g.resolve(word).entity is None


def test_candidates_list_phonetic_near_misses_of_five_letters(g: Gazetteer) -> None:
    assert any(m.method is Method.PHONETIC for m in g.candidates("Alijew", limit=None))
    assert len(g.candidates("Aliev", limit=5)) > 1


@given(st.text(alphabet=_LATIN, min_size=1, max_size=MIN_PHONETIC_LETTERS - 1))
def test_a_short_query_never_resolves_phonetically(g: Gazetteer, query: str) -> None:
    assert all(m.method is not Method.PHONETIC for m in g.resolve(query).tied)


@given(st.floats(min_value=0, max_value=100), st.booleans())
def test_a_fuzzy_match_on_weak_names_alone_never_answers(similarity: float, two: bool) -> None:
    """Letters in common with weak names (one entity's or two's) list
    candidates and answer nothing: a weak name answers only as written."""
    matches = [_weak_match(f"country:x{n}", similarity) for n in range(2 if two else 1)]
    resolution = decide("Xlandese", matches)
    assert resolution.status is Status.NOT_FOUND
    assert {m.entity.id for m in resolution.candidates} == {m.entity.id for m in matches}


def _weak_match(entity_id: str, similarity: float) -> Match:
    alias = Alias("Xland", "en", Tier.WEAK, "xland")
    entity = Entity(entity_id, Kind.COUNTRY, "Xland", (alias,))
    return Match(entity, alias, Method.FUZZY, 0.5, "xland", similarity)
