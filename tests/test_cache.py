from __future__ import annotations

import logging
from pathlib import Path

import pytest

import gazetteer
from gazetteer import cache, loader


@pytest.fixture(autouse=True)
def no_compiled_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests are about the user's cache: keep the index compiled into
    # the wheel (tests/test_compiled.py) out of the way.
    monkeypatch.setattr(loader, "compiled_dir", lambda: tmp_path / "no-compiled-index")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("bundled-*.json"))


def test_cache_is_written_once_and_reused(cache_dir: Path) -> None:
    first = gazetteer.load()
    files = _files(cache_dir)
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    second = gazetteer.load()
    assert files[0].stat().st_mtime_ns == stamp
    assert second.resolve("Тръмп") == first.resolve("Тръмп")
    assert [e.id for e in second.entities] == [e.id for e in first.entities]
    assert second["country:kz"].aliases == first["country:kz"].aliases


@pytest.mark.parametrize(
    "damage",
    [b"{not json", b'{"format": 2, "key": "other", "entities": [], "postings": {}}'],
)
def test_a_damaged_cache_is_rebuilt_not_trusted(
    cache_dir: Path, damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    gazetteer.load()
    [path] = _files(cache_dir)
    path.write_bytes(damage)
    with caplog.at_level(logging.WARNING, logger="gazetteer.cache"):
        g = gazetteer.load()
    assert g.resolve("Тръмп").entity is not None
    assert "ignoring unusable cache file" in caplog.text
    assert path.read_bytes() != damage


def test_a_posting_out_of_range_is_caught(cache_dir: Path) -> None:
    gazetteer.load()
    [path] = _files(cache_dir)
    text = path.read_text("utf-8")
    key = path.stem.split("-", 1)[1]
    bad = text.replace('"postings":{', '"postings":{"zzz-injected":"999999999",', 1)
    assert bad != text
    path.write_text(bad, "utf-8")
    assert cache.read_index("bundled", key) is None  # the checksum no longer matches


def test_an_unwritable_cache_folder_only_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(blocker / "cache"))
    with caplog.at_level(logging.WARNING, logger="gazetteer.cache"):
        g = gazetteer.load()
    assert g.resolve("Баку").entity is not None
    assert "cannot write the cache" in caplog.text


def test_without_cache(cache_dir: Path) -> None:
    g = gazetteer.load(cache=False)
    assert g.resolve("Киргизия").entity is not None
    assert _files(cache_dir) == []


def test_the_cross_script_index_is_cached_and_checked(
    cache_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = gazetteer.load()
    expected = first.resolve("Mirzijojew")
    [path] = sorted(cache_dir.glob("cross-*.json"))
    again = gazetteer.load()
    assert again.resolve("Mirzijojew") == expected  # read back from the file
    text = path.read_text("utf-8")
    bad = text.replace('"grams":{', '"grams":{"zzz":"99999999",', 1)
    assert bad != text
    path.write_text(bad, "utf-8")
    with caplog.at_level(logging.WARNING, logger="gazetteer.cache"):
        third = gazetteer.load()
        assert third.resolve("Mirzijojew") == expected
    assert "ignoring unusable cache file" in caplog.text
