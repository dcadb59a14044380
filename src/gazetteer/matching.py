"""Matching: every way a query can meet an alias, tried from the surest.

1. **exact / normalised**: the query's normalised key is an alias's key.
1b. **inflected**: the query's words are an alias's words, each as written
   or an inflected form of it (:mod:`gazetteer.wordindex`, the lookup the
   tagger makes for every run of words in a text).
2. **transliterated**: a Latin form of the query (itself if Latin, its
   romanisations if Cyrillic) is a Latin form of an alias.
3. **phonetic**: a skeleton of the query's Latin forms is an alias's, and
   the Latin forms are at least ``PHONETIC_MIN_SIMILARITY`` alike; for a
   query in a script the library does not romanise, its written skeleton
   (:func:`~gazetteer.phonetic.written_skeleton`) is an alias's of its
   script, or one letter from it (:meth:`Matcher.written`).
4. **fuzzy**: nothing else matched; the Latin forms that share the query's
   first letters and whose length the floor allows
   (:class:`~gazetteer.crossindex.NearForms`) are scored with rapidfuzz's
   ``ratio`` and kept from ``FUZZY_MIN_SIMILARITY`` up.

Step 1b runs only when no strong alias matched as written, steps 2-4 only
when no strong alias matched in step 1 or 1b, and steps 3-4
only for a query of at least ``MIN_FUZZY_LETTERS`` letters ("NASA" never
meets "NATO"; ``resolve`` asks ``MIN_PHONETIC_LETTERS``). When nothing
strong matched, person names are rewritten and tried again: "Aliyev,
Ilham" and "Алиев Ильхам Гейдар оглы" as "Ilham Aliyev", and "I. Aliyev"
against the people whose surname is Aliyev and whose given name starts
with I.

The cross-script index is made the first time a query needs it, once per
Gazetteer, under a lock: read from the disk cache for the bundled data
(see :mod:`gazetteer.cache`), else built (about two and a half seconds for
the bundled data).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Set

import attrs
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from gazetteer import cache, rulefiles
from gazetteer._lazy import Lazy
from gazetteer.crossindex import CrossIndex, NearForms, build_cross_index, near_keys
from gazetteer.index import Index, unpack
from gazetteer.model import Alias, Kind, Match, Method, Tier
from gazetteer.normalize import normalize, spelling
from gazetteer.phonetic import script, skeleton_letters, skeletons, written_skeleton
from gazetteer.scoring import (
    CANDIDATE_MIN_SIMILARITY,
    FUZZY_MIN_FIRST_WORD,
    FUZZY_MIN_SIMILARITY,
    LONG_WORD_LETTERS,
    MIN_CROSS_SCRIPT_LETTERS,
    MIN_EDIT_LETTERS,
    MIN_FUZZY_LETTERS,
    MIN_PHONETIC_LETTERS,
    MIN_ROMANISED_LETTERS,
    MIN_WORD_LETTERS,
    PHONETIC_MIN_SIMILARITY,
    WRITTEN_CANDIDATE_LETTERS,
    WRITTEN_CANDIDATE_NEAR_LETTERS,
    WRITTEN_MIN_LETTERS,
    WRITTEN_MIN_SIMILARITY,
    WRITTEN_NEAR_LETTERS,
    WRITTEN_NEAR_SIMILARITY,
    WRITTEN_SHORT_SIMILARITY,
    group,
    score,
)
from gazetteer.tokens import WORD
from gazetteer.translit import latin_forms, latin_set
from gazetteer.wordindex import WordIndex, case_fits, hits, shapes, word_key, word_matches

__all__ = [
    "Matcher",
    "country_word",
    "near_country_word",
    "script",
    "state_forms",
    "telling_forms",
    "territories",
    "without_state_form",
]

_INITIAL = re.compile(r"^(\w)\.?$")


@functools.cache
def _name_rules() -> tuple[frozenset[str], tuple[str, ...]]:
    data = rulefiles.names()
    words = frozenset(normalize(w) for w in data.patronymic_words)
    endings = tuple(sorted((normalize(e) for e in data.patronymic_endings), key=len))
    return words, endings[::-1]


def fit_case(matches: list[Match], query: str) -> list[Match]:
    """Where some of the matches' aliases are capitalised as the query is and
    others are not (ЕС the acronym, Ес a name), only the ones that fit, as
    in the tagger (:func:`~gazetteer.wordindex.case_fits`); all of them when
    none fits (a query in lower case finds capitalised names)."""
    if len({m.entity.id for m in matches}) < 2:
        return matches  # nothing to choose between
    surfaces = WORD.findall(query)
    fitting = [m for m in matches if case_fits(shapes(m.alias.text), surfaces)]
    return fitting or matches


def _letters(key: str) -> int:
    return sum(ch.isalpha() for ch in key)


_BRACKETED = re.compile(r"[(\[{][^()\[\]{}]*[)\]}]")
# the matches a query's later steps found (Matcher.matches), by what they
# read of it: its spelling, the language, the width, and whether it is a
# short query in capitals (an acronym: SNG, СНГ; _short_acronym). Not the
# kinds asked for, which are applied after, so one memo serves a batch or
# one country() call.
Memo = dict[tuple[str, str | None, bool, bool], list[Match]]
_MAX_READINGS = 8  # readings of a query's abbreviations tried
_MAX_GAPS = 6  # joined readings of a query's words tried
_PLACES = (Kind.SUBDIVISION, Kind.CITY)  # whose names a short Latin word romanises to by chance


@functools.cache
def _cleanup_rules() -> tuple[
    frozenset[str], frozenset[str], frozenset[str], tuple[str, ...], dict[str, tuple[str, ...]]
]:
    data = rulefiles.cleanup()
    return (
        frozenset(data.qualifiers),
        frozenset(data.articles),
        frozenset(data.generic_words),
        data.elided_articles,
        dict(data.abbreviations),
    )


def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def cleaned(key: str) -> list[str]:
    """The readings of a query's key without what is not part of a name
    (rules in ``_data/cleanup.yaml``): bracketed parts, words without a
    letter at either end and stray marks at the ends ("1. gambia", "macau -"),
    a trailing qualifier ("hong kong sar"), a leading article ("the kingdom of
    bhutan", "l'italie") or generic word ("orileede angola"), and each reading
    of its abbreviations ("dem. rep. congo" → "democratic republic congo"
    ...). Empty when nothing changes."""
    qualifiers, articles, generic, elided, abbreviations = _cleanup_rules()
    words = _BRACKETED.sub(" ", key).split()
    while words and not _has_letter(words[0]):
        words.pop(0)
    while words and not _has_letter(words[-1]):
        words.pop()
    if not words:
        return []
    words[0] = words[0].lstrip("([{-.'")
    if words[-1] not in abbreviations:
        words[-1] = words[-1].rstrip(")]}-.,;:'?!")
    if len(words) > 1 and words[-1] in qualifiers:
        words.pop()
    if len(words) > 1 and words[0] in articles:
        words.pop(0)
    while len(words) > 1 and words[0] in generic:  # (Orílẹ́ède Orilẹede Amerika)
        words.pop(0)
    for article in elided:
        if words[0].startswith(article) and len(words[0]) > len(article) + 1:
            words[0] = words[0][len(article) :]
    options = [abbreviations.get(word, (word,)) for word in words]
    readings = itertools.islice(itertools.product(*options), _MAX_READINGS)
    return [r for r in dict.fromkeys(" ".join(words) for words in readings) if r and r != key]


@functools.cache
def state_forms(places: bool = False) -> frozenset[str]:
    """The words that say only a country's form of state (``state_forms``
    in ``_data/cleanup.yaml``: republic, of, ssr ...), and with ``places``
    those that say a kind of place (``place_forms``: island, city ...)."""
    rules = rulefiles.cleanup()
    return frozenset(rules.state_forms + (rules.place_forms if places else ()))


@functools.cache
def telling_forms() -> frozenset[str]:
    """The words of a form of state that tell two states of one name apart
    (``telling_forms`` in ``_data/cleanup.yaml``: democratic, people's ...)."""
    return frozenset(rulefiles.cleanup().telling_forms)


_WORD_EDGES = ",;:.()[]{}"


def without_state_form(key: str, places: bool = True) -> list[str]:
    """The readings of a key without the words that say only a country's
    form of state (``state_forms`` in ``_data/cleanup.yaml``) and, with
    ``places``, a kind of place (``place_forms``): first without
    those at its ends ("republic of the union of myanmar" → "myanmar",
    "vatican city state" → "vatican city", "bailiwick of isle of man" →
    "isle of man"), then without every one ("ethiopia federal democratic
    republic"); none when it has none of them, or nothing but them."""
    forms = state_forms(places)
    words = [w for w in (w.strip(_WORD_EDGES) for w in key.split()) if w]
    start, end = 0, len(words)
    while start < end and words[start] in forms:
        start += 1
    while end > start and words[end - 1] in forms:
        end -= 1
    readings = [" ".join(words[start:end]), " ".join(w for w in words if w not in forms)]
    return [r for r in dict.fromkeys(readings) if r and r != " ".join(words)]


@attrs.frozen
class _CountryWords:
    """country_words.yaml and country_adjectives.yaml, read together."""

    language: str
    adjectives: dict[str, tuple[str, str]]  # key → (entity id, the file it is from)
    acronyms: dict[str, str]  # key → entity id
    endings: tuple[str, ...]
    nouns: frozenset[str]


@functools.cache
def _country_words() -> _CountryWords:
    made, written = rulefiles.country_words(), rulefiles.country_adjectives()
    adjectives = {
        key: (entity_id, source)
        for data, source in ((made, "tools/country_words.py"), (written, _ADJECTIVES))
        for entity_id, keys in data.adjectives.items()
        for key in keys
    }
    acronyms = {key: entity_id for entity_id, keys in made.acronyms.items() for key in keys}
    endings = tuple(sorted(written.endings, key=len, reverse=True))
    return _CountryWords(made.language, adjectives, acronyms, endings, frozenset(written.nouns))


def territories() -> Mapping[str, str]:
    """A territory's country entity id → the id of the country ISO 3166-2
    lists it under (country:hk → country:cn; ``_data/country_words.yaml``,
    made by tools/country_words.py)."""
    return rulefiles.country_words().territories


_ADJECTIVES = "_data/country_adjectives.yaml"
_ACRONYM = re.compile(r"(?:[A-Z]\.? ?){2,}")  # UAE, U.A.E., U. A. E.


def country_word(query: str) -> tuple[str, str, str] | None:
    """(the country entity id, the language, what the query is read as,
    with the file that says so) when ``query`` is an adjective of a
    country, a word for its people made of one (an ending joined to it,
    Kenyans, Englishman; a noun after it, British citizen) or, written in
    capitals, an acronym of its name (``_data/country_words.yaml`` and
    ``_data/country_adjectives.yaml``: "Kenyan" → country:ke, "Togolese" →
    country:tg, "U.A.E." → country:ae); else None."""
    words = _country_words()
    key = normalize(query)
    if key in words.adjectives:
        entity_id, source = words.adjectives[key]
        return entity_id, words.language, f"an adjective of the country ({source})"
    head, _, last = key.rpartition(" ")
    stems = [key[: -len(e)] for e in words.endings if key.endswith(e) and len(key) > len(e)]
    if head and last in words.nouns:
        stems.append(head)
    for stem in stems:
        if stem in words.adjectives:
            entity_id, source = words.adjectives[stem]
            rule = f"{source}, {_ADJECTIVES}" if source != _ADJECTIVES else source
            note = f"a word for the people of the country ({rule})"
            return entity_id, words.language, note
    return country_acronym(query)


def country_acronym(query: str) -> tuple[str, str, str] | None:
    """(the country entity id, the language, what the query is read as)
    when ``query``, written as an acronym, is one of a country's English
    name (``_data/country_words.yaml``: "U.A.E." → country:ae); else None."""
    words = _country_words()
    found = words.acronyms.get(re.sub(r"[. ]", "", normalize(query)))
    if found and _ACRONYM.fullmatch(query.strip()):
        return found, words.language, "an acronym of the country (tools/country_words.py)"
    return None


NEAR_ADJECTIVE_LETTERS = 7  # letters of a query read as a typo of an adjective (as fuzzy)


def near_country_word(query: str) -> tuple[str, str, str, float] | None:
    """(the country entity id, the language, what the query is read as, the
    similarity) when ``query`` is one typo from an adjective of one country
    in either file (``country_word``): a letter left out or put in, or two
    swapped (Ghanian, Kenyian, Brittish, Portugese), not a letter changed,
    which mostly makes another word (barbarian is not Barbadian); of
    ``NEAR_ADJECTIVE_LETTERS`` letters or more, with the same first two
    letters, as the fuzzy step asks; else None."""
    words = _country_words()
    key = normalize(query)
    if len(key) < NEAR_ADJECTIVE_LETTERS:
        return None
    found = {
        entity_id: (adjective, source)
        for adjective, (entity_id, source) in words.adjectives.items()
        if adjective[:2] == key[:2] and _letter_typos(key, adjective) == 1
    }
    if len(found) != 1:
        return None
    entity_id, (adjective, source) = next(iter(found.items()))
    note = f"a typo of {adjective!r}, an adjective of the country ({source})"
    return entity_id, words.language, note, fuzz.ratio(key, adjective)


def joined(key: str) -> list[str]:
    """The key with one space or hyphen between two words taken out, at each
    place ("au stralia" → "australia", "kazakh-stan" → "kazakhstan"): a
    typist's stray space."""
    gaps = [i for i, ch in enumerate(key) if ch in " -" and 0 < i < len(key) - 1]
    return [key[:i] + key[i + 1 :] for i in gaps[:_MAX_GAPS]]


def _close(word: str, other: str) -> bool:
    """Two words a typo apart: ``FUZZY_MIN_FIRST_WORD`` alike, or one edit
    (a transposition counting as one)."""
    return (
        fuzz.ratio(word, other) >= FUZZY_MIN_FIRST_WORD
        or OSA.distance(word, other, score_cutoff=1) <= 1
    )


_SPLIT = re.compile(r"[ -]")


def _typo_apart(word: str, other: str) -> bool:
    """At most one typo apart (a letter dropped, doubled, changed, or two
    swapped), two for a word of ``LONG_WORD_LETTERS`` letters or more."""
    allowed = 2 if len(word) >= LONG_WORD_LETTERS else 1
    return OSA.distance(word, other, score_cutoff=allowed) <= allowed


def words_align(form: str, other: str) -> bool:
    """Whether every word of ``form`` of ``MIN_WORD_LETTERS`` letters or more
    is a typo away from a word of ``other`` (or from two of its words run
    together): a whole word of the query weighs more than letters in common,
    so "republic of korea" does not meet "republic of kenya", nor
    "irlandskaya respublika" "irakskaya respublika"."""
    theirs = [w for w in _SPLIT.split(other.replace("'", "")) if w]
    ours = [w for w in _SPLIT.split(form.replace("'", "")) if w]
    candidates = set(theirs) | {a + b for a, b in itertools.pairwise(theirs)}

    def near(word: str) -> bool:
        return word in candidates or any(_typo_apart(word, c) for c in candidates)

    for i, word in enumerate(ours):
        if len(word) < MIN_WORD_LETTERS or near(word):
            continue
        # a word the query split in two ("severo atlanticheskiy")
        if (i + 1 < len(ours) and near(word + ours[i + 1])) or (i and near(ours[i - 1] + word)):
            continue
        return False
    return True


def typo_alike(key: str, other: str) -> float | None:
    """The rapidfuzz ``ratio`` of two keys that pass the fuzzy step's tests as
    written (``FUZZY_MIN_SIMILARITY``, first words alike, every word a typo
    from a word of the other), else None."""
    similarity = fuzz.ratio(key, other)
    if similarity < FUZZY_MIN_SIMILARITY:
        return None
    first, theirs = key.split()[0], other.split()
    if not (_close(first, theirs[0]) or _close(first, "".join(theirs[:2]))):
        return None
    return similarity if words_align(key, other) else None


def _letter_typos(word: str, other: str) -> int:
    """Typos between two strings when a letter may be dropped, added or
    swapped with its neighbour (one typo each) but a changed letter counts
    as two (one dropped, one added)."""
    n, m = len(word), len(other)
    previous2: list[int] = []
    previous = list(range(m + 1))
    for i in range(1, n + 1):
        current = [i] + [0] * m
        for j in range(1, m + 1):
            same = word[i - 1] == other[j - 1]
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (0 if same else 2))
            if (
                i > 1
                and j > 1
                and word[i - 1] == other[j - 2]
                and word[i - 2] == other[j - 1]
                and not same
            ):
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        previous2, previous = previous, current
    return previous[m]


def kept_letters(key: str, other: str) -> bool:
    """Whether ``key`` is ``other`` with at most one letter per word dropped,
    doubled or swapped with its neighbour, and none changed: how a typist
    garbles a name in its own script, not how its language makes another
    word (компания, Кампания)."""
    return _letter_typos(key, other) <= max(1, len(key.split()))


def _capitals(text: str) -> bool:
    """Whether every letter of ``text`` is a capital (an acronym: "SNG", "СНГ")."""
    found = [ch for ch in text if ch.isalpha()]
    return bool(found) and all(ch.isupper() for ch in found)


def _short_acronym(query: str, key: str) -> bool:
    """Whether ``query`` (``key`` normalised) is short enough for its case
    to matter (``Matcher._short``: under ``MIN_ROMANISED_LETTERS`` letters)
    and written in capitals, as an acronym is: the one thing the later steps
    read of a query beyond its spelling (the memo's slot holds it)."""
    return _letters(key) < MIN_ROMANISED_LETTERS and _capitals(query)


def _own_script(key: str) -> str | None:
    """The script of a key when it is one script other than Latin (the
    scripts in which a query meets an alias of its own script as written)."""
    found = script(key)
    return None if found == "LATIN" else found


def name_variants(key: str) -> list[str]:
    """Other orders of a person's name: "aliyev, ilham" → "ilham aliyev" ...

    A comma swaps the parts around it; patronymics are dropped; a name of two
    or three words is also tried with its first or last word moved to the
    other end.
    """
    words_marker, endings = _name_rules()
    text = key
    if "," in text:
        head, _, tail = text.partition(",")
        text = f"{tail.strip()} {head.strip()}".strip()
    words = text.split()
    kept: list[str] = []
    for word in words:
        if word in words_marker:
            if kept:
                kept.pop()  # the father's name before оглы / kyzy
            continue
        if len(words) >= 3 and len(word) > 5 and word.endswith(endings):
            continue
        kept.append(word)
    variants = [" ".join(kept)]
    if 2 <= len(kept) <= 3:
        variants.append(" ".join([*kept[1:], kept[0]]))
        variants.append(" ".join([kept[-1], *kept[:-1]]))
    return [v for v in dict.fromkeys(variants) if v and v != key]


class Matcher:
    """The matching steps over one compiled index (and its cross-script index)."""

    def __init__(
        self,
        index: Index,
        cache_key: tuple[str, str] | None = None,
        cross: CrossIndex | None = None,
        words: Lazy[WordIndex] | None = None,
    ) -> None:
        self.index = index
        self.cache_key = cache_key
        self._cross = Lazy(self._load_cross, cross)
        self._near = Lazy(lambda: NearForms(self.cross().forms))
        self._entity_scripts = Lazy(self._scripts)
        self.words = words

    def inflected(self, query: str, lang: str | None) -> list[Match]:
        """Step 1b: the aliases the query's words are, as written or inflected."""
        surfaces = WORD.findall(query)
        if not surfaces or self.words is None:
            return []
        found = hits(self.words.get(), [word_key(w) for w in surfaces])
        return word_matches(self.index, found, lang, query)

    def cross(self) -> CrossIndex:
        """The cross-script index: from the disk cache when the index has a cache key,
        else built (and then cached)."""
        return self._cross.get()

    def cross_if_built(self) -> CrossIndex | None:
        """The cross-script index if it has been made (to ship it with a pickle)."""
        return self._cross.peek()

    def _load_cross(self) -> CrossIndex:
        # cached beside the index it belongs to: "bundled.cities" → "cross.cities"
        name, key = self.cache_key or ("", "")
        name = name.replace("bundled", "cross", 1)
        if key and (found := cache.read_cross_index(name, key)):
            return found
        built = build_cross_index(self.index)
        if key:
            cache.write_cross_index(name, key, built)
        return built

    def _match(
        self,
        posting: int,
        method: Method,
        key: str,
        similarity: float | None = None,
        note: str | None = None,
    ) -> Match:
        entity_position, alias_position = unpack(posting)
        entity = self.index.entities[entity_position]
        alias = entity.aliases[alias_position]
        value = score(method, alias.tier, similarity, rewritten=note is not None)
        return Match(entity, alias, method, value, key, similarity, note)

    def direct(self, query: str, key: str) -> list[Match]:
        written = unicodedata.normalize("NFC", query.strip())
        found = []
        for posting in self.index.postings.get(key, ()):
            entity_position, alias_position = unpack(posting)
            alias = self.index.entities[entity_position].aliases[alias_position]
            method = Method.EXACT if alias.text == written else Method.NORMALISED
            found.append(self._match(posting, method, key))
        return found

    def _similarity(self, form: str, posting: int) -> float:
        others = self.cross().alias_forms(self.index, posting).values()
        return max((fuzz.ratio(form, other) for other in others), default=0.0)

    def cross_script(
        self,
        key: str,
        lang: str | None,
        note: str | None = None,
        wide: bool = False,
        spelled: str | None = None,
    ) -> list[Match]:
        """Steps 2-4 for one normalised key (``wide``: with the looser candidate
        floor; ``spelled``: the query's :func:`~gazetteer.normalize.spelling`,
        romanised too when it differs from the key)."""
        floor = CANDIDATE_MIN_SIMILARITY if wide else PHONETIC_MIN_SIMILARITY
        cross = self.cross()
        written = _own_script(key)
        forms = sorted(latin_set(key, lang, spelled))
        direct = set(self.index.postings.get(key, ()))
        found: list[Match] = []
        seen: set[int] = set(direct)
        for form in forms:
            for posting in cross.latin.get(form, ()):
                if posting not in seen:
                    seen.add(posting)
                    found.append(self._match(posting, Method.TRANSLITERATED, form, note=note))
        if written and (skeleton := written_skeleton(key)):
            found += self.written(key, skeleton, note, wide, seen)
        if _letters(key) < (MIN_FUZZY_LETTERS if wide else MIN_PHONETIC_LETTERS):
            return found
        for form in forms:
            for skeleton in sorted(skeletons(form)):
                if len(skeleton.replace(" ", "")) < 3:
                    continue
                for posting in cross.skeleton.get(skeleton, ()):
                    if posting in seen or (
                        written and not wide and not self._bridged(posting, key, written)
                    ):
                        continue  # candidates() lists it as a near miss
                    similarity = self._similarity(form, posting)
                    if similarity >= floor:
                        seen.add(posting)
                        found.append(
                            self._match(posting, Method.PHONETIC, skeleton, similarity, note)
                        )
        # a typo competes with a sound-alike, also in a word too short for a
        # typo alone to answer: "austraaija" sounds like Austria (Аустрия) and
        # is a letter from Australia (Аўстралія), "belija" sounds like a name
        # of Belize and is a letter from Belgija
        near_only = all(m.method is Method.PHONETIC for m in found)
        long_enough = _letters(key) >= MIN_EDIT_LETTERS
        if (wide and long_enough) or (near_only and not direct and (long_enough or found)):
            found += self.fuzzy(forms, note, skip=seen, key=key if written else None)
        return found

    def written(
        self, key: str, skeleton: str, note: str | None, wide: bool, seen: set[int]
    ) -> list[Match]:
        """Step 3 for a key in a script the library does not romanise: the
        aliases whose written skeleton (:func:`~gazetteer.phonetic.written_skeleton`:
        the consonants as written, without vowel signs and vowel letters) is
        the key's, from ``WRITTEN_MIN_LETTERS`` letters, or one letter from
        it (added, dropped or changed), from ``WRITTEN_NEAR_LETTERS``; the
        keys as written must be ``WRITTEN_MIN_SIMILARITY`` alike
        (``WRITTEN_SHORT_SIMILARITY`` for a skeleton of
        ``WRITTEN_MIN_LETTERS`` letters, ``WRITTEN_NEAR_SIMILARITY`` one
        letter apart), and that similarity is the match's (phonetic matches: the closer
        spelling wins, equally close ones are tied). ``wide`` (listing
        candidates) from ``WRITTEN_CANDIDATE_LETTERS`` and
        ``WRITTEN_CANDIDATE_NEAR_LETTERS`` letters, kept from
        ``CANDIDATE_MIN_SIMILARITY``. Adds what it finds to ``seen``."""
        letters = skeleton_letters(skeleton)
        least, near_least = (
            (WRITTEN_CANDIDATE_LETTERS, WRITTEN_CANDIDATE_NEAR_LETTERS)
            if wide
            else (WRITTEN_MIN_LETTERS, WRITTEN_NEAR_LETTERS)
        )
        if letters < least:
            return []
        table = self.cross().written
        found: list[Match] = []
        for near in (False, True):
            if near and (letters < near_least or (found and not wide)):
                break  # one letter apart only when the skeleton itself met nothing
            if wide:
                floor = CANDIDATE_MIN_SIMILARITY
            elif near:
                floor = WRITTEN_NEAR_SIMILARITY
            elif letters == WRITTEN_MIN_LETTERS:
                floor = WRITTEN_SHORT_SIMILARITY  # fewer letters, stricter
            else:
                floor = WRITTEN_MIN_SIMILARITY
            keys = near_keys(skeleton) if near else [skeleton]
            for posting in dict.fromkeys(p for k in keys for p in table.get(k, ())):
                if posting in seen:
                    continue
                theirs = self._alias(posting).key
                if near and Levenshtein.distance(skeleton, written_skeleton(theirs)) > 1:
                    continue  # two letters apart: both dropped one, at different places
                similarity = fuzz.ratio(key, theirs)
                if similarity >= floor:
                    seen.add(posting)
                    found.append(self._match(posting, Method.PHONETIC, skeleton, similarity, note))
        return found

    def compared(self, posting: int, key: str, similarity: float) -> Match:
        """A fuzzy match of the alias at ``posting``, ``similarity`` alike as
        written to the query's ``key`` (for a caller that compared them)."""
        return self._match(posting, Method.FUZZY, key, similarity)

    def _alias(self, posting: int) -> Alias:
        entity_position, alias_position = unpack(posting)
        return self.index.entities[entity_position].aliases[alias_position]

    def _alias_script(self, posting: int) -> str | None:
        return script(self._alias(posting).text)

    def _bridged(self, posting: int, key: str, written: str) -> bool:
        """Whether a query in ``written`` (a script other than Latin) may meet
        this alias through a phonetic skeleton. An alias of the same script
        only when, as written, the query keeps its letters
        (:func:`kept_letters`): in one script a skeleton bridges no
        romanisations, and a changed letter is another word (компания is
        not Кампания, серия not Сирия). An alias of another script only for
        an entity with no name in the query's script (:meth:`_in_own_script`)."""
        alias = self._alias(posting)
        if script(alias.text) == written:
            return kept_letters(key, alias.key)
        entity_position, _ = unpack(posting)
        return written not in self._entity_scripts.get()[entity_position]

    def _as_written(self, key: str, posting: int) -> float | None:
        """The similarity of a query and an alias written in the same script
        (not Latin), compared as written: None when they are not a typo apart
        there (:func:`typo_alike`)."""
        theirs = self._alias(posting).key
        return typo_alike(key, theirs)

    def fuzzy(
        self,
        forms: Iterable[str],
        note: str | None = None,
        skip: Set[int] = frozenset(),
        key: str | None = None,
    ) -> list[Match]:
        """Step 4: rapidfuzz over the Latin forms that could be close enough: those
        with the query's first letters and a length the floor allows."""
        cross = self.cross()
        near = self._near.get()
        best: dict[int, tuple[float, str]] = {}
        for form in forms:
            numbers, choices = near.around(form)
            for _, similarity, at in process.extract(
                form,
                choices,
                scorer=fuzz.ratio,
                score_cutoff=FUZZY_MIN_SIMILARITY,
                limit=10,
            ):
                number = numbers[at]
                other = choices[at]
                first, theirs = form.split()[0], other.split()
                if not (
                    _close(first, theirs[0]) or _close(first, "".join(theirs[:2]))
                ) or not words_align(form, other):
                    continue
                if similarity > best.get(number, (0.0, ""))[0]:
                    best[number] = (similarity, other)
        written = _own_script(key) if key is not None else None
        found = []
        for number, (similarity, form) in best.items():
            for posting in cross.latin[cross.forms[number]]:
                if posting in skip:
                    continue
                if written and key is not None and self._alias_script(posting) == written:
                    # one script: the query and the alias are compared as written
                    alike = self._as_written(key, posting)
                    if alike is None:
                        continue
                    similarity = alike
                found.append(self._match(posting, Method.FUZZY, form, similarity, note))
        return found

    def _scripts(self) -> list[frozenset[str]]:
        """The scripts of each entity's aliases, by entity position."""
        return [
            frozenset(filter(None, (script(alias.text) for alias in entity.aliases)))
            for entity in self.index.entities
        ]

    def _in_own_script(self, key: str, matches: list[Match]) -> list[Match]:
        """A query in a script other than Latin meets a name in another script
        (through their Latin forms) only for an entity with no name in the
        query's script: "жизнь" is not Dutch "Jizan", nor "которой" Esperanto
        "Komoroj", since both have names in Cyrillic; a Latin query may be
        anyone's romanisation and meets every name. A query of
        ``MIN_CROSS_SCRIPT_LETTERS`` letters or more romanised exactly as an
        alias of another script is kept ("Иракли Кобахидзе", "Irakli
        Kobakhidze"); a shorter one ("марта", Nauruan "Marta") is not, nor
        a shorter one that meets an alias of its own script only through
        their romanisations, with a letter changed as written (муж and Муш,
        их and Іг: both "mush", "ih" by some convention); a letter dropped
        or swapped stays a typo (Хунан, Хунань; :func:`kept_letters`)."""
        written = script(key)
        if written is None or written == "LATIN" or not matches:
            return matches
        scripts = self._entity_scripts.get()
        long_enough = _letters(key) >= MIN_CROSS_SCRIPT_LETTERS
        kept = []
        for match in matches:
            if match.method is Method.TRANSLITERATED and long_enough:
                kept.append(match)  # a long name romanised exactly as the alias is
                continue
            theirs = script(match.alias.text)
            position = self.index.positions[match.entity.id]
            if theirs == written:
                if match.method is not Method.TRANSLITERATED or kept_letters(key, match.alias.key):
                    kept.append(match)
            elif written not in scripts[position]:
                kept.append(match)
        return kept

    @staticmethod
    def _short(query: str, key: str, matches: list[Match]) -> list[Match]:
        """A query of fewer than ``MIN_ROMANISED_LETTERS`` letters meets no
        alias through romanisation, except an acronym written in capitals on
        both sides ("SNG", СНГ): two or three letters romanised are some
        alias's romanisation by chance ("has", Хас; "yes", ЄС). A Latin query
        of fewer than ``MIN_CROSS_SCRIPT_LETTERS`` letters meets no city's or
        subdivision's name written in another script: among thousands of
        places' names in Cyrillic or Georgian, a short word romanises to one
        by chance (German "Recht", Решт; English "Vote", Вотье; Turkish
        "kaya", Кая), while a country's name is still read (Kitay, Китай)."""
        letters = _letters(key)
        if letters < MIN_CROSS_SCRIPT_LETTERS and script(key) == "LATIN":
            matches = [
                m
                for m in matches
                if m.entity.kind not in _PLACES or script(m.alias.text) == "LATIN"
            ]
        if letters >= MIN_ROMANISED_LETTERS or not matches:
            return matches
        acronym = _short_acronym(query, key)
        return [
            m
            for m in matches
            if m.method is not Method.TRANSLITERATED or (acronym and _capitals(m.alias.text))
        ]

    def initials(self, key: str, lang: str | None) -> list[Match]:
        """ "I. Aliyev": people matching the surname whose given name starts with I."""
        words = key.split()
        if len(words) < 2 or not _INITIAL.match(words[0]):
            return []
        initial = words[0][0]
        surname = " ".join(words[1:])
        pool = self.direct(surname, surname) + self.cross_script(surname, lang)
        initials = {initial, *latin_forms(initial, lang).values()}
        found = []
        for match in pool:
            if match.entity.kind is not Kind.PERSON:
                continue
            given = {
                form[:1]
                for alias in match.entity.aliases
                if alias.tier is Tier.STRONG and len(alias.key.split()) >= 2
                for form in [alias.key, *latin_forms(alias.key, alias.lang).values()]
            }
            if given & initials:
                found.append(self._match_again(match, "an initial"))
        return found

    def _match_again(self, match: Match, note: str) -> Match:
        value = score(match.method, match.alias.tier, match.similarity, rewritten=True)
        return Match(
            match.entity, match.alias, match.method, value, match.key, match.similarity, note
        )

    def matches(
        self,
        query: str,
        key: str,
        lang: str | None,
        wide: bool = False,
        memo: Memo | None = None,
        keep: Callable[[list[Match]], list[Match]] | None = None,
    ) -> list[Match]:
        """Every match of one query, by every step that applies.

        ``keep`` filters the matches found as written or inflected before
        they decide whether the search goes on (the kinds asked for: "Hong
        Kong SAR", a subdivision's name, does not end a search for a country).

        ``wide`` (for listing candidates) keeps phonetic matches from
        ``CANDIDATE_MIN_SIMILARITY`` and runs the later steps even when an
        earlier one found a match, unless a strong alias matched exactly or
        after normalisation (then nothing else is worth listing).

        ``memo`` keeps the results of the steps after the first by the
        query's spelling (:func:`~gazetteer.normalize.spelling`: any case or
        spacing), the language, ``wide`` and whether the query is a short
        one in capitals (an acronym reads more), for a batch in which the same
        name comes back or one query searched for several kinds.
        """
        keep = keep or list
        found = keep(self.direct(query, key))
        if key and (wide or not found) and not any(m.alias.tier is Tier.STRONG for m in found):
            # an alias as written, weak or not, outranks every inflected reading
            found += keep(self.inflected(query, lang))
        if not wide:  # the decision weighs capitalisation as tag does; a listing does not
            found = fit_case(found, query)
        strong = [m for m in found if m.alias.tier is Tier.STRONG]
        # a strong alias written so ends the search; one reached by inflection
        # ends it too, except when listing candidates (a romanisation of
        # another name may read as an inflected form: Bienin)
        if not key or any(group(m.method) == 0 for m in strong) or (strong and not wide):
            return found
        if found and not wide:
            # Only weak aliases matched as written. The later steps find
            # transliterated, phonetic and fuzzy matches, which never outrank
            # these (scoring.decide); only a strong alias matched as written
            # can, so only the rewritten query (name order, an initial) is
            # tried for one.
            for variant in name_variants(key):
                found += [self._match_again(m, "reordered") for m in self.direct(variant, variant)]
            return found + [m for m in self.initials(key, lang) if group(m.method) == 0]
        spelled = spelling(query)
        slot = (spelled, lang, wide, _short_acronym(query, key))
        if memo is not None and slot in memo:
            return found + memo[slot]
        readings = cleaned(key)
        later = [
            self._match_again(m, "read without what is not part of a name")
            for reading in readings
            for m in self.direct(reading, reading)
        ]
        later += [
            self._match_again(m, "read without a stray space")
            for reading in joined(key)
            for m in self.direct(reading, reading)
        ]
        if wide or not any(m.alias.tier is Tier.STRONG for m in later):
            later += self.cross_script(key, lang, wide=wide, spelled=spelled)
            for reading in readings[:2]:
                later += [
                    self._match_again(m, "read without what is not part of a name")
                    for m in self.cross_script(reading, lang, wide=wide)
                ]
        if wide or not any(m.alias.tier is Tier.STRONG for m in later):
            for variant in name_variants(key):
                for match in self.direct(variant, variant) + self.cross_script(variant, lang):
                    later.append(self._match_again(match, "reordered"))
            later += self.initials(key, lang)
        later = self._in_own_script(key, later)
        if not wide:  # a listing keeps short romanised matches: "Och" may be Ош, "Abuza" Абуджа
            later = self._short(query, key, later)
        if memo is not None:
            memo[slot] = later
        return found + later
