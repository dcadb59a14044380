"""Benchmark: tagging time grows linearly with the text, whatever the text.

Hostile inputs (one hyphenated word of thousands of parts, a name repeated
without spaces, capitalised words that start names but never finish one,
arbitrary Unicode) are tagged at 10, 20, 40 and 80 KB; each size's time is
given as a ratio to the 10 KB time of the same input, taken in the same
process. Each time is the first tagging by a fresh copy of the gazetteer
(unpickled, its indexes made, its memos empty), best of three: a memo
filled by an earlier run would hide the cost.  Linear growth reads 1, 2, 4, 8.

    python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import pickle
import random
import sys
import time
from collections.abc import Callable

import gazetteer

SIZES = (10_000, 20_000, 40_000, 80_000)


def _inputs() -> dict[str, Callable[[int], str]]:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x20, 0x2FF)] + list("АБВГДЕЖЗИЙКЛМНОПабвгдежзийклмноп-’'«» ")
    noise = "".join(rng.choice(alphabet) for _ in range(max(SIZES)))
    return {
        "one hyphenated word (Aa-Aa-...)": lambda n: "-".join(["Aa"] * (n // 3)),
        "a name, hyphenated (Баку-Баку-...)": lambda n: "-".join(["Баку"] * (n // 5)),
        "names that never finish (Северна Северна ...)": lambda n: " ".join(["Северна"] * (n // 8)),
        "apostrophes (Türkiye'nin'nin...)": lambda n: "Türkiye" + "'nin" * (n // 4),
        "arbitrary characters": lambda n: noise[:n],
    }


def _first_tag(blob: bytes, text: str) -> float:
    """The fastest of three first taggings of ``text`` by fresh copies."""
    best = float("inf")
    for _ in range(3):
        g = pickle.loads(blob)
        start = time.perf_counter()
        g.tag(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    g = gazetteer.load()
    g.prepare(resolve=False)
    blob = pickle.dumps(g)
    print(f"{'input':48} " + " ".join(f"{size // 1000:>5} KB" for size in SIZES))
    for name, make in _inputs().items():
        times = [_first_tag(blob, make(size)) for size in SIZES]
        ratios = " ".join(f"{t / times[0]:7.1f}" for t in times)
        print(f"{name:48} {ratios}   (10 KB: {times[0] * 1000:.1f} ms; 80 KB: {times[-1]:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
