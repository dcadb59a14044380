"""A value made on first use, once, whichever thread asks first."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Lazy"]

T = TypeVar("T")


class Lazy(Generic[T]):
    """``Lazy(make).get()`` calls ``make`` the first time, under a lock, and
    returns the same value ever after."""

    __slots__ = ("_lock", "_make", "_value")

    def __init__(self, make: Callable[[], T], value: T | None = None) -> None:
        self._make = make
        self._value: T | None = value  # given: already made (say, unpickled)
        self._lock = threading.Lock()

    def peek(self) -> T | None:
        """The value if it has been made, else None (never makes it)."""
        return self._value

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._make()
                value = self._value
        return value
