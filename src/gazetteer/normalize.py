"""The normaliser: one function that turns any string into a lookup key.

Reference data and queries go through :func:`normalize` alike: an alias is
filed under its key when the index is built, and a query is looked up by its
key, so whatever the normaliser folds away can never make a query miss.

The pipeline, in order:

1. Unicode NFKC: compatibility forms become their plain letters
   (ﬁ → fi, full-width Ａ → A, µ → μ).
2. Case folding (``str.casefold``): Ä → ä, ß → ss, Σ/ς → σ; Turkish İ becomes
   i plus a combining dot, which step 4 removes, and dotless ı is folded by the
   letter table, so İstanbul, ISTANBUL and istanbul meet.
3. NFC again, so a letter and its marks are one character where Unicode has
   one (Cyrillic и + breve → й).
4. Character folding, from ``_data/letters.yaml``:
   Latin and Greek letters lose their diacritics (Naxçıvan → naxcivan,
   Αθήνα → αθηνα); letters that do not decompose fold by the table
   (ı → i, ə → e, ø → o, ł → l, đ → d ...); Cyrillic keeps its letters
   (й, ї, ў, қ, ғ, ө, ү, ә, ҳ, ҷ ... stay: that is transliteration's job),
   except ё → е; stray combining diacritics (stress marks) are dropped;
   invisible format characters (zero-width spaces and joiners, soft hyphens,
   bidi marks) are dropped; every dash becomes ``-``; every apostrophe-like
   mark becomes ``'``; quotation marks are dropped; control characters and
   every kind of space become a space.
5. White space: runs collapse to one space, none is kept at either end or
   around a dash (``Север - Юг`` → ``север-юг``, whichever dash is used).
6. A token of marks alone (no letter or digit: the dagger of "Centar †", a
   lone "&" or "/") is dropped, so that an alias's key is its words' keys.
7. Look-alike letters: in a run of letters that has Cyrillic letters, Latin
   and Greek letters that have a Cyrillic twin (``homoglyphs`` in
   letters.yaml) fold to it when all of them have one: Моcква with a Latin
   c, CAЩ and Tpъмп key as москва, сащ and тръмп; a Latin word stays Latin.

The result is idempotent: ``normalize(normalize(s)) == normalize(s)`` for
every string, which the test suite checks on arbitrary Unicode.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold", "fold_lowered", "folds_to", "normalize", "spelling"]

# Generic combining diacritics (used with Latin, Greek and Cyrillic); marks of
# other scripts (Devanagari vowel signs, Arabic harakat, kana voicing) live in
# their own blocks and are left alone.
_DIACRITIC_BLOCKS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
_STRIPPED_SCRIPTS = ("LATIN", "GREEK")
_AROUND_DASH = re.compile(r" ?- ?")


def _is_diacritic(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _DIACRITIC_BLOCKS)


@functools.cache
def _rules() -> dict[str, dict[str, str]]:
    from gazetteer import rulefiles  # the loader's errors import nothing of ours

    raw = rulefiles.letters()
    return {
        "letters": dict(raw.letters),
        "spelling": dict.fromkeys(raw.spelling, ""),
        "apostrophes": dict.fromkeys(raw.apostrophes, "'"),
        "quotes": dict.fromkeys(raw.quotes, ""),
        "dashes": dict.fromkeys(raw.dashes, "-"),
        "homoglyphs": dict(raw.homoglyphs),
    }


def _fold_char(ch: str, spelling: bool = False) -> str:
    """What one character becomes in step 4 of the pipeline (``spelling``:
    the letters that transliteration must see stay as they are)."""
    rules = _rules()
    if spelling and ch in rules["spelling"]:
        return ch
    for table in ("letters", "apostrophes", "quotes", "dashes"):
        if ch in rules[table]:
            return rules[table][ch]
    category = unicodedata.category(ch)
    if category == "Cf" or _is_diacritic(ch):
        return ""
    if category in ("Cc", "Zs", "Zl", "Zp") or ch.isspace():
        return " "
    if category == "Pd":
        return "-"
    if category.startswith("L") and unicodedata.name(ch, "").startswith(_STRIPPED_SCRIPTS):
        decomposed = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in decomposed if not _is_diacritic(c))
        if base != decomposed:
            return "".join(_fold_char(c) for c in unicodedata.normalize("NFC", base))
    return ch


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that works out each character once."""

    def __init__(self, spelling: bool = False) -> None:
        super().__init__()
        self.spelling = spelling

    def __missing__(self, codepoint: int) -> str:
        value = _fold_char(chr(codepoint), self.spelling)
        self[codepoint] = value
        return value


_TABLE = _FoldTable()
_SPELLING_TABLE = _FoldTable(spelling=True)


def _key(text: str, table: _FoldTable) -> str:
    if text.isascii():
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).casefold())
    folded = " ".join(folded.translate(table).split())
    if "-" in folded:
        folded = _AROUND_DASH.sub("-", folded)
    if _MARKS_ONLY.search(folded):  # "Centar †": a mark standing alone is no word
        folded = " ".join(_MARKS_ONLY.sub(" ", folded).split())
    if not folded.isascii() and _OTHER_LETTER.search(folded) and _CYRILLIC.search(folded):
        folded = _RUN.sub(_unmix, folded)
    return folded


_MARKS_ONLY = re.compile(r"(?:^|(?<= ))[^\w\s]+(?= |$)")
_OTHER_LETTER = re.compile(r"[a-z\u03b1-\u03c9]")  # after folding: Latin and Greek letters
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RUN = re.compile(r"[^\W\d_]+")  # a run of letters


def _unmix(match: re.Match[str]) -> str:
    """A run of letters with its look-alike letters folded to Cyrillic, when
    it has Cyrillic letters and every other letter of it has a Cyrillic twin
    (step 7 of the pipeline)."""
    run = match.group()
    twins = _rules()["homoglyphs"]
    if not _CYRILLIC.search(run):
        return run
    others = [ch for ch in run if not _CYRILLIC.match(ch)]
    if not others or any(ch not in twins for ch in others):
        return run
    return "".join(twins.get(ch, ch) for ch in run)


def normalize(text: str) -> str:
    """Return the lookup key of ``text`` (see the module docstring for the steps).

    The key may be empty (for an empty string, or one made only of spaces,
    quotes or invisible characters).
    """
    return _key(text, _TABLE)


def spelling(text: str) -> str:
    """The key of ``text`` with the letters transliteration must see kept
    (``spelling:`` in letters.yaml: ё). ``normalize(spelling(s)) ==
    normalize(s)``: the key is this, folded further."""
    return _key(text, _SPELLING_TABLE)


def _char_key(ch: str) -> str:
    """Steps 1-4 of the pipeline for one character (the steps that read a
    character on its own)."""
    if ch.isascii():
        return ch.lower().translate(_TABLE)
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKC", ch).casefold()).translate(
        _TABLE
    )


def _fold_one(ch: str) -> str:
    """What one character becomes in :func:`fold`: its key if that is one
    character, else its lower case if that is, else itself."""
    key = _char_key(ch)
    if len(key) == 1:
        return key
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


class _OneForOne(dict[int, str]):
    def __missing__(self, codepoint: int) -> str:
        value = self[codepoint] = _fold_one(chr(codepoint))
        return value


_ONE_FOR_ONE = _OneForOne()


_SHORT = 256  # a text this short is folded character by character


@functools.cache
def _unlike_lower_chars() -> tuple[str, ...]:
    """The lower-case characters (of the BMP) that fold to something else."""
    return tuple(
        chr(cp)
        for cp in range(0x10000)
        if not 0xD800 <= cp < 0xE000 and chr(cp).lower() == chr(cp) and _ONE_FOR_ONE[cp] != chr(cp)
    )


@functools.cache
def _unlike_lower() -> re.Pattern[str]:
    """A character of :func:`_unlike_lower_chars`."""
    return re.compile("[" + "".join(re.escape(ch) for ch in _unlike_lower_chars()) + "]")


def _fold_match(match: re.Match[str]) -> str:
    return _ONE_FOR_ONE[ord(match.group())]


def fold(text: str) -> str:
    """``text`` folded one character for one character, so that offsets into
    the result are offsets into ``text``: the projection of the key that
    keeps lengths. Each character becomes what the key makes of it where that
    is one character (Ä → a, ё → е, ı → i, ’ → '), its lower case otherwise
    (ß, æ and quotation marks stay). ``normalize(fold(s)) == normalize(s)``.
    """
    lowered = text.lower()
    if len(text) < _SHORT or len(lowered) != len(text):  # İ: lower() makes two of it
        return text.translate(_ONE_FOR_ONE)
    # lower() is fast; only the few characters that fold further (ё, é, ı,
    # the apostrophes ...) are looked up one by one
    return _unlike_lower().sub(_fold_match, lowered)


def fold_lowered(text: str) -> str:
    """``text`` lower-cased where that keeps its length (folded otherwise):
    cheaper than :func:`fold`, and every character of it folds to what
    :func:`fold` makes of it (see :func:`folds_to`)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else fold(text)


@functools.cache
def folds_to(char: str) -> str:
    """``char`` (folded) and every lower-case character that folds to it
    (е: ё; ': ’ ʼ ...): what a pattern over :func:`fold_lowered` text must
    accept where the folded text has ``char``."""
    unlike = _unlike_lower_chars()
    return char + "".join(ch for ch in unlike if _ONE_FOR_ONE[ord(ch)] == char)
