"""Loading: alias sources → validated entities → compiled index → Gazetteer.

The layers, in order: pycountry's ISO data, the packs asked for, the
bundled alias files (``data/aliases/`` in the repository, inside the package
once installed), the generated names below it (``generated/``: CLDR's, made
by ``tools/cldr_names.py``; they only add names, see
:func:`~gazetteer.records.merge_layer`), then the user's own files and
folders. All but the user's files are cached (see :mod:`gazetteer.cache`);
user files are read on every load. Any problem in
any file raises :class:`AliasFileError` listing every problem, and nothing
is returned: there is no half-loaded gazetteer.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from gazetteer import cache
from gazetteer._version import __version__
from gazetteer.errors import AliasFileError, PackError, Problem, sort_problems
from gazetteer.index import Index, compile_index
from gazetteer.model import Entity
from gazetteer.resolver import Gazetteer

# What only compiling, packs or the user's files need is imported when they
# are used: a load that reads the compiled index does not import YAML,
# pycountry's metadata or the alias-file readers (the command line's start).
if TYPE_CHECKING:
    from gazetteer.aliasfile import Paths, Source
    from gazetteer.entries import EntryRecord

__all__ = [
    "PACKS",
    "Report",
    "bundled_alias_dir",
    "cache_name",
    "compile_bundled",
    "compiled_dir",
    "load",
    "validate",
]

PathLike = str | os.PathLike[str]  # kept for callers that imported it
_PACKAGE = Path(__file__).resolve().parent


def bundled_alias_dir() -> Path:
    """The folder of the bundled alias files (in the wheel, or in a source checkout)."""
    packaged = _PACKAGE / "_data" / "aliases"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parents[1] / "data" / "aliases"


def iso_entries() -> Iterator[EntryRecord]:
    """pycountry's countries and subdivisions (:func:`gazetteer.isodata.iso_entries`)."""
    from gazetteer.isodata import iso_entries as entries

    return entries()


GENERATED = "generated"  # the folder, below the bundled files, of the generated layer
# Generated files that add entities (merged after the packs, before the curated
# files), not names only: the cities that subdivisions are named after, and
# the world's capitals and large cities.
ENTITY_LAYERS = ("region_cities.yaml", "world_cities.yaml")


def _bundled_files() -> list[Path]:
    from gazetteer.aliasfile import expand_paths

    files, problems = expand_paths([bundled_alias_dir()])
    if problems:
        raise AliasFileError(problems)
    return files


def _split_generated(files: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(the curated files, the generated ones) of the bundled files."""
    folder = bundled_alias_dir() / GENERATED
    generated = [path for path in files if folder in path.parents]
    return [path for path in files if folder not in path.parents], generated


PACKS = ("cities",)


def _packs(packs: Iterable[str]) -> tuple[str, ...]:
    """The packs asked for, checked, each once, in a fixed order."""
    asked = [packs] if isinstance(packs, str) else list(packs)
    unknown = sorted(set(asked) - set(PACKS))
    if unknown:
        raise PackError(f"unknown pack {unknown[0]!r}; packs are {', '.join(PACKS)}")
    return tuple(pack for pack in PACKS if pack in asked)


def _fingerprint(files: Sequence[Path], packs: Sequence[str]) -> str:
    """A hash of everything the bundled index depends on: pycountry, the
    packs' packages, our code and settings, the files."""
    from importlib import metadata

    from gazetteer import geonames

    package = _PACKAGE
    aliases = package / "_data" / "aliases"  # in a wheel: hashed below, as the bundled files
    own = sorted(
        p
        for p in package.rglob("*")
        if p.suffix in (".py", ".yaml") and p.is_file() and aliases not in p.parents
    )
    parts = [__version__.encode(), metadata.version("pycountry").encode()]
    parts += [f"{pack} {geonames.version()}".encode() for pack in packs]
    for path in [*own, *files]:
        parts += [path.name.encode(), path.read_bytes()]
    return cache.fingerprint(parts)


def _read_and_merge(
    base: dict[str, Entity], sources: Sequence[Source]
) -> tuple[dict[str, Entity], list[EntryRecord], list[Problem]]:
    """Parse files and merge them over ``base``: (merged, entries, every problem)."""
    from gazetteer.aliasfile import parse_sources
    from gazetteer.records import merge_layer

    entries, problems = parse_sources(sources)
    merged = base
    try:
        merged = merge_layer(base, entries)
    except AliasFileError as exc:
        problems.extend(exc.problems)
    return merged, entries, sort_problems(problems)


def _user_sources(paths: Paths) -> tuple[list[Path], list[Source], list[Problem]]:
    """The user's files, each read once: (files, their contents, the problems
    of finding and reading them)."""
    if isinstance(paths, tuple | list) and not paths:
        return [], [], []  # (without importing the readers)
    from gazetteer.aliasfile import expand_paths, read_sources

    files, problems = expand_paths(paths)
    sources, unreadable = read_sources(files)
    return files, sources, [*problems, *unreadable]


def compiled_dir() -> Path:
    """Where a wheel carries the bundled index, compiled when it was built."""
    return _PACKAGE / "_data" / "compiled"


def compile_bundled(packs: Sequence[str] = ()) -> tuple[Index, str]:
    """Compile the bundled data (with ``packs``) from its sources, ignoring
    every cache: the index and the key it is filed under."""
    files = _bundled_files()
    return _compile(files, packs), _fingerprint(files, packs)


def cache_name(packs: Sequence[str]) -> str:
    """The name the bundled index (with these packs) is cached under."""
    return ".".join(["bundled", *packs])


def _stamp() -> str | None:
    """A hash of cheap facts about what the bundled index depends on: the
    size, time of change and inode of each of our code's and data's files
    and of pycountry's, read without reading the files (None when pycountry
    is not found). A file changed, added or removed changes it, as an
    upgrade of pycountry does (pip writes new files)."""
    spec = importlib.util.find_spec("pycountry")
    if spec is None or spec.origin is None:
        return None
    parts = [__version__.encode()]
    places = [Path(spec.origin), Path(spec.origin).parent]
    for folder in dict.fromkeys([_PACKAGE, bundled_alias_dir()]):
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            places += [Path(root, n) for n in sorted(names) if n.endswith((".py", ".yaml", ".yml"))]
    for place in places:
        info = os.stat(place)
        parts.append(f"{place} {info.st_size} {info.st_mtime_ns} {info.st_ino}".encode())
    return cache.fingerprint(parts)


_STAMP = "stamp"  # the cache's name for the bundled index's key, by its stamp


def _bundled_key(packs: Sequence[str]) -> str:
    """The key of the bundled index (with ``packs``): :func:`_fingerprint`
    of its sources, which reads every one of them; for the bundled data
    alone, remembered in the cache under :func:`_stamp`, so that a load
    reads none of them."""
    stamp = None if packs else _stamp()
    if stamp is not None and (key := cache.read_note(_STAMP, stamp)) is not None:
        return key
    key = _fingerprint(_bundled_files(), packs)
    if stamp is not None:
        cache.write_note(_STAMP, stamp, key)
    return key


def _bundled_index(use_cache: bool, packs: Sequence[str] = ()) -> tuple[Index, str | None]:
    """The bundled index, with ``packs``, and the key it is cached under (None
    without the cache): compiled into the wheel when it was built, else from
    the user's cache, else compiled now (and cached)."""
    name = cache_name(packs)
    key = _bundled_key(packs) if use_cache else None
    if key is not None:
        for folder in (compiled_dir(), None):  # the wheel's, then the user's cache
            if (cached := cache.read_index(name, key, folder)) is not None:
                return cached, key
    index = _compile(_bundled_files(), packs)
    if key is not None:
        cache.write_index(name, key, index)
    return index, key


def _compile(files: Sequence[Path], packs: Sequence[str]) -> Index:
    """The layers: pycountry, then the packs, then the generated entities (the
    cities regions are named after), then the curated files (so that curated
    names and tiers win), then the generated names (only added)."""
    from gazetteer import geonames
    from gazetteer.aliasfile import read_alias_files
    from gazetteer.records import cities_first, countries_first, merge_layer

    entities = merge_layer({}, iso_entries(), strict=False)
    curated, generated = _split_generated(files)
    entries, problems = read_alias_files(curated)
    # each generated file is a layer of its own
    sources: list[list[EntryRecord]] = []
    layers: list[list[EntryRecord]] = []
    for path in generated:
        layer, more = read_alias_files([path])
        (sources if path.name in ENTITY_LAYERS else layers).append(layer)
        problems += more
    if problems:
        raise AliasFileError(problems)
    if "cities" in packs:
        twins = {
            value: entry.id
            for entry in entries
            for code, value in entry.codes
            if code == "geonames"
        }
        entities = merge_layer(entities, geonames.city_entries(twins, entities), strict=False)
    for layer in sources:  # the cities regions are named after: the pack's ids
        entities = merge_layer(entities, layer, strict=False)
    entities = merge_layer(entities, entries)
    for layer in layers:
        entities = merge_layer(entities, layer, fill=True)
    return compile_index(cities_first(countries_first(entities)).values())


def _with_user_files(
    index: Index, key: str | None, name: str, sources: Sequence[Source]
) -> tuple[Index, str | None]:
    """The user's files merged over ``index``: cached too, as ``name``, under
    a key made of the bundled key and the files' paths and contents."""
    user_key = None
    if key is not None:
        parts = [key.encode()]
        for path, data in sources:
            parts += [str(path.resolve()).encode(), data]
        user_key = cache.fingerprint(parts)
    cached = cache.read_index(name, user_key) if user_key is not None else None
    if cached is None:
        merged, entries, problems = _read_and_merge(_entities(index), sources)
        del entries  # not kept alive while the index is compiled and cached
        if problems:
            raise AliasFileError(problems)
        cached = compile_index(merged.values())
        del merged
        if user_key is not None:
            cache.write_index(name, user_key, cached)
    return cached, user_key


def _entities(index: Index) -> dict[str, Entity]:
    return {entity.id: entity for entity in index.entities}


def load(
    paths: Paths = (),
    *,
    bundled: bool = True,
    cache: bool = True,
    packs: Iterable[str] = (),
) -> Gazetteer:
    """Load a gazetteer.

    ``paths``: the user's alias files and folders (every ``*.yaml`` and
    ``*.yml`` below a folder), merged over the bundled data in the order
    given: one path (a ``str`` or an ``os.PathLike`` such as a
    :class:`~pathlib.Path`) or an iterable of paths. ``bundled``:
    include pycountry's countries and subdivisions and the bundled alias
    files (the default). ``packs``: optional data packs to add to the bundled
    data: ``"cities"`` (GeoNames' cities of 15,000 people or more; needs
    ``pip install 'gazetteer[cities]'``). ``cache``: use and refresh the
    on-disk cache of the bundled data and packs.

    Raises :class:`AliasFileError` (with every problem, each with file and
    line) when any file is missing, unreadable or invalid, :class:`PackError`
    for an unknown pack or one whose package is not installed, and
    :class:`TypeError` when ``paths`` is neither a path nor an iterable of
    paths.
    """
    chosen = _checked_packs(packs, bundled)
    files, sources, problems = _user_sources(paths)
    if problems:
        raise AliasFileError(sort_problems(problems))
    index, key = _bundled_index(cache, chosen) if bundled else (compile_index(()), None)
    name = cache_name(chosen)
    if files:
        name = f"{name}.user"
        index, key = _with_user_files(index, key, name, sources)
    return Gazetteer(index, (name, key) if key else None)


def _checked_packs(packs: Iterable[str], bundled: bool) -> tuple[str, ...]:
    chosen = _packs(packs)
    if chosen and not bundled:
        raise PackError("packs are added to the bundled data: use them with bundled=True")
    return chosen


@attrs.frozen
class Report:
    """What :func:`validate` found: errors (the files would not load) and warnings."""

    files: tuple[Path, ...]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def validate(paths: Paths, *, bundled: bool = True, packs: Iterable[str] = ()) -> Report:
    """Check alias files as :func:`load` would, and report every problem.

    ``paths``, ``bundled`` and ``packs`` mean what they mean to :func:`load`:
    files that load over the bundled data with a pack (an overlay that adds
    names to a city of the cities pack) validate with that pack. Besides the
    errors that stop a load, warns about each strong alias that also names
    another entity (such a name resolves as ambiguous).

    Raises :class:`PackError` and :class:`TypeError` as :func:`load` does;
    every problem of the files is in the report.
    """
    from gazetteer.records import same_alias_warnings

    chosen = _checked_packs(packs, bundled)
    base = _entities(_bundled_index(True, chosen)[0]) if bundled else {}
    files, sources, errors = _user_sources(paths)
    merged, entries, problems = _read_and_merge(base, sources)
    errors = sort_problems([*errors, *problems])
    warnings = same_alias_warnings(merged, entries) if not errors else []
    return Report(tuple(files), tuple(errors), tuple(warnings))
