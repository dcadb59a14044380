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
"""

from __future__ import annotations

import functools
import itertools
import re

import attrs

from gazetteer import rulefiles

__all__ = ["skeletons"]

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
