"""Transliteration: Cyrillic (and Greek, Georgian, Armenian) names in Latin letters.

The tables live in ``_data/translit/`` (read and checked by
:func:`gazetteer.rulefiles.translit`): a generic Cyrillic table, and for each
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

A key of several letters (``дж``) is applied before single letters, by the
fast path (:func:`to_latin`) and the registered pack alike.

Lookups transliterate normalised keys (lower case), so both sides of a
comparison went through the same folding first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import cast

import attrs
from transliterate import get_available_language_codes, get_translit_function
from transliterate.base import TranslitLanguagePack, registry

from gazetteer import rulefiles
from gazetteer.normalize import normalize

__all__ = [
    "Scheme",
    "build_schemes",
    "has_cyrillic",
    "latin_forms",
    "latin_set",
    "schemes",
    "to_cyrillic",
    "to_latin",
]

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


class _Romaniser:
    """Cyrillic → Latin by one table in one pass: its keys of several letters
    first (a regular expression), then single letters (``str.translate``)."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.cases = _with_capitals(table)
        self.letters = {ord(k): v for k, v in self.cases.items() if len(k) == 1}
        longer = sorted((k for k in self.cases if len(k) > 1), key=len, reverse=True)
        self.longer = re.compile("|".join(map(re.escape, longer))) if longer else None

    def __call__(self, text: str) -> str:
        if self.longer is not None:
            text = self.longer.sub(self._replace, text)
        return text.translate(self.letters)

    def _replace(self, match: re.Match[str]) -> str:
        return self.cases[match.group()]


def _with_capitals(table: Mapping[str, str]) -> dict[str, str]:
    """A table with its capitals: Щ → Shch; a key of several letters also
    capitalised (Дж → J, ДЖ → J)."""
    both: dict[str, str] = {}
    for cyr, lat in table.items():
        capital = lat[:1].upper() + lat[1:]
        both[cyr] = lat
        both[cyr[:1].upper() + cyr[1:]] = capital
        both[cyr.upper()] = capital
    return both


@attrs.frozen
class Scheme:
    """One romanisation convention of one language."""

    lang: str
    name: str
    table: Mapping[str, str]
    reversible: bool
    _romanise: _Romaniser = attrs.field(init=False, eq=False, repr=False)

    @_romanise.default
    def _romaniser(self) -> _Romaniser:
        return _Romaniser(self.table)

    @property
    def code(self) -> str:
        return f"{self.lang}-{self.name}"


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def _pack(scheme: Scheme) -> type[TranslitLanguagePack]:
    """A ``transliterate`` pack class for one scheme, built from its table."""
    both = _with_capitals(scheme.table)
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


def build_schemes(rules: rulefiles.TranslitRules) -> dict[str, tuple[Scheme, ...]]:
    """Language → its conventions, each table the base table changed by the
    language's letters, then by the convention's own."""
    by_lang = {}
    for lang, language in rules.languages.items():
        letters = {**rules.base.letters, **language.letters}
        by_lang[lang] = tuple(
            Scheme(lang, name, {**letters, **delta}, name in language.reversible)
            for name, delta in language.schemes.items()
        )
    return by_lang


@functools.cache
def _load() -> tuple[dict[str, tuple[Scheme, ...]], dict[str, TranslitLanguagePack]]:
    # Let the package discover its own packs first: it only looks while its
    # registry is empty.
    shipped = set(get_available_language_codes())
    by_lang = build_schemes(rulefiles.translit())
    packs: dict[str, TranslitLanguagePack] = {}
    for lang, found in by_lang.items():
        for scheme in found:
            cls = _pack(scheme)
            registry.register(cls)
            packs[scheme.code] = cls()
        if lang not in shipped:  # a language the package lacks
            registry.register(type(f"Pack_{lang}", (_pack(found[0]),), {"language_code": lang}))
    return by_lang, packs


def schemes(lang: str | None = None) -> tuple[Scheme, ...]:
    """The conventions of a language (its primary subtag), or of every language."""
    by_lang, _ = _load()
    if lang is None:
        return tuple(s for group in by_lang.values() for s in group)
    return by_lang.get(lang.split("-")[0], ())


def to_latin(text: str, scheme: Scheme) -> str:
    """Romanise ``text`` by one convention (letters it does not know pass through).

    The same as the registered pack's ``translit(text, reversed=True)``, which
    the tests check; done here with one ``str.translate`` over the scheme's
    table (after one regular expression, for keys of several letters),
    because the pack applies each of its rules as a separate ``str.replace``
    and the index romanises a hundred thousand names.
    """
    return scheme._romanise(text)


def pack_translit(text: str, scheme: Scheme) -> str:
    """Romanise with the registered ``transliterate`` pack itself."""
    _, packs = _load()
    result: str = packs[scheme.code].translit(text, reversed=True)
    return result


def to_cyrillic(text: str, scheme: Scheme) -> str | None:
    """Latin → Cyrillic by one convention; None when a Latin letter would be left over.

    Only a reversible convention (ISO 9) promises that the Cyrillic goes back
    to the same Latin; output is never a mix of scripts.
    """
    _, packs = _load()
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
            forms[primary] = normalize(_package(primary)(key, reversed=True))
        elif not chosen:
            chosen = schemes(_FALLBACK)
        for scheme in chosen:
            forms.setdefault(scheme.code, normalize(to_latin(key, scheme)))
        return forms
    _load()  # registers the packs (and lets the package discover its own)
    for code, pattern in _PACKAGE_PACKS.items():
        if pattern.search(key):
            return {code: normalize(_package(code)(key, reversed=True))}
    return {"": key}


@functools.cache
def _package(code: str) -> Callable[..., str]:
    """The ``transliterate`` package's pack for ``code``, made once (its
    ``translit`` makes a pack at each call)."""
    return cast("Callable[..., str]", get_translit_function(code))


def latin_set(key: str, lang: str | None, spelled: str | None = None) -> set[str]:
    """The Latin forms of a key, and of its spelling
    (:func:`~gazetteer.normalize.spelling`) when that differs: ё is "yo" in
    the conventions that write it so, and "e" in the key."""
    forms = set(latin_forms(key, lang).values())
    if spelled and spelled != key:
        forms |= set(latin_forms(spelled, lang).values())
    return forms - {""}
