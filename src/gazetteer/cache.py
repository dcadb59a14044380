"""A cache of the compiled bundled index (and of its cross-script index), so
that a start does not re-read pycountry.

Reading pycountry's catalogues, normalising 100,000 names and filing them
takes seconds; the result depends only on the installed pycountry, the
bundled alias files and this package's own code, so it is stored once in
the user's cache folder, under a name made from a hash of all of those. A file is one line of
header (format, key, layout, and the SHA-256 of the body) and the body:
columns (:mod:`gazetteer._tables`: data only, nothing in them can run code),
which open without reading every entry, so that a process that resolves a
few names does not read 40 MB: the index, the word index and the
cross-script index each read only the strings a lookup asks for.

Nothing read is trusted. A file is read only if it is a regular file (not a
link, a pipe or a device), at most :data:`MAX_BYTES` long, owned by the
current user and writable by no one else (the index compiled into the
package may also belong to whoever installed the package's code); its
header must match, its body its checksum, its columns their sizes, and
every field of every entity its type and shape; every posting of the index
must point to an alias of one of its entities. (A string of a column is
decoded when it is read; bytes that are not UTF-8, which only a forged file
has, read as U+FFFD.) A file that fails any of that is logged, ignored and
rebuilt; a folder that cannot be written is logged and skipped.

Files are written with mode 0600, through a temporary file that is removed
when the write fails (one left by a killed process is removed by a later
write, after an hour); a folder in the way of a file is moved aside. The
:data:`KEEP` most recently used sets of each name are kept (two sets of
user files used in turn do not evict each other), older ones deleted.

The folder is ``$GAZETTEER_CACHE_DIR`` if set, else the platform's cache
folder (``platformdirs``): ``$XDG_CACHE_HOME/gazetteer`` or
``~/.cache/gazetteer`` on Linux, ``~/Library/Caches/gazetteer`` on macOS,
``%LOCALAPPDATA%\\gazetteer\\Cache`` on Windows.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import logging
import operator
import os
import re
import stat
import tempfile
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, count, islice
from pathlib import Path
from typing import Any, TypeVar, cast, overload

from gazetteer._tables import (
    Groups,
    Nothing,
    Numbers,
    Strings,
    decode_columns,
    encode_columns,
    numbers,
    sorted_order,
)
from gazetteer._tables import (
    table as make_table,
)
from gazetteer.crossindex import CrossIndex
from gazetteer.index import _MASK, _SHIFT, Index, Packed
from gazetteer.model import Alias, Entity, Kind, Tier
from gazetteer.wordindex import _ENTRY, _FIELD, WordIndex

__all__ = [
    "KEEP",
    "MAX_BYTES",
    "LazyEntities",
    "cache_dir",
    "cross_index_columns",
    "fingerprint",
    "index_columns",
    "index_from_columns",
    "read_cross_index",
    "read_index",
    "read_note",
    "read_word_index",
    "word_index_columns",
    "word_index_from_columns",
    "write_cross_index",
    "write_index",
    "write_note",
    "write_word_index",
]

log = logging.getLogger(__name__)
FORMAT = 7
# The layout of a file whose body is columns (gazetteer._tables), named in its header.
_COLUMNS = "columns"
# The layout of a note: a short ASCII text (the bundled index's key).
_NOTE = "note"
_NOTE_TEXT = re.compile(rb"[0-9a-f]{32}")
# The largest file, the cities pack's cross-script index, is 53 MB: ten times that.
MAX_BYTES = 512 * 1024 * 1024
KEEP = 4  # sets kept of each name (bundled, bundled.user, cross, ...)
# A temporary file older than this is left over from a failed write; a file
# read is marked used (its time of change set to now) at most this often.
_HOUR = 3600.0
_KINDS = {kind.value: kind for kind in Kind}
_OPEN = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a symbolic link is refused
    | getattr(os, "O_NONBLOCK", 0)  # opening a pipe does not wait for a writer
    | getattr(os, "O_BINARY", 0)
)
# What a write leaves when it fails: "<name>-<key>.json.<random>.tmp", or
# "tmp<random>.tmp" from the versions before format 5.
_LEFTOVER = re.compile(r"(?:.+\.json\.|tmp)[a-z0-9_]{8}\.tmp")


def cache_dir() -> Path:
    """Where the cache lives (see the module docstring)."""
    configured = os.environ.get("GAZETTEER_CACHE_DIR")
    if configured:
        return Path(configured)
    # the platform's own place: $XDG_CACHE_HOME or ~/.cache on Linux,
    # ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows
    import platformdirs

    return Path(platformdirs.user_cache_dir("gazetteer", appauthor=False))


def fingerprint(parts: Iterable[bytes]) -> str:
    """A short hash of several byte strings (their boundaries count)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:32]


# An index is stored as columns (gazetteer._tables): the entities' fields
# but their aliases as one JSON list of rows (a few thousand short rows,
# checked at once), their aliases as columns of strings (the alias of number
# n, counted over every entity, at row n; each entity's first in
# "entity.aliases"), and the postings of each key as alias numbers. Only the
# rows are read when the index opens; a string of the other columns is read
# when a lookup asks for it.
_ROW = 9
_TIER_CHARS = {tier: str(number) for number, tier in enumerate(Tier)}
_TIERS = {char: tier for tier, char in _TIER_CHARS.items()}
_INDEX_COLUMNS = (
    "entity.rows",
    "entity.aliases",
    "alias.text",
    "alias.lang",
    "alias.key",
    "alias.tier",
    "postings.keys",
    "postings.order",
    "postings.starts",
    "postings.aliases",
)


def _entity_row(entity: Entity) -> list[Any]:
    return [
        entity.id,
        entity.kind.value,
        entity.name,
        dict(entity.codes),
        entity.country,
        entity.parent,
        list(entity.deny),
        entity.population,
        entity.capital,
    ]


def _only(values: Iterable[object], *types: type) -> bool:
    return set(map(type, values)) <= set(types)


def _columns(rows: object) -> tuple[tuple[Any, ...], ...]:
    """Entity rows as columns, each field checked (ValueError names the
    first kind of field found malformed); the codes as pairs, the deny
    lists as tuples.

    The checks run column by column, mostly at C speed: the bundled data's
    5,500 rows take a few milliseconds.
    """
    if not isinstance(rows, list | tuple) or not _only(rows, list, tuple):
        raise ValueError("the entities are not a list of rows")
    if not set(map(len, rows)) <= {_ROW}:
        raise ValueError(f"an entity row has not {_ROW} fields")
    columns = tuple(zip(*rows, strict=True)) if rows else ((),) * _ROW
    ids, kinds, names, codes, countries, parents, denies, populations, capitals = columns
    none = type(None)
    checks: list[tuple[Callable[[], bool], str]] = [
        (lambda: _only(ids, str) and _only(names, str), "an id or name is not text"),
        (lambda: _only(kinds, str) and set(kinds) <= _KINDS.keys(), "an unknown kind"),
        (lambda: _only(countries, str, none) and _only(parents, str, none), "a bad link"),
        (lambda: _only(codes, dict), "codes are not a mapping"),
        (lambda: _only(chain.from_iterable(map(dict.values, codes)), str), "a code is not text"),
        (lambda: _only(denies, list) and _only(chain.from_iterable(denies), str), "a bad deny"),
        (lambda: _only(populations, int, none), "a population is not a number"),
        (lambda: all(p >= 0 for p in populations if p is not None), "a population < 0"),
        (lambda: _only(capitals, bool), "capital is not true or false"),
    ]
    for check, problem in checks:
        if not check():
            raise ValueError(f"malformed entity rows: {problem}")
    return (
        *columns[:3],
        tuple(map(tuple, map(dict.items, codes))),
        countries,
        parents,
        tuple(map(tuple, denies)),
        populations,
        capitals,
    )


class LazyEntities(Sequence[Entity]):
    """The entities of a cached index, each built the first time it is asked for.

    Building all of them takes longer than the rest of a load; a lookup
    needs only the few it matches. The columns are checked when they are
    given (ValueError), so that building one cannot fail. Safe across
    threads: two threads that build the same entity build equal ones, and
    either may be kept.
    """

    def __init__(
        self,
        rows: Sequence[Sequence[Any]],
        starts: Sequence[int],
        aliases: tuple[Sequence[str], Sequence[str], Sequence[str], str],
    ) -> None:
        # The rows kept as columns of strings, numbers and tuples of them (the
        # codes as pairs): the garbage collector stops tracking such tuples,
        # where it would walk tens of thousands of lists at every full
        # collection. ``starts``: each entity's first alias (and the number of
        # aliases last); ``aliases``: their texts, languages, keys and tiers.
        self._columns = _columns(rows)
        texts, langs, keys, tiers = aliases
        total = len(tiers)
        if not (len(starts) == len(self._columns[0]) + 1 and starts[0] == 0):
            raise ValueError("the aliases do not match the entities")
        if not (starts[-1] == total == len(texts) == len(langs) == len(keys)):
            raise ValueError("the alias columns differ in length")
        if not all(map(operator.le, starts, islice(starts, 1, None))):
            raise ValueError("the entities' aliases are out of order")
        if max(map(operator.sub, islice(starts, 1, None), starts), default=0) > _MASK:
            raise ValueError("an entity has too many aliases")
        if tiers.strip("".join(_TIERS)):
            raise ValueError("an unknown tier")
        self._starts = starts
        self._aliases = aliases
        self._built: list[Entity | None] = [None] * len(self._columns[0])

    def __len__(self) -> int:
        return len(self._built)

    @property
    def ids(self) -> tuple[str, ...]:
        """The entities' ids, in order (without building them)."""
        found: tuple[str, ...] = self._columns[0]
        return found

    @property
    def alias_starts(self) -> Sequence[int]:
        """Each entity's first alias, counted over every entity (and the
        number of aliases last)."""
        return self._starts

    @overload
    def __getitem__(self, position: int) -> Entity: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Entity]: ...
    def __getitem__(self, position: int | slice) -> Entity | Sequence[Entity]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        entity = self._built[position]
        if entity is None:
            entity = self._built[position] = self._build(position)
        return entity

    def _build(self, position: int, aliases: tuple[Alias, ...] | None = None) -> Entity:
        entity_id, kind, name, codes, country, parent, deny, population, capital = (
            column[position] for column in self._columns
        )
        if aliases is None:
            texts, langs, keys, tiers = self._aliases
            numbers = range(self._starts[position], self._starts[position + 1])
            aliases = tuple(Alias(texts[n], langs[n], _TIERS[tiers[n]], keys[n]) for n in numbers)
        return Entity(
            id=entity_id,
            kind=_KINDS[kind],
            name=name,
            aliases=aliases,
            codes=dict(codes),
            country=country,
            parent=parent,
            deny=deny,
            population=population,
            capital=capital,
        )

    def __iter__(self) -> Iterator[Entity]:
        """Every entity, in order: those not built yet are built at once, from
        the alias columns read whole (a pass over all of them, such as a load
        with the user's files merging over these, builds them all)."""
        built = self._built
        if None in built:
            texts, langs, keys, tiers = (
                column.whole() if isinstance(column, Strings) else column
                for column in self._aliases
            )
            starts = self._starts
            for position, entity in enumerate(built):
                if entity is None:
                    start, end = starts[position], starts[position + 1]
                    aliases = tuple(
                        map(
                            Alias,
                            texts[start:end],
                            langs[start:end],
                            map(_TIERS.__getitem__, tiers[start:end]),
                            keys[start:end],
                        )
                    )
                    built[position] = self._build(position, aliases)
        return iter(cast("list[Entity]", built))

    def alias_fields(self, position: int) -> list[tuple[str, str]]:
        """The (text, language) of each alias of an entity, without building it
        (a built one is read directly)."""
        built = self._built[position]
        if built is not None:
            return [(a.text, a.lang) for a in built.aliases]
        texts, langs, _, _ = self._aliases
        return [
            (texts[n], langs[n]) for n in range(self._starts[position], self._starts[position + 1])
        ]

    def __reduce__(self) -> tuple[Callable[..., LazyEntities], tuple[Any, ...]]:
        texts, langs, keys, tiers = self._aliases
        aliases = (tuple(texts), tuple(langs), tuple(keys), tiers)
        return (_lazy_entities, (self._columns, tuple(self._starts), aliases))


def _lazy_entities(
    columns: tuple[tuple[Any, ...], ...],
    starts: Sequence[int],
    aliases: tuple[Sequence[str], Sequence[str], Sequence[str], str],
) -> LazyEntities:
    """Lazy entities from the columns of another (unpickling)."""
    lazy = LazyEntities.__new__(LazyEntities)
    lazy._columns = columns
    lazy._starts = starts
    lazy._aliases = aliases
    lazy._built = [None] * len(columns[0])
    return lazy


def _path(name: str, key: str, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"{name}-{key}.json"


def _refuse_untrusted(info: os.stat_result, shipped: bool) -> None:
    """Raise ValueError unless a file is regular, of bounded size, the
    current user's and writable by no one else. A file ``shipped`` in the
    package may also be the package code's owner's, and as writable as
    that code."""
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file")
    if info.st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES} bytes")
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - no owners nor modes to check on Windows
        return
    owners, writable = {getuid()}, 0
    if shipped:
        code = os.stat(__file__)
        owners.add(code.st_uid)
        writable = code.st_mode & 0o022
    if info.st_uid not in owners:
        raise ValueError(f"owned by another user (uid {info.st_uid})")
    if info.st_mode & 0o022 & ~writable:
        raise ValueError(f"writable by other users (mode {stat.filemode(info.st_mode)})")


def _json(text: bytes | str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _read_body(name: str, key: str, folder: Path | None = None) -> tuple[str, memoryview]:
    """The layout and body stored under ``name`` and ``key``
    (raises if absent, not a file to trust, of another format or key, or if
    its contents do not match their checksum). ``folder``: the package's
    compiled index, not the user's cache (which the read marks used)."""
    path = _path(name, key, folder)
    if not stat.S_ISREG(os.lstat(path).st_mode):  # not even opened: a link, pipe, device...
        raise ValueError("not a regular file")
    fd = os.open(path, _OPEN)  # and checked again, once open (it may have been replaced)
    try:
        info = os.fstat(fd)
        _refuse_untrusted(info, shipped=folder is not None)
        chunks, left = [], info.st_size + 1
        while left > 0 and (chunk := os.read(fd, left)):
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) != info.st_size:
            raise ValueError("the file changed while it was read")
        newline = data.find(b"\n", 0, 1024)  # a header is some 120 bytes
        header = _json(data[:newline]) if newline >= 0 else None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError("of another format")
        if header.get("key") != key:
            raise ValueError("of another key")
        body = memoryview(data)[newline + 1 :]
        if hashlib.sha256(body).hexdigest() != header.get("sha256"):
            raise ValueError("the contents do not match their checksum")
        if folder is None and time.time() - info.st_mtime > _HOUR:
            with contextlib.suppress(OSError):  # marked used, for eviction (see _tidy)
                os.utime(fd if os.utime in os.supports_fd else path)
    finally:
        os.close(fd)
    layout = header.get("layout")
    if layout not in (_COLUMNS, _NOTE):
        raise ValueError(f"of an unknown layout ({layout!r})")
    return str(layout), body


def _decoded(body: memoryview) -> dict[str, Strings | array[int]]:
    """The columns of a body read by :func:`_read_body` (a view of the end of
    the file's bytes, which the columns keep rather than copy)."""
    whole = body.obj
    if not isinstance(whole, bytes):  # pragma: no cover - _read_body reads bytes
        return decode_columns(body)
    return decode_columns(whole, len(whole) - body.nbytes)


def _unusable(name: str, key: str, exc: Exception, folder: Path | None = None) -> None:
    log.warning(
        "ignoring unusable cache file %s (%s); rebuilding it", _path(name, key, folder), exc
    )


_READ_ERRORS = (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError)


def read_index(name: str, key: str, folder: Path | None = None) -> Index | None:
    """The index cached under ``name`` and ``key`` (in ``folder``, by default
    the cache folder; a ``folder`` is the package's compiled index, trusted
    as the package's code is), or None when there is no usable one."""
    return _read_columns(name, key, lambda body: index_from_columns(_decoded(body)), folder)


_Made = TypeVar("_Made")


def _read_columns(
    name: str, key: str, make: Callable[[memoryview], _Made], folder: Path | None = None
) -> _Made | None:
    """What ``make`` makes of the columns cached under ``name`` and ``key``,
    or None when there are none; an unusable file is logged and ignored."""
    try:
        layout, body = _read_body(name, key, folder)
        if layout != _COLUMNS:
            raise ValueError(f"of another layout ({layout})")
        return make(body)
    except FileNotFoundError:
        return None
    except _READ_ERRORS as exc:
        _unusable(name, key, exc, folder)
        return None


class _Columns:
    """Decoded columns, fetched by name and kind (ValueError if absent or of
    the other kind)."""

    def __init__(self, columns: dict[str, Strings | array[int]], names: Iterable[str]) -> None:
        if set(columns) != set(names):
            raise ValueError("the contents are not the expected columns")
        self._columns = columns

    def strings(self, name: str) -> Strings:
        found = self._columns[name]
        if not isinstance(found, Strings):
            raise ValueError(f"{name} is not text")
        return found

    def numbers(self, name: str) -> array[int]:
        found = self._columns[name]
        if isinstance(found, Strings):
            raise ValueError(f"{name} are not numbers")
        return found

    def one(self, name: str) -> str:
        """The only string of a column (checked as UTF-8)."""
        found = self.strings(name).whole(strict=True)
        if len(found) != 1:
            raise ValueError(f"{name} is not one string")
        return found[0]


def index_from_columns(decoded: dict[str, Strings | array[int]]) -> Index:
    """The index of columns read from a file (:func:`index_columns`), checked
    (ValueError): every field of every entity, the aliases' columns against
    the entities, every posting an alias of an entity."""
    columns = _Columns(decoded, _INDEX_COLUMNS)
    starts = columns.numbers("entity.aliases")
    aliases = (
        columns.strings("alias.text"),
        columns.strings("alias.lang"),
        columns.strings("alias.key"),
        columns.one("alias.tier"),
    )
    entities = LazyEntities(_json(columns.one("entity.rows")), starts, aliases)
    positions = dict(zip(entities.ids, count(), strict=False))
    if len(positions) != len(entities):
        raise ValueError("an entity id repeats")
    flat = columns.numbers("postings.aliases")
    if flat and max(flat) >= starts[-1]:
        raise ValueError("the postings point past the entities or their aliases")
    runs = Groups.checked(columns.numbers("postings.starts"), len(flat), "postings")
    first = starts.tolist()

    def postings(start: int, end: int) -> str:
        found = []
        for number in flat[start:end]:
            entity = bisect.bisect_right(first, number) - 1
            found.append(str(entity << _SHIFT | (number - first[entity])))
        return " ".join(found)

    keys = columns.strings("postings.keys")
    table = make_table(keys, Groups(runs, postings), columns.numbers("postings.order"), "postings")
    return Index(entities, positions, Packed(table))


def index_columns(index: Index) -> dict[str, Sequence[str] | array[int]]:
    """An index as the columns the cache stores (see :func:`index_from_columns`)."""
    rows, texts, langs, keys, tiers = [], [], [], [], []
    starts = [0]
    for entity in index.entities:
        rows.append(_entity_row(entity))
        for alias in entity.aliases:
            texts.append(alias.text)
            langs.append(alias.lang)
            keys.append(alias.key)
            tiers.append(_TIER_CHARS[alias.tier])
        starts.append(len(texts))
    names = list(index.postings)
    raw = index.postings.raw  # each key's postings as text (Packed), read without a tuple
    flat, runs = numbers(), [0]
    for name in names:
        flat.extend(
            [
                starts[posting >> _SHIFT] + (posting & _MASK)
                for posting in map(int, raw[name].split())
            ]
        )
        runs.append(len(flat))
    return {
        "entity.rows": [json.dumps(rows, ensure_ascii=False, separators=(",", ":"))],
        "entity.aliases": numbers(starts),
        "alias.text": texts,
        "alias.lang": langs,
        "alias.key": keys,
        "alias.tier": ["".join(tiers)],
        "postings.keys": names,
        "postings.order": sorted_order(names),
        "postings.starts": numbers(runs),
        "postings.aliases": flat,
    }


def write_index(name: str, key: str, index: Index, folder: Path | None = None) -> None:
    """Store an index under ``name`` and ``key``; failures are logged, not raised."""
    _write_columns(name, key, lambda: index_columns(index), folder)


def read_cross_index(name: str, key: str) -> CrossIndex | None:
    """The cross-script index cached under ``name`` and ``key``, or None.

    Stored as columns (:mod:`gazetteer._tables`), it opens without reading
    every form: a process that resolves a few names reads a few of them.
    """
    return _read_columns(name, key, _cross_columns)


# The cross-script index's columns: its Latin forms in the order the
# trigrams number them (and their sorted order), the skeletons, trigrams and
# written skeletons sorted; each key's numbers (postings, or numbers of
# forms) as runs of one column of numbers.
_CROSS_COLUMNS = (
    "latin.keys",
    "latin.order",
    "latin.starts",
    "latin.numbers",
    "skeleton.keys",
    "skeleton.starts",
    "skeleton.numbers",
    "grams.keys",
    "grams.starts",
    "grams.numbers",
    "written.keys",
    "written.starts",
    "written.numbers",
)


def _cross_columns(body: memoryview) -> CrossIndex:
    columns = _Columns(_decoded(body), _CROSS_COLUMNS)

    def table(part: str, order: array[int] | None, what: str) -> Packed:
        flat = columns.numbers(f"{part}.numbers")
        starts = Groups.checked(columns.numbers(f"{part}.starts"), len(flat), what)

        def joined(start: int, end: int) -> str:
            return " ".join(map(str, flat[start:end]))

        keys = columns.strings(f"{part}.keys")
        return Packed(make_table(keys, Groups(starts, joined), order, what))

    return CrossIndex(
        latin=table("latin", columns.numbers("latin.order"), "Latin forms"),
        skeleton=table("skeleton", None, "skeletons"),
        # the forms, in the order the trigrams number them
        forms=columns.strings("latin.keys"),
        grams=table("grams", None, "trigrams"),
        written=table("written", None, "written skeletons"),
    )


def cross_index_columns(cross: CrossIndex) -> dict[str, Sequence[str] | array[int]]:
    """A cross-script index as the columns the cache stores."""
    forms = list(cross.forms)
    columns: dict[str, Sequence[str] | array[int]] = {
        "latin.keys": forms,
        "latin.order": sorted_order(forms),
    }
    for part, packed, keys in (
        ("latin", cross.latin, forms),
        ("skeleton", cross.skeleton, _sorted(cross.skeleton)),
        ("grams", cross.grams, _sorted(cross.grams)),
        ("written", cross.written, _sorted(cross.written)),
    ):
        flat, starts = numbers(), [0]
        raw = packed.raw  # each key's numbers as text (Packed), read without a tuple
        for key in keys:
            flat.extend(map(int, raw[key].split()))
            starts.append(len(flat))
        if part != "latin":
            columns[f"{part}.keys"] = keys
        columns[f"{part}.starts"] = numbers(starts)
        columns[f"{part}.numbers"] = flat
    return columns


def read_note(name: str, key: str) -> str | None:
    """The note (a key: 32 hexadecimal digits) stored under ``name`` and
    ``key``, or None."""
    try:
        layout, body = _read_body(name, key)
        if layout != _NOTE or not _NOTE_TEXT.fullmatch(body):
            raise ValueError("not a note")
        return str(body, "ascii")
    except FileNotFoundError:
        return None
    except _READ_ERRORS as exc:
        _unusable(name, key, exc)
        return None


def write_note(name: str, key: str, text: str) -> None:
    """Store a note (a key); a failure is not even logged (a folder that
    cannot be written is logged when an index is written)."""
    _write_data(name, key, text.encode("ascii"), layout=_NOTE, quiet=True)


def write_cross_index(name: str, key: str, cross: CrossIndex) -> None:
    """Store a cross-script index (as columns); failures are logged, not raised."""
    _write_columns(name, key, lambda: cross_index_columns(cross))


# The word index's columns: each name key's entries (an alias, as its
# posting, and the shapes of its words), the first words' longest names, the
# runs of words that begin a name, every word, each table's keys sorted (by
# their UTF-8 bytes, which sort as the code points do); its anchors and
# longest word as JSON (a few hundred entries).
_WORD_COLUMNS = (
    "names.keys",
    "names.starts",
    "entry.posting",
    "entry.shapes",
    "longest.keys",
    "longest.values",
    "chains.keys",
    "vocabulary.keys",
    "meta.json",
)


def read_word_index(name: str, key: str) -> WordIndex | None:
    """The word index cached under ``name`` and ``key``, or None.

    Stored as columns, it opens without reading its 100,000 names: a lookup
    reads the few it asks for (the tagger, asking thousands, soon reads them
    whole)."""
    return _read_columns(name, key, lambda body: word_index_from_columns(_decoded(body)))


def word_index_from_columns(decoded: dict[str, Strings | array[int]]) -> WordIndex:
    """The word index of columns read from a file, checked (ValueError)."""
    columns = _Columns(decoded, _WORD_COLUMNS)
    postings, shapes = columns.numbers("entry.posting"), columns.strings("entry.shapes")
    if len(postings) != len(shapes) or shapes.data.translate(None, b"AC- "):
        raise ValueError("the names are malformed")
    starts = Groups.checked(columns.numbers("names.starts"), len(postings), "names")
    if not all(map(operator.lt, starts, islice(starts, 1, None))):
        raise ValueError("the names are malformed")  # a name without entries

    def entries(start: int, end: int) -> str:
        return _ENTRY.join(f"{postings[n]}{_FIELD}{shapes[n]}" for n in range(start, end))

    names = make_table(columns.strings("names.keys"), Groups(starts, entries), None, "names")
    longest = make_table(
        columns.strings("longest.keys"),
        Numbers(columns.numbers("longest.values")),
        None,
        "name lengths",
    )
    chain_keys, words = columns.strings("chains.keys"), columns.strings("vocabulary.keys")
    meta = _json(columns.one("meta.json"))
    anchors = meta.get("anchors") if isinstance(meta, dict) else None
    longest_word = meta.get("longest_word") if isinstance(meta, dict) else None
    if not (
        isinstance(anchors, dict)
        and all(isinstance(v, list) and _only(v, int) for v in anchors.values())
    ):
        raise ValueError("the anchors are malformed")
    if not isinstance(longest_word, int) or isinstance(longest_word, bool):
        raise ValueError("the longest word is malformed")
    return WordIndex(
        names=names,
        longest=longest,
        # a table of None, read as the dict the tagger's annotations name (it
        # asks only ``in`` of it)
        chains=cast("dict[str, None]", make_table(chain_keys, Nothing(len(chain_keys)), None, "")),
        anchors={word: frozenset(leads) for word, leads in anchors.items()},
        vocabulary=make_table(words, Nothing(len(words)), None, "vocabulary"),
        longest_word=longest_word,
    )


def _sorted(keys: Iterable[str]) -> list[str]:
    """``keys`` in the order a table without an order keeps them: by their
    UTF-8 bytes (lone surrogates too)."""
    return sorted(keys, key=lambda key: key.encode("utf-8", "surrogatepass"))


def word_index_columns(words: WordIndex) -> dict[str, Sequence[str] | array[int]]:
    """A word index as the columns the cache stores."""
    names = _sorted(words.names)
    postings, shapes, starts = numbers(), [], [0]
    for name in names:
        for entry in words.names[name].split(_ENTRY):
            posting, forms = entry.split(_FIELD)
            postings.append(int(posting))
            shapes.append(forms)
        starts.append(len(shapes))
    longest = _sorted(words.longest)
    meta = {
        "anchors": {word: sorted(leads) for word, leads in words.anchors.items()},
        "longest_word": words.longest_word,
    }
    return {
        "names.keys": names,
        "names.starts": numbers(starts),
        "entry.posting": postings,
        "entry.shapes": shapes,
        "longest.keys": longest,
        "longest.values": numbers([words.longest[word] for word in longest]),
        "chains.keys": _sorted(words.chains),
        "vocabulary.keys": _sorted(words.vocabulary),
        "meta.json": [json.dumps(meta, ensure_ascii=False, separators=(",", ":"))],
    }


def write_word_index(name: str, key: str, words: WordIndex) -> None:
    """Store a word index (as columns); failures are logged, not raised."""
    _write_columns(name, key, lambda: word_index_columns(words))


def _write_data(
    name: str,
    key: str,
    data: bytes,
    folder: Path | None = None,
    *,
    layout: str,
    quiet: bool = False,
) -> None:
    path = _path(name, key, folder)
    header: dict[str, Any] = {"format": FORMAT, "key": key, "layout": layout}
    header["sha256"] = hashlib.sha256(data).hexdigest()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _tidy(path.parent, name, path)
        _clear_the_way(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name}.", suffix=".tmp")
        with open(fd, "wb") as file:  # mode 0600: mkstemp's
            file.write(json.dumps(header).encode("ascii") + b"\n")
            file.write(data)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        if not quiet:
            log.warning(
                "cannot write the cache in %s (%s); loading will stay slow", path.parent, exc
            )
    finally:
        if tmp is not None:  # the write failed, or was interrupted
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _write_columns(
    name: str,
    key: str,
    columns: Callable[[], dict[str, Sequence[str] | array[int]]],
    folder: Path | None = None,
) -> None:
    try:
        data = encode_columns(columns())
    except OverflowError as exc:  # a number past 32 bits: more entities than a posting holds
        log.warning("cannot store %s in the cache (%s)", name, exc)
        return
    _write_data(name, key, data, folder, layout=_COLUMNS)


def _tidy(folder: Path, name: str, path: Path) -> None:
    """Make room for ``path``, a set named ``name``: delete all but the
    KEEP - 1 most recently used other sets of that name (by time of change:
    a read marks a file used), and every temporary file older than an hour
    (the rest of a write that was killed)."""
    getuid = getattr(os, "getuid", None)
    mine = getuid() if getuid is not None else None
    now = time.time()
    sets = []
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            if entry.name.startswith(f"{name}-") and entry.name.endswith(".json"):
                if entry.name != path.name:
                    sets.append((info.st_mtime_ns, entry.path))
            elif (
                _LEFTOVER.fullmatch(entry.name)
                and now - info.st_mtime > _HOUR
                and mine in (None, info.st_uid)
            ):
                _remove(entry.path)
    for _, old in sorted(sets, reverse=True)[KEEP - 1 :]:
        _remove(old)


def _remove(path: str | Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _clear_the_way(path: Path) -> None:
    """Remove an empty folder where ``path`` goes, or move a full one
    aside, with a warning: a file cannot replace a folder."""
    try:
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            return
    except FileNotFoundError:
        return
    try:
        path.rmdir()
        log.warning("removed the empty folder %s, where a cache file goes", path)
    except OSError:
        aside = path.with_name(f"{path.name}.{time.time_ns()}.moved")
        path.rename(aside)
        log.warning("moved the folder %s, where a cache file goes, to %s", path, aside)
