"""Source: alias files in YAML (the format is documented in docs/aliases.md).

:func:`read_alias_files` parses files into :class:`EntryRecord` values and
collects every problem of shape it finds (malformed YAML, an entry that is
not a mapping, an unknown field, a value of the wrong type, a repeated key),
each with its file and line; :mod:`gazetteer.records` checks the meaning.

YAML is read node by node with a safe composer, never with a loader that can
construct objects: explicit tags other than the core schema's are refused,
aliases (``*name``) are refused, and scalars keep the text that was written
(``NO`` stays the string "NO", not the boolean false).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import yaml

from gazetteer._yaml import SafeLoader
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
_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
_NULL = "tag:yaml.org,2002:null"


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
                problems.append(Problem(str(path), None, "folder holds no .yaml or .yml files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))
    return files, problems


class _Reader:
    """Turns the node tree of one file into entries, noting problems as it goes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.source, line, message))

    def visit(self, node: yaml.Node) -> bool:
        """Check that a node's tag belongs to the core schema."""
        if node.tag not in _CORE_TAGS:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed in alias files")
            return False
        return True

    def text(self, node: yaml.Node, what: str) -> str | None:
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{what} must be a single text value")
            return None
        if node.tag == _NULL and node.style is None:
            self.problem(node, f"{what} is empty")
            return None
        return str(node.value)

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

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The (key, key node, value node) pairs of a mapping; repeated keys are problems."""
        if not self.visit(node):
            return []
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return []
        pairs: list[tuple[str, yaml.Node, yaml.Node]] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.text(key_node, f"a key of {what}")
            if key is None:
                continue
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.problem(key_node, f"{key!r} repeats the key of line {first_line[key]}")
                continue
            first_line[key] = line
            pairs.append((key, key_node, value_node))
        return pairs

    def entry(self, node: yaml.Node) -> EntryRecord | None:
        pairs = self.mapping(node, "an entry")
        if not pairs:
            if isinstance(node, yaml.MappingNode):
                self.problem(node, "entry is empty")
            return None
        fields = {key: value for key, _, value in pairs}
        for key, key_node, _ in pairs:
            if key not in _FIELDS:
                self.problem(key_node, f"unknown field {key!r}; fields are {', '.join(_FIELDS)}")
        if "id" not in fields:
            self.problem(node, "entry has no id")
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
        weaken = _BOOLEANS.get((optional["weaken"] or "false").lower())
        if weaken is None:
            self.problem(fields["weaken"], "weaken must be true or false")
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

    def refuse_aliases(self, text: str) -> bool:
        """Note every use of a YAML alias (``*name``); True when there is one.

        Aliases would let one node stand in many places (and a small file
        expand to a huge one), so alias files may not use them.
        """
        found = False
        if "*" in text:
            for event in yaml.parse(text, Loader=SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    mark = event.start_mark
                    line = mark.line + 1 if mark is not None else None
                    self.problems.append(
                        Problem(self.source, line, "YAML aliases (*name) are not supported")
                    )
                    found = True
        return found

    def document(self, text: str) -> list[EntryRecord]:
        try:
            if self.refuse_aliases(text):
                return []
            root = yaml.compose(text, Loader=SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            self.problems.append(Problem(self.source, line, f"malformed YAML: {exc.problem}"))
            return []
        except yaml.YAMLError as exc:
            self.problems.append(Problem(self.source, None, f"malformed YAML: {exc}"))
            return []
        if root is None:
            return []
        if not isinstance(root, yaml.SequenceNode) or not self.visit(root):
            self.problem(root, "an alias file must be a list of entries (lines starting with '- ')")
            return []
        return [entry for item in root.value if (entry := self.entry(item)) is not None]


def read_alias_file(path: Path) -> tuple[list[EntryRecord], list[Problem]]:
    """Parse one alias file; return its entries and the problems found."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(source, None, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [], [Problem(source, line, "file is not valid UTF-8")]
    reader = _Reader(source)
    entries = reader.document(text)
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
