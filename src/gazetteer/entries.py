"""Raw entries: what every alias source yields before validation.

A source (an alias file, pycountry) turns its input into
:class:`EntryRecord` values that remember where they came from (file and
line), so that :mod:`gazetteer.records` can validate and merge them and say
exactly where a problem is.
"""

from __future__ import annotations

import attrs

from gazetteer.model import Tier

__all__ = ["AliasRecord", "EntryRecord"]


@attrs.frozen
class AliasRecord:
    text: str
    lang: str
    tier: Tier
    line: int | None = None


@attrs.frozen
class EntryRecord:
    """One entry of one source, as written there (nothing checked yet but shape)."""

    source: str
    line: int | None
    id: str
    kind: str | None = None
    name: str | None = None
    aliases: tuple[AliasRecord, ...] = ()
    codes: tuple[tuple[str, str], ...] = ()
    country: str | None = None
    parent: str | None = None
    deny: tuple[str, ...] = ()
    names_of: str | None = None
    outranks: tuple[str, ...] = ()
    weaken: bool = False
    population: int | None = None
    capital: bool | None = None  # None: not said (an overlay keeps what was)
