"""Transliteration: Cyrillic (and Greek, Georgian, Armenian) names in Latin letters.

The tables live in ``_data/translit/``: a generic Cyrillic table, and for each
language a delta on it with the language's own letters and its named
conventions (BGN/PCGN, ISO 9, passport, German and French press practice,
the Latin alphabets of Uzbek, Kazakh, Azerbaijani and Turkmen ...). The
language an alias is filed under picks the conventions: Bulgarian ъ is "a"
and щ "sht", Russian щ is "shch".

Each convention becomes a language pack of the ``transliterate`` package,
made from the table and registered with its registry under ``<lang>-<scheme>``
(``kk-bgn``, ``ru-iso9``); the languages that package lacks (be, kk, ky, uz,
tg, az, tk) are also registered under their plain code, with their first
convention. Greek, Georgian and Armenian use the packs the package ships.

Lookups transliterate normalised keys (lower case), so both sides of a
comparison went through the same folding first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources

import attrs
import yaml
from transliterate import get_available_language_codes, translit
from transliterate.base import TranslitLanguagePack, registry

from gazetteer._yaml import SafeLoader
from gazetteer.normalize import normalize

__all__ = ["Scheme", "has_cyrillic", "latin_forms", "schemes", "to_cyrillic", "to_latin"]

_CYRILLIC = re.compile(r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_LATIN_LETTER = re.compile(r"[a-zA-Z\u00c0-\u024f]")
# Scripts transliterated with the packs that `transliterate` ships.
_PACKAGE_PACKS = {
    "el": re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"),
    "ka": re.compile(r"[\u10a0-\u10ff]"),
    "hy": re.compile(r"[\u0530-\u058f]"),
}
_FALLBACK = "ru"  # the tables used for Cyrillic in a language without its own
_PACKAGE_CYRILLIC = frozenset({"sr", "mk", "mn"})  # Cyrillic packs `transliterate` ships


@attrs.frozen
class Scheme:
    """One romanisation convention of one language."""

    lang: str
    name: str
    table: Mapping[str, str]
    reversible: bool

    @property
    def code(self) -> str:
        return f"{self.lang}-{self.name}"


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def _read(name: str) -> dict[str, object]:
    path = resources.files("gazetteer").joinpath("_data", "translit", name)
    data: dict[str, object] = yaml.load(path.read_text("utf-8"), Loader=SafeLoader)
    return data


def _table(raw: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(raw or {}).items()}  # type: ignore[call-overload]


def _pack(scheme: Scheme) -> type[TranslitLanguagePack]:
    """A ``transliterate`` pack class for one scheme, built from its table."""
    both: dict[str, str] = {}
    for cyr, lat in scheme.table.items():
        both[cyr] = lat
        both[cyr.upper()] = lat[:1].upper() + lat[1:]
    # Cyrillic -> Latin: longer keys first, so that they win over their letters.
    to_latin = dict(sorted(both.items(), key=lambda kv: -len(kv[0])))
    single = [(lat, cyr) for cyr, lat in both.items() if len(lat) == 1 and len(cyr) == 1]
    multi = {lat: cyr for cyr, lat in both.items() if len(lat) > 1 and len(cyr) == 1}
    pairs = list({lat: (lat, cyr) for lat, cyr in reversed(single)}.values())[::-1]
    attributes = {
        "language_code": scheme.code,
        "language_name": f"{scheme.lang} ({scheme.name})",
        "mapping": ("".join(p[0] for p in pairs), "".join(p[1] for p in pairs)),
        "pre_processor_mapping": dict(sorted(multi.items(), key=lambda kv: -len(kv[0]))),
        "reversed_specific_pre_processor_mapping": to_latin,
        "detectable": False,
    }
    return type(f"Pack_{scheme.lang}_{scheme.name}", (TranslitLanguagePack,), attributes)


@functools.cache
def _load() -> tuple[
    dict[str, tuple[Scheme, ...]], dict[str, TranslitLanguagePack], dict[str, dict[int, str]]
]:
    # Let the package discover its own packs first: it only looks while its
    # registry is empty.
    shipped = set(get_available_language_codes())
    base = _table(_read("cyrillic.yaml")["letters"])
    by_lang: dict[str, tuple[Scheme, ...]] = {}
    packs: dict[str, TranslitLanguagePack] = {}
    fast: dict[str, dict[int, str]] = {}
    files = resources.files("gazetteer").joinpath("_data", "translit")
    for entry in sorted(files.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml") or entry.name == "cyrillic.yaml":
            continue
        data = _read(entry.name)
        lang = str(data["language"])
        letters = {**base, **_table(data.get("letters"))}
        reversible = set(data.get("reversible") or [])  # type: ignore[call-overload]
        found = []
        for name, delta in dict(data["schemes"]).items():  # type: ignore[call-overload]
            scheme = Scheme(lang, str(name), {**letters, **_table(delta)}, name in reversible)
            cls = _pack(scheme)
            registry.register(cls)
            packs[scheme.code] = cls()
            fast[scheme.code] = _fast_table(scheme)
            found.append(scheme)
        by_lang[lang] = tuple(found)
        if lang not in shipped:  # a language the package lacks
            registry.register(type(f"Pack_{lang}", (_pack(found[0]),), {"language_code": lang}))
    return by_lang, packs, fast


def schemes(lang: str | None = None) -> tuple[Scheme, ...]:
    """The conventions of a language (its primary subtag), or of every language."""
    by_lang, _, _ = _load()
    if lang is None:
        return tuple(s for group in by_lang.values() for s in group)
    return by_lang.get(lang.split("-")[0], ())


def to_latin(text: str, scheme: Scheme) -> str:
    """Romanise ``text`` by one convention (letters it does not know pass through).

    The same as the registered pack's ``translit(text, reversed=True)``, which
    the tests check; done here with one ``str.translate`` over the scheme's
    table, because the pack applies each of its rules as a separate
    ``str.replace`` and the index romanises a hundred thousand names.
    """
    return text.translate(_load()[2][scheme.code])


def _fast_table(scheme: Scheme) -> dict[int, str]:
    if any(len(cyr) > 1 for cyr in scheme.table):  # pragma: no cover - no such table yet
        raise ValueError(f"{scheme.code}: multi-letter keys need the pack's own engine")
    table = {}
    for cyr, lat in scheme.table.items():
        table[ord(cyr)] = lat
        table[ord(cyr.upper())] = lat[:1].upper() + lat[1:]
    return table


def pack_translit(text: str, scheme: Scheme) -> str:
    """Romanise with the registered ``transliterate`` pack itself."""
    _, packs, _ = _load()
    result: str = packs[scheme.code].translit(text, reversed=True)
    return result


def to_cyrillic(text: str, scheme: Scheme) -> str | None:
    """Latin → Cyrillic by one convention; None when a Latin letter would be left over.

    Only a reversible convention (ISO 9) promises that the Cyrillic goes back
    to the same Latin; output is never a mix of scripts.
    """
    _, packs, _ = _load()
    result: str = packs[scheme.code].translit(text)
    return None if _LATIN_LETTER.search(result) else result


def latin_forms(key: str, lang: str | None = None) -> dict[str, str]:
    """Every Latin form of a normalised key: convention code → normalised Latin.

    A Latin key is its own only form (``{"": key}``). A Cyrillic key is
    romanised by every convention of ``lang`` (by every convention of every
    language when ``lang`` is None, and by the Russian ones for a language
    without tables of its own). Serbian, Macedonian and Mongolian Cyrillic,
    and Greek, Georgian and Armenian, use the packs of the ``transliterate``
    package.
    """
    if has_cyrillic(key):
        primary = lang.split("-")[0] if lang is not None else None
        chosen = schemes(primary) if primary is not None else schemes()
        forms: dict[str, str] = {}
        if primary in _PACKAGE_CYRILLIC:  # Serbian, Macedonian, Mongolian: the package's packs
            _load()
            forms[primary] = normalize(translit(key, primary, reversed=True))
        elif not chosen:
            chosen = schemes(_FALLBACK)
        for scheme in chosen:
            forms.setdefault(scheme.code, normalize(to_latin(key, scheme)))
        return forms
    _load()  # registers the packs (and lets the package discover its own)
    for code, pattern in _PACKAGE_PACKS.items():
        if pattern.search(key):
            return {code: normalize(translit(key, code, reversed=True))}
    return {"": key}
