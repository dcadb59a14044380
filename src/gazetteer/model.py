"""The records and results that every stage of the library shares.

Everything here is a frozen ``attrs`` class or an enum: an :class:`Entity`
with its :class:`Alias` records is what the loader produces and the resolver
hands back; a :class:`Match` says why one alias matched a query, and a
:class:`Resolution` is the answer to one query, with an explicit status.
A :class:`Mention` is a name found in running text; :class:`Mentions` holds
every mention of one text.
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import overload

import attrs

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
    ``capital`` (a country's capital city) come with the cities pack; they
    order candidates that match equally well (see :func:`prior`).

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
    :mod:`gazetteer.scoring`).
    """

    entity: Entity
    alias: Alias
    method: Method
    score: float
    key: str
    similarity: float | None = None
    note: str | None = None

    @property
    def explanation(self) -> str:
        """A sentence saying why this entity matched."""
        text = (
            f"{self.method.value} match on the {self.alias.tier.value} "
            f"{self.alias.lang} alias {self.alias.text!r} (key {self.key!r}"
        )
        if self.similarity is not None:
            text += f", similarity {self.similarity:.0f}"
        text += ")"
        if self.note:
            text += f" after the query was {self.note}"
        return text


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

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mentions | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, so unhashable as they are

    def __repr__(self) -> str:
        return f"Mentions({list(self)!r})"
