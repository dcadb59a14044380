from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Keep the tests' cache out of the user's: one fresh folder per test run.
os.environ["GAZETTEER_CACHE_DIR"] = tempfile.mkdtemp(prefix="gazetteer-test-cache-")

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile("default")

import gazetteer  # noqa: E402

DATA = Path(__file__).parent / "data"

# The lookups the foundation issue's acceptance list names, and their answers.
ACCEPTANCE_LOOKUPS = [
    ("Тръмп", "person:donald-trump"),
    ("Трамп", "person:donald-trump"),
    ("Trump", "person:donald-trump"),
    ("Нахчиван", "subdivision:az-nx"),
    ("Нахичевань", "subdivision:az-nx"),
    ("Naxçıvan", "subdivision:az-nx"),
    ("Kyrgyzstan", "country:kg"),
    ("Кыргызстан", "country:kg"),
    ("Киргизия", "country:kg"),
]


@pytest.fixture(scope="session")
def g() -> gazetteer.Gazetteer:
    return gazetteer.load()


@pytest.fixture
def write(tmp_path: Path) -> Iterator[object]:
    """Write an alias file into a fresh folder and return its path."""

    def _write(text: str, name: str = "mine.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    yield _write
