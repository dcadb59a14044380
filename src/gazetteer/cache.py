"""A cache of the compiled bundled index (and of its cross-script index), so
that a start does not re-read pycountry.

Reading pycountry's catalogues, normalising 100,000 names and filing them
takes seconds; the result depends only on the installed pycountry, the
bundled alias files and this package's own code, so it is stored once as
JSON (data only: nothing in it can run code) in the user's cache folder,
under a name made from a hash of all of those. A file is one line of
header (format, key, and the SHA-256 of the body) and the JSON body. A file
that is missing, stale, unreadable, malformed or whose body does not match
its checksum is ignored and rebuilt, never trusted; a folder that cannot be
written is logged and skipped. The index's postings are kept packed (one
string of numbers per key, decoded when looked up): JSON reads one string
far faster than a list of numbers.

The folder is ``$GAZETTEER_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/gazetteer``,
else ``~/.cache/gazetteer`` (``%LOCALAPPDATA%\\gazetteer`` on Windows).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, overload

from gazetteer.crossindex import CrossIndex
from gazetteer.index import Index, Packed
from gazetteer.model import Alias, Entity, Kind, Tier

__all__ = [
    "LazyEntities",
    "cache_dir",
    "fingerprint",
    "index_body",
    "read_cross_index",
    "read_index",
    "write_cross_index",
    "write_index",
]

log = logging.getLogger(__name__)
FORMAT = 4
_TIERS = {tier.value: tier for tier in Tier}
_KINDS = {kind.value: kind for kind in Kind}


def cache_dir() -> Path:
    """Where the cache lives (see the module docstring)."""
    configured = os.environ.get("GAZETTEER_CACHE_DIR")
    if configured:
        return Path(configured)
    if sys.platform == "win32":  # pragma: no cover - not tested on this platform
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "gazetteer"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "gazetteer" if xdg else Path.home() / ".cache" / "gazetteer"


def fingerprint(parts: Iterable[bytes]) -> str:
    """A short hash of several byte strings (their boundaries count)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:32]


# Aliases are stored as one string per entity (fields joined by _FIELD,
# aliases by _RECORD): JSON parses one long string far faster than thousands
# of small lists. Alias texts never hold control characters (records.py
# refuses them), so the separators cannot occur inside a field.
_FIELD, _RECORD = "\x1f", "\x1e"


def _entity_to_json(entity: Entity) -> list[Any]:
    return [
        entity.id,
        entity.kind.value,
        entity.name,
        _RECORD.join(_FIELD.join((a.text, a.lang, a.tier.value, a.key)) for a in entity.aliases),
        dict(entity.codes),
        entity.country,
        entity.parent,
        list(entity.deny),
        entity.population,
        entity.capital,
    ]


def _entity_from_json(row: Sequence[Any]) -> Entity:
    entity_id, kind, name, aliases, codes, country, parent, deny, population, capital = row
    tiers = _TIERS
    fields = (record.split(_FIELD) for record in aliases.split(_RECORD)) if aliases else ()
    return Entity(
        id=entity_id,
        kind=_KINDS[kind],
        name=name,
        aliases=tuple(Alias(text, lang, tiers[tier], key) for text, lang, tier, key in fields),
        codes=dict(codes),
        country=country,
        parent=parent,
        deny=tuple(deny),
        population=population,
        capital=bool(capital),
    )


class LazyEntities(Sequence[Entity]):
    """The entities of a cached index, each built the first time it is asked for.

    Building all of them takes longer than the rest of a load; a lookup
    needs only the few it matches. Safe across threads: two threads that
    build the same entity build equal ones, and either may be kept.
    """

    def __init__(self, rows: Sequence[Sequence[Any]]) -> None:
        # Rows as tuples of strings, numbers and tuples of them (the codes as
        # pairs): the garbage collector stops tracking such tuples, where it
        # would walk tens of thousands of lists at every full collection.
        self._rows = [
            (*row[:4], tuple(dict(row[4]).items()), *row[5:7], tuple(row[7]), *row[8:])
            for row in rows
        ]
        self._built: list[Entity | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, position: int) -> Entity: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Entity]: ...
    def __getitem__(self, position: int | slice) -> Entity | Sequence[Entity]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        entity = self._built[position]
        if entity is None:
            entity = self._built[position] = _entity_from_json(self._rows[position])
        return entity

    def alias_fields(self, position: int) -> list[tuple[str, str]]:
        """The (text, language) of each alias of an entity, without building it
        (a built one is read directly)."""
        built = self._built[position]
        if built is not None:
            return [(a.text, a.lang) for a in built.aliases]
        blob: str = self._rows[position][3]
        return [tuple(r.split(_FIELD)[:2]) for r in blob.split(_RECORD)] if blob else []  # type: ignore[misc]

    def __reduce__(self) -> tuple[type[LazyEntities], tuple[list[tuple[Any, ...]]]]:
        return (LazyEntities, (self._rows,))


def _path(name: str, key: str, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"{name}-{key}.json"


def _read(name: str, key: str, folder: Path | None = None) -> dict[str, Any]:
    """The body stored under ``name`` and ``key`` (raises if absent, of another
    format or key, or if its contents do not match their checksum)."""
    head, _, body = _path(name, key, folder).read_bytes().partition(b"\n")
    header = json.loads(head)
    if header["format"] != FORMAT or header["key"] != key:
        raise ValueError("format or key differs")
    if hashlib.sha256(body).hexdigest() != header["sha256"]:
        raise ValueError("the contents do not match their checksum")
    payload: dict[str, Any] = json.loads(body)
    return payload


def _unusable(name: str, key: str, exc: Exception, folder: Path | None = None) -> None:
    log.warning(
        "ignoring unusable cache file %s (%s); rebuilding it", _path(name, key, folder), exc
    )


def read_index(name: str, key: str, folder: Path | None = None) -> Index | None:
    """The index cached under ``name`` and ``key`` (in ``folder``, by default
    the cache folder), or None when there is no usable one."""
    try:
        payload = _read(name, key, folder)
        rows = payload["entities"]
        entities = LazyEntities(rows)
        positions = {row[0]: position for position, row in enumerate(rows)}
        postings = Packed(payload["postings"])
        if len(positions) != len(rows):
            raise ValueError("an entity id repeats")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _unusable(name, key, exc, folder)
        return None
    return Index(entities, positions, postings)


def index_body(index: Index) -> dict[str, Any]:
    """An index as the JSON the cache stores (without format and key)."""
    return {
        "entities": [_entity_to_json(e) for e in index.entities],
        "postings": dict(index.postings.raw),
    }


def write_index(name: str, key: str, index: Index, folder: Path | None = None) -> None:
    """Store an index under ``name`` and ``key``; failures are logged, not raised."""
    _write(name, key, index_body(index), folder)


def read_cross_index(name: str, key: str) -> CrossIndex | None:
    """The cross-script index cached under ``name`` and ``key``, or None."""
    try:
        payload = _read(name, key)
        forms = tuple(payload["forms"])
        cross = CrossIndex(
            latin=Packed(payload["latin"]),
            skeleton=Packed(payload["skeleton"]),
            forms=forms,
            grams=Packed(payload["grams"]),
        )
        if len(forms) != len(cross.latin.raw) or set(forms) != set(cross.latin.raw):
            raise ValueError("the Latin forms differ from the form list")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _unusable(name, key, exc)
        return None
    return cross


def write_cross_index(name: str, key: str, cross: CrossIndex) -> None:
    """Store a cross-script index; failures are logged, not raised."""
    body = {
        "latin": dict(cross.latin.raw),
        "skeleton": dict(cross.skeleton.raw),
        "forms": list(cross.forms),
        "grams": dict(cross.grams.raw),
    }
    _write(name, key, body)


def _write(name: str, key: str, body: dict[str, Any], folder: Path | None = None) -> None:
    path = _path(name, key, folder)
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"format": FORMAT, "key": key, "sha256": hashlib.sha256(data).hexdigest()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{name}-*.json"):
            stale.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            tmp.write(json.dumps(header).encode("utf-8") + b"\n" + data)
        os.replace(tmp.name, path)
    except OSError as exc:
        log.warning("cannot write the cache in %s (%s); loading will stay slow", path.parent, exc)
