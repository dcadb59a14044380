"""YAML for the library's files: the one place that picks a YAML loader, and
the one reader of YAML with file and line numbers.

The loader is always a safe one, never one that can construct arbitrary
objects; the C implementation when available. :class:`NodeReader` reads a
file node by node with a safe composer, for alias files
(:mod:`gazetteer.aliasfile`) and rule files (:mod:`gazetteer.rulefiles`)
alike: explicit tags other than the core schema's are refused, aliases
(``*name``) are refused, scalars keep the text that was written (``NO``
stays the string "NO", not the boolean false), and every problem is noted
with its file, line and code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from gazetteer.errors import Problem, ProblemCode

SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["BOOLEANS", "NodeReader", "SafeLoader"]

_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
_NULL = "tag:yaml.org,2002:null"
BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}  # as written, lower-cased


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
        if node.tag == _NULL and node.style is None:
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

    def compose(self, text: str) -> yaml.Node | None:
        """The root node of a document (None when it is empty, or with a problem noted)."""
        try:
            if self.refuse_aliases(text):
                return None
            root: yaml.Node | None = yaml.compose(text, Loader=SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            message = f"malformed YAML: {exc.problem}"
            self.problems.append(Problem(self.source, line, message, code="yaml-syntax"))
            return None
        except yaml.YAMLError as exc:
            message = f"malformed YAML: {exc}"
            self.problems.append(Problem(self.source, None, message, code="yaml-syntax"))
            return None
        return root

    def read(self, path: Path) -> yaml.Node | None:
        """Read a UTF-8 file and compose it (None when it is empty, or with a problem noted)."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"cannot read file: {exc.strerror or exc}"
            self.problems.append(Problem(self.source, None, message, code="cannot-read"))
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            message = "file is not valid UTF-8"
            self.problems.append(Problem(self.source, line, message, code="not-utf8"))
            return None
        return self.compose(text)
