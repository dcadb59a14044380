"""Whether a lone word of a text may be read as a name: the tagger's rules
for a one-word mention, which look at the word and the text's language, not
at the index (a run of several words is a name by the index alone).

* Stop words (``_data/stopwords.yaml``) are never names on their own.
* A common word of the text's language (``_data/common/``, from wordfreq) is a
  name only where an entity it may name has that name in that language.
* A name read through another language's alias, written in the script of the
  entity's own names in the text's language, is not the entity there when
  those names are other words.
* A word in another script than the text's language is written in (Latin in
  a Russian text) is not a town's name there: a text writes a town it names
  in its own script, and such a word is a brand's, a newspaper's, a union's
  (Forsa, Dawn, Iberia in a Russian text). Large cities (``_LARGE_CITY``
  people or more), countries and every other kind are still read.
"""

from __future__ import annotations

import functools

from gazetteer import rulefiles
from gazetteer.forms import analyses
from gazetteer.model import Alias, Entity, Finding, Kind
from gazetteer.normalize import normalize
from gazetteer.translit import has_cyrillic
from gazetteer.wordindex import DECLINED_POPULATION

__all__ = ["fits_language", "foreign", "stopwords"]

_RARER = 1.5  # Zipf: a form this much more common than its name is another word
# people: a city this large is named in any script (the size from which its
# names of no stated language take a text's endings, too)
_LARGE_CITY = DECLINED_POPULATION
_WORLD_CITY = 1_000_000  # people: a city this large is known by its name everywhere
_WORD_FIRST = 5.0  # Zipf: a word this common is a word of the language first (Усі, "all")


@functools.cache
def stopwords() -> frozenset[str]:
    """The word keys never reported as a one-word name."""
    return frozenset(normalize(word) for words in rulefiles.stopwords().values() for word in words)


def fits_language(found: Finding, word: str, lang: str | None) -> bool:
    """Whether a one-word name (``word``: its key) may be reported in a text
    of ``lang`` (of any language when None): not through another language's
    alias when the entity's own names there are other words
    (:func:`_own_name`); and when the word is one of that
    language's common words (``_data/common/``; without ``lang``, of some
    language's), only if an entity it may name has that name in that
    language (Россия), or has a name there that
    the word inflects and is not far rarer than the word (России, but not
    Самое, "the most", for Самоа). Така, a Belarusian name of Tak, is "so"
    in Bulgarian. A name filed under no language in the language's script
    is its name there when the entity is a capital or a city of
    ``_WORLD_CITY`` people or more (the cities pack's Мюнхен, Скопие), unless
    the word is as common as Zipf 5 or more (Усі, "all", is a name of Wuxi).
    And not when the word is in another script than the language's and
    names only towns (:func:`_foreign_town`)."""
    if lang is not None and (not _own_name(found, word, lang) or _foreign_town(found, word, lang)):
        return False
    common = rulefiles.common_words()
    langs = [lang] if lang is not None else list(common)
    hit = [code for code in langs if code in common and word in common[code].words]
    if not hit:
        return True
    bases = {base for base, rule in analyses(word) if rule is not None}

    def named(entity: Entity, code: str) -> bool:
        table = common[code]
        known = _world_city(entity) and table.words[word] < _WORD_FIRST
        for alias in entity.aliases:
            if not (_filed_for(alias, code) or (known and _unfiled_in_script(alias, code))):
                continue
            if alias.key == word:
                return True
            if alias.key in bases and table.words[word] - table.frequency(alias.key) < _RARER:
                return True
        return False

    # without a language, a name in any of those where the word is common will do
    return any(named(entity, code) for entity in found[4] for code in hit)


@functools.cache
def _cyrillic(lang: str | None) -> bool | None:
    """Whether ``lang`` is written in Cyrillic, as its common words are
    (``_data/common/``); None for a language with none, or no language."""
    words = rulefiles.common_words().get(lang) if lang is not None else None
    if words is None or not words.words:
        return None
    return sum(map(has_cyrillic, words.words)) * 2 > len(words.words)


def foreign(word: str, lang: str | None) -> bool:
    """Whether ``word`` is written in another script than ``lang`` (Latin
    or Cyrillic; False when that is not known)."""
    cyrillic = _cyrillic(lang)
    return cyrillic is not None and has_cyrillic(word) != cyrillic


def _foreign_town(found: Finding, word: str, lang: str) -> bool:
    """True when a one-word name in another script than ``lang``'s names
    only towns: cities of known population under ``_LARGE_CITY``."""
    return foreign(word, lang) and all(
        entity.kind is Kind.CITY
        and entity.population is not None
        and entity.population < _LARGE_CITY
        for entity in found[4]
    )


def _own_name(found: Finding, word: str, lang: str) -> bool:
    """False when a one-word name was read through an alias filed in another
    language, written in the script of the entity's names in ``lang``, which
    are other words: a Russian text calls Dominica Доминика, so Доминик (its
    Mongolian name, and a given name) is not Dominica there. Latin Trump in
    a Russian text is still Trump."""
    entity, alias = found[0], found[1]
    if entity is None or _filed_for(alias, lang):
        return True
    cyrillic = has_cyrillic(alias.text)
    own = [a for a in entity.aliases if _filed_for(a, lang) and has_cyrillic(a.text) == cyrillic]
    if not own:
        return True
    bases = {base for base, _ in analyses(word)}
    return any(a.key in bases for a in own)


_EVERY_LATIN = ("en", "und")  # a name filed so in Latin letters is every Latin text's


def _world_city(entity: Entity) -> bool:
    """Whether ``entity`` is a country's capital or a city of ``_WORLD_CITY``
    people or more: a text names it by its name in the text's script, and
    that name is a common word of the language because the city is known."""
    return entity.kind is Kind.CITY and (
        entity.capital or (entity.population is not None and entity.population >= _WORLD_CITY)
    )


def _unfiled_in_script(alias: Alias, lang: str) -> bool:
    """Whether ``alias`` is filed under no language and written in the
    script of ``lang`` (the cities pack's names: Мюнхен, Скопие)."""
    return alias.lang == "und" and has_cyrillic(alias.text) == _cyrillic(lang)


def _filed_for(alias: Alias, lang: str) -> bool:
    """Whether ``alias`` is a name of its entity in a text of ``lang``: filed
    in that language, or in Latin letters under English or no language
    (Erdoğan, filed in English, is the Turkish text's name too)."""
    filed = alias.lang.split("-")[0]
    return filed == lang or (filed in _EVERY_LATIN and not has_cyrillic(alias.text))
