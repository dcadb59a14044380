"""The library's own exceptions. Every error it raises on purpose is a
:class:`GazetteerError`, with a message a user can act on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

import attrs

__all__ = [
    "PROBLEM_CODES",
    "AliasFileError",
    "DataFileError",
    "GazetteerError",
    "PackError",
    "Problem",
    "ProblemCode",
    "RuleFileError",
    "UnknownEntityError",
    "UnknownKindError",
    "UnresolvedError",
    "sort_problems",
]

# What went wrong, for a program to act on (the message is for a person).
# docs/aliases.md ("What is checked") describes each.
ProblemCode = Literal[
    # reading a file
    "no-such-file",
    "no-yaml-files",
    "cannot-read",
    "not-utf8",
    "yaml-syntax",
    "yaml-tag",
    "yaml-alias",
    # the shape of a file (alias files and rule files)
    "bad-type",
    "empty-value",
    "unknown-field",
    "missing-field",
    "duplicate-key",
    "duplicate-value",
    "bad-value",
    "unknown-file",
    # what the values mean
    "bad-id",
    "unknown-kind",
    "duplicate-id",
    "bad-language",
    "empty-name",
    "control-character",
    "mixed-script",
    "contradiction",
    "not-an-overlay",
    "unknown-reference",
    "bad-reference",
    "too-many-aliases",
    # a warning of `gazetteer validate`
    "ambiguous-alias",
]
PROBLEM_CODES: tuple[ProblemCode, ...] = get_args(ProblemCode)


class GazetteerError(Exception):
    """Base class of every error the library raises on purpose."""


@attrs.frozen
class Problem:
    """One problem found in an alias source or a rule file: where it is, what
    is wrong (``message``, for a person) and which kind of problem it is
    (``code``, one of :data:`PROBLEM_CODES`, for a program)."""

    source: str
    line: int | None
    message: str
    code: ProblemCode = attrs.field(kw_only=True)

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file and line order."""
    return sorted(problems, key=lambda p: (p.source, p.line or 0))


class DataFileError(GazetteerError):
    """One or more files are invalid; nothing was loaded.

    ``problems`` lists every problem found, in file and line order; the
    message is the first of them.
    """

    _nothing = "invalid data file"  # the message when no problem was given

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = str(self.problems[0]) if self.problems else self._nothing
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(first + suffix)


class AliasFileError(DataFileError):
    """One or more alias files are invalid; nothing was loaded."""

    _nothing = "invalid alias source"


class RuleFileError(DataFileError):
    """One or more of the library's rule files (``_data/``: inflection,
    transliteration, folding ...) are invalid; nothing was loaded from them."""

    _nothing = "invalid rule file"


class UnknownEntityError(GazetteerError, KeyError):
    """No entity has the id that was asked for."""

    def __str__(self) -> str:
        return f"no entity with id {self.args[0]!r}"


class UnknownKindError(GazetteerError, ValueError):
    """A ``kinds`` filter named a kind that does not exist."""


class InvalidArgumentError(GazetteerError, ValueError):
    """An argument's value is outside the values it may take (``min_score``
    outside 0 to 1); the message says which and why."""


class PackError(GazetteerError):
    """A data pack was asked for that does not exist, or whose package is not
    installed (the message says what to install)."""


class UnresolvedError(GazetteerError):
    """:meth:`Resolution.expect <gazetteer.Resolution.expect>` was called on a
    query that is ambiguous or was not found; the message says which."""
