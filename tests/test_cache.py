"""The cache of the bundled index, on the fixture world (see ``small_bundle``)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import pytest

import gazetteer
from gazetteer import Method, cache, loader

from .conftest import WORLD


def _files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("bundled-*.json"))


def test_cache_is_written_once_and_reused(small_bundle: Path) -> None:
    first = gazetteer.load()
    files = _files(small_bundle)
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    second = gazetteer.load()
    assert files[0].stat().st_mtime_ns == stamp
    resolved = second.resolve("Тръмп")
    assert resolved.entity is not None and resolved.entity.id == "person:donald-trump"
    assert resolved == first.resolve("Тръмп")
    assert [e.id for e in second.entities] == [e.id for e in first.entities]
    assert len(second) == len(first) > 20
    assert "Казахстан" in second["country:kz"].names["ru"]
    assert second["country:kz"].aliases == first["country:kz"].aliases


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b'{"format": 2, "key": "other", "entities": [], "postings": {}}'],
)
def test_a_damaged_cache_is_rebuilt_not_trusted(
    small_bundle: Path, damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    gazetteer.load()
    [path] = _files(small_bundle)
    path.write_bytes(damage)
    with caplog.at_level(logging.WARNING, logger="gazetteer.cache"):
        g = gazetteer.load()
    assert g.resolve("Тръмп").entity is not None
    assert "ignoring unusable cache file" in caplog.text
    assert path.read_bytes() != damage


def test_a_body_that_does_not_match_its_checksum_is_refused(small_bundle: Path) -> None:
    gazetteer.load()
    [path] = _files(small_bundle)
    name, key = path.stem.split("-", 1)
    assert cache.read_index(name, key) is not None
    data = path.read_bytes()
    at = data.index(b"\n") + 100  # a byte of the body
    bad = data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]
    path.write_bytes(bad)
    assert cache.read_index(name, key) is None


def test_an_unwritable_cache_folder_only_logs(
    small_bundle: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(blocker / "cache"))
    with caplog.at_level(logging.WARNING, logger="gazetteer.cache"):
        g = gazetteer.load()
    found = g.resolve("Баку").entity
    assert found is not None and found.id == "city:baku"
    assert "cannot write the cache" in caplog.text


def test_without_cache(small_bundle: Path) -> None:
    g = gazetteer.load(cache=False)
    found = g.resolve("Киргизия").entity
    assert found is not None and found.id == "country:kg"
    assert g.resolve("Mirzijojew").entity is not None  # the cross-script index too
    assert list(small_bundle.glob("*")) == []


def test_the_cross_script_index_is_cached_and_checked(
    small_bundle: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = gazetteer.load()
    expected = first.resolve("Mirzijojew")
    # found through the cross-script index (a phonetic skeleton)
    assert expected.match is not None and expected.match.method is Method.PHONETIC
    assert expected.match.entity.id == "person:shavkat-mirziyoyev"
    [path] = sorted(small_bundle.glob("cross-*.json"))

    def never(*args: object) -> None:
        raise AssertionError("the cross-script index was built again, not read back")

    with monkeypatch.context() as patched:
        patched.setattr("gazetteer.matching.build_cross_index", never)
        again = gazetteer.load()
        assert again.resolve("Mirzijojew") == expected  # read back from the file
    data = path.read_bytes()
    bad = data.replace(b'"grams":{', b'"grams":{"zzz":[9,9,9],', 1)
    assert bad != data
    path.write_bytes(bad)
    with caplog.at_level(logging.WARNING, logger="gazetteer.cache"):
        third = gazetteer.load()
        assert third.resolve("Mirzijojew") == expected
    assert "ignoring unusable cache file" in caplog.text
    assert path.read_bytes() != bad  # rebuilt and written again


def test_the_bundled_key_is_remembered_under_a_stamp(
    small_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A load reads none of the bundled sources to find its key, once it has
    # been made; a changed file makes another stamp, and the key is made again.
    world = tmp_path / "world"
    shutil.copytree(WORLD, world)
    monkeypatch.setattr(loader, "bundled_alias_dir", lambda: world)
    first = gazetteer.load()
    assert len(list(small_bundle.glob("stamp-*.json"))) == 1
    made: list[str] = []
    fingerprint = loader._fingerprint

    def counted(*args: Any) -> str:
        made.append("made")
        return fingerprint(*args)

    monkeypatch.setattr(loader, "_fingerprint", counted)
    assert gazetteer.load().resolve("Тръмп") == first.resolve("Тръмп")
    assert made == []
    [path] = sorted(world.rglob("*.yaml"))[:1]
    path.write_text(path.read_text("utf-8") + "\n# changed\n", "utf-8")
    gazetteer.load()
    assert made == ["made"]
    assert len(list(small_bundle.glob("stamp-*.json"))) == 2
