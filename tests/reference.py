"""A slow, obviously correct tagger, for the tests only.

It reads a text the plain way: at every word, every run of words (joined by
the gaps the tagger allows), every alias of the gazetteer with as many words,
each word of the text compared with the alias's word and every form the
rules *generate* from it (the fast tagger *strips* forms instead, through an
index). The longest name at each word wins, leftmost first; a longer name that
starts inside it wins over it. The decision between the aliases found is the
library's own (``word_matches``, ``admit``, ``decide``): what is checked here
is the reading and the index, not the decision.
"""

from __future__ import annotations

import functools
import itertools

from gazetteer import Gazetteer
from gazetteer.context import inside_unknown_names
from gazetteer.fit import fits_language, stopwords
from gazetteer.forms import rules
from gazetteer.index import unpack
from gazetteer.model import Finding, Status
from gazetteer.normalize import normalize
from gazetteer.scoring import admit, decide
from gazetteer.tagger import _CLOSING, _GAP, _PART
from gazetteer.tokens import WORD, capitalised_word
from gazetteer.wordindex import Hit, case_fits, shapes, word_matches

__all__ = ["Tagged", "forget", "reference_tag"]

# (start, end, the entity's id or None, the candidates' ids)
Tagged = tuple[int, int, str | None, frozenset[str]]


@functools.cache
def _forms(word: str) -> dict[str, list[str | None]]:
    """A word's key and every form the rules make of it → the languages
    whose rules make it (None: the word as written)."""
    found: dict[str, list[str | None]] = {word: [None]}
    for lang, rule in rules().items():
        for form in rule.inflect(word):
            found.setdefault(form, []).append(lang)
    return found


Row = tuple[int, list[str], str]  # (posting, word keys, shapes) of an alias
Table = dict[tuple[int, str], list[Row]]
_TABLES: dict[int, tuple[Gazetteer, Table]] = {}


def _aliases(g: Gazetteer) -> Table:
    """(number of words, a form of the first word) → the rows of every alias
    with that many words whose first word makes that form (made once per
    gazetteer): every alias, filed under each form its first word takes."""
    made = _TABLES.get(id(g))
    if made is None or made[0] is not g:
        made = _TABLES[id(g)] = (g, _alias_table(g))
    return made[1]


def forget() -> None:
    """Drop every table made so far, and the forms of words (memory: the
    tables of a few hundred entities hold millions of objects)."""
    _TABLES.clear()
    _WIDEST.clear()
    _FIRST.clear()
    _forms.cache_clear()


def _alias_table(g: Gazetteer) -> Table:
    index = g._index
    table: Table = {}
    for postings in index.postings.values():
        for posting in postings:
            entity, alias = unpack(posting)
            text = index.entities[entity].aliases[alias].text
            words = WORD.findall(text)
            if not words or (len(words) == 1 and len(words[0]) < 3 and not words[0].isupper()):
                continue
            keys = [normalize(w) for w in words]
            row = (posting, keys, shapes(text))
            for form in _forms(keys[0]):
                table.setdefault((len(keys), form), []).append(row)
    return table


_WIDEST: dict[int, tuple[Table, int]] = {}


def _widest(table: Table) -> int:
    """The most words of an alias in ``table`` (found once per table)."""
    made = _WIDEST.get(id(table))
    if made is None or made[0] is not table:
        made = _WIDEST[id(table)] = (table, max((width for width, _ in table), default=0))
    return made[1]


def _from_capital(start: int, word: str, lowercase: bool) -> tuple[int, int, str]:
    """A word of the text, as a name may start it: a word in lower case
    joined by a hyphen to a capitalised one is read from the capital
    (i-Ashgabat, экс-Президент), unless the text is read in any case."""
    if not lowercase and word[:1].islower():
        for at in range(1, len(word)):
            if word[at - 1] in "-‐" and word[at].isupper():
                return start + at, start + len(word), word[at:]
    return start, start + len(word), word


_FIRST: dict[int, tuple[Gazetteer, set[str]]] = {}


def _first_words(g: Gazetteer) -> set[str]:
    """Every hyphenated key a name may start with: each alias's first word
    that has a hyphen, as written and in every form the rules make of it
    (they change endings, never add a hyphen)."""
    made = _FIRST.get(id(g))
    if made is None or made[0] is not g:
        first = {keys[0] for rows in _aliases(g).values() for _, keys, _ in rows if "-" in keys[0]}
        made = _FIRST[id(g)] = (g, {form for word in first for form in _forms(word)})
    return made[1]


def _hits(table: Table, keys: list[str]) -> list[Hit]:
    found: list[Hit] = []
    for posting, words, forms in table.get((len(keys), keys[0]), []):
        options: list[list[str | None]] = []
        for key, word, form in zip(keys, words, forms, strict=True):
            made = _forms(word).get(key, [])
            options.append([lang for lang in made if lang is None or form != "A"])
        found += [(posting, langs, forms) for langs in itertools.product(*options)]
    return found


def reference_tag(
    g: Gazetteer, text: str, lang: str | None = None, lowercase: bool = False
) -> list[Tagged]:
    """Every mention of ``text``, the slow way."""
    table = _aliases(g)
    # each word as written, and as a name may start with it (from its capital)
    written_words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    words = [_from_capital(start, word, lowercase) for start, _, word in written_words]
    most = _widest(table)

    def name_at(i: int) -> tuple[int, Tagged, Finding] | None:
        # a lower-case word joined by a hyphen to a capital is read whole
        # where a name of several words starts so (is-Saħara tal-Punent) and
        # inside a name (Dair az-Zaur), else from the capital (i-Ashgabat)
        widths = range(min(most, len(words) - i), 0, -1)
        if words[i] != written_words[i] and normalize(written_words[i][2]) in _first_words(g):
            whole = name_in([written_words[i : i + width] for width in widths if width > 1])
            if whole is not None:
                return whole
        return name_in([[words[i], *written_words[i + 1 : i + width]] for width in widths])

    def name_in(runs: list[list[tuple[int, int, str]]]) -> tuple[int, Tagged, Finding] | None:
        """The first of ``runs`` (runs of words, longest first) that is a name."""
        for run in runs:
            width = len(run)
            if any(not _GAP.fullmatch(text[a[1] : b[0]]) for a, b in itertools.pairwise(run)):
                continue
            keys = [normalize(w) for _, _, w in run]
            if width == 1 and keys[0] in stopwords():
                continue
            surfaces = [w for _, _, w in run]
            found = _hits(table, keys)
            if not lowercase:
                # a name has a capital that starts a word or a part of one
                # after a hyphen or an apostrophe (is-Saħara tal-Punent has
                # two); not one after a letter (Irish hOnggari, Tongan
                # ʻAtenisi: ʻ is a letter), where the tagger never starts
                capital = any(capitalised_word(True).search(surface) for surface in surfaces)
                found = [h for h in found if case_fits(h[2], surfaces) and capital]
            if not found:
                continue
            start, end = run[0][0], run[-1][1]
            written = text[start:end]
            matches = word_matches(g._index, found, lang, written)
            resolution = decide(written, admit(matches, normalize(written), None), lang)
            if resolution.status is Status.NOT_FOUND:
                continue
            top = resolution.tied[0]
            if top.alias.text[-1:] in _CLOSING and text[end : end + 1] == top.alias.text[-1]:
                end += 1
            finding: Finding = (
                top.entity if resolution.status is Status.RESOLVED else None,
                top.alias,
                top.method,
                top.score,
                tuple(m.entity for m in resolution.tied),
                False,
            )
            if width == 1 and not fits_language(finding, keys[0], lang):
                continue
            entity = top.entity.id if resolution.status is Status.RESOLVED else None
            tagged = (start, end, entity, frozenset(m.entity.id for m in resolution.tied))
            return width, tagged, finding
        return None

    out: list[Tagged] = []
    findings: list[Finding] = []
    i = 0
    while i < len(words):
        if out and words[i][0] < out[-1][1]:
            i += 1
            continue
        chosen = name_at(i)
        if chosen is None:
            start, end, word = words[i]
            if "-" in word and normalize(word) not in _first_words(g):
                # a hyphenated word that starts no name: its capitalised parts may be names
                for part in _PART.finditer(text, start, end):
                    if part.group()[:1].isupper():
                        one = name_in([[(part.start(), part.end(), part.group())]])
                        if one is not None:
                            out.append(one[1])
                            findings.append(one[2])
            i += 1
            continue
        width, tagged, finding = chosen
        for inner in range(i + 1, i + width):
            other = name_at(inner)
            if other is not None and other[1][1] > tagged[1]:
                (width, tagged, finding), i = other, inner
                break
        out.append(tagged)
        findings.append(finding)
        i += width
    if lowercase:
        return out
    # a place name inside a longer name the gazetteer does not know: the
    # library's own rule about the text around a mention, as the tagger applies it
    inside = inside_unknown_names(text, [t[:2] for t in out], findings, lang)
    return [tagged for tagged, drop in zip(out, inside, strict=True) if not drop]
