"""Whether a one-word place name found in a text is a word of a longer name
that the gazetteer does not know: "Азия Марави" is a woman, not Asia;
"движение Лумина Казахстан" a party, not Kazakhstan; "Горан Болтон" a man,
not the borough of Bolton. Such a word is not reported, rather than reported
as the place and the longer name cut short silently.

A neighbour *continues* a name when it is written right next to it (one
space or a hyphen between: Азия-Марави, Лумина-Казахстан), starts with a
capital, is not in capitals (an acronym such as МИД governs a name, it is
not a word of it), is in the same script, is not one of the common words
of the text's language (``_data/common/``: a capitalised common word is
the start of a sentence or a title, not a name) and is not itself a word of
a mention. Then the place name is not reported

* when the word before it continues it and does not start a sentence
  (Горан Болтон, Лумина Казахстан), or is joined to it by a hyphen; or
* when the word after it continues it and is the last capitalised word of
  the run (Азия Марави): a place name followed by two capitalised words is
  more often a place before a person's name (глава МИД Казахстана Арман
  Жуманов).

And, as a text keeps calling a person by the same name, a place name written
as its alias (not inflected) that a text shows as the first of two such
words is not reported alone anywhere else in that text (Азия Марави ...
Азия не вернётся).

Only places are read so (countries, subdivisions, cities, regions); a
person's name after a given name the gazetteer does not know (Доналд
Трамп) is still that person.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from gazetteer import rulefiles
from gazetteer.model import Finding, Kind, Method
from gazetteer.tokens import WORD
from gazetteer.translit import has_cyrillic
from gazetteer.wordindex import word_key

__all__ = ["inside_names", "inside_unknown_names", "is_place", "may_be_inside"]

_PLACES = frozenset({Kind.COUNTRY, Kind.SUBDIVISION, Kind.CITY, Kind.REGION})
_SPACE = " \u00a0"  # what may stand between two words of one name
_HYPHEN = "-‐"  # what joins the parts of a hyphenated name (Азия-Марави)
_JOINTS = _SPACE + _HYPHEN
_SENTENCE = ".!?…:;\"'«»“”„()[]—–-•|/\n\r"  # what a sentence or title may start after


def inside_unknown_names(
    text: str, spans: Sequence[tuple[int, int]], findings: Sequence[Finding], lang: str | None
) -> list[bool]:
    """For each mention (``spans`` in order, none overlapping, with their
    ``findings``): whether it is a one-word place name inside a longer name
    the gazetteer does not know, and so is not to be reported."""
    bounds = [at for span in spans for at in span]
    dropped = inside_names(text, bounds, findings, lang, range(len(spans)))
    return [number in dropped for number in range(len(spans))]


def inside_names(
    text: str,
    bounds: Sequence[int],
    findings: Sequence[Finding],
    lang: str | None,
    suspects: Iterable[int],
) -> set[int]:
    """The numbers of the mentions (``bounds``: the start and end of each in
    turn, in order, none overlapping; their ``findings``) that are one-word
    place names inside a longer name the gazetteer does not know: among
    ``suspects`` (in order; every mention that passes :func:`may_be_inside`),
    and any other one-word place name written as one of them that the text
    shows as a first name."""
    dropped: set[int] = set()
    starts = bounds[::2]
    first_names: set[str] = set()
    words: list[int] = []  # the suspects that are one-word place names
    places: dict[int, bool] = {}  # by id of a finding (findings are shared by name)
    joints = _JOINTS

    def continues(start: int, end: int, name: str) -> bool:
        at = bisect.bisect_left(starts, end)  # a mention starting before ``end`` ...
        taken = at > 0 and bounds[2 * at - 1] > start  # ... and ending after ``start``
        return not taken and _may_continue(text[start:end], name, lang)

    def one_word_place(number: int) -> bool:
        found = findings[number]
        place = places.get(id(found))
        if place is None:
            place = places[id(found)] = not found[5] and is_place(found)
        if not place:
            return False
        surface = text[bounds[2 * number] : bounds[2 * number + 1]]
        return " " not in surface and surface.isprintable()  # not more than a word

    for number in suspects:
        if not one_word_place(number):
            continue
        start, end = bounds[2 * number], bounds[2 * number + 1]
        surface = text[start:end]
        words.append(number)
        # the word after it (most often there is none, or it is in lower case)
        if text[end : end + 1] in joints and text[end + 1 : end + 2].isupper():
            # (a word longer than a name's word is none: read no further than that)
            after = WORD.match(text, end + 1, end + 2 + _LONGEST_NEIGHBOUR)
            if after is not None and after.end() - after.start() > _LONGEST_NEIGHBOUR:
                after = None
            if after is not None and continues(*after.span(), surface):
                at = after.end()  # is it the last capitalised word of the run?
                if not (text[at : at + 1] in joints and text[at + 1 : at + 2].isupper()):
                    dropped.add(number)
                    if findings[number][2] is Method.EXACT:
                        first_names.add(surface)
                    continue
        # the word before it
        if start > 1 and text[start - 1] in joints and text[start - 2].isalnum():
            space = text.rfind(" ", max(0, start - 40), start - 1) + 1
            if space and text[space : start - 1].isalnum():  # most often a plain word
                begin = space
            else:
                begin = _word_before(text, start - 1)
            joined = text[start - 1] in _HYPHEN
            if (
                begin >= 0
                and text[begin].isupper()
                and continues(begin, start - 1, surface)
                and (joined or not _starts_sentence(text, begin))
            ):
                dropped.add(number)
    if first_names:  # every one-word place name written so, suspect or not
        for number in range(len(findings)):
            if text[bounds[2 * number] : bounds[2 * number + 1]] in first_names and one_word_place(
                number
            ):
                dropped.add(number)
    return dropped


def may_be_inside(text: str, start: int, end: int, capitalised_before: bool) -> bool:
    """Whether a one-word place name at ``start:end`` may be read as a word
    of a longer name: a capitalised word is joined to it after it, or a word
    is joined to it before it that is capitalised (``capitalised_before``:
    the caller knows whether it may be). A cheap test that every mention
    :func:`inside_names` drops passes."""
    if text[end : end + 1] in _JOINTS and text[end + 1 : end + 2].isupper():
        return True
    return capitalised_before and start > 1 and text[start - 1] in _JOINTS


def is_place(found: Finding) -> bool:
    """Whether every entity a finding names is a place."""
    return bool(found[4]) and all(entity.kind in _PLACES for entity in found[4])


_INSIDE_WORD = "'’ʼ`" + _HYPHEN  # what may stand inside a word, between letters


_LONGEST_NEIGHBOUR = 64  # characters: a longer word is no word of a name


def _word_before(text: str, end: int) -> int:
    """Where the word that ends at ``end`` (after a letter or digit) starts:
    a hyphenated or apostrophised word whole, as
    :data:`gazetteer.tokens.WORD` reads it; -1 when it is longer than
    ``_LONGEST_NEIGHBOUR`` (Баку-Баку-...: a walk back over the whole of
    such a word at each of its names would take time quadratic in it)."""
    at = end
    stop = max(0, end - _LONGEST_NEIGHBOUR)
    while at > 0:
        ch = text[at - 1]
        if ch.isalnum() or (ch in _INSIDE_WORD and at < end and at > 1 and text[at - 2].isalnum()):
            at -= 1
            if at < stop:
                return -1
        else:
            break
    return at


def _may_continue(word: str, name: str, lang: str | None) -> bool:
    """Whether a neighbour written as ``word`` may be another word of the
    same name as ``name`` (see the module's docstring)."""
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return False
    if has_cyrillic(word) != has_cyrillic(name):
        return False
    key = word_key(word)
    common = rulefiles.common_words()
    langs = [lang] if lang is not None else list(common)
    return not any(code in common and key in common[code].words for code in langs)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\u00a0")
    return not before or before[-1] in _SENTENCE
