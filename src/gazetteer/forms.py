"""Forms: how the words of a name change in running text, one layer for
``resolve`` and ``tag`` alike.

The rules are data (``_data/inflection/<lang>.yaml``, see the README there):
per language, endings that are replaced (Армения → Армении), suffixes that
are appended (Қазақстан → Қазақстанда) and endings that never change (Баку).
They work on normalised words (:func:`gazetteer.normalize.normalize`), so a
form and its base meet whatever their case, accents or ё.

The layer answers two questions, and each is the other's inverse:

* :meth:`Rules.inflect`: the forms a base word takes (generation);
* :meth:`Rules.lemmas`: the base words a form may come from (stripping):
  exactly the words ``b`` for which ``form in inflect(b)``.

The index files each name once, under its own words; a word of a query or of
a text is looked up as written and as each of its lemmas (:func:`analyses`).
Nothing is generated ahead, so no cap on the number of forms is needed: a
name of five words costs what a name of one costs.
"""

from __future__ import annotations

import functools

import attrs

from gazetteer.normalize import normalize

__all__ = ["Rules", "analyses", "rules"]

# A base needs this many letters beyond what an ending keeps of it, so that
# "Ош" is not read as an inflected form of a one-letter word.
_MIN_STEM = 2
_ANALYSES_MEMO = 1 << 16


@attrs.frozen
class Rules:
    """One language's inflection rules, on normalised words."""

    lang: str
    indeclinable: tuple[str, ...] = ()
    # (ending, its replacements), longest ending first; "" is the catch-all
    endings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    suffixes: tuple[str, ...] = ()

    def inflect(self, word: str) -> tuple[str, ...]:
        """Every inflected form of one normalised word (not the word itself).

        Suffixes are appended to the whole word; of the endings, the longest
        that fits decides, and the catch-all "" does not apply to a word with
        an indeclinable ending (Баку, Тбилиси).
        """
        out = [word + suffix for suffix in self.suffixes]
        for ending, replacements in self.endings:
            if not word.endswith(ending) or len(word) < len(ending) + _MIN_STEM:
                continue
            if not ending and self.indeclinable and word.endswith(self.indeclinable):
                break
            stem = word[: len(word) - len(ending)]
            out += [stem + r for r in replacements]
            break
        return tuple(dict.fromkeys(f for f in out if f != word))

    def lemmas(self, form: str) -> tuple[str, ...]:
        """Every base word ``b`` with ``form in self.inflect(b)``."""
        found: list[str] = []
        for suffix in self.suffixes:
            if suffix and form.endswith(suffix):
                found.append(form[: -len(suffix)])
        for ending, replacements in self.endings:
            for r in replacements:
                if form.endswith(r):
                    found.append(form[: len(form) - len(r)] + ending)
        return tuple(b for b in dict.fromkeys(found) if b and b != form and form in self.inflect(b))


def _compile(
    lang: str,
    indeclinable: tuple[str, ...],
    endings: dict[str, tuple[str, ...]],
    suffixes: tuple[str, ...],
) -> Rules:
    pairs = [
        (normalize(ending), tuple(normalize(r) for r in replacements))
        for ending, replacements in endings.items()
    ]
    return Rules(
        lang=lang,
        indeclinable=tuple(normalize(e) for e in indeclinable),
        endings=tuple(sorted(pairs, key=lambda pair: -len(pair[0]))),
        suffixes=tuple(normalize(s) for s in suffixes),
    )


@functools.cache
def rules() -> dict[str, Rules]:
    """Every language's rules, by language code (from the bundled rule files)."""
    from gazetteer import rulefiles

    return {
        lang: _compile(lang, raw.indeclinable, dict(raw.endings), raw.suffixes)
        for lang, raw in rulefiles.inflection().items()
    }


# A word's analysis: (a base word, the language whose rules lead from it to
# the word, or None for the word as written).
Analysis = tuple[str, "str | None"]


@functools.lru_cache(maxsize=_ANALYSES_MEMO)
def analyses(word: str) -> tuple[Analysis, ...]:
    """The word as written, then every (lemma, language) the rules allow."""
    found: list[Analysis] = [(word, None)]
    for lang, rule in rules().items():
        found += [(lemma, lang) for lemma in rule.lemmas(word)]
    return tuple(found)
