"""The bundled index compiled into the wheel (hatch_build.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gazetteer
from gazetteer import cache
from gazetteer._tables import encode_columns
from gazetteer.loader import compile_bundled, compiled_dir


def _artefact() -> Path:
    folder = compiled_dir()
    found = sorted(folder.glob("bundled-*.json")) if folder.is_dir() else []
    if not found:
        pytest.skip("gazetteer is not installed from a wheel: there is no compiled index")
    assert len(found) == 1, f"several compiled indexes: {found}"
    return found[0]


def test_the_compiled_index_equals_what_the_sources_compile_to() -> None:
    # A hand-edited or stale compiled index fails here.
    artefact = _artefact()
    index, key = compile_bundled()
    head, _, body = artefact.read_bytes().partition(b"\n")
    assert artefact.name == f"bundled-{key}.json", "compiled from other sources than these"
    assert json.loads(head)["key"] == key and json.loads(head)["format"] == cache.FORMAT
    assert body == encode_columns(cache.index_columns(index))


def test_a_load_reads_the_compiled_index_and_writes_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _artefact()
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(tmp_path))
    g = gazetteer.load()
    assert g.resolve("Тръмп").entity is not None
    assert not list(tmp_path.glob("bundled-*.json"))
