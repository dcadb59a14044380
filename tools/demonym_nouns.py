"""Generate src/gazetteer/_data/demonym_nouns.yaml: the stems of the nouns for
a country's people in Russian, Bulgarian and Ukrainian (швейцарцы,
румънците, угорці), read off CLDR's names of currencies (through the `babel`
package) and kept where the `wordfreq` package attests them.

    pip install babel wordfreq && python tools/demonym_nouns.py

A currency's name in these languages is an adjective and a unit (ru
"кенийский шиллинг", bg "румънска лея", uk "угорський форинт"). For every
currency a country of ISO 3166 used from ``SINCE`` to ``UNTIL`` (fixed dates,
so that the file depends on the installed packages alone; the currencies the
euro replaced name their countries too):

- its first word is an adjective of the language (``ADJECTIVES``: a base,
  then the suffix ск / цк, ськ / цьк, then an ending): кений + ск + ий;
- the base starts as a word of the country's name in that language does
  (CLDR's), sharing at least ``SHARED`` letters and all of the base but its
  last ``SPARE`` letters (кений, Кения; not англій, Ангілья);
- no word of the country's name starts with the adjective (then the
  adjective is the name's own word, as in "Французская Полинезия");
- of all the countries it fits so, it shares the most letters with this
  one's name, and with no other's as many (иракский: Ирак, not Иран).

The noun for the people is the base and ц (кенийц), the commonest way these
languages make one. It is kept when the `wordfreq` package knows two of its
forms in that language (``FORMS``: the plural and the genitive plural in
Russian and Ukrainian, the plural and the definite plural in Bulgarian), so
that a noun made so that is not the people's (Poles are поляки, not польцы;
uk туніці is a tunic's dative) stays out. Its singular (``SINGULAR``:
кениец, албанец; uk кенієць) is kept as a stem too when wordfreq knows it.
A stem is at least ``MIN_STEM`` letters long (ганц is a surname too); it
is dropped when wordfreq knows (among its ``WORDS`` most frequent words of
the language) a word that starts with it and is no more letters longer than
the tagger reads (``people_max_ending``) but with an ending no form of the
noun has (``ENDINGS``: ганец, for Ганецкий, a surname); and a stem of two
countries is dropped for both, as is a country whose currencies give two
adjectives (bg Myanmar: бирмански, мианмарски). A stem that demonyms.yaml,
the table written by hand, has (for any country) is left out here.

tests/test_demonym_nouns.py checks that the file equals what this makes
from the installed babel, pycountry and wordfreq.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "gazetteer" / "_data" / "demonym_nouns.yaml"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cldr_names import _quote, write  # noqa: E402

SINCE = datetime.date(1900, 1, 1)
UNTIL = datetime.date(2025, 1, 1)
LANGUAGES = ("bg", "ru", "uk")
# language → an adjective: (base)(suffix)(ending)
ADJECTIVES = {
    "ru": re.compile(r"(\w+?)(ск|цк)(ий|ая|ое|ие)"),
    "bg": re.compile(r"(\w+?)(ск|цк)(и|а|о)"),
    "uk": re.compile(r"(\w+?)(ськ|цьк)(ий|а|е|і)"),
}
FORMS = {"ru": ("ы", "ев"), "bg": ("и", "ите"), "uk": ("і", "ів")}  # noun + these
# the endings of a noun's forms (after the stem, the noun's or its singular's)
ENDINGS = {
    "ru": ("", "ы", "а", "у", "е", "ем", "ев", "ам", "ами", "ах", "ом"),
    "bg": ("", "и", "ите", "а", "ът"),
    "uk": ("", "і", "ів", "я", "ю", "ем", "еві", "ям", "ями", "ях", "ові"),
}
# the singular: a base that ends in й drops it (кений: кениец; uk кеній: кенієць)
SINGULAR = {"ru": ("ец", "ец"), "bg": ("ец", "ец"), "uk": ("ець", "єць")}
SHARED = 3  # letters the base and a word of the country's name share, at least
SPARE = 2  # letters at the base's end that the name's word may not share
MIN_STEM = 5
WORDS = 300_000  # the most frequent words of a language that wordfreq lists, read


def _fit(base: str, adjective: str, name: str) -> int:
    """How well an adjective (its base; its stem, base and suffix) fits a
    country's name (lower case) by the rules above: the letters the base
    shares with a word of the name, or 0."""
    words = re.findall(r"\w+", name)
    if any(word.startswith(adjective) for word in words):
        return 0
    # (commonprefix compares letters, which is what is wanted here, not path parts)
    shared = max((len(os.path.commonprefix([base, word])) for word in words), default=0)  # noqa: RUF071
    return shared if shared >= max(SHARED, len(base) - SPARE) else 0


def _bases(lang: str) -> dict[str, str]:
    """Country alpha-2 code → the base of its one adjective in ``lang``."""
    import pycountry
    from babel import Locale
    from babel.numbers import get_territory_currencies

    locale = Locale(lang)
    names = {c.alpha_2: locale.territories.get(c.alpha_2, "").lower() for c in pycountry.countries}
    found: dict[str, set[str]] = defaultdict(set)
    for code in sorted(names):
        for currency in get_territory_currencies(code, start_date=SINCE, end_date=UNTIL):
            words = (locale.currencies.get(currency) or "").lower().split()
            match = ADJECTIVES[lang].fullmatch(words[0]) if len(words) >= 2 else None
            if match is None:
                continue
            base, stem = match.group(1), match.group(1) + match.group(2)
            fits = {other: _fit(base, stem, name) for other, name in names.items() if name}
            best = max(fits.values())
            if fits[code] == best and list(fits.values()).count(best) == 1:
                found[code].add(base)
    return {code: next(iter(bases)) for code, bases in found.items() if len(bases) == 1}


def _other_words(lang: str) -> dict[str, list[str]]:
    """The words wordfreq knows in ``lang``, by their first ``MIN_STEM``
    letters."""
    import wordfreq

    found: dict[str, list[str]] = defaultdict(list)
    for word in wordfreq.top_n_list(lang, WORDS):
        found[word[:MIN_STEM]].append(word)
    return found


def _makes_other_words(stem: str, lang: str, words: dict[str, list[str]], longest: int) -> bool:
    """Whether a word wordfreq knows in ``lang`` starts with ``stem`` and is at
    most ``longest`` letters longer, but with an ending no form of the noun
    has (Ганецкий, a surname, of ганец)."""
    return any(
        word.startswith(stem)
        and len(word) - len(stem) <= longest
        and word[len(stem) :] not in ENDINGS[lang]
        for word in words.get(stem[:MIN_STEM], ())
    )


def nouns() -> dict[str, list[str]]:
    """Country entity id → the stems of the nouns for its people, folded."""
    import wordfreq

    from gazetteer import rulefiles
    from gazetteer.normalize import fold

    hand = rulefiles.demonyms_by_hand()
    owners: dict[str, set[str]] = defaultdict(set)
    for lang in LANGUAGES:
        words = _other_words(lang)
        for code, base in sorted(_bases(lang).items()):
            noun = base + "ц"
            if not all(wordfreq.zipf_frequency(noun + form, lang) > 0 for form in FORMS[lang]):
                continue
            plain, after_short = SINGULAR[lang]
            single = base[:-1] + after_short if base.endswith("й") else base + plain
            stems = [noun] + ([single] if wordfreq.zipf_frequency(single, lang) > 0 else [])
            for stem in stems:
                if len(stem) >= MIN_STEM and not _makes_other_words(
                    stem, lang, words, hand.people_max_ending
                ):
                    owners[fold(stem)].add(f"country:{code.lower()}")
    known = {fold(stem) for stems in hand.people.values() for stem in stems}
    out: dict[str, list[str]] = defaultdict(list)
    for stem, entities in sorted(owners.items()):
        if len(entities) == 1 and stem not in known:
            out[next(iter(entities))].append(stem)
    return dict(sorted(out.items()))


def generate() -> str:
    """The text of src/gazetteer/_data/demonym_nouns.yaml, as the installed
    babel, pycountry and wordfreq make it."""
    from importlib.metadata import version

    import babel
    import pycountry
    from babel.core import get_global

    cldr = get_global("cldr").get("version", "?")
    lines = [
        f"# Generated by tools/demonym_nouns.py from babel {babel.__version__} (CLDR {cldr}),",
        f"# pycountry {pycountry.__version__} and wordfreq {version('wordfreq')}: the stems of the",
        "# nouns for a country's people in Russian, Bulgarian and Ukrainian (швейцарц,",
        "# румънц, угорц), made from the adjectives of CLDR's names of currencies and",
        "# attested in wordfreq. Read with the table of demonyms.yaml (written by hand),",
        "# by tag(..., demonyms=True) and Gazetteer.country (docs/tagging.md).",
        "# Do not edit by hand: run the tool again.",
        "people:",
    ]
    for entity_id, stems in nouns().items():
        lines.append(f"  {entity_id}: [{', '.join(_quote(stem) for stem in stems)}]")
    return "\n".join(lines) + "\n"


def main() -> int:
    return write(OUTPUT, generate())


if __name__ == "__main__":
    sys.exit(main())
