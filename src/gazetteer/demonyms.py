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

What is matched is the text lower-cased (:func:`fold_lowered`), a
character of which stands for a letter of a stem when it folds to it
(:func:`folds_to`). The scan reads it as codes, a byte a character
(:func:`encode`), each saying all the scan needs to know of a character:
whether it is a non-word character, whether it is a letter (not a digit or
"_"), and which letter of the stems it folds to, if any. A codec that
writes the bundled languages a byte a character (cp1251: Cyrillic, ASCII
and the common punctuation; else latin-1) and a table make the codes in
two passes in C; a character the codec cannot write (ѝ, é) is coded on its
own. Every non-word character that is no letter of a stem has one code,
so the regex engine finds them as it finds a known first character and
tries the stems after each, where over the lower-cased text it tested
every character for a non-word one: a text costs about half as much
(0.57 on the SlavicNER dev corpus). A text with a character that no code
stands for (İ, whose lower case is two characters) is read as before, by
a pattern of the stems' letters over the lower-cased text; both ways find
the same (tests/test_demonyms.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from gazetteer import rulefiles
from gazetteer.errors import Problem, RuleFileError
from gazetteer.index import Index
from gazetteer.model import Alias, Finding, Method, Tier
from gazetteer.normalize import fold, fold_lowered, folds_to
from gazetteer.scoring import score

__all__ = ["Codes", "Demonyms", "demonyms", "encode", "listed", "other_words"]

# a word that starts with a stem: its match (group 1 the word, group 2 the
# stem), the stem's length, the match of an adjective stem there or None,
# and the stem as the table of stems writes it
_Candidate = tuple[
    "re.Match[str] | re.Match[bytes]", int, "re.Match[str] | re.Match[bytes] | None", str
]


@functools.cache
def other_words(lang: str | None) -> frozenset[str]:
    """The words a stem makes that are other words in a text of ``lang``
    (Bulgarian казаха, "they said"), folded; none without a language."""
    if lang is None:
        return frozenset()
    return frozenset(fold(word) for word in rulefiles.demonyms().other_words.get(lang, ()))


def listed(word: str) -> bool:
    """Whether ``word`` is a noun for a people as a list of countries writes
    one: a stem of the nouns and one of the ``country_endings``
    (``_data/demonyms.yaml``), in any case."""
    folded = fold(word.strip().lower())
    stems = _stems(True)[0]
    return any(
        folded.endswith(ending) and folded[: len(folded) - len(ending)] in stems
        for ending in _country_endings()
    )


@functools.cache
def _country_endings() -> tuple[str, ...]:
    return tuple(fold(ending) for ending in rulefiles.demonyms().country_endings)


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


def _trie(words: list[str], letter: Callable[[str], str] | None = None) -> str:
    """A regex matching the longest of ``words`` that fits, as a trie
    (``letter``: the regex of one letter, :func:`_letter` by default)."""
    letter = letter or _letter
    branches: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    if not branches:
        return ""
    parts = [letter(first) + _trie(rest, letter) for first, rest in sorted(branches.items())]
    body = parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
    return f"(?:{body})?" if ends else body


# The codes. A character of the lower-cased text is, for the scan, of a kind:
# (a non-word character, a letter, the letter of the stems it folds to or "").
_Kind = tuple[bool, bool, str]
_NON_WORD = re.compile(r"\W")
_WORD_LETTER = re.compile(r"[^\W\d_]")
_CODECS = ("cp1251", "latin-1")  # each writes a character as a byte; tried in turn
# characters of a text that may be coded one by one: 8 and one in 16 (else
# the text is read lower-cased, which then costs less)
_ONE_BY_ONE, _ONE_BY_ONE_SHARE = 8, 16


@functools.cache
def _accepted() -> tuple[dict[str, str], frozenset[str]]:
    """Each character that a letter of a stem (of either table) accepts in
    the lower-cased text → that letter; and the characters two letters
    would accept (none in the bundled data), which no code stands for."""
    letters = {ch for people in (True, False) for stem in _stems(people)[0] for ch in stem}
    accepted: dict[str, str] = {}
    both: set[str] = set()
    for letter in sorted(letters):
        for ch in folds_to(letter):
            if accepted.setdefault(ch, letter) != letter:
                both.add(ch)
    return accepted, frozenset(both)


def _kind(lowered: str) -> _Kind:
    """The kind of a character of the lower-cased text."""
    return (
        _NON_WORD.match(lowered) is not None,
        _WORD_LETTER.match(lowered) is not None,
        _accepted()[0].get(lowered, ""),
    )


@functools.cache
def _codes() -> dict[_Kind, int]:
    """A code (a byte) for each kind a character of a text can be, but a
    non-word character that a letter accepts (ⓐ), unless a codec writes
    one (the apostrophes): a letter with two codes is a class in the
    patterns, which the regex engine tests several times slower than one
    code, and the first letters are tested after every non-word character."""
    kinds = {(True, False, ""), (False, True, ""), (False, False, "")}
    kinds.update(kind for kind in map(_kind, _accepted()[0]) if not kind[0])
    for codec in _CODECS:
        for byte in range(256):
            try:
                lowered = bytes([byte]).decode(codec).lower()
            except UnicodeDecodeError:
                continue
            if len(lowered) == 1:
                kinds.add(_kind(lowered))
    if len(kinds) > 256:  # (the stems' letters make the kinds: data, not code)
        message = f"the stems use {len(kinds)} kinds of characters; a byte codes 256"
        where = str(rulefiles.data_dir() / "demonyms.yaml")
        raise RuleFileError([Problem(where, None, message, code="bad-value")])
    return {kind: code for code, kind in enumerate(sorted(kinds))}


@functools.lru_cache(maxsize=4096)
def _code(char: str) -> int | None:
    """The code of a character as the text writes it (that of its lower
    case), or None when no code stands for it."""
    lowered = char.lower()
    if len(lowered) != 1 or lowered in _accepted()[1]:
        return None  # İ: lower-casing the text changes its length, and the offsets
    kind = _kind(lowered)
    if char == "\u03a3" and _kind("\u03c2") != kind:
        return None  # Σ lower-cases to σ or ς, as the letters around it say
    return _codes().get(kind)


@functools.cache
def _tables() -> tuple[tuple[str, bytes, bytes], ...]:
    """For each codec whose characters all have a code: its name, the table
    that turns each byte it writes into the code of its character, and the
    codes of non-word characters with a letter of the stems that it writes
    (the apostrophes of o'zbek)."""
    plain = _codes()[True, False, ""]
    found = []
    for codec in _CODECS:
        table = bytearray(256)
        for byte in range(256):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue  # a byte the codec never writes
            code = _code(char)
            if code is None:
                break
            table[byte] = code
        else:
            extra = sorted(set(table) & _non_word_codes() - {plain})
            found.append((codec, bytes(table), bytes(extra)))
    return tuple(found)


@functools.cache
def _non_word_codes() -> frozenset[int]:
    return frozenset(code for kind, code in _codes().items() if kind[0])


class Codes(NamedTuple):
    """A text as codes: ``codes[i + 1]`` is the code of ``text[i]``, and
    ``codes[0]`` that of a space (a word may start the text); ``starts``:
    the codes of non-word characters other than the space's that the text
    holds (the apostrophes)."""

    codes: bytes
    starts: bytes


def encode(text: str) -> Codes | None:
    """``text`` as codes, or None when a character of it has none (İ), or
    too many have to be coded one by one."""
    tables = _tables()
    for codec, table, extra in tables:
        try:
            codes = (b" " + text.encode(codec)).translate(table)
        except UnicodeEncodeError:
            continue
        return Codes(codes, bytes([code for code in extra if code in codes]))
    if not tables:
        return None
    codec, table, extra = tables[0]
    written = b" " + text.encode(codec, "replace")  # "?" for each character it cannot write
    patched = bytearray(written.translate(table))
    starts = {code for code in extra if code in patched}
    budget = _ONE_BY_ONE + len(text) // _ONE_BY_ONE_SHARE
    at = written.find(b"?", 1)
    while at > 0:
        char = text[at - 1]
        if char != "?":
            code = _code(char)
            if code is None or budget == 0:
                return None
            budget -= 1
            patched[at] = code
            if code in _non_word_codes():
                starts.add(code)
        at = written.find(b"?", at + 1)
    starts.discard(_codes()[True, False, ""])
    return Codes(bytes(patched), bytes(sorted(starts)))


def _code_class(codes: list[int]) -> bytes:
    if len(codes) == 1:
        return re.escape(bytes(codes))
    return b"[" + b"".join(re.escape(bytes([code])) for code in sorted(codes)) + b"]"


def _code_letter(letter: str) -> str:
    """A regex, as latin-1 text, for the codes of the characters ``letter``
    (a letter of the stems) accepts."""
    codes = "".join(chr(code) for code in sorted(_letter_codes()[letter]))
    return re.escape(codes) if len(codes) == 1 else f"[{re.escape(codes)}]"


def _code_trie(words: list[str]) -> bytes:
    """:func:`_trie` over codes: a regex matching the codes of the longest
    of ``words`` that fits."""
    return _trie(words, _code_letter).encode("latin-1")


@functools.cache
def _letter_codes() -> dict[str, list[int]]:
    """Each letter of the stems → the codes of the characters that it accepts."""
    found: dict[str, list[int]] = {}
    for kind, code in sorted(_codes().items()):
        if kind[2]:
            found.setdefault(kind[2], []).append(code)
    return found


class _Scan:
    """The stems as patterns over codes."""

    def __init__(self, stems: frozenset[str], adjectives: frozenset[str] | None) -> None:
        codes = _codes()
        trie = _code_trie(sorted(stems))
        non_word = sorted(code for kind, code in codes.items() if kind[0])
        letters = sorted(code for kind, code in codes.items() if kind[1])
        tail = _code_class(letters) + b"*"
        # Each pattern of ``starts`` finds the non-word characters of a code
        # that a stem follows, as a known first character (several times
        # faster than a class of them). A stem with a non-word character
        # (o'zbek) may start inside another's match, so the patterns then
        # look ahead at the stem instead of reading it, and find all.
        overlap = any(kind[0] and kind[2] and kind[2] in stem for kind in codes for stem in stems)
        after = (b"(?=" + trie + b")") if overlap else (b"(?:" + trie + b")")
        self.starts = {code: re.compile(re.escape(bytes([code])) + after) for code in non_word}
        self.plain = self.starts[codes[True, False, ""]]
        self.word = re.compile(_code_class(non_word) + b"((" + trie + b")" + tail + b")")
        self.adjectives = (
            re.compile(b"(" + _code_trie(sorted(adjectives)) + b")" + tail) if adjectives else None
        )
        self.letters = {code: kind[2] for kind, code in codes.items()}


@functools.cache
def _scan(stems: frozenset[str], adjectives: frozenset[str] | None) -> _Scan:
    return _Scan(stems, adjectives)


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
        self.scan = (
            _scan(frozenset(self.stems), frozenset(adjectives) if people else None)
            if self.stems
            else None
        )

    def find(self, text: str, busy: Sequence[int] = ()) -> list[tuple[int, int, Finding]]:
        """The demonyms of ``text`` outside the mentions at ``busy`` (the
        start and end of each in turn, in order): (start, end, finding)."""
        if self.pattern is None:
            return []
        return self.find_in(text, encode(text), busy)

    def find_in(
        self, text: str, codes: Codes | None, busy: Sequence[int] = ()
    ) -> list[tuple[int, int, Finding]]:
        """:meth:`find` with the text's codes (:func:`encode`) at hand; None:
        read the lower-cased text instead."""
        if self.scan is None:
            return []
        if codes is None:
            return self.find_lowered(text, busy)
        scan, coded = self.scan, codes.codes
        # where a word starts with a stem (after the non-word character at each)
        places = [match.start() for match in scan.plain.finditer(coded)]
        if codes.starts:
            for code in codes.starts:
                places.extend(match.start() for match in scan.starts[code].finditer(coded))
            places.sort()

        def candidates() -> Iterator[_Candidate]:
            going = 0  # as the regex engine reads the text on from a match: where it ended
            for place in places:
                if place < going:
                    continue
                match = scan.word.match(coded, place)
                if match is None:
                    continue  # never: a stem follows the non-word character at ``place``
                going = match.end()
                stem = match.group(2)
                adjective = (
                    scan.adjectives.match(coded, match.start(1))
                    if scan.adjectives is not None
                    else None
                )
                letters = "".join(scan.letters[code] for code in stem)
                yield match, len(stem), adjective, letters

        return self._kept(candidates(), text, busy)

    def find_lowered(self, text: str, busy: Sequence[int] = ()) -> list[tuple[int, int, Finding]]:
        """:meth:`find` by a pattern of the stems' letters over the
        lower-cased text (for a text without codes)."""
        if self.pattern is None:
            return []
        lowered = " " + fold_lowered(text)  # a space: a word may start the text
        adjectives = self.adjectives
        candidates = (
            (
                match,
                len(match.group(2)),
                adjectives.match(lowered, match.start(1)) if adjectives is not None else None,
                fold(match.group(2)),
            )
            for match in self.pattern.finditer(lowered)
        )
        return self._kept(candidates, text, busy)

    def _kept(
        self, candidates: Iterable[_Candidate], text: str, busy: Sequence[int]
    ) -> list[tuple[int, int, Finding]]:
        """The words that start with a stem (each: its match, whose group 1
        is the word, one character after the text's place of it, and group 2
        the stem; the stem's length; the match of an adjective stem there,
        if any; the stem as :meth:`_finding` reads it) that end no more than
        ``max_ending`` letters after their stem, overlap no mention of
        ``busy`` and do not read as an adjective: (start, end, finding)."""
        found: list[tuple[int, int, Finding]] = []
        at, last = 0, len(busy) - 1  # the first mention of ``busy`` that may still overlap
        for match, stem, adjective, letters in candidates:
            if len(match.group(1)) - stem > self.max_ending:
                continue
            start, end = match.start(1) - 1, match.end(1) - 1
            while at < last and busy[at + 1] <= start:
                at += 2
            if at < last and busy[at] < end:
                continue
            if (
                adjective is not None
                and adjective.end() - adjective.end(1) <= self.adjective_ending
            ):
                continue  # немецких: an adjective (немецк + их), not a noun (немец + ких)
            found.append((start, end, self._finding(letters, text[start:end])))
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
