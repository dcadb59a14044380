"""Generate data/aliases/generated/cldr.yaml: the names of countries and
territories in every language CLDR has, from the locale data of the `babel`
package (which is CLDR's), as a layer that adds names to existing entities.

    pip install babel && python tools/cldr_names.py

What it takes: the territory names (``Locale.territories``), and the
names of the cities time zones are named after (``Locale.time_zones``: the
exemplar city of "Asia/Tashkent" is Daşkənd in Azerbaijani), of every base
locale (``ru``, ``kk``, not ``en_GB``) and of every script variant that is
not the language's default script (``sr_Latn``, ``uz_Cyrl``, filed as
``sr-Latn`` ...) whose language code the alias files accept. A territory
code names an entity when it is a two-letter code of a ``country:`` entity,
or one of the groupings in ``GROUPS`` (EU, UN); a time zone names the curated
city it is named after (see ``zone_cities``). A bracketed part is a name of
its own too ("Myanmar (Burma)" gives Myanmar and Burma), unless it names
another place or is words of another place's name in that locale (a
qualifier: "Virgin Islands (British)"; Chechen "(Британи)", a word of
Britain's name there); a historic country's name (Burma) is no other place. A country renamed with
a word for north (North Macedonia) keeps its names less that word, weak
(``without_compass``). Babel does not keep
CLDR's alternative forms (``GB-alt-short`` ...), so there are none here.

What it drops or demotes, against pycountry and the curated files:

- a name the entity already has in the same language, or denies (the
  loader would not add it: a generated layer only adds names; one it has
  in another language is filed in this one too, at no higher tier);
- a name the library would reject (a control character, Latin and Cyrillic
  letters in one word, nothing left after normalisation);
- a name one locale gives to two territories (skipped for both);
- a name that is one of the library's common words, or a Latin form of one
  (Aghem's "Mòlokò", Morocco, would otherwise be Russian "молоко"), unless
  each such word is this entity's own name in the word's language (or a
  form of it the inflection rules read) and no other entity's there, or a
  Cyrillic word too short (under the matcher's ``MIN_CROSS_SCRIPT_LETTERS``
  letters) to meet, by its Latin form, a Latin name of an entity with
  Cyrillic names, and the name is of a language the library has common
  words for or one of those words is the entity's own name and the name is
  not written in small letters only (Spanish and Romanian Rusia, a Latin
  form of Bulgarian Русия; not Kaingang Amỹ for Amman, which only Bulgarian
  ами, "but", written in Latin letters, is; not Tachelhit "mali", which
  would answer the lower-case query as written):
  German Russland, Prag, Turkish Londra (the tagger's rules for common words then
  decide where the capitalised word is the name); Bulgarian праг,
  "threshold", keeps no German Prag out. A word written in another script
  than most of its language's is no common word there (Latin "ukraine"
  among the Ukrainian words), and a bracketed part that is a common word is
  a qualifier, never a name ("Meksyk (miasto)", "city");
- a name that is a strong name of another entity, or that CLDR gives to
  another territory in another language, is filed weak: it resolves only when
  no strong name competes, so it never makes an existing name ambiguous.

tests/test_cldr.py checks that the file equals what this makes from the
installed babel (and the files it reads).
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "data" / "aliases"
GENERATED = "generated"
OUTPUT = FOLDER / GENERATED / "cldr.yaml"
# CLDR territory codes that are not countries, and the curated entity each names
GROUPS = {"EU": "organization:eu", "UN": "organization:un"}
# The generated entity layers whose entities CLDR's names are added to: the
# cities regions are named after (some of them the cities time zones are
# named after), not the world's capitals and large cities.
CLDR_LAYERS = ("region_cities.yaml",)

# A plain YAML scalar that needs no quotes: letters first, then letters,
# digits, spaces and a few marks; anything else is written double-quoted.
_PLAIN = re.compile(r"[^\W\d_][\w .'’-]*(?<! )")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BRACKETED = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")


def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0] if ch.isalpha() else ""


def _lower_case(text: str) -> bool:
    """Whether ``text`` has small letters and no capital (a name some small
    locales write so: rif, shi "mali"), where its script has both."""
    return any(ch.islower() for ch in text) and not any(ch.isupper() for ch in text)


def _mixed_script(text: str) -> bool:
    """A word that mixes Latin and Cyrillic letters (the library rejects it)."""
    return any({"LATIN", "CYRILLIC"} <= {_script(ch) for ch in word} for word in text.split())


def locales() -> list[tuple[str, str]]:
    """(babel locale, language tag) for each locale whose names are taken."""
    from babel import localedata
    from babel.core import get_global

    from gazetteer.records import check_lang

    likely = get_global("likely_subtags")
    chosen = []
    for loc in sorted(localedata.locale_identifiers()):
        parts = loc.split("_")
        if len(parts) == 2 and re.fullmatch(r"[A-Z][a-z]{3}", parts[1]):
            default = likely.get(parts[0], "").split("_")
            if len(default) > 1 and default[1] == parts[1]:
                continue  # sr_Cyrl is sr
        elif len(parts) != 1:
            continue  # a territory variant: en_GB
        tag = "-".join(parts)
        if check_lang(tag) is None:
            chosen.append((loc, tag))
    return chosen


# Cached: read by both generators when they run in one process (the tests),
# and changed by neither (merge_layer returns a new mapping of frozen entities).
@functools.cache
def iso_base() -> Mapping[str, Any]:
    """pycountry's entities, merged as the loader's first layer."""
    from gazetteer.isodata import iso_entries
    from gazetteer.records import merge_layer

    return merge_layer({}, iso_entries(), strict=False)


@functools.cache  # read once by both generators when run in one process (the tests)
def base_entities(
    entity_layers: bool = True, layers: tuple[str, ...] | None = None
) -> Mapping[str, Any]:
    """pycountry's entities, the generated entities (the cities regions are
    named after, the world's capitals and large cities) and the curated
    files merged in, as the loader merges them
    before the generated names. Without ``entity_layers`` (for the tool that
    makes them), the curated entries that overlay a generated entity are left
    out with it. ``layers``: the generated entity layers read (all of them,
    ``loader.ENTITY_LAYERS``, by default)."""
    from gazetteer.aliasfile import read_alias_files
    from gazetteer.loader import ENTITY_LAYERS
    from gazetteer.records import merge_layer

    files = sorted(p for p in FOLDER.glob("*.y*ml"))
    entries, problems = read_alias_files(files)
    names = (ENTITY_LAYERS if layers is None else layers) if entity_layers else ()
    entities = iso_base()
    for path in (FOLDER / GENERATED / name for name in names):  # each a layer, as loaded
        if not path.is_file():
            continue
        layer, more = read_alias_files([path])
        problems += more
        entities = merge_layer(entities, layer, strict=False)
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    if not entity_layers:
        entries = [entry for entry in entries if entry.id in entities or entry.name is not None]
    return merge_layer(entities, entries)


def common_keys() -> dict[str, set[tuple[str, str]]]:
    """The library's common words (src/gazetteer/_data/common/, with the
    bases their files list) as keys, with their Latin forms: each → the
    (language, word) pairs it is or romanises. A word written in another
    script than its language (Latin "ukraine" among the Ukrainian words) is
    a foreign word there, left out (``gazetteer.fit.foreign``)."""
    from gazetteer import rulefiles
    from gazetteer.fit import foreign
    from gazetteer.translit import latin_forms

    keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for lang, table in sorted(rulefiles.common_words().items()):
        for word in [*table.words, *table.bases]:
            if not foreign(word, lang):
                for form in {word, *latin_forms(word).values()}:
                    keys[form].add((lang, word))
    return dict(keys)


# Countries whose name has a word for north or south (North Korea, North
# Macedonia, the Northern Mariana Islands; South Korea, South Sudan, South
# Africa, South Georgia): in each locale, the word that two names of a group
# share and at most one other territory's name has is that locale's word
# for north, or south (Korean Hangul and Japanese, which write no spaces
# between words, have none).
COMPASS_GROUPS = (("KP", "MK", "MP"), ("KR", "SS", "ZA", "GS"))


def without_compass(
    territories: Mapping[str, Any], english: Container[str] | None = None
) -> list[tuple[str, str]]:
    """(code, name) of each name a locale's ``territories`` give a country of
    ``COMPASS_GROUPS`` less its word for north or south, when what is left
    is no territory's name there (South Sudan: Sudan; South Africa: Africa,
    the continent's) nor words of one (North Korea: Korea, words of South
    Korea's name), words of four letters or more each (not "Macedonia
    del", of "Macedonia del Norte"), and no other country's name is left
    so: the name it had before a compass word was put in (Macedonia,
    renamed North Macedonia in 2019), or a shortening. With ``english``
    (the codes this gives for the English territories), only for a country
    whose English name is left so too: a small locale names few
    territories, and its "Africa" may be no continent's name there."""
    from gazetteer import normalize

    names = {c: n for c, n in territories.items() if isinstance(n, str)}
    taken = {normalize(n) for n in names.values()}
    left: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for group in COMPASS_GROUPS:
        inside: Counter[str] = Counter()
        outside: Counter[str] = Counter()
        for code, name in names.items():
            (inside if code in group else outside).update(set(normalize(name).split()))
        compass = {w for w, n in inside.items() if n >= 2 and outside[w] <= 1}
        for code in group:
            words = names.get(code, "").split()
            for i, word in enumerate(words):
                rest = " ".join(words[:i] + words[i + 1 :])
                if normalize(word) in compass and not compass & set(normalize(rest).split()):
                    left[normalize(rest)].add((code, rest))

    def free(key: str, code: str) -> bool:
        # no territory's name, and no words of another's (North Korea's
        # "Korea" is in South Korea's name too), and no particle left
        # dangling ("Macedonia del", of "Macedonia del Norte")
        others = (f" {normalize(n)} " for c, n in names.items() if c != code)
        return (
            key not in taken
            and all(f" {key} " not in name for name in others)
            and all(sum(ch.isalpha() for ch in word) >= 4 for word in key.split())
        )

    found = [
        (code, rest)
        for key, pairs in left.items()
        if len({code for code, _ in pairs}) == 1
        for code, rest in pairs
        if rest and free(key, code)
    ]
    if english is None:
        return found
    # a country whose English name is left so (Macedonia; not Africa, Korea)
    return [(code, rest) for code, rest in found if code in english]


def entity_of(code: str, entities: Mapping[str, Any]) -> str | None:
    """The id of the entity a CLDR territory code names, if we have it."""
    entity_id = GROUPS.get(code) or f"country:{code.lower()}"
    ok = code in GROUPS or (len(code) == 2 and code.isalpha())
    return entity_id if ok and entity_id in entities else None


def zone_cities(entities: Mapping[str, Any]) -> dict[str, str]:
    """Time zone → the curated city it is named after: CLDR names the exemplar
    city of each zone in every language ("Asia/Tashkent": Daşkənd, Ташкент).
    A zone's city is the one city entity of the zone's country with the
    zone's English name (``Tashkent``), when there is exactly one, and
    that name is not the country's English name (a zone named for a
    city-state, "Asia/Singapore", "Europe/Monaco", "Asia/Kuwait", names
    the country in most locales: its names stay the country's). ``entities``
    hold no capital or large city only tools/world_cities.py writes
    (``CLDR_LAYERS``): small locales' names of them are words elsewhere
    (Somali Bert, Perth; Loom, Lomé)."""
    from babel import Locale
    from babel.core import get_global

    from gazetteer import Kind, normalize

    english = Locale.parse("en").time_zones
    countries = Locale.parse("en").territories
    cities: dict[str | None, list[Any]] = defaultdict(list)  # by country
    for entity in entities.values():
        if entity.kind is Kind.CITY:
            cities[entity.country].append(entity)
    found: dict[str, str] = {}
    for zone, territory in get_global("zone_territories").items():
        names = {zone.rsplit("/", 1)[-1].replace("_", " ")}
        if isinstance(city := english.get(zone, {}).get("city"), str):
            names.add(city)
        keys = {normalize(name) for name in names}
        country = f"country:{territory.lower()}"
        if normalize(str(countries.get(territory, ""))) in keys:
            continue
        matches = [
            entity.id
            for entity in cities[country]
            if keys & {alias.key for alias in entity.aliases}
        ]
        if len(matches) == 1:
            found[zone] = matches[0]
    return found


def texts_of(name: str) -> list[tuple[str, bool]]:
    """A CLDR name, and its parts when it ends in a bracketed one: (text,
    whether it is the bracketed part)."""
    name = unicodedata.normalize("NFC", name.strip())
    match = _BRACKETED.match(name)
    if match is None:
        return [(name, False)]
    return [(name, False), (match.group(1), False), (match.group(2).strip(), True)]


def collect() -> dict[str, dict[str, dict[str, list[str]]]]:
    """id → tier ("names" or "weak") → language → names, sorted."""
    from babel import Locale

    from gazetteer import Tier, normalize, rulefiles
    from gazetteer.forms import analyses
    from gazetteer.scoring import MIN_CROSS_SCRIPT_LETTERS
    from gazetteer.translit import has_cyrillic

    common = common_keys()
    entities = base_entities(layers=CLDR_LAYERS)
    # pure functions of a text, asked of the same texts by many locales
    key_of = functools.cache(normalize)
    mixed_script = functools.cache(_mixed_script)
    strong_owners: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)  # any tier
    for entity in entities.values():
        for alias in entity.aliases:
            owners[alias.key].add(entity.id)
            if alias.tier is Tier.STRONG:
                strong_owners[alias.key].add(entity.id)

    def own(entity_id: str, lang: str, word: str) -> bool:
        """Whether a common word of ``lang`` is the entity's own name there, or
        a form of it that the inflection rules read (Russian Украине), and no
        other entity's name there (Bulgarian Русия, whose Latin form is
        Spanish Rusia; German Wien). Whether a text means the word or the
        name is then the tagger's question, as for every name that is a
        common word of its language."""
        bases = {base for base, rule in analyses(word) if rule in (None, lang)}
        return set().union(*(named_in.get((base, lang), set()) for base in bases)) == {entity_id}

    texts = set(rulefiles.common_words())  # the languages the library reads texts in

    def unreached(entity_id: str, key: str, word: str) -> bool:
        """Whether the name ``key`` is only a Latin form of ``word``, a
        Cyrillic word too short to meet a Latin name of an entity that has
        Cyrillic names (the matcher's rule: Bulgarian праг, "threshold", and
        German Prag)."""
        return (
            word != key
            and sum(ch.isalpha() for ch in word) < MIN_CROSS_SCRIPT_LETTERS
            and entity_id in cyrillic_named
        )

    cities = zone_cities(entities)
    shortened: set[tuple[str | None, str, str]] = set()  # names less a compass word: weak
    english = {code for code, _ in without_compass(Locale.parse("en").territories)}
    # (id, tag, text, key, bracketed) for every candidate name, and who CLDR gives each key to
    candidates: list[tuple[str, str, str, str, bool]] = []
    cldr_owners: dict[str, set[str]] = defaultdict(set)
    for loc, tag in locales():
        by_key: dict[str, set[str]] = defaultdict(set)
        found = []
        locale = Locale.parse(loc)
        named = [(entity_of(code, entities), name) for code, name in locale.territories.items()]
        for code, name in without_compass(locale.territories, english):
            shortened.add((entity_of(code, entities), tag, key_of(name)))
            named.append((entity_of(code, entities), name))
        named += [
            (cities.get(zone), zone_names.get("city", ""))
            for zone, zone_names in locale.time_zones.items()
        ]
        for entity_id, name in named:
            if entity_id is None or not isinstance(name, str):
                continue
            for text, part in texts_of(name):
                if not text or _CONTROL.search(text) or mixed_script(text):
                    continue
                key = key_of(text)
                if key:
                    by_key[key].add(entity_id)
                    found.append((entity_id, text, key, part))
        # the locale's whole names, to tell a bracketed qualifier: a part that
        # is words of another place's name here ("(Британи)", Britain's
        # "Йоккха Британи" in Chechen) says whose the place is, no name of it
        wholes = [(entity_id, f" {key} ") for entity_id, _, key, part in found if not part]
        for entity_id, text, key, part in found:
            if part and any(f" {key} " in whole and other != entity_id for other, whole in wholes):
                continue
            if len(by_key[key]) == 1:  # else one locale gives it to two: skipped
                cldr_owners[key].add(entity_id)
                candidates.append((entity_id, tag, text, key, part))

    # who has each (key, language) as a name, in the base data or in CLDR
    named_in: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in entities.values():
        for alias in entity.aliases:
            named_in[alias.key, alias.lang.split("-")[0]].add(entity.id)
    for entity_id, tag, _, key, part in candidates:
        if not part:
            named_in[key, tag.split("-")[0]].add(entity_id)

    cyrillic_named = {
        entity_id
        for (key, _), owned in named_in.items()
        if has_cyrillic(key)
        for entity_id in owned
    }

    # each entity's (key, language) of its aliases, and the keys it denies
    held: dict[str, tuple[set[tuple[str, str]], set[str]]] = {}
    out: dict[str, dict[str, dict[str, list[str]]]] = {}
    for entity_id, tag, text, key, part in sorted(set(candidates)):
        entity = entities[entity_id]
        if entity_id not in held:
            held[entity_id] = (
                {(a.key, a.lang) for a in entity.aliases},
                {key_of(denied) for denied in entity.deny},
            )
        has, denies = held[entity_id]
        used = common.get(key, ())
        if (key, tag) in has or (part and used):
            continue  # a bracketed part that is a common word is a qualifier ("(miasto)")
        # a name of a language the library reads texts in passes a common
        # word; another's only when the word is this entity's own name (Spanish
        # Rusia, Bulgarian Русия): a small locale's name is often a word or a
        # name elsewhere (Kaingang Amỹ, Amman; Polish Nowe, "new", Norway)
        words = sorted(used)
        owned = [own(entity_id, lang, word) for lang, word in words]
        if words and not (
            all(o or unreached(entity_id, key, w) for o, (_, w) in zip(owned, words, strict=True))
            and (tag.split("-")[0] in texts or (any(owned) and not _lower_case(text)))
        ):
            continue
        if key in denies:
            continue
        others = (strong_owners[key] | cldr_owners[key]) - {entity_id}
        places = {o for o in owners[key] - {entity_id} if "iso3166-3" not in entities[o].codes}
        short = (entity_id, tag, key) in shortened
        if (part or short) and (others or places):
            # a qualifier that names another place: "(British)", "(China)"; a
            # historic country's name is the older name ("Myanmar (Burma)");
            # a name less its compass word that is another place's (Macedonia,
            # Greece's region, where the locale names it so)
            continue
        tier = "weak" if others or short else "names"
        names = out.setdefault(entity_id, {}).setdefault(tier, {}).setdefault(tag, [])
        if text not in names:
            names.append(text)
    return out


def _quote(text: str) -> str:
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def header() -> list[str]:
    import babel
    from babel.core import get_global

    cldr = get_global("cldr").get("version", "?")
    return [
        f"# Generated by tools/cldr_names.py from babel {babel.__version__} (CLDR {cldr}):",
        "# the names of countries and territories in every language CLDR has, added",
        "# to existing entities as a layer that only adds names (docs/aliases.md).",
        "# Do not edit by hand: run the tool again.",
    ]


def render(data: Mapping[str, Mapping[str, Mapping[str, list[str]]]]) -> str:
    lines = header()

    def block(tier: str, names: Mapping[str, list[str]]) -> Iterable[str]:
        yield f"  {tier}:"
        for tag in sorted(names):
            yield f"    {tag}: [{', '.join(_quote(n) for n in sorted(names[tag]))}]"

    for entity_id in sorted(data):
        lines += ["", f"- id: {entity_id}"]
        for tier in ("names", "weak"):
            if tier in data[entity_id]:
                lines += block(tier, data[entity_id][tier])
    return "\n".join(lines) + "\n"


def generate() -> str:
    """The text of data/aliases/generated/cldr.yaml, as the installed babel makes it."""
    return render(collect())


def write(path: Path, text: str) -> int:
    """Write a generated file (making its folder): the tools' exit status."""
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, "utf-8")
    return 0


def main() -> int:
    return write(OUTPUT, generate())


if __name__ == "__main__":
    sys.exit(main())
