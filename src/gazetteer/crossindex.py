"""The cross-script index: Latin forms, phonetic skeletons and trigrams of every alias.

Built from a compiled :class:`~gazetteer.index.Index`, it files each alias
under

* every Latin form of its key: the key itself for a Latin alias, and its
  romanisation by every convention of its language for a Cyrillic one
  (:mod:`gazetteer.translit`), made from its spelling
  (:func:`~gazetteer.normalize.spelling`, which keeps ё for the conventions
  that write it "yo") as well as from its key; a name inverted around a
  comma ("Korea, Republic of") is filed in order too (:func:`uninverted`),
  and a Latin key with an apostrophe without it ("oblast'", "oblast");
* every phonetic skeleton of those forms (:mod:`gazetteer.phonetic`);
* the character trigrams of its Latin forms, which pick the few aliases
  worth scoring with rapidfuzz for a query that matched nothing else;
* for a key in a script the library does not romanise (Devanagari, Arabic,
  Khmer ...), its written skeleton
  (:func:`~gazetteer.phonetic.written_skeleton`), and that skeleton with
  each of its letters dropped in turn (marked ``NEAR``), so that a
  skeleton one letter from it is found by a few lookups (:func:`near_keys`).

A lookup in any of them costs the same whatever the size of the gazetteer:
no query scans the aliases.
"""

from __future__ import annotations

import bisect
import collections
import functools
import math
from collections.abc import Callable, Sequence

import attrs

from gazetteer import rulefiles
from gazetteer._tables import Strings
from gazetteer.index import Index, Packed, unpack
from gazetteer.normalize import spelling
from gazetteer.phonetic import skeleton_letters, skeletons, written_skeleton
from gazetteer.scoring import (
    FUZZY_MIN_SIMILARITY,
    WRITTEN_CANDIDATE_LETTERS,
    WRITTEN_CANDIDATE_NEAR_LETTERS,
)
from gazetteer.translit import latin_forms, latin_set

__all__ = ["NEAR", "CrossIndex", "NearForms", "build_cross_index", "near_keys", "trigrams"]

NEAR = "~"  # marks a written skeleton with one letter dropped


def trigrams(form: str) -> set[str]:
    """The character trigrams of `` form `` (padded, so the ends count)."""
    padded = f" {form} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@attrs.frozen
class CrossIndex:
    """Latin form → postings, skeleton → postings, trigram → numbers of Latin
    forms, written skeleton (or ``NEAR`` and one with a letter dropped) →
    postings."""

    latin: Packed
    skeleton: Packed
    forms: Sequence[str]  # a tuple, or a column read from the cache
    grams: Packed
    written: Packed

    def alias_forms(self, index: Index, posting: int) -> dict[str, str]:
        """The Latin forms of the alias a posting points to."""
        entity, alias = unpack(posting)
        found = index.entities[entity].aliases[alias]
        forms = latin_forms(found.key, found.lang)
        spelled = spelling(found.text)
        if spelled != found.key:
            forms |= {f"{code}:yo": form for code, form in latin_forms(spelled, found.lang).items()}
        return forms


def uninverted(key: str) -> list[str]:
    """A name inverted around a comma, as catalogues write it, put back in
    order: "congo, the democratic republic of the" → "the democratic republic
    of the congo" and "democratic republic of the congo"; "korea, republic of"
    → "republic of korea". Empty for a key without one comma."""
    if key.count(",") != 1:
        return []
    head, _, tail = key.partition(",")
    head, tail = head.strip(), tail.strip()
    if not head or not tail:
        return []
    written = f"{tail} {head}"
    found = [written]
    first, _, rest = written.partition(" ")
    if rest and first in rulefiles.cleanup().articles:
        found.append(rest)
    return found


def _dropped(skeleton: str) -> set[str]:
    """A skeleton with each of its letters dropped in turn."""
    return {skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}


def near_keys(skeleton: str) -> list[str]:
    """The keys of the ``written`` table under which an alias whose written
    skeleton is one letter (added, dropped or changed) from ``skeleton`` is
    filed: ``NEAR`` + the skeleton (a letter added), each of its forms with a
    letter dropped (a letter dropped), and ``NEAR`` + those (a letter
    changed). A deletion neighbourhood: no skeleton is compared with another
    to find them."""
    dropped = sorted(_dropped(skeleton))
    return [NEAR + skeleton, *dropped, *(NEAR + d for d in dropped)]


def _file_written(table: dict[str, list[int]], key: str, postings: Sequence[int]) -> None:
    skeleton = written_skeleton(key)
    letters = skeleton_letters(skeleton)
    if letters < WRITTEN_CANDIDATE_LETTERS:
        return
    table[skeleton].extend(postings)
    if letters >= WRITTEN_CANDIDATE_NEAR_LETTERS:
        for dropped in sorted(_dropped(skeleton)):
            table[NEAR + dropped].extend(postings)


def build_cross_index(index: Index) -> CrossIndex:
    """File every alias of ``index`` under its Latin forms, skeletons and
    trigrams, and its written skeletons."""
    latin: dict[str, list[int]] = collections.defaultdict(list)
    by_skeleton: dict[str, list[int]] = collections.defaultdict(list)
    fields = functools.lru_cache(maxsize=4096)(index.alias_fields)
    for key, postings in index.postings.items():
        if not key.isascii():
            _file_written(by_skeleton, key, postings)
        by_lang: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
        for posting in postings:
            entity, alias = unpack(posting)
            text, lang = fields(entity)[alias]
            by_lang[lang.split("-")[0], spelling(text)].append(posting)
        for (lang, spelled), found in by_lang.items():
            filed = set(latin_set(key, lang, spelled))
            for written in uninverted(key):
                filed |= latin_set(written, lang)
            if "'" in key and key in filed:  # (a Latin key is its own Latin form)
                # a Latin name that writes a soft sign as an apostrophe
                # (ISO 3166-2's Novosibirskaya oblast') is filed without it
                # too, as other conventions romanise it (BGN's oblast)
                filed.add(key.replace("'", ""))
            for form in sorted(filed):
                latin[form].extend(found)
    skeleton: dict[str, list[int]] = collections.defaultdict(list)
    grams: dict[str, list[int]] = collections.defaultdict(list)
    forms = tuple(latin)
    for number, form in enumerate(forms):
        for sk in sorted(skeletons(form)):
            skeleton[sk].extend(latin[form])
        for gram in sorted(trigrams(form)):
            grams[gram].append(number)
    return CrossIndex(
        latin=Packed.of(latin),
        skeleton=Packed.of(skeleton),
        forms=forms,
        grams=Packed.of(grams),
        written=Packed.of(by_skeleton),
    )


class NearForms:
    """The Latin forms a fuzzy match can reach, by their first letters and length.

    A fuzzy match needs a rapidfuzz ``ratio`` of at least
    ``FUZZY_MIN_SIMILARITY``; a ratio is ``2 * common / (len(a) + len(b))``,
    so the shorter of two forms must be at least ``floor / (200 - floor)`` of
    the longer (0.74 for 85). A typo in the first letters is reached too: a
    form is filed under its first two letters, its second and third, and its
    first and third (``_SHAPES``), and a query looks in the groups
    :func:`_openings` names (the same first letters; the first two swapped; a
    letter left in after the first, or left out first or second: aPkistan,
    Pkaistan, akistan, Pkistan), not for a letter changed or put in front.
    Forms of one group are sorted by length, so the forms worth scoring are a
    slice of each, found by bisection: no other form is looked at.
    """

    def __init__(self, forms: Sequence[str]) -> None:
        texts = forms.whole() if isinstance(forms, Strings) else tuple(forms)
        self._texts = texts
        self._unsorted: dict[tuple[int, str], list[int]] = collections.defaultdict(list)
        for number, form in enumerate(texts):
            for shape, cut in enumerate(_SHAPES):
                self._unsorted[shape, cut(form)].append(number)
        # a group is sorted by length when a query first needs it (a process
        # that asks a few questions sorts a few of the groups)
        self._groups: dict[tuple[int, str], tuple[list[int], list[int], list[str]]] = {}
        self._ratio = FUZZY_MIN_SIMILARITY / (200.0 - FUZZY_MIN_SIMILARITY)

    def _group(self, where: tuple[int, str]) -> tuple[list[int], list[int], list[str]] | None:
        group = self._groups.get(where)
        if group is None:
            numbers = self._unsorted.get(where)
            if numbers is None:
                return None
            texts = self._texts
            numbers = sorted(numbers, key=lambda n: (len(texts[n]), n))
            group = ([len(texts[n]) for n in numbers], numbers, [texts[n] for n in numbers])
            self._groups[where] = group
        return group

    def around(self, form: str) -> tuple[list[int], list[str]]:
        """The numbers and texts of the forms one edit in the first letters
        away from ``form``'s and whose length allows the fuzzy floor."""
        shortest = math.ceil(len(form) * self._ratio - 1e-9)
        longest = math.floor(len(form) / self._ratio + 1e-9)
        found: dict[int, str] = {}
        for where in _openings(form):
            group = self._group(where)
            if group is None:
                continue
            lengths, numbers, texts = group
            low = bisect.bisect_left(lengths, shortest)
            high = bisect.bisect_right(lengths, longest)
            found.update(zip(numbers[low:high], texts[low:high], strict=True))
        return list(found), list(found.values())


def _first_two(form: str) -> str:
    return form[:2]


def _second_third(form: str) -> str:
    return form[1:3]


def _first_third(form: str) -> str:
    return form[:1] + form[2:3]


# how a form is filed: its first two letters, its second and third, its first and third
_SHAPES: tuple[Callable[[str], str], ...] = (_first_two, _second_third, _first_third)


def _openings(form: str) -> list[tuple[int, str]]:
    """The groups (shape, letters) where the forms a typo in ``form``'s
    first three letters may come from are filed: the same first letters
    (a typo after them), the first two swapped (aPkistan), a letter after
    the first left in or the second and third swapped (Awgaetiti), the
    first letter left out (epubliche) and the second (Coatia). A letter
    changed or put in front of a name is not looked for: it mostly makes
    another word (leading is no Reading, компания no Кампания: measured in
    bench_countries.py, those two and a changed second letter found 1 more
    noisy name for 37 more common words)."""
    q = form
    return list(
        dict.fromkeys(
            [
                (0, q[:2]),
                (0, q[1:2] + q[:1]),
                (0, q[:1] + q[2:3]),
                (1, q[:2]),
                (2, q[:2]),
            ]
        )
    )
