"""The tagger's shortcuts answer what the plain ways they replace answer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Alias, Entity, Gazetteer, Kind, tagger
from gazetteer.index import compile_index
from gazetteer.wordindex import _anchor

# texts of words, spaces, newlines and the gap's punctuation, where the edge
# cases of the search for the word before a mention lie
_TEXT = st.lists(
    st.sampled_from(["аБ", "cD1", "_", " ", "\n", "\t", ",", ".", "-", "–", "«", "»", '"', "'"])
    | st.sampled_from(["’", "\u0301", "\u00a0", "Ёж", "x" * 30, "Ёж   ", "Ёж \n"]),
    max_size=30,
).map("".join)


def _words_before_plain(text: str, begin: int, count: int) -> int | None:
    """The search for the word before, over its whole window of 80 characters."""
    at = begin
    for _ in range(count):
        match = tagger._LAST_WORD.search(text, max(0, at - 80), at)
        if match is None:
            return None
        at = match.start(1)
    return at


@pytest.mark.parametrize(
    "text", ["аБ   ", "аБ   \n", "аБ  \n", "аБ,  \n", "x" * 90 + " аБ", "аБ-в - "]
)
def test_words_before_at_the_edges(text: str) -> None:
    for begin in range(len(text) + 1):
        for count in (1, 2):
            expected = _words_before_plain(text, begin, count)
            assert tagger._words_before(text, begin, count) == expected


@settings(max_examples=1000)
@given(_TEXT, st.integers(0, 400), st.integers(1, 3))
def test_words_before_as_the_whole_window(text: str, begin: int, count: int) -> None:
    for at in {min(begin, len(text)), len(text)}:
        assert tagger._words_before(text, at, count) == _words_before_plain(text, at, count)


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_astral_as_a_search_for_a_character_past_the_bmp(text: str) -> None:
    assert tagger._astral(text) == (re.search("[\U00010000-\U0010ffff]", text) is not None)


def test_an_anchor_inside_a_word_reads_back_only_where_the_text_joins_it() -> None:
    """The word index anchors a name that starts in lower case at its first
    capitalised word, with how many words come before it; negated for a
    capital inside a word, which the tagger reads back from only after a
    hyphen or an apostrophe (i-Saint Lucia: not at every Saint)."""
    assert _anchor("the Gambia") == ("gambia", 1)
    assert _anchor("i-Phnom Penh") == ("phnom", -1)
    assert _anchor("the al-Quds Brigades") == ("quds", -2)
    assert _anchor("i-Ashgabat") is None  # one word: read from its capital
    assert _anchor("Phnom Penh") is None
    world = Gazetteer(
        compile_index(
            [
                Entity("country:lc", Kind.COUNTRY, "Saint Lucia", (Alias("i-Saint Lucia", "zu"),)),
                Entity("city:x", Kind.CITY, "Saint", (Alias("Saint", "en"),)),
            ]
        )
    )
    found = world.tag("Go to i-Saint Lucia. Saint is a town.")
    assert [(m.surface, m.entity and m.entity.id) for m in found] == [
        ("i-Saint Lucia", "country:lc"),
        ("Saint", "city:x"),
    ]
