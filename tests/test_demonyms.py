"""Demonyms: the nouns for a people and the adjectives, found by one scan of
the text as written (not folded first)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, rulefiles
from gazetteer.demonyms import Demonyms
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
    text = "БРИТАНЦЫ, Американцы и «українці» (азерите)"
    assert [s for s, _ in _nouns(g, text)] == ["БРИТАНЦЫ", "Американцы", "українці", "азерите"]


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
_SEPARATORS = [" ", ", ", "-", "«", "» ", "\n", "2", "_", " (", "x"]


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
