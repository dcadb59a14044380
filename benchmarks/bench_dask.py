"""Benchmark: tagging a column of texts on a local Dask cluster.

Run from the repository root (needs pip install '.[dask]'):

    python benchmarks/bench_dask.py            # --megabytes 4 --workers 2

Tags the development corpus (benchmarks/data/tagging.txt), repeated to
--megabytes MB, one text per row, in one process and then with
``gazetteer.dataframe.tag_column`` on a local cluster of --workers worker
processes, and prints both throughputs and what shipping the gazetteer to
the workers cost (``share``: making the tag index here, pickling, sending).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

import gazetteer
from bench_tag import read_corpus
from gazetteer.dataframe import mention_record, share, tag_column


def _texts() -> list[str]:
    return [text for _, text, _ in read_corpus()]


def _rows(spec: tuple[int, int, int]) -> pd.Series:
    """Part ``k`` of ``parts`` of the corpus repeated to ``total`` rows."""
    k, parts, total = spec
    texts = _texts()
    begin, end = k * total // parts, (k + 1) * total // parts
    return pd.Series([texts[i % len(texts)] for i in range(begin, end)], name="text")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=2, help="partitions per worker")
    parser.add_argument("--pack", action="append", default=[], help="load a data pack too")
    args = parser.parse_args()
    os.environ.setdefault("GAZETTEER_CACHE_DIR", tempfile.mkdtemp(prefix="gazetteer-bench-"))

    texts = _texts()
    size = sum(len(t.encode("utf-8")) for t in texts)
    rows = [texts[i % len(texts)] for i in range(int(args.megabytes * 1e6 / size * len(texts)))]
    mb = sum(len(t.encode("utf-8")) for t in rows) / 1e6
    g = gazetteer.load(packs=args.pack)
    g.tag("")  # the tag index, made once here, as share() does

    start = time.perf_counter()
    here = [[mention_record(m) for m in g.tag(text)] for text in rows]
    one = time.perf_counter() - start

    # Each worker reads its own rows, as it would read files, and the
    # mentions are counted where they were found, as a pipeline that writes
    # its results out would do: neither the texts nor the results cross the
    # network, only the counts.
    parts = args.workers * args.partitions
    frame = dd.from_map(_rows, [(k, parts, len(rows)) for k in range(parts)])
    with (
        LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter()
        shared = share(client, g, tag=True)
        ship = time.perf_counter() - start
        start = time.perf_counter()
        counts = tag_column(frame, shared).map(len, meta=(None, int)).sum().compute()
        many = time.perf_counter() - start
        sample = list(tag_column(frame.head(500, compute=False), shared).compute())

    assert counts == sum(map(len, here)), "the cluster found other mentions"
    assert sample == here[:500], "the cluster's mentions differ from the single process's"
    print(f"python {sys.version.split()[0]}; {len(g)} entities; packs: {args.pack or 'none'}")
    print(f"{len(rows)} texts, {mb:.1f} MB; {sum(map(len, here))} mentions (equal on both)")
    print(f"one process:             {mb / one:6.2f} MB/s")
    print(f"dask, {args.workers} worker processes: {mb / many:6.2f} MB/s  ({one / many:.2f}x)")
    print(f"shipping the gazetteer to the workers (share): {ship:.1f} s, once")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
