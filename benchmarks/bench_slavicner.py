"""Benchmark: tagging and resolution on real news, the SlavicNER dev corpus (bg, ru, uk).

Run from the repository root (needs pip install '.[bench]'):

    python benchmarks/bench_slavicner.py                  # the default load
    python benchmarks/bench_slavicner.py --pack cities    # with the cities pack
    python benchmarks/bench_slavicner.py --errors 15      # and wrong answers, for developers
    python benchmarks/bench_slavicner.py --demonyms       # tag and resolve with demonyms=True

The corpus is not part of the repository (its rules forbid copying it in): the
script reads it at run time from --corpus (default ../shared/corpora/slavicner-dev
beside the repository) and skips, exiting 0, when it is not there. Its README
defines the figures, which are computed here as it says:

* resolution: for each language, the distinct (lemma, xid) and (surface, xid)
  pairs of the in-scope gold mentions, each resolved once with the document's
  language (and ``demonyms=True`` with --demonyms, as tag is asked); right
  when resolved to one of the xid's ``same`` entities (ambiguous counts as
  wrong); accuracy and the count of each outcome;
* tagging, strict: recall (in-scope gold mentions overlapped by a library
  mention that names a right entity) and precision (library mentions that
  overlap an in-scope gold mention and name one of its right entities / all
  library mentions); totals add up the counts of the languages;
* throughput: tagging every document with its language, in MB/s of UTF-8 text,
  best of three, beside a pyahocorasick automaton over every alias of every
  entity (lower-cased, matched on the lower-cased text, word boundaries
  checked) in the same process.

Cite Piskorski, Marcińczuk and Yangarber (LREC-COLING 2024) with the figures.
"""

from __future__ import annotations

import argparse
import collections
import gc
import gzip
import inspect
import json
import os
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

import gazetteer
from baselines import automaton_spans
from gazetteer import Gazetteer, Mention, Status
from timing import best_of

LANGS = ("bg", "ru", "uk")
OUTCOMES = ("right", "wrong", "ambiguous", "not_found")
Doc = dict[str, Any]
Span = tuple[int, int, set[str]]


def read_same(corpus: Path, g: Gazetteer) -> dict[str, set[str]]:
    """xid -> ids of its ``same`` entities that exist in this load."""
    same: dict[str, set[str]] = collections.defaultdict(set)
    with open(corpus / "idmap.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            xid, lib_id, relation, _basis, _note = line.rstrip("\n").split("\t")
            if relation == "same" and g.get(lib_id) is not None:
                same[xid].add(lib_id)
    return same


def resolution(
    g: Gazetteer,
    docs: list[Doc],
    same: dict[str, set[str]],
    errors: int,
    options: dict[str, Any] | None = None,
) -> dict[str, dict[str, dict[str, float]]]:
    """{kind: {lang: figures}} for kind lemma and surface; prints the table
    (``options``: more keywords for resolve, as tag has them)."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    print(f"\nresolution{'':8}{'pairs':>6}{'acc':>7}" + "".join(f"{o:>10}" for o in OUTCOMES))
    for kind in ("lemma", "surface"):
        total: collections.Counter[str] = collections.Counter()
        shown: list[str] = []
        out[kind] = {}
        for lang in LANGS:
            # distinct in-scope pairs, the most mentioned first (so are the errors shown)
            pairs = collections.Counter(
                (m[kind], m["xid"])
                for d in docs
                if d["lang"] == lang
                for m in d["mentions"]
                if m["xid"] in same
            )
            c: collections.Counter[str] = collections.Counter()
            wrong = 0
            for (form, xid), times in sorted(pairs.items(), key=lambda p: (-p[1], p[0])):
                r = g.resolve(form, lang=lang, **(options or {}))
                if r.status is Status.RESOLVED and r.entity is not None:
                    outcome = "right" if r.entity.id in same[xid] else "wrong"
                    got = r.entity.id
                elif r.status is Status.AMBIGUOUS:
                    outcome, got = "ambiguous", "ambiguous " + ",".join(m.entity.id for m in r.tied)
                else:
                    outcome, got = "not_found", "not_found"
                c[outcome] += 1
                if outcome != "right" and wrong < errors:
                    wrong += 1
                    want = ",".join(sorted(same[xid]))
                    shown.append(f"  {lang} {times:4}x {form!r} ({xid}) want {want} got {got}")
            total.update(c)
            out[kind][lang] = _resolution_row(f"{kind} {lang}", c)
        out[kind]["all"] = _resolution_row(f"{kind} all", total)
        if shown:
            print(f"  not right, {kind}: mentions, form (xid), expected, got; {errors} a language:")
            print("\n".join(shown))
    return out


def _resolution_row(name: str, c: collections.Counter[str]) -> dict[str, float]:
    pairs = sum(c[o] for o in OUTCOMES)
    accuracy = c["right"] / pairs if pairs else 0.0
    print(f"  {name:16}{pairs:6}{accuracy:7.3f}" + "".join(f"{c[o]:10}" for o in OUTCOMES))
    return {"pairs": pairs, "accuracy": accuracy, **{o: c[o] for o in OUTCOMES}}


def _named(m: Mention) -> set[str]:
    """The ids a library mention names: its entity, or every candidate when ambiguous."""
    return {m.entity.id} if m.entity is not None else {e.id for e in m.candidates}


def tagging(
    g: Gazetteer, docs: list[Doc], same: dict[str, set[str]], options: dict[str, Any]
) -> dict[str, dict[str, float]]:
    """Strict recall and precision (the README's code) and both throughputs."""

    def names(gm: Doc, lm: Span) -> bool:  # lm overlaps gm and names a right entity
        return lm[0] < gm["end"] and gm["start"] < lm[1] and bool(lm[2] & same[gm["xid"]])

    g.tag("warm up")  # builds the tag index outside the timed runs
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    tagged, ours = best_of(3, lambda: [g.tag(d["text"], lang=d["lang"], **options) for d in docs])
    c: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for d, mentions in zip(docs, tagged, strict=True):
        gold = [gm for gm in d["mentions"] if gm["xid"] in same]
        lib: list[Span] = [(m.start, m.end, _named(m)) for m in mentions]

        k = c[d["lang"]]
        k["in_scope"] += len(gold)
        k["found"] += sum(any(names(gm, lm) for lm in lib) for gm in gold)
        k["mentions"] += len(lib)
        k["correct"] += sum(any(names(gm, lm) for gm in gold) for lm in lib)
    del tagged  # each tagger runs with only its own results alive
    gc.collect()

    out: dict[str, dict[str, float]] = {}
    head = "".join(f"{h:>10}" for h in ("in_scope", "found", "recall", "mentions", "correct"))
    print(f"\ntagging {head}{'precision':>10}")
    c["all"] = sum((c[lang] for lang in LANGS), collections.Counter())
    for lang in (*LANGS, "all"):
        k = c[lang]
        recall = k["found"] / k["in_scope"] if k["in_scope"] else 0.0
        precision = k["correct"] / k["mentions"] if k["mentions"] else 0.0
        print(
            f"  {lang:6}{k['in_scope']:10}{k['found']:10}{recall:10.3f}"
            f"{k['mentions']:10}{k['correct']:10}{precision:10.3f}"
        )
        out[lang] = {**k, "recall": recall, "precision": precision}

    import ahocorasick

    automaton = ahocorasick.Automaton()
    for alias in {a.text.lower() for e in g.entities for a in e.aliases}:
        if alias:
            automaton.add_word(alias, len(alias))
    automaton.make_automaton()

    def aho_tag() -> list[list[tuple[int, int]]]:
        return [automaton_spans(automaton, d["text"]) for d in docs]

    aho_found, aho = best_of(3, aho_tag)
    aho_count = sum(map(len, aho_found))
    print(f"\nthroughput on {mb:.2f} MB, best of 3 ({len(automaton)} aliases in pyahocorasick)")
    print(f"  {'gazetteer tag':28}{mb / ours:8.2f} MB/s  {c['all']['mentions']} mentions")
    print(f"  {'pyahocorasick + boundaries':28}{mb / aho:8.2f} MB/s  {aho_count} mentions")
    print(f"  throughput ratio: {aho / ours:.2f}x pyahocorasick")
    out["throughput"] = {"mb": mb, "gazetteer_mb_s": mb / ours, "ahocorasick_mb_s": mb / aho}
    out["throughput"]["ratio"] = aho / ours
    return out


def main() -> int:
    repo = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=repo.parent / "shared/corpora/slavicner-dev")
    parser.add_argument("--pack", action="append", default=[], help="load a data pack (cities)")
    parser.add_argument("--no-tag", action="store_true", help="skip tagging")
    parser.add_argument("--no-resolve", action="store_true", help="skip resolution")
    parser.add_argument("--demonyms", action="store_true", help="tag(demonyms=True) if accepted")
    parser.add_argument("--errors", type=int, default=0, help="show N not-right answers a list")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    command = shlex.join(["python", *sys.argv])
    print(f"command: {command}")
    docs_path = args.corpus / "docs.jsonl.gz"
    if not docs_path.is_file() or not (args.corpus / "idmap.tsv").is_file():
        print(f"skipped: no SlavicNER corpus at {args.corpus} (docs.jsonl.gz and idmap.tsv)")
        return 0
    os.environ.setdefault("GAZETTEER_CACHE_DIR", tempfile.mkdtemp(prefix="gazetteer-bench-"))

    g = gazetteer.load(packs=args.pack)
    with gzip.open(docs_path, "rt", encoding="utf-8") as f:
        docs: list[Doc] = [json.loads(line) for line in f]
    same = read_same(args.corpus, g)
    accepted = "demonyms" in inspect.signature(g.tag).parameters
    options: dict[str, Any] = {"demonyms": True} if args.demonyms and accepted else {}
    print(
        f"gazetteer {gazetteer.__version__}; python {sys.version.split()[0]}; {len(g)} entities;"
        f" packs: {args.pack or 'none'}; {len(docs)} documents; {len(same)} xids in scope"
    )
    asked = "asked, but this tag() has no such keyword" if args.demonyms else "not asked"
    print(f"tag(demonyms=True): {'used' if options else asked}")
    # resolve reads a demonym as tag does (one text, one answer), where it can
    resolving = options if "demonyms" in inspect.signature(g.resolve).parameters else {}
    print(f"resolve(demonyms=True): {'used' if resolving else 'not used'}")
    figures: dict[str, Any] = {"command": command, "packs": args.pack, "demonyms": bool(options)}
    if not args.no_resolve:
        figures["resolve"] = resolution(g, docs, same, args.errors, resolving)
    if not args.no_tag:
        figures["tag"] = tagging(g, docs, same, options)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
