"""Generate src/gazetteer/_data/country_words.yaml: the English adjectives
of countries ("Kenyan", "Thai", "Irish"), read off CLDR's English names of
currencies and of languages (through the `babel` package), and the acronyms
of their English names ("UAE", "BVI"), for Gazetteer.country.

    pip install babel && python tools/country_words.py

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
it is official (``OFFICIAL``) that it fits by the same rules; and so are
the words before the language in CLDR's name of a language as one country
speaks it ("American English", en_US; "British English"; "Moldavian",
ro_MD), when they fit that country. A word of ISO 3166's names of a
country counts as a word of its name for the prefix ("United States of
America": American), not its words of a form of state, nor a bracketed
part ("Saint Martin (French part)").

An acronym is the initials of an English name of a country of
``ACRONYM_WORDS`` words or more, less "of", "the", "and" (CLDR's name, and
ISO 3166's name with an inverted "Korea, Democratic People's Republic of"
read in order: United Arab Emirates, UAE; Democratic People's Republic of
Korea, DPRK); not one that is an ISO 3166 code of another country, nor a
qualifier of cleanup.yaml (Syrian Arab Republic: SAR, as in "Hong Kong
SAR"). Not of official names: their initials are rarely written, and often
another thing's.

A territory is a country of ISO 3166-1 that ISO 3166-2 also lists as a
subdivision of another country, under its own alpha-2 code and a name of the
two (Hong Kong, CN-HK), and that has no subdivisions of its own (not Mali,
GN-ML, a region of Guinea). Gazetteer.country reads "Hong Kong, China" and
"Hong Kong S.A.R. Kina" as the territory (docs/api.md).

An adjective or acronym two countries are given is dropped for both. The
keys are the library's keys (gazetteer.normalize).
tests/test_country_forms.py checks that the file equals what this makes
from the installed babel and pycountry.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cldr_names import _quote

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "gazetteer" / "_data" / "country_words.yaml"
SINCE = datetime.date(1900, 1, 1)
UNTIL = datetime.date(2025, 1, 1)
PREFIX = 2  # letters an adjective shares with a word of its country's name
NAME_LETTERS = 4  # a word of an ISO name an adjective starts as (not "and")
ACRONYM_WORDS = 3  # words of a name an acronym is made of, at least
_SKIPPED = {"of", "the", "and"}  # words an acronym leaves out
OFFICIAL = ("official", "de_facto_official")  # a language's status in a country (CLDR)
_WORDS = re.compile(r"[\w'’]+")
_BRACKETED = re.compile(r"\([^()]*\)")  # "Russian Ruble (1991–1998)"


def _words(text: str) -> list[str]:
    from gazetteer.normalize import normalize

    return _WORDS.findall(normalize(text))


def _fits(adjective: list[str], code: str) -> bool:
    """Whether an adjective (its words, as keys) fits a country (the rules
    above): its last word is no word of CLDR's English name of the country,
    and starts as a word of that name does, or a word of ``NAME_LETTERS``
    letters or more of ISO 3166's name or official name, less their brackets
    and their words of a form of state (United States of America: american;
    not Republic, nor the French of "Saint Martin (French part)")."""
    import pycountry
    from babel import Locale

    from gazetteer import rulefiles

    forms = set(rulefiles.cleanup().state_forms)
    country = pycountry.countries.get(alpha_2=code)
    iso = [getattr(country, field, "") for field in ("name", "official_name")]
    name = _words(Locale("en").territories.get(code, ""))
    names = name + [
        w
        for text in iso
        for w in _words(_BRACKETED.sub("", text))
        if w not in forms and len(w) >= NAME_LETTERS
    ]
    last = adjective[-1]
    return (
        not set(_words(last.replace("-", " "))) <= set(name)
        and any(w[:PREFIX] == last[:PREFIX] for w in names)
        and all(w in names for w in adjective[:-1])
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
        words = _BRACKETED.sub("", english.currencies.get(currency) or "").split()
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
    for variant, name in sorted(english.languages.items()):
        # a language as one country speaks it: American English, Moldavian
        language, _, code = variant.partition("_")
        if code in codes:
            words = name.split()
            found.append(([normalize(w) for w in words[:-1] or words], {code}))
    return found


def _unique(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    """(key, country code) pairs → entity id → its keys, less the keys of
    two countries."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key, code in found:
        owners[key].add(code)
    out: dict[str, list[str]] = defaultdict(list)
    for key in sorted(owners):
        if len(owners[key]) == 1:
            out[f"country:{next(iter(owners[key])).lower()}"].append(key)
    return dict(out)


def adjectives() -> dict[str, list[str]]:
    """Country entity id → its adjectives, as keys."""
    found = []
    for adjective, countries in _adjectives():
        fits = [code for code in sorted(countries) if _fits(adjective, code)]
        if len(fits) == 1:
            found.append((" ".join(adjective), fits[0]))
    return _unique(found)


def acronyms() -> dict[str, list[str]]:
    """Country entity id → the acronyms of its English names, as keys."""
    import pycountry
    from babel import Locale

    from gazetteer import rulefiles

    english = Locale("en")
    qualifiers = set(rulefiles.cleanup().qualifiers)
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    codes = {c.alpha_3.lower(): c.alpha_2 for c in countries}
    codes.update({c.alpha_2.lower(): c.alpha_2 for c in countries})
    found = []
    for country in countries:
        names = [english.territories.get(country.alpha_2, "")]
        names.append(country.name)
        for name in names:
            head, _, tail = _BRACKETED.sub("", name).partition(", ")
            words = [w for w in _words(f"{tail} {head}".replace("-", " ")) if w not in _SKIPPED]
            acronym = "".join(w[0] for w in words)
            if len(words) < ACRONYM_WORDS or not acronym.isalpha() or acronym in qualifiers:
                continue
            if codes.get(acronym, country.alpha_2) == country.alpha_2:
                found.append((acronym, country.alpha_2))
    return _unique(found)


def territories() -> dict[str, str]:
    """Territory's country entity id → the id of the country ISO 3166-2 lists
    it under: a country of ISO 3166-1 with no subdivision of its own that
    ISO 3166-2 also lists as a subdivision of another, under its own alpha-2
    code and a name of the two (pycountry's names and translations) (CN-HK,
    Hong Kong; NL-AW, Aruba; US-PR, Puerto Rico; not CD-MO, Mongala). Not Taiwan
    (CN-TW), which has subdivisions of its own, nor the regions whose code is
    another country's by chance (GN-ML, Mali in Guinea; ET-SO, Somali): those
    have subdivisions too, and Gazetteer.country asks the territory's name to
    name the subdivision as well."""
    import pycountry
    from cldr_names import iso_base

    entities = iso_base()
    with_own = {s.country_code for s in pycountry.subdivisions}
    codes = {c.alpha_2 for c in pycountry.countries}
    found = {}
    for subdivision in sorted(pycountry.subdivisions, key=lambda s: s.code):
        sovereign, _, code = subdivision.code.partition("-")
        if code not in codes or code == sovereign or code in with_own:
            continue
        territory = f"country:{code.lower()}"
        keys = {a.key for a in entities[f"subdivision:{subdivision.code.lower()}"].aliases}
        if keys & {a.key for a in entities[territory].aliases}:  # (NL-MO is not Macao)
            found[territory] = f"country:{sovereign.lower()}"
    return dict(sorted(found.items()))


def generate() -> str:
    """The text of src/gazetteer/_data/country_words.yaml, as the installed
    babel and pycountry make it."""
    import babel
    import pycountry
    from babel.core import get_global

    cldr = get_global("cldr").get("version", "?")
    lines = [
        f"# Generated by tools/country_words.py from babel {babel.__version__} (CLDR {cldr})",
        f"# and pycountry {pycountry.__version__}: the English adjectives of countries,",
        "# read off CLDR's English names of the currencies one country used (Kenyan",
        "# Shilling: kenyan) and of the languages official in one country (Uzbek) or",
        "# spoken so in one (American English); and the acronyms of countries' English",
        "# names (United Arab Emirates: uae). Gazetteer.country answers a query that is",
        "# one of them (an acronym written in capitals), as a weak match, when no name",
        "# answered it but as a near miss (docs/api.md). Keys, in the library's key form.",
        "# territories: the countries of ISO 3166-1 that ISO 3166-2 lists as a",
        "# subdivision of another (Hong Kong, CN-HK), for 'Hong Kong S.A.R. China'.",
        "# Do not edit by hand: run the tool again.",
        "language: en",
    ]
    for field, table in (("adjectives", adjectives()), ("acronyms", acronyms())):
        lines.append(f"{field}:")
        for entity_id, keys in sorted(table.items()):
            lines.append(f"  {entity_id}: [{', '.join(_quote(k) for k in keys)}]")
    lines.append("territories:")
    lines += [f"  {territory}: {country}" for territory, country in territories().items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    OUTPUT.write_text(generate(), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
