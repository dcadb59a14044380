"""Tokens of running text, with their exact offsets.

:func:`fold` lower-cases and folds text one character for one character (so
offsets into the folded text are offsets into the original): upper case to
lower case, ё to е, Latin letters to their base letter. :func:`tokenize`
finds words by Unicode word characters, keeping hyphenated and
apostrophised words whole (Касым-Жомарт, Türkiye'nin).
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["WORD", "WORD_TAIL", "fold", "tokenize"]

# A word: letters and digits, keeping hyphenated and apostrophised words whole.
# WORD_TAIL is what may follow its first letter.
WORD_TAIL = r"[^\W_]*(?:[-‐'’ʼ`][^\W_]+)*"
WORD = re.compile(r"[^\W_]" + WORD_TAIL)
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


@functools.cache
def _unlike_lower() -> re.Pattern[str]:
    """The lower-case characters (of the BMP) that fold to something else."""
    found = []
    for codepoint in range(0x10000):
        ch = chr(codepoint)
        if ch.lower() == ch and not 0xD800 <= codepoint < 0xE000 and _TABLE[codepoint] != ch:
            found.append(ch)
    return re.compile("[" + "".join(re.escape(ch) for ch in found) + "]")


def _fold_match(match: re.Match[str]) -> str:
    return _TABLE[ord(match.group())]


def fold(text: str) -> str:
    """``text`` folded character by character; the result has the same length."""
    lowered = text.replace("İ", "I").lower()  # "İ".lower() is two characters
    if len(lowered) != len(text):
        return text.translate(_TABLE)
    # lower() is fast; only the few characters that fold further (ё, é, ı,
    # the apostrophes ...) are looked up one by one.
    return _unlike_lower().sub(_fold_match, lowered)


def tokenize(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of ``text``."""
    return [m.span() for m in WORD.finditer(text)]
