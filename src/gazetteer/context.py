"""Whether a place name found in a text is a word of a longer name
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
a mention. A word in another script than the text's language is written in
(Latin in a Russian text) is no common word of it and starts no sentence
of it: The New York Times. Then the place name is not reported

* when the word before it continues it and does not start a sentence
  (Горан Болтон, Лумина Казахстан), or is joined to it by a hyphen, or
  the two are all a quotation holds ("Техрик-э-Лабаик Пакистан"); or
* when the word after it continues it and is the last capitalised word of
  the run (Азия Марави): a place name followed by two capitalised words is
  more often a place before a person's name (глава МИД Казахстана Арман
  Жуманов).

A place name of several words is not reported only when both hold (The New
York Times): one neighbour is too often a title or a sentence run on
(Обединеното кралство Консервативна партия).

A one-word place name followed by a Roman number is a sovereign's or a
pope's name (Бенедикт XVI, Карл III), and is not reported either.

A name in Latin letters that a full stop joins to another Latin word (no
space: Leave.EU, Georgia.gov) is a web address or a brand's name, not the
place, and is not reported.

And, as a text keeps calling a person by the same name, a place name written
as its alias (not inflected) that a text shows as the first of two such
words is not reported alone anywhere else in that text (Азия Марави ...
Азия не вернётся).

Only places are read so (countries, subdivisions, cities, regions); a
person's name after a given name the gazetteer does not know (Доналд
Трамп) is still that person.

A name of an organisation has a head too, in lower case or an acronym: МИД
Великобритании, Верховный суд Пакистана, Съвета на ЕС. A place or an
organisation named right after such a head (``_data/organisations.yaml``:
the heads of the text's language, each word as written or inflected by the
language's rules, and the words that may join the head to the name) is a
word of that organisation's name, and is not reported either: the
gazetteer does not hold the ministry or the court, and the country it
would report is not what the text names there.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence

from gazetteer import rulefiles
from gazetteer.fit import foreign
from gazetteer.forms import rules
from gazetteer.model import Finding, Kind, Method
from gazetteer.normalize import folds_to
from gazetteer.tokens import WORD
from gazetteer.translit import has_cyrillic
from gazetteer.wordindex import word_key

__all__ = [
    "after_heads",
    "in_dotted_names",
    "inside_names",
    "inside_unknown_names",
    "is_place",
    "may_be_inside",
]

_PLACES = frozenset({Kind.COUNTRY, Kind.SUBDIVISION, Kind.CITY, Kind.REGION})
_IN_NAMES = _PLACES | {Kind.ORGANIZATION}  # what an organisation's name may hold
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
    dropped |= after_heads(text, bounds, findings, lang)
    dropped |= in_dotted_names(text, bounds)
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
    surnames: set[str] = set()
    places: dict[int, bool] = {}  # by id of a finding (findings are shared by name)
    joints = _JOINTS

    def continues(start: int, end: int, name: str, before: bool) -> bool:
        at = bisect.bisect_left(starts, end)  # a mention starting before ``end`` ...
        taken = at > 0 and bounds[2 * at - 1] > start  # ... and ending after ``start``
        return not taken and _may_continue(text[start:end], name, lang, before)

    def place_name(number: int) -> bool:
        found = findings[number]
        place = places.get(id(found))
        if place is None:
            place = places[id(found)] = not found[5] and is_place(found)
        return place and text[bounds[2 * number] : bounds[2 * number + 1]].isprintable()

    for number in suspects:
        if not place_name(number):
            continue
        start, end = bounds[2 * number], bounds[2 * number + 1]
        surface = text[start:end]
        one_word = " " not in surface  # a name of more words needs both neighbours
        followed = False
        # the word after it (most often there is none, or it is in lower case)
        if text[end : end + 1] in joints and text[end + 1 : end + 2].isupper():
            # (a word longer than a name's word is none: read no further than that)
            after = WORD.match(text, end + 1, end + 2 + _LONGEST_NEIGHBOUR)
            if after is not None and after.end() - after.start() > _LONGEST_NEIGHBOUR:
                after = None
            if (
                after is not None
                and one_word
                and _REGNAL.fullmatch(after.group())
                and _small(findings[number], surface, lang)  # (Россия XXI века: a century)
            ):
                dropped.add(number)  # a sovereign's or a pope's name: Бенедикт XVI
                if findings[number][2] is Method.EXACT:
                    first_names.add(surface)
                continue
            if after is not None and continues(*after.span(), surface, False):
                at = after.end()  # is it the last capitalised word of the run?
                if not (text[at : at + 1] in joints and text[at + 1 : at + 2].isupper()):
                    if one_word:
                        dropped.add(number)
                        if findings[number][2] is Method.EXACT:
                            first_names.add(surface)
                        continue
                    followed = True
        # the word before it
        if (
            (one_word or followed)
            and start > 1
            and text[start - 1] in joints
            and text[start - 2].isalnum()
        ):
            space = text.rfind(" ", max(0, start - 40), start - 1) + 1
            if space and text[space : start - 1].isalnum():  # most often a plain word
                begin = space
            else:
                begin = _word_before(text, start - 1)
            joined = text[start - 1] in _HYPHEN
            given = False
            if (
                begin >= 0
                and text[begin].isupper()
                and continues(begin, start - 1, surface, True)
                and (
                    joined
                    or not _starts_sentence(text, begin)
                    or _quoted(text, begin, end)
                    or foreign(text[begin], lang)  # The New York Times, in Russian
                    or (given := word_key(text[begin : start - 1]) in _given_names(lang))
                )
            ):
                dropped.add(number)
                found = findings[number]
                if (
                    one_word
                    and found[2] in _AS_WRITTEN
                    and found[1] is not None
                    and (given or word_key(text[begin : start - 1]) in _given_names(lang))
                    and _small(found, surface, lang)  # (Джордж Вашингтон: the city stays)
                ):
                    surnames.add(found[1].text)  # Джон Болтон: Болтон, Болтона are the man
    if surnames:  # and as the language inflects a surname (every language: None)
        inflection = rules()
        readers = list(inflection.values()) if lang is None else [inflection.get(lang)]
        for name in surnames:
            first_names.add(name)
            for rule in readers:
                first_names.update(rule.inflect(name) if rule is not None else ())
    if first_names:  # every one-word place name written so, suspect or not
        for number in range(len(findings)):
            if text[bounds[2 * number] : bounds[2 * number + 1]] in first_names and place_name(
                number
            ):
                dropped.add(number)
    return dropped


def after_heads(
    text: str, bounds: Sequence[int], findings: Sequence[Finding], lang: str | None
) -> set[int]:
    """The numbers of the mentions (``bounds``: the start and end of each in
    turn; their ``findings``) of places and organisations that complete the
    name of an organisation whose head is right before them (МИД
    Великобритании): see the module's docstring."""
    heads, joins = _heads(lang)
    dropped: set[int] = set()
    if not heads:
        return dropped
    # What the word before a mention may be is remembered by how the text
    # writes it after the space before it (nothing else decides it; a slice
    # with no space before it is never remembered, and what it would be
    # remembered as is what it is); for a join, what the word before the join
    # may be, by the two.
    memo = _HEAD_WORDS.setdefault(lang, {})
    remembered, rfind, spaces, longest = memo.get, text.rfind, _SPACE, _LONGEST_NEIGHBOUR
    endings = _endings(lang)
    for number, start in enumerate(bounds[::2]):
        # most words before a mention end in no two letters a head or a join
        # ends in: one look at them turns those away
        if text[start - 3 : start - 1] in endings and text[start - 1] in spaces:
            space = rfind(" ", start - longest if start > longest else 0, start - 1)
            role = remembered(text[space + 1 : start - 1])
            if (
                role == _NONE
                or (
                    role == _JOIN  # (and the word before it, remembered with it)
                    and space > 0
                    and remembered(text[rfind(" ", max(0, space - longest), space) + 1 : start - 1])
                    == _NONE
                )
            ):
                continue
            if _after_head(text, start, space, memo, heads, joins):
                found = findings[number]
                if not found[5] and found[4] and all(e.kind in _IN_NAMES for e in found[4]):
                    dropped.add(number)
    return dropped


# What a word before a mention may be: nothing, the last word of a head (or
# a head), or a join.
_NONE, _HEAD_END, _JOIN = 0, 1, 2


def _after_head(
    text: str,
    start: int,
    space: int,
    memo: dict[str, int],
    heads: _HeadIndex,
    joins: frozenset[str],
) -> bool:
    """Whether the words before ``start`` (a space before it, and the space
    before the word before it at ``space``, or -1) are a head, and a join."""
    longest = _LONGEST_NEIGHBOUR
    written = text[space + 1 : start - 1] if space >= 0 else None
    role = memo.get(written) if written is not None else None
    if role is None:
        role = _role(text, start, heads, joins)
        if written is not None and len(memo) < _MEMO_SIZE:
            memo[written] = role
    if role == _NONE:
        return False
    if role == _JOIN:  # the word before the join must end a head
        space = text.rfind(" ", max(0, space - longest), space) if space > 0 else -1
        both = text[space + 1 : start - 1] if space >= 0 else None
        role = memo.get(both) if both is not None else None
        if role is None:
            role = _role(text, _key_before(text, start)[0], heads, joins)
            if both is not None and len(memo) < _MEMO_SIZE:
                memo[both] = role
        if role != _HEAD_END:
            return False
        begin, key = _key_before(text, _key_before(text, start)[0])
    else:
        begin, key = _key_before(text, start)
    before = heads[key]
    return () in before or _completes(text, begin, before)


def _role(text: str, at: int, heads: _HeadIndex, joins: frozenset[str]) -> int:
    """The role of the word that ends one space before ``at``."""
    key = _key_before(text, at)[1]
    return _HEAD_END if key in heads else _JOIN if key in joins else _NONE


def _completes(text: str, begin: int, heads: list[tuple[frozenset[str], ...]]) -> bool:
    """Whether the words before the one at ``begin`` are those of one of
    ``heads`` (each as the forms of its words before the last, nearest first)."""
    for before in heads:
        at = begin
        for forms in before:
            at, key = _key_before(text, at)
            if key not in forms:
                break
        else:
            return True
    return False


_MEMO_SIZE = 100_000  # words before a mention remembered per language
# language → a word before a mention (or a word and a join), as written
# after a space → its role
_HEAD_WORDS: dict[str | None, dict[str, int]] = {}


# the heads of a language: the last word's forms → the forms of the words
# before it, nearest first; and the joins
_HeadIndex = dict[str, list[tuple[frozenset[str], ...]]]
_Heads = tuple[_HeadIndex, frozenset[str]]


@functools.cache
def _heads(lang: str | None) -> _Heads:
    """The heads of organisations' names of ``lang`` (of every language when
    None), each word as the set of its forms by the language's rules."""
    data = rulefiles.organisations()
    langs = [lang] if lang is not None else list(data)
    inflection = rules()
    heads: _HeadIndex = {}
    joins: set[str] = set()
    for code in langs:
        if code not in data:
            continue
        rule = inflection.get(code)
        joins.update(data[code].joins)
        for head in data[code].heads:
            words = [
                frozenset({word, *(rule.inflect(word) if rule is not None else ())})
                for word in head.split()
            ]
            before = tuple(reversed(words[:-1]))
            for form in words[-1]:
                if before not in heads.setdefault(form, []):
                    heads[form].append(before)
    return heads, frozenset(joins)


@functools.cache
def _endings(lang: str | None) -> frozenset[str]:
    """The last two letters of every form of the last word of a head and of
    every join of ``lang``, as a text may write them (in any case, and with
    any letter that folds to each)."""
    heads, joins = _heads(lang)
    found: set[str] = set()
    for word in (*heads, *joins):
        if len(word) < 2:
            continue
        firsts, lasts = (
            {variant for ch in folds_to(letter) for variant in (ch, ch.upper())}
            for letter in word[-2:]
        )
        found.update(a + b for a in firsts for b in lasts)
    return frozenset(found)


def _key_before(text: str, at: int) -> tuple[int, str]:
    """The word that ends one space before ``at``: where it starts, and its
    key ("" when there is none)."""
    if at < 2 or text[at - 1] not in _SPACE or not text[at - 2].isalnum():
        return at, ""
    space = text.rfind(" ", max(0, at - _LONGEST_NEIGHBOUR), at - 1) + 1
    word = text[space : at - 1]
    if not (space and word.isalpha()):  # most often a plain word; else read it back
        space = _word_before(text, at - 1)
        if space < 0:
            return at, ""
        word = text[space : at - 1]
    return space, word_key(word)


def in_dotted_names(text: str, bounds: Sequence[int]) -> set[int]:
    """The numbers of the mentions (``bounds``: the start and end of each in
    turn) written in Latin letters that a full stop joins, with no space, to
    another Latin word that is no mention and has a letter: a web address
    or a brand (Leave.EU, Georgia.gov), not the place. A sentence that
    starts after a full stop with no space ("London.The") is no such join:
    the word after the stop is capitalised and in lower case after its
    first letter; nor is a number (1.USA, Paris.2024) or another name
    (Russia.EU)."""
    dropped: set[int] = set()
    starts, ends = bounds[::2], bounds[1::2]
    for dot in (match.start() for match in _JOINED.finditer(text)):  # few in a text
        # a mention right after the stop, or one that ends at it
        for number, before in (
            (bisect.bisect_left(starts, dot + 1), True),
            (bisect.bisect_left(ends, dot), False),
        ):
            if number >= len(starts):
                continue
            start, end = starts[number], ends[number]
            if (start != dot + 1) if before else (end != dot):
                continue
            if not (
                dot and _latin(text[dot - 1]) and _latin(text[dot + 1]) and _latin(text[start])
            ):
                continue
            if before:
                other = _word_before(text, dot)  # the word before the stop
                word = text[other:dot] if other >= 0 else ""
                named = number > 0 and ends[number - 1] > other
                sentence = _sentence_like(text[start:end])  # the name must not start one
            else:
                match = WORD.match(text, end + 1)
                word = match.group() if match is not None else ""
                named = number + 1 < len(starts) and starts[number + 1] == end + 1
                sentence = _sentence_like(word)
            if word and not named and not sentence and any(ch.isalpha() for ch in word):
                dropped.add(number)
    return dropped


_JOINED = re.compile(r"\.(?=\w)")  # a full stop before a word character (the literal first: fast)


def _latin(ch: str) -> bool:
    """Whether ``ch`` is a Latin letter or a digit."""
    return ch.isdigit() or ("A" <= ch <= "z" and ch.isalpha()) or "À" <= ch <= "ɏ"


def _sentence_like(word: str) -> bool:
    """Whether ``word`` is written as a sentence's first word may be: a
    capital, then lower case (London, not EU or com)."""
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


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

# A Roman number (II, XVI): written after a name, the name is a sovereign's
# or a pope's (Бенедикт XVI, Карл III). A lone "I" is too often a word.
# Cyrillic texts often write it with Cyrillic Х and І (ХVІ).
_REGNAL = re.compile(r"(?=[IІVXХL]{2}|V)L?[XХ]{0,3}(?:[IІ][XХ]|[IІ]V|V?[IІ]{0,3})")


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


def _may_continue(word: str, name: str, lang: str | None, before: bool) -> bool:
    """Whether a neighbour written as ``word`` (``before`` the name or after
    it) may be another word of the same name as ``name`` (see the module's
    docstring)."""
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return False
    if has_cyrillic(word) != has_cyrillic(name):
        return False
    key = word_key(word)
    if foreign(word, lang):
        return True  # a capitalised word of another script: a name's (The Times, in Russian)
    if before and key in _given_names(lang):
        return True  # Джон Болтон: a common word, and a given name (after, it starts a name)
    return not _common(key, lang)


def _common(key: str, lang: str | None) -> bool:
    """Whether ``key`` is one of the common words of ``lang`` (of any
    language's when None: ``_data/common/``)."""
    common = rulefiles.common_words()
    langs = [lang] if lang is not None else list(common)
    return any(code in common and key in common[code].words for code in langs)


@functools.cache
def _given_names(lang: str | None) -> frozenset[str]:
    """The given names of ``lang`` that are common words too (of every
    language when None: ``_data/names.yaml``), as listed and as the
    language's rules inflect them (Джона), in key form."""
    given = rulefiles.names().given_names
    inflection = rules()
    found: set[str] = set()
    for code in [lang] if lang is not None else list(given):
        rule = inflection.get(code)
        for name in given.get(code, ()):
            found.add(name)
            found.update(rule.inflect(name) if rule is not None else ())
    return frozenset(found)


_AS_WRITTEN = frozenset({Method.EXACT, Method.INFLECTED})  # a surname carried through a text


def _small(found: Finding, surface: str, lang: str | None) -> bool:
    """Whether a place name is a lesser place's: it names only subdivisions
    and cities, and is no common word of the text's language (of any
    language's when None: ``_data/common/``). A country, a region or a
    place a language names often (Вашингтон, Россия) is still meant by its
    name where a text also names a person or an era after it (Джордж
    Вашингтон, Россия XXI века); Болтон and Бенедикт are not."""
    places = all(entity.kind in (Kind.SUBDIVISION, Kind.CITY) for entity in found[4])
    return places and not _common(word_key(surface), lang)


_OPENING = '«“„"'  # what opens a quoted name
_QUOTE_CLOSING = '»”“"'  # what closes it


def _quoted(text: str, begin: int, end: int) -> bool:
    """Whether the two words at ``begin:end`` are all a quotation holds
    ("Техрик-э-Лабаик Пакистан", a party): a name, though a capitalised word
    after an opening quote may start a sentence."""
    opening, closing = text[begin - 1 : begin], text[end : end + 1]
    return bool(opening and closing) and opening in _OPENING and closing in _QUOTE_CLOSING


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\u00a0")
    return not before or before[-1] in _SENTENCE
