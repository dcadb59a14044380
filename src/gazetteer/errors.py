"""The library's own exceptions. Every error it raises on purpose is a
:class:`GazetteerError`, with a message a user can act on."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "AliasFileError",
    "GazetteerError",
    "PackError",
    "Problem",
    "UnknownEntityError",
    "UnknownKindError",
    "sort_problems",
]


class GazetteerError(Exception):
    """Base class of every error the library raises on purpose."""


@attrs.frozen
class Problem:
    """One problem found in an alias source: where it is and what is wrong."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file and line order."""
    return sorted(problems, key=lambda p: (p.source, p.line or 0))


class AliasFileError(GazetteerError):
    """One or more alias files are invalid; nothing was loaded.

    ``problems`` lists every problem found, in file and line order.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = str(self.problems[0]) if self.problems else "invalid alias source"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(first + suffix)


class UnknownEntityError(GazetteerError, KeyError):
    """No entity has the id that was asked for."""

    def __str__(self) -> str:
        return f"no entity with id {self.args[0]!r}"


class UnknownKindError(GazetteerError, ValueError):
    """A ``kinds`` filter named a kind that does not exist."""


class PackError(GazetteerError):
    """A data pack was asked for that does not exist, or whose package is not
    installed (the message says what to install)."""
