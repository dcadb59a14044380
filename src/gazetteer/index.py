"""The compiled index: every alias filed under its normalised key.

Lookups are one dictionary access whatever the size of the gazetteer, so
the index serves a few thousand entities or a world cities pack alike.
Entities are kept in id order; a posting packs the position of an entity and
the position of one of its aliases into one int (see :func:`unpack`).
Aliases that an entity's deny list names are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from gazetteer.model import Entity
from gazetteer.normalize import normalize

__all__ = ["Index", "Packed", "compile_index", "unpack"]

_SHIFT = 16
_MASK = (1 << _SHIFT) - 1


def unpack(posting: int) -> tuple[int, int]:
    """A posting → (entity position, alias position)."""
    return posting >> _SHIFT, posting & _MASK


@attrs.frozen
class Index:
    """Entities in id order, their positions by id, and the postings of every key."""

    entities: Sequence[Entity]
    positions: Mapping[str, int]
    postings: Packed  # key → postings, kept packed (compiled or read from a cache alike)

    def alias_fields(self, position: int) -> list[tuple[str, str]]:
        """The (text, language) of each alias of the entity at ``position``.

        Building every entity of a cached index costs memory and time that
        whole-index passes (the cross-script and tag indexes) do not need.
        """
        lazy = getattr(self.entities, "alias_fields", None)
        if lazy is not None:
            found: list[tuple[str, str]] = lazy(position)
            return found
        return [(alias.text, alias.lang) for alias in self.entities[position].aliases]


class Packed(Mapping[str, tuple[int, ...]]):
    """A read-only mapping of text → numbers, the numbers kept as one string.

    A hundred thousand short strings take less memory, and far less time to
    read from the cache, than as many tuples; a look-up decodes one entry.
    """

    __slots__ = ("raw",)

    def __init__(self, raw: Mapping[str, str]) -> None:
        self.raw = raw

    @classmethod
    def of(cls, table: Mapping[str, Iterable[int]]) -> Packed:
        return cls({key: " ".join(map(str, dict.fromkeys(found))) for key, found in table.items()})

    def __getitem__(self, key: str) -> tuple[int, ...]:
        return tuple(map(int, self.raw[key].split()))

    def size(self, key: str) -> int:
        """How many numbers ``key`` has, without decoding them (0 when absent)."""
        text = self.raw.get(key)
        return text.count(" ") + 1 if text else 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def compile_index(entities: Iterable[Entity]) -> Index:
    """File every alias of every entity under its key."""
    ordered = tuple(sorted(entities, key=lambda e: e.id))
    postings: dict[str, list[int]] = {}
    for position, entity in enumerate(ordered):
        if len(entity.aliases) > _MASK:
            raise ValueError(f"{entity.id} has more than {_MASK} aliases")
        denied = {normalize(text) for text in entity.deny} if entity.deny else ()
        base = position << _SHIFT
        for alias_position, alias in enumerate(entity.aliases):
            key = alias.key
            if key in denied:
                continue
            found = postings.get(key)
            if found is None:
                postings[key] = [base | alias_position]
            else:
                found.append(base | alias_position)
    return Index(
        entities=ordered,
        positions={entity.id: position for position, entity in enumerate(ordered)},
        postings=Packed.of(postings),
    )
