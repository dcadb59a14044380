"""Demonyms: words made from a country's name that point to it, reported by
the tagger only when asked: adjectives (the American president,
азербайджанската армия) with ``tag(..., adjectives=True)``, the nouns for its
people (британците, американцы, українці) with ``tag(..., demonyms=True)``.

The stems are data (``_data/demonyms.yaml``): a word of the text that starts
with a stem and is at most ``max_ending`` letters longer points to the
stem's country. A word that reads as an adjective (it starts with an
adjective stem, within the adjectives' allowance) is never a noun for a
people: немецких is an adjective of немецк, not немец + ких. A stem whose
country the gazetteer does not hold is left out, so a gazetteer loaded
without the bundled data tags none of them.

The scan reads the text lower-cased (not folded): the stems are laid out as
a trie whose letters accept every character that folds to them, and the
pattern starts with the character before a word, which the regex engine
finds quickly; so a text is read once, and what it finds is what matching
the stems against the folded text finds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from gazetteer import rulefiles
from gazetteer.index import Index
from gazetteer.model import Alias, Finding, Method, Tier
from gazetteer.normalize import fold, fold_lowered, folds_to
from gazetteer.scoring import score

__all__ = ["Demonyms", "demonyms"]


@functools.cache
def _stems(people: bool) -> tuple[dict[str, str], int]:
    data = rulefiles.demonyms()
    table = data.people if people else data.stems
    stems = {fold(stem): entity for entity, found in table.items() for stem in found}
    return stems, data.people_max_ending if people else data.max_ending


def _letter(char: str) -> str:
    """A regex for one folded letter: it and every character folding to it."""
    chars = folds_to(char)
    if len(chars) == 1:
        return re.escape(char)
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


@functools.cache
def _pattern(stems: frozenset[str]) -> re.Pattern[str]:
    """A word after a character that is not part of a word (or at the start
    of the text: the caller puts a space before it) that starts with one of
    ``stems`` (group 1: the longest such stem; group 2: the word)."""
    # the look-ahead at the first two letters turns most words away in two tests
    shortest = min(len(stem) for stem in stems)
    ahead = "".join(_letters({stem[at] for stem in stems}) for at in range(min(2, shortest)))
    return re.compile(rf"\W(?={ahead})(({_trie(sorted(stems))})[^\W\d_]*)")


def _letters(chars: set[str]) -> str:
    """A regex for one of ``chars`` (folded), as any character folding to it."""
    return (
        "["
        + "".join(re.escape(ch) for ch in sorted({c for ch in chars for c in folds_to(ch)}))
        + "]"
    )


@functools.cache
def _anchored(stems: frozenset[str]) -> re.Pattern[str]:
    """A word, at a given place, that starts with one of ``stems``."""
    return re.compile(rf"({_trie(sorted(stems))})[^\W\d_]*")


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
    parts = [_letter(first) + _trie(rest) for first, rest in sorted(branches.items())]
    body = parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
    return f"(?:{body})?" if ends else body


class Demonyms:
    """The demonyms of one index: adjectives, or (``people``) the nouns for
    a people. Made once per tagger; :meth:`find` reads a text."""

    def __init__(self, index: Index, people: bool) -> None:
        self.index = index
        stems, self.max_ending = _stems(people)
        self.stems = {stem: entity for stem, entity in stems.items() if entity in index.positions}
        self.pattern = _pattern(frozenset(self.stems)) if self.stems else None
        # a noun is never a word that reads as an adjective
        adjectives, self.adjective_ending = _stems(False)
        self.adjectives = _anchored(frozenset(adjectives)) if people and adjectives else None

    def find(self, text: str, busy: Sequence[int] = ()) -> list[tuple[int, int, Finding]]:
        """The demonyms of ``text`` outside the mentions at ``busy`` (the
        start and end of each in turn, in order): (start, end, finding)."""
        if self.pattern is None:
            return []
        lowered = " " + fold_lowered(text)  # a space: a word may start the text
        found: list[tuple[int, int, Finding]] = []
        at, last = 0, len(busy) - 1  # the first mention of ``busy`` that may still overlap
        for match in self.pattern.finditer(lowered):
            stem, word = match.group(2), match.group(1)
            if len(word) - len(stem) > self.max_ending:
                continue
            start, end = match.start(1) - 1, match.end(1) - 1
            while at < last and busy[at + 1] <= start:
                at += 2
            if at < last and busy[at] < end:
                continue
            if self.adjectives is not None:
                adjective = self.adjectives.match(lowered, match.start(1))
                if adjective is not None and (
                    adjective.end() - adjective.end(1) <= self.adjective_ending
                ):
                    continue  # немецких: an adjective (немецк + их), not a noun (немец + ких)
            found.append((start, end, self._finding(fold(stem), text[start:end])))
        return found

    def _finding(self, stem: str, surface: str) -> Finding:
        entity = self.index.entities[self.index.positions[self.stems[stem]]]
        alias = Alias(surface, "und", Tier.WEAK)
        return (
            entity,
            alias,
            Method.INFLECTED,
            score(Method.INFLECTED, Tier.WEAK),
            (entity,),
            True,
        )


def demonyms(
    index: Index, text: str, busy: list[tuple[int, int]], people: bool = False
) -> list[tuple[int, int, Finding]]:
    """The demonym adjectives of ``text`` (``people``: the nouns for a people
    instead) outside the spans in ``busy``: (start, end, finding)."""
    return Demonyms(index, people).find(text, [at for span in sorted(busy) for at in span])
