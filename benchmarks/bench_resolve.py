"""Benchmark: cross-script and fuzzy resolution on the development set.

Run from the repository root:

    python benchmarks/bench_resolve.py

Prints top-1 accuracy on benchmarks/data/variants.tsv, the false-positive
rate on benchmarks/data/negatives.txt and queries per second, for the
gazetteer and, in the same process, for the naive baseline users hand-roll:
rapidfuzz ``process.extractOne`` with ``WRatio`` over every alias
(casefolded), cut-off 85.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, process, utils

import gazetteer

DATA = Path(__file__).parent / "data"


def read_variants() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "variants.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected = line.split("\t")
            rows.append((query, expected))
    return rows


def read_negatives() -> list[str]:
    lines = (DATA / "negatives.txt").read_text("utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=0,
        help="run the baseline on every Nth query only (0: all)",
    )
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("GAZETTEER_CACHE_DIR", tempfile.mkdtemp(prefix="gazetteer-bench-"))

    variants = read_variants()
    negatives = read_negatives()
    queries = [q for q, _ in variants] + negatives

    g, load_s = timed(gazetteer.load)
    assert isinstance(g, gazetteer.Gazetteer)
    _, build_s = timed(lambda: g.resolve("Mirzijojew"))  # builds the cross-script index

    results, ours_s = timed(lambda: [g.resolve(q) for q in queries])
    batch, batch_s = timed(lambda: g.resolve_all(queries))
    assert isinstance(results, list) and batch == results
    # A batch as news gives it: every name several times, in varied case and spacing.
    noisy = [f(q) for q in queries for f in (str, str.upper, str.lower, lambda s: f" {s} ")]
    loop_noisy, loop_noisy_s = timed(lambda: [g.resolve(q) for q in noisy])
    batch_noisy, batch_noisy_s = timed(lambda: g.resolve_all(noisy))
    assert batch_noisy == loop_noisy
    by_query = dict(zip(queries, results, strict=True))
    hits = [q for q, want in variants if (e := by_query[q].entity) is not None and e.id == want]
    false_pos = [q for q in negatives if by_query[q].status is not gazetteer.Status.NOT_FOUND]

    choices = [a.key for e in g.entities for a in e.aliases]
    owners = [e.id for e in g.entities for a in e.aliases]
    step = args.baseline_sample or 1
    base_variants = variants[::step]
    base_negatives = negatives[::step]

    def baseline(query: str) -> str | None:
        found = process.extractOne(
            query, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=85
        )
        return owners[found[2]] if found else None

    base_queries = [q for q, _ in base_variants] + base_negatives
    base_results, base_s = timed(lambda: [baseline(q.casefold()) for q in base_queries])
    assert isinstance(base_results, list)
    base_by = dict(zip(base_queries, base_results, strict=True))
    base_hits = sum(base_by[q] == want for q, want in base_variants)
    base_fp = sum(base_by[q] is not None for q in base_negatives)

    ours_qps = len(queries) / ours_s
    batch_qps = len(queries) / batch_s
    base_qps = len(base_queries) / base_s
    print(
        f"python {sys.version.split()[0]}; {len(g)} entities, {len(choices)} aliases; "
        f"{len(variants)} variants, {len(negatives)} negatives"
    )
    print(f"load {load_s:.2f} s; cross-script index built on first use in {build_s:.2f} s")
    print(f"{'':28}{'top-1':>8}{'false pos':>11}{'queries/s':>12}")
    print(
        f"{'gazetteer resolve':28}{len(hits) / len(variants):8.3f}"
        f"{len(false_pos) / len(negatives):11.3f}{ours_qps:12,.0f}"
    )
    print(f"{'gazetteer resolve_all':28}{'':8}{'':11}{batch_qps:12,.0f}")
    print(
        f"repeated names ({len(noisy)} queries, each name 4 times in varied case): "
        f"resolve {len(noisy) / loop_noisy_s:,.0f}/s, resolve_all "
        f"{len(noisy) / batch_noisy_s:,.0f}/s"
    )
    print(
        f"{'baseline WRatio extractOne':28}{base_hits / len(base_variants):8.3f}"
        f"{base_fp / len(base_negatives):11.3f}{base_qps:12,.1f}"
    )
    print(
        f"speed-up: {ours_qps / base_qps:.0f}x (resolve), {batch_qps / base_qps:.0f}x (resolve_all)"
    )
    if args.show_misses:
        for q, want in variants:
            if q not in hits:
                r = by_query[q]
                got = [m.entity.id for m in (r.tied or r.candidates[:3])]
                print(f"MISS {q!r} want {want} got {r.status.value} {got}")
        for q in false_pos:
            r = by_query[q]
            print(f"FP {q!r} -> {[(m.entity.id, m.method.value, m.score) for m in r.tied]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
