"""Benchmark: tagging quality on the development corpus, and tagging speed.

Run from the repository root:

    python benchmarks/bench_tag.py                # the bundled data
    python benchmarks/bench_tag.py --pack cities  # with the cities pack

Prints precision, recall and F1 per language on benchmarks/data/tagging.txt
(a mention counts when its span and its entity both equal the gold ones),
then the throughput (the best of three runs each) on that corpus repeated to
at least --megabytes MB,
beside two baselines loaded with the same aliases, uninflected, in the same
process: flashtext's KeywordProcessor and a pyahocorasick automaton with a
word-boundary check (install them with pip install '.[bench]'). Each of the
three returns the spans it finds; each runs with only its own results alive.
The gazetteer's answer (a Mentions sequence) makes each Mention object as it
is read, so its time is given twice: tagging alone, and tagging with every
Mention read once.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import gazetteer
from baselines import automaton_spans
from timing import best_of

DATA = Path(__file__).parent / "data" / "tagging.txt"
_GOLD = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def read_corpus() -> list[tuple[str, str, set[tuple[int, int, str]]]]:
    """(language, plain text, gold mentions as (start, end, entity id))."""
    out = []
    for line in DATA.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, marked = line.split("\t", 1)
        plain, gold, at = [], set(), 0
        for m in _GOLD.finditer(marked):
            plain.append(marked[at : m.start()])
            start = sum(len(p) for p in plain)
            plain.append(m.group(1))
            gold.add((start, start + len(m.group(1)), m.group(2)))
            at = m.end()
        plain.append(marked[at:])
        out.append((lang, "".join(plain), gold))
    return out


def score(g: gazetteer.Gazetteer, show: bool) -> float:
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    for lang, text, gold in read_corpus():
        found = {(m.start, m.end, m.entity.id) for m in g.tag(text) if m.entity}
        ambiguous = [m for m in g.tag(text) if m.entity is None]
        c = counts[lang]
        c[0] += len(found & gold)
        c[1] += len(found - gold) + len(ambiguous)
        c[2] += len(gold - found)
        if show and (found != gold or ambiguous):
            print(f"[{lang}] {text}")
            print(
                f"   missed {sorted(gold - found)}; wrong {sorted(found - gold)}; "
                f"ambiguous {[m.surface for m in ambiguous]}"
            )
    print(f"{'lang':6}{'precision':>11}{'recall':>9}{'F1':>7}{'gold':>6}")
    total = [0, 0, 0]
    for lang, (tp, fp, fn) in sorted(counts.items()):
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
        _row(lang, tp, fp, fn)
    return _row("all", *total)


def _row(name: str, tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{name:6}{precision:11.3f}{recall:9.3f}{f1:7.3f}{tp + fn:6}")
    return f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--show", action="store_true", help="print every text with an error")
    parser.add_argument("--pack", action="append", default=[], help="load a data pack too (cities)")
    args = parser.parse_args()
    os.environ.setdefault("GAZETTEER_CACHE_DIR", tempfile.mkdtemp(prefix="gazetteer-bench-"))

    g = gazetteer.load(packs=args.pack)
    tracemalloc.start()
    start = time.perf_counter()
    g.tag("warm up")  # builds the tag index
    build_s = time.perf_counter() - start
    build_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"python {sys.version.split()[0]}; {len(g)} entities; packs: {args.pack or 'none'}")
    print(f"tag index: built in {build_s:.2f} s, {build_mb:.0f} MB allocated at the peak\n")
    score(g, args.show)

    corpus = "\n".join(text for _, text, _ in read_corpus()) + "\n"
    size = len(corpus.encode("utf-8"))
    big = corpus * max(1, int(args.megabytes * 1e6 / size) + 1)
    mb = len(big.encode("utf-8")) / 1e6
    found, ours = best_of(3, lambda: g.tag(big))
    count = len(found)
    del found  # each tagger runs with only its own results alive
    gc.collect()
    _, ours_read = best_of(3, lambda: sum(1 for _ in g.tag(big)))
    # listing the aliases builds every entity, which tagging does not need:
    # it is done after the gazetteer's run, so that run sees the heap a user has
    aliases = sorted({a.text for e in g.entities for a in e.aliases if len(a.text) >= 3})
    print(f"\ntext: {mb:.1f} MB; {len(aliases)} aliases in the baselines")
    print(f"{'gazetteer tag (inflection)':34}{mb / ours:8.2f} MB/s  {count} mentions")
    print(f"{'  the same, every Mention read':34}{mb / ours_read:8.2f} MB/s")
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        print("flashtext not installed: pip install '.[bench]'")
        return 0
    import ahocorasick

    start = time.perf_counter()
    keywords = KeywordProcessor()
    for alias in aliases:
        keywords.add_keyword(alias)
    flash_build = time.perf_counter() - start
    flash_found, flash = best_of(3, lambda: keywords.extract_keywords(big, span_info=True))
    flash_count = len(flash_found)
    del flash_found
    gc.collect()
    print(
        f"{'flashtext (no inflection)':34}{mb / flash:8.2f} MB/s  {flash_count} mentions"
        f"  (build {flash_build:.1f} s)"
    )

    start = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for alias in aliases:
        automaton.add_word(alias.lower(), len(alias))
    automaton.make_automaton()
    aho_build = time.perf_counter() - start

    def aho_tag() -> list[tuple[int, int]]:
        # a tagger returns its spans, as the gazetteer and flashtext do
        return automaton_spans(automaton, big)

    aho_found, aho = best_of(3, aho_tag)
    print(
        f"{'pyahocorasick + boundaries':34}{mb / aho:8.2f} MB/s  {len(aho_found)} mentions"
        f"  (build {aho_build:.1f} s)"
    )
    print(f"\nthroughput ratio: {flash / ours:.2f}x flashtext, {aho / ours:.2f}x pyahocorasick")
    print(
        f"with every Mention read: {flash / ours_read:.2f}x flashtext, "
        f"{aho / ours_read:.2f}x pyahocorasick"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
