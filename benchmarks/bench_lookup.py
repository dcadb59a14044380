"""Benchmark: load time and exact lookups per second, against a dict.get baseline.

Run from the repository root:

    python benchmarks/bench_lookup.py

Every figure is taken in this one process: the machine is noisy, so the
comparison that matters is the ratio to the baseline measured beside it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from collections.abc import Callable

import gazetteer
from gazetteer import loader
from timing import best_of


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    os.environ["GAZETTEER_CACHE_DIR"] = tempfile.mkdtemp(prefix="gazetteer-bench-")
    # the first load on a machine: reads the index compiled into the wheel,
    # or (from a source checkout) compiles it and writes the cache
    compiled = loader.compiled_dir().is_dir()
    cold = best_of(1, lambda: gazetteer.load())[1]
    warm = best_of(args.repeats, lambda: gazetteer.load())[1]
    uncached = best_of(2, lambda: gazetteer.load(cache=False))[1]
    g = gazetteer.load()
    g.resolve("Mirzijojew")  # builds the cross-script index outside the timings

    rng = random.Random(7)
    pairs = [(a.text, e.id) for e in g.entities for a in e.aliases]
    table = dict(pairs)  # the baseline: exact text → id, no normalisation at all
    queries = [text for text, _ in rng.sample(pairs, args.queries)]
    noisy = [q.upper() for q in queries]

    def baseline() -> None:
        get = table.get
        for q in queries:
            get(q)

    def resolve(batch: list[str]) -> Callable[[], None]:
        def run() -> None:
            for q in batch:
                g.resolve(q)

        return run

    base = best_of(args.repeats, baseline)[1]
    exact = best_of(args.repeats, resolve(queries))[1]
    folded = best_of(args.repeats, resolve(noisy))[1]
    found = statistics.mean(g.resolve(q).status is not gazetteer.Status.NOT_FOUND for q in noisy)

    n = len(queries)
    print(f"python {sys.version.split()[0]}, {len(g)} entities, {len(pairs)} aliases")
    first = "reads the wheel's compiled index" if compiled else "compiles, writes the cache"
    print(f"load, first ({first}): {cold:7.3f} s")
    print(f"load, again:                    {warm:7.3f} s")
    print(f"load, cache disabled:           {uncached:7.3f} s")
    print(f"baseline dict.get:              {n / base:12,.0f} lookups/s")
    print(
        f"resolve, alias as written:      {n / exact:12,.0f} lookups/s  "
        f"({exact / base:.1f}x the baseline's time per lookup)"
    )
    print(
        f"resolve, alias upper-cased:     {n / folded:12,.0f} lookups/s  "
        f"({folded / base:.1f}x the baseline's time); found {found:.1%} "
        f"(the baseline finds none)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
