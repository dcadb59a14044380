"""The word index: every alias filed under the keys of its words, and the
matches a run of words makes with it.

``resolve`` (for a query not found as written) and ``tag`` (for every run
of words in a text) ask the same question of it, :func:`word_matches`: which
aliases are these words, each word as written or as an inflected form of
the alias's word (:mod:`gazetteer.forms`)? Both then decide between the
matches with :func:`gazetteer.scoring.decide`, so a string gets the same
answer from both.

A word's key is :func:`~gazetteer.normalize.normalize` of it; a name's key is
its words' keys joined by a space (punctuation between words does not count:
"Korea, Republic of" is ``korea republic of``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import attrs

from gazetteer.forms import analyses
from gazetteer.index import _MASK, _SHIFT, Index, unpack
from gazetteer.model import Entity, Match, Method
from gazetteer.normalize import normalize
from gazetteer.scoring import score
from gazetteer.tokens import WORD, capitalised_word
from gazetteer.translit import has_cyrillic

__all__ = [
    "Hit",
    "WordIndex",
    "build_word_index",
    "case_fits",
    "hits",
    "shape",
    "shapes",
    "word_matches",
]

# An entry is "posting,shapes"; entries under one key are joined by ";".
# Kept as one string per key: a dict of strings is not walked by the
# garbage collector, and it takes less memory than tuples.
_ENTRY, _FIELD = ";", ","
_KEY_MEMO = 1 << 16
_ACRONYM_ENDING = 3  # МИДа, ЕСом: an acronym's case ending, in lower case
_ACRONYM_LETTERS = 3  # a word this short in capitals is an acronym (МИД, not Мид)
# A city this large has its names of no stated language declined by the
# text's rules: such names of a smaller town are given names as often.
DECLINED_POPULATION = 100_000
_LONG_WORD = 64  # a word longer than this is keyed afresh each time, never remembered


@functools.lru_cache(maxsize=_KEY_MEMO)
def _remembered_key(word: str) -> str:
    return normalize(word)


def word_key(word: str) -> str:
    """The key of one word of a text or an alias (memoised: words come back)."""
    return _remembered_key(word) if len(word) <= _LONG_WORD else normalize(word)


def shape(word: str) -> str:
    """'A' for an acronym, 'C' for a capitalised word, '-' for anything else."""
    if len(word) >= 2 and word.isupper():
        return "A"
    return "C" if word[:1].isupper() else "-"


def shapes(text: str) -> str:
    """The shapes of the words of ``text``, one letter a word (see :func:`shape`)."""
    return "".join(shape(w) for w in WORD.findall(text))


def case_fits(forms: str, surfaces: Sequence[str]) -> bool:
    """Whether words written as ``surfaces`` are capitalised as an alias
    whose words have the shapes ``forms``: an acronym in capitals, a
    capitalised word capitalised, and a short word in capitals (МИД, an
    acronym), with a case ending or not (МИДа, МИДе), only as an acronym.
    A Cyrillic word after the first may be in lower case where the alias
    capitalises it: Russian, Ukrainian and Bulgarian capitalise only the
    first word of most names (Європейський союз for Європейський Союз)."""
    for at, (form, surface) in enumerate(zip(forms, surfaces, strict=False)):
        if form == "A" and not surface.isupper():
            return False
        if form == "C" and (
            _short_acronym(surface)
            or not (surface[:1].isupper() or (at and surface.islower() and has_cyrillic(surface)))
        ):
            return False
    return True


def _short_acronym(surface: str) -> bool:
    """A short word in capitals, or one with a lower-case ending of a few
    letters after them (МИДа: an acronym declined, not the name Мид)."""
    head = surface
    for _ in range(_ACRONYM_ENDING):
        if not head[-1:].islower():
            break
        head = head[:-1]
    return 2 <= len(head) <= _ACRONYM_LETTERS and head.isupper()


@attrs.frozen
class WordIndex:
    """Name key → entries; first word → most words of a name; the runs of
    words that begin a name of several words; anchors."""

    names: Mapping[str, str]
    longest: Mapping[str, int]
    # Every run of two or more words that begins a name of several words
    # (the name itself included). A dict of None rather than a set: a dict
    # holding only strings is not tracked by the garbage collector.
    chains: dict[str, None]
    # A name that starts in lower case ("поправка Джексона-Вэника", "the
    # Caspian") is found from its first capitalised word: that word → how
    # many words come before it (negated for a capital inside a word: Phnom
    # in i-Phnom Penh, read back only after a hyphen or an apostrophe).
    anchors: Mapping[str, frozenset[int]]
    # every word key of every name (a dict of None: see chains)
    vocabulary: Mapping[str, None]
    # no word longer than this is a word of a name or an inflected form of one
    longest_word: int
    # word key → what the tagger asks of it, remembered (bounded; not pickled)
    _known: dict[str, Profile] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def __reduce__(self) -> tuple[type[WordIndex], tuple[object, ...]]:
        return (
            WordIndex,
            (
                self.names,
                self.longest,
                self.chains,
                self.anchors,
                self.vocabulary,
                self.longest_word,
            ),
        )

    def profile(self, word: str) -> Profile:
        """What a word of a text may be here: its bases that are words of some
        name (as written first, then its lemmas), the most words of a name one
        of them begins, and how many words a name has before it where it is an
        anchor."""
        if len(word) > self.longest_word:
            return _NOTHING  # not remembered: no memo holds a long text
        found = self._known.get(word)
        if found is None:
            known = self.vocabulary
            bases = tuple(dict.fromkeys(base for base, _ in analyses(word) if base in known))
            most = max((self.longest.get(base, 0) for base in bases), default=0)
            # an anchor inside a hyphenated word (Istat in l-Istat tal-Belt)
            # is no word of a name: it is looked up as written too
            anchored = (word, *bases)
            leads = frozenset(lead for base in anchored for lead in self.anchors.get(base, ()))
            found = (bases, most, leads)
            if len(self._known) < _KNOWN_SIZE:
                self._known[word] = found
        return found


# (bases, most words of a name they begin, anchor leads)
Profile = tuple[tuple[str, ...], int, frozenset[int]]
_KNOWN_SIZE = 100_000
_NOTHING: Profile = ((), 0, frozenset())
_LONGEST_ENDING = 8  # more letters than any inflection rule adds


def build_word_index(index: Index) -> WordIndex:
    """File every alias of ``index`` under its words' keys."""
    names: dict[str, str] = {}
    longest: dict[str, int] = {}
    chains: set[str] = set()
    anchors: dict[str, set[int]] = {}
    vocabulary: set[str] = set()
    fields = functools.lru_cache(maxsize=4096)(index.alias_fields)
    # An alias text is read once (its name key and shapes; its words filed in
    # the vocabulary, chains and anchors, which reading it again would not
    # change), however many entities and languages file it, and a word is
    # keyed once, however many names hold it (the pack's 478,000 aliases
    # have 384,000 texts). These tables, and ``names`` while it is made,
    # hold strings only, which the garbage collector does not walk.
    key_of: dict[str, str] = {}
    forms_of: dict[str, str] = {}
    too_short: set[str] = set()
    keyed: dict[str, str] = {}
    # the postings as the packed text holds them (Packed.raw: read without
    # a tuple per key), in the same order
    for packed in index.postings.raw.values():
        for posting in map(int, packed.split()):
            text = fields(posting >> _SHIFT)[posting & _MASK][0]
            key = key_of.get(text)
            if key is None:
                if text in too_short:
                    continue
                found = _file_words(text, keyed, longest, chains, anchors, vocabulary)
                if found is None:
                    too_short.add(text)
                    continue
                key = key_of[text] = found[0]
                forms_of[text] = found[1]
            entry = f"{posting}{_FIELD}{forms_of[text]}"
            filed = names.get(key)
            names[key] = entry if filed is None else f"{filed}{_ENTRY}{entry}"
    return WordIndex(
        names={
            key: _ENTRY.join(dict.fromkeys(found.split(_ENTRY))) if _ENTRY in found else found
            for key, found in names.items()
        },
        longest=longest,
        chains=dict.fromkeys(chains),
        anchors={word: frozenset(leads) for word, leads in anchors.items()},
        vocabulary=dict.fromkeys(vocabulary),
        longest_word=max(map(len, vocabulary), default=0) + _LONGEST_ENDING,
    )


def _file_words(
    text: str,
    keyed: dict[str, str],
    longest: dict[str, int],
    chains: set[str],
    anchors: dict[str, set[int]],
    vocabulary: set[str],
) -> tuple[str, str] | None:
    """File the words of an alias ``text`` in ``longest``, ``chains``,
    ``anchors`` and ``vocabulary``; its name key and its words' shapes, or
    None for a text too short to tell from a word of a text. ``keyed``: the
    words keyed so far, and their keys."""
    words = WORD.findall(text)
    forms = "".join(
        "A" if len(w) >= 2 and w.isupper() else "C" if w[:1].isupper() else "-" for w in words
    )  # shape() of each word, inlined
    if not words or (len(words) == 1 and len(words[0]) < 3 and forms != "A"):
        return None  # "Об", "Ош": too short to tell from a word of a text
    keys = []
    for word in words:
        found = keyed.get(word)
        if found is None:
            found = keyed[word] = normalize(word)  # word_key(word), not memoised twice
        keys.append(found)
    vocabulary.update(keys)
    key = " ".join(keys)
    longest[keys[0]] = max(longest.get(keys[0], 0), len(keys))
    if len(keys) > 1:
        chains.update(" ".join(keys[:size]) for size in range(2, len(keys) + 1))
        anchor = _anchor(text)
        if anchor is not None:
            anchors.setdefault(anchor[0], set()).add(anchor[1])
    return key, forms


def _anchor(text: str) -> tuple[str, int] | None:
    """Where the tagger, which starts at capitalised words, first meets an
    alias of several words that does not start with one: the key of its
    first capitalised word (a part of a word after a hyphen or an
    apostrophe counts: Phnom in i-Phnom Penh, Gambia in the Gambia) and how
    many words start before it (the words it then reads back to), negative
    for a capital inside a word (the tagger reads back only where a hyphen
    or an apostrophe joins it to the word before: not at every Saint or
    French, for i-Saint Lucia and i-French Guiana). None for
    an alias that starts with a capitalised word, holds none, or is one
    word: i-Ashgabat is read from its capital, as Ashgabat."""
    first = capitalised_word(astral=True).search(text)
    starts = [m.start() for m in WORD.finditer(text)]
    if first is None or first.start() == 0 or len(starts) < 2:
        return None
    lead = sum(1 for at in starts if at < first.start())
    # inside a word: read back only where the text joins it to one (negative)
    return word_key(first.group()), lead if first.start() in starts else -lead


# A hit: (posting, for each word the language whose rules inflected it or
# None, the shapes of the alias's words).
Hit = tuple[int, tuple["str | None", ...], str]


def hits(words: WordIndex, keys: Sequence[str]) -> list[Hit]:
    """Every alias whose words are ``keys`` (word keys), each as written or
    inflected by some language's rules. Acronyms are never inflected."""
    count = len(keys)
    partial: list[tuple[str, tuple[str | None, ...]]] = [("", ())]
    for position, key in enumerate(keys):
        grown = []
        for base, lang in analyses(key):
            for prefix, langs in partial:
                joined = f"{prefix} {base}" if prefix else base
                if position == count - 1:
                    ok = joined in words.names
                elif position == 0:
                    ok = words.longest.get(base, 0) >= count
                else:
                    ok = joined in words.chains
                if ok:
                    grown.append((joined, (*langs, lang)))
        partial = grown
        if not partial:
            return []
    found: list[Hit] = []
    for joined, langs in partial:
        for entry in words.names[joined].split(_ENTRY):
            posting, forms = entry.split(_FIELD)
            if any(lang and form == "A" for lang, form in zip(langs, forms, strict=False)):
                continue
            found.append((int(posting), langs, forms))
    return found


def _has_lang(entity: Entity, lang: str | None) -> bool:
    return any(alias.lang.split("-")[0] == lang for alias in entity.aliases)


def word_matches(index: Index, found: Sequence[Hit], lang: str | None, written: str) -> list[Match]:
    """The matches of words written as ``written`` with the aliases they hit.

    A word may be inflected by the rules of its alias's language. When
    ``lang`` (the language of the query or text) is given, only the forms
    that language makes count: of its own aliases, and of an entity's
    names in other languages when it has none filed in ``lang`` (Газпром,
    filed in Russian only, as Газпрому in a Ukrainian text; Исламабад,
    filed in Bulgarian, as Исламабаде in a Russian text). Another
    language's forms do not: Кале in a Bulgarian text is no Belarusian form
    of Кала (Qala, Malta), nor Кари one of Кара.
    A match with every word as written is ``exact`` (the alias's own text)
    or ``normalised``; one with an inflected word is ``inflected`` and says
    which rules read it.
    """
    written = written.strip()
    matches = []
    for posting, langs, _ in found:
        entity_position, alias_position = unpack(posting)
        entity = index.entities[entity_position]
        alias = entity.aliases[alias_position]
        rules = {rule for rule in langs if rule is not None}
        own = alias.lang.split("-")[0]
        if rules:
            # the alias's own language's forms, in a text of that language
            # or of none; and, for an entity with no name in the text's
            # language, that language's forms of its names in other
            # languages (Исламабад, filed in Bulgarian, is Исламабаде in a
            # Russian text); a name of no stated language (GeoNames') only
            # for a city of DECLINED_POPULATION people or more (Лахоре,
            # Оттаве), not for a town named as a woman is (Терезы)
            borrowed = lang is not None and lang != own and not _has_lang(entity, lang)
            stated = own != "und" or (entity.population or 0) >= DECLINED_POPULATION
            if rules == {own} and lang in (None, own):
                reader = own
            elif borrowed and stated and rules == {lang}:
                reader = str(lang)
            else:
                continue
            method, note = Method.INFLECTED, f"read by the {reader} inflection rules"
        else:
            method = Method.EXACT if alias.text == written else Method.NORMALISED
            note = None
        key = " ".join(word_key(w) for w in WORD.findall(alias.text))
        matches.append(Match(entity, alias, method, score(method, alias.tier), key, None, note))
    return matches
