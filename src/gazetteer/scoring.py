"""Scores, ranking and the decision between resolved, ambiguous and not found.

A match's score is ``METHOD_SCORE[method]`` less ``WEAK_PENALTY`` when the
alias is weak, so it lies in [0, 1] and orders matches by how they were
found (exact > normalised > ...), with every strong alias above every weak
alias found the same way.

Deciding a query, given its matches (at most one per entity, the best):

1. No match: ``not_found``.
2. If any strong alias matched, weak matches do not compete (they stay in
   ``candidates``).
3. Every competing match within ``AMBIGUITY_MARGIN`` of the best is tied
   with it. One entity tied: ``resolved``. More: ``ambiguous``, with all of
   them; the library never picks one silently. An exact match therefore does
   not beat a merely normalised match of another entity: case and accents are
   too thin a difference to choose on.
"""

from __future__ import annotations

from collections.abc import Iterable

from gazetteer.model import Match, Method, Resolution, Status, Tier

__all__ = ["AMBIGUITY_MARGIN", "METHOD_SCORE", "WEAK_PENALTY", "decide", "rank", "score"]

METHOD_SCORE: dict[Method, float] = {
    Method.EXACT: 1.0,
    Method.NORMALISED: 0.97,
}
WEAK_PENALTY = 0.2
AMBIGUITY_MARGIN = 0.05


def score(method: Method, tier: Tier) -> float:
    """The score of a match found by ``method`` on an alias of ``tier``."""
    value = METHOD_SCORE[method] - (WEAK_PENALTY if tier is Tier.WEAK else 0.0)
    return round(max(0.0, min(1.0, value)), 4)


def _order(match: Match) -> tuple[float, bool, str]:
    return (-match.score, match.alias.tier is not Tier.STRONG, match.entity.id)


def rank(matches: Iterable[Match]) -> tuple[Match, ...]:
    """Keep the best match of each entity and sort them, best first.

    Ties on score put strong aliases first, then order by entity id, so the
    order never depends on how the index was built.
    """
    best: dict[str, Match] = {}
    for match in matches:
        current = best.get(match.entity.id)
        if current is None or _order(match) < _order(current):
            best[match.entity.id] = match
    return tuple(sorted(best.values(), key=_order))


def decide(query: str, matches: Iterable[Match]) -> Resolution:
    """Turn the matches of one query into a :class:`Resolution` (rules above)."""
    candidates = rank(matches)
    if not candidates:
        return Resolution(query, Status.NOT_FOUND)
    strong = tuple(m for m in candidates if m.alias.tier is Tier.STRONG)
    pool = strong or candidates
    top = pool[0].score
    tied = tuple(m for m in pool if top - m.score < AMBIGUITY_MARGIN)
    status = Status.RESOLVED if len(tied) == 1 else Status.AMBIGUOUS
    return Resolution(query, status, tied, candidates)
