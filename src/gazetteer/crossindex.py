"""The cross-script index: Latin forms, phonetic skeletons and trigrams of every alias.

Built from a compiled :class:`~gazetteer.index.Index`, it files each alias
under

* every Latin form of its key: the key itself for a Latin alias, and its
  romanisation by every convention of its language for a Cyrillic one
  (:mod:`gazetteer.translit`), made from its spelling
  (:func:`~gazetteer.normalize.spelling`, which keeps ё for the conventions
  that write it "yo") as well as from its key;
* every phonetic skeleton of those forms (:mod:`gazetteer.phonetic`);
* the character trigrams of its Latin forms, which pick the few aliases
  worth scoring with rapidfuzz for a query that matched nothing else.

A lookup in any of them costs the same whatever the size of the gazetteer:
no query scans the aliases.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Sequence

import attrs

from gazetteer.index import Index, Packed, unpack
from gazetteer.normalize import spelling
from gazetteer.phonetic import skeletons
from gazetteer.translit import latin_forms, latin_set

__all__ = ["CrossIndex", "build_cross_index", "trigrams"]


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
            for form in sorted(latin_set(key, lang, spelled)):
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
