"""Columns and tables that open without reading every entry.

A :class:`Strings` is the UTF-8 bytes of its strings, each followed by a
space, and the byte offsets where each string starts; a :class:`Numbers` is
an array of unsigned numbers; a :class:`Groups` numbers the runs of another
column (the entries of a key: ``starts[i]`` to ``starts[i + 1]``). A
:class:`Table` maps the strings of one column (its keys) to the values of
another, found by binary search (over the keys' bytes: UTF-8 sorts as the
code points do) through a sorted order of the keys. Opening one copies a few
large byte strings and arrays: no string is decoded until it is asked for,
so a process that asks a few questions of a 20 MB index (the command line)
does not pay for reading all of it. Once asked many questions, a column or
table turns itself into a plain tuple or dict, as fast as one read whole.

A string is decoded as it is read; bytes that are not UTF-8 (only a forged
file has them: the cache checks every file's checksum) read as U+FFFD, never
an exception. A column read whole as ``strict`` refuses them (ValueError).

Stored as a one-line JSON manifest (the columns' names and sizes) and the
columns: each column's offsets or numbers (unsigned 32-bit, little-endian,
as they are in memory: read by copying, not parsing), then, for strings,
their bytes (UTF-8; lone surrogates pass). The space after each string lets
a column of numbers written as text be read as one text (``split()``).
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Generic, Protocol, TypeVar, overload

__all__ = [
    "Column",
    "Groups",
    "Numbers",
    "Strings",
    "Table",
    "decode_columns",
    "encode_columns",
    "numbers",
    "text",
]

_TYPE = "I" if array("I").itemsize == 4 else "L"  # 4 bytes a number
_SWAP = sys.byteorder != "little"
_PROMOTE = 5000  # look-ups after which a column or table is made whole
V = TypeVar("V")
V_co = TypeVar("V_co", covariant=True)


def numbers(values: Sequence[int] = ()) -> array[int]:
    """An array of unsigned 32-bit numbers, as a column of numbers is stored."""
    return array(_TYPE, values)


def text(data: bytes) -> str:
    """``data`` decoded (lone surrogates pass); bytes that are not UTF-8 read
    as U+FFFD: never an exception."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")


def _array(data: bytes | memoryview) -> array[int]:
    found = numbers()
    found.frombytes(data)
    if _SWAP:  # pragma: no cover - big-endian machines
        found.byteswap()
    return found


def _bytes(values: Sequence[int]) -> bytes:
    found = numbers(values)
    if _SWAP:  # pragma: no cover
        found.byteswap()
    return found.tobytes()


class Column(Protocol[V_co]):
    """What a table reads its values from: the value at a position, and every value."""

    def __len__(self) -> int: ...
    def one(self, position: int) -> V_co: ...
    def whole(self) -> tuple[V_co, ...]: ...


class Strings(Sequence[str]):
    """A column of strings: their UTF-8 bytes, each followed by a space, and
    where each starts (the last offset is the length of the bytes)."""

    __slots__ = ("_asked", "_base", "_data", "_ends", "_whole")

    def __init__(self, data: bytes, ends: array[int], base: int = 0) -> None:
        # The strings are data[base + ends[i] : base + ends[i + 1] - 1] (data:
        # the whole file, not copied); ends[0] == 0 and base + ends[-1] <=
        # len(data) (checked by decode_columns)
        self._data = data
        self._ends = ends
        self._base = base
        self._asked = 0
        self._whole: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self._ends) - 1

    @property
    def data(self) -> bytes:
        """The column's bytes (each string followed by a space): a copy."""
        return self._data[self._base : self._base + self._ends[-1]]

    def raw(self, position: int) -> bytes:
        """The bytes of one string (``position`` in range)."""
        base, ends = self._base, self._ends
        return self._data[base + ends[position] : base + ends[position + 1] - 1]

    def one(self, position: int) -> str:
        """One string (``position`` in range)."""
        return text(self.raw(position))

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
        return self.one(position)

    def whole(self, strict: bool = False) -> tuple[str, ...]:
        """Every string, made once (``strict``: ValueError if some are not UTF-8)."""
        whole = self._whole
        if whole is None:
            data, ends = self.data, self._ends
            pairs = zip(ends, islice(ends, 1, None), strict=False)
            if data.isascii():  # offsets in the text are those in the bytes
                decoded = data.decode("ascii")
                whole = tuple(decoded[start : end - 1] for start, end in pairs)
            elif strict:
                whole = tuple(data[s : e - 1].decode("utf-8", "surrogatepass") for s, e in pairs)
            else:
                whole = tuple(text(data[start : end - 1]) for start, end in pairs)
            self._whole = whole
        return whole

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __reduce__(self) -> tuple[type[tuple[str, ...]], tuple[tuple[str, ...]]]:
        return (tuple, (self.whole(),))  # a pickle carries a plain tuple


class Numbers:
    """A column of numbers, as a table's values."""

    __slots__ = ("values",)

    def __init__(self, values: array[int]) -> None:
        self.values = values

    def __len__(self) -> int:
        return len(self.values)

    def one(self, position: int) -> int:
        found: int = self.values[position]
        return found

    def whole(self) -> tuple[int, ...]:
        return tuple(self.values)


class Nothing:
    """A column of ``None``: the values of a table that is a set of keys."""

    __slots__ = ("_size",)

    def __init__(self, size: int) -> None:
        self._size = size

    def __len__(self) -> int:
        return self._size

    def one(self, position: int) -> None:
        return None

    def whole(self) -> tuple[None, ...]:
        return (None,) * self._size


class Groups(Generic[V]):
    """The runs of the rows of other columns, one run a position: run ``i`` is
    rows ``starts[i]`` to ``starts[i + 1]``, made into a value by ``make``
    (given the start and the end). Starts out of order make empty or other
    runs, never an error: ``make`` must accept any two numbers (slicing
    does)."""

    __slots__ = ("_make", "_starts")

    def __init__(self, starts: array[int], make: Callable[[int, int], V]) -> None:
        self._starts = starts
        self._make = make

    @staticmethod
    def checked(starts: array[int], rows: int, what: str) -> array[int]:
        """``starts``, checked (ValueError): they span ``rows`` rows. (A start
        past the rows only makes a shorter run.)"""
        if not starts or starts[0] != 0 or starts[-1] != rows:
            raise ValueError(f"the {what} do not span their entries")
        return starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def one(self, position: int) -> V:
        return self._make(self._starts[position], self._starts[position + 1])

    def whole(self) -> tuple[V, ...]:
        make, starts = self._make, self._starts
        return tuple(make(a, b) for a, b in zip(starts, islice(starts, 1, None), strict=False))


class Table(Mapping[str, V]):
    """A read-only mapping of the strings of ``keys`` to the values of
    ``values`` (``order``: the positions of the keys in sorted order; None
    when the keys are sorted)."""

    __slots__ = ("_asked", "_dict", "_keys", "_order", "_values")

    def __init__(self, keys: Strings, values: Column[V], order: array[int] | None = None) -> None:
        # len(keys) == len(values) == len(order) (checked by table()); an
        # order past the keys, or keys out of order, only hide keys
        self._keys = keys
        self._values = values
        self._order = order
        self._asked = 0
        self._dict: dict[str, V] | None = None

    def _find(self, key: str) -> int:
        """The position of ``key``, or -1."""
        wanted = key.encode("utf-8", "surrogatepass")
        order, raw = self._order, self._keys.raw
        low, high = 0, len(self._keys)
        try:
            if order is None:
                while low < high:
                    middle = (low + high) >> 1
                    if raw(middle) < wanted:
                        low = middle + 1
                    else:
                        high = middle
                return low if low < len(self._keys) and raw(low) == wanted else -1
            while low < high:
                middle = (low + high) >> 1
                if raw(order[middle]) < wanted:
                    low = middle + 1
                else:
                    high = middle
            if low < len(order) and raw(order[low]) == wanted:
                found: int = order[low]
                return found
        except IndexError:  # an order past the keys (a forged file)
            pass
        return -1

    def _asking(self) -> dict[str, V] | None:
        found = self._dict
        if found is None:
            self._asked += 1
            if self._asked > _PROMOTE:
                found = self.whole()
        return found

    def whole(self) -> dict[str, V]:
        """The table as a dict, made once."""
        found = self._dict
        if found is None:
            found = self._dict = dict(zip(self._keys.whole(), self._values.whole(), strict=True))
        return found

    def __getitem__(self, key: str) -> V:
        whole = self._asking()
        if whole is not None:
            return whole[key]
        position = self._find(key) if isinstance(key, str) else -1
        if position < 0:
            raise KeyError(key)
        return self._values.one(position)

    def __contains__(self, key: object) -> bool:
        whole = self._asking()
        if whole is not None:
            return key in whole
        return isinstance(key, str) and self._find(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __len__(self) -> int:
        return len(self._keys)

    def __reduce__(self) -> tuple[type[dict[str, V]], tuple[dict[str, V]]]:
        return (dict, (self.whole(),))  # a pickle carries a plain dict


def sorted_order(keys: Sequence[str]) -> array[int]:
    """The positions of ``keys`` in sorted order (the ``order`` of a table)."""
    return numbers(sorted(range(len(keys)), key=keys.__getitem__))


def table(keys: Strings, values: Column[V], order: array[int] | None, what: str) -> Table[V]:
    """A table, checked (ValueError): as many keys, values and orders. (An
    order past the keys only hides keys: checking each would cost more
    than the rest of the opening.)"""
    if len(keys) != len(values) or (order is not None and len(order) != len(keys)):
        raise ValueError(f"the {what} do not match their keys")
    return Table(keys, values, order)


def encode_columns(columns: Mapping[str, Sequence[str] | array[int]]) -> bytes:
    """Columns of strings or of numbers (an ``array``: stored as numbers
    alone), named ``part.column``, as bytes."""
    sizes: dict[str, dict[str, list[int]]] = {}
    parts: list[bytes] = []
    for name, column in columns.items():
        part, _, field = name.partition(".")
        if isinstance(column, array):  # numbers
            data = _bytes(column)
            sizes.setdefault(part, {})[field] = [len(column), len(data), -1]
            parts.append(data)
            continue
        encoded = [f"{string} ".encode("utf-8", "surrogatepass") for string in column]
        ends = [0]
        for chunk in encoded:
            ends.append(ends[-1] + len(chunk))
        joined = b"".join(encoded)
        data = _bytes(ends)
        sizes.setdefault(part, {})[field] = [len(column), len(data), len(joined)]
        parts += [data, joined]
    manifest = json.dumps({"columns": sizes}, separators=(",", ":")).encode("ascii")
    return b"\n".join([manifest, b"".join(parts)])


def decode_columns(data: bytes | memoryview, start: int = 0) -> dict[str, Strings | array[int]]:
    """The columns of :func:`encode_columns`, by ``part.column``, from
    ``data[start:]`` (ValueError if malformed: sizes that do not add up,
    offsets that do not span their strings). The columns of strings keep
    ``data`` (bytes are not copied)."""
    if not isinstance(data, bytes):
        data = bytes(data)
    view = memoryview(data)
    newline = data.find(b"\n", start, start + 4096)
    if newline < 0:
        raise ValueError("no manifest")
    manifest = json.loads(data[start:newline])
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
        if span % 4 or at + span > len(view):
            raise ValueError(f"{name}: malformed offsets")
        values = _array(view[at : at + span])
        at += span
        if text_span < 0:
            if len(values) != count:
                raise ValueError(f"{name}: not {count} numbers")
            found[name] = values
            continue
        if len(values) != count + 1:
            raise ValueError(f"{name}: not {count} strings")
        # Offsets out of order only make other strings (slicing bytes never
        # fails, and decoding a string never does): checking each would cost
        # more than the rest of the opening.
        if at + text_span > len(view) or values[0] != 0 or values[-1] != text_span:
            raise ValueError(f"{name}: offsets that do not span its strings")
        found[name] = Strings(data, values, at)
        at += text_span
    if at != len(view):
        raise ValueError("the columns do not fill the file")
    return found
