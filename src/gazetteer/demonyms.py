"""Demonyms: words made from a country's name that point to it, reported by
the tagger only when asked: adjectives (the American president,
азербайджанската армия) with ``tag(..., adjectives=True)``, the nouns for its
people (британците, американцы, українці) with ``tag(..., demonyms=True)``.

The stems are data (``_data/demonyms.yaml``): a word of the text that starts
with a stem and is at most ``max_ending`` letters longer points to the
stem's country. A stem whose country the gazetteer does not hold is left
out, so a gazetteer loaded without the bundled data tags none of them.
"""

from __future__ import annotations

import functools
import re

from gazetteer import rulefiles
from gazetteer.index import Index
from gazetteer.model import Alias, Finding, Method, Tier
from gazetteer.normalize import fold
from gazetteer.scoring import score

__all__ = ["demonyms"]


@functools.cache
def _stems(people: bool) -> tuple[dict[str, str], int]:
    data = rulefiles.demonyms()
    table = data.people if people else data.stems
    stems = {fold(stem): entity for entity, found in table.items() for stem in found}
    return stems, data.people_max_ending if people else data.max_ending


@functools.cache
def _pattern(stems: frozenset[str]) -> re.Pattern[str]:
    """A word that starts with one of ``stems`` (group 1: the longest such
    stem). The stems are laid out as a trie, so that the regex engine tries
    one branch a letter rather than every stem at every word."""
    return re.compile(rf"\b({_trie(sorted(stems))})[^\W\d_]*")


def _trie(words: list[str]) -> str:
    """A regex matching the longest of ``words`` that fits, as a trie."""
    branches: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    if not branches:
        return ""
    parts = [re.escape(first) + _trie(rest) for first, rest in sorted(branches.items())]
    body = parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
    return f"(?:{body})?" if ends else body


def demonyms(
    index: Index, text: str, busy: list[tuple[int, int]], people: bool = False
) -> list[tuple[int, int, Finding]]:
    """The demonym adjectives of ``text`` (``people``: the nouns for a people
    instead) outside the spans in ``busy``: (start, end, finding)."""
    stems, max_ending = _stems(people)
    known = frozenset(stem for stem, entity in stems.items() if entity in index.positions)
    if not known:
        return []
    found: list[tuple[int, int, Finding]] = []
    for match in _pattern(known).finditer(fold(text)):
        stem, word = match.group(1), match.group(0)
        start, end = match.span()
        if len(word) - len(stem) > max_ending or any(a < end and start < b for a, b in busy):
            continue
        entity = index.entities[index.positions[stems[stem]]]
        alias = Alias(text[start:end], "und", Tier.WEAK)
        value = score(Method.INFLECTED, Tier.WEAK)
        found.append((start, end, (entity, alias, Method.INFLECTED, value, (entity,), True)))
    return found
