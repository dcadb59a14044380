"""Words of running text (gazetteer.tokens): a word keeps its combining marks."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gazetteer import Gazetteer
from gazetteer.tokens import _MARK_BLOCKS, tokenize

# letters of scripts that write vowels as combining marks, and those marks
_LETTERS = st.characters(categories=["Lo", "Ll", "Lu"])
_MARKS = st.characters(categories=["Mn", "Mc"], max_codepoint=0xFFFF)


@given(st.lists(st.tuples(_LETTERS, st.lists(_MARKS, max_size=3)), min_size=1, max_size=8))
def test_a_word_keeps_its_marks(parts: list[tuple[str, list[str]]]) -> None:
    word = "".join(letter + "".join(marks) for letter, marks in parts)
    text = f"({word})"
    spans = tokenize(text)
    # one word, from its first letter to its last mark, whatever the script
    assert spans == [(1, len(text) - 1)], [unicodedata.name(ch, "?") for ch in word]


def test_the_blocks_hold_every_mark_of_the_bmp() -> None:
    outside = [
        hex(cp)
        for cp in range(0x10000)
        if unicodedata.category(chr(cp)).startswith("M")
        and not any(low <= cp < high for low, high in _MARK_BLOCKS)
    ]
    assert outside == []


def test_words_of_abugidas_are_whole() -> None:
    text = "मॉंसेरा ଥାଇଲାଣ୍ଡ Касым-Жомарт"
    assert [text[a:b] for a, b in tokenize(text)] == ["मॉंसेरा", "ଥାଇଲାଣ୍ଡ", "Касым-Жомарт"]


def test_a_name_is_not_its_consonants(g: Gazetteer) -> None:
    # read as its consonants (म स र), मॉंसेरा (Montserrat) would be मिस्र (Egypt)
    assert g.resolve("मिस्र", kinds="country").entity == g["country:eg"]
    assert g.resolve("मॉंसेरा", kinds="country").entity != g["country:eg"]
