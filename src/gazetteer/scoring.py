"""Scores, ranking and the decision between resolved, ambiguous and not found.

Methods come in groups, from the surest: (exact, normalised), inflected,
transliterated, phonetic, fuzzy. A match's score lies in its method's band
(``METHOD_SCORE``); the bands do not overlap, so scores order matches by how
they were found: exact > normalised > inflected > transliterated > phonetic
> fuzzy. An inflected form (Китая, Трампові) never outranks an alias written
so: it competes only when no alias is.

* Exact, normalised, inflected and transliterated matches score a fixed value, less
  ``WEAK_PENALTY`` for a weak alias (so a strong alias ranks above a weak
  one found the same way, and below nothing found a worse way).
* Phonetic and fuzzy matches place the rapidfuzz similarity of the compared
  Latin forms in their band; there the similarity speaks, and the tier only
  breaks ties.
* ``REWRITE_PENALTY`` is taken off when the query had to be rewritten
  (words reordered, a given name reduced to its initial) to match.

Deciding a query, given its matches (at most one per entity, the best):

0. Matches of entities outside the ``kinds`` asked for, and of entities
   whose ``deny`` list names the query, are dropped (:func:`admit`).
1. No match: ``not_found``.
2. Only the best group present competes (a transliteration is not weighed
   against a fuzzy match: the surer method wins), except that phonetic and
   fuzzy matches compete as one group of near misses: a sound-alike does not
   put out a closer typo of another name.
3. In the exact, inflected and transliterated groups, weak matches do not compete when
   a strong one is there; every competing match within ``AMBIGUITY_MARGIN``
   of the best is tied with it (so an exact match does not beat another
   entity's merely normalised one: case and accents are too thin a
   difference to choose on).
4. Among near misses, every match within ``SIMILARITY_MARGIN`` points of
   the best similarity is tied; among those, strong matches put weak ones
   out, and fuzzy matches of weak names alone answer nothing.
5. One entity tied: ``resolved``. More: ``ambiguous``, with all of them; the
   library never picks one silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gazetteer.model import Alias, Entity, Kind, Match, Method, Resolution, Status, Tier
from gazetteer.normalize import normalize

__all__ = [
    "AMBIGUITY_MARGIN",
    "CANDIDATE_MIN_SIMILARITY",
    "FUZZY_MIN_FIRST_WORD",
    "FUZZY_MIN_SIMILARITY",
    "LONG_WORD_LETTERS",
    "METHOD_SCORE",
    "MIN_CROSS_SCRIPT_LETTERS",
    "MIN_EDIT_LETTERS",
    "MIN_FUZZY_LETTERS",
    "MIN_PHONETIC_LETTERS",
    "MIN_ROMANISED_LETTERS",
    "MIN_WORD_LETTERS",
    "PHONETIC_MIN_SIMILARITY",
    "REWRITE_PENALTY",
    "SIMILARITY_MARGIN",
    "WEAK_PENALTY",
    "WRITTEN_CANDIDATE_LETTERS",
    "WRITTEN_CANDIDATE_NEAR_LETTERS",
    "WRITTEN_COUNTRY_MARGIN",
    "WRITTEN_COUNTRY_SIMILARITY",
    "WRITTEN_MIN_LETTERS",
    "WRITTEN_MIN_SIMILARITY",
    "WRITTEN_NEAR_LETTERS",
    "WRITTEN_NEAR_SIMILARITY",
    "WRITTEN_SHORT_SIMILARITY",
    "admit",
    "decide",
    "group",
    "nearest_country",
    "prior",
    "rank",
    "score",
]

# Each method's score band: (lowest, highest).
METHOD_SCORE: dict[Method, tuple[float, float]] = {
    Method.EXACT: (1.0, 1.0),
    Method.NORMALISED: (0.97, 0.97),
    Method.TRANSLITERATED: (0.9, 0.9),
    Method.PHONETIC: (0.78, 0.84),
    Method.FUZZY: (0.55, 0.72),
    Method.INFLECTED: (0.95, 0.95),  # in running text: an inflected form of an alias
    Method.CODE: (1.0, 1.0),  # Gazetteer.by_code
}
_GROUP = {
    Method.CODE: 0,
    Method.EXACT: 0,
    Method.NORMALISED: 0,
    Method.INFLECTED: 1,
    Method.TRANSLITERATED: 2,
    Method.PHONETIC: 3,
    Method.FUZZY: 4,
}
_FIXED_GROUPS = 2  # groups up to this one score a fixed value by tier
WEAK_PENALTY = 0.03
REWRITE_PENALTY = 0.02
AMBIGUITY_MARGIN = 0.05
SIMILARITY_MARGIN = 3.0

# Measured on benchmarks/data (see docs/performance.md): a phonetic match
# needs this rapidfuzz ratio between the Latin forms, a fuzzy one this much
# (and its first words FUZZY_MIN_FIRST_WORD alike or one edit apart, so that a shared
# "Respublikasy" cannot carry two different names), and neither is tried for
# a query of fewer letters than MIN_FUZZY_LETTERS; a fuzzy match needs
# MIN_EDIT_LETTERS letters and the first two letters in common, or one typo
# there (crossindex.NearForms: two swapped, one left in or out; not one changed
# or put in front: "пенсия" is no misspelt "Паленсия", nor "leading" "Reading").
# resolve() asks MIN_PHONETIC_LETTERS (candidates() lists from MIN_FUZZY_LETTERS):
# in bench_countries.py a phonetic match of a five-letter query (a skeleton
# of three consonants, one letter in or out) was an ordinary word (grund,
# roman, kreis, firma) about five times as often as a noisy name; from six
# letters, noisy names outnumber words.
PHONETIC_MIN_SIMILARITY = 88.0
CANDIDATE_MIN_SIMILARITY = 60.0  # phonetic matches listed by candidates(), not resolved
FUZZY_MIN_SIMILARITY = 85.0
FUZZY_MIN_FIRST_WORD = 70.0
MIN_FUZZY_LETTERS = 5
MIN_PHONETIC_LETTERS = 6
MIN_EDIT_LETTERS = 7
# Every word of a fuzzy query this long must be a typo away from a word of the
# alias (matching.words_align): "republic of korea" is not "republic of kenya".
MIN_WORD_LETTERS = 4
LONG_WORD_LETTERS = 8  # a word this long may be two typos away
# A query not in Latin letters meets a name of another script only for an
# entity with no name in the query's script, or (transliterated) from this
# many letters (matching.Matcher._in_own_script): "жизнь" is not Dutch "Jizan".
# A Latin query shorter than this meets no city's or subdivision's name in
# another script: on bench_countries.py's negatives, 19 common words of en,
# de and tr (38 of 23,368 items, "Recht", Решт; "kaya", Кая) resolved so,
# and 2 of 300 romanised names of places (Abuza, Абуджа; candidates() still
# lists them: matching.Matcher._short).
MIN_CROSS_SCRIPT_LETTERS = 6
# A query shorter than this meets no alias through romanisation, except an
# acronym in capitals on both sides (matching.Matcher._short; candidates()
# still lists them: "Och", French for Ош, may be Osh): "has" is not
# Хас, "yes" not ЄС. On the generated sets, transliterated matches of two or
# three letters were ordinary words nine times in ten.
MIN_ROMANISED_LETTERS = 4
# The written skeleton (phonetic.written_skeleton; matching.Matcher.written):
# a query in a script the library does not romanise meets an alias of that
# script whose skeleton is its own when the skeleton has more than
# WRITTEN_MIN_LETTERS letters and the keys as written are
# WRITTEN_MIN_SIMILARITY alike (WRITTEN_SHORT_SIMILARITY for a skeleton of
# WRITTEN_MIN_LETTERS), or one letter from its own (added, dropped or
# changed) when it has WRITTEN_NEAR_LETTERS letters and the keys are
# WRITTEN_NEAR_SIMILARITY alike. Fewer letters, stricter: measured on the
# wordfreq lists of ar, fa, ur, he, hi, bn and ta (5,000 words each) and
# the countrynames variants (docs/matching.md), a skeleton of four letters
# made a common word resolve as often as it found a name when 75 % alike
# (52 words, 46 names), one of five letters a name four times as often,
# one of six or more fourteen times; three letters doubled the words again.
# candidates() lists from WRITTEN_CANDIDATE_LETTERS (one letter apart from
# WRITTEN_CANDIDATE_NEAR_LETTERS) with CANDIDATE_MIN_SIMILARITY.
WRITTEN_MIN_LETTERS = 4
WRITTEN_SHORT_SIMILARITY = 90.0
WRITTEN_MIN_SIMILARITY = 75.0
WRITTEN_NEAR_LETTERS = 6
WRITTEN_NEAR_SIMILARITY = 85.0
WRITTEN_CANDIDATE_LETTERS = 3
WRITTEN_CANDIDATE_NEAR_LETTERS = 5
# Gazetteer.country, for a column of countries, reads what nothing else
# answered, in such a script and no alias as written, as the country whose
# name there is the nearest written-skeleton match, WRITTEN_COUNTRY_SIMILARITY
# alike as written, when every other country's name in that script is
# WRITTEN_COUNTRY_MARGIN less alike (else those within it are tied:
# nearest_country). Calibrated on one half of countrynames' variants in
# these scripts that country() did not find otherwise (crc32 of the query
# even) and the 5,000 commonest words of ar, fa, ur, he, hi, bn, ta
# (wordfreq): the lowest floor with no wrong answer on that half. At 81 %:
# 78 found, 7 tied, none wrong (at 80 %, two wrong: कोकोस द्वीप, the Cocos
# Islands, read as the Cook Islands; at 75 %, more); the other half then: 64
# found, 1 tied, none wrong; the words: 86 of 35,000 answered (69 at 85 %),
# most of them a country's adjective or an inflected form of its name
# (مصري, ژاپنی, בגרמניה), some not (ברזל, iron: Brazil; المدرب, the coach,
# one letter from المغرب: Morocco), which resolve()
# still leaves alone (docs/api.md, Gazetteer.country).
WRITTEN_COUNTRY_SIMILARITY = 81.0
WRITTEN_COUNTRY_MARGIN = 5.0


def group(method: Method) -> int:
    """0 for exact and normalised, 1 inflected, 2 transliterated, 3 phonetic, 4 fuzzy."""
    return _GROUP[method]


def score(
    method: Method, tier: Tier, similarity: float | None = None, rewritten: bool = False
) -> float:
    """The score of a match found by ``method`` on an alias of ``tier`` (rules above)."""
    low, high = METHOD_SCORE[method]
    value = high
    if low != high:
        floor = FUZZY_MIN_SIMILARITY if method is Method.FUZZY else CANDIDATE_MIN_SIMILARITY
        fraction = max(0.0, ((similarity or floor) - floor) / (100.0 - floor))
        value = low + (high - low) * min(1.0, fraction)
    elif tier is Tier.WEAK:
        value -= WEAK_PENALTY
    value -= REWRITE_PENALTY if rewritten else 0.0
    return round(max(0.0, min(1.0, value)), 4)


# Kinds in the order a tie between equally good candidates lists them.
_KIND_ORDER = {Kind.COUNTRY: 0, Kind.SUBDIVISION: 1, Kind.CITY: 2}


def prior(entity: Entity) -> tuple[int, bool, int]:
    """How candidates that match equally well are ordered (smaller first):
    countries, then subdivisions, then cities, then the rest; a capital
    before other cities; then the larger population. It orders; it never
    turns a tie into a resolved answer."""
    return (_KIND_ORDER.get(entity.kind, 3), not entity.capital, -(entity.population or 0))


def _order(match: Match) -> tuple[bool, float, float, float, bool, tuple[int, bool, int], str]:
    # near misses (phonetic and fuzzy) after the others, by similarity, as
    # decide weighs them: a fuzzy match 90 alike before a phonetic one 62 alike
    near = group(match.method) > _FIXED_GROUPS
    similarity = match.similarity or 0.0
    return (
        near,
        -similarity if near else -match.score,
        -match.score,
        -similarity,
        match.alias.tier is not Tier.STRONG,
        prior(match.entity),
        match.entity.id,
    )


def _named_so_in(matches: list[Match], best: int, query: str, lang: str | None) -> set[str]:
    """The entities that a one-word query's language names so, strongly (an
    alias filed in ``lang`` matched in the ``best`` group): when there are
    any, they alone answer it. Russian calls the United Kingdom Англия
    (England too, but weak), Bulgarian calls England so: Англия is the
    United Kingdom with ``lang="ru"``, England with ``lang="bg"``. Empty
    without a language, for a query of several words, or when no such alias
    matched (Киев in a Ukrainian text still reads as Russian)."""
    if lang is None or len(query.split()) != 1:
        return set()
    return {
        m.entity.id
        for m in matches
        if group(m.method) == best and m.alias.tier is Tier.STRONG and _filed_in(m.alias, lang)
    }


def rank(matches: Iterable[Match], lang: str | None = None) -> tuple[Match, ...]:
    """Keep the best match of each entity and sort them, best first: by
    score, and the near misses (phonetic, fuzzy) after the others, by
    similarity, then score.

    Ties put strong aliases first, then follow :func:`prior`, then the
    entity id, so the order never depends on how the index was built. Of
    one entity's matches as good as each other, one of an alias filed in
    ``lang`` is kept (Russland in a German text: German, not Nynorsk).
    """
    best: dict[str, Match] = {}
    for match in matches:
        current = best.get(match.entity.id)
        if current is None or _kept(match, lang) < _kept(current, lang):
            best[match.entity.id] = match
    return tuple(sorted(best.values(), key=_order))


def _kept(match: Match, lang: str | None) -> tuple[Any, ...]:
    """:func:`rank`'s choice among one entity's matches: the best by
    :func:`_order` and method group, then one of an alias filed in ``lang``."""
    return (*_order(match), group(match.method), not _filed_in(match.alias, lang))


def _filed_in(alias: Alias, lang: str | None) -> bool:
    return lang is not None and alias.lang.split("-")[0] == lang


def admit(matches: Iterable[Match], key: str, kinds: frozenset[Kind] | None) -> list[Match]:
    """The matches that may compete for a query whose key is ``key``: of the
    kinds asked for (all when None), and not of an entity whose ``deny``
    list names the query."""
    return [
        m
        for m in matches
        if (kinds is None or m.entity.kind in kinds)
        and not (m.entity.deny and key in {normalize(text) for text in m.entity.deny})
    ]


def decide(query: str, matches: Iterable[Match], lang: str | None = None) -> Resolution:
    """Turn the matches of one query into a :class:`Resolution` (rules above;
    ``lang``: the query's language, see :func:`_named_so_in`)."""
    matches = list(matches)
    candidates = rank(matches, lang)
    if not candidates:
        return Resolution(query, Status.NOT_FOUND)
    best_group = min(group(m.method) for m in candidates)
    # phonetic and fuzzy matches are both near misses, weighed by similarity
    near = best_group > _FIXED_GROUPS
    pool = tuple(m for m in candidates if group(m.method) == best_group or near)
    if best_group <= _FIXED_GROUPS:
        pool = tuple(m for m in pool if m.alias.tier is Tier.STRONG) or pool
        own = _named_so_in(matches, best_group, query, lang)
        pool = tuple(m for m in pool if m.entity.id in own) or pool
        top = pool[0].score
        tied = tuple(m for m in pool if top - m.score < AMBIGUITY_MARGIN)
    else:
        best = max(m.similarity or 0.0 for m in pool)
        tied = tuple(m for m in pool if best - (m.similarity or 0.0) < SIMILARITY_MARGIN)
        strong = tuple(m for m in tied if m.alias.tier is Tier.STRONG)
        if not strong and all(m.method is Method.FUZZY for m in tied):
            # letters in common with a weak name (a historic country's, one
            # another place shares) are too little to answer: a candidate only
            return Resolution(query, Status.NOT_FOUND, (), candidates)
        tied = strong or tied
    status = Status.RESOLVED if len(tied) == 1 else Status.AMBIGUOUS
    return Resolution(query, status, tied, candidates)


def nearest_country(matches: Iterable[Match]) -> tuple[Match, ...]:
    """:meth:`Gazetteer.country`'s choice among a query's near misses in its
    own script (written-skeleton or fuzzy matches): when the nearest
    written-skeleton match is ``WRITTEN_COUNTRY_SIMILARITY`` alike, the
    countries with a match more than that less ``WRITTEN_COUNTRY_MARGIN``
    alike, ranked (one: the answer; several: tied); else none."""
    listed = list(matches)
    best = max((_alike(m) for m in listed if m.method is Method.PHONETIC), default=0.0)
    if best < WRITTEN_COUNTRY_SIMILARITY:
        return ()
    kept: dict[str, Match] = {}  # each country's best-scoring match within the margin
    for match in listed:
        other = kept.get(match.entity.id)
        if _alike(match) > best - WRITTEN_COUNTRY_MARGIN and (
            other is None or match.score > other.score
        ):
            kept[match.entity.id] = match
    return rank(kept.values())


def _alike(match: Match) -> float:
    return match.similarity or 0.0
