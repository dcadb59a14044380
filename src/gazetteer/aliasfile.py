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

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import yaml

from gazetteer._yaml import BOOLEANS, NodeReader
from gazetteer.entries import AliasRecord, EntryRecord
from gazetteer.errors import Problem
from gazetteer.model import Entity, Tier

__all__ = ["ALIAS_FILE_SUFFIXES", "dump_entities", "expand_paths", "read_alias_files"]

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
)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Problem]]:
    """Files named directly, plus every ``*.yaml``/``*.yml`` below each folder, sorted."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix in ALIAS_FILE_SUFFIXES and p.is_file()
            )
            if not found:
                message = "folder holds no .yaml or .yml files"
                problems.append(Problem(str(path), None, message, code="no-yaml-files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            message = "no such file or folder"
            problems.append(Problem(str(path), None, message, code="no-such-file"))
    return files, problems


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
        if "id" not in fields:
            self.problem(node, "missing-field", "entry has no id")
            return None
        entity_id = self.text(fields["id"], "id")
        if entity_id is None:
            return None
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
            key: self.text(fields[key], key) if key in fields else None
            for key in ("kind", "name", "country", "parent", "names_of", "weaken")
        }
        weaken = BOOLEANS.get((optional["weaken"] or "false").lower())
        if weaken is None:
            self.problem(fields["weaken"], "bad-value", "weaken must be true or false")
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
            weaken=bool(weaken),
        )

    def document(self, path: Path) -> list[EntryRecord]:
        root = self.read(path)
        if root is None:
            return []
        if not isinstance(root, yaml.SequenceNode) or not self.visit(root):
            self.problem(
                root,
                "bad-type",
                "an alias file must be a list of entries (lines starting with '- ')",
            )
            return []
        return [entry for item in root.value if (entry := self.entry(item)) is not None]


def read_alias_file(path: Path) -> tuple[list[EntryRecord], list[Problem]]:
    """Parse one alias file; return its entries and the problems found."""
    reader = _Reader(str(path))
    entries = reader.document(path)
    return entries, reader.problems


def read_alias_files(paths: Sequence[Path]) -> tuple[list[EntryRecord], list[Problem]]:
    """Parse several files; entries in file order, and every problem of every file."""
    entries: list[EntryRecord] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = read_alias_file(path)
        entries.extend(found)
        problems.extend(trouble)
    return entries, problems


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
        if entity.deny:
            entry["deny"] = list(entity.deny)
        out.append(entry)
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=1000)
