"""The baselines the benchmarks share (imported from their own folder)."""

from __future__ import annotations

from typing import Any


def automaton_spans(automaton: Any, text: str) -> list[tuple[int, int]]:
    """The spans of a pyahocorasick automaton's matches in ``text`` (lower-cased
    first) that stand as whole words, as a plain exact-match tagger reports
    them."""
    lowered = text.lower()
    found = []
    for end, length in automaton.iter(lowered):
        begin = end - length + 1
        before = lowered[begin - 1] if begin > 0 else " "
        after = lowered[end + 1] if end + 1 < len(lowered) else " "
        if not before.isalnum() and not after.isalnum():
            found.append((begin, end + 1))
    return found
