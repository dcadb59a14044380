"""Words of running text, with their exact offsets.

:func:`tokenize` finds words by Unicode word characters, keeping hyphenated
and apostrophised words whole (Касым-Жомарт, Türkiye'nin). Each word's lookup
key is :func:`gazetteer.normalize.normalize` of it, the key aliases are filed
under; :func:`gazetteer.normalize.fold` is its length-keeping projection, for
patterns matched over a whole text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from gazetteer.normalize import fold

__all__ = [
    "JOINERS",
    "RUN",
    "WORD",
    "WORD_TAIL",
    "capitalised",
    "capitalised_word",
    "fold",
    "tokenize",
]

# The blocks that hold the combining marks of living scripts: the vowel signs
# and viramas of the Brahmic scripts, Thai, Lao, Khmer and Myanmar, Arabic
# and Hebrew points, Latin and Cyrillic combining accents: every combining
# mark of the BMP lies in one (tests/test_tokens.py).
_MARK_BLOCKS = (
    (0x0300, 0x2000),
    (0x20D0, 0x2100),
    (0x2CEF, 0x2E00),
    (0x302A, 0x30A0),
    (0xA66F, 0xAC00),
    (0xFB1E, 0xFB1F),
    (0xFE00, 0xFE30),
)


def _marks() -> str:
    """A regex class body of the combining marks (categories Mn, Mc, Me) in
    ``_MARK_BLOCKS``: a word character of its script that ``\\w`` does not
    match (मॉंसेरा is one word, not म, स and र)."""
    found = [
        cp
        for low, high in _MARK_BLOCKS
        for cp in range(low, high)
        if unicodedata.category(chr(cp)).startswith("M")
    ]
    spans: list[list[int]] = []
    for cp in found:
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in spans
    )


# A word: a letter or digit, then letters, digits and combining marks (RUN,
# unrolled so that a run of letters is read as one class), keeping hyphenated
# and apostrophised words whole. WORD_TAIL is what may follow its first letter.
RUN = rf"[^\W_]*(?:[{_marks()}]+[^\W_]*)*"
# what joins the parts of one word: hyphens and apostrophes (Касым-Жомарт, Türkiye'nin)
JOINERS = "-‐'’ʼ`"
WORD_TAIL = rf"{RUN}(?:[{JOINERS}][^\W_]{RUN})*"
WORD = re.compile(r"[^\W_]" + WORD_TAIL)


def tokenize(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of ``text``."""
    return [m.span() for m in WORD.finditer(text)]


@functools.cache
def capitalised(astral: bool = False) -> re.Pattern[str]:
    """An upper-case letter at the start of a word: of any script of the BMP,
    or (``astral``) of planes 0 and 1, where every cased letter is (Deseret's
    𐐈 and Adlam's 𞤀 too). A class of the BMP alone scans twice as fast."""
    upper = [cp for cp in range(0x20000 if astral else 0x10000) if chr(cp).isupper()]
    ranges, first, last = [], upper[0], upper[0]
    for cp in upper[1:]:
        if cp == last + 1:
            last = cp
            continue
        ranges.append((first, last))
        first = last = cp
    ranges.append((first, last))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(rf"\b[{body}]")


@functools.cache
def capitalised_word(astral: bool = False) -> re.Pattern[str]:
    """A whole word (as :data:`gazetteer.tokens.WORD` reads it) that starts
    with an upper-case letter (``astral``: of plane 1 too)."""
    # The capital comes first and the word boundary is checked behind it: a
    # pattern that starts with a character class lets the regex engine skip
    # ahead to the next candidate quickly.
    capital = capitalised(astral).pattern.removeprefix(r"\b")
    return re.compile(rf"{capital}(?<!\w.){WORD_TAIL}")
