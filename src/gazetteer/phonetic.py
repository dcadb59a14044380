"""The phonetic skeleton: a key on which different romanisations of a name meet.

:func:`skeletons` maps a normalised Latin key to one or a few skeletons, by
the rules in ``_data/phonetic.yaml`` (docs/matching.md explains each rule
and what it buys): letter clusters that romanisation systems spell
differently become one class (zh, dzh, dj, j → J; kh, h, x → H; sh, sch, š
→ S; ts, tz, c → C), w becomes v, q becomes k, s and z meet, doubled
letters collapse and vowels drop, except a word's first. A letter that is
read two ways (English "ch" is ч, German "ch" is х; "j" is a glide or дж)
gives one skeleton per reading.

    >>> sorted(skeletons("mirzijojew"))  # "j" read as a glide (й), then as дж
    ['MRZJV', 'MRZV']
    >>> skeletons("mirzijojew") & skeletons("mirziyoyev")
    frozenset({'MRZV'})

:func:`written_skeleton` is the same idea for a key in a script the
library does not romanise, made of the key as written: in an abugida
(Devanagari, Tamil, Khmer ...) a vowel is a mark on its consonant, in an
abjad (Arabic, Hebrew) a letter a spelling may leave out, so the consonants
as written are what spellings of one name share (rules in
``_data/scripts.yaml``).

    >>> written_skeleton("ମୌରିସସ୍") == written_skeleton("ମରିସସ୍")  # Mauritius, in Oriya
    True
    >>> written_skeleton("גאבון") == written_skeleton("גבון")  # Gabon, with and without alef
    True
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

import attrs

from gazetteer import rulefiles

__all__ = ["VOWEL", "script", "skeleton_letters", "skeletons", "written_skeleton"]

_MAX_VARIANTS = 4
_NOT_LETTERS = re.compile(r"[^a-z]+")
_DOUBLES = re.compile(r"(.)\1+")


@attrs.frozen
class _Rules:
    clusters: re.Pattern[str]
    cluster_class: dict[str, str]
    ambiguous: list[tuple[str, list[str]]]
    letters: dict[int, str]
    vowels: str
    initial_vowel: str


@functools.cache
def _rules() -> _Rules:
    data = rulefiles.phonetic()
    letters = {ord(k): v for k, v in data.letters.items()}
    letters.update(dict.fromkeys(map(ord, data.vowels), ""))
    return _Rules(
        clusters=re.compile("|".join(sorted(map(re.escape, data.clusters), key=len, reverse=True))),
        cluster_class=dict(data.clusters),
        ambiguous=[(k, list(v)) for k, v in data.ambiguous.items()],
        letters=letters,
        vowels=data.vowels,
        initial_vowel=data.initial_vowel,
    )


def _word(word: str, readings: dict[str, str], rules: _Rules) -> str:
    word = rules.clusters.sub(lambda m: rules.cluster_class[m.group(0)], word)
    for letters, reading in readings.items():
        word = word.replace(letters, reading)
    initial = rules.initial_vowel if word[:1] in rules.vowels else ""
    return _DOUBLES.sub(r"\1", initial + word.translate(rules.letters))


def skeletons(key: str) -> frozenset[str]:
    """The skeleton(s) of a normalised Latin key (empty when it has no Latin letters)."""
    words = [w for w in _NOT_LETTERS.split(key) if w]
    if not words:
        return frozenset()
    rules = _rules()
    present = [(letters, options) for letters, options in rules.ambiguous if letters in key]
    combos = itertools.islice(itertools.product(*(opts for _, opts in present)), _MAX_VARIANTS)
    found = set()
    for choice in combos:
        readings = {letters: option for (letters, _), option in zip(present, choice, strict=True)}
        found.add(" ".join(_word(w, readings, rules) for w in words))
    return frozenset(s for s in found if s.strip())


@functools.cache
def _script_of(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ")[0]


def script(text: str) -> str | None:
    """The script of a text's letters (LATIN, CYRILLIC, GEORGIAN ...), None
    when they are of several or there are none."""
    found = {_script_of(ch) for ch in text if ch.isalpha()}
    return found.pop() if len(found) == 1 else None


VOWEL = "*"  # a word's first vowel in a written skeleton


@functools.cache
def _written_rules() -> dict[str, tuple[frozenset[str], dict[str, str]]]:
    return {
        name: (frozenset(rules.vowels), dict(rules.letters))
        for name, rules in rulefiles.scripts().scripts.items()
    }


@functools.cache
def _written_char(ch: str, name: str) -> str:
    """What one character of a key in script ``name`` is in its written
    skeleton: "" for a mark, ``VOWEL`` for a vowel letter, " " for what is not
    a letter (a word's end), else the letter (folded)."""
    vowels, letters = _written_rules()[name]
    if unicodedata.category(ch).startswith("M"):
        return ""
    if not ch.isalpha():
        return " "
    ch = letters.get(ch, ch)
    return VOWEL if ch in vowels else ch


def written_skeleton(key: str) -> str:
    """The written skeleton of a normalised key in one of the scripts of
    ``_data/scripts.yaml``, "" for a key in any other script (or several):
    its letters as written without combining marks (vowel signs, virama,
    harakat, niqqud), without vowel letters except a word's first (kept as
    ``VOWEL``), with the script's variant letters folded, its words run
    together and a doubled letter once.
    """
    name = script(key)
    if name is None or name not in _written_rules():
        return ""
    found: list[str] = []
    start = True
    for ch in key:
        value = _written_char(ch, name)
        if value == " ":
            start = True
            continue
        if value == VOWEL and not start:
            continue
        if value and (not found or found[-1] != value):
            found.append(value)
        if value:
            start = False
    return "".join(found)


def skeleton_letters(skeleton: str) -> int:
    """How many letters a written skeleton holds (its vowel class not counted)."""
    return len(skeleton) - skeleton.count(VOWEL)
