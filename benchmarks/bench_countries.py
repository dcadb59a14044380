"""Benchmark: country and name lookups under noise, beside rigour and countrynames (issue 11).

Run from the repository root (the baselines come with pip install '.[bench]'):

    python benchmarks/bench_countries.py                 # about five minutes on 2 cores
    python benchmarks/bench_countries.py --per-kind 300  # quicker, fewer noisy items
    python benchmarks/bench_countries.py --show 10       # and examples of each failure

In one process, on the same queries, it runs ``g.resolve(q, kinds="country",
codes=True)`` (the lists mix names and codes: KAZ, 398), and ``g.country(q,
codes=True)`` (the call for a column of countries that also holds states,
cities and "place, country" pairs, as countrynames' list does), beside rigour's
``lookup_territory(q, fuzzy=True)`` and countrynames' ``to_code(q,
fuzzy=True)`` (both called through ``__wrapped__``, so that their memo caches
do not count), and reports:

(a) **countrynames' curated variants** (read from the installed package's
    data, used only to measure): top-1 (right answers / items) and precision
    (right answers / answers given). A variant counts when its code is one of
    our countries (``by_code`` on ISO 3166-1 and 3166-3 codes); countrynames
    is scored on its own data, so its figure is an upper bound.
(b) **generated noise**, fixed seed, over every Latin and Cyrillic alias of
    every country and curated entity (not ISO subdivisions): each noise kind
    below over each alias it applies to (a text filed in several languages
    once, but for the kinds that read the language: article, ru-case,
    translit), then at most ``--per-kind`` items of each kind. An alias
    another entity shares (of the kinds asked) is left out, and so is a noisy
    string that is another entity's alias. Countries are asked with
    ``kinds="country"`` (all three tools); curated entities (people, cities,
    organisations ...) without kinds (ours alone).
(c) **negatives**: the 2,000 most frequent words of ru, bg, uk, en, de and tr
    from ``wordfreq``, as written and capitalised, less those that are real
    names (an alias key of ours, or a name in countrynames' or rigour's data,
    or an inflected form of one of our aliases: that is a name too; counted
    and shown); then person and organisation names that are not in the
    gazetteer: the out-of-scope PER and ORG lemmas of the SlavicNER dev corpus
    (when ``../shared/corpora/slavicner-dev`` is there) and names Faker makes
    for those six languages (when Faker is installed). False-positive rate:
    an entity answered (ours without kinds, the baselines as they are).
(d) **queries per second** of each tool on the same queries (the variants,
    the country noise and the negatives the baselines ran on), and the ratio
    to rigour measured in the same process, the tools (and ``country()``)
    taking turns on chunks of 200 queries, so that a slow spell of the
    machine falls on all of them.

Mapping the baselines' answers onto our ids: countrynames answers an ISO
3166-1 alpha-2 code (or a code of its own such as ``GB-SCT`` or ``SUHH``);
rigour a lower-case territory code (``kz``, ``gb-sct``, ``suhh``, ``us-nd``).
Both go through ``g.by_code`` (ISO 3166-1, 3166-2 and 3166-3 codes); an
answer with no entity of ours is a wrong answer.

Exits 0, printing why, when a baseline or wordfreq is not installed.
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import importlib
import json
import os
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import gazetteer
from gazetteer import Gazetteer, Kind, Method, Status, normalize

SEED = 11
LANGS = ("ru", "bg", "uk", "en", "de", "tr")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "slavicner-dev"
CODE_SCHEMES = ("iso2", "iso3166-3", "iso3166-2", "iso3")

# -- noise ---------------------------------------------------------------------

# The way map and statistics tables abbreviate words of country names
# (Natural Earth's "abbrev" column: "Dem. Rep. Congo", "Central African Rep.",
# "Solomon Is.", "Bosnia and Herz.", "Eq. Guinea", "St. Vin. and Gren.";
# Russian atlases: "Респ.", "о-ва", "Дем.").
ABBREVIATIONS = {
    "republic": ("Rep.",),
    "democratic": ("Dem.",),
    "islands": ("Is.", "Isl."),
    "island": ("I.", "Is."),
    "saint": ("St.", "St"),
    "sainte": ("Ste.",),
    "federation": ("Fed.",),
    "federated": ("Fed.",),
    "federal": ("Fed.",),
    "territory": ("Terr.",),
    "territories": ("Terr.",),
    "islamic": ("Isl.",),
    "equatorial": ("Eq.",),
    "dominican": ("Dom.",),
    "herzegovina": ("Herz.",),
    "french": ("Fr.",),
    "north": ("N.",),
    "northern": ("N.",),
    "south": ("S.",),
    "southern": ("S.",),
    "western": ("W.",),
    "west": ("W.",),
    "east": ("E.",),
    "eastern": ("E.",),
    "central": ("C.", "Cent."),
    "united": ("U.", "Utd."),
    "people's": ("P.",),
    "grenadines": ("Gren.",),
    "and": ("&",),
    "republik": ("Rep.",),
    "demokratische": ("Dem.",),
    "république": ("Rép.",),
    "республика": ("Респ.",),
    "република": ("Реп.",),
    "республіка": ("Респ.",),
    "демократическая": ("Дем.",),
    "острова": ("о-ва",),
    "остров": ("о.",),
    "острови": ("о-ви",),
    "федерация": ("Фед.",),
    "федерація": ("Фед.",),
    "северная": ("Сев.",),
    "южная": ("Юж.",),
    "святой": ("Св.",),
    "святого": ("Св.",),
}
QUALIFIERS = (
    "(RAE)",
    "SAR",
    "(SAR)",
    "(RAS)",
    "(UK)",
    "(US)",
    "(FR)",
    "(NL)",
    "(disputed)",
    "(occupied)",
    "(country)",
    "[1]",
    "(*)",
)
ARTICLES = {
    "en": ("The", "the", "THE"),
    "fr": ("La", "Le", "L'", "les"),
    "de": ("Die", "Der", "das"),
    "es": ("El", "La", "los"),
    "it": ("Il", "La", "L'"),
    "pt": ("O", "A"),
    "nl": ("De", "Het"),
}
PREFIX_JUNK = ("- ", "* ", "• ", "1. ", "2) ", "# ", "> ", '"', "'", "...", "(", "—")
SUFFIX_JUNK = (" -", ".", ",", ";", ":", " *", " 1", "?", " …", ")", '"', " (", " /")
ICU_SCHEMES = {
    "ru": "Russian-Latin/BGN",
    "uk": "Ukrainian-Latin/BGN",
    "bg": "Bulgarian-Latin/BGN",
    "be": "Belarusian-Latin/BGN",
    "kk": "Kazakh-Latin/BGN",
    "ky": "Kirghiz-Latin/BGN",
    "uz": "Uzbek-Latin/BGN",
    "mk": "Macedonian-Latin/BGN",
    "sr": "Serbian-Latin/BGN",
    "mn": "Mongolian-Latin/BGN",
}

NOISE_KINDS = (
    "split",
    "join",
    "transpose",
    "drop",
    "double",
    "caps",
    "bracket",
    "abbreviation",
    "inverted",
    "article",
    "junk",
    "ru-case",
    "translit",
)
EDITS = ("split", "join", "transpose", "drop", "double")
MIN_EDIT_LETTERS = 5  # a typo in a name of four letters is another name as often as not

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def script(text: str) -> str | None:
    """LATIN or CYRILLIC when every letter is of that script, else None."""
    scripts = {unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha()}
    return scripts.pop() if len(scripts) == 1 and scripts <= {"LATIN", "CYRILLIC"} else None


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _word_spans(text: str, min_len: int) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text) if m.end() - m.start() >= min_len]


def edit(text: str, kind: str, rng: random.Random) -> str | None:
    """One typo of ``kind`` inside a word of ``text`` (None when it cannot be made)."""
    if kind == "join":
        gaps = [m.start() for m in re.finditer(r"(?<=\w)[ -](?=\w)", text)]
        if not gaps:
            return None
        at = rng.choice(gaps)
        joiner = rng.choice(("", "", " ")) if text[at] == "-" else rng.choice(("", "-"))
        return text[:at] + joiner + text[at + 1 :]
    spans = _word_spans(text, 4)
    if not spans:
        return None
    start, end = rng.choice(spans)
    if kind == "split":
        at = rng.randrange(start + 2, end - 1)
        return text[:at] + rng.choice((" ", "-")) + text[at:]
    if kind == "transpose":
        options = [i for i in range(start, end - 1) if text[i].lower() != text[i + 1].lower()]
        if not options:
            return None
        i = rng.choice(options)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    at = rng.randrange(start, end)
    if kind == "drop":
        return text[:at] + text[at + 1 :]
    if kind == "double":
        return text[: at + 1] + text[at] + text[at + 1 :]
    raise ValueError(kind)


def abbreviate(text: str, rng: random.Random) -> str | None:
    words = text.split(" ")
    places = [i for i, w in enumerate(words) if w.lower() in ABBREVIATIONS]
    if not places or len(words) < 2:
        return None
    chosen = rng.sample(places, rng.randint(1, len(places)))
    for i in chosen:
        words[i] = rng.choice(ABBREVIATIONS[words[i].lower()])
    return " ".join(words)


def invert(text: str, rng: random.Random) -> str | None:
    """ "Democratic Republic of the Congo" → "Congo, Democratic Republic of the"."""
    words = text.split(" ")
    if len(words) < 2:
        return None
    lowered = [w.lower() for w in words]
    cut = None
    for marker in ("of", "de", "du", "des", "del", "di", "the"):
        if marker in lowered[:-1]:
            cut = max(i for i, w in enumerate(lowered[:-1]) if w == marker) + 1
            break
    if cut is None:
        cut = 1
    if cut >= len(words):
        return None
    return " ".join(words[cut:]) + ", " + " ".join(words[:cut])


# Russian case endings, written here from the grammar (not from the library's
# rules): the adjectives before the first noun and that noun change; what
# follows it (Республика Корея, Соединённые Штаты Америки) does not.
_ADJECTIVES = (
    ("ая", {"gen": "ой", "dat": "ой", "ins": "ой", "pre": "ой"}),
    ("яя", {"gen": "ей", "dat": "ей", "ins": "ей", "pre": "ей"}),
    ("ый", {"gen": "ого", "dat": "ому", "ins": "ым", "pre": "ом"}),
    ("ой", {"gen": "ого", "dat": "ому", "ins": "ым", "pre": "ом"}),
    ("кий", {"gen": "кого", "dat": "кому", "ins": "ким", "pre": "ком"}),
    ("ий", {"gen": "его", "dat": "ему", "ins": "им", "pre": "ем"}),
    ("ое", {"gen": "ого", "dat": "ому", "ins": "ым", "pre": "ом"}),
    ("ые", {"gen": "ых", "dat": "ым", "ins": "ыми", "pre": "ых"}),
    ("ие", {"gen": "их", "dat": "им", "ins": "ими", "pre": "их"}),
)
_NOUNS = (
    ("ия", {"gen": "ии", "dat": "ии", "ins": "ией", "pre": "ии"}),
    ("ство", {"gen": "ства", "dat": "ству", "ins": "ством", "pre": "стве"}),
    ("ка", {"gen": "ки", "dat": "ке", "ins": "кой", "pre": "ке"}),
    ("га", {"gen": "ги", "dat": "ге", "ins": "гой", "pre": "ге"}),
    ("ха", {"gen": "хи", "dat": "хе", "ins": "хой", "pre": "хе"}),
    ("жа", {"gen": "жи", "dat": "же", "ins": "жей", "pre": "же"}),
    ("ша", {"gen": "ши", "dat": "ше", "ins": "шей", "pre": "ше"}),
    ("а", {"gen": "ы", "dat": "е", "ins": "ой", "pre": "е"}),
    ("я", {"gen": "и", "dat": "е", "ins": "ей", "pre": "е"}),
    ("й", {"gen": "я", "dat": "ю", "ins": "ем", "pre": "е"}),
    ("ты", {"gen": "тов", "dat": "там", "ins": "тами", "pre": "тах"}),
    ("ы", {"gen": "", "dat": "ам", "ins": "ами", "pre": "ах"}),
)
_CONSONANT = "бвгдзклмнпрстфхцжшчщ"
_HUSHING = "жшчщц"


def decline_ru(text: str, rng: random.Random) -> str | None:
    case = rng.choice(("gen", "dat", "ins", "pre"))
    words = text.split(" ")
    changed = False
    for i, word in enumerate(words):
        lower = word.lower()
        if "-" in word or not word.isalpha():
            break
        ending = next((e for e, _ in _ADJECTIVES if lower.endswith(e)), None)
        if ending is not None and len(lower) > len(ending) + 2 and i < len(words) - 1:
            new = dict(_ADJECTIVES)[ending][case]
            words[i] = word[: len(word) - len(ending)] + new
            changed = True
            continue
        ending = next((e for e, _ in _NOUNS if lower.endswith(e)), None)
        if ending is not None and len(lower) > len(ending) + 1:
            new = dict(_NOUNS)[ending][case]
            words[i] = word[: len(word) - len(ending)] + new
            changed = True
        elif lower[-1:] in _CONSONANT and len(lower) > 2:
            hushing = lower[-1] in _HUSHING
            words[i] = (
                word + {"gen": "а", "dat": "у", "ins": "ем" if hushing else "ом", "pre": "е"}[case]
            )
            changed = True
        break  # the first noun, declined or not, ends the run
    result = " ".join(words)
    return result if changed and result != text else None


@functools.cache
def _icu(scheme: str) -> Any:
    try:
        icu = _module("icu")
    except ImportError:
        return None
    return icu.Transliterator.createInstance(scheme)


def romanise(text: str, lang: str, rng: random.Random) -> str | None:
    """A Cyrillic alias in Latin letters by ICU (not the library's tables)."""
    ids = [ICU_SCHEMES.get(lang.split("-")[0], "Russian-Latin/BGN"), "Any-Latin; Latin-ASCII"]
    icu = _icu(rng.choice(ids))
    if icu is None:
        return None
    out = icu.transliterate(text)
    return out if script(out) == "LATIN" else None


def make_noise(text: str, lang: str, kind: str, rng: random.Random) -> str | None:
    sc = script(text)
    if sc is None:
        return None
    if kind in EDITS:
        return edit(text, kind, rng) if letters(text) >= MIN_EDIT_LETTERS else None
    if kind == "caps":
        upper = text.upper()
        return upper if upper != text else None
    if kind == "bracket":
        q = rng.choice(QUALIFIERS)
        return f"{text} {q}"
    if kind == "abbreviation":
        return abbreviate(text, rng)
    if kind == "inverted":
        return invert(text, rng)
    if kind == "article":
        if sc != "LATIN":
            return None
        article = rng.choice(ARTICLES.get(lang.split("-")[0], ARTICLES["en"]))
        return f"{article}{'' if article.endswith(chr(39)) else ' '}{text}"
    if kind == "junk":
        where = rng.choice(("prefix", "suffix", "both"))
        pre = rng.choice(PREFIX_JUNK) if where != "suffix" else ""
        post = rng.choice(SUFFIX_JUNK) if where != "prefix" else ""
        return f"{pre}{text}{post}"
    if kind == "ru-case":
        return decline_ru(text, rng) if sc == "CYRILLIC" and lang == "ru" else None
    if kind == "translit":
        return romanise(text, lang, rng) if sc == "CYRILLIC" else None
    raise ValueError(kind)


class Item(tuple[str, str, str, bool]):
    """(query, expected id, noise kind or source, is a country lookup)."""

    __slots__ = ()

    def __new__(cls, query: str, want: str, kind: str, country: bool) -> Item:
        return super().__new__(cls, (query, want, kind, country))

    query = property(lambda self: self[0])
    want = property(lambda self: self[1])
    kind = property(lambda self: self[2])
    country = property(lambda self: self[3])


_BY_LANGUAGE = frozenset({"article", "ru-case", "translit"})  # noise kinds that read the language


def owners_by_key(g: Gazetteer) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for e in g.entities:
        for a in e.aliases:
            owners[a.key].add(e.id)
    return owners


def noise_items(g: Gazetteer, per_kind: int, seed: int) -> list[Item]:
    owners = owners_by_key(g)
    countries = {e.id for e in g.entities if e.kind is Kind.COUNTRY}
    rng = random.Random(seed)
    by_kind: dict[str, list[Item]] = collections.defaultdict(list)
    for e in g.entities:
        if e.kind is Kind.SUBDIVISION:
            continue
        is_country = e.kind is Kind.COUNTRY
        done: set[tuple[str, str, str]] = set()  # (kind, text, language where it counts)
        for a in e.aliases:
            others = owners[a.key] - {e.id}
            if is_country:
                others &= countries
            if others:
                continue  # the alias is another entity's too: no single right answer
            for kind in NOISE_KINDS:
                # one name filed in many languages is noised once (per language
                # only for the kinds that read the language)
                seen = (kind, a.text, a.lang if kind in _BY_LANGUAGE else "")
                if seen in done:
                    continue
                done.add(seen)
                noisy = make_noise(a.text, a.lang, kind, rng)
                if noisy is None or not noisy.strip():
                    continue
                other = owners.get(normalize(noisy), set()) - {e.id}
                if is_country:
                    other &= countries
                if other:
                    continue  # the noise made another entity's name
                by_kind[kind].append(Item(noisy, e.id, kind, is_country))
    items: list[Item] = []
    for kind in NOISE_KINDS:
        pool = sorted(set(by_kind[kind]))
        random.Random(f"{seed}:{kind}").shuffle(pool)
        items += pool[:per_kind]
    return items


# -- the countrynames variants, the negatives ----------------------------------


def our_id(g: Gazetteer, code: str, cache: dict[str, str | None]) -> str | None:
    if code not in cache:
        found = None
        for scheme in CODE_SCHEMES:
            r = g.by_code(code, scheme=scheme)
            if r.entity is not None:
                found = r.entity.id
                break
        cache[code] = found
    return cache[code]


def variant_items(g: Gazetteer, codes: dict[str, str | None]) -> tuple[list[Item], int]:
    data: dict[str, list[str]] = _module("countrynames.data").DATA

    items: list[Item] = []
    skipped = 0
    seen: set[tuple[str, str]] = set()
    for code, names in data.items():
        want = our_id(g, code, codes)
        if want is None or not want.startswith("country:"):
            skipped += len(names)
            continue
        for name in names:
            if (name, want) not in seen and name.strip():
                seen.add((name, want))
                items.append(Item(name, want, "countrynames", True))
    return items, skipped


def known_names() -> set[str]:
    """Every name in countrynames' and rigour's data, as each normalises it."""
    theirs = _module("countrynames")._load_data()
    return set(theirs) | set(_module("rigour.territories.lookup")._get_territory_names())


def negative_items(g: Gazetteer) -> tuple[list[Item], list[str]]:
    """(negatives, the words left out because they are inflected forms of aliases)."""
    normalize_name = _module("countrynames.util").normalize_name
    normalize_territory_name = _module("rigour.territories.util").normalize_territory_name
    top_n_list = _module("wordfreq").top_n_list

    owners = owners_by_key(g)
    theirs = known_names()

    def is_name(text: str) -> bool:
        return (
            normalize(text) in owners
            or normalize_name(text) in theirs
            or normalize_territory_name(text) in theirs
        )

    items: list[Item] = []
    inflected: list[str] = []
    seen: set[str] = set()
    for lang in LANGS:
        for word in top_n_list(lang, 2000):
            for text in (word, word[:1].upper() + word[1:]):
                if text in seen or is_name(text):
                    continue
                seen.add(text)
                r = g.resolve(text)
                if r.tied and all(m.method is Method.INFLECTED for m in r.tied):
                    inflected.append(text)  # a form of a real name (России, Москвы)
                    continue
                items.append(Item(text, "", f"wordfreq-{lang}", False))
    names: list[str] = []
    if CORPUS.is_dir():
        mapped = set()
        with open(CORPUS / "idmap.tsv", encoding="utf-8") as f:
            next(f)
            mapped = {line.split("\t")[0] for line in f}
        with gzip.open(CORPUS / "docs.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                for m in json.loads(line)["mentions"]:
                    if m["type"] in ("PER", "ORG") and m["xid"] not in mapped:
                        names.append(m["lemma"])
    try:
        Faker = _module("faker").Faker

        for locale in ("ru_RU", "bg_BG", "uk_UA", "en_US", "de_DE", "tr_TR"):
            fake = Faker(locale)
            fake.seed_instance(SEED)
            names += [fake.name() for _ in range(150)]
            names += [fake.company() for _ in range(50)]
    except ImportError:
        pass
    for name in dict.fromkeys(names):
        if name.strip() and name not in seen and not is_name(name):
            seen.add(name)
            items.append(Item(name, "", "names", False))
    return items, inflected


# -- running the tools ----------------------------------------------------------

Answer = Callable[[Item], str | None]


def run(answer: Answer, items: Sequence[Item]) -> tuple[list[str | None], float]:
    start = time.perf_counter()
    out = [answer(item) for item in items]
    return out, time.perf_counter() - start


CHUNK = 200  # queries each tool answers in turn when they are timed side by side


def side_by_side(
    tools: Mapping[str, Answer], items: Sequence[Item]
) -> dict[str, tuple[list[str | None], float]]:
    """Each tool's answers to ``items`` and the time it took, the tools
    taking turns on chunks of ``CHUNK`` queries (in a rotating order): the
    machine's slow spells fall on all of them alike, so the ratios hold."""
    answers: dict[str, list[str | None]] = {name: [] for name in tools}
    took = dict.fromkeys(tools, 0.0)
    names = list(tools)
    for turn, start in enumerate(range(0, len(items), CHUNK)):
        chunk = items[start : start + CHUNK]
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            found, seconds = run(tools[name], chunk)
            answers[name] += found
            took[name] += seconds
    return {name: (answers[name], took[name]) for name in tools}


class Scores:
    def __init__(self) -> None:
        self.n = self.right = self.answered = 0

    def add(self, got: str | None, want: str) -> None:
        self.n += 1
        self.answered += got is not None
        self.right += got is not None and got == want

    @property
    def top1(self) -> float:
        return self.right / self.n if self.n else float("nan")

    @property
    def precision(self) -> float:
        return self.right / self.answered if self.answered else float("nan")

    @property
    def rate(self) -> float:  # answered / n: the false-positive rate on negatives
        return self.answered / self.n if self.n else float("nan")


def score(items: Iterable[Item], got: Iterable[str | None]) -> Scores:
    s = Scores()
    for item, answer in zip(items, got, strict=True):
        s.add(answer, item.want)
    return s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=800, help="noisy items per kind")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--noise-every", type=int, default=2, help="the baselines run on every Nth noisy item"
    )
    parser.add_argument(
        "--negatives-every",
        type=int,
        default=6,
        help="the baselines run on every Nth negative (their misses are slow scans)",
    )
    parser.add_argument("--show", type=int, default=0, help="examples of each failure")
    args = parser.parse_args()
    os.environ.setdefault("GAZETTEER_CACHE_DIR", tempfile.mkdtemp(prefix="gazetteer-bench-"))
    try:
        countrynames = _module("countrynames")
        rigour_lookup = _module("rigour.territories.lookup")
        _module("wordfreq")
    except ImportError as exc:
        print(f"skipped: {exc.name} is not installed (pip install '.[bench]')")
        return 0

    t0 = time.perf_counter()
    g = gazetteer.load()
    g.prepare()
    codes: dict[str, str | None] = {}
    variants, skipped = variant_items(g, codes)
    noise = noise_items(g, args.per_kind, args.seed)
    negatives, inflected = negative_items(g)
    setup_s = time.perf_counter() - t0

    def ours(item: Item) -> str | None:
        r = g.resolve(item.query, kinds="country" if item.country else None, codes=True)
        return r.entity.id if r.entity is not None else None

    def country_of(item: Item) -> str | None:
        # a former country is answered as the country that took it over, the
        # former one as the match's via: right for a noisy name of the former
        # one (countrynames files the names under today's country)
        r = g.country(item.query, codes=True)
        if r.entity is None:
            return None
        via = r.tied[0].via
        if via is not None and via.kind is Kind.COUNTRY and via.id == item.want:
            return via.id
        return r.entity.id

    def names_only(item: Item) -> str | None:
        r = g.resolve(item.query, kinds="country" if item.country else None)
        return r.entity.id if r.entity is not None else None

    rigour_fn = rigour_lookup.lookup_territory.__wrapped__
    cn_fn = countrynames.to_code.__wrapped__

    def rigour(item: Item) -> str | None:
        found = rigour_fn(item.query, fuzzy=True)
        return None if found is None else (our_id(g, found.code.upper(), codes) or found.code)

    def cn(item: Item) -> str | None:
        found = cn_fn(item.query, fuzzy=True)
        return None if found is None else (our_id(g, found, codes) or found)

    rigour(Item("Germany", "", "", True))  # load their data before timing
    cn(Item("Germany", "", "", True))

    # every item, ours alone
    full = {"variants": variants, "noise": noise, "negatives": negatives}
    got_full = {name: run(ours, items)[0] for name, items in full.items()}
    # the same queries for the three tools
    country_noise = [i for i in noise if i.country]
    sets = {
        "variants": variants,
        "noise": country_noise[:: args.noise_every],
        "negatives": negatives[:: args.negatives_every],
    }
    results: dict[str, dict[str, list[str | None]]] = {}
    times: dict[str, dict[str, float]] = {}
    tools: dict[str, Answer] = {"gazetteer": ours, "rigour": rigour, "countrynames": cn}
    # g.country(q, codes=True): the call for a column of countries that also
    # holds states, cities and "place, country" pairs; timed beside the others
    timed = {**tools, "country": country_of}
    for tool in timed:
        results[tool], times[tool] = {}, {}
    for name, items in sets.items():
        for tool, (found, seconds) in side_by_side(timed, items).items():
            results[tool][name], times[tool][name] = found, seconds

    print(
        f"python {sys.version.split()[0]}; gazetteer {gazetteer.__version__}, "
        f"{len(g)} entities; rigour {_version('rigour')}, countrynames "
        f"{_version('countrynames')}; set-up {setup_s:.1f} s"
    )
    print(
        f"(a) {len(variants):,} countrynames variants of our countries "
        f"({skipped:,} of codes that are not our countries left out)"
    )
    print(
        f"(b) {len(noise):,} noisy items, seed {args.seed}: {len(country_noise):,} of "
        f"countries ({len(sets['noise']):,} for the three tools), "
        f"{len(noise) - len(country_noise):,} of curated entities"
    )
    print(
        f"(c) {len(negatives):,} negatives ({len(sets['negatives']):,} for the three tools); "
        f"{len(inflected)} common words left out as inflected forms of aliases "
        f"(e.g. {', '.join(inflected[:6])})"
    )
    print()
    names = list(tools)
    print(f"{'':36}{'gazetteer':>10}{'rigour':>10}{'countrynames':>14}{'ours, all':>11}")

    def row(
        label: str, values: list[float], mine: float | None = None, fmt: str = "{:.3f}"
    ) -> None:
        cells = [fmt.format(v) for v in values]
        last = "" if mine is None else fmt.format(mine)
        print(f"{label:36}{cells[0]:>10}{cells[1]:>10}{cells[2]:>14}{last:>11}")

    def subset(name: str, items: list[Item], keep: Callable[[Item], bool]) -> list[Scores]:
        idx = [k for k, i in enumerate(items) if keep(i)]
        return [score([items[k] for k in idx], [results[t][name][k] for k in idx]) for t in names]

    def mine(name: str, keep: Callable[[Item], bool]) -> Scores:
        pairs = [(i, a) for i, a in zip(full[name], got_full[name], strict=True) if keep(i)]
        return score([i for i, _ in pairs], [a for _, a in pairs])

    def everything(_: Item) -> bool:
        return True

    s = subset("variants", variants, everything)
    row("(a) countrynames variants: top-1", [x.top1 for x in s])
    row("    precision", [x.precision for x in s])
    plain = score(variants, run(names_only, variants)[0])
    print(f"{'    ours without codes=True: top-1':36}{plain.top1:>10.3f}")
    print(f"{'    precision':36}{plain.precision:>10.3f}")
    countried = results["country"]
    country_s = sum(times["country"].values())
    c = score(variants, countried["variants"])
    print(f"{'    ours, country(codes=True): top-1':36}{c.top1:>10.3f}")
    print(f"{'    precision':36}{c.precision:>10.3f}")
    s = subset("noise", sets["noise"], everything)
    m = mine("noise", lambda i: i.country)
    row("(b) noise, countries: top-1", [x.top1 for x in s], m.top1)
    row("    precision", [x.precision for x in s], m.precision)
    for kind in NOISE_KINDS:
        s = subset("noise", sets["noise"], lambda i, k=kind: i.kind == k)  # type: ignore[misc]
        m = mine("noise", lambda i, k=kind: i.country and i.kind == k)  # type: ignore[misc]
        if m.n:
            row(f"    {kind} ({m.n}): top-1", [x.top1 for x in s], m.top1)
    c = score(sets["noise"], countried["noise"])
    print(f"{'    ours, country(): top-1':36}{c.top1:>10.3f}")
    print(f"{'    precision':36}{c.precision:>10.3f}")
    m = mine("noise", lambda i: not i.country)
    print(f"{'(b) noise, curated entities: top-1':36}{m.top1:>45.3f}")
    print(f"{'    precision':36}{m.precision:>45.3f}")
    for kind in NOISE_KINDS:
        m = mine("noise", lambda i, k=kind: not i.country and i.kind == k)  # type: ignore[misc]
        if m.n:
            print(f"{f'    {kind} ({m.n}): top-1':36}{m.top1:>45.3f}")
    m = mine("noise", everything)
    print(f"{'(b) noise, all: top-1':36}{m.top1:>45.3f}")
    print(f"{'    precision':36}{m.precision:>45.3f}")
    s = subset("negatives", sets["negatives"], everything)
    m = mine("negatives", everything)
    row("(c) negatives: false positives", [x.rate for x in s], m.rate, "{:.4f}")
    for source in sorted({i.kind for i in negatives}):
        s = subset("negatives", sets["negatives"], lambda i, k=source: i.kind == k)  # type: ignore[misc]
        m = mine("negatives", lambda i, k=source: i.kind == k)  # type: ignore[misc]
        row(f"    {source} ({m.n})", [x.rate for x in s], m.rate, "{:.4f}")
    c = score(sets["negatives"], countried["negatives"])
    print(f"{'    ours, country(): false positives':36}{c.rate:>10.4f}")
    total_q = sum(len(v) for v in sets.values())
    qps = {t: total_q / max(sum(times[t].values()), 1e-9) for t in names}
    for name in sets:
        row(
            f"(d) queries/s, {name} ({len(sets[name]):,})",
            [len(sets[name]) / max(times[t][name], 1e-9) for t in names],
            fmt="{:,.0f}",
        )
    row(f"(d) queries/s, all {total_q:,}", [qps[t] for t in names], fmt="{:,.0f}")
    row("    ratio to rigour", [qps[t] / qps["rigour"] for t in names], fmt="{:.2f}x")
    country_qps = total_q / max(country_s, 1e-9)
    print(f"{'    ours, country(): queries/s':36}{country_qps:>10,.0f}")
    print(f"{'    ratio to rigour':36}{country_qps / qps['rigour']:>9.2f}x")

    if args.show:
        print()
        show(g, args.show, full, got_full)
    return 0


def _describe(g: Gazetteer, item: Item) -> str:
    r = g.resolve(item.query, kinds="country" if item.country else None, codes=True)
    if r.status is Status.RESOLVED:
        m = r.tied[0]
        return f"-> {m.entity.id} ({m.method.value} {m.score})"
    if r.status is Status.AMBIGUOUS:
        return "-> ambiguous " + " ".join(m.entity.id for m in r.tied[:4])
    return "-> not found"


def show(
    g: Gazetteer, n: int, full: dict[str, list[Item]], got: dict[str, list[str | None]]
) -> None:
    groups: dict[str, list[Item]] = collections.defaultdict(list)
    for name, items in full.items():
        for item, answer in zip(items, got[name], strict=True):
            if answer == (item.want or None):
                continue
            where = "country" if item.country else "other"
            outcome = "wrong" if answer and item.want else "no answer" if item.want else "answered"
            groups[f"{name}/{where}/{item.kind}/{outcome}"].append(item)
    rng = random.Random(SEED)
    for label in sorted(groups):
        items = groups[label]
        print(f"{label}: {len(items)}")
        for item in rng.sample(items, min(n, len(items))):
            print(f"    {item.query!r} want {item.want or '-'} {_describe(g, item)}")


def _module(name: str) -> Any:
    """A module imported by name (the baselines are optional: typed as Any)."""
    return importlib.import_module(name)


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    raise SystemExit(main())
