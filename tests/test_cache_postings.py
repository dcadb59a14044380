"""Postings read from the cache are checked as read; the cross-script index's
columns round-trip and are refused when malformed (``gazetteer.cache``)."""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from array import array
from pathlib import Path
from typing import Any

import pytest

from gazetteer import cache
from gazetteer._tables import Strings, Table, decode_columns, encode_columns
from gazetteer.crossindex import build_cross_index
from gazetteer.index import Index, compile_index
from gazetteer.matching import Matcher
from gazetteer.model import Alias, Entity, Kind, Tier
from gazetteer.resolver import Gazetteer

KEY = "0123456789abcdef" * 2


def _index() -> Index:
    return compile_index(
        [
            Entity(
                "city:baku",
                Kind.CITY,
                "Baku",
                (Alias("Baku", "en"), Alias("Баку", "ru"), Alias("Bakı", "az", Tier.WEAK)),
            ),
            Entity("person:donald-trump", Kind.PERSON, "Donald Trump", (Alias("Трамп", "ru"),)),
        ]
    )


def _forge(path: Path, data: bytes, layout: str | None = None) -> None:
    header: dict[str, Any] = {"format": cache.FORMAT, "key": KEY}
    if layout:
        header["layout"] = layout
    header["sha256"] = hashlib.sha256(data).hexdigest()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(header).encode() + b"\n" + data)
    path.chmod(0o600)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    made = tmp_path / "cache"
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(made))
    return made


@pytest.mark.parametrize(
    "number",
    [
        4,  # one past the last alias (Baku has three, Trump one)
        5,
        2**32 - 1,
    ],
)
def test_a_checksummed_index_with_postings_out_of_range_is_refused(
    folder: Path, caplog: pytest.LogCaptureFixture, number: int
) -> None:
    caplog.set_level(logging.WARNING, logger="gazetteer.cache")
    columns = cache.index_columns(_index())
    _forge(folder / f"bundled-{KEY}.json", encode_columns(columns), layout="columns")
    assert cache.read_index("bundled", KEY) is not None  # as written: accepted
    postings = columns["postings.aliases"]
    assert isinstance(postings, array)
    postings[1] = number  # a posting of "baku"
    _forge(folder / f"bundled-{KEY}.json", encode_columns(columns), layout="columns")
    assert cache.read_index("bundled", KEY) is None
    assert "point past the entities or their aliases" in caplog.text


def test_every_posting_of_a_good_index_is_accepted(folder: Path) -> None:
    index = _index()
    cache.write_index("bundled", KEY, index)
    again = cache.read_index("bundled", KEY)
    assert again is not None
    g = Gazetteer(again)
    assert g.resolve("Баку").entity is not None
    assert g.resolve("Трамп").expect().id == "person:donald-trump"


def test_the_cross_index_round_trips_as_columns(folder: Path) -> None:
    index = _index()
    built = build_cross_index(index)
    cache.write_cross_index("cross", KEY, built)
    read = cache.read_cross_index("cross", KEY)
    assert read is not None
    assert isinstance(read.latin.raw, Table) and isinstance(read.forms, Strings)
    assert list(read.forms) == list(built.forms)
    for part in ("latin", "skeleton", "grams"):
        made, again = getattr(built, part), getattr(read, part)
        assert dict(again.raw) == dict(made.raw)
        for key in made:  # looked up one by one, as a query does
            assert again[key] == made[key] and again.size(key) == made.size(key)
        assert again.get("no such key") is None and "no such key" not in again.raw
    # it pickles as plain values
    assert pickle.loads(pickle.dumps(read)) == built
    # and matches as the index it was read from
    fresh, cached = Matcher(index, cross=built), Matcher(index, cross=read)
    for query in ("Baku", "Baky", "Bakuu", "Tramp", "Trump"):
        key = query.lower()
        assert fresh.cross_script(key, None, wide=True) == cached.cross_script(key, None, wide=True)


def test_a_table_asked_many_questions_becomes_a_dict() -> None:
    from gazetteer import _tables

    data = _tables.encode_columns(
        {"t.k": ["b", "a", "c"], "t.v": ["2", "1", "3"], "t.o": _tables.numbers([1, 0, 2])}
    )
    columns = _tables.decode_columns(data)
    keys, values, order = columns["t.k"], columns["t.v"], columns["t.o"]
    assert isinstance(keys, Strings) and isinstance(values, Strings)
    assert not isinstance(order, Strings)
    table = Table(keys, values, order)
    for _ in range(_tables._PROMOTE + 2):
        assert table["a"] == "1" and "d" not in table and keys[2] == "c"
    assert table._dict == {"b": "2", "a": "1", "c": "3"}
    assert keys._whole == ("b", "a", "c")


def _grams_past_their_numbers(columns: dict[str, Any]) -> None:
    columns["grams.starts"][-1] += 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # cut short
        lambda data: data + b"x",  # longer than its columns
        lambda data: data.replace(b'"latin"', b'"latim"', 1),  # not the columns
        lambda data: b"no manifest",
        # runs of numbers that do not span them
        lambda data: _recoded(data, _grams_past_their_numbers),
        lambda data: _recoded(data, lambda columns: columns.pop("grams.starts")),
        # strings where numbers go
        lambda data: _recoded(data, lambda columns: columns.update({"latin.numbers": ["0"]})),
    ],
)
def test_a_malformed_cross_index_in_columns_is_refused(
    folder: Path, caplog: pytest.LogCaptureFixture, damage: Any
) -> None:
    caplog.set_level(logging.WARNING, logger="gazetteer.cache")
    cache.write_cross_index("cross", KEY, build_cross_index(_index()))
    path = folder / f"cross-{KEY}.json"
    _, _, data = path.read_bytes().partition(b"\n")
    damaged = damage(data)
    assert damaged != data
    _forge(path, damaged, layout="columns")
    assert cache.read_cross_index("cross", KEY) is None
    assert "ignoring unusable cache file" in caplog.text


def _recoded(data: bytes, change: Any) -> bytes:
    """The columns of ``data``, changed, encoded again."""
    columns: dict[str, Any] = {
        name: column if isinstance(column, array) else list(column)
        for name, column in decode_columns(data).items()
    }
    change(columns)
    return encode_columns(columns)


def test_a_file_of_an_unknown_layout_is_refused(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="gazetteer.cache")
    _forge(folder / f"cross-{KEY}.json", b"{}", layout="marisa")
    assert cache.read_cross_index("cross", KEY) is None
    _forge(folder / f"bundled-{KEY}.json", b"{}", layout="columns")
    assert cache.read_index("bundled", KEY) is None
    assert caplog.text.count("ignoring unusable cache file") == 2
