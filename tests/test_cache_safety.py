"""The cache at its edges: any text round-trips, nothing read is trusted, the
folder stays tidy and bounded (``gazetteer.cache``)."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import pickle
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer import cache
from gazetteer._tables import decode_columns, encode_columns, numbers
from gazetteer.crossindex import build_cross_index
from gazetteer.index import Index, compile_index
from gazetteer.model import Alias, Entity, Kind, Tier

T = TypeVar("T")
NAME = "bundled"
KEY = "0123456789abcdef" * 2
POSIX = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")


def _index(extra: int = 0) -> Index:
    entities = [
        Entity(
            id="city:baku",
            kind=Kind.CITY,
            name="Baku",
            aliases=(Alias("Baku", "en"), Alias("Баку", "ru"), Alias("Bakı", "az", Tier.WEAK)),
            codes={"geonames": "587084"},
            country="country:az",
            population=2_300_000,
            capital=True,
        ),
        Entity(
            id="person:donald-trump",
            kind=Kind.PERSON,
            name="Donald Trump",
            aliases=(Alias("Donald Trump", "en"), Alias("Трамп", "ru", Tier.WEAK)),
            deny=("trump card",),
        ),
        *(
            Entity(
                id=f"other:{n}", kind=Kind.OTHER, name=f"Other {n}", aliases=(Alias(f"O{n}", "en"),)
            )
            for n in range(extra)
        ),
    ]
    return compile_index(entities)


def _fields(entity: Entity) -> tuple[object, ...]:
    return (
        entity.id,
        entity.kind,
        entity.name,
        entity.aliases,
        dict(entity.codes),
        entity.country,
        entity.parent,
        entity.deny,
        entity.population,
        entity.capital,
    )


def _path(folder: Path, key: str = KEY, name: str = NAME) -> Path:
    return folder / f"{name}-{key}.json"


def _forge(path: Path, body: Any, key: str = KEY) -> None:
    """Write a file the way the cache does, checksum and all, with ``body``:
    an index's columns as :func:`_body` gives them, bytes taken as they are
    (as a file of columns), or other JSON (a file of JSON, which no writer
    makes)."""
    layout: dict[str, str] = {"layout": "columns"}
    if isinstance(body, bytes):
        data = body
    elif "entity.rows" in body:
        columns = {**body, "entity.rows": [json.dumps(body["entity.rows"], ensure_ascii=False)]}
        data = encode_columns(columns)
    else:
        data, layout = json.dumps(body, ensure_ascii=False).encode(), {}
    header = {"format": cache.FORMAT, "key": key, **layout}
    header["sha256"] = hashlib.sha256(data).hexdigest()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(header).encode() + b"\n" + data)
    path.chmod(0o600)


def _body() -> dict[str, Any]:
    """The stored columns of the test index, the entities' rows as plain
    JSON values."""
    body: dict[str, Any] = dict(cache.index_columns(_index()))
    body["entity.rows"] = json.loads(body["entity.rows"][0])
    return body


def _promptly(call: Callable[[], T], seconds: float = 10.0) -> T:
    """``call()``, failing (not hanging) if it does not return within ``seconds``."""
    done: list[T] = []
    thread = threading.Thread(target=lambda: done.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return done[0]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache folder."""
    made = tmp_path / "cache"
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(made))
    return made


@pytest.fixture
def warnings(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.WARNING, logger="gazetteer.cache")
    return caplog


# -- any text round-trips ---------------------------------------------------

# Text of every kind, and text made mostly of the characters the rows use.
TEXT = st.text() | st.text(alphabet="\x1e\x1f\x1d01 a")
ENTITIES = st.builds(
    Entity,
    id=TEXT,
    kind=st.sampled_from(Kind),
    name=TEXT,
    aliases=st.lists(st.builds(Alias, TEXT, TEXT, st.sampled_from(Tier), TEXT), max_size=4).map(
        tuple
    ),
    codes=st.dictionaries(TEXT, TEXT, max_size=3),
    country=st.none() | TEXT,
    parent=st.none() | TEXT,
    deny=st.lists(TEXT, max_size=2).map(tuple),
    population=st.none() | st.integers(min_value=0, max_value=10**12),
    capital=st.booleans(),
)


@given(ENTITIES)
def test_any_text_round_trips_through_the_columns(entity: Entity) -> None:
    stored = encode_columns(cache.index_columns(compile_index([entity])))
    lazy = cache.index_from_columns(decode_columns(stored)).entities
    assert lazy.alias_fields(0) == [(a.text, a.lang) for a in entity.aliases]  # type: ignore[attr-defined]
    assert _fields(lazy[0]) == _fields(entity)
    assert _fields(pickle.loads(pickle.dumps(lazy))[0]) == _fields(entity)


def test_separators_in_names_survive_the_file(folder: Path) -> None:
    # A name with the record separator crashed every later load; an alias
    # with the field separator came back as other aliases.
    entities = [
        Entity(
            id="city:a", kind=Kind.CITY, name="A\x1eB", aliases=(Alias("x\x1fy\x1e", "e\x1en"),)
        ),
        Entity(
            id="city:b", kind=Kind.CITY, name="\ud800 lone", aliases=(Alias("\x1e0\x1e1", "en"),)
        ),
    ]
    cache.write_index(NAME, KEY, compile_index(entities))
    for _ in range(2):
        found = cache.read_index(NAME, KEY)
        assert found is not None
        assert [_fields(e) for e in found.entities] == [_fields(e) for e in entities]


# -- nothing read is trusted --------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_at_the_cache_path_does_not_hang(
    folder: Path, warnings: pytest.LogCaptureFixture
) -> None:
    folder.mkdir()
    os.mkfifo(_path(folder))
    assert _promptly(lambda: cache.read_index(NAME, KEY)) is None
    assert "not a regular file" in warnings.text
    cache.write_index(NAME, KEY, _index())  # replaces it
    assert cache.read_index(NAME, KEY) is not None


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_links_are_not_followed(folder: Path, warnings: pytest.LogCaptureFixture) -> None:
    folder.mkdir()
    _path(folder).symlink_to("/dev/zero")
    assert _promptly(lambda: cache.read_index(NAME, KEY)) is None
    # nor to a good file elsewhere
    elsewhere = folder.parent / "elsewhere"
    cache.write_index(NAME, KEY, _index(), elsewhere)
    _path(folder).unlink()
    _path(folder).symlink_to(_path(elsewhere))
    assert cache.read_index(NAME, KEY) is None
    assert warnings.text.count("ignoring unusable cache file") == 2
    cache.write_index(NAME, KEY, _index())  # replaces the link, not its target
    assert not _path(folder).is_symlink() and cache.read_index(NAME, KEY) is not None


def test_a_file_larger_than_the_bound_is_not_read(
    folder: Path, warnings: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.write_index(NAME, KEY, _index())
    monkeypatch.setattr(cache, "MAX_BYTES", _path(folder).stat().st_size - 1)
    assert cache.read_index(NAME, KEY) is None
    assert "larger than" in warnings.text


@pytest.mark.parametrize("where", ["body", "header"])
def test_deep_nesting_is_refused(
    folder: Path, warnings: pytest.LogCaptureFixture, where: str
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    if where == "body":  # the entities' rows, the one JSON of the columns
        columns = {**cache.index_columns(_index()), "entity.rows": [deep]}
        _forge(_path(folder), encode_columns(columns))
    else:
        _path(folder).parent.mkdir()
        _path(folder).write_bytes(deep.encode() + b"\n{}")
        _path(folder).chmod(0o600)
    assert cache.read_index(NAME, KEY) is None
    # (a header is read from the first kilobyte only: too short to nest deeply)
    assert ("nested too deeply" if where == "body" else "of another format") in warnings.text


def _set(body: dict[str, Any], row: int, field: int, value: object) -> None:
    body["entity.rows"][row][field] = value


def _column(body: dict[str, Any], name: str, value: object) -> None:
    body[name] = value


# Each damages a well-formed body, whose checksum is then recomputed: every
# one used to load and fail at the first lookup, or later. (A row is id,
# kind, name, codes, country, parent, deny, population, capital.)
DAMAGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown kind": lambda b: _set(b, 0, 1, "planet"),
    "id not text": lambda b: _set(b, 0, 0, 7),
    "name not text": lambda b: _set(b, 0, 2, None),
    "rows not JSON": lambda b: _column(b, "entity.rows", "{not json"),
    "aliases not text": lambda b: _column(b, "alias.text", numbers([1, 2, 3, 4, 5])),
    "an extra alias text": lambda b: _column(b, "alias.text", [*b["alias.text"], "z"]),
    "a missing alias": lambda b: _column(b, "alias.tier", [b["alias.tier"][0] + "0"]),
    "unknown tier": lambda b: _column(b, "alias.tier", ["09" + b["alias.tier"][0][2:]]),
    "tiers not one string": lambda b: _column(b, "alias.tier", ["0", "1"]),
    "aliases out of order": lambda b: _column(b, "entity.aliases", numbers([0, 6, 5])),
    "aliases past the last": lambda b: _column(b, "entity.aliases", numbers([0, 3, 6])),
    "codes not a mapping": lambda b: _set(b, 0, 3, [["geonames", "1"]]),
    "a code not text": lambda b: _set(b, 0, 3, {"geonames": 587084}),
    "country not text": lambda b: _set(b, 0, 4, ["country:az"]),
    "deny not a list": lambda b: _set(b, 1, 6, "trump card"),
    "deny not text": lambda b: _set(b, 1, 6, [None]),
    "population not a number": lambda b: _set(b, 0, 7, "2300000"),
    "population a float": lambda b: _set(b, 0, 7, 2.3e6),
    "negative population": lambda b: _set(b, 0, 7, -1),
    "capital not a boolean": lambda b: _set(b, 0, 8, "yes"),
    "a short row": lambda b: b["entity.rows"][0].pop(),
    "a row not a list": lambda b: b["entity.rows"].__setitem__(0, {"id": "city:baku"}),
    "entities not a list": lambda b: _column(b, "entity.rows", {"city:baku": []}),
    "a repeated id": lambda b: _set(b, 1, 0, "city:baku"),
    "a posting past the aliases": lambda b: b["postings.aliases"].__setitem__(0, 5),
    "postings not numbers": lambda b: _column(b, "postings.aliases", ["0"]),
    "postings that do not span": lambda b: b["postings.starts"].__setitem__(-1, 99),
    "more keys than postings": lambda b: _column(b, "postings.keys", [*b["postings.keys"], "z"]),
    "another field": lambda b: _column(b, "more.field", ["1"]),
    "a missing field": lambda b: b.pop("postings.starts"),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_malformed_rows_are_refused_at_load(
    folder: Path, warnings: pytest.LogCaptureFixture, damage: Callable[[dict[str, Any]], None]
) -> None:
    body = _body()
    _forge(_path(folder), body)
    assert cache.read_index(NAME, KEY) is not None  # the undamaged body loads
    damage(body)
    _forge(_path(folder), body)
    assert cache.read_index(NAME, KEY) is None
    assert "ignoring unusable cache file" in warnings.text


def test_a_forged_order_of_the_keys_only_hides_keys(folder: Path) -> None:
    # Checking the order of 100,000 keys would cost more than the rest of
    # the opening: an order past the keys or out of order hides keys from
    # the binary search, and never fails a lookup.
    from gazetteer.resolver import Gazetteer

    size = len(_body()["postings.keys"])
    for order in ([99] * size, list(reversed(range(size))), [0] * size):
        body = _body()
        body["postings.order"] = numbers(order)
        _forge(_path(folder), body)
        found = cache.read_index(NAME, KEY)
        assert found is not None
        g = Gazetteer(found)
        for query in ("Baku", "Баку", "Трамп", "Donald Trump", "nowhere"):
            g.resolve(query)
            g.candidates(query)


def test_a_malformed_cross_index_is_refused(
    folder: Path, warnings: pytest.LogCaptureFixture
) -> None:
    good = dict(cache.cross_index_columns(build_cross_index(_index())))
    _forge(_path(folder, name="cross"), encode_columns(good))
    assert cache.read_cross_index("cross", KEY) is not None
    damaged: list[bytes] = [
        json.dumps({"forms": ["baku"]}).encode(),  # JSON, not columns
        encode_columns({**good, "latin.numbers": ["0"]}),  # numbers that are text
        encode_columns({**good, "grams.starts": numbers([0, 10**6])}),  # runs past the numbers
        encode_columns({k: v for k, v in good.items() if k != "skeleton.keys"}),  # a column missing
    ]
    for data in damaged:
        _forge(_path(folder, name="cross"), data)
        assert cache.read_cross_index("cross", KEY) is None
    assert warnings.text.count("ignoring unusable cache file") == len(damaged)


@POSIX
def test_a_file_of_another_user_or_writable_by_others_is_not_trusted(
    folder: Path, warnings: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The forged file makes "Baku" a name of Donald Trump, under a checksum
    # that matches: only its owner or its mode can tell.
    body = _body()
    baku = body["postings.keys"].index("baku")
    body["postings.aliases"][body["postings.starts"][baku]] = 3  # Trump's first alias
    path = _path(folder)
    _forge(path, body)
    found = cache.read_index(NAME, KEY)
    assert (
        found is not None and found.entities[found.postings["baku"][0] >> 16].name == "Donald Trump"
    )
    path.chmod(0o666)
    assert cache.read_index(NAME, KEY) is None
    assert "writable by other users" in warnings.text
    path.chmod(0o600)
    owner = path.stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    assert cache.read_index(NAME, KEY) is None
    assert "owned by another user" in warnings.text
    monkeypatch.undo()
    cache.write_index(NAME, KEY, _index())  # rebuilt: the user's own, mode 0600
    assert path.stat().st_mode & 0o777 == 0o600
    rebuilt = cache.read_index(NAME, KEY)
    assert (
        rebuilt is not None and rebuilt.entities[rebuilt.postings["baku"][0] >> 16].name == "Baku"
    )


@POSIX
def test_the_compiled_index_may_be_the_package_owners(
    tmp_path: Path, warnings: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wheel's compiled index is as trusted as the package's code: owned by
    # whoever installed it, as writable as the code is.
    shipped = tmp_path / "compiled"
    cache.write_index(NAME, KEY, _index(), shipped)
    _path(shipped).chmod(0o664)
    code = tmp_path / "cache.py"
    code.write_text("")
    code.chmod(0o664)
    monkeypatch.setattr(cache, "__file__", str(code))
    monkeypatch.setattr(os, "getuid", lambda: code.stat().st_uid + 1)
    assert cache.read_index(NAME, KEY, shipped) is not None
    code.chmod(0o644)
    assert cache.read_index(NAME, KEY, shipped) is None
    assert "writable by other users" in warnings.text


# -- housekeeping ---------------------------------------------------------------


def _leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.tmp"))


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left"), KeyboardInterrupt()])
def test_a_failed_write_leaves_no_temporary_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(os, "replace", fail)
    if isinstance(error, OSError):
        cache.write_index(NAME, KEY, _index())  # logged
    else:
        with pytest.raises(KeyboardInterrupt):
            cache.write_index(NAME, KEY, _index())
    assert _leftovers(folder) == []
    assert not _path(folder).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="no file-size limit")
def test_a_write_over_the_file_size_limit_leaves_no_temporary_file(
    folder: Path, warnings: pytest.LogCaptureFixture
) -> None:
    import resource

    index = _index(extra=400)
    folder.mkdir()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, hard))
    try:
        cache.write_index(NAME, KEY, index)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert "cannot write the cache" in warnings.text
    assert _leftovers(folder) == [] and not _path(folder).exists()


def test_old_temporary_files_are_swept(folder: Path) -> None:
    folder.mkdir()
    hour_ago = time.time() - 3700
    killed = folder / f"{NAME}-{'f' * 32}.json.abcd_123.tmp"  # a write killed an hour ago
    legacy = folder / "tmpk3j4h5g6.tmp"  # from a version before format 5
    writing = folder / f"cross-{KEY}.json.zzzz9999.tmp"  # another process, writing now
    unrelated = folder / "notes.tmp"
    for path in (killed, legacy, writing, unrelated):
        path.write_text("partial")
    for path in (killed, legacy, unrelated):
        os.utime(path, (hour_ago, hour_ago))
    cache.write_index(NAME, KEY, _index())
    assert _leftovers(folder) == sorted([writing, unrelated])


@pytest.mark.parametrize("full", [False, True])
def test_a_folder_at_the_cache_path_is_cleared_once(
    folder: Path, warnings: pytest.LogCaptureFixture, full: bool
) -> None:
    path = _path(folder)
    path.mkdir(parents=True)
    if full:
        (path / "keep.txt").write_text("someone's")
    assert cache.read_index(NAME, KEY) is None
    cache.write_index(NAME, KEY, _index())
    assert cache.read_index(NAME, KEY) is not None
    moved = sorted(folder.glob(f"{path.name}.*.moved"))
    if full:
        assert [(p / "keep.txt").read_text() for p in moved] == ["someone's"]
        assert "moved the folder" in warnings.text
    else:
        assert moved == [] and "removed the empty folder" in warnings.text
    warnings.clear()
    assert cache.read_index(NAME, KEY) is not None
    cache.write_index(NAME, KEY, _index())
    assert warnings.text == ""


def _age(path: Path, seconds: float) -> None:
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def test_the_most_recently_used_sets_are_kept(folder: Path) -> None:
    keys = [f"{n:032x}" for n in range(cache.KEEP + 2)]
    for age, key in enumerate(keys):
        cache.write_index(NAME, key, _index())
        _age(_path(folder, key), 10_000 - age)  # each older than the next
    kept = sorted(p.name for p in folder.glob(f"{NAME}-*.json"))
    assert kept == sorted(_path(folder, k).name for k in keys[-cache.KEEP :])
    # A read marks a file used (when it was not marked within the hour), so
    # that two sets read in turn never evict each other.
    oldest = keys[-cache.KEEP]
    assert cache.read_index(NAME, oldest) is not None
    cache.write_index(NAME, "f" * 32, _index())
    assert _path(folder, oldest).exists()
    assert not _path(folder, keys[-cache.KEEP + 1]).exists()
    assert len(list(folder.glob(f"{NAME}-*.json"))) == cache.KEEP


def test_sets_of_other_names_are_not_evicted(folder: Path) -> None:
    cache.write_index(NAME, KEY, _index())
    for n in range(cache.KEEP + 1):
        cache.write_index(f"{NAME}.user", f"{n:032x}", _index())
    assert _path(folder).exists()
    assert len(list(folder.glob(f"{NAME}.user-*.json"))) == cache.KEEP


def test_written_files_are_private(folder: Path) -> None:
    cache.write_index(NAME, KEY, _index())
    if hasattr(os, "getuid"):
        assert _path(folder).stat().st_mode & 0o777 == 0o600
    assert cache.read_index(NAME, KEY) is not None


def test_the_folder_is_the_platforms_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GAZETTEER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/caches")
    if sys.platform.startswith("linux"):
        assert cache.cache_dir() == Path("/somewhere/caches/gazetteer")
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", "/elsewhere")
    assert cache.cache_dir() == Path("/elsewhere")


def test_the_word_index_round_trips_and_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gazetteer.wordindex import build_word_index

    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(tmp_path))
    index = compile_index(
        [Entity("city:baku", Kind.CITY, "Baku", (Alias("Баку", "ru"), Alias("Bakı şəhəri", "az")))]
    )
    words = build_word_index(index)
    cache.write_word_index("words", "k", words)
    again = cache.read_word_index("words", "k")
    assert again == words and again is not None and again.vocabulary == words.vocabulary
    # a forged entry (a word's shape that is not one) makes the file unusable
    path = next(tmp_path.glob("words-k.json"))
    head, _, _ = path.read_bytes().partition(b"\n")
    columns = {**cache.word_index_columns(words)}
    columns["entry.shapes"] = ["x"] * len(columns["entry.shapes"])
    data = encode_columns(columns)
    header = json.loads(head)
    header["sha256"] = hashlib.sha256(data).hexdigest()
    path.write_bytes(json.dumps(header).encode() + b"\n" + data)
    assert cache.read_word_index("words", "k") is None
