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

import functools
import itertools
import re
import threading
from collections.abc import Iterable
from importlib import resources

import attrs
import yaml

from gazetteer._yaml import SafeLoader
from gazetteer.index import Index, unpack
from gazetteer.model import Alias, Entity, Kind, Mention, Method, Tier
from gazetteer.normalize import normalize
from gazetteer.scoring import score
from gazetteer.tokens import fold, tokenize

__all__ = ["Tagger"]

_MAX_FORMS = 64  # inflected forms kept per alias of several words
_GAP = re.compile(r"[\s\-–—,.·]{0,3}")
_INFLECTED_FLAG = 1


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


def _words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def _shape(word: str) -> str:
    """'A' for an acronym, 'C' for a capitalised word, '' for anything else."""
    if len(word) >= 2 and word.isupper():
        return "A"
    return "C" if word[:1].isupper() else ""


@attrs.frozen
class _Entry:
    posting: int
    inflected: bool
    shapes: tuple[str, ...]


class Tagger:
    """The tag index over one compiled index, built on first use."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._built: tuple[dict[str, list[_Entry]], dict[str, int]] | None = None
        self._lock = threading.Lock()

    def _tables(self) -> tuple[dict[str, list[_Entry]], dict[str, int]]:
        built = self._built
        if built is None:
            with self._lock:
                if self._built is None:
                    self._built = self._build()
                built = self._built
        return built

    def _build(self) -> tuple[dict[str, list[_Entry]], dict[str, int]]:
        rules = _rules()
        forms: dict[str, list[_Entry]] = {}
        longest: dict[str, int] = {}
        for postings in self.index.postings.values():
            for posting in postings:
                entity_position, alias_position = unpack(posting)
                alias = self.index.entities[entity_position].aliases[alias_position]
                words = _words(alias.text)
                shapes = tuple(_shape(w) for w in words)
                if not words or (len(words) == 1 and len(words[0]) < 3 and shapes[0] != "A"):
                    continue  # "Об", "Ош": too short to tell from a word of the text
                folded = [fold(w) for w in words]
                variants: Iterable[tuple[str, ...]] = [tuple(folded)]
                rule = rules.get(alias.lang.split("-")[0])
                if rule is not None:
                    options = [
                        [word] + ([] if shape == "A" else rule.forms(word))
                        for word, shape in zip(folded, shapes, strict=True)
                    ]
                    variants = itertools.islice(itertools.product(*options), _MAX_FORMS)
                for number, variant in enumerate(variants):
                    key = " ".join(variant)
                    forms.setdefault(key, []).append(_Entry(posting, number > 0, shapes))
                    longest[variant[0]] = max(longest.get(variant[0], 0), len(variant))
        return forms, longest

    def tag(
        self,
        text: str,
        kinds: frozenset[Kind] | None = None,
        lowercase: bool = False,
    ) -> list[Mention]:
        """Every mention in ``text``, in order, none overlapping."""
        forms, longest = self._tables()
        stop = _stopwords()
        spans = tokenize(text)
        folded = fold(text)
        words = []
        for start, end in spans:
            word = folded[start:end]
            if "'" in word and word not in longest and word not in forms:
                cut = word.index("'")
                word, end = word[:cut], start + cut
            words.append((start, end, word))
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            found = self._longest(text, words, i, forms, longest, kinds, lowercase, stop)
            if found is None:
                i += 1
                continue
            mention, width = found
            mentions.append(mention)
            i += width
        return mentions

    def _longest(
        self,
        text: str,
        words: list[tuple[int, int, str]],
        i: int,
        forms: dict[str, list[_Entry]],
        longest: dict[str, int],
        kinds: frozenset[Kind] | None,
        lowercase: bool,
        stop: frozenset[str],
    ) -> tuple[Mention, int] | None:
        most = longest.get(words[i][2], 0)
        for width in range(min(most, len(words) - i), 0, -1):
            chunk = words[i : i + width]
            if any(not _GAP.fullmatch(text[a[1] : b[0]]) for a, b in itertools.pairwise(chunk)):
                continue
            entries = forms.get(" ".join(w for _, _, w in chunk))
            if not entries:
                continue
            if width == 1 and chunk[0][2] in stop:
                continue
            surfaces = [text[s:e] for s, e, _ in chunk]
            fitting = [e for e in entries if lowercase or _case_fits(surfaces, e.shapes)]
            mention = self._mention(text, chunk, fitting, kinds)
            if mention is not None:
                return mention, width
        return None

    def _mention(
        self,
        text: str,
        chunk: list[tuple[int, int, str]],
        entries: list[_Entry],
        kinds: frozenset[Kind] | None,
    ) -> Mention | None:
        best: dict[str, tuple[float, Entity, Alias, Method]] = {}
        for entry in entries:
            entity_position, alias_position = unpack(entry.posting)
            entity = self.index.entities[entity_position]
            if kinds is not None and entity.kind not in kinds:
                continue
            alias = entity.aliases[alias_position]
            method = Method.INFLECTED if entry.inflected else Method.EXACT
            value = score(method, alias.tier)
            if entity.id not in best or value > best[entity.id][0]:
                best[entity.id] = (value, entity, alias, method)
        if not best:
            return None
        ranked = sorted(best.values(), key=lambda b: (-b[0], b[1].id))
        strong = [b for b in ranked if b[2].tier is Tier.STRONG] or ranked
        top = strong[0][0]
        tied = [b for b in strong if top - b[0] < 0.05]
        start, end = chunk[0][0], chunk[-1][1]
        value, entity, alias, method = tied[0]
        denied = entity.deny and normalize(text[start:end]) in {normalize(d) for d in entity.deny}
        if denied:
            return None
        return Mention(
            start=start,
            end=end,
            surface=text[start:end],
            entity=entity if len(tied) == 1 else None,
            alias=alias,
            method=method,
            score=value,
            candidates=tuple(b[1] for b in tied),
        )


def _case_fits(surfaces: list[str], shapes: tuple[str, ...]) -> bool:
    for surface, shape in zip(surfaces, shapes, strict=True):
        if shape == "A" and not surface.isupper():
            return False
        if shape == "C" and not surface[:1].isupper():
            return False
    return True
