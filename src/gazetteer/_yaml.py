"""YAML for the library's files: the one place that picks a YAML loader, and
the one reader of YAML with file and line numbers.

The loader is always a safe one, never one that can construct arbitrary
objects; the C implementation when available. :class:`NodeReader` reads a
file node by node with a safe composer, for alias files
(:mod:`gazetteer.aliasfile`) and rule files (:mod:`gazetteer.rulefiles`)
alike: explicit tags other than the core schema's are refused, aliases
(``*name``) are refused, scalars keep the text that was written (``NO``
stays the string "NO", not the boolean false; ``2001-01-01`` stays text, not
a timestamp), a null (``~``, ``null``, nothing) is an empty value wherever a
text is expected, and every problem is noted with its file, line and code.

Files are read by :func:`read_bytes` alone, which refuses anything but a
regular file before reading it (a FIFO named ``*.yaml`` would block a read
for ever). A long list (an alias file) is composed one item at a time
(:meth:`NodeReader.items`), so that a large file never becomes one tree of
nodes: the tree takes some thirty times the file's size, and the garbage
collector's passes over it made loading a large file super-linear.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from gazetteer.errors import Problem, ProblemCode

SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["BOOLEANS", "NodeReader", "SafeLoader", "read_bytes"]

_CORE = ("str", "int", "float", "bool", "null", "seq", "map")
_CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in _CORE)
_NULL = "tag:yaml.org,2002:null"
BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}  # as written, lower-cased

# What a plain scalar may be read as: YAML 1.1's timestamp, merge key (<<)
# and value key (=) are left out, so that they stay text.
_IMPLICIT = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _CORE_TAGS]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}

_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)  # libyaml's

if _CParser is not None:

    class _NodeLoader(_CParser, Composer, Resolver):  # type: ignore[misc]
        """libyaml's parser, with the core schema's implicit tags only. Composer
        is here for :meth:`NodeReader.items`, which composes one item at a time."""

        yaml_implicit_resolvers = _IMPLICIT

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _NodeLoader(yaml.SafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = _IMPLICIT


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file. Anything else (a FIFO, a device, a folder)
    raises :class:`OSError` before a byte is read, and so does a FIFO put in the
    file's place meanwhile: it is opened without blocking and checked again."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(f"not a regular file ({file_type(path)})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with open(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file ({file_type(path)})")
        return file.read()


def file_type(path: Path) -> str:
    """What a path that is not a regular file is, in words."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "unknown"
    for check, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if check(mode):
            return name
    return "not a regular file"


class NodeReader:
    """Reads the node tree of one file, noting problems as it goes.

    ``files`` names the kind of file in messages ("alias files").
    """

    def __init__(self, source: str, files: str) -> None:
        self.source = source
        self.files = files
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, code: ProblemCode, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.source, line, message, code=code))

    def visit(self, node: yaml.Node) -> bool:
        """Check that a node's tag belongs to the core schema."""
        if node.tag not in _CORE_TAGS:
            self.problem(node, "yaml-tag", f"YAML tag {node.tag!r} is not allowed in {self.files}")
            return False
        return True

    def text(self, node: yaml.Node, what: str) -> str | None:
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, "bad-type", f"{what} must be a single text value")
            return None
        if node.tag == _NULL and not node.style:  # plain: None (PyYAML) or "" (libyaml)
            self.problem(node, "empty-value", f"{what} is empty")
            return None
        return str(node.value)

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The (key, key node, value node) pairs of a mapping; repeated keys are problems."""
        if not self.visit(node):
            return []
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "bad-type", f"{what} must be a mapping")
            return []
        pairs: list[tuple[str, yaml.Node, yaml.Node]] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.text(key_node, f"a key of {what}")
            if key is None:
                continue
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.problem(
                    key_node, "duplicate-key", f"{key!r} repeats the key of line {first_line[key]}"
                )
                continue
            first_line[key] = line
            pairs.append((key, key_node, value_node))
        return pairs

    def refuse_aliases(self, text: str) -> bool:
        """Note every use of a YAML alias (``*name``); True when there is one.

        Aliases would let one node stand in many places (and a small file
        expand to a huge one), so the library's files may not use them.
        """
        found = False
        if "*" in text:
            for event in yaml.parse(text, Loader=SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    mark = event.start_mark
                    line = mark.line + 1 if mark is not None else None
                    self.problems.append(
                        Problem(
                            self.source,
                            line,
                            "YAML aliases (*name) are not supported",
                            code="yaml-alias",
                        )
                    )
                    found = True
        return found

    def malformed(self, exc: yaml.YAMLError) -> None:
        """Note a YAML error (with its line, when it has one)."""
        if isinstance(exc, yaml.MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            message = f"malformed YAML: {exc.problem}"
        else:
            line, message = None, f"malformed YAML: {exc}"
        self.problems.append(Problem(self.source, line, message, code="yaml-syntax"))

    def compose(self, text: str) -> yaml.Node | None:
        """The root node of a document (None when it is empty, or with a problem noted)."""
        try:
            if self.refuse_aliases(text):
                return None
            root: yaml.Node | None = yaml.compose(text, Loader=_NodeLoader)
        except yaml.YAMLError as exc:
            self.malformed(exc)
            return None
        return root

    def items(self, text: str, what: str) -> Iterator[yaml.Node]:
        """The items of a document that must be a list, each composed on its own.

        Nothing when the document is empty; a problem noted (with ``what``, the
        message) when it is not a list, and at malformed YAML, where the
        items stop.
        """
        if self.refuse_aliases(text):
            return
        loader = _NodeLoader(text)
        try:
            loader.get_event()  # the stream's start
            if loader.check_event(yaml.StreamEndEvent):
                return
            loader.get_event()  # the document's start
            if not loader.check_event(yaml.SequenceStartEvent):
                root = Composer.compose_node(loader, None, None)  # type: ignore[arg-type]
                self.problem(root, "bad-type", what)
                return
            start = loader.get_event()
            tag = start.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.SequenceNode, None, start.implicit)  # type: ignore[no-untyped-call]
            root = yaml.SequenceNode(tag, [], start.start_mark, start.end_mark)
            if not self.visit(root):
                self.problem(root, "bad-type", what)
                return
            index = 0
            while not loader.check_event(yaml.SequenceEndEvent):
                item = Composer.compose_node(loader, root, index)
                if item is not None:  # always: an event is there
                    yield item
                index += 1
            loader.get_event()  # the list's end
            loader.get_event()  # the document's end
            if not loader.check_event(yaml.StreamEndEvent):
                event = loader.get_event()
                line = event.start_mark.line + 1 if event.start_mark is not None else None
                message = "malformed YAML: a file holds one document (a second one starts here)"
                self.problems.append(Problem(self.source, line, message, code="yaml-syntax"))
        except yaml.YAMLError as exc:
            self.malformed(exc)
        finally:
            loader.dispose()

    def decode(self, path: Path) -> str | None:
        """The text of a UTF-8 file (None, with a problem noted, when it cannot be read)."""
        try:
            data = read_bytes(path)
        except OSError as exc:
            message = f"cannot read file: {exc.strerror or exc}"
            self.problems.append(Problem(self.source, None, message, code="cannot-read"))
            return None
        return self.text_of(data)

    def text_of(self, data: bytes) -> str | None:
        """Bytes decoded as UTF-8 (None, with a problem noted, when they are not)."""
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            message = "file is not valid UTF-8"
            self.problems.append(Problem(self.source, line, message, code="not-utf8"))
            return None

    def read(self, path: Path) -> yaml.Node | None:
        """Read a UTF-8 file and compose it (None when it is empty, or with a problem noted)."""
        text = self.decode(path)
        return None if text is None else self.compose(text)
