"""Source: alias files in YAML (the format is documented in docs/aliases.md).

:func:`read_alias_files` parses files into :class:`EntryRecord` values and
collects every problem of shape it finds (malformed YAML, an entry that is
not a mapping, an unknown field, a value of the wrong type, a repeated key),
each with its file and line; :mod:`gazetteer.records` checks the meaning.

YAML is read node by node by :class:`gazetteer._yaml.NodeReader`, never with
a loader that can construct objects: explicit tags other than the core
schema's are refused, aliases (``*name``) are refused, and scalars keep the
text that was written (``NO`` stays the string "NO", not the boolean false).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import yaml

from gazetteer import _yaml
from gazetteer._yaml import BOOLEANS, NodeReader, file_type
from gazetteer.entries import AliasRecord, EntryRecord
from gazetteer.errors import Problem
from gazetteer.model import Entity, Tier

__all__ = [
    "ALIAS_FILE_SUFFIXES",
    "Paths",
    "Source",
    "dump_entities",
    "expand_paths",
    "parse_sources",
    "path_list",
    "read_alias_files",
    "read_sources",
]

ALIAS_FILE_SUFFIXES = (".yaml", ".yml")
_FIELDS = (
    "id",
    "kind",
    "name",
    "names",
    "weak",
    "deny",
    "codes",
    "country",
    "parent",
    "names_of",
    "outranks",
    "weaken",
    "population",
    "capital",
)
# the fields read as one text each
_OPTIONAL = ("kind", "name", "country", "parent", "names_of", "weaken", "population", "capital")
Source = tuple[Path, bytes]  # a file and its contents


PathLike = str | os.PathLike[str]
Paths = PathLike | Iterable[PathLike]


def path_list(paths: Paths) -> list[PathLike]:
    """``paths`` as a list of paths: a single path (a string or a :class:`~pathlib.Path`)
    is one path, never the characters of a string. Raises :class:`TypeError` for
    anything that is not a path nor an iterable of paths."""
    if isinstance(paths, str | os.PathLike):
        return [paths]
    if isinstance(paths, bytes | bytearray) or not isinstance(paths, Iterable):
        raise TypeError(
            f"paths must be a path (str or os.PathLike) or an iterable of paths, "
            f"not {type(paths).__name__}"
        )
    found: list[PathLike] = []
    for item in paths:
        if not isinstance(item, str | os.PathLike) or not isinstance(os.fspath(item), str):
            raise TypeError(f"a path must be a str or an os.PathLike of str, not {item!r}")
        found.append(item)
    return found


def _not_readable(path: Path, exc: OSError) -> Problem:
    """Why ``path``, found by the walk or named directly, cannot be read."""
    if exc.errno == errno.ELOOP:
        return Problem(str(path), None, "symbolic link loop", code="cannot-read")
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            message = f"broken symbolic link (to {os.readlink(path)!r}, which does not exist)"
            return Problem(str(path), None, message, code="no-such-file")
        return Problem(str(path), None, "no such file or folder", code="no-such-file")
    message = f"cannot read file: {exc.strerror or exc}"
    return Problem(str(path), None, message, code="cannot-read")


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """Every name ending in .yaml or .yml below ``folder``, sorted (symbolic
    links to folders are not followed); folders that cannot be listed are problems."""

    def unlisted(exc: OSError) -> None:
        where = exc.filename or str(folder)
        message = f"cannot read folder: {exc.strerror or exc}"
        problems.append(Problem(str(where), None, message, code="cannot-read"))

    found = [
        Path(root, name)
        for root, _, names in os.walk(folder, onerror=unlisted)
        for name in names
        if Path(name).suffix in ALIAS_FILE_SUFFIXES
    ]
    return sorted(found)


def expand_paths(paths: Paths) -> tuple[list[Path], list[Problem]]:
    """Files named directly, plus every ``*.yaml``/``*.yml`` below each folder
    (sorted), each file once (a file named twice, or through a link, is read
    once): the files, and the problems (a path that does not exist, a broken
    link, a link loop, a FIFO or other special file, an unreadable folder)."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[object] = set()

    def add(path: Path, status: os.stat_result) -> None:
        if not stat.S_ISREG(status.st_mode):
            message = f"not a regular file ({file_type(path)}); alias files must be files"
            problems.append(Problem(str(path), None, message, code="cannot-read"))
            return
        same = (status.st_dev, status.st_ino) if status.st_ino else os.path.realpath(path)
        if same not in seen:
            seen.add(same)
            files.append(path)

    for raw in path_list(paths):
        if os.fspath(raw) == "":
            problems.append(Problem("''", None, "the path is empty", code="no-such-file"))
            continue
        path = Path(raw)
        try:
            status = os.stat(path)
        except OSError as exc:
            problems.append(_not_readable(path, exc))
            continue
        if not stat.S_ISDIR(status.st_mode):
            add(path, status)
            continue
        before = len(problems)
        found = _walk(path, problems)
        if not found and len(problems) == before:
            message = "folder holds no .yaml or .yml files"
            problems.append(Problem(str(path), None, message, code="no-yaml-files"))
        for each in found:
            try:
                status = os.stat(each)
            except OSError as exc:
                problems.append(_not_readable(each, exc))
                continue
            if not stat.S_ISDIR(status.st_mode):  # a folder named *.yaml is walked, not read
                add(each, status)
    return files, problems


def read_sources(files: Sequence[Path]) -> tuple[list[Source], list[Problem]]:
    """The bytes of each file (read once: the cache's key and the parser use
    the same bytes), and a problem for each file that cannot be read."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in files:
        try:
            sources.append((path, _yaml.read_bytes(path)))
        except OSError as exc:
            problems.append(_not_readable(path, exc))
    return sources, problems


class _Reader(NodeReader):
    """Turns the node tree of one file into entries, noting problems as it goes."""

    def __init__(self, source: str) -> None:
        super().__init__(source, "alias files")

    def texts(self, node: yaml.Node, what: str) -> Iterator[tuple[str, int]]:
        """A text or a list of texts, each with its line."""
        if isinstance(node, yaml.SequenceNode):
            if not self.visit(node):
                return
            for item in node.value:
                value = self.text(item, what)
                if value is not None:
                    yield value, item.start_mark.line + 1
        else:
            value = self.text(node, what)
            if value is not None:
                yield value, node.start_mark.line + 1

    def entry(self, node: yaml.Node) -> EntryRecord | None:
        pairs = self.mapping(node, "an entry")
        if not pairs:
            if isinstance(node, yaml.MappingNode):
                self.problem(node, "empty-value", "entry is empty")
            return None
        fields = {key: value for key, _, value in pairs}
        for key, key_node, _ in pairs:
            if key not in _FIELDS:
                message = f"unknown field {key!r}; fields are {', '.join(_FIELDS)}"
                self.problem(key_node, "unknown-field", message)
        # every field is read even when the id is missing, so that every
        # problem of the entry is reported at once
        if "id" not in fields:
            self.problem(node, "missing-field", "entry has no id")
        entity_id = self.text(fields["id"], "id") if "id" in fields else None
        aliases: list[AliasRecord] = []
        for field, tier in (("names", Tier.STRONG), ("weak", Tier.WEAK)):
            if field in fields:
                for lang, _, value in self.mapping(fields[field], f"{field!r}"):
                    for text, line in self.texts(value, f"a name in {field!r}"):
                        aliases.append(AliasRecord(text, lang, tier, line))
        codes = []
        if "codes" in fields:
            for code, _, code_node in self.mapping(fields["codes"], "'codes'"):
                code_value = self.text(code_node, f"code {code!r}")
                if code_value is not None:
                    codes.append((code, code_value))
        deny, outranks = (
            tuple(t for t, _ in self.texts(fields[key], f"an entry of {key!r}"))
            if key in fields
            else ()
            for key in ("deny", "outranks")
        )
        optional = {
            key: self.text(fields[key], key) if key in fields else None for key in _OPTIONAL
        }
        weaken = self.boolean(fields, optional, "weaken")
        capital = self.boolean(fields, optional, "capital") if "capital" in fields else None
        population = None
        if optional["population"] is not None:
            if optional["population"].isascii() and optional["population"].isdigit():
                population = int(optional["population"])
            else:
                message = "population must be a whole number of people (digits only)"
                self.problem(fields["population"], "bad-value", message)
        if entity_id is None:
            return None
        return EntryRecord(
            source=self.source,
            line=node.start_mark.line + 1,
            id=entity_id,
            kind=optional["kind"],
            name=optional["name"],
            aliases=tuple(aliases),
            codes=tuple(codes),
            country=optional["country"],
            parent=optional["parent"],
            deny=deny,
            names_of=optional["names_of"],
            outranks=outranks,
            weaken=weaken,
            population=population,
            capital=capital,
        )

    def boolean(
        self, fields: dict[str, yaml.Node], optional: dict[str, str | None], key: str
    ) -> bool:
        """The field ``key`` as true or false (false when absent), with a problem
        when it is neither."""
        value = BOOLEANS.get((optional[key] or "false").lower())
        if value is None:
            self.problem(fields[key], "bad-value", f"{key} must be true or false")
        return bool(value)

    def document(self, data: bytes) -> list[EntryRecord]:
        text = self.text_of(data)
        if text is None:
            return []
        what = "an alias file must be a list of entries (lines starting with '- ')"
        return [entry for item in self.items(text, what) if (entry := self.entry(item)) is not None]


def parse_sources(sources: Iterable[Source]) -> tuple[list[EntryRecord], list[Problem]]:
    """Parse the bytes of several files; entries in file order, and every
    problem of every file."""
    entries: list[EntryRecord] = []
    problems: list[Problem] = []
    for path, data in sources:
        reader = _Reader(str(path))
        entries.extend(reader.document(data))
        problems.extend(reader.problems)
    return entries, problems


def read_alias_file(path: Path) -> tuple[list[EntryRecord], list[Problem]]:
    """Parse one alias file; return its entries and the problems found."""
    return read_alias_files([path])


def read_alias_files(paths: Sequence[Path]) -> tuple[list[EntryRecord], list[Problem]]:
    """Read and parse several files; entries in file order, and every problem of every file."""
    sources, problems = read_sources(paths)
    entries, more = parse_sources(sources)
    return entries, [*problems, *more]


def dump_entities(entities: Iterable[Entity]) -> str:
    """Write entities as an alias file that reads back to the same entities."""
    out = []
    for entity in entities:
        entry: dict[str, object] = {"id": entity.id, "name": entity.name}
        for field, tier in (("names", Tier.STRONG), ("weak", Tier.WEAK)):
            grouped: dict[str, list[str]] = {}
            for alias in entity.aliases:
                if alias.tier is tier:
                    grouped.setdefault(alias.lang, []).append(alias.text)
            if grouped:
                entry[field] = grouped
        if entity.codes:
            entry["codes"] = dict(entity.codes)
        for field in ("country", "parent"):
            if getattr(entity, field):
                entry[field] = getattr(entity, field)
        if entity.population is not None:
            entry["population"] = entity.population
        if entity.capital:
            entry["capital"] = True
        if entity.deny:
            entry["deny"] = list(entity.deny)
        out.append(entry)
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=1000)
