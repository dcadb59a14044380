"""Words of running text, with their exact offsets.

:func:`tokenize` finds words by Unicode word characters, keeping hyphenated
and apostrophised words whole (Касым-Жомарт, Türkiye'nin). Each word's lookup
key is :func:`gazetteer.normalize.normalize` of it, the key aliases are filed
under; :func:`gazetteer.normalize.fold` is its length-keeping projection, for
patterns matched over a whole text.
"""

from __future__ import annotations

import re

from gazetteer.normalize import fold

__all__ = ["WORD", "WORD_TAIL", "fold", "tokenize"]

# A word: letters and digits, keeping hyphenated and apostrophised words whole.
# WORD_TAIL is what may follow its first letter.
WORD_TAIL = r"[^\W_]*(?:[-‐'’ʼ`][^\W_]+)*"
WORD = re.compile(r"[^\W_]" + WORD_TAIL)


def tokenize(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of ``text``."""
    return [m.span() for m in WORD.finditer(text)]
