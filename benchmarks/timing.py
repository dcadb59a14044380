"""Timing shared by the benchmark scripts (imported from their own folder)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def best_of(runs: int, fn: Callable[[], T]) -> tuple[T, float]:
    """The result of ``fn`` and its fastest time in seconds over ``runs`` runs:
    the run least disturbed by whatever else the machine was doing."""
    best = float("inf")
    result: T
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return result, best
