"""The records and results that every stage of the library shares.

Everything here is a frozen ``attrs`` class or an enum: an :class:`Entity`
with its :class:`Alias` records is what the loader produces and the resolver
hands back; a :class:`Match` says why one alias matched a query, and a
:class:`Resolution` is the answer to one query, with an explicit status.
A :class:`Mention` is a name found in running text; :class:`Mentions` holds
every mention of one text.

Each result has one JSON-ready form, ``to_dict()`` (only str, int, float,
bool, None, lists and dicts; enums as their values), described by
docs/results.schema.json. An entity embedded in another result is its short
form: ``id``, ``kind``, ``name``.
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, overload

import attrs

from gazetteer.errors import UnresolvedError
from gazetteer.normalize import normalize

__all__ = [
    "Alias",
    "Entity",
    "Kind",
    "Match",
    "Mention",
    "Mentions",
    "Method",
    "Resolution",
    "Status",
    "Tier",
]


class Kind(enum.StrEnum):
    """What an entity is. The kind is also the prefix of its id (``country:kz``)."""

    COUNTRY = "country"
    SUBDIVISION = "subdivision"
    CITY = "city"
    REGION = "region"
    PERSON = "person"
    ORGANIZATION = "organization"
    OTHER = "other"


class Tier(enum.StrEnum):
    """How much an alias says on its own.

    ``strong``: a full or official name; it resolves on its own.
    ``weak``: a bare surname, a short form, an abbreviation or a name that is
    also a common word; it resolves only when no strong alias of another
    entity matches, and it always ranks below a strong one.
    """

    STRONG = "strong"
    WEAK = "weak"


class Method(enum.StrEnum):
    """How a query reached an alias, from the most to the least certain."""

    EXACT = "exact"
    NORMALISED = "normalised"
    TRANSLITERATED = "transliterated"
    PHONETIC = "phonetic"
    FUZZY = "fuzzy"
    INFLECTED = "inflected"
    CODE = "code"  # Gazetteer.by_code: a code the entity carries (ISO 3166, Wikidata ...)


class Status(enum.StrEnum):
    """The outcome of resolving one query."""

    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"


@attrs.frozen
class Alias:
    """One name of an entity: its text, its language code and its tier.

    ``key`` is the text's lookup key (:func:`gazetteer.normalize.normalize`),
    worked out when the alias is made.
    """

    text: str
    lang: str
    tier: Tier = Tier.STRONG
    key: str = attrs.field(
        default=attrs.Factory(lambda self: normalize(self.text), takes_self=True)
    )

    def to_dict(self) -> dict[str, Any]:
        """``text``, ``lang`` and ``tier`` (the key is ``normalize(text)``)."""
        return {"text": self.text, "lang": self.lang, "tier": self.tier.value}


def _freeze_codes(codes: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(sorted(codes.items())))


@attrs.frozen(eq=False, repr=False)
class Entity:
    """A thing with a canonical id and every name it goes by.

    ``id`` is ``<kind>:<slug>``: ``country:kz`` (ISO 3166-1 alpha-2, lower
    case), ``subdivision:az-nx`` (ISO 3166-2), ``person:donald-trump``.
    ``name`` is the English canonical label. ``aliases`` holds every name with
    its language and tier; ``names`` groups their texts by language. ``deny``
    lists strings that must never resolve to this entity. ``country`` links a
    person, city or organisation to its country, ``parent`` a subdivision to
    the entity it belongs to; both are entity ids. ``population`` and
    ``capital`` (a country's capital city) come with the cities pack and the
    default load's generated cities (alias files may set them); they order
    candidates that match equally well (see :func:`prior`), and the
    tagger's rules for towns and large cities read them.

    Two entities are equal when their ids are equal.
    """

    id: str
    kind: Kind
    name: str
    aliases: tuple[Alias, ...] = ()
    codes: Mapping[str, str] = attrs.field(factory=dict, converter=_freeze_codes)
    country: str | None = None
    parent: str | None = None
    deny: tuple[str, ...] = ()
    population: int | None = None
    capital: bool = False

    @property
    def names(self) -> Mapping[str, tuple[str, ...]]:
        """Language code → the names known in that language, strong ones first."""
        grouped: dict[str, list[str]] = {}
        for alias in sorted(self.aliases, key=lambda a: a.tier != Tier.STRONG):
            grouped.setdefault(alias.lang, []).append(alias.text)
        return MappingProxyType({lang: tuple(texts) for lang, texts in grouped.items()})

    def to_dict(self, *, full: bool = False) -> dict[str, Any]:
        """The entity as JSON-ready data: ``id``, ``kind`` and ``name``, the
        short form every other result embeds. ``full`` adds every other
        field, each always present: ``country``, ``parent`` (ids or None),
        ``codes``, ``population`` (or None), ``capital``, ``names``,
        ``aliases`` (``text``, ``lang``, ``tier``) and ``deny``."""
        short: dict[str, Any] = {"id": self.id, "kind": self.kind.value, "name": self.name}
        if not full:
            return short
        return {
            **short,
            "country": self.country,
            "parent": self.parent,
            "codes": dict(self.codes),
            "population": self.population,
            "capital": self.capital,
            "names": {lang: list(texts) for lang, texts in self.names.items()},
            "aliases": [alias.to_dict() for alias in self.aliases],
            "deny": list(self.deny),
        }

    def __repr__(self) -> str:
        return f"Entity(id={self.id!r}, name={self.name!r}, aliases=<{len(self.aliases)}>)"

    def __reduce__(self) -> tuple[type[Entity], tuple[object, ...]]:
        # A mapping proxy cannot be pickled: rebuild it from a plain dict.
        return (
            Entity,
            (
                self.id,
                self.kind,
                self.name,
                self.aliases,
                dict(self.codes),
                self.country,
                self.parent,
                self.deny,
                self.population,
                self.capital,
            ),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entity):
            return NotImplemented
        return self.id == other.id

    def __hash__(self) -> int:
        return hash(self.id)


@attrs.frozen
class Match:
    """One entity matched by one of its aliases.

    ``key`` is the form under which the query met the alias (its normalised
    key, a Latin form, or a phonetic skeleton); ``similarity`` is the
    rapidfuzz ratio (0-100) of the compared Latin forms where one was
    computed; ``note`` says how the query was rewritten first, if it was
    ("reordered", "initial"). ``score`` lies in [0, 1] (see
    :mod:`gazetteer.scoring`). ``via`` is the place the query named when
    ``entity`` is that place's country, or the former country ``entity``
    took over (ISO 3166-3: Zaire) (``Gazetteer.country``), else None.
    """

    entity: Entity
    alias: Alias
    method: Method
    score: float
    key: str
    similarity: float | None = None
    note: str | None = None
    via: Entity | None = None

    @property
    def explanation(self) -> str:
        """A sentence saying why this entity matched."""
        if self.method is Method.CODE:
            text = f"code match: {self.key}"
        else:
            text = (
                f"{self.method.value} match on the {self.alias.tier.value} "
                f"{self.alias.lang} alias {self.alias.text!r} (key {self.key!r}"
            )
            if self.similarity is not None:
                text += f", similarity {self.similarity:.0f}"
            text += ")"
            if self.note:
                text += f" after the query was {self.note}"
        if self.via is not None and self.via.kind is Kind.COUNTRY:
            text = f"the country that took over {self.via.id}: {text}"
        elif self.via is not None:
            text = f"the country of {self.via.id}: {text}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The match as JSON-ready data: ``entity`` (short form), ``alias``,
        ``method``, ``score``, ``key``, ``similarity``, ``note``, ``via``
        (short form; these three None when unset) and ``explanation``."""
        return {
            "entity": self.entity.to_dict(),
            "alias": self.alias.to_dict(),
            "method": self.method.value,
            "score": self.score,
            "key": self.key,
            "similarity": self.similarity,
            "note": self.note,
            "via": self.via.to_dict() if self.via is not None else None,
            "explanation": self.explanation,
        }


@attrs.frozen
class Resolution:
    """The answer to one query.

    ``status`` is ``resolved`` (``entity`` and ``match`` are set),
    ``ambiguous`` (``tied`` holds every candidate that matched equally well;
    ``entity`` is None) or ``not_found``. ``candidates`` lists every match,
    best first, one per entity.
    """

    query: str
    status: Status
    tied: tuple[Match, ...] = ()
    candidates: tuple[Match, ...] = ()

    @property
    def match(self) -> Match | None:
        """The winning match when the query resolved, else None."""
        return self.tied[0] if self.status is Status.RESOLVED else None

    @property
    def entity(self) -> Entity | None:
        """The resolved entity, or None when the query is ambiguous or not found."""
        match = self.match
        return match.entity if match is not None else None

    @property
    def resolved(self) -> bool:
        return self.status is Status.RESOLVED

    def expect(self) -> Entity:
        """The resolved entity, for code that needs one: ``g.resolve(q).expect().id``.

        Raises :class:`~gazetteer.errors.UnresolvedError` when the query is
        ambiguous or not found (the message says which).
        """
        match = self.match
        if match is not None:
            return match.entity
        if self.status is Status.AMBIGUOUS:
            ids = ", ".join(m.entity.id for m in self.tied)
            raise UnresolvedError(f"{self.query!r} is ambiguous between {ids}")
        raise UnresolvedError(f"{self.query!r} was not found")

    def to_dict(self) -> dict[str, Any]:
        """The resolution as JSON-ready data: ``query``, ``status``,
        ``entity`` (short form) and ``match`` (None unless resolved),
        ``tied`` and ``candidates`` (lists of :meth:`Match.to_dict`)."""
        match = self.match
        return {
            "query": self.query,
            "status": self.status.value,
            "entity": match.entity.to_dict() if match is not None else None,
            "match": match.to_dict() if match is not None else None,
            "tied": [m.to_dict() for m in self.tied],
            "candidates": [m.to_dict() for m in self.candidates],
        }


@attrs.frozen
class Mention:
    """A name found in running text: ``text[start:end] == surface``.

    ``entity`` is the entity it names, or None when the name is ambiguous;
    ``candidates`` lists every entity the span could name (one when
    resolved). ``method`` is ``exact`` when the text writes an alias as
    filed, ``inflected`` when it writes an inflected form of one.
    ``demonym`` is True for an adjective that points to a country
    (азербайджанската армия), reported only when asked for.
    """

    start: int
    end: int
    surface: str
    entity: Entity | None
    alias: Alias
    method: Method
    score: float
    candidates: tuple[Entity, ...]
    demonym: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The mention as JSON-ready data: ``start``, ``end``, ``surface``,
        ``entity`` (short form, or None), ``candidates`` (short forms),
        ``alias``, ``method``, ``score`` and ``demonym``."""
        return {
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "entity": self.entity.to_dict() if self.entity is not None else None,
            "candidates": [entity.to_dict() for entity in self.candidates],
            "alias": self.alias.to_dict(),
            "method": self.method.value,
            "score": self.score,
            "demonym": self.demonym,
        }

    def to_record(self) -> dict[str, Any]:
        """:meth:`to_dict` with entity ids in place of entities (``entity``
        is an id or None, ``candidates`` a list of ids): one row of a table."""
        record = self.to_dict()
        record["entity"] = self.entity.id if self.entity is not None else None
        record["candidates"] = [entity.id for entity in self.candidates]
        return record


# What a span names, the Mention without its span and surface: (entity,
# alias, method, score, candidates, demonym). The tagger decides it once per
# distinct name and every mention of that name shares it.
Finding = tuple["Entity | None", Alias, Method, float, tuple[Entity, ...], bool]


@attrs.frozen(eq=False, repr=False)
class Mentions(Sequence[Mention]):
    """Every mention found in one text, in order: a sequence of :class:`Mention`.

    Index it, slice it, iterate it, take its ``len``; it compares equal to a
    Mentions, list or tuple of the same mentions. It keeps each mention as
    its span and a reference to what the span names (shared by every
    mention of the same name), and makes the :class:`Mention` object when
    it is read. So a text with a hundred thousand mentions costs a few bytes
    a mention, and nothing for the garbage collector to walk. It keeps a
    reference to the text (each mention's ``surface`` is sliced from it).
    """

    text: str
    _bounds: array[int]  # start and end of each mention, in turn
    _findings: tuple[Finding, ...]

    def __len__(self) -> int:
        return len(self._findings)

    @overload
    def __getitem__(self, key: int) -> Mention: ...

    @overload
    def __getitem__(self, key: slice) -> Mentions: ...

    def __getitem__(self, key: int | slice) -> Mention | Mentions:
        if isinstance(key, slice):
            chosen = range(len(self))[key]
            bounds = array("q", [b for i in chosen for b in self._bounds[2 * i : 2 * i + 2]])
            return Mentions(self.text, bounds, tuple(self._findings[i] for i in chosen))
        finding = self._findings[key]  # raises the IndexError
        start, end = self._bounds[2 * key], self._bounds[2 * key + 1]  # key < 0 works too
        return Mention(start, end, self.text[start:end], *finding)

    def __iter__(self) -> Iterator[Mention]:
        text = self.text
        bounds = iter(self._bounds)
        for start, end, finding in zip(bounds, bounds, self._findings, strict=False):
            yield Mention(start, end, text[start:end], *finding)

    def to_records(self) -> list[dict[str, Any]]:
        """Every mention as :meth:`Mention.to_record`, in order:
        ``pandas.DataFrame(g.tag(text).to_records())`` is a table of them."""
        return [mention.to_record() for mention in self]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mentions | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, so unhashable as they are

    def __repr__(self) -> str:
        return f"Mentions({list(self)!r})"
