"""Tagging: find the entities a running text names, with exact spans.

Tagging is one pass over the words of the text, taking the longest name
that starts at each word, never overlapping. Whether a run of words is a
name, and which, is asked of the same layers as :meth:`Gazetteer.resolve`
asks: the word index and its forms (:mod:`gazetteer.wordindex`,
:mod:`gazetteer.forms`), then :func:`gazetteer.scoring.admit` and
:func:`~gazetteer.scoring.decide`. What tagging adds is reading the text:

* in cased scripts a word of a name must be capitalised in the text where
  the alias capitalises it, and written in capitals where the alias is an
  acronym (НАТО, ЕС), unless the caller says the text is lower-cased;
* a one-word name that is also a common word (``_data/stopwords.yaml``:
  мира, Вера, turkey ...) is never reported on its own;
* a word with an apostrophe (Türkiye'nin, Trump'ın) is read as the part
  before it when the whole is not a name, and the mention covers that part;
* the parts of a hyphenated word that is not a name may be names (Бишкек-Ош);
* a place name inside a longer name the gazetteer does not know, and a
  place or organisation that completes an organisation's name after its
  head (МИД Великобритании), are not reported (:mod:`gazetteer.context`);
* a span that names several entities equally well is reported with
  ``entity=None`` and every candidate.

Only capitalised words can start a name (in cased scripts), which keeps the
pass fast: what a capitalised word may start depends only on how it is
written, so it is worked out once per surface and remembered (``_route``).
"""

from __future__ import annotations

import bisect
import enum
import re
import unicodedata
from array import array
from collections.abc import Sequence
from typing import NamedTuple

import attrs

from gazetteer._lazy import Lazy
from gazetteer.context import after_heads, in_dotted_names, inside_names, is_place, may_be_inside
from gazetteer.demonyms import Codes, Demonyms, encode, other_words
from gazetteer.fit import fits_language, stopwords
from gazetteer.index import Index
from gazetteer.model import Alias, Finding, Kind, Mentions, Method, Status
from gazetteer.normalize import fold, normalize
from gazetteer.scoring import admit, decide
from gazetteer.tokens import JOINERS, RUN, WORD_TAIL, capitalised_word
from gazetteer.tokens import WORD as _WORD
from gazetteer.translit import has_cyrillic
from gazetteer.wordindex import WordIndex, case_fits, hits, word_key, word_matches

__all__ = ["Tagger"]

_CLOSING = "»”\"'"  # a closing quote that ends an alias ends its mention too
_GAP = re.compile(r"[\s\-‐–—,.·«»\"]{0,3}")
_NEXT = re.compile(rf"{_GAP.pattern}({_WORD.pattern})")  # the next word (group 1)
_MEMO_SIZE = 100_000  # entries remembered per memo of a tagger
_MEMO_TEXT = 200  # longer texts are never remembered (no memo holds a long text)
_PART = re.compile(rf"[^\W_]{RUN}(?:['’ʼ`][^\W_]{RUN})*")  # a part of a hyphenated word


# what the window memo answers for a window it has not seen
_UNSEEN: tuple[int, Finding] = (0, (None, Alias("", "und"), Method.EXACT, 0.0, (), False))


class _Found(NamedTuple):
    start: int
    end: int
    finding: Finding


_Word = tuple[int, int, str]  # start, end, the word's key


class _Mode(enum.Enum):
    """What a capitalised word needs (see Tagger._route)."""

    SKIP = 0  # nothing: it starts no name
    WORD = 1  # nothing more: it is a one-word name
    NEXT = 2  # a look at the next word, which may continue a longer name
    GENERAL = 3  # the general path: anchors, apostrophes, names of several words


# A route: the mode, the one-word decision, its closing quote, the word's key,
# and whether the decision names places only (the context rule may drop it).
_Route = tuple[_Mode, "Finding | None", str, str, bool]


def _astral(text: str) -> bool:
    """Whether ``text`` holds a character past the BMP (cheaply: its UTF-16
    takes more than two bytes a character)."""
    return not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


@attrs.frozen
class _Run:
    """One call of :meth:`Tagger.tag`: the text and what was asked."""

    text: str
    words: WordIndex
    kinds: frozenset[Kind] | None
    lowercase: bool
    lang: str | None


class Tagger:
    """Tagging over one compiled index and its word index."""

    def __init__(self, index: Index, words: Lazy[WordIndex]) -> None:
        self.index = index
        self.words = words
        # (window text, lowercase, kinds, lang) → (width in words, finding) or None
        self._windows: dict[
            tuple[str, bool, frozenset[Kind] | None, str | None], tuple[int, Finding] | None
        ] = {}
        self._follows: dict[str, bool] = {}  # "key, next word as written" → continues
        # per (kinds, lang): capitalised surface → its route
        self._routes: dict[tuple[frozenset[Kind] | None, str | None], dict[str, _Route]] = {}
        self._demonyms: dict[bool, Demonyms] = {}  # nouns for a people (True), adjectives

    def decide(
        self,
        words: list[_Word],
        text: str,
        kinds: frozenset[Kind] | None,
        lang: str | None,
        lowercase: bool,
    ) -> Finding | None:
        """What the run of ``words`` of ``text`` names, if anything: the
        decision ``resolve`` makes for the same span (the same matches,
        admitted and decided the same way), among the aliases capitalised as
        the text writes the words (all of them when ``lowercase``)."""
        start, end = words[0][0], words[-1][1]
        surfaces = [text[a:b] for a, b, _ in words]
        found = hits(self.words.get(), [key for _, _, key in words])
        if not lowercase:
            found = [hit for hit in found if case_fits(hit[2], surfaces)]
        if not found:
            return None
        written = text[start:end]
        matches = admit(word_matches(self.index, found, lang, written), normalize(written), kinds)
        resolution = decide(written, matches, lang)
        if resolution.status is Status.NOT_FOUND:
            return None
        top = resolution.tied[0]
        entity = top.entity if resolution.status is Status.RESOLVED else None
        return (
            entity,
            top.alias,
            top.method,
            top.score,
            tuple(m.entity for m in resolution.tied),
            False,
        )

    def tag(
        self,
        text: str,
        kinds: frozenset[Kind] | None = None,
        lowercase: bool = False,
        adjectives: bool = False,
        lang: str | None = None,
        people: bool = False,
    ) -> Mentions:
        """Every mention in ``text``, in order, none overlapping (``people``:
        with the nouns for a people, ``adjectives``: with demonym adjectives)."""
        bounds: array[int] = array("q")
        findings: list[Finding] = []
        run = _Run(text, self.words.get(), kinds, lowercase, lang)
        suspects = self._names(run, bounds, findings)
        if suspects is not None and findings:
            bounds, findings = _outside_unknown_names(text, bounds, findings, lang, suspects)
        if (people or adjectives) and _demonym_kinds(kinds):
            codes = encode(text)  # the text as both demonym scans read it
            for wanted, nouns in ((people, True), (adjectives, False)):
                if not wanted:
                    continue
                extra = self._demonym_words(text, codes, bounds, kinds, lang, nouns)
                if extra:
                    # each in its place among the mentions (none overlaps one),
                    # from the last, so that the places of those before it hold
                    starts = bounds[::2]
                    places = [bisect.bisect_left(starts, found[0]) for found in extra]
                    for place, (start, end, found) in zip(
                        reversed(places), reversed(extra), strict=True
                    ):
                        bounds[2 * place : 2 * place] = array("q", (start, end))
                        findings.insert(place, found)
        return Mentions(text, bounds, tuple(findings))

    def _demonym_words(
        self,
        text: str,
        codes: Codes | None,
        busy: Sequence[int],
        kinds: frozenset[Kind] | None,
        lang: str | None,
        nouns: bool,
    ) -> list[tuple[int, int, Finding]]:
        """The demonyms of ``text`` outside the mentions at ``busy`` (nouns for
        a people, or adjectives), of ``kinds``, but those that are another
        word of ``lang`` (Bulgarian казаха, "they said")."""
        scanner = self._demonyms.get(nouns)
        if scanner is None:
            scanner = self._demonyms[nouns] = Demonyms(self.index, nouns)
        others = other_words(lang)
        return [
            found
            for found in scanner.find_in(text, codes, busy)
            if (kinds is None or found[2][0] is None or found[2][0].kind in kinds)
            and not (others and fold(text[found[0] : found[1]].lower()) in others)
            and not _in_a_name(text, found[0])
        ]

    def demonym(
        self, word: str, kinds: frozenset[Kind] | None, lang: str | None, nouns: bool
    ) -> Finding | None:
        """What ``word`` (all of it, but spaces around it) points to as a
        demonym, read as :meth:`tag` reads one in a text: a noun for a
        people (``nouns``) or an adjective."""
        if not _demonym_kinds(kinds):
            return None
        stripped = word.strip()
        found = self._demonym_words(stripped, encode(stripped), (), kinds, lang, nouns)
        if len(found) == 1 and found[0][:2] == (0, len(stripped)):
            return found[0][2]
        return None

    def _names(self, run: _Run, bounds: array[int], findings: list[Finding]) -> list[int] | None:
        """Add the names found in the text to ``bounds`` (start and end of
        each, in turn) and ``findings``: flat, so that no object is made a
        mention. Returns the numbers of the mentions the context rule may
        drop (:func:`gazetteer.context.may_be_inside`), in order; None when
        it is not to be applied (``lowercase``)."""
        text = run.text
        if run.lowercase:
            for start, end, found in self._scan(run, [m.start() for m in _WORD.finditer(text)]):
                bounds.extend((start, end))
                findings.append(found)
            return None
        routes = self._routes.setdefault((run.kinds, run.lang), {})
        follows = self._follows
        add_bound, add_finding = bounds.append, findings.append
        skip, one_word, next_word = _Mode.SKIP, _Mode.WORD, _Mode.NEXT  # locals: fast
        taken = 0
        # The mentions the context rule is to read: a one-word place name with
        # a capitalised word joined to it after it, or one before it (the
        # capitalised word this pass read before it, ending at its joint;
        # after "_" or with a letter past the BMP a word is not read as
        # capitalised here, so in such a text every place name is read).
        suspects: list[int] = []
        astral = _astral(text)
        odd = astral or "_" in text
        last: re.Match[str] | None = None  # the capitalised word before
        for match in capitalised_word(astral).finditer(text):
            before, last = last, match
            surface = match.group()
            route = routes.get(surface)
            if route is not None and route[0] is skip:
                continue  # most capitalised words: known to start no name
            begin = match.start()
            if begin < taken:
                continue
            if route is None:
                route = self._route(surface, run)
                if len(routes) < _MEMO_SIZE and len(surface) <= _MEMO_TEXT:
                    routes[surface] = route
            mode, decision, quote, word, place = route
            if mode is skip:
                continue
            if begin and text[begin - 1] in _JOINED and _inside(run.words, word):
                mode = _Mode.GENERAL  # Phnom in i-Phnom Penh: a name may start before it
            second = None
            if mode is next_word:  # a one-word name, unless the next word continues it
                second = _NEXT.match(text, begin + len(surface))
                if second is not None:
                    pair = f"{word} {second.group(1)}"
                    more = follows.get(pair)
                    if more is None:
                        more = _continues(run.words, word, word_key(second.group(1)))
                        if len(follows) < _MEMO_SIZE and len(pair) <= _MEMO_TEXT:
                            follows[pair] = more
                    if not more:
                        second = None
                if second is None:
                    mode = one_word
            if mode is one_word:
                if decision is not None:
                    end = begin + len(surface)
                    if quote and text[end : end + 1] == quote:
                        end += 1
                    if place and may_be_inside(
                        text, begin, end, odd or (before is not None and before.end() == begin - 1)
                    ):
                        suspects.append(len(findings))
                    add_bound(begin)
                    add_bound(end)
                    add_finding(decision)
                    taken = end
                continue
            for start, end, found in self._from_word(run, match, word, taken, second):
                if not found[5] and is_place(found) and may_be_inside(text, start, end, True):
                    suspects.append(len(findings))
                add_bound(start)
                add_bound(end)
                add_finding(found)
                taken = end
        return suspects

    def _route(self, surface: str, run: _Run) -> _Route:
        """What a capitalised word written as ``surface`` may start."""
        word = word_key(surface)
        words = run.words
        general: _Route = (_Mode.GENERAL, None, "", word, False)
        _, most, leads = words.profile(word)
        if any(lead > 0 for lead in leads) or (leads and not most):
            return general  # (a word that starts a name only inside a word: the loop tells)
        if not most:
            apostrophe = "'" in word and _starts_name(words, word.split("'")[0])
            return general if apostrophe or "-" in word else (_Mode.SKIP, None, "", word, False)
        decision, quote = self._one_word(run, surface, word), ""
        if decision is not None:
            ending = decision[1].text[-1:]
            quote = ending if ending in _CLOSING else ""
        place = decision is not None and not decision[5] and is_place(decision)
        if most > 1:
            return _Mode.NEXT, decision, quote, word, place
        return _Mode.WORD if decision else _Mode.SKIP, decision, quote, word, place

    def _one_word(self, run: _Run, surface: str, word: str) -> Finding | None:
        """What a word written as ``surface`` (``word``: its key) names on its own."""
        if word in stopwords():
            return None
        decision = self._window(run, [(0, len(surface), word)], surface)
        if decision is not None and not fits_language(decision, word, run.lang):
            return None
        return decision

    def _window(self, run: _Run, words: list[_Word], text: str) -> Finding | None:
        return self.decide(words, text, run.kinds, run.lang, run.lowercase)

    def _from_word(
        self,
        run: _Run,
        match: re.Match[str],
        word: str,
        taken: int,
        second: re.Match[str] | None = None,
    ) -> list[_Found]:
        """The mentions that start at a capitalised word that needs more than
        a look-up (``word``: its key), after ``taken``, in order (``second``:
        the next word, already read, when it continues a name with this one)."""
        text, words = run.text, run.words
        begin, end = match.span()
        found: list[_Found] = []
        joined = begin > 0 and text[begin - 1] in _JOINED
        for lead in sorted(words.profile(word)[2], key=abs):
            if lead < 0 and not joined:
                continue  # a capital inside a word of the name: i-Phnom Penh, not "the Phnom"
            before = _words_before(text, begin, abs(lead))
            if before is not None and before >= taken:
                mention = self._general(run, before)
                # only a name that reaches this word: one that ends before it
                # starts at a word no name starts at on its own (اکټاو Somalia);
                # and of several words: i-Somalia is read from its capital
                if (
                    mention is not None
                    and mention.end > begin
                    and _several(text, mention.start, mention.end)
                ):
                    found.append(mention)
                    taken = mention.end
        if begin < taken:
            return found
        mention = None
        if second is not None and "'" not in second.group(1):
            after = word_key(second.group(1))
            known = ((begin, end, word), (second.start(1), second.end(1), after))
            mention = self._general(run, begin, known)
        elif _starts_name(words, word) or ("'" in word and _starts_name(words, word.split("'")[0])):
            mention = self._general(run, begin)
        elif "-" in word:  # Бишкек-Ош: the parts may be names
            return found + self._parts(run, begin, end)
        return found if mention is None else [*found, mention]

    def _parts(self, run: _Run, begin: int, end: int) -> list[_Found]:
        """The one-word names among the capitalised parts of a hyphenated word
        that is not a name as a whole (рейси Київ-Берлін), each part read as a
        word of its own: linear in the length of the word, however long."""
        routes = self._routes.setdefault((run.kinds, run.lang), {})
        found: list[_Found] = []
        for part in _PART.finditer(run.text, begin, end):
            surface = part.group()
            if not surface[:1].isupper():
                continue
            route = routes.get(surface)
            if route is None:
                route = self._route(surface, run)
                if len(routes) < _MEMO_SIZE and len(surface) <= _MEMO_TEXT:
                    routes[surface] = route
            decision = route[1]
            if route[0] is _Mode.GENERAL:  # it may start a longer name: not in a part
                decision = self._one_word(run, surface, route[3])
            if decision is not None:
                found.append(_Found(part.start(), part.end(), decision))
        return found

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
        it wins ("across the Caspian Sea": "Caspian Sea", not "the Caspian").
        ``known``: the first two words, read already."""
        at = self._at(run, begin, known)
        if at is None:
            return None
        found, width, words = at
        for left in range(1, width):
            start, end, word = words[left]
            # only a name with more words than are left from this one can be longer
            if _longest(run.words, word) <= width - left:
                continue
            after = _NEXT.match(run.text, end)
            if after is None or not _continues(run.words, word, word_key(after.group(1))):
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
        words = _words_from(run.text, begin, run.words, known)
        if not words:
            return None
        text = run.text
        # What is found depends only on the text of these words (and what
        # was asked), so it is remembered by that text.
        window = text[words[0][0] : words[-1][1]]
        memo_key = (window, run.lowercase, run.kinds, run.lang)
        chosen = self._windows.get(memo_key, _UNSEEN)
        if chosen is _UNSEEN:
            chosen = self._choose(run, words)
            if len(self._windows) < _MEMO_SIZE:
                self._windows[memo_key] = chosen
        if chosen is None:
            return None
        width, found = chosen
        start, end = words[0][0], words[width - 1][1]
        quote = found[1].text[-1:]
        if quote in _CLOSING and text[end : end + 1] == quote:
            end += 1  # Партия зелёных «Байтак»: the span takes the closing quote
        return _Found(start, end, found), width, words

    def _choose(self, run: _Run, words: list[_Word]) -> tuple[int, Finding] | None:
        """How many of ``words`` make the longest name, and what it names."""
        for width in range(len(words), 0, -1):
            if width == 1 and words[0][2] in stopwords():
                continue
            decided = self._window(run, words[:width], run.text)
            if width == 1 and decided is not None:
                decided = decided if fits_language(decided, words[0][2], run.lang) else None
            if decided is not None:
                return width, decided
        return None


def _in_a_name(text: str, start: int) -> bool:
    """Whether a demonym at ``start`` is a Cyrillic word with a capital (and
    then a small letter) inside a sentence: Russian, Bulgarian and Ukrainian
    write a demonym in lower case, so there it is a word of a name (Борис
    Немцов, Яков Ганецкий, в Индийском океане). Inside a sentence: after a
    letter or a comma and one space (or invisible character) between;
    after anything else (a full stop, a bullet, a digit, a mark of markup,
    two spaces or a line's end, as between a title and the text, nothing)
    a sentence, a title or an item may start."""
    first = text[start]
    if not (first.isupper() and has_cyrillic(first)):
        return False
    second = next((ch for ch in text[start + 1 : start + 4] if ch.isalpha()), "")
    if not second.islower():
        return False  # (a word in capitals, as in a headline, may be either)
    at, spaces = start - 1, 0
    while at >= 0 and (text[at].isspace() or unicodedata.category(text[at]) == "Cf"):
        spaces += text[at].isspace() + (text[at] in "\n\r\u2028\u2029\x85\x0b\x0c")
        at -= 1
    return at >= 0 and spaces <= 1 and (text[at].isalpha() or text[at] == ",")


def _outside_unknown_names(
    text: str, bounds: array[int], findings: list[Finding], lang: str | None, suspects: list[int]
) -> tuple[array[int], list[Finding]]:
    """The mentions that are not one-word place names inside a longer name
    the gazetteer does not know, nor names that complete an organisation's
    name after its head (:mod:`gazetteer.context`): the others are taken out
    of ``bounds`` and ``findings``, which are returned; ``suspects``: the
    numbers of the one-word place names that may be inside a longer name."""
    dropped = inside_names(text, bounds, findings, lang, suspects) if suspects else set()
    dropped |= after_heads(text, bounds, findings, lang)
    dropped |= in_dotted_names(text, bounds)
    for number in sorted(dropped, reverse=True):  # in place: a few of many
        del bounds[2 * number : 2 * number + 2]
        del findings[number]
    return bounds, findings


def _starts_name(words: WordIndex, word: str) -> bool:
    """Whether some name starts with ``word`` (as written or inflected)."""
    return words.profile(word)[1] > 0


def _longest(words: WordIndex, word: str) -> int:
    """The most words of a name that starts with ``word``."""
    return words.profile(word)[1]


def _continues(words: WordIndex, first: str, second: str) -> bool:
    """Whether ``second`` after ``first`` (word keys) may begin a name of
    several words, each as written or inflected."""
    if not second:
        return False
    seconds = words.profile(second)[0]
    if "'" in second:
        seconds += words.profile(second.split("'")[0])[0]
    return any(f"{one} {two}" in words.chains for one in words.profile(first)[0] for two in seconds)


def _words_from(
    text: str, begin: int, words: WordIndex, known: tuple[_Word, _Word] | None = None
) -> list[_Word]:
    """The words from ``begin`` on, while they may still begin a name (see
    ``WordIndex.chains``); a word with an apostrophe that starts no name is
    cut there. ``known``: the first two words, when the caller has read
    them (neither cut, and known to begin a name together)."""
    found: list[_Word] = []
    at = begin
    most = 1
    prefixes: tuple[str, ...] = ()
    chains = words.chains
    if known is not None:
        bases, most, _ = words.profile(known[0][2])
        prefixes = _grow(bases, words.profile(known[1][2])[0], chains)
        found = list(known)
        if most == 2:
            return found
        gap = _GAP.match(text, known[1][1])
        at = gap.end() if gap else known[1][1]
    while len(found) < most:
        match = _WORD.match(text, at)
        if match is None:
            break
        start, end = match.span()
        word = word_key(match.group())
        bases, longest, _ = words.profile(word)
        grown = _grow(prefixes, bases, chains) if found else bases
        cut = fold(match.group()).find("'") if "'" in word else -1
        if not (grown and (found or longest)) and cut > 0:
            # Türkiye'nin: the part before the apostrophe, and nothing after it
            end = start + cut
            word = word_key(text[start:end])
            bases, longest, _ = words.profile(word)
            grown = _grow(prefixes, bases, chains) if found else bases
        if not found:
            most = longest
        if not (grown and most):
            break
        prefixes = grown
        found.append((start, end, word))
        if len(found) == most or end < match.end():  # nothing follows a cut word
            break
        gap = _GAP.match(text, match.end())
        at = gap.end() if gap else match.end()
    return found


def _grow(
    prefixes: tuple[str, ...], bases: tuple[str, ...], chains: dict[str, None]
) -> tuple[str, ...]:
    """The runs of words ``prefixes`` make with a next word read as ``bases``
    that still begin a name of several words."""
    if len(prefixes) == 1 and len(bases) == 1:
        key = f"{prefixes[0]} {bases[0]}"
        return (key,) if key in chains else ()
    return tuple(
        key for prefix in prefixes for base in bases if (key := f"{prefix} {base}") in chains
    )


# a word and what ends it, as far as the word before an anchor may be apart:
# a gap, or a hyphen or an apostrophe that joins it to the anchor (i-Phnom)
_LAST_WORD = re.compile(rf"([^\W_]{WORD_TAIL})[\s\-‐–—,.·«»\"'’ʼ`]{{1,3}}$")


_JOINED = JOINERS  # what joins a capitalised part to the word before it (i-Phnom, l'Aquila)


def _inside(words: WordIndex, word: str) -> bool:
    """Whether a name may start before ``word`` inside the word it ends (see
    ``WordIndex.anchors``)."""
    return any(lead < 0 for lead in words.profile(word)[2])


def _demonym_kinds(kinds: frozenset[Kind] | None) -> bool:
    """Whether a demonym's entity (a country, or a region: европейци) may be of ``kinds``."""
    return kinds is None or Kind.COUNTRY in kinds or Kind.REGION in kinds


def _several(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds more than one word."""
    first = _WORD.search(text, start, end)
    return first is not None and _WORD.search(text, first.end(), end) is not None


def _words_before(text: str, begin: int, count: int) -> int | None:
    """Where the word ``count`` words before ``begin`` starts, if there is one."""
    at = begin
    for _ in range(count):
        window_start = max(0, at - 80)
        # No match starts at or before a space before the last four
        # characters (the gap, and a newline after it): a word holds no
        # space. Searching from after it finds the same match, without trying
        # every start in the window (each a word read to its end and back).
        space = text.rfind(" ", window_start, max(window_start, at - 4))
        window_start = max(window_start, space + 1)
        match = _LAST_WORD.search(text, window_start, at)
        if match is None:
            return None
        at = match.start(1)
    return at
