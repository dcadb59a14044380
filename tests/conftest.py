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

# A city and the subdivision that is the same place (names_of) or that is
# named after it (outranks): the bare name is the city, the full name the
# subdivision. "New York" stays ambiguous: the state is often meant by it.
CITY_OR_REGION = [
    ("Paris", "city:paris"),
    ("Берлин", "city:berlin"),
    ("London", "city:london"),
    ("City of London", "subdivision:gb-lnd"),
    ("Ташкент", "city:tashkent"),
    ("Tashkent Region", "subdivision:uz-to"),
    ("Ош", "city:osh"),
    ("Ошская область", "subdivision:kg-o"),
    ("Софія", "city:sofia"),
    ("Софийска област", "subdivision:bg-23"),
    ("Kabul", "city:kabul"),
    ("Washington", "city:washington"),
    ("штат Вашингтон", "subdivision:us-wa"),
    ("Kyiv Oblast", "subdivision:ua-32"),
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
