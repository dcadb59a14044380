"""Source: ISO 3166 countries, historic countries and subdivisions from pycountry.

Each ISO record becomes an :class:`~gazetteer.entries.EntryRecord`:

* countries: ``country:<alpha-2>``, English names (``name``, ``official_name``,
  ``common_name``) filed under ``en``;
* historic countries (ISO 3166-3): ``country:<alpha-4>`` (``country:suhh``),
  since their alpha-2 codes were reused (GE was the Gilbert Islands); their
  names are weak, so that "East Timor" resolves to today's Timor-Leste and
  not to the ISO 3166-3 record it replaced (curated files promote the names
  that only the historic country has, such as СССР); a catalogue string
  "short name, long name" is also read as each name (:func:`_parts`);
* subdivisions: ``subdivision:<iso 3166-2>``, their ISO name filed under
  ``und`` (ISO 3166-2 names are romanised local names, not English), linked
  to their country and parent.

Every translation that pycountry ships (its gettext catalogues) is added
under the catalogue's language (``pt_BR`` → ``pt-BR``, ``sr@latin`` →
``sr-Latn``), except a "translation" identical to the name itself, which
adds nothing, and a name one catalogue gives to two countries is weak
(:func:`_shared`). All other names are strong; curated alias files refine them.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator, Set
from pathlib import Path
from typing import Any

from gazetteer.entries import AliasRecord, EntryRecord
from gazetteer.model import Tier
from gazetteer.normalize import normalize

__all__ = ["iso_entries"]

SOURCE = "pycountry"
_SCRIPT_VARIANTS = {"latin": "Latn", "iqtelif": "Latn", "cyrillic": "Cyrl"}


def _lang_tag(locale: str) -> str:
    """``pt_BR`` → ``pt-BR``; ``sr@latin`` → ``sr-Latn``."""
    base, _, variant = locale.partition("@")
    tag = base.replace("_", "-")
    if variant:
        script = _SCRIPT_VARIANTS.get(variant, variant.title()[:4])
        lang, _, region = tag.partition("-")
        tag = "-".join(part for part in (lang, script, region) if part)
    return tag


def _catalogues(domain: str) -> list[tuple[str, gettext.GNUTranslations]]:
    import pycountry  # imported when first needed: a load from the cache never is

    root = Path(pycountry.LOCALES_DIR)
    found = []
    for locale in sorted(os.listdir(root)):
        path = root / locale / "LC_MESSAGES" / f"{domain}.mo"
        if path.is_file():
            with path.open("rb") as fp:
                found.append((_lang_tag(locale), gettext.GNUTranslations(fp)))
    return found


def _names(
    primary: list[tuple[str, str]],
    catalogues: list[tuple[str, gettext.GNUTranslations]],
    tier: Tier = Tier.STRONG,
    split: bool = False,
    shared: Set[tuple[str, str]] = frozenset(),
) -> tuple[AliasRecord, ...]:
    """The aliases of one record: its own names, then every translation of
    them (``split``: each also read as :func:`_parts`; a translation whose
    (language, key) is in ``shared`` is weak)."""
    seen: set[tuple[str, str]] = set()
    out: list[AliasRecord] = []

    def add(text: str, lang: str) -> None:
        for name in _parts(text) if split else _clean(text):
            if (name, lang) not in seen:
                seen.add((name, lang))
                weak = (lang, normalize(name)) in shared
                out.append(AliasRecord(name, lang, Tier.WEAK if weak else tier))

    for text, lang in primary:
        add(text, lang)
    for lang, catalogue in catalogues:
        for text, _ in primary:
            translated = catalogue.gettext(text)
            if translated != text:
                add(translated, lang)
    return tuple(out)


# A catalogue string with a local name, and often the code, in brackets:
# "Уельс [Кемрі GB-CYM]" is the names "Уельс" and "Кемрі"; "Barcelona
# [Barcelona]" is "Barcelona".
_BRACKETED = re.compile(r"^(?P<name>[^\[\]]*?)\s*\[(?P<local>[^\[\]]*)\]$")


def _clean(text: str) -> list[str]:
    """The names in one pycountry string: itself, or, for a catalogue string
    with a bracketed local name, the name and the local name (without the
    code that ends it: its last word, when that has a hyphen and is not the
    only word)."""
    text = text.strip()
    match = _BRACKETED.match(text)
    if match is None:
        return [text] if text else []
    local = match["local"].split()
    if len(local) > 1 and "-" in local[-1]:
        local = local[:-1]
    names = [match["name"].strip(), " ".join(local)]
    return [name for name in dict.fromkeys(names) if name]


def _parts(text: str) -> list[str]:
    """The names in a historic country's catalogue string, "short name, long
    name": the whole string, the short name ("Yugoslavia, (Socialist) Federal
    Republic of" is also "Yugoslavia"), and the long name: put back in order
    when inverted (its last word in lower case, as "of" is), with and without
    its bracketed word ("Federal Republic of Yugoslavia", "Socialist Federal
    Republic of Yugoslavia"); else on its own when it spells out a short name
    in capitals ("USSR, Union of Soviet Socialist Republics") or shares its
    first letters ("Czechoslovakia, Czechoslovak Socialist Republic"), so
    that a bare "Föderative Republik" is never a name."""
    names = _clean(text)
    head, comma, tail = text.partition(",")
    head, tail = head.strip(), tail.strip()
    if not comma or not head or not tail:
        return names
    names.append(head)
    last = tail.split()[-1]
    if last.islower():  # inverted: "(Socialist) Federal Republic of" + "Yugoslavia"
        whole = f"{tail} {head}"
        names += [" ".join(_OPTIONAL.sub(" ", whole).split()), _OPTIONAL.sub(r"\1", whole)]
    elif head.isupper() or head[:5].casefold() in tail.casefold():
        names.append(tail)
    return list(dict.fromkeys(names))


_OPTIONAL = re.compile(r"\(([^()]*)\)")  # a bracketed word a name may leave out


def _field(record: Any, name: str) -> str | None:
    value = getattr(record, name, None)
    return value if isinstance(value, str) and value else None


def _shared(
    primaries: list[list[tuple[str, str]]],
    catalogues: list[tuple[str, gettext.GNUTranslations]],
) -> frozenset[tuple[str, str]]:
    """The (language, key) pairs that one catalogue gives to the names of two
    records or more: a catalogue's slip (Occitan "Paraguai" for Nicaragua,
    Faroese "Sámoa" for American Samoa) or a name the language does not
    tell apart; either way weak, so that no translation outranks the names
    of the country that owns it."""
    found: set[tuple[str, str]] = set()
    for lang, catalogue in catalogues:
        owners: dict[str, int] = {}
        for number, primary in enumerate(primaries):
            for text, _ in primary:
                translated = catalogue.gettext(text)
                if translated == text:
                    continue
                for name in _clean(translated):
                    key = normalize(name)
                    if owners.setdefault(key, number) != number:
                        found.add((lang, key))
    return frozenset(found)


def iso_entries() -> Iterator[EntryRecord]:
    """Yield one entry per ISO 3166-1 country, 3166-3 historic country and 3166-2 subdivision."""
    import pycountry

    catalogues = _catalogues("iso3166-1")
    countries = list(pycountry.countries)
    primaries = [
        [
            (text, "en")
            for text in (
                country.name,
                _field(country, "official_name"),
                _field(country, "common_name"),
            )
            if text
        ]
        for country in countries
    ]
    shared = _shared(primaries, catalogues)
    for country, primary in zip(countries, primaries, strict=True):
        yield EntryRecord(
            source=SOURCE,
            line=None,
            id=f"country:{country.alpha_2.lower()}",
            kind="country",
            name=_field(country, "common_name") or country.name,
            aliases=_names(primary, catalogues, shared=shared),
            codes=(
                ("iso2", country.alpha_2),
                ("iso3", country.alpha_3),
                ("iso_numeric", country.numeric),
            ),
        )

    catalogues = _catalogues("iso3166-3")
    for historic in pycountry.historic_countries:
        yield EntryRecord(
            source=SOURCE,
            line=None,
            id=f"country:{historic.alpha_4.lower()}",
            kind="country",
            name=historic.name,
            aliases=_names([(historic.name, "en")], catalogues, Tier.WEAK, split=True),
            codes=(("iso3166-3", historic.alpha_4), ("iso3", historic.alpha_3)),
        )

    catalogues = _catalogues("iso3166-2")
    for sub in pycountry.subdivisions:
        country_id = f"country:{sub.country_code.lower()}"
        parent_code = _field(sub, "parent_code")
        yield EntryRecord(
            source=SOURCE,
            line=None,
            id=f"subdivision:{sub.code.lower()}",
            kind="subdivision",
            name=(_clean(sub.name) or [sub.name])[0],
            aliases=_names([(sub.name, "und")], catalogues),
            codes=(("iso3166-2", sub.code),),
            country=country_id,
            parent=f"subdivision:{parent_code.lower()}" if parent_code else country_id,
        )
