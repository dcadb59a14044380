"""Generate src/gazetteer/_data/adjectives.yaml: the English adjectives of
countries ("Kenyan", "Thai", "Irish"), read off CLDR's English names of
currencies and of languages (through the `babel` package), for
Gazetteer.country.

    pip install babel && python tools/adjectives.py

A currency's English name is an adjective and a unit ("Kenyan Shilling",
"Thai Baht", "Irish Pound", "North Korean Won"). For every currency that
ISO 3166 countries used as legal tender from ``SINCE`` to ``UNTIL`` (fixed
dates, so that the file depends on the babel version alone), the words
before the unit are taken as the adjective of the one country among its
users that it fits:

- the adjective's last word is not a word of the country's English name
  (then it is the name itself: "Cayman Islands Dollar", "Brunei Dollar",
  "Guinea-Bissau Peso"; and French is no adjective of French Guiana) and
  starts with the same ``PREFIX`` letters as one of them (Kenyan,
  Kenya; Thai, Thailand; Swiss, Switzerland; Turkish, Türkiye), compared
  as keys;
- its other words are words of that name ("North Korean", North Korea;
  not "New Taiwan", nor "Bosnia-Herzegovina Convertible");
- exactly one of the currency's users fits so.

A language's English name of one word is an adjective too ("Uzbek",
"Marshallese", "Faroese"), of the one country among those where CLDR says
it is official (``OFFICIAL``) that it fits by the same rules.

An adjective two countries are given is dropped for both. The keys are the
library's keys (gazetteer.normalize). tests/test_country_forms.py checks
that the file equals what this makes from the installed babel.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "gazetteer" / "_data" / "adjectives.yaml"
SINCE = datetime.date(1900, 1, 1)
UNTIL = datetime.date(2025, 1, 1)
PREFIX = 2  # letters an adjective shares with a word of its country's name
OFFICIAL = ("official", "de_facto_official")  # a language's status in a country (CLDR)
_WORDS = re.compile(r"[\w'’]+")


def _words(text: str) -> list[str]:
    from gazetteer.normalize import normalize

    return _WORDS.findall(normalize(text))


def _fits(adjective: list[str], territory: str) -> bool:
    """Whether an adjective (its words, as keys) fits a country's English
    name (the rules above)."""
    theirs = _words(territory)
    last = adjective[-1]
    return (
        not set(_words(last.replace("-", " "))) <= set(theirs)
        and any(w[:PREFIX] == last[:PREFIX] for w in theirs)
        and all(w in theirs for w in adjective[:-1])
    )


def _adjectives() -> list[tuple[list[str], set[str]]]:
    """(an adjective's words, as keys; the countries it may be of), from the
    currencies' and the languages' English names."""
    import pycountry
    from babel import Locale
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    from gazetteer.normalize import normalize

    english = Locale("en")
    codes = sorted(country.alpha_2 for country in pycountry.countries)
    users: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        for currency in get_territory_currencies(code, start_date=SINCE, end_date=UNTIL):
            users[currency].add(code)
    found = []
    for currency in sorted(users):
        words = (english.currencies.get(currency) or "").split()
        if len(words) >= 2:
            found.append(([normalize(w) for w in words[:-1]], users[currency]))
    official: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        for language, info in get_global("territory_languages").get(code, {}).items():
            if info.get("official_status") in OFFICIAL:
                official[language].add(code)
    for language in sorted(official):
        name = english.languages.get(language) or ""
        if name and " " not in name:
            found.append(([normalize(name)], official[language]))
    return found


def collect() -> dict[str, list[str]]:
    """Country entity id → its adjectives, as keys."""
    from babel import Locale

    english = Locale("en")
    owners: dict[str, set[str]] = defaultdict(set)
    for adjective, countries in _adjectives():
        fits = [
            code
            for code in sorted(countries)
            if code in english.territories and _fits(adjective, english.territories[code])
        ]
        if len(fits) == 1:
            owners[" ".join(adjective)].add(fits[0])
    out: dict[str, list[str]] = defaultdict(list)
    for key in sorted(owners):
        if len(owners[key]) == 1:
            out[f"country:{next(iter(owners[key])).lower()}"].append(key)
    return dict(out)


def _quote(text: str) -> str:
    return text if re.fullmatch(r"[a-z][a-z '-]*", text) else '"' + text + '"'


def generate() -> str:
    """The text of src/gazetteer/_data/adjectives.yaml, as the installed babel makes it."""
    import babel
    from babel.core import get_global

    cldr = get_global("cldr").get("version", "?")
    lines = [
        f"# Generated by tools/adjectives.py from babel {babel.__version__} (CLDR {cldr}):",
        "# the English adjectives of countries, read off CLDR's English names of the",
        "# currencies one country used (Kenyan Shilling: kenyan) and of the languages",
        "# official in one country (Uzbek: uzbek). Gazetteer.country answers a query",
        "# that is one of them, as a weak match, when no name answered it but as a",
        "# near miss (docs/api.md). Keys, in the library's key form.",
        "# Do not edit by hand: run the tool again.",
        "language: en",
        "adjectives:",
    ]
    for entity_id, keys in sorted(collect().items()):
        lines.append(f"  {entity_id}: [{', '.join(_quote(k) for k in keys)}]")
    return "\n".join(lines) + "\n"


def main() -> int:
    OUTPUT.write_text(generate(), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
