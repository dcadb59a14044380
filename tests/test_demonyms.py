"""Demonyms: the nouns for a people and the adjectives, found by one scan of
the text as written (not folded first)."""

from __future__ import annotations

from pathlib import Path
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, rulefiles
from gazetteer.demonyms import Demonyms, encode
from gazetteer.normalize import fold


def _nouns(g: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [
        (m.surface, m.entity.id if m.entity else None)
        for m in g.tag(text, demonyms=True)
        if m.demonym
    ]


def test_an_adjective_is_not_a_noun_for_a_people(g: Gazetteer) -> None:
    # немец is a noun stem, but немецкой and німецькі read as adjectives
    assert _nouns(g, "немецкой делегации ответили немцы") == [("немцы", "country:de")]
    assert _nouns(g, "німецькі інженери та німці") == [("німці", "country:de")]
    assert _nouns(g, "Французькі вина подобаються французам") == [("французам", "country:fr")]
    # and adjectives are still adjectives, on request
    adjectives = [m.surface for m in g.tag("немецкой делегации", adjectives=True)]
    assert adjectives == ["немецкой"]


def test_case_and_letter_variants_are_found(g: Gazetteer) -> None:
    # (a capitalised word inside a sentence is a name's: not "Американцы" after the comma)
    text = "БРИТАНЦЫ, АМЕРИКАНЦЫ и «Українці» (азерите)"
    assert [s for s, _ in _nouns(g, text)] == ["БРИТАНЦЫ", "АМЕРИКАНЦЫ", "Українці", "азерите"]


def _reference(
    stems: dict[str, str], ending: int, adjectives: dict[str, str], adjective_ending: int, text: str
) -> list[tuple[int, int]]:
    """The plain way: at every start of a word of the folded text, the
    longest stem, then the word's letters; kept when the ending is short
    enough and the word does not read as an adjective."""
    folded = fold(text)
    found: list[tuple[int, int]] = []

    def longest(table: dict[str, str], at: int) -> str | None:
        fits = [stem for stem in table if folded.startswith(stem, at)]
        return max(fits, key=len) if fits else None

    for at in range(len(folded)):
        if at > 0 and (folded[at - 1].isalnum() or folded[at - 1] == "_"):
            continue
        stem = longest(stems, at)
        if stem is None:
            continue
        end = at + len(stem)
        while end < len(folded) and folded[end].isalpha():
            end += 1
        if end - at - len(stem) > ending:
            continue
        adjective = longest(adjectives, at)
        if adjective is not None and end - at - len(adjective) <= adjective_ending:
            continue
        found.append((at, end))
    return found


def _words() -> list[str]:
    data = rulefiles.demonyms()
    return [
        stem for table in (data.people, data.stems) for found in table.values() for stem in found
    ]


_ENDINGS = ["", "ы", "ите", "ів", "их", "ского", "ям", "ці", "а"]
# the last ones are characters the scan's codecs cannot write (ѝ, é, Σ, ı:
# coded one by one; ß, ü: latin-1 writes them), or that no code stands for
# (İ: the text is then read lower-cased, as before)
_SEPARATORS = [" ", ", ", "-", "«", "» ", "\n", "2", "_", " (", "x"]
_SEPARATORS += [" ѝ ", "é", " İ ", "ü ", " Σ ", "ß ", "ç ", "ı "]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_words()),
            st.sampled_from(_ENDINGS),
            st.sampled_from(["lower", "upper", "title", "yo"]),
            st.sampled_from(_SEPARATORS),
        ),
        max_size=8,
    )
)
@settings(max_examples=200)
def test_the_scan_finds_what_the_folded_text_holds(
    g: Gazetteer, parts: list[tuple[str, str, str, str]]
) -> None:
    """Whatever the case, ё or apostrophe a word is written with, the scan of
    the text as written finds what the stems find in the folded text."""
    text = ""
    for stem, ending, shape, separator in parts:
        word = stem + ending
        if shape == "upper":
            word = word.upper()
        elif shape == "title":
            word = word.title()
        elif shape == "yo":
            word = word.replace("е", "ё").replace("'", "’")
        text += word + separator
    data = rulefiles.demonyms()
    for people in (True, False):
        scanner = Demonyms(g._index, people)
        got = [(start, end) for start, end, _ in scanner.find(text, [])]
        table = data.people if people else data.stems
        stems = {fold(s): e for e, found in table.items() for s in found if e in g._index.positions}
        adjectives = {fold(s): e for e, found in data.stems.items() for s in found}
        if people:
            want = _reference(stems, data.people_max_ending, adjectives, data.max_ending, text)
        else:
            want = _reference(stems, data.max_ending, {}, 0, text)
        assert got == want, text


# Characters that take the scan's other ways: written by no codec (ѝ, é, ı,
# the astral 𝐚), standing for a letter while not part of a word (ⓐ: no code,
# read lower-cased), lower-cased as the letters around say (Σ), or to two
# characters (İ), apostrophes (o'zbek), a stress mark, digits and "_".
_ODD = [*"ѝéıİΣσςⓐʼ’'`²\u0301ёЁßüｂᲀ_1 -«»\n", "𝐚", "\ud800"]


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_words()),
            st.sampled_from(_words()).map(str.upper),
            st.sampled_from(_ODD),
            st.characters(),
        ),
        max_size=40,
    ),
    st.randoms(use_true_random=False),
)
@settings(max_examples=300)
def test_the_codes_find_what_the_lowered_text_holds(
    g: Gazetteer, parts: list[str], random: Random
) -> None:
    """The scan of the text as codes finds what the pattern of the stems'
    letters finds in the lower-cased text, outside the same mentions."""
    text = "".join(parts)
    cuts = sorted(random.sample(range(len(text) + 1), min(len(text) + 1, 2 * random.randrange(4))))
    codes = encode(text)
    if codes is not None:
        assert len(codes.codes) == len(text) + 1
    for people in (True, False):
        scanner = Demonyms(g._index, people)
        for busy in ([], cuts):
            got = scanner.find_in(text, codes, busy)
            want = scanner.find_lowered(text, busy)
            assert [(a, b, f[0], f[1].text) for a, b, f in got] == [
                (a, b, f[0], f[1].text) for a, b, f in want
            ], (text, busy)


def test_each_way_of_reading_a_text() -> None:
    # cp1251; coded one by one (ѝ); latin-1; no code (İ): read lower-cased
    assert encode("американцы и британцы") is not None
    assert encode("тя ѝ каза: американците") is not None
    assert encode("Müller's Americans") is not None
    assert encode("İstanbul'daki Amerikalılar") is None
    # too many characters to code one by one
    assert encode("ѝ" * 100) is None


def test_an_apostrophe_adjective_after_an_apostrophe(g: Gazetteer) -> None:
    # o'zbek holds a non-word character: a stem may start inside another's match
    text = "the o'zbek and o’ZBEK people, 'o'zbek"
    found = [m.surface for m in g.tag(text, adjectives=True) if m.demonym]
    assert found == ["o'zbek", "o’ZBEK", "o'zbek"]


def test_a_word_that_is_another_word_of_the_texts_language_is_no_people(g: Gazetteer) -> None:
    # Bulgarian казаха is "they said" (demonyms.yaml other_words); in a
    # Russian text it is "of a Kazakh"
    tagged = g.tag("Казаха ни, че британците казаха", lang="bg", demonyms=True)
    assert [(m.surface, m.entity.id if m.entity else None) for m in tagged] == [
        ("британците", "country:gb")
    ]
    ru = g.tag("двое казаха", lang="ru", demonyms=True)
    assert [m.surface for m in ru] == ["казаха"]


def test_other_words_are_checked_when_loaded(data: Path) -> None:
    from gazetteer.errors import RuleFileError

    path = data / "demonyms.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("bg: [казах, казаха]", 'bg: [казах, "Казаха "]'), "utf-8")
    with pytest.raises(RuleFileError, match=r"demonyms\.yaml:\d+: .*'Казаха ' is not one word"):
        rulefiles.demonyms.__wrapped__(data)


_PEOPLES = [
    ("Вчера британците и французите гласуваха, а германците не.", "bg"),
    ("Американцы и россияне спорили, немцы молчали.", "ru"),
    ("Українці, британці та німці зустрілися з американцями.", "uk"),
]


@pytest.mark.parametrize(("text", "lang"), _PEOPLES)
@pytest.mark.parametrize("adjectives", [False, True])
def test_resolve_reads_a_demonym_as_tag_does(
    g: Gazetteer, text: str, lang: str, adjectives: bool
) -> None:
    """One text, one answer: each demonym tag reports resolves, with the same
    options, to the same country; without them it is no name."""
    found = [m for m in g.tag(text, lang=lang, demonyms=True, adjectives=adjectives) if m.demonym]
    assert len(found) >= 3
    for m in found:
        r = g.resolve(m.surface, lang=lang, demonyms=True, adjectives=adjectives)
        assert r.entity == m.entity, (m, r)
        assert r.match is not None and "noun for a people" in r.match.explanation
    surfaces = [m.surface for m in found]
    resolved = g.resolve_all(surfaces, lang=lang, demonyms=True, adjectives=adjectives)
    assert [r.entity for r in resolved] == [m.entity for m in found]


def test_a_name_outranks_a_demonym_reading(g: Gazetteer) -> None:
    # Британия is a name of the United Kingdom: read as written, not as a people
    match = g.resolve("Британия", lang="bg", demonyms=True).match
    assert match is not None and match.note is None
    assert g.resolve("американских", lang="ru", adjectives=True).expect().id == "country:us"
    assert g.resolve("американских", lang="ru", demonyms=True).entity is None
    assert g.resolve("британците", lang="bg", demonyms=True, kinds="city").entity is None
