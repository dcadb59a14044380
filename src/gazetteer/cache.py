"""A cache of the compiled bundled index (and of its cross-script index), so
that a start does not re-read pycountry.

Reading pycountry's catalogues, normalising 100,000 names and filing them
takes seconds; the result depends only on the installed pycountry, the
bundled alias files and this package's own code, so it is stored once as
JSON (data only: nothing in it can run code) in the user's cache folder,
under a name made from a hash of all of those. A file is one line of
header (format, key, layout, and the SHA-256 of the body) and the body: JSON,
or for the cross-script index columns of text (:mod:`gazetteer._tables`),
which open without reading every entry, so that a process that resolves a
few names does not read 17 MB. The index's postings are kept packed (one
string of numbers per key, decoded when looked up): JSON reads one string
far faster than a list of numbers.

Nothing read is trusted. A file is read only if it is a regular file (not a
link, a pipe or a device), at most :data:`MAX_BYTES` long, owned by the
current user and writable by no one else (the index compiled into the
package may also belong to whoever installed the package's code); its
header must match, its body its checksum, and every field of every row its
type and shape; every posting of the index must point to an alias of one of
its entities. A file that fails any of that is logged, ignored and
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

import contextlib
import hashlib
import json
import logging
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, count
from pathlib import Path
from typing import Any, overload

import platformdirs

from gazetteer._tables import Strings, Table, decode_columns, encode_columns
from gazetteer.crossindex import CrossIndex
from gazetteer.index import _SHIFT, Index, Packed
from gazetteer.model import Alias, Entity, Kind, Tier
from gazetteer.wordindex import WordIndex

__all__ = [
    "KEEP",
    "MAX_BYTES",
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
FORMAT = 5
# The layout of a file whose body is columns (gazetteer._tables), named in its
# header; a header without one holds JSON.
_COLUMNS = "columns"
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
    return Path(platformdirs.user_cache_dir("gazetteer", appauthor=False))


def fingerprint(parts: Iterable[bytes]) -> str:
    """A short hash of several byte strings (their boundaries count)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:32]


# An entity is stored as a row of 11 fields. Its aliases take two strings
# (JSON parses one long string far faster than thousands of small lists):
# their texts, languages and keys, three fields an alias joined by _SEP, and
# their tiers, one character an alias. Inside a field _ESC and _SEP are
# escaped (as _ESC + "0" and _ESC + "1"), so that every text round-trips.
_SEP, _ESC = "\x1f", "\x1e"
_ESCAPED_ESC, _ESCAPED_SEP = _ESC + "0", _ESC + "1"
_TIER_CHARS = {tier: str(number) for number, tier in enumerate(Tier)}
_TIERS = {char: tier for tier, char in _TIER_CHARS.items()}
_ROW = 11


def _escape(text: str) -> str:
    return text.replace(_ESC, _ESCAPED_ESC).replace(_SEP, _ESCAPED_SEP)


def _alias_fields(blob: str) -> list[str]:
    """The fields of an entity's aliases: text, language, key, text, ..."""
    if not blob:
        return []
    fields = blob.split(_SEP)
    if _ESC in blob:
        fields = [f.replace(_ESCAPED_SEP, _SEP).replace(_ESCAPED_ESC, _ESC) for f in fields]
    return fields


def _entity_to_json(entity: Entity) -> list[Any]:
    aliases = entity.aliases
    return [
        entity.id,
        entity.kind.value,
        entity.name,
        _SEP.join(_escape(field) for a in aliases for field in (a.text, a.lang, a.key)),
        "".join(_TIER_CHARS[a.tier] for a in aliases),
        dict(entity.codes),
        entity.country,
        entity.parent,
        list(entity.deny),
        entity.population,
        entity.capital,
    ]


def _entity_from_json(row: Sequence[Any]) -> Entity:
    """The entity of a row (checked by :func:`_columns`; the codes may be
    pairs, the deny list a tuple)."""
    entity_id, kind, name, blob, tiers, codes, country, parent, deny, population, capital = row
    fields = iter(_alias_fields(blob))
    triples = zip(fields, fields, fields, strict=True)
    return Entity(
        id=entity_id,
        kind=_KINDS[kind],
        name=name,
        aliases=tuple(
            Alias(text, lang, _TIERS[tier], key)
            for (text, lang, key), tier in zip(triples, tiers, strict=True)
        ),
        codes=dict(codes),
        country=country,
        parent=parent,
        deny=tuple(deny),
        population=population,
        capital=bool(capital),
    )


def _only(values: Iterable[object], *types: type) -> bool:
    return set(map(type, values)) <= set(types)


def _columns(rows: object) -> tuple[tuple[Any, ...], ...]:
    """Entity rows as columns, each field checked (ValueError names the
    first kind of field found malformed).

    The checks run column by column, mostly at C speed: the bundled data's
    5,500 rows and 115,000 aliases take about 10 ms.
    """
    if not isinstance(rows, list | tuple) or not _only(rows, list, tuple):
        raise ValueError("the entities are not a list of rows")
    if not set(map(len, rows)) <= {_ROW}:
        raise ValueError(f"an entity row has not {_ROW} fields")
    columns = tuple(zip(*rows, strict=True)) if rows else ((),) * _ROW
    ids, kinds, names, blobs, tiers, codes, countries, parents, denies, populations, capitals = (
        columns
    )
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
        (lambda: _only(blobs, str) and _only(tiers, str), "aliases are not text"),
        (lambda: not "".join(tiers).strip("".join(_TIERS)), "an unknown tier"),
        (lambda: _whole_aliases(blobs, tiers), "an alias lacks or has extra fields"),
        (lambda: _escapes_ok(_SEP.join(blobs)), "a malformed escape in an alias"),
    ]
    for check, problem in checks:
        if not check():
            raise ValueError(f"malformed entity rows: {problem}")
    return (
        *columns[:5],
        tuple(map(tuple, map(dict.items, codes))),
        countries,
        parents,
        tuple(map(tuple, denies)),
        populations,
        capitals,
    )


def _whole_aliases(blobs: Sequence[str], tiers: Sequence[str]) -> bool:
    """Whether every entity's aliases have three fields each, one per tier."""
    return all(
        (blob.count(_SEP) + 1 if blob else 0) == 3 * len(chars)
        for blob, chars in zip(blobs, tiers, strict=True)
    )


def _escapes_ok(text: str) -> bool:
    """Whether every _ESC in ``text`` starts an escape."""
    if _ESC not in text:  # the usual case, found at once
        return True
    return text.count(_ESC) == text.count(_ESCAPED_ESC) + text.count(_ESCAPED_SEP)


class LazyEntities(Sequence[Entity]):
    """The entities of a cached index, each built the first time it is asked for.

    Building all of them takes longer than the rest of a load; a lookup
    needs only the few it matches. The rows are checked when they are
    given (ValueError), so that building one cannot fail. Safe across
    threads: two threads that build the same entity build equal ones, and
    either may be kept.
    """

    def __init__(self, rows: Sequence[Sequence[Any]]) -> None:
        # Kept as columns of strings, numbers and tuples of them (the codes
        # as pairs): the garbage collector stops tracking such tuples, where
        # it would walk tens of thousands of lists at every full collection.
        self._columns = _columns(rows)
        self._built: list[Entity | None] = [None] * len(self._columns[0])

    def __len__(self) -> int:
        return len(self._built)

    @property
    def ids(self) -> tuple[str, ...]:
        """The entities' ids, in order (without building them)."""
        found: tuple[str, ...] = self._columns[0]
        return found

    @overload
    def __getitem__(self, position: int) -> Entity: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Entity]: ...
    def __getitem__(self, position: int | slice) -> Entity | Sequence[Entity]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        entity = self._built[position]
        if entity is None:
            row = [column[position] for column in self._columns]
            entity = self._built[position] = _entity_from_json(row)
        return entity

    def alias_fields(self, position: int) -> list[tuple[str, str]]:
        """The (text, language) of each alias of an entity, without building it
        (a built one is read directly)."""
        built = self._built[position]
        if built is not None:
            return [(a.text, a.lang) for a in built.aliases]
        fields = _alias_fields(self._columns[3][position])
        return list(zip(fields[0::3], fields[1::3], strict=True))

    def __reduce__(self) -> tuple[Callable[..., LazyEntities], tuple[Any, ...]]:
        return (_lazy_entities, (self._columns,))


def _lazy_entities(columns: tuple[tuple[Any, ...], ...]) -> LazyEntities:
    """Lazy entities from the columns of another (unpickling)."""
    lazy = LazyEntities.__new__(LazyEntities)
    lazy._columns = columns
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


def _read(name: str, key: str, folder: Path | None = None) -> dict[str, Any]:
    """The JSON body stored under ``name`` and ``key`` (raises as
    :func:`_read_body` does, or if the body is not a JSON object)."""
    layout, body = _read_body(name, key, folder)
    if layout is not None:
        raise ValueError(f"of another layout ({layout})")
    return _json_object(body)


def _json_object(body: memoryview) -> dict[str, Any]:
    payload = _json(str(body, "utf-8"))
    if not isinstance(payload, dict):
        raise ValueError("the contents are not a JSON object")
    return payload


def _read_body(name: str, key: str, folder: Path | None = None) -> tuple[str | None, memoryview]:
    """The layout (None: JSON) and body stored under ``name`` and ``key``
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
    if layout not in (None, _COLUMNS):
        raise ValueError(f"of an unknown layout ({layout!r})")
    return layout, body


def _fields(payload: dict[str, Any], *names: str) -> list[Any]:
    if set(payload) != set(names):
        raise ValueError(f"the contents are not {', '.join(names)}")
    return [payload[name] for name in names]


def _packed(raw: object, what: str, within: Iterable[int] | None = None) -> Packed:
    """``raw`` as packed numbers, checked: text → ASCII digits and spaces,
    and, given ``within`` (every valid number), each one of them."""
    if not isinstance(raw, dict):
        raise ValueError(f"the {what} are not a mapping")
    try:
        joined = " ".join(raw.values())
    except TypeError:
        raise ValueError(f"the {what} are not text") from None
    if not joined.isascii() or joined.encode("ascii").translate(None, b"0123456789 "):
        raise ValueError(f"the {what} are not lists of numbers")
    if within is not None and not set(within).issuperset(map(int, joined.split())):
        raise ValueError(f"the {what} point past the entities or their aliases")
    return Packed(raw)


def _postings(entities: LazyEntities) -> Iterable[int]:
    """Every posting an index of ``entities`` may hold: each alias of each
    entity (see :func:`gazetteer.index.unpack`)."""
    tiers = entities._columns[4]  # one character an alias
    return chain.from_iterable(
        range(position << _SHIFT, (position << _SHIFT) + len(chars))
        for position, chars in enumerate(tiers)
    )


def _unusable(name: str, key: str, exc: Exception, folder: Path | None = None) -> None:
    log.warning(
        "ignoring unusable cache file %s (%s); rebuilding it", _path(name, key, folder), exc
    )


def read_index(name: str, key: str, folder: Path | None = None) -> Index | None:
    """The index cached under ``name`` and ``key`` (in ``folder``, by default
    the cache folder; a ``folder`` is the package's compiled index, trusted
    as the package's code is), or None when there is no usable one."""
    try:
        rows, raw = _fields(_read(name, key, folder), "entities", "postings")
        entities = LazyEntities(rows)
        positions = dict(zip(entities.ids, count(), strict=False))
        if len(positions) != len(entities):
            raise ValueError("an entity id repeats")
        # checked against the entities (about 10 ms for the bundled data), so
        # that no lookup meets a posting past them
        postings = _packed(raw, "postings", _postings(entities))
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
    """The cross-script index cached under ``name`` and ``key``, or None.

    Stored as columns (:mod:`gazetteer._tables`), it opens without reading
    every form: a process that resolves a few names reads a few of them.
    """
    try:
        layout, body = _read_body(name, key)
        cross = _cross_from_json(_json_object(body)) if layout is None else _cross_columns(body)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _unusable(name, key, exc)
        return None
    return cross


def _cross_from_json(payload: dict[str, Any]) -> CrossIndex:
    """A cross-script index stored as JSON (as before the columns)."""
    latin, skeleton, forms, grams = _fields(payload, "latin", "skeleton", "forms", "grams")
    if not isinstance(forms, list):
        raise ValueError("the forms are not a list")
    cross = CrossIndex(
        latin=_packed(latin, "Latin forms"),
        skeleton=_packed(skeleton, "skeletons"),
        forms=tuple(forms),
        grams=_packed(grams, "trigrams"),
    )
    # (so the forms are text: the keys of a JSON object are)
    if len(forms) != len(cross.latin.raw) or set(forms) != set(cross.latin.raw):
        raise ValueError("the Latin forms differ from the form list")
    return cross


def _numbers(column: Strings, what: str) -> Strings:
    """``column``, checked: ASCII digits and spaces only."""
    text = column._text
    if not text.isascii() or text.encode("ascii").translate(None, b"0123456789 "):
        raise ValueError(f"the {what} are not lists of numbers")
    return column


def _cross_columns(body: memoryview) -> CrossIndex:
    columns = decode_columns(body)
    expected = {
        f"{part}.{column}"
        for part in ("latin", "skeleton", "grams")
        for column in ("keys", "values", "order")
    }
    if set(columns) != expected:
        raise ValueError("the contents are not the cross-script columns")

    def strings(name: str) -> Strings:
        found = columns[name]
        if not isinstance(found, Strings):
            raise ValueError(f"{name} is not text")
        return found

    def table(keys: Strings, values: str, what: str) -> Table:
        found, order = _numbers(strings(values), what), columns[values.replace("values", "order")]
        if isinstance(order, Strings) or not len(keys) == len(found) == len(order):
            raise ValueError(f"the {what} do not match their keys")
        if len(order) and max(order) >= len(order):
            raise ValueError(f"the {what} are out of order")
        return Table(keys, found, order)

    forms = strings("latin.keys")  # the forms, in the order the trigrams number them
    latin = table(forms, "latin.values", "Latin forms")
    cross = CrossIndex(
        latin=Packed(latin),
        skeleton=Packed(table(strings("skeleton.keys"), "skeleton.values", "skeletons")),
        forms=forms,
        grams=Packed(table(strings("grams.keys"), "grams.values", "trigrams")),
    )
    return cross


def _order(keys: Sequence[str]) -> list[int]:
    return sorted(range(len(keys)), key=keys.__getitem__)


def write_cross_index(name: str, key: str, cross: CrossIndex) -> None:
    """Store a cross-script index (as columns); failures are logged, not raised."""
    forms = list(cross.forms)
    columns: dict[str, Sequence[str] | Sequence[int]] = {
        "latin.keys": forms,
        "latin.values": [cross.latin.raw[form] for form in forms],
        "latin.order": _order(forms),
    }
    for part, packed in (("skeleton", cross.skeleton), ("grams", cross.grams)):
        keys = list(packed.raw)
        columns[f"{part}.keys"] = keys
        columns[f"{part}.values"] = list(packed.raw.values())
        columns[f"{part}.order"] = _order(keys)
    _write_data(name, key, encode_columns(columns), layout=_COLUMNS)


_ENTRIES = re.compile(r"\d+,[AC-]*(?:;\d+,[AC-]*)*")


def read_word_index(name: str, key: str) -> WordIndex | None:
    """The word index cached under ``name`` and ``key``, or None."""
    try:
        names, longest, chains, anchors, vocabulary, longest_word = _fields(
            _read(name, key), "names", "longest", "chains", "anchors", "vocabulary", "longest_word"
        )
        if not (
            isinstance(names, dict)
            and _only(names.values(), str)
            and all(_ENTRIES.fullmatch(value) for value in names.values())
        ):
            raise ValueError("the names are malformed")
        if not (isinstance(longest, dict) and _only(longest.values(), int)):
            raise ValueError("the name lengths are malformed")
        if not (isinstance(chains, list) and _only(chains, str)):
            raise ValueError("the chains are malformed")
        if not (isinstance(vocabulary, list) and _only(vocabulary, str)):
            raise ValueError("the vocabulary is malformed")
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
            chains=dict.fromkeys(chains),
            anchors={word: frozenset(leads) for word, leads in anchors.items()},
            vocabulary=dict.fromkeys(vocabulary),
            longest_word=longest_word,
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _unusable(name, key, exc)
        return None


def write_word_index(name: str, key: str, words: WordIndex) -> None:
    """Store a word index; failures are logged, not raised."""
    body = {
        "names": words.names,
        "longest": words.longest,
        "chains": list(words.chains),
        "anchors": {word: sorted(leads) for word, leads in words.anchors.items()},
        "vocabulary": list(words.vocabulary),
        "longest_word": words.longest_word,
    }
    _write(name, key, body)


def _serialise(body: dict[str, Any]) -> bytes:
    try:
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: as a \u escape, which reads back the same
        return json.dumps(body, separators=(",", ":")).encode("ascii")


def _write(name: str, key: str, body: dict[str, Any], folder: Path | None = None) -> None:
    _write_data(name, key, _serialise(body), folder)


def _write_data(
    name: str, key: str, data: bytes, folder: Path | None = None, layout: str | None = None
) -> None:
    path = _path(name, key, folder)
    header: dict[str, Any] = {"format": FORMAT, "key": key}
    if layout is not None:
        header["layout"] = layout
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
        log.warning("cannot write the cache in %s (%s); loading will stay slow", path.parent, exc)
    finally:
        if tmp is not None:  # the write failed, or was interrupted
            with contextlib.suppress(OSError):
                os.unlink(tmp)


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
