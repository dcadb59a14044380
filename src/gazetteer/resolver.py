"""The :class:`Gazetteer`: look names up in a compiled index.

A Gazetteer is immutable once made: it holds only tuples and mappings that
nothing changes, so one instance can be shared by any number of threads.
It is also a read-only mapping of entity id → :class:`Entity`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping

from gazetteer.errors import UnknownEntityError, UnknownKindError
from gazetteer.index import Index, unpack
from gazetteer.model import Entity, Kind, Match, Method, Resolution
from gazetteer.normalize import normalize
from gazetteer.scoring import decide, rank, score

__all__ = ["Gazetteer"]

KindFilter = Kind | str | Iterable[Kind | str] | None


def _kinds(kinds: KindFilter) -> frozenset[Kind] | None:
    if kinds is None:
        return None
    items = [kinds] if isinstance(kinds, str) else list(kinds)
    try:
        return frozenset(Kind(k) for k in items)
    except ValueError as exc:
        known = ", ".join(kind.value for kind in Kind)
        raise UnknownKindError(f"{exc}; kinds are {known}") from None


class Gazetteer(Mapping[str, Entity]):
    """Entities and their names, ready to resolve queries.

    Make one with :func:`gazetteer.load`. Look names up with :meth:`resolve`
    (one answer: resolved, ambiguous or not found) or :meth:`candidates`
    (every entity the name matches, ranked); fetch entities by id with
    ``g["country:kz"]`` or ``g.get("country:kz")``.
    """

    __slots__ = ("_index",)
    _index: Index

    def __init__(self, index: Index) -> None:
        object.__setattr__(self, "_index", index)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Gazetteer is immutable")

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[Index]]:
        return (Gazetteer, (self._index,))

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
    def _matches(self, query: str, kinds: frozenset[Kind] | None) -> list[Match]:
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, not {type(query).__name__}")
        key = normalize(query)
        postings = self._index.postings.get(key, ())
        if not postings:
            return []
        written = unicodedata.normalize("NFC", query.strip())
        found = []
        for posting in postings:
            entity_position, alias_position = unpack(posting)
            entity = self._index.entities[entity_position]
            if kinds is not None and entity.kind not in kinds:
                continue
            alias = entity.aliases[alias_position]
            method = Method.EXACT if alias.text == written else Method.NORMALISED
            found.append(Match(entity, alias, method, score(method, alias.tier), key))
        return found

    def resolve(
        self, query: str, *, kinds: KindFilter = None, min_score: float = 0.0
    ) -> Resolution:
        """Resolve one name to one entity, or say why not.

        ``kinds`` limits the answer to entities of those kinds; matches scoring
        below ``min_score`` are dropped first. The result's ``status`` is
        ``resolved``, ``ambiguous`` (``tied`` lists the entities that match
        equally well) or ``not_found``; see :mod:`gazetteer.scoring`.
        """
        matches = [m for m in self._matches(query, _kinds(kinds)) if m.score >= min_score]
        return decide(query, matches)

    def candidates(
        self, query: str, *, kinds: KindFilter = None, limit: int | None = 10
    ) -> tuple[Match, ...]:
        """Every entity ``query`` matches, best first, at most ``limit`` of them."""
        ranked = rank(self._matches(query, _kinds(kinds)))
        return ranked if limit is None else ranked[: max(0, limit)]

    def resolve_all(
        self, queries: Iterable[str], *, kinds: KindFilter = None, min_score: float = 0.0
    ) -> list[Resolution]:
        """Resolve many names; the same as :meth:`resolve` on each, in order."""
        wanted = _kinds(kinds)
        return [
            decide(q, [m for m in self._matches(q, wanted) if m.score >= min_score])
            for q in queries
        ]
