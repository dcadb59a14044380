"""Validated records: raw entries checked and merged into :class:`Entity` values.

Sources come in layers, applied in order: pycountry's ISO data, the bundled
alias files, then the user's files. Within one layer an id may appear once.
An entry whose id an earlier layer already defined is an *overlay*: its names
merge into that entity (every alias with the same normalised form as a name
it lists takes that name's tier, so an overlay can demote "Bakı" to weak for
the subdivision and leave it strong for the city), its ``name`` replaces the label, its
codes, links and deny list are added; a ``kind`` that contradicts the entity
is an error, and so is a code or link that contradicts one already set.

:func:`merge_layer` checks everything and either returns the merged entities
or raises :class:`AliasFileError` listing every problem (every problem of
every entry, not the first of each): nothing is ever half-merged. Its cost
is linear in the number of names: a draft files its aliases by key, so that
changing the tier of a name touches the aliases with that key alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping

import attrs

from gazetteer.entries import AliasRecord, EntryRecord
from gazetteer.errors import AliasFileError, Problem, ProblemCode, sort_problems
from gazetteer.index import _MASK
from gazetteer.model import Alias, Entity, Kind, Tier
from gazetteer.normalize import normalize
from gazetteer.phonetic import script

__all__ = ["MAX_ALIASES", "check_lang", "merge_layer", "same_alias_warnings"]

# Matched with fullmatch: "$" would also match before a final newline.
_ID = re.compile(r"([a-z]+):([a-z0-9][a-z0-9._-]*)")
_LANG = re.compile(r"([a-z]{2,3})(?:-([A-Z][a-z]{3}))?(?:-([A-Z]{2}|[0-9]{3}))?")
_KINDS = ", ".join(kind.value for kind in Kind)
_KIND_VALUES = frozenset(kind.value for kind in Kind)
# Unicode category Cc: tab, newline ..., and the cache's separators \x1e and \x1f
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_ALIASES = _MASK  # the index packs an alias's position into 16 bits
_OTHERS_LISTED = 5  # how many other entities an ambiguous-alias warning names


@functools.lru_cache(maxsize=4096)
def check_lang(tag: str) -> str | None:
    """Why ``tag`` is not a language code we accept, or None when it is.

    Accepted: an ISO 639 code that pycountry knows (``ru``, ``kk``, ``crh``,
    ``und`` for undetermined, ``mul`` for a name used in many languages),
    optionally followed by an ISO 15924 script and a region (``sr-Latn``,
    ``pt-BR``, ``uz-Cyrl``).
    """
    match = _LANG.fullmatch(tag)
    if match is None:
        return (
            f"language code {tag!r} is not of the form 'll', 'll-Ssss' or 'll-RR' "
            "(ISO 639 language, optional ISO 15924 script, optional region)"
        )
    import pycountry  # imported when first needed: a load from the cache never is

    lang, script, _region = match.groups()
    field = "alpha_2" if len(lang) == 2 else "alpha_3"
    if pycountry.languages.get(**{field: lang}) is None:
        return f"unknown language code {lang!r} (not in ISO 639 as pycountry knows it)"
    if script is not None and pycountry.scripts.get(alpha_4=script) is None:
        return f"unknown script {script!r} in language code {tag!r}"
    return None


@functools.cache
def _script(ch: str) -> str:
    """The script of a letter, as the first word of its Unicode name ("" for a non-letter)."""
    return unicodedata.name(ch, "").split(" ", 1)[0] if ch.isalpha() else ""


def _mixed_script_word(text: str) -> str | None:
    """The first word that mixes Latin and Cyrillic letters (a typo: "Вэнc"), or None."""
    if text.isascii():
        return None
    for word in text.split():
        scripts = {_script(ch) for ch in word}
        if "LATIN" in scripts and "CYRILLIC" in scripts:
            return word
    return None


@attrs.define
class _Draft:
    """An entity being assembled from its entries."""

    id: str
    kind: Kind
    name: str
    aliases: dict[tuple[str, str], Alias]
    codes: dict[str, str]
    country: str | None
    parent: str | None
    deny: dict[str, None]  # an ordered set
    population: int | None = None
    capital: bool = False
    # key → where its aliases are, made when a tier first changes (most drafts never need it)
    by_key: dict[str, list[tuple[str, str]]] | None = None

    @classmethod
    def of(cls, entity: Entity) -> _Draft:
        return cls(
            id=entity.id,
            kind=entity.kind,
            name=entity.name,
            aliases={(a.text, a.lang): a for a in entity.aliases},
            codes=dict(entity.codes),
            country=entity.country,
            parent=entity.parent,
            deny=dict.fromkeys(entity.deny),
            population=entity.population,
            capital=entity.capital,
        )

    def put(self, alias: Alias, replace: bool = True) -> None:
        """Add an alias, or (``replace``) put it in place of the one with its text and language."""
        where = (alias.text, alias.lang)
        old = self.aliases.get(where)
        if old is not None and not replace:
            return
        if self.by_key is not None:
            if old is None:
                self.by_key.setdefault(alias.key, []).append(where)
            elif old.key != alias.key:  # pragma: no cover - the key is the text's
                self.by_key[old.key].remove(where)
                self.by_key.setdefault(alias.key, []).append(where)
        self.aliases[where] = alias

    def keyed(self) -> dict[str, list[tuple[str, str]]]:
        """Key → where the aliases with that key are (made once, then kept up to date)."""
        if self.by_key is None:
            self.by_key = {}
            for where, alias in self.aliases.items():
                self.by_key.setdefault(alias.key, []).append(where)
        return self.by_key

    def has_text(self, text: str) -> bool:
        return any(alias.text == text for alias in self.aliases.values())

    def name_keys(self) -> set[str]:
        """The keys of the aliases."""
        return {alias.key for alias in self.aliases.values()}

    def retier(self, key: str, tier: Tier) -> None:
        """Give every alias with this key the same tier (how an overlay demotes a name)."""
        for where in self.keyed().get(key, ()):
            alias = self.aliases[where]
            if alias.tier is not tier:
                self.aliases[where] = attrs.evolve(alias, tier=tier)

    def freeze(self) -> Entity:
        return Entity(
            id=self.id,
            kind=self.kind,
            name=self.name,
            aliases=tuple(self.aliases.values()),
            codes=self.codes,
            country=self.country,
            parent=self.parent,
            deny=tuple(self.deny),
            population=self.population,
            capital=self.capital,
        )


class _Merger:
    def __init__(self, base: Mapping[str, Entity], strict: bool, fill: bool = False) -> None:
        self.base = base
        self.strict = strict
        self.fill = fill
        self.problems: list[Problem] = []
        self.drafts: dict[str, _Draft] = {}
        self.first_seen: dict[str, EntryRecord] = {}
        self.names_of: dict[str, EntryRecord] = {}
        self.outranks: dict[str, EntryRecord] = {}
        self.unmerged: list[EntryRecord] = []  # invalid entries, whose links are still checked
        # text → (whether it holds a control character, its mixed-script word
        # when strict, its key): what alias() works out of a text alone, once
        # per text (a name is filed in many languages, and again by later layers)
        self.read: dict[str, tuple[bool, str | None, str]] = {}

    def problem(
        self, entry: EntryRecord, code: ProblemCode, message: str, line: int | None = None
    ) -> None:
        self.problems.append(Problem(entry.source, line or entry.line, message, code=code))

    def kind_of(self, entry: EntryRecord) -> Kind | None:
        match = _ID.fullmatch(entry.id)
        if match is None:
            self.problem(
                entry,
                "bad-id",
                f"id {entry.id!r} is not of the form <kind>:<slug> "
                "(lower-case ASCII letters, digits, '.', '_' and '-' in the slug)",
            )
            return None
        prefix = match.group(1)
        if prefix not in _KIND_VALUES:
            self.problem(
                entry,
                "unknown-kind",
                f"unknown kind {prefix!r} in id {entry.id!r}; kinds are {_KINDS}",
            )
            return None
        kind = Kind(prefix)
        if entry.kind is not None and entry.kind != kind.value:
            self.problem(entry, "contradiction", f"kind {entry.kind!r} contradicts id {entry.id!r}")
            return None
        return kind

    def alias(self, entry: EntryRecord, record: AliasRecord, what: str = "alias") -> Alias | None:
        """The alias a record makes, or None with every problem of it noted.
        ``what``: "alias", or "name" for the label (checked alike)."""
        valid = True
        if self.strict and (why := check_lang(record.lang)) is not None:
            self.problem(entry, "bad-language", why, record.line)
            valid = False
        read = self.read.get(record.text)
        if read is None:
            text = record.text
            control = _CONTROL.search(text) is not None
            mixed = _mixed_script_word(text) if self.strict and not control else None
            read = self.read[text] = (control, mixed, "" if control else normalize(text))
        control, mixed, key = read
        if control:
            self.problem(
                entry,
                "control-character",
                f"{what} {record.text!r} holds a control character (tab, newline ...)",
                record.line,
            )
            return None  # the rest would be about a text that cannot stand
        if mixed is not None:
            self.problem(
                entry,
                "mixed-script",
                f"{what} {record.text!r} mixes Latin and Cyrillic letters in {mixed!r}",
                record.line,
            )
            valid = False
        if not key:
            self.problem(
                entry,
                "empty-name",
                f"{what} {record.text!r} ({record.lang}) is empty after normalisation"
                if what == "alias"
                else f"{what} {record.text!r} is empty after normalisation",
                record.line,
            )
            valid = False
        return Alias(record.text, record.lang, record.tier, key) if valid else None

    def is_duplicate(self, entry: EntryRecord) -> bool:
        first = self.first_seen.get(entry.id)
        if first is None:
            self.first_seen[entry.id] = entry
            return False
        where = first.source if first.line is None else f"{first.source}:{first.line}"
        message = f"duplicate id {entry.id!r} (first defined at {where})"
        self.problem(entry, "duplicate-id", message)
        return True

    def add(self, entry: EntryRecord) -> None:
        """Check an entry (noting every problem it has) and merge it when it has none."""
        kind = self.kind_of(entry)
        valid = kind is not None and not self.is_duplicate(entry)
        label = None
        if entry.name is not None:
            label = self.alias(entry, AliasRecord(entry.name, "en", Tier.STRONG), "name")
            valid = valid and label is not None
        aliases = [self.alias(entry, record) for record in entry.aliases]
        valid = valid and None not in aliases
        deny = []
        for text in entry.deny:
            if not normalize(text):
                message = f"deny entry {text!r} is empty after normalisation"
                self.problem(entry, "empty-name", message)
                valid = False
            deny.append(text)
        overlay = entry.id in self.base
        if entry.weaken and not overlay:
            message = "weaken applies to an entity defined earlier"
            self.problem(entry, "not-an-overlay", message)
        if self.fill and (not overlay or entry.name is not None):
            message = f"{entry.id!r}: a generated layer only adds names to entities defined earlier"
            self.problem(entry, "not-an-overlay", message)
            valid = False
        if not overlay and entry.name is None and not self.fill:
            message = f"entry {entry.id!r} has no name (a new entity needs one)"
            self.problem(entry, "missing-field", message)
            valid = False
        if not valid or kind is None:
            self.unmerged.append(entry)
            return
        draft = self.draft_for(entry, kind)
        if draft is None:  # pragma: no cover - the id prefix fixes the kind
            return
        self.merge(entry, draft, [alias for alias in aliases if alias is not None], label, deny)

    def merge(
        self,
        entry: EntryRecord,
        draft: _Draft,
        aliases: list[Alias],
        label: Alias | None,
        deny: list[str],
    ) -> None:
        overlay = entry.id in self.base
        if label is not None:
            draft.name = label.text
            listed = any(alias.text == label.text for alias in aliases)
            if not listed and not draft.has_text(label.text):
                draft.put(label)
        if entry.weaken:
            for key in draft.name_keys():
                draft.retier(key, Tier.WEAK)
        if entry.names_of is not None:
            self.names_of[entry.id] = entry
        if entry.outranks:
            self.outranks[entry.id] = entry
        if self.fill:  # names it lacks in their language, none it denies: no tier changes
            aliases = _filled(draft, aliases)
        for alias in aliases:
            if overlay and not self.fill:
                draft.retier(alias.key, alias.tier)
            draft.put(alias)
        for code, value in entry.codes:
            if draft.codes.setdefault(code, value) != value:
                self.problem(
                    entry,
                    "contradiction",
                    f"code {code}={value!r} contradicts {draft.codes[code]!r} set earlier",
                )
        for link in ("country", "parent"):
            value = getattr(entry, link)
            if value is None:
                continue
            current = getattr(draft, link)
            if current is not None and current != value:
                message = f"{link} {value!r} contradicts {current!r} set earlier"
                self.problem(entry, "contradiction", message)
            setattr(draft, link, value)
        if entry.population is not None:
            draft.population = entry.population
        if entry.capital is not None:
            draft.capital = entry.capital
        draft.deny.update(dict.fromkeys(deny))

    def draft_for(self, entry: EntryRecord, kind: Kind) -> _Draft | None:
        if entry.id in self.base:
            existing = self.base[entry.id]
            if existing.kind is not kind:  # pragma: no cover - the id prefix fixes the kind
                message = f"kind {kind.value!r} contradicts {existing.kind.value!r}"
                self.problem(entry, "contradiction", message)
                return None
            draft = _Draft.of(existing)
        else:
            assert entry.name is not None  # checked by add
            draft = _Draft(entry.id, kind, entry.name, {}, {}, None, None, {})
        self.drafts[entry.id] = draft
        return draft

    def take_names(self) -> None:
        """``names_of``: copy the names of the entity that is the same place, and
        leave them weak there ("Moskva" is the city; the ISO subdivision of the
        same name stays a candidate)."""
        for entity_id, entry in self.names_of.items():
            target = self.other(entry, "names_of", str(entry.names_of))
            if target is None:
                continue
            draft = self.drafts[entity_id]
            for alias in target.aliases.values():
                draft.put(attrs.evolve(alias, tier=Tier.STRONG), replace=False)
            for key in target.name_keys():
                target.retier(key, Tier.WEAK)

    def give_way(self) -> None:
        """``outranks``: the names an entity shares with the entities it
        outranks become weak there ("Ташкент" is the city; the region named
        after it stays a candidate, and its own names, such as "Ташкентская
        область", stay strong). After ``take_names``, so that the names an
        entity took count as its own."""
        for entity_id, entry in self.outranks.items():
            keys = self.drafts[entity_id].name_keys()
            for target_id in entry.outranks:
                target = self.other(entry, "outranks", target_id)
                if target is not None:
                    keyed = target.keyed()  # not its keys: they may be many, and many outrank it
                    for key in [key for key in keys if key in keyed]:
                        target.retier(key, Tier.WEAK)

    def other(self, entry: EntryRecord, field: str, target_id: str) -> _Draft | None:
        """The draft of the entity ``entry`` names in ``field``, which must be
        another known entity (None, with the problem noted, when it is not)."""
        target = self.drafts.get(target_id)
        if target is None and target_id in self.base:
            target = self.drafts[target_id] = _Draft.of(self.base[target_id])
        if target is None or target_id == entry.id:
            message = f"{field} {target_id!r} is not another known entity"
            self.problem(entry, "unknown-reference", message)
            return None
        return target

    def check_sizes(self) -> None:
        """An entity may have at most :data:`MAX_ALIASES` aliases (the index's limit)."""
        for entity_id, draft in self.drafts.items():
            entry = self.first_seen.get(entity_id)
            if entry is not None and len(draft.aliases) > MAX_ALIASES:
                message = (
                    f"entity {entity_id!r} would have {len(draft.aliases):,} aliases; "
                    f"an entity may have at most {MAX_ALIASES:,}"
                )
                self.problem(entry, "too-many-aliases", message)

    def check_links(self, merged: Mapping[str, Entity]) -> None:
        checks: list[tuple[EntryRecord, str, str | None]] = []
        for entity_id, draft in self.drafts.items():
            entry = self.first_seen.get(entity_id)
            if entry is not None:  # None: only weakened by another entry (names_of, outranks)
                checks += [(entry, link, getattr(draft, link)) for link in ("country", "parent")]
        for entry in self.unmerged:
            checks += [(entry, link, getattr(entry, link)) for link in ("country", "parent")]
        for entry, link, target in checks:
            if target is None:
                continue
            found = merged.get(target)
            if found is None:
                message = f"{link} {target!r} is not a known entity id"
                self.problem(entry, "unknown-reference", message)
            elif link == "country" and found.kind is not Kind.COUNTRY:
                message = f"country {target!r} is a {found.kind.value}"
                self.problem(entry, "bad-reference", message)


def _filled(draft: _Draft, aliases: list[Alias]) -> list[Alias]:
    """The ``aliases`` a generated layer adds to ``draft``: none it denies;
    a name whose key it has, in another language, filed in this one too (a
    text of this language inflects it, and it counts as this language's
    name), at no higher tier than the key has there, so that no tier
    changes (what a text of that language reads as the entity's own name
    does: в Ватикане)."""
    denied = {normalize(text) for text in draft.deny}
    keyed = draft.keyed()
    out = []
    for alias in aliases:
        if alias.key in denied or (alias.text, alias.lang) in draft.aliases:
            continue
        held = [draft.aliases[where].tier for where in keyed.get(alias.key, ())]
        if held and Tier.STRONG not in held:
            alias = attrs.evolve(alias, tier=Tier.WEAK)
        out.append(alias)
    return out


def merge_layer(
    base: Mapping[str, Entity],
    entries: Iterable[EntryRecord],
    *,
    strict: bool = True,
    fill: bool = False,
) -> dict[str, Entity]:
    """Merge one layer of entries into ``base``; return the new id → entity map.

    Raises :class:`AliasFileError` with every problem when any entry is invalid.
    ``strict=False`` skips the checks of language codes and of words that mix
    Latin and Cyrillic letters, for a trusted source: pycountry's Chechen
    names write the palochka as a Latin I, as Chechen texts often do.
    ``fill=True`` is for a generated layer (CLDR's names): each entry must
    add to an entity defined earlier, and adds only the names whose key the
    entity neither has nor denies, so that it never changes what an earlier
    layer said (a tier, a label, a denial).
    """
    merger = _Merger(base, strict, fill)
    for entry in entries:
        merger.add(entry)
    merger.take_names()
    merger.give_way()
    merger.check_sizes()
    merged = dict(base)
    merged.update((entity_id, draft.freeze()) for entity_id, draft in merger.drafts.items())
    merger.check_links(merged)
    if merger.problems:
        raise AliasFileError(sort_problems(merger.problems))
    return merged


def _yields(alias: Alias, countries: _CountryNames) -> bool:
    """Whether a subdivision's strong ``alias`` gives way to a country's
    strong name of its key: unless its language names countries in its
    script (``countries``) and that key is no country's name there (a name
    in Latin letters, an ASCII key, filed in English or in no language is
    every language's that writes Latin)."""
    keys, named, scripts = countries
    if alias.tier is not Tier.STRONG or alias.lang in _OWN or alias.key not in keys:
        return False
    lang = alias.lang.split("-")[0]
    if (alias.key, lang) in named or (
        alias.key.isascii() and ((alias.key, "en") in named or (alias.key, "und") in named)
    ):
        return True
    return (lang, script(alias.text)) not in scripts  # (Tamil "Irak", in Latin letters)


_OWN = frozenset({"en", "und"})  # the languages of a subdivision's own names in pycountry


def country_keys(entities: Mapping[str, Entity]) -> set[str]:
    """The keys of every country's strong names (the first of :func:`_country_names`,
    without the scripts of their texts, which it does not need)."""
    return {
        alias.key
        for entity in entities.values()
        if entity.kind is Kind.COUNTRY
        for alias in entity.aliases
        if alias.tier is Tier.STRONG
    }


# countries' strong names: their keys; the keys with their languages; the
# languages with the scripts they write them in
_CountryNames = tuple[set[str], set[tuple[str, str]], set[tuple[str, str | None]]]


def _country_names(entities: Mapping[str, Entity]) -> _CountryNames:
    """The keys of every country's strong names (:data:`_CountryNames`)."""
    named = [
        (alias, alias.lang.split("-")[0])
        for entity in entities.values()
        if entity.kind is Kind.COUNTRY
        for alias in entity.aliases
        if alias.tier is Tier.STRONG
    ]
    # the script of each text worked out once (a name is filed in many languages)
    scripts = {text: script(text) for text in {alias.text for alias, _ in named}}
    return (
        {alias.key for alias, _ in named},
        {(alias.key, lang) for alias, lang in named},
        {(lang, scripts[alias.text]) for alias, lang in named},
    )


def countries_first(entities: Mapping[str, Entity]) -> dict[str, Entity]:
    """A subdivision's strong name in a language other than English or its
    undetermined (local) name, that is also a country's strong name in that
    language, becomes weak there: German "Georgien" and French "Géorgie" are
    the country, and the US state stays a candidate (it answers when the
    caller asks for subdivisions). Such names are translations that took the
    country's word; the names the place goes by itself stay strong, so
    "Georgia" stays ambiguous between the two. Another language's word is
    not the language's, when the language names countries in that script:
    Russian calls the United Kingdom Англия, Bulgarian calls England so, and
    England's Bulgarian name stays strong (with no language given, Англия is
    either; in a text of one, see :func:`gazetteer.scoring.decide`)."""
    countries = _country_names(entities)
    merged = dict(entities)
    for entity_id, entity in entities.items():
        if entity.kind is not Kind.SUBDIVISION:
            continue
        if any(_yields(a, countries) for a in entity.aliases):
            aliases = tuple(
                attrs.evolve(a, tier=Tier.WEAK) if _yields(a, countries) else a
                for a in entity.aliases
            )
            merged[entity_id] = attrs.evolve(entity, aliases=aliases)
    return merged


def cities_first(entities: Mapping[str, Entity]) -> dict[str, Entity]:
    """A subdivision named after a city of its country gives the city the
    names they share: "Рим", "Roma" and "Пловдив" are the cities, and the
    province of Rome and Plovdiv Province, whose names become weak there,
    stay candidates (their own names, "Пловдивска област", keep their
    tier). The city is the most populous one of the country with that name
    (the cities pack's names are all weak: such a name becomes strong on it,
    and the city takes the region's aliases of it, with their languages, so
    that it is inflected as they were: Риме). A name that is a country's
    strong name is left alone (countries first), so is a subdivision's name
    that no city of its country shares, and so is a name a curated city holds
    strong: its file says what it outranks (New York stays ambiguous)."""
    countries = country_keys(entities)
    # (country, key) → the subdivisions with that strong name
    regions: dict[tuple[str, str], list[str]] = {}
    for entity in entities.values():
        if entity.kind is Kind.SUBDIVISION and entity.country:
            for alias in entity.aliases:
                if alias.tier is Tier.STRONG and alias.key not in countries:
                    regions.setdefault((entity.country, alias.key), []).append(entity.id)
    # (country, key) → (population, city id) of the largest city with that name
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    for entity in entities.values():
        if entity.kind is Kind.CITY and entity.country:
            for key in {alias.key for alias in entity.aliases}:
                where = (entity.country, key)
                if where in regions:
                    best = largest.get(where)
                    if best is None or (entity.population or 0) > best[0]:
                        largest[where] = (entity.population or 0, entity.id)
    weaken: dict[str, set[str]] = {}
    strengthen: dict[str, set[str]] = {}
    taken: dict[str, set[str]] = {}  # city id → the subdivisions it takes names from
    for (country, key), (_, city_id) in largest.items():
        if any(a.key == key and a.tier is Tier.STRONG for a in entities[city_id].aliases):
            continue  # a curated city that holds the name: its file said what it outranks
        strengthen.setdefault(city_id, set()).add(key)
        for region_id in regions[(country, key)]:
            weaken.setdefault(region_id, set()).add(key)
            taken.setdefault(city_id, set()).add(region_id)
    merged = dict(entities)
    for entity_id, keys in weaken.items():
        entity = entities[entity_id]
        aliases = tuple(
            attrs.evolve(a, tier=Tier.WEAK) if a.key in keys else a for a in entity.aliases
        )
        merged[entity_id] = attrs.evolve(entity, aliases=aliases)
    for entity_id, keys in strengthen.items():
        entity = entities[entity_id]
        owned = [attrs.evolve(a, tier=Tier.STRONG) if a.key in keys else a for a in entity.aliases]
        # and the subdivision's aliases of those names, with their languages,
        # so that the city's names are inflected as the region's were (Риме)
        have = {(a.text, a.lang) for a in owned}
        for region_id in sorted(taken[entity_id]):  # (in one order in every process)
            for alias in entities[region_id].aliases:
                if alias.key in keys and (alias.text, alias.lang) not in have:
                    have.add((alias.text, alias.lang))
                    owned.append(attrs.evolve(alias, tier=Tier.STRONG))
        merged[entity_id] = attrs.evolve(entity, aliases=tuple(owned))
    return merged


def same_alias_warnings(
    entities: Mapping[str, Entity], entries: Iterable[EntryRecord]
) -> list[Problem]:
    """Aliases in ``entries`` that also name another entity (strong on both sides).

    Not errors: "Georgia" names a country and a US state. They are what
    ``gazetteer validate`` warns about, since such a name resolves as ambiguous.
    """
    owners: dict[str, set[str]] = {}
    for entity in entities.values():
        for alias in entity.aliases:
            if alias.tier is Tier.STRONG:
                owners.setdefault(alias.key, set()).add(entity.id)
    listed: dict[str, list[str]] = {}  # key → its owners, sorted (worked out once per key)
    warnings = []
    for entry in entries:
        named = [AliasRecord(entry.name, "en", Tier.STRONG, entry.line)] if entry.name else []
        for record in [*named, *entry.aliases]:
            if record.tier is not Tier.STRONG:
                continue
            key = normalize(record.text)
            found = owners.get(key, set())
            count = len(found) - (entry.id in found)  # how many others
            if not count:
                continue
            ids = listed.get(key)
            if ids is None:
                ids = listed[key] = sorted(found)
            # the first few, and how many more: linear however many entities share a name
            others = [i for i in ids[: _OTHERS_LISTED + 1] if i != entry.id][:_OTHERS_LISTED]
            more = f" and {count - len(others):,} more" if count > len(others) else ""
            warnings.append(
                Problem(
                    entry.source,
                    record.line,
                    f"alias {record.text!r} of {entry.id!r} also names "
                    f"{', '.join(others)}{more}: it will resolve as ambiguous",
                    code="ambiguous-alias",
                )
            )
    return sort_problems(warnings)
