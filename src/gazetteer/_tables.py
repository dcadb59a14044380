"""Columns and tables of text that open without reading every entry.

A :class:`Strings` is one text, its strings each followed by a space, and
the offsets where each string starts; a :class:`Table` maps the strings of
one column (its keys) to those of another (its values), found by binary
search through a sorted order of the
keys. Opening one decodes a few large strings and copies the offsets: no
string of the column is made until it is asked for, so a process that asks
a few questions of a 17 MB index (the command line) does not pay for
reading all of it. Once asked many questions, a column or table turns
itself into a plain tuple or dict, as fast as one read whole.

Stored as UTF-8 text: a one-line JSON manifest (the columns' names and
sizes) and the columns: each column's offsets (unsigned 32-bit,
little-endian, in base64), then its text (UTF-8; lone surrogates pass). The space after each string
lets a column of numbers be read as one text (``text.split()``).
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import overload

__all__ = ["Strings", "Table", "decode_columns", "encode_columns"]

_TYPE = "I" if array("I").itemsize == 4 else "L"
_SWAP = sys.byteorder != "little"
_PROMOTE = 5000  # look-ups after which a column or table is made whole


def _array(data: bytes | memoryview) -> array[int]:
    found = array(_TYPE)
    found.frombytes(data)
    if _SWAP:  # pragma: no cover - big-endian machines
        found.byteswap()
    return found


def _bytes(numbers: Sequence[int]) -> bytes:
    found = array(_TYPE, numbers)
    if _SWAP:  # pragma: no cover
        found.byteswap()
    return found.tobytes()


class Strings(Sequence[str]):
    """A column of strings: one text and where each string starts (each is
    followed by a space; the last offset is the text's length)."""

    __slots__ = ("_asked", "_ends", "_text", "_whole")

    def __init__(self, text: str, ends: array[int]) -> None:
        # ends[0] == 0 and ends[-1] == len(text) (checked by decode_columns)
        self._text = text
        self._ends = ends
        self._asked = 0
        self._whole: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self._ends) - 1

    def _one(self, position: int) -> str:
        return self._text[self._ends[position] : self._ends[position + 1] - 1]

    @overload
    def __getitem__(self, position: int) -> str: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[str]: ...
    def __getitem__(self, position: int | slice) -> str | Sequence[str]:
        whole = self._whole
        if whole is not None:
            return whole[position]
        if isinstance(position, slice):
            return self.whole()[position]
        self._asked += 1
        if self._asked > _PROMOTE:
            return self.whole()[position]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError("column index out of range")
        return self._one(position)

    def whole(self) -> tuple[str, ...]:
        """Every string, made once."""
        whole = self._whole
        if whole is None:
            text, ends = self._text, self._ends
            whole = self._whole = tuple(
                text[start : end - 1]
                for start, end in zip(ends, islice(ends, 1, None), strict=False)
            )
        return whole

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __reduce__(self) -> tuple[type[tuple[str, ...]], tuple[tuple[str, ...]]]:
        return (tuple, (self.whole(),))  # a pickle carries a plain tuple


class Table(Mapping[str, str]):
    """A read-only mapping of the strings of ``keys`` to those of ``values``
    (``order``: the positions of the keys in sorted order)."""

    __slots__ = ("_asked", "_dict", "_keys", "_order", "_values")

    def __init__(self, keys: Strings, values: Strings, order: array[int]) -> None:
        self._keys = keys
        self._values = values
        self._order = order
        self._asked = 0
        self._dict: dict[str, str] | None = None

    def _find(self, key: str) -> int:
        """The position of ``key``, or -1."""
        order, one = self._order, self._keys._one
        low, high = 0, len(order)
        while low < high:
            middle = (low + high) >> 1
            if one(order[middle]) < key:
                low = middle + 1
            else:
                high = middle
        if low < len(order) and one(order[low]) == key:
            return order[low]
        return -1

    def _asking(self) -> dict[str, str] | None:
        found = self._dict
        if found is None:
            self._asked += 1
            if self._asked > _PROMOTE:
                found = self.whole()
        return found

    def whole(self) -> dict[str, str]:
        """The table as a dict, made once."""
        found = self._dict
        if found is None:
            found = self._dict = dict(zip(self._keys.whole(), self._values.whole(), strict=True))
        return found

    def __getitem__(self, key: str) -> str:
        whole = self._asking()
        if whole is not None:
            return whole[key]
        position = self._find(key) if isinstance(key, str) else -1
        if position < 0:
            raise KeyError(key)
        return self._values._one(position)

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        whole = self._asking()
        if whole is not None:
            return key in whole
        return isinstance(key, str) and self._find(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __len__(self) -> int:
        return len(self._keys)

    def __reduce__(self) -> tuple[type[dict[str, str]], tuple[dict[str, str]]]:
        return (dict, (self.whole(),))  # a pickle carries a plain dict


def encode_columns(columns: Mapping[str, Sequence[str] | Sequence[int]]) -> bytes:
    """Columns of strings (or of numbers: stored as offsets alone), named
    ``part.column``, as bytes (UTF-8 text: the offsets in base64)."""
    sizes: dict[str, dict[str, list[int]]] = {}
    parts: list[bytes] = []
    for name, column in columns.items():
        part, _, field = name.partition(".")
        if column and not isinstance(column[0], str):  # numbers
            data = base64.b64encode(_bytes(column))  # type: ignore[arg-type]
            sizes.setdefault(part, {})[field] = [len(column), len(data), -1]
            parts.append(data)
            continue
        strings: Sequence[str] = column  # type: ignore[assignment]
        ends = [0]
        for string in strings:
            ends.append(ends[-1] + len(string) + 1)
        text = "".join(f"{string} " for string in strings).encode("utf-8", "surrogatepass")
        data = base64.b64encode(_bytes(ends))
        sizes.setdefault(part, {})[field] = [len(strings), len(data), len(text)]
        parts += [data, text]
    manifest = json.dumps({"columns": sizes}, separators=(",", ":")).encode("ascii")
    return b"\n".join([manifest, b"".join(parts)])


def decode_columns(data: bytes | memoryview) -> dict[str, Strings | array[int]]:
    """The columns of :func:`encode_columns`, by ``part.column`` (ValueError if
    malformed: sizes that do not add up, text that is not UTF-8, offsets that
    do not span it)."""
    view = memoryview(data)
    newline = bytes(view[:4096]).find(b"\n")
    if newline < 0:
        raise ValueError("no manifest")
    manifest = json.loads(bytes(view[:newline]))
    sizes = manifest.get("columns") if isinstance(manifest, dict) else None
    if not isinstance(sizes, dict) or not all(isinstance(v, dict) for v in sizes.values()):
        raise ValueError("a malformed manifest")
    found: dict[str, Strings | array[int]] = {}
    at = newline + 1
    for name, size in ((f"{p}.{c}", n) for p, cs in sizes.items() for c, n in cs.items()):
        if not (
            isinstance(size, list)
            and len(size) == 3
            and all(type(n) is int and n >= -1 for n in size)
            and size[0] >= 0
            and size[1] >= 0
        ):
            raise ValueError(f"a malformed size of {name}")
        count, span, text_span = size
        try:
            numbers = _array(binascii.a2b_base64(view[at : at + span]))
        except binascii.Error:
            raise ValueError(f"{name}: malformed offsets") from None
        at += span
        if text_span < 0:
            if len(numbers) != count:
                raise ValueError(f"{name}: not {count} numbers")
            found[name] = numbers
            continue
        if len(numbers) != count + 1:
            raise ValueError(f"{name}: not {count} strings")
        text = str(view[at : at + text_span], "utf-8", "surrogatepass")
        at += text_span
        # Offsets out of order only make other strings (slicing a str never
        # fails): checking each would cost more than the rest of the opening.
        if numbers[0] != 0 or numbers[-1] != len(text):
            raise ValueError(f"{name}: offsets that do not span its text")
        found[name] = Strings(text, numbers)
    if at != len(view):
        raise ValueError("the columns do not fill the file")
    return found
