"""Loading: alias sources → validated entities → compiled index → Gazetteer.

The layers, in order: pycountry's ISO data, the bundled alias files
(``data/aliases/`` in the repository, inside the package once installed),
then the user's own files and folders. The first two are cached (see
:mod:`gazetteer.cache`); user files are read on every load. Any problem in
any file raises :class:`AliasFileError` listing every problem, and nothing
is returned: there is no half-loaded gazetteer.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from importlib import metadata, resources
from pathlib import Path

import attrs

from gazetteer import cache
from gazetteer.aliasfile import expand_paths, read_alias_files
from gazetteer.entries import EntryRecord
from gazetteer.errors import AliasFileError, Problem, sort_problems
from gazetteer.index import Index, compile_index
from gazetteer.isodata import iso_entries
from gazetteer.model import Entity
from gazetteer.records import merge_layer, same_alias_warnings
from gazetteer.resolver import Gazetteer

__all__ = ["Report", "bundled_alias_dir", "load", "validate"]

log = logging.getLogger(__name__)
PathLike = str | os.PathLike[str]


def bundled_alias_dir() -> Path:
    """The folder of the bundled alias files (in the wheel, or in a source checkout)."""
    packaged = Path(str(resources.files("gazetteer").joinpath("_data", "aliases")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "aliases"


def _bundled_files() -> list[Path]:
    files, problems = expand_paths([bundled_alias_dir()])
    if problems:
        raise AliasFileError(problems)
    return files


def _fingerprint(files: Sequence[Path]) -> str:
    """A hash of everything the bundled index depends on: pycountry, our code, the files."""
    package = Path(__file__).resolve().parent
    own = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml") and p.is_file())
    parts = [metadata.version("pycountry").encode()]
    for path in [*own, *files]:
        parts += [path.name.encode(), path.read_bytes()]
    return cache.fingerprint(parts)


def _read_and_merge(
    base: dict[str, Entity], files: Sequence[Path]
) -> tuple[dict[str, Entity], list[EntryRecord], list[Problem]]:
    """Read files and merge them over ``base``: (merged, entries, every problem)."""
    entries, problems = read_alias_files(files)
    merged = base
    try:
        merged = merge_layer(base, entries)
    except AliasFileError as exc:
        problems.extend(exc.problems)
    return merged, entries, sort_problems(problems)


def _merge_files(base: dict[str, Entity], files: Sequence[Path]) -> dict[str, Entity]:
    merged, _, problems = _read_and_merge(base, files)
    if problems:
        raise AliasFileError(problems)
    return merged


def _bundled_index(use_cache: bool) -> tuple[Index, str | None]:
    """The bundled index, and the key it is cached under (None without the cache)."""
    files = _bundled_files()
    key = _fingerprint(files) if use_cache else None
    if key is not None and (cached := cache.read_index("bundled", key)) is not None:
        return cached, key
    entities = merge_layer({}, iso_entries(), strict=False)
    index = compile_index(_merge_files(entities, files).values())
    if key is not None:
        cache.write_index("bundled", key, index)
    return index, key


def _entities(index: Index) -> dict[str, Entity]:
    return {entity.id: entity for entity in index.entities}


def load(paths: Iterable[PathLike] = (), *, bundled: bool = True, cache: bool = True) -> Gazetteer:
    """Load a gazetteer.

    ``paths``: the user's alias files and folders (every ``*.yaml`` below a
    folder), merged over the bundled data in the order given. ``bundled``:
    include pycountry's countries and subdivisions and the bundled alias
    files (the default). ``cache``: use and refresh the on-disk cache of the
    bundled data.

    Raises :class:`AliasFileError` (with every problem, each with file and
    line) when any file is invalid.
    """
    index, key = _bundled_index(cache) if bundled else (compile_index(()), None)
    files, problems = expand_paths(paths)
    if problems:
        raise AliasFileError(problems)
    if files:
        index, key = compile_index(_merge_files(_entities(index), files).values()), None
    return Gazetteer(index, key)


@attrs.frozen
class Report:
    """What :func:`validate` found: errors (the files would not load) and warnings."""

    files: tuple[Path, ...]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def validate(paths: Iterable[PathLike], *, bundled: bool = True) -> Report:
    """Check alias files as :func:`load` would, and report every problem.

    Besides the errors that stop a load, warns about each strong alias that
    also names another entity (such a name resolves as ambiguous).
    """
    base = _entities(_bundled_index(True)[0]) if bundled else {}
    files, errors = expand_paths(paths)
    merged, entries, problems = _read_and_merge(base, files)
    errors = sort_problems([*errors, *problems])
    warnings = same_alias_warnings(merged, entries) if not errors else []
    return Report(tuple(files), tuple(errors), tuple(warnings))
