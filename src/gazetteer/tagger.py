"""Tagging: find the entities a running text names, with exact spans.

When the tag index is built (the first time a text is tagged), every alias
is cut into words, folded (:func:`gazetteer.tokens.fold`) and filed under
its own form and under every inflected form its language's rules make
(``_data/inflection/``): Трамп also as трампа, трампу, трампом; Ильхам
Алиев also as ильхамом алиевым; Қазақстан also as қазақстанда. Tagging is
then one pass over the words of the text, taking the longest name that
starts at each word, never overlapping.

Precision rules:

* in cased scripts a word of a name must be capitalised in the text where
  the alias capitalises it, and written in capitals where the alias is an
  acronym (НАТО, ЕС), unless the caller says the text is lower-cased;
* a one-word name that is also a common word (``_data/stopwords.yaml``:
  мира, Вера, turkey ...) is never reported on its own;
* a word with an apostrophe (Türkiye'nin, Trump'ın) is read as the part
  before it when the whole is not a name, and the mention covers that part;
* a span that names several entities equally well is reported with
  ``entity=None`` and every candidate.
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
from array import array
from collections.abc import Iterable
from importlib import resources
from typing import NamedTuple

import attrs
import yaml

from gazetteer._lazy import Lazy
from gazetteer._yaml import SafeLoader
from gazetteer.index import Index, unpack
from gazetteer.model import Alias, Entity, Finding, Kind, Mentions, Method, Tier
from gazetteer.normalize import normalize
from gazetteer.scoring import AMBIGUITY_MARGIN, prior, score
from gazetteer.tokens import WORD as _WORD
from gazetteer.tokens import WORD_TAIL, fold, tokenize

__all__ = ["Tables", "Tagger"]

_CLOSING = "»”\"'"  # a closing quote that ends an alias ends its mention too
_MAX_FORMS = 64  # inflected forms kept per alias of several words
_GAP = re.compile(r"[\s\-‐–—,.·«»\"]{0,3}")
_NEXT = re.compile(rf"{_GAP.pattern}({_WORD.pattern})")  # the next word (group 1)
# Words of names come back; folding one is a few calls, looking it up one.
_fold_word = functools.lru_cache(maxsize=1 << 16)(fold)
_MEMO_SIZE = 100_000  # decisions remembered per tagger (span text → entity)
_MemoKey = tuple[str, tuple[bool, ...], "frozenset[Kind] | None", "str | None"]


class _Found(NamedTuple):
    """A mention found on the general path, before it goes into Mentions."""

    start: int
    end: int
    finding: Finding


_WindowKey = tuple[str, bool, "frozenset[Kind] | None", "str | None"]


@attrs.frozen
class _Rules:
    indeclinable: tuple[str, ...]
    endings: tuple[tuple[str, tuple[str, ...]], ...]
    suffixes: tuple[str, ...]

    def forms(self, word: str) -> list[str]:
        """Every inflected form of one folded word (without the word itself).

        The longest ending that fits decides; the catch-all ending "" does not
        apply to a word with an indeclinable ending (Баку, Тбилиси).
        """
        out = [word + suffix for suffix in self.suffixes]
        for ending, replacements in self.endings:
            if not word.endswith(ending) or len(word) <= len(ending) + 1:
                continue
            if not ending and self.indeclinable and word.endswith(self.indeclinable):
                break
            stem = word[: len(word) - len(ending)] if ending else word
            out += [stem + r for r in replacements]
            break
        return out


@functools.cache
def _rules() -> dict[str, _Rules]:
    folder = resources.files("gazetteer").joinpath("_data", "inflection")
    found = {}
    for entry in folder.iterdir():
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.load(entry.read_text("utf-8"), Loader=SafeLoader)
        endings = dict(data.get("endings") or {})
        found[str(data["language"])] = _Rules(
            indeclinable=tuple(fold(str(e)) for e in data.get("indeclinable") or ()),
            endings=tuple(
                (fold(str(k)), tuple(fold(str(x)) for x in v))
                for k, v in sorted(endings.items(), key=lambda kv: -len(str(kv[0])))
            ),
            suffixes=tuple(fold(str(s)) for s in data.get("suffixes") or ()),
        )
    return found


@functools.cache
def _stopwords() -> frozenset[str]:
    text = resources.files("gazetteer").joinpath("_data", "stopwords.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=SafeLoader)
    return frozenset(fold(str(word)) for words in data.values() for word in words)


@functools.cache
def _demonyms() -> tuple[re.Pattern[str], dict[str, str], int]:
    text = resources.files("gazetteer").joinpath("_data", "demonyms.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=SafeLoader)
    stems = {
        fold(str(stem)): str(entity) for entity, found in data["stems"].items() for stem in found
    }
    alternation = "|".join(map(re.escape, sorted(stems, key=len, reverse=True)))
    pattern = re.compile(rf"\b({alternation})[^\W\d_]*")
    return pattern, stems, int(data["max_ending"])


def _words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def _shape(word: str) -> str:
    """'A' for an acronym, 'C' for a capitalised word, '' for anything else."""
    if len(word) >= 2 and word.isupper():
        return "A"
    return "C" if word[:1].isupper() else ""


# An entry: (posting, the language whose rules made the form or None when it
# is the alias as filed, the capitalisation of each word).
_Entry = tuple[int, str | None, tuple[str, ...]]
# A form: (its entries, their positions grouped by capitalisation, so that
# the case rule is checked once a group).
_Form = tuple[tuple[_Entry, ...], tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]]
# The tag index holds hundreds of thousands of forms, so it keeps each as one
# string (_encode) and decodes the few a text meets (_decode): a dict of
# strings is not tracked by the garbage collector, where one of tuples is
# walked at every full collection, and it takes less memory.
_ENTRY, _FIELD = "\x1e", "\x1f"


@attrs.frozen
class Tables:
    """Every folded form → its entries; first word → most words of a name."""

    forms: dict[str, str]  # encoded by _encode
    longest: dict[str, int]
    stop: frozenset[str]
    # A name that starts in lower case ("поправка Джексона-Вэника", "the
    # Caspian") is found from its first capitalised word: that word → how
    # many words come before it.
    anchors: dict[str, frozenset[int]]
    # Every run of two or more words that begins a name of several words
    # (the name itself included): the words after a name's first word are
    # read only while they still make such a run.
    # (A dict of None rather than a set: a dict that holds only strings is
    # not tracked by the garbage collector, a set always is, and a full
    # collection would walk all of its members.)
    chains: dict[str, None]


# what the window memo answers for a window it has not seen
_NO_WINDOW: tuple[int, Finding] = (0, (None, Alias("", "und"), Method.EXACT, 0.0, (), False))


class _Mode(enum.Enum):
    """What a capitalised word needs (see Tagger._route)."""

    SKIP = 0  # nothing: it starts no name
    WORD = 1  # nothing more: it is a one-word name
    NEXT = 2  # a look at the next word, which may continue a longer name
    GENERAL = 3  # the general path: anchors, apostrophes, names of several words


# A route: the mode, the one-word decision, its closing quote, and the folded word.
_Route = tuple[_Mode, "Finding | None", str, str]


@functools.cache
def _capitalised_word() -> re.Pattern[str]:
    """A whole word (as :data:`gazetteer.tokens.WORD` reads it) that starts
    with an upper-case letter."""
    # The capital comes first and the word boundary is checked behind it
    # ("not after a word character"): a pattern that starts with a character
    # class lets the regex engine skip ahead to the next candidate quickly.
    capital = _capitalised().pattern.removeprefix(r"\b")
    return re.compile(rf"{capital}(?<!\w.){WORD_TAIL}")


@functools.cache
def _capitalised() -> re.Pattern[str]:
    """An upper-case letter (any script of the BMP) at the start of a word."""
    upper = [cp for cp in range(0x10000) if chr(cp).isupper() and len(chr(cp)) == 1]
    ranges, first, last = [], upper[0], upper[0]
    for cp in upper[1:]:
        if cp == last + 1:
            last = cp
            continue
        ranges.append((first, last))
        first = last = cp
    ranges.append((first, last))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(rf"\b[{body}]")


@attrs.frozen
class _Run:
    """One call of :meth:`Tagger.tag`: the text and what was asked."""

    text: str
    tables: Tables
    kinds: frozenset[Kind] | None
    lowercase: bool
    lang: str | None


class Tagger:
    """The tag index over one compiled index, built on first use."""

    def __init__(self, index: Index, tables: Tables | None = None) -> None:
        self.index = index
        self._built = Lazy(self._build, tables)
        self._memo: dict[_MemoKey, Finding | None] = {}
        self._forms: dict[str, _Form] = {}
        self._follows: dict[str, bool] = {}  # "folded word, next word as written" → continues
        # per (kinds, lang): capitalised surface → its route
        self._routes: dict[tuple[frozenset[Kind] | None, str | None], dict[str, _Route]] = {}
        self._windows: dict[_WindowKey, tuple[int, Finding] | None] = {}

    def tables(self) -> Tables:
        """The tag index, made on first use."""
        return self._built.get()

    def built(self) -> Tables | None:
        """The tag index if it has been built (to ship it with a pickle)."""
        return self._built.peek()

    def _build(self) -> Tables:
        rules = _rules()
        forms: dict[str, list[_Entry]] = {}
        longest: dict[str, int] = {}
        chains: set[str] = set()
        anchors: dict[str, set[int]] = {}
        fields = functools.lru_cache(maxsize=4096)(self.index.alias_fields)
        for postings in self.index.postings.values():
            for posting in postings:
                entity_position, alias_position = unpack(posting)
                text, lang = fields(entity_position)[alias_position]
                words = _words(text)
                shapes = tuple(_shape(w) for w in words)
                if not words or (len(words) == 1 and len(words[0]) < 3 and shapes[0] != "A"):
                    continue  # "Об", "Ош": too short to tell from a word of the text
                folded = [fold(w) for w in words]
                variants: Iterable[tuple[str, ...]] = [tuple(folded)]
                rule_lang = lang.split("-")[0]
                rule = rules.get(rule_lang)
                if rule is not None:
                    options = [
                        [word] + ([] if shape == "A" else rule.forms(word))
                        for word, shape in zip(folded, shapes, strict=True)
                    ]
                    variants = itertools.islice(itertools.product(*options), _MAX_FORMS)
                for number, variant in enumerate(variants):
                    key = " ".join(variant)
                    forms.setdefault(key, []).append(
                        (posting, rule_lang if number > 0 else None, shapes)
                    )
                    longest[variant[0]] = max(longest.get(variant[0], 0), len(variant))
                    chains.update(" ".join(variant[:size]) for size in range(2, len(variant)))
                    if len(variant) > 1:
                        chains.add(key)
                    lead = next((k for k, shape in enumerate(shapes) if shape), 0)
                    if lead:
                        anchors.setdefault(variant[lead], set()).add(lead)
        return Tables(
            forms={key: _encode(found) for key, found in forms.items()},
            longest=longest,
            stop=_stopwords(),
            anchors={word: frozenset(leads) for word, leads in anchors.items()},
            chains=dict.fromkeys(chains),
        )

    def demonyms(self, text: str, busy: list[tuple[int, int]]) -> list[_Found]:
        """Adjectives that point to a country, outside the spans already taken."""
        pattern, stems, max_ending = _demonyms()
        folded = fold(text)
        found: list[_Found] = []
        for match in pattern.finditer(folded):
            stem, word = match.group(1), match.group(0)
            start, end = match.span()
            if len(word) - len(stem) > max_ending or any(a < end and start < b for a, b in busy):
                continue
            entity = self.index.entities[self.index.positions[stems[stem]]]
            alias = Alias(text[start:end], "und", Tier.WEAK)
            value = score(Method.INFLECTED, Tier.WEAK)
            finding = (entity, alias, Method.INFLECTED, value, (entity,), True)
            found.append(_Found(start, end, finding))
        return found

    def tag(
        self,
        text: str,
        kinds: frozenset[Kind] | None = None,
        lowercase: bool = False,
        adjectives: bool = False,
        lang: str | None = None,
    ) -> Mentions:
        """Every mention in ``text``, in order, none overlapping."""
        bounds: array[int] = array("q")
        findings: list[Finding] = []
        self._names(text, kinds, lowercase, lang, bounds, findings)
        if adjectives and (kinds is None or Kind.COUNTRY in kinds):
            spans = list(zip(bounds[::2], bounds[1::2], strict=True))
            extra = self.demonyms(text, spans)
            if extra:
                named = [_Found(*span, f) for span, f in zip(spans, findings, strict=True)]
                merged = sorted([*named, *extra], key=lambda found: found.start)
                bounds = array("q", [at for start, end, _ in merged for at in (start, end)])
                findings = [finding for _, _, finding in merged]
        return Mentions(text, bounds, tuple(findings))

    def _names(
        self,
        text: str,
        kinds: frozenset[Kind] | None,
        lowercase: bool,
        lang: str | None,
        bounds: array[int],
        findings: list[Finding],
    ) -> None:
        """Add the names found in ``text`` to ``bounds`` (start and end of each,
        in turn) and ``findings``: flat, so that no object is made a mention."""
        tables = self.tables()
        run = _Run(text, tables, kinds, lowercase, lang)
        if lowercase:
            for start, end, finding in self._scan(run, [m.start() for m in _WORD.finditer(text)]):
                bounds.extend((start, end))
                findings.append(finding)
            return
        # One pass over the capitalised words. What a word may start depends
        # only on how it is written, so it is worked out once per surface and
        # remembered (_route): most words are at once skipped or one-word
        # names. Only the words that need more (a name of several words, an
        # apostrophe, a name led by lower-case words) are folded and read on.
        routes = self._routes.setdefault((kinds, lang), {})
        follows = self._follows
        chains = tables.chains
        add_bound, add_finding = bounds.append, findings.append
        taken = 0
        skip, one_word, next_word = _Mode.SKIP, _Mode.WORD, _Mode.NEXT
        for match in _capitalised_word().finditer(text):
            begin = match.start()
            if begin < taken:
                continue
            surface = match.group()
            route = routes.get(surface)
            if route is None:
                route = self._route(surface, tables, kinds, lang)
                if len(routes) < _MEMO_SIZE:
                    routes[surface] = route
            mode, decision, quote, word = route
            if mode is skip:
                continue
            if mode is next_word:  # a one-word name, unless the next word continues it
                after = _NEXT.match(text, begin + len(surface))
                if after is not None:
                    second = after.group(1)
                    pair = f"{word} {second}"
                    more = follows.get(pair)
                    if more is None:
                        more = _chain(word, _fold_word(second), chains)
                        if len(follows) < _MEMO_SIZE:
                            follows[pair] = more
                    if not more:
                        mode = one_word
                else:
                    mode = one_word
            if mode is one_word:
                if decision is not None:
                    end = begin + len(surface)
                    if quote and text[end : end + 1] == quote:
                        end += 1
                    add_bound(begin)
                    add_bound(end)
                    add_finding(decision)
                    taken = end
                continue
            for start, end, finding in self._from_word(run, match, word, taken):
                add_bound(start)
                add_bound(end)
                add_finding(finding)
                taken = end

    def _route(
        self, surface: str, tables: Tables, kinds: frozenset[Kind] | None, lang: str | None
    ) -> _Route:
        """What a capitalised word written as ``surface`` may start."""
        word = fold(surface)
        general: _Route = (_Mode.GENERAL, None, "", word)
        if word in tables.anchors:
            return general
        most = tables.longest.get(word)
        if most is None:
            apostrophe = "'" in word and word.split("'")[0] in tables.longest
            return general if apostrophe or "-" in word else (_Mode.SKIP, None, "", word)
        decision, quote = self._one_word(surface, word, tables, kinds, lang)
        if most > 1:
            return _Mode.NEXT, decision, quote, word
        return _Mode.WORD if decision else _Mode.SKIP, decision, quote, word

    def _from_word(self, run: _Run, match: re.Match[str], word: str, taken: int) -> list[_Found]:
        """The mentions that start at a capitalised word that needs more than
        a look-up (``word``: the word folded), after ``taken``, in order."""
        text, tables = run.text, run.tables
        begin, end = match.span()
        found: list[_Found] = []
        for lead in tables.anchors.get(word, ()):
            before = _words_before(text, begin, lead)
            if before is not None and before >= taken:
                mention = self._general(run, before)
                if mention is not None:
                    found.append(mention)
                    taken = mention.end
        if begin < taken:
            return found
        mention = None
        if word in tables.longest:
            following = _NEXT.match(text, end)
            after, last = following.span(1) if following else (-1, -1)
            second = _fold_word(following.group(1)) if following else ""
            pair = bool(second) and "'" not in second and f"{word} {second}" in tables.chains
            mention = self._general(
                run, begin, ((begin, end, word), (after, last, second)) if pair else None
            )
        elif "'" in word and word.split("'")[0] in tables.longest:
            mention = self._general(run, begin)
        elif "-" in word:  # Бишкек-Ош: the parts may be names
            return found + self._parts(run, begin, end)
        return found if mention is None else [*found, mention]

    def _parts(self, run: _Run, begin: int, end: int) -> list[_Found]:
        """Names that start at the capitalised parts of a hyphenated word that is
        not a name as a whole."""
        parts = _capitalised().finditer(run.text, begin + 1, end)
        return self._scan(run, [part.start() for part in parts])

    def _one_word(
        self,
        surface: str,
        word: str,
        tables: Tables,
        kinds: frozenset[Kind] | None,
        lang: str | None,
    ) -> tuple[Finding | None, str]:
        """The decision for a one-word name written as ``surface``, and the
        closing quote its alias ends with ("" for none)."""
        form = self._form(tables, word)
        if form is None or word in tables.stop:
            return None, ""
        signature = tuple([_word_fits(surface, shapes[0]) for shapes, _ in form[1]])
        decided = self._decide(word, form, signature, kinds, lang)
        if decided is None:
            return None, ""
        entity, alias = decided[0], decided[1]
        if entity is not None and entity.deny and _denied(entity, surface):
            return None, ""
        quote = alias.text[-1:]
        return decided, quote if quote in _CLOSING else ""

    def _scan(self, run: _Run, starts: list[int]) -> list[_Found]:
        """The longest names from each of ``starts`` in turn, none overlapping."""
        mentions: list[_Found] = []
        taken = 0
        for begin in starts:
            if begin < taken:
                continue
            found = self._general(run, begin)
            if found is not None:
                mentions.append(found)
                taken = found.end
        return mentions

    def _general(
        self, run: _Run, begin: int, known: tuple[_Word, _Word] | None = None
    ) -> _Found | None:
        """The longest mention from ``begin``; a longer name that starts inside
        it wins ("across the Caspian Sea": "Caspian Sea", not "the Caspian")."""
        at = self._at(run, begin, known)
        if at is None:
            return None
        found, width, words = at
        text, tables = run.text, run.tables
        for left in range(1, width):
            start, end, word = words[left]
            # only a name with more words than are left from this one can be longer
            if tables.longest.get(word, 0) <= width - left or not _pair_follows(
                text, end, word, tables.chains
            ):
                continue
            other = self._at(run, start)
            if other is not None and other[0].end > found.end:
                return other[0]
        return found

    def _at(
        self, run: _Run, begin: int, known: tuple[_Word, _Word] | None = None
    ) -> tuple[_Found, int, list[_Word]] | None:
        """The longest mention that starts at ``begin``, if any, its width in
        words, and the words read from ``begin``."""
        words = _words_from(run.text, begin, run.tables, known)
        if not words:
            return None
        text = run.text
        # What is found depends only on the text of these words (and what
        # was asked), so it is remembered by that text.
        window = text[words[0][0] : words[-1][1]]
        memo_key = (window, run.lowercase, run.kinds, run.lang)
        chosen = self._windows.get(memo_key, _NO_WINDOW)
        if chosen is _NO_WINDOW:
            chosen = self._choose(run, words)
            if len(self._windows) < _MEMO_SIZE:
                self._windows[memo_key] = chosen
        if chosen is None:
            return None
        width, finding = chosen
        start, end = words[0][0], words[width - 1][1]
        quote = finding[1].text[-1:]
        if quote in _CLOSING and text[end : end + 1] == quote:
            end += 1  # Партия зелёных «Байтак»: the span takes the closing quote
        return _Found(start, end, finding), width, words

    def _choose(self, run: _Run, words: list[_Word]) -> tuple[int, Finding] | None:
        """How many of ``words`` make the longest name, and what it names."""
        text, tables = run.text, run.tables
        for width in range(len(words), 0, -1):
            chunk = words[:width]
            key = chunk[0][2] if width == 1 else " ".join([w for _, _, w in chunk])
            form = self._form(tables, key)
            if form is None or (width == 1 and key in tables.stop):
                continue
            start, end = chunk[0][0], chunk[-1][1]
            groups = form[1]
            if run.lowercase:
                signature: tuple[bool, ...] = (True,) * len(groups)
            elif width == 1:
                signature = tuple([_word_fits(text[start:end], shapes[0]) for shapes, _ in groups])
            else:
                surfaces = [text[a:b] for a, b, _ in chunk]
                signature = tuple([_case_fits(surfaces, shapes) for shapes, _ in groups])
            decided = self._decide(key, form, signature, run.kinds, run.lang)
            if decided is None:
                continue
            entity = decided[0]
            if entity is not None and entity.deny and _denied(entity, text[start:end]):
                continue
            return width, decided
        return None

    def _form(self, tables: Tables, key: str) -> _Form | None:
        """The entries filed under ``key``, decoded (and remembered)."""
        form = self._forms.get(key)
        if form is None:
            value = tables.forms.get(key)
            if value is None:
                return None
            form = _decode(value)
            if len(self._forms) < _MEMO_SIZE:
                self._forms[key] = form
        return form

    def _decide(
        self,
        key: str,
        form: _Form,
        signature: tuple[bool, ...],
        kinds: frozenset[Kind] | None,
        lang: str | None,
    ) -> Finding | None:
        """Which entity a span names, from the entries whose capitalisation fits
        (``signature``: which of the form's groups fit); memoised."""
        memo_key = (key, signature, kinds, lang)
        if memo_key in self._memo:
            return self._memo[memo_key]
        entries, groups = form
        fitting = [
            number
            for (_, numbers), fits in zip(groups, signature, strict=True)
            if fits
            for number in numbers
        ]
        best: dict[str, tuple[float, Entity, Alias, Method]] = {}
        for number in fitting:
            entry = entries[number]
            posting, inflected_by, _ = entry
            entity_position, alias_position = unpack(posting)
            entity = self.index.entities[entity_position]
            if kinds is not None and entity.kind not in kinds:
                continue
            alias = entity.aliases[alias_position]
            if lang is not None and inflected_by not in (None, lang):
                continue
            method = Method.INFLECTED if inflected_by else Method.EXACT
            value = score(method, alias.tier)
            if entity.id not in best or value > best[entity.id][0]:
                best[entity.id] = (value, entity, alias, method)
        decision: Finding | None = None
        if best:
            ranked = sorted(best.values(), key=lambda b: (-b[0], prior(b[1]), b[1].id))
            strong = [b for b in ranked if b[2].tier is Tier.STRONG] or ranked
            tied = [b for b in strong if strong[0][0] - b[0] < AMBIGUITY_MARGIN]
            value, entity, alias, method = tied[0]
            decision = (
                entity if len(tied) == 1 else None,
                alias,
                method,
                value,
                tuple(b[1] for b in tied),
                False,  # not a demonym
            )
        if len(self._memo) < _MEMO_SIZE:
            self._memo[memo_key] = decision
        return decision


def _encode(entries: list[_Entry]) -> str:
    return _ENTRY.join(
        f"{posting}{_FIELD}{lang or ''}{_FIELD}{''.join(shape or '-' for shape in shapes)}"
        for posting, lang, shapes in entries
    )


def _decode(value: str) -> _Form:
    entries: list[_Entry] = []
    for entry in value.split(_ENTRY):
        posting, lang, shapes = entry.split(_FIELD)
        entries.append((int(posting), lang or None, tuple(s.strip("-") for s in shapes)))
    return tuple(entries), _groups(entries)


def _groups(entries: list[_Entry]) -> tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]:
    """The entries' positions, grouped by how their alias is capitalised."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for number, entry in enumerate(entries):
        groups.setdefault(entry[2], []).append(number)
    return tuple((shapes, tuple(numbers)) for shapes, numbers in groups.items())


def _denied(entity: Entity, surface: str) -> bool:
    return normalize(surface) in {normalize(text) for text in entity.deny}


_Word = tuple[int, int, str]  # start, end, the folded word


def _words_from(
    text: str, begin: int, tables: Tables, known: tuple[_Word, _Word] | None = None
) -> list[_Word]:
    """The words from ``begin`` on, while they still begin a name (see
    ``Tables.chains``); a word with an apostrophe that is not a name is cut
    there. ``known``: the first two words, when the caller has read them
    (neither with an apostrophe, and known to begin a name together)."""
    words: list[_Word] = []
    at = begin
    most = 1
    key = ""
    if known is not None:
        words = list(known)
        most = tables.longest[known[0][2]]
        key = f"{known[0][2]} {known[1][2]}"
        gap = _GAP.match(text, known[1][1])
        at = gap.end() if gap else known[1][1]
    while len(words) < most:
        match = _WORD.match(text, at)
        if match is None:
            break
        start, end = match.span()
        word = _fold_word(match.group())
        if "'" in word and word not in tables.longest and word not in tables.forms:
            cut = word.index("'")
            word, end = word[:cut], start + cut
        if not words:
            most = tables.longest.get(word, 0)
            if not most:
                return []
            key = word
        else:
            key = f"{key} {word}"
            if key not in tables.chains:
                break
        words.append((start, end, word))
        if len(words) == most:
            break
        gap = _GAP.match(text, match.end())
        at = gap.end() if gap else match.end()
    return words


_LAST_WORD = re.compile(r"([^\W_]+(?:[-‐'’ʼ`][^\W_]+)*)[\s\-–—,.·«»\"]{1,3}$")


def _words_before(text: str, begin: int, count: int) -> int | None:
    """Where the word ``count`` words before ``begin`` starts, if there is one."""
    at = begin
    for _ in range(count):
        window_start = max(0, at - 80)
        match = _LAST_WORD.search(text, window_start, at)
        if match is None:
            return None
        at = match.start(1)
    return at


def _pair_follows(text: str, end: int, word: str, chains: dict[str, None]) -> bool:
    """Whether the word after ``end`` makes, with ``word``, the start of a
    name of several words."""
    following = _NEXT.match(text, end)
    return following is not None and _chain(word, _fold_word(following.group(1)), chains)


def _chain(word: str, second: str, chains: dict[str, None]) -> bool:
    """Whether ``second`` after ``word`` may continue a name ("" for no word)."""
    return bool(second) and (
        f"{word} {second}" in chains
        or ("'" in second and f"{word} {second.split(chr(39))[0]}" in chains)
    )


def _word_fits(surface: str, shape: str) -> bool:
    if shape == "A":
        return surface.isupper()
    return shape != "C" or surface[:1].isupper()


def _case_fits(surfaces: list[str], shapes: tuple[str, ...]) -> bool:
    for surface, shape in zip(surfaces, shapes, strict=True):
        if shape == "A" and not surface.isupper():
            return False
        if shape == "C" and not surface[:1].isupper():
            return False
    return True
