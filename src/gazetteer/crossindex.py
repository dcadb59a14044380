"""The cross-script index: Latin forms, phonetic skeletons and trigrams of every alias.

Built from a compiled :class:`~gazetteer.index.Index`, it files each alias
under

* every Latin form of its key: the key itself for a Latin alias, and its
  romanisation by every convention of its language for a Cyrillic one
  (:mod:`gazetteer.translit`), made from its spelling
  (:func:`~gazetteer.normalize.spelling`, which keeps ё for the conventions
  that write it "yo") as well as from its key; a name inverted around a
  comma ("Korea, Republic of") is filed in order too (:func:`uninverted`);
* every phonetic skeleton of those forms (:mod:`gazetteer.phonetic`);
* the character trigrams of its Latin forms, which pick the few aliases
  worth scoring with rapidfuzz for a query that matched nothing else.

A lookup in any of them costs the same whatever the size of the gazetteer:
no query scans the aliases.
"""

from __future__ import annotations

import bisect
import collections
import functools
import math
from collections.abc import Sequence

import attrs

from gazetteer import rulefiles
from gazetteer.index import Index, Packed, unpack
from gazetteer.normalize import spelling
from gazetteer.phonetic import skeletons
from gazetteer.scoring import FUZZY_MIN_SIMILARITY, FUZZY_SAME_PREFIX
from gazetteer.translit import latin_forms, latin_set

__all__ = ["CrossIndex", "NearForms", "build_cross_index", "trigrams"]


def trigrams(form: str) -> set[str]:
    """The character trigrams of `` form `` (padded, so the ends count)."""
    padded = f" {form} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@attrs.frozen
class CrossIndex:
    """Latin form → postings, skeleton → postings, trigram → numbers of Latin forms."""

    latin: Packed
    skeleton: Packed
    forms: Sequence[str]  # a tuple, or a column read from the cache
    grams: Packed

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


def build_cross_index(index: Index) -> CrossIndex:
    """File every alias of ``index`` under its Latin forms, skeletons and trigrams."""
    latin: dict[str, list[int]] = collections.defaultdict(list)
    fields = functools.lru_cache(maxsize=4096)(index.alias_fields)
    for key, postings in index.postings.items():
        by_lang: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
        for posting in postings:
            entity, alias = unpack(posting)
            text, lang = fields(entity)[alias]
            by_lang[lang.split("-")[0], spelling(text)].append(posting)
        for (lang, spelled), found in by_lang.items():
            filed = set(latin_set(key, lang, spelled))
            for written in uninverted(key):
                filed |= latin_set(written, lang)
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
    )


class NearForms:
    """The Latin forms a fuzzy match can reach, by their first letters and length.

    A fuzzy match needs the query's first ``FUZZY_SAME_PREFIX`` letters and a
    rapidfuzz ``ratio`` of at least ``FUZZY_MIN_SIMILARITY``; a ratio is
    ``2 * common / (len(a) + len(b))``, so the shorter of two forms must be at
    least ``floor / (200 - floor)`` of the longer (0.74 for 85). Forms are
    grouped by their first letters and sorted by length, so the forms worth
    scoring are one slice, found by bisection: no other form is looked at.
    """

    def __init__(self, forms: Sequence[str]) -> None:
        groups: dict[str, list[int]] = collections.defaultdict(list)
        for number, form in enumerate(forms):
            groups[form[:FUZZY_SAME_PREFIX]].append(number)
        self._groups: dict[str, tuple[list[int], list[int], list[str]]] = {}
        for prefix, numbers in groups.items():
            numbers.sort(key=lambda n: (len(forms[n]), n))
            self._groups[prefix] = (
                [len(forms[n]) for n in numbers],
                numbers,
                [forms[n] for n in numbers],
            )
        self._ratio = FUZZY_MIN_SIMILARITY / (200.0 - FUZZY_MIN_SIMILARITY)

    def around(self, form: str) -> tuple[list[int], list[str]]:
        """The numbers and texts of the forms that share ``form``'s first letters
        and whose length allows the fuzzy floor."""
        group = self._groups.get(form[:FUZZY_SAME_PREFIX])
        if group is None:
            return [], []
        lengths, numbers, texts = group
        shortest = math.ceil(len(form) * self._ratio - 1e-9)
        longest = math.floor(len(form) / self._ratio + 1e-9)
        low = bisect.bisect_left(lengths, shortest)
        high = bisect.bisect_right(lengths, longest)
        return numbers[low:high], texts[low:high]
