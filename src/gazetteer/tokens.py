"""Tokens of running text, with their exact offsets.

:func:`fold` lower-cases and folds text one character for one character (so
offsets into the folded text are offsets into the original): upper case to
lower case, ё to е, Latin letters to their base letter. :func:`tokenize`
finds words by Unicode word characters, keeping hyphenated and
apostrophised words whole (Касым-Жомарт, Türkiye'nin).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["WORD", "fold", "tokenize"]

# A word: letters and digits, keeping hyphenated and apostrophised words whole.
WORD = re.compile(r"[^\W_]+(?:[-‐'’ʼ`][^\W_]+)*")
_APOSTROPHES = "'’ʼ`"


def _fold_one(ch: str) -> str:
    if ch == "İ":
        return "i"
    lower = ch.lower()
    if len(lower) != 1:
        return ch
    if lower == "ё":
        return "е"
    if lower in _APOSTROPHES:
        return "'"
    if lower in "‐":
        return "-"
    if lower == "ı":
        return "i"
    if unicodedata.name(lower, "").startswith("LATIN"):
        base = unicodedata.normalize("NFD", lower)[0]
        return base if base.isalpha() else lower
    return lower


class _Table(dict[int, str]):
    def __missing__(self, codepoint: int) -> str:
        value = self[codepoint] = _fold_one(chr(codepoint))
        return value


_TABLE = _Table()


def fold(text: str) -> str:
    """``text`` folded character by character; the result has the same length."""
    return text.translate(_TABLE)


def tokenize(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of ``text``."""
    return [m.span() for m in WORD.finditer(text)]
