"""The :class:`Gazetteer`: look names up in a compiled index.

A Gazetteer is immutable once made: it holds only tuples and mappings that
nothing changes, so one instance can be shared by any number of threads.
It is also a read-only mapping of entity id → :class:`Entity`.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Literal, TypeVar, cast, overload

import attrs
from rapidfuzz import fuzz, process

from gazetteer import cache
from gazetteer._lazy import Lazy
from gazetteer.crossindex import CrossIndex
from gazetteer.demonyms import listed
from gazetteer.errors import InvalidArgumentError, UnknownEntityError, UnknownKindError
from gazetteer.index import Index, unpack
from gazetteer.matching import (
    Matcher,
    Memo,
    cleaned,
    country_acronym,
    country_word,
    near_country_word,
    state_forms,
    telling_forms,
    territories,
    without_state_form,
)
from gazetteer.model import (
    Alias,
    Entity,
    Kind,
    Match,
    Mentions,
    Method,
    Resolution,
    Status,
    Tier,
)
from gazetteer.normalize import normalize
from gazetteer.phonetic import script, written_skeleton
from gazetteer.scoring import (
    REWRITE_PENALTY,
    WRITTEN_COUNTRY_MARGIN,
    WRITTEN_COUNTRY_SIMILARITY,
    admit,
    decide,
    nearest_country,
    rank,
    score,
)
from gazetteer.wordindex import WordIndex, build_word_index

if TYPE_CHECKING:  # imported when a text is first tagged: a lookup never needs it
    from gazetteer.tagger import Tagger

__all__ = ["Gazetteer"]

KindFilter = Kind | str | Iterable[Kind | str] | None
T = TypeVar("T")


def _floor(min_score: float) -> float:
    """``min_score`` checked: a number from 0 to 1 (a score's range)."""
    if isinstance(min_score, bool) or not isinstance(min_score, numbers.Real):
        raise TypeError(f"min_score must be a number, not {type(min_score).__name__}")
    if not 0.0 <= min_score <= 1.0:  # (NaN too)
        raise InvalidArgumentError(f"min_score must be from 0 to 1, not {min_score!r}")
    return float(min_score)


def _language(lang: object) -> str | None:
    """A language code as the rules file it (``bg`` for ``bg-BG``), or None."""
    if lang is None or lang == "":
        return None
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a str, not {type(lang).__name__}")
    return lang.split("-")[0]


def _rewritten(
    query: str,
    entity: Entity,
    language: str,
    note: str,
    min_score: float,
    similarity: float | None = None,
) -> Resolution | None:
    """:meth:`Gazetteer.country`'s answer for ``query`` read another way
    (``note`` says how): a weak match of ``entity``, scored as a rewritten
    query, normalised or (with a ``similarity``) fuzzy; None below ``min_score``."""
    method = Method.NORMALISED if similarity is None else Method.FUZZY
    value = score(method, Tier.WEAK, similarity, rewritten=True)
    if value < min_score:
        return None
    key = normalize(query)
    alias = Alias(query.strip(), language, Tier.WEAK, key)
    match = Match(entity, alias, method, value, key, similarity=similarity, note=note)
    return Resolution(query, Status.RESOLVED, (match,), (match,))


def _kinds(kinds: KindFilter) -> frozenset[Kind] | None:
    if kinds is None:
        return None
    items = [kinds] if isinstance(kinds, str) else list(kinds)
    try:
        return frozenset(Kind(k) for k in items)
    except ValueError as exc:
        known = ", ".join(kind.value for kind in Kind)
        raise UnknownKindError(f"{exc}; kinds are {known}") from None


def _load_words(index: Index, cache_key: tuple[str, str] | None) -> WordIndex:
    """The word index: from the disk cache when the index has a cache key
    (beside it: "bundled.cities" → "words.cities"), else built (and cached)."""
    name, key = cache_key or ("", "")
    name = name.replace("bundled", "words", 1)
    if key and (found := cache.read_word_index(name, key)):
        return found
    built = build_word_index(index)
    if key:
        cache.write_word_index(name, key, built)
    return built


# The matches that read a query as a near miss of a name.
_APPROXIMATE = frozenset({Method.PHONETIC, Method.FUZZY})
# what the tagger reads a name by: a demonym is read where no name is found so
_AS_TAGGED = frozenset({Method.EXACT, Method.NORMALISED, Method.INFLECTED})
_QUALIFIER = 4  # letters of a word around a territory's and its country's names: S.A.R., RAE
_TERRITORY_WORDS = 12  # the most words a territory's name, its country's and qualifiers make
_COUNTRY = frozenset({Kind.COUNTRY})
_SUBDIVISION = frozenset({Kind.SUBDIVISION})
# places Gazetteer.country reads as their country's (a region only when it is
# linked to one: a historic county, not Central Asia)
_IN_A_COUNTRY = frozenset({Kind.SUBDIVISION, Kind.CITY, Kind.REGION})
# How a code is written: capitals, digits and hyphens, a letter or digit at
# each end (KAZ, KZ, 398, Q232, KZ-75, GB-SCT); "us" is a word.
_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)?")  # a key's words, without their marks
_CODE_SHAPE = re.compile(r"[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?")


def _code_index(index: Index) -> dict[str, tuple[tuple[int, str], ...]]:
    """Every code of every entity, upper-cased → (entity position, scheme)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for position, entity in enumerate(index.entities):
        for scheme, value in entity.codes.items():
            found.setdefault(value.strip().upper(), []).append((position, scheme))
    return {code: tuple(places) for code, places in found.items()}


# a country's names in the scripts the library does not romanise: each
# script's keys, and the postings of each key
_WrittenCountries = dict[str, tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]]


def _written_countries(index: Index) -> _WrittenCountries:
    """For each script the library does not romanise: the keys of the
    countries' aliases in it, once each, and each key's postings, for
    :meth:`Gazetteer.country`'s near misses (about 0.2 s for the bundled
    data once its entities are read; only the countries are read)."""
    found: dict[str, dict[str, list[int]]] = {}
    for entity_id, position in index.positions.items():
        if not entity_id.startswith(f"{Kind.COUNTRY.value}:"):
            continue  # (an id's prefix is its kind)
        for key in dict.fromkeys(a.key for a in index.entities[position].aliases):
            first = next((ch for ch in key if ch.isalpha()), "")
            if first < "\u0530" or not written_skeleton(key):
                continue  # (a Latin, Greek or Cyrillic first letter: no written skeleton)
            postings = [p for p in index.postings.get(key, ()) if unpack(p)[0] == position]
            if postings:  # (a denied key is filed under none)
                found.setdefault(script(key) or "", {}).setdefault(key, []).extend(postings)
    return {
        name: (tuple(keys), tuple(tuple(postings) for postings in keys.values()))
        for name, keys in found.items()
    }


@attrs.frozen
class _CountryNames:
    """The words of every country's names, for :meth:`Gazetteer.country`'s
    searches of them all: each word → the countries with a name that has
    it, and each country → its names' sets of words."""

    having: Mapping[str, frozenset[Entity]]
    names: Mapping[Entity, tuple[frozenset[str], ...]]

    def with_words(self, words: Iterable[str]) -> set[Entity]:
        """The countries with a name that has every one of ``words``."""
        found: set[Entity] | None = None
        for word in set(words):
            held = self.having.get(word, frozenset())
            found = set(held) if found is None else found & held
            if not found:
                return set()
        return found or set()


def _country_names(index: Index) -> _CountryNames:
    """The words of the countries' names (only the countries are read, as
    for :func:`_written_countries`)."""
    having: dict[str, set[Entity]] = {}
    names: dict[Entity, tuple[frozenset[str], ...]] = {}
    for entity_id, position in index.positions.items():
        if entity_id.startswith(f"{Kind.COUNTRY.value}:"):  # (an id's prefix is its kind)
            entity = index.entities[position]
            sets = {frozenset(_WORDS.findall(a.key)) for a in entity.aliases}
            names[entity] = tuple(sets)
            for word in set().union(*sets):
                having.setdefault(word, set()).add(entity)
    return _CountryNames({w: frozenset(e) for w, e in having.items()}, names)


def _territory_keys(index: Index) -> tuple[tuple[Entity, frozenset[str], frozenset[str]], ...]:
    """(each territory of ``matching.territories``, its keys, the keys of
    the country ISO 3166-2 lists it under), for :meth:`Gazetteer.country`."""
    found = []
    for territory, sovereign in territories().items():
        places = [index.positions.get(territory), index.positions.get(sovereign)]
        if None in places:
            continue
        own, country = (index.entities[p] for p in places if p is not None)
        keys = [frozenset(a.key for a in e.aliases) for e in (own, country)]
        found.append((own, keys[0], keys[1]))
    return tuple(found)


def _tagger(index: Index, words: Lazy[WordIndex]) -> Tagger:
    from gazetteer.tagger import Tagger

    return Tagger(index, words)


def _restore(
    index: Index,
    cache_key: tuple[str, str] | None,
    cross: CrossIndex | None,
    words: WordIndex | None,
    written: _WrittenCountries | None = None,
    countries: _CountryNames | None = None,
) -> Gazetteer:
    g = Gazetteer.__new__(Gazetteer)
    object.__setattr__(g, "_index", index)
    g._setup(cache_key, cross, words, written, countries)
    return g


class Gazetteer(Mapping[str, Entity]):
    """Entities and their names, ready to resolve queries.

    Make one with :func:`gazetteer.load`. Look names up with :meth:`resolve`
    (one answer: resolved, ambiguous or not found) or :meth:`candidates`
    (every entity the name matches, ranked); fetch entities by id with
    ``g["country:kz"]`` or ``g.get("country:kz")``.
    """

    __slots__ = (
        "_codes",
        "_country_names",
        "_index",
        "_matcher",
        "_tagging",
        "_territories",
        "_words",
        "_written",
    )
    _codes: Lazy[dict[str, tuple[tuple[int, str], ...]]]
    _country_names: Lazy[_CountryNames]
    _index: Index
    _written: Lazy[_WrittenCountries]
    _matcher: Matcher
    _tagging: Lazy[Tagger]
    _territories: Lazy[tuple[tuple[Entity, frozenset[str], frozenset[str]], ...]]
    _words: Lazy[WordIndex]

    def __init__(self, index: Index, cache_key: tuple[str, str] | None = None) -> None:
        object.__setattr__(self, "_index", index)
        self._setup(cache_key, None, None, None)

    def _setup(
        self,
        cache_key: tuple[str, str] | None,
        cross: CrossIndex | None,
        words: WordIndex | None,
        written: _WrittenCountries | None,
        countries: _CountryNames | None = None,
    ) -> None:
        """The indexes made on first use (or given, already made): the word
        index, which ``resolve`` and ``tag`` share, the cross-script one,
        the codes and the countries' names in the scripts the library does
        not romanise."""
        index = self._index
        shared = Lazy(lambda: _load_words(index, cache_key), words)
        object.__setattr__(self, "_words", shared)
        object.__setattr__(self, "_codes", Lazy(lambda: _code_index(index)))
        object.__setattr__(self, "_matcher", Matcher(index, cache_key, cross, shared))
        object.__setattr__(self, "_tagging", Lazy(lambda: _tagger(index, shared)))
        object.__setattr__(self, "_territories", Lazy(lambda: _territory_keys(index)))
        names = Lazy(lambda: _country_names(index), countries)
        object.__setattr__(self, "_country_names", names)
        object.__setattr__(self, "_written", Lazy(lambda: _written_countries(index), written))

    @property
    def _tagger(self) -> Tagger:
        """The tagger, made the first time a text is tagged."""
        return self._tagging.get()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Gazetteer is immutable")

    def __reduce__(self) -> tuple[Callable[..., Gazetteer], tuple[object, ...]]:
        # The indexes made on first use (cross-script, tagging) travel with
        # the pickle when they exist, so a worker process that receives a
        # gazetteer does not make them again.
        return (
            _restore,
            (
                self._index,
                self._matcher.cache_key,
                self._matcher.cross_if_built(),
                self._words.peek(),
                self._written.peek(),
                self._country_names.peek(),
            ),
        )

    def prepare(self, *, tag: bool = True, resolve: bool = True) -> None:
        """Build now the indexes otherwise built on first use: the word index
        that ``tag`` reads text with (``tag``; ``resolve`` uses it too, for a
        name not matched as written) and the cross-script index that
        ``resolve`` needs for a name matched neither as written nor inflected,
        with the tables of countries' names :meth:`country` reads near misses
        and forms of state with (``resolve``).

        Worth it before the gazetteer is copied: a pickle then carries them
        (workers do not rebuild them), and processes forked afterwards share
        them. Also to keep the first request of a service fast.
        """
        if tag:
            self._words.get()
        if resolve:
            self._matcher.cross()
            self._written.get()
            self._country_names.get()

    # -- the mapping of ids to entities ------------------------------------
    def __getitem__(self, entity_id: str) -> Entity:
        position = self._index.positions.get(entity_id)
        if position is None:
            raise UnknownEntityError(entity_id)
        return self._index.entities[position]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.positions)

    def __len__(self) -> int:
        return len(self._index.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._index.positions

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self)} entities, {len(self._index.postings)} keys>"

    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every entity, ordered by id."""
        return tuple(self._index.entities)

    # -- lookups -------------------------------------------------------------
    def _matches(
        self,
        query: str,
        kinds: frozenset[Kind] | None,
        lang: str | None = None,
        wide: bool = False,
        memo: Memo | None = None,
    ) -> list[Match]:
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, not {type(query).__name__}")
        key = normalize(query)
        lang = _language(lang)

        def keep(matches: list[Match]) -> list[Match]:
            return admit(matches, key, kinds)

        found = admit(self._matcher.matches(query, key, lang, wide, memo, keep), key, kinds)
        if kinds is not None and not wide and self._named_elsewhere(key, kinds):
            # a strong name of an entity the kinds set aside says what the
            # query is: it is no typo of another's name (Англия, England, is
            # not Anguilla for kinds="country"; Prague is not Paraguay)
            found = [m for m in found if m.method not in _APPROXIMATE]
        return found

    def _named_elsewhere(self, key: str, kinds: frozenset[Kind]) -> bool:
        """Whether ``key`` is a strong alias of an entity not of ``kinds``."""
        for posting in self._index.postings.get(key, ()):
            entity_position, alias_position = unpack(posting)
            entity = self._index.entities[entity_position]
            if entity.kind not in kinds and entity.aliases[alias_position].tier is Tier.STRONG:
                return True
        return False

    def resolve(
        self,
        query: str,
        *,
        kinds: KindFilter = None,
        lang: str | None = None,
        min_score: float = 0.0,
        codes: bool = False,
        demonyms: bool = False,
        adjectives: bool = False,
    ) -> Resolution:
        """Resolve one name to one entity, or say why not.

        ``kinds`` limits the answer to entities of those kinds; ``lang`` (a
        language code) says which romanisations to try for a Cyrillic query (all
        of them when None), which inflected forms to accept, and which
        language's name a one-word query is (:func:`gazetteer.scoring.decide`:
        Англия is the United Kingdom in Russian, England in Bulgarian); matches
        scoring below ``min_score`` are dropped first. With ``codes=True`` a
        query written as a code (no lower-case letter: ``KAZ``, ``KZ``, ``398``,
        ``Q232``, ``KZ-75``) is looked up as one first (:meth:`by_code`), and as
        a name when no entity of the kinds asked carries it: for a column that
        mixes names and codes. The result's ``status`` is ``resolved``,
        ``ambiguous`` (``tied`` lists the entities that match equally well) or
        ``not_found``; see :mod:`gazetteer.scoring` and
        :mod:`gazetteer.matching`.

        With ``demonyms``, a query that is a noun for a people (британците,
        американцы, українці), and with ``adjectives`` a demonym adjective
        (американских), is its country, read as :meth:`tag` reads one with
        the same options, where no name matched it as written or inflected:
        a weak ``inflected`` match whose ``note`` says so.
        """
        return self._resolve(
            query, _kinds(kinds), lang, _floor(min_score), codes, readings=(demonyms, adjectives)
        )

    def _resolve(
        self,
        query: str,
        kinds: frozenset[Kind] | None,
        lang: str | None,
        min_score: float,
        codes: bool,
        memo: Memo | None = None,
        readings: tuple[bool, bool] = (False, False),
    ) -> Resolution:
        """One query's resolution (:meth:`resolve`; ``memo`` as :meth:`resolve_all`
        shares it; ``readings``: whether a noun for a people, an adjective
        of one, may answer)."""
        if codes and (coded := self._coded(query, kinds)) is not None:
            return coded
        found = self._matches(query, kinds, lang, memo=memo)
        lang = _language(lang)
        resolution = decide(query, [m for m in found if m.score >= min_score], lang)
        if any(readings) and not (resolution.tied and resolution.tied[0].method in _AS_TAGGED):
            # as the tagger reads a demonym: where no name is found as written or inflected
            demonym = self._demonym(query, kinds, lang, readings)
            if demonym is not None and demonym.score >= min_score:
                return decide(query, [demonym])
        return resolution

    def _demonym(
        self,
        query: str,
        kinds: frozenset[Kind] | None,
        lang: str | None,
        readings: tuple[bool, bool],
    ) -> Match | None:
        """``query`` read as a noun for a people (``readings[0]``) or a
        demonym adjective (``readings[1]``), as a match of its country
        (``lang``: checked already)."""
        for wanted, nouns, note in (
            (readings[0], True, "read as a noun for a people"),
            (readings[1], False, "read as a demonym adjective"),
        ):
            found = self._tagger.demonym(query, kinds, lang, nouns) if wanted else None
            if found is not None and found[0] is not None:
                key = normalize(query)
                return Match(found[0], found[1], found[2], found[3], key, note=note)
        return None

    def country(
        self,
        query: str,
        *,
        lang: str | None = None,
        min_score: float = 0.0,
        codes: bool = False,
    ) -> Resolution:
        """The country ``query`` points to: the country it names, or the
        country of the place it names (LOUISIANA, Dubai, "Karachi, Pakistan").

        For a column of countries that also holds states, cities and
        "place, country" pairs. First :meth:`resolve` with
        ``kinds="country"`` (the same ``lang``, ``min_score``, ``codes``);
        when that finds nothing, the query resolved among every kind, each
        answer read as its country: a country as itself, a subdivision, a
        city or a region of one country (Yorkshire) named as written or
        inflected (not a near miss: Christchurch is no typo of Christ
        Church, in Barbados) as the country it is in (the match's ``via`` names the
        place). Places of one country are that country ("New York" is the
        city and the state: the US); an answer of another kind (an
        organisation, a region of several countries), or places of
        several countries, leave the query ambiguous or not found. A query
        that nothing answered so, or only a near miss or a place whose name
        only romanises to it (Kazakh: Gazakh, Казах, in Azerbaijan), is read
        four more ways, each answer scored as a rewritten query, its ``note`` saying
        which: without the words that say only a form of state or a kind of
        place ("Kingdom of Greece", "Djibouti City": ``state_forms`` and
        ``place_forms`` in ``_data/cleanup.yaml``), when the rest names one
        country as written; then as an English adjective of a country
        ("Kenyan", "Thai"; with words of a form of state: "Russian Empire",
        "Kazakh SSR") or, in
        capitals, an acronym of its English name ("UAE"), a weak match
        (``_data/country_words.yaml``, made from CLDR and ISO 3166 by
        tools/country_words.py), or as a noun for its people read as the
        tagger reads one with ``demonyms=True``, with an ending a list
        writes (швейцарцы, Албанец: ``_data/demonyms.yaml``); or as a
        territory's name with its sovereign's ("Hong Kong S.A.R. Kina").
        A query still not found is read as a typo of a country's adjective
        ("Ghanian"), then, when it is no alias as written and in a script
        the library does not romanise, as a near miss of a country's name
        there (``WRITTEN_COUNTRY_SIMILARITY`` alike as written, every other
        country's name there ``WRITTEN_COUNTRY_MARGIN`` less alike, else
        the countries within the margin tied: कैनाडा, Canada). Last,
        "place, country": a query whose part after its last comma
        resolves to a country is that country (Georgia, USA: the state),
        unless the part before it names no place of that country and a
        place of another (then both are tied: Almaty, Russia); a part
        written as the acronym of a country's name (U.A.E.) only after a
        place of that country (Dubai, UAE; not John Smith, MSC, Macao's);
        and "place, subdivision": the subdivision's country whatever the part
        before names (Paris, Texas),
        of those a subdivision name of several countries means, the one the
        part before names a place of (Islamabad, Punjab), else all of them.
        ``min_score`` is a score, from 0 to 1.

        A former country that ISO 3166-3 says one country of today took
        over (its four-letter code ends with that country's code, or with
        AA when the code stayed: TPTL, East Timor, now TL; ZRCD, Zaire;
        BYAA, the Byelorussian SSR) is answered as that country, the former
        one the match's ``via``; one with no single successor (SUHH, the
        USSR) as itself. :meth:`resolve` answers the former country."""
        return self._today(self._read_country(query, _language(lang), _floor(min_score), codes))

    def _today(self, found: Resolution) -> Resolution:
        """``found`` with each former country that one country of today took
        over read as that country (:meth:`country`), in its answers and its
        candidates: a query read as both is then one answer ("Kinshasa,
        Zaire"). Unchanged when it names no such former country."""
        tied = [self._successor(m) for m in found.tied]
        listed = [self._successor(m) for m in found.candidates]
        if tied == list(found.tied) and listed == list(found.candidates):
            return found
        answers = rank(tied)
        kept = {m.entity.id for m in answers}
        candidates = (*answers, *(m for m in rank(listed) if m.entity.id not in kept))
        if not answers:
            return Resolution(found.query, found.status, (), candidates)
        status = Status.RESOLVED if len(answers) == 1 else Status.AMBIGUOUS
        return Resolution(found.query, status, answers, candidates)

    def _successor(self, match: Match) -> Match:
        """``match`` of a former country that one country of today took over
        (ISO 3166-3: the last two letters of its code are that country's
        code, "AA" when its code did not change: BYAA, the Byelorussian SSR,
        is BY) as a match of that country, the former one its ``via``; else
        ``match``."""
        entity = match.entity
        code = entity.codes.get("iso3166-3")
        if entity.kind is not Kind.COUNTRY or code is None or "iso2" in entity.codes:
            return match
        now = self.by_code(code[:2] if code[2:] == "AA" else code[2:], scheme="iso2").tied
        if len(now) != 1 or now[0].entity.kind is not Kind.COUNTRY:
            return match
        return attrs.evolve(match, entity=now[0].entity, via=match.via or entity)

    def _read_country(
        self, query: str, lang: str | None, min_score: float, codes: bool
    ) -> Resolution:
        """:meth:`country` but the reading of former countries."""
        memo: Memo = {}  # (the searches below share their later steps)
        found = self._country(query, lang, min_score, codes, memo)
        if all(m.method in _APPROXIMATE or _romanised_place(m) for m in found.tied):
            # (a reading as written before near misses: NIUE ISLAND is no
            # typo of Niú Zíland, Libyan none of Lebanon)
            found = (
                self._without_state_form(query, found, lang, min_score, codes, memo)
                or self._country_word(query, min_score)
                or self._demonym_word(query, lang, min_score)
                or self._territory_words(query, min_score)
                or found
            )
        if found.status is Status.NOT_FOUND:  # (not before a near miss of a name)
            found = (
                self._near_country_word(query, min_score)
                or self._near_written_name(query, min_score)
                or found
            )
        if found.status is not Status.NOT_FOUND or "," not in query:
            return found
        head, tail = (part.strip() for part in query.rsplit(",", 1))
        named = self._resolve(tail, _COUNTRY, lang, min_score, codes, memo)
        acronym = None  # Dubai, UAE (only with a place of that country before it)
        if named.status is Status.NOT_FOUND:
            acronym = self._country_acronym(tail, min_score)
            named = acronym or named
        if named.status is Status.NOT_FOUND and head:
            # "place, subdivision" (Paris, Texas): the subdivision says the country
            region = self._resolve(tail, _SUBDIVISION, lang, min_score, codes, memo)
            inside = self._countries(tail, region)
            if inside.status is Status.AMBIGUOUS:  # Lahore, Punjab: the head says which
                places = self._resolve(head, None, lang, min_score, codes, memo).candidates
                named_in = {m.entity.country for m in places if m.method not in _APPROXIMATE}
                kept = tuple(m for m in inside.tied if m.entity.id in named_in)
                if len(kept) == 1:
                    inside = Resolution(tail, Status.RESOLVED, kept, inside.candidates)
            if inside.status is not Status.NOT_FOUND:
                return Resolution(query, inside.status, inside.tied, inside.candidates)
        if named.status is not Status.RESOLVED or not head:
            return Resolution(query, Status.NOT_FOUND)
        country = named.tied[0].entity.id
        # (read once: no more commas)
        every = self._resolve(head, None, lang, min_score, codes, memo)
        if any(
            country in (m.entity.id, m.entity.country)
            for m in every.candidates
            if m.method not in _APPROXIMATE
        ):
            # the head names a place of that country (Georgia, USA: the state),
            # or a territory ISO 3166-2 lists under it (Macao, China: Macao)
            territory = self._territory(every.candidates, country)
            if territory is not None:
                return Resolution(query, Status.RESOLVED, (territory,), (territory,))
            return Resolution(query, Status.RESOLVED, named.tied, named.candidates)
        if acronym:  # (an acronym is read as a country's only after a place of it:
            return Resolution(query, Status.NOT_FOUND)  # "John Smith, MSC" is no Macao)
        place = self._resolve(head, _COUNTRY, lang, min_score, codes, memo)  # (as _country does,
        if place.status is Status.NOT_FOUND:  # with the reading among every kind at hand)
            place = self._countries(head, every)
        other = tuple(
            m for m in place.tied if m.entity.id != country and m.method not in _APPROXIMATE
        )  # (a place read only as a near miss of another's name is no other country)
        if other and place.status is Status.RESOLVED:
            tied = named.tied + other
            return Resolution(query, Status.AMBIGUOUS, tied, rank(tied))
        return Resolution(query, Status.RESOLVED, named.tied, named.candidates)

    def _without_state_form(
        self,
        query: str,
        first: Resolution,
        lang: str | None,
        min_score: float,
        codes: bool,
        memo: Memo,
    ) -> Resolution | None:
        """:meth:`country`'s reading of ``query`` without the words of a form
        of state, when the rest names one country, no longer name of it
        ends with the query (the Republic of China is not the People's
        Republic of China), and no other country that ``first`` (the
        query's resolution as written) or its readings with abbreviations
        spelt out list has a name holding every word of the query or of such
        a reading (the Democratic Republic of Congo, Dem. Rep. Congo, is not
        the Republic of the Congo); else None."""
        key = normalize(query)
        for rest in without_state_form(key):
            found = self._country(rest, lang, min_score, codes, memo)
            match = found.tied[0] if found.status is Status.RESOLVED else None
            dropped = set(key.replace(",", " ").split()) - set(rest.split())
            state = dropped & state_forms()  # (not the words of a kind of place)
            if match and not (
                match.method in _APPROXIMATE
                or _romanised_place(match)
                or (_weak_city(match) and state - {"of", "the"})
            ):
                break  # (a near miss of the rest is two doubts: THE ISLAND OF NIUE;
                # a place only romanised to it, another: Kazakh SSR is no Gazakh;
                # so is a form of state around a city's weak name: the Colony of
                # Natal is no Natal, Brazil; Kowloon City is Kowloon)
        else:
            return None
        answer = found.tied[0].entity
        if any(a.key.endswith(" " + key) for a in answer.aliases):
            return None  # a longer name of it says another state: Republic of China
        readings = [key, *cleaned(key)]
        # another country whose name has every word of the query, its
        # abbreviations spelt out: Dem. Rep. Congo is the Democratic Republic
        # of the Congo, not the Republic of the Congo (the countries the query
        # and its spelt-out readings might mean, near misses too; every
        # country when a word it drops may tell another state of that name:
        # Democratic Congo, but the Democratic Republic of Georgia is Georgia)
        others = {m.entity for m in first.candidates}
        telling = {w for r in readings for w in _WORDS.findall(r)} & telling_forms()
        countries = self._country_names.get()
        if telling - {w for a in answer.aliases for w in _WORDS.findall(a.key)}:
            others |= {e for r in readings for e in countries.with_words(_WORDS.findall(r))}
        for reading in readings[1:]:
            others |= {m.entity for m in self._matches(reading, _COUNTRY, lang, True, memo)}
        for entity in others - {answer}:
            names = countries.names.get(entity) or [
                frozenset(_WORDS.findall(a.key)) for a in entity.aliases
            ]
            if any(set(_WORDS.findall(r)) <= name for r in readings for name in names):
                return None
        note = "read without the words for a form of state"
        tied = tuple(
            attrs.evolve(
                m,
                score=round(max(0.0, m.score - REWRITE_PENALTY), 4),
                note=f"{m.note}, then {note}" if m.note else note,
            )
            for m in found.tied
        )
        if tied[0].score < min_score:
            return None
        return Resolution(query, Status.RESOLVED, tied, tied)

    def _country_word(self, query: str, min_score: float) -> Resolution | None:
        """:meth:`country`'s reading of ``query`` as the adjective of a
        country ("Kenyan"), a word for its people ("Kenyans", "Englishman")
        or the acronym of its name ("UAE"), when it is one, or when it is
        one with words of a form of state (Russian Empire, Kazakh SSR,
        Mongolian People's Republic); else None."""
        found, reading = _with_state_form(query, country_word)
        entity = self._entity(found[0]) if found else None
        if found is None or entity is None or entity.kind is not Kind.COUNTRY:
            return None
        if reading and self._named_alike(normalize(query), entity):
            return None  # the Congolese Republic: the Republic of the Congo
        _, language, what = found
        return _rewritten(query, entity, language, f"read as {what}{reading}", min_score)

    def _country_acronym(self, query: str, min_score: float) -> Resolution | None:
        """``query`` read as the acronym of a country's name, written as one
        ("UAE", "U.A.E."; :func:`~gazetteer.matching.country_acronym`),
        scored as a rewritten query; else None."""
        found = country_acronym(query)
        entity = self._entity(found[0]) if found else None
        if found is None or entity is None or entity.kind is not Kind.COUNTRY:
            return None
        return _rewritten(query, entity, found[1], f"read as {found[2]}", min_score)

    def _named_alike(self, key: str, answer: Entity) -> bool:
        """Whether a country other than ``answer`` has a name with every
        word of a form of state of ``key`` (an adjective with such words)
        and a word that, less its last letter, starts the adjective:
        "congolese republic" and the Republic of the Congo."""
        words = key.replace(",", " ").split()
        forms = {w for w in words if w in state_forms()} - {"of", "the"}
        if not forms:
            return False
        stems = [w for w in words if w not in state_forms()]
        countries = self._country_names.get()
        return any(
            forms <= name and any(len(w) >= 4 and s.startswith(w[:-1]) for w in name for s in stems)
            for entity in countries.with_words(forms) - {answer}
            for name in countries.names[entity]
        )

    def _demonym_word(self, query: str, lang: str | None, min_score: float) -> Resolution | None:
        """:meth:`country`'s reading of ``query`` as a noun for a people, as
        ``tag(..., demonyms=True)`` reads one, with one of the endings a list
        writes (швейцарцы, Албанец, румънците; not Узбеков, a surname:
        :func:`gazetteer.demonyms.listed`), scored as a rewritten query;
        else None."""
        found = self._demonym(query, _COUNTRY, lang, (True, False)) if listed(query) else None
        if found is None:
            return None
        return _rewritten(query, found.entity, "und", found.note or "", min_score)

    def _near_country_word(self, query: str, min_score: float) -> Resolution | None:
        """:meth:`country`'s reading of ``query`` as a typo of the adjective
        of a country ("Ghanian", ``near_country_word``), scored as a fuzzy
        match on a weak alias, rewritten; else None."""
        found, with_forms = _with_state_form(query, near_country_word)  # (Moldovian SSR)
        entity = self._entity(found[0]) if found else None
        if found is None or entity is None or entity.kind is not Kind.COUNTRY:
            return None
        if with_forms and self._named_alike(normalize(query), entity):
            return None
        _, language, reading, similarity = found
        note = f"read as {reading}{with_forms}"
        return _rewritten(query, entity, language, note, min_score, similarity)

    def _near_written_name(self, query: str, min_score: float) -> Resolution | None:
        """:meth:`country`'s last reading of a query in a script the library
        does not romanise (Devanagari, Arabic, Khmer ...) that is no alias as
        written: the country whose name there is the nearest of the
        written-skeleton matches (:meth:`Matcher.written`, as
        :meth:`candidates` lists them), ``WRITTEN_COUNTRY_SIMILARITY`` alike
        as written, when every other country's name in that script is
        ``WRITTEN_COUNTRY_MARGIN`` less alike (rapidfuzz's ratio, over all of
        them: those within the margin are tied); else None."""
        key = normalize(query)
        skeleton = written_skeleton(key)
        if not skeleton or key in self._index.postings:
            return None  # (an alias as written, of another kind: संयुक्त राष्ट्र, the UN)
        keys, postings = self._written.get().get(script(key) or "", ((), ()))
        longest = max(map(len, keys), default=0)
        if len(key) * WRITTEN_COUNTRY_SIMILARITY > (200 - WRITTEN_COUNTRY_SIMILARITY) * longest:
            return None  # too long for rapidfuzz's ratio with any of them to reach the floor
        found = admit(self._matcher.written(key, skeleton, None, True, set()), key, _COUNTRY)
        best = max((m.similarity or 0.0 for m in found), default=0.0)
        if best < WRITTEN_COUNTRY_SIMILARITY:
            return None
        near = process.extract(
            key, keys, scorer=fuzz.ratio, score_cutoff=best - WRITTEN_COUNTRY_MARGIN, limit=None
        )
        rivals = [
            self._matcher.compared(posting, key, alike)
            for _, alike, at in near
            for posting in postings[at]
        ]
        tied = nearest_country([*found, *admit(rivals, key, _COUNTRY)])
        if not tied or min(m.score for m in tied) < min_score:
            return None  # (a rival under the caller's floor still forbids a guess)
        note = "read as a near miss of a country's name in its script"
        tied = tuple(attrs.evolve(m, note=note) for m in tied)
        status = Status.RESOLVED if len(tied) == 1 else Status.AMBIGUOUS
        return Resolution(query, status, tied, tied)

    def _territory(self, matches: Iterable[Match], sovereign: str) -> Match | None:
        """The match among ``matches`` (a query's, as written or inflected)
        of a territory that ISO 3166-2 lists under ``sovereign`` (Macao,
        China), when there is one; else None."""
        listed = territories()
        found = {
            m.entity.id: m
            for m in matches
            if m.method not in _APPROXIMATE and listed.get(m.entity.id) == sovereign
        }
        if len(found) != 1:
            return None
        match = next(iter(found.values()))
        note = f"a territory of {sovereign} (ISO 3166-2 lists it there)"
        return attrs.evolve(match, note=f"{match.note}, {note}" if match.note else note)

    def _territory_words(self, query: str, min_score: float) -> Resolution | None:
        """:meth:`country`'s reading of ``query`` as a territory's name, the
        name of the country ISO 3166-2 lists it under and short words (of at
        most ``_QUALIFIER`` letters written as an abbreviation, with a full
        stop or in capitals: not "and" in "China and Hong Kong"), in any order
        ("Hong Kong S.A.R. Kina", "Macau AEB Txina": Hong Kong, Macao), each
        name as written; else None."""
        words = [w for w in re.split(r"[\s,]+", normalize(query)) if w]
        if not 2 <= len(words) <= _TERRITORY_WORDS:
            return None  # (the spans below are as many as the words squared)
        # a qualifier is written as an abbreviation: with a full stop, in
        # brackets, or in capitals in a query that is not (S.A.R., (RAE), AEB),
        # not a word of a list ("China and Hong Kong", CHINA AND HONG KONG)
        cased = any(c.islower() for c in query)
        marks = {
            normalize(w)
            for w in re.split(r"[\s,]+", query)
            if "." in w
            or (w[:1] in "([" and w[-1:] in ")]")
            or (cased and sum(c.isalpha() for c in w) > 1 and w.isupper())
        }
        spans = {
            " ".join(words[i:j]): (i, j)
            for i in range(len(words))
            for j in range(i + 1, len(words) + 1)
        }
        found = []
        for territory, own, sovereign in self._territories.get():
            at = [[at for key, at in spans.items() if key in keys] for keys in (own, sovereign)]
            for (i, j), (k, m) in ((t, s) for t in at[0] for s in at[1]):
                rest = [w for n, w in enumerate(words) if not (i <= n < j or k <= n < m)]
                short = all(sum(c.isalpha() for c in w) <= _QUALIFIER and w in marks for w in rest)
                if (j <= k or m <= i) and short:
                    found.append(territory)
                    break
        if len(found) != 1:
            return None
        note = "read as a territory's name with the country ISO 3166-2 lists it under"
        return _rewritten(query, found[0], "und", note, min_score)

    def _entity(self, entity_id: str) -> Entity | None:
        position = self._index.positions.get(entity_id)
        return None if position is None else self._index.entities[position]

    def _country(
        self, query: str, lang: str | None, min_score: float, codes: bool, memo: Memo
    ) -> Resolution:
        """:meth:`country` without its last step ("place, country"); ``memo``
        shared by its two searches, the countries then every kind."""
        found = self._resolve(query, _COUNTRY, lang, min_score, codes, memo)
        if found.status is not Status.NOT_FOUND:
            return found
        return self._countries(query, self._resolve(query, None, lang, min_score, codes, memo))

    def _countries(self, query: str, found: Resolution) -> Resolution:
        """``found`` (a resolution among every kind) with each answer read as
        its country (:meth:`country`)."""
        listed = rank(c for m in found.candidates if (c := self._as_country(m)) is not None)
        tied = [self._as_country(m) for m in found.tied]
        if not tied or any(m is None for m in tied):
            return Resolution(query, Status.NOT_FOUND, (), listed)
        best = rank(m for m in tied if m is not None)
        status = Status.RESOLVED if len(best) == 1 else Status.AMBIGUOUS
        return Resolution(query, status, best, listed)

    def _as_country(self, match: Match) -> Match | None:
        """``match`` as a match of its entity's country: itself for a
        country, the country of a subdivision, a city or a region linked to
        one, named as written (not a near miss: Christchurch is no typo of
        Christ Church, in Barbados), None otherwise."""
        entity = match.entity
        if entity.kind is Kind.COUNTRY:
            return match
        if entity.kind not in _IN_A_COUNTRY or entity.country is None:
            return None
        if match.method in _APPROXIMATE:
            return None
        position = self._index.positions.get(entity.country)
        country = self._index.entities[position] if position is not None else None
        if country is None or country.kind is not Kind.COUNTRY:
            return None
        return attrs.evolve(match, entity=country, via=entity)

    def _coded(self, query: str, kinds: frozenset[Kind] | None) -> Resolution | None:
        """``resolve(..., codes=True)``'s first step: the entities of ``kinds``
        that carry ``query`` as a code, when it is written as one; None when
        it is not, or when none does."""
        if not isinstance(query, str) or not _CODE_SHAPE.fullmatch(query.strip()):
            return None
        found = [m for m in self.by_code(query).tied if kinds is None or m.entity.kind in kinds]
        return decide(query, found) if found else None

    def candidates(
        self,
        query: str,
        *,
        kinds: KindFilter = None,
        lang: str | None = None,
        limit: int | None = 10,
        min_score: float = 0.0,
    ) -> tuple[Match, ...]:
        """Every entity ``query`` might mean, best first, at most ``limit`` of them.

        Wider than :meth:`resolve`: unless a strong alias matched exactly or
        after normalisation, every matching step runs, and phonetic matches
        are listed from a lower similarity, so that a user sees the near
        misses too. Matches scoring below ``min_score`` are dropped, as in
        :meth:`resolve`.
        """
        floor = _floor(min_score)
        found = self._matches(query, _kinds(kinds), lang, wide=True)
        ranked = rank((m for m in found if m.score >= floor), _language(lang))
        return ranked if limit is None else ranked[: max(0, limit)]

    def by_code(self, code: str, *, scheme: str | None = None) -> Resolution:
        """The entity that carries ``code``: an ISO 3166-1 alpha-2, alpha-3 or
        numeric code (``KZ``, ``KAZ``, ``398``), an ISO 3166-2 code
        (``KZ-75``), an ISO 3166-3 code, a Wikidata id or a GeoNames id, as
        the entity's ``codes`` hold them (case does not matter). ``scheme``
        (``iso2``, ``iso3``, ``iso_numeric``, ``iso3166-2``, ``iso3166-3``,
        ``wikidata``, ``geonames``) limits it to one kind of code.

        A separate call, and a step of :meth:`resolve` only when the caller
        asks (``codes=True``): a code is looked up only when the caller says
        the string may be one ("US" is a code, "us" a word), and a name never
        meets a code by accident. Answers with method
        ``code``; ambiguous when several entities carry it.
        """
        if not isinstance(code, str):
            raise TypeError(f"code must be a str, not {type(code).__name__}")
        found = []
        for position, kind in self._codes.get().get(code.strip().upper(), ()):
            if scheme is not None and kind != scheme:
                continue
            entity = self._index.entities[position]
            value = entity.codes[kind]
            found.append(Match(entity, Alias(value, "und"), Method.CODE, 1.0, f"{kind} {value}"))
        return decide(code, found)

    def resolve_all(
        self,
        queries: Iterable[str],
        *,
        kinds: KindFilter = None,
        lang: str | None = None,
        min_score: float = 0.0,
        codes: bool = False,
        demonyms: bool = False,
        adjectives: bool = False,
    ) -> list[Resolution]:
        """Resolve many names; the same as :meth:`resolve` on each, in order.

        Faster per name than :meth:`resolve` in a loop when names come back,
        as they do in news: the work after the exact look-up is done once per
        spelling of a name ("Трамп", "ТРАМП" and " трамп " share it; a name
        of under four letters in capitals, SNG, may be an acronym and is
        read apart from sng).
        """
        wanted, floor = _kinds(kinds), _floor(min_score)
        memo: Memo = {}
        readings = (demonyms, adjectives)
        return [self._resolve(q, wanted, lang, floor, codes, memo, readings) for q in queries]

    def tag(
        self,
        text: str,
        *,
        kinds: KindFilter = None,
        lang: str | None = None,
        lowercase: bool = False,
        adjectives: bool = False,
        demonyms: bool = False,
    ) -> Mentions:
        """Every mention of a known entity in ``text``, in order, none overlapping.

        The answer is a :class:`Mentions`, a sequence of :class:`Mention`
        that makes each Mention as it is read (it compares equal to a list of
        the same mentions).

        ``text[m.start:m.end] == m.surface`` for every mention ``m``. Names are
        found as written and inflected (Трампа, Алиевым, Қазақстанда,
        Türkiye'nin); see :mod:`gazetteer.tagger` for the rules. In cased
        scripts a name must be capitalised as its alias is, unless
        ``lowercase`` says the text is lower-cased. With ``demonyms``, the
        nouns for a people (британците, американцы, українці), and with
        ``adjectives``, demonym adjectives (азербайджанската армия, the
        American president), are reported too, as mentions with
        ``demonym=True`` linked to their country. ``lang`` (the text's
        language) accepts the inflected forms made by that language's rules
        (see :mod:`gazetteer.wordindex`). The word index is built the first
        time a text is tagged.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        lang = _language(lang)
        return self._tagger.tag(text, _kinds(kinds), lowercase, adjectives, lang, demonyms)

    @overload
    def tag_all(
        self,
        texts: Iterable[str],
        *,
        as_tuples: Literal[False] = False,
        kinds: KindFilter = None,
        lang: str | None = None,
        lowercase: bool = False,
        adjectives: bool = False,
        demonyms: bool = False,
    ) -> Iterator[Mentions]: ...

    @overload
    def tag_all(
        self,
        texts: Iterable[tuple[str, T]],
        *,
        as_tuples: Literal[True],
        kinds: KindFilter = None,
        lang: str | None = None,
        lowercase: bool = False,
        adjectives: bool = False,
        demonyms: bool = False,
    ) -> Iterator[tuple[Mentions, T]]: ...

    def tag_all(
        self,
        texts: Iterable[str] | Iterable[tuple[str, T]],
        *,
        as_tuples: bool = False,
        kinds: KindFilter = None,
        lang: str | None = None,
        lowercase: bool = False,
        adjectives: bool = False,
        demonyms: bool = False,
    ) -> Iterator[Mentions] | Iterator[tuple[Mentions, T]]:
        """Tag many documents, lazily, in order: the same as :meth:`tag` on each.

        With ``as_tuples``, each item is ``(text, context)`` and each answer
        ``(mentions, context)``: a document id, say, travels with its text.
        The documents share the tagger's memos, so a name that comes back in
        a later document costs a look-up.
        """

        def one(text: str) -> Mentions:
            return self.tag(
                text,
                kinds=kinds,
                lang=lang,
                lowercase=lowercase,
                adjectives=adjectives,
                demonyms=demonyms,
            )

        if as_tuples:
            pairs = cast("Iterable[tuple[str, T]]", texts)
            return ((one(text), context) for text, context in pairs)
        return (one(text) for text in cast("Iterable[str]", texts))


def _with_state_form(query: str, read: Callable[[str], T | None]) -> tuple[T | None, str]:
    """What ``read`` finds for ``query``, else for its readings without the
    words of a form of state (its cleaned readings too: Kazakh SSR (now
    Kazakhstan)), with what the note then adds (nothing when only "of" or
    "the" went)."""
    found = read(query)
    if found is not None:
        return found, ""
    key = normalize(query)
    for text in (key, *cleaned(key)):
        for rest in without_state_form(text, places=False):
            if (found := read(rest)) is not None:
                dropped = set(key.split()) - set(rest.split()) - {"of", "the"}
                return found, " with the words for a form of state" if dropped else ""
    return None, ""


def _weak_city(match: Match) -> bool:
    """Whether ``match`` is a country's found through a city's weak name."""
    via = match.via
    return via is not None and via.kind is Kind.CITY and match.alias.tier is Tier.WEAK


def _romanised_place(match: Match) -> bool:
    """Whether ``match`` is a place's country (:meth:`Gazetteer.country`)
    whose name only romanises to the query: a reading :meth:`Gazetteer.country`
    tries the country words before (Kazakh: Kazakhstan, not Gazakh, Казах,
    in Azerbaijan)."""
    return match.via is not None and match.method is Method.TRANSLITERATED
