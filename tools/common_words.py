"""Generate src/gazetteer/_data/common/<lang>.txt: each language's most common
words, from the `wordfreq` package, as lookup keys with their Zipf frequency
(a word and its frequency a line, tab-separated, most common first), then,
after a line `# bases`, the frequency of every word the language's
inflection rules (src/gazetteer/_data/inflection/) read a common word as a
form of, where wordfreq knows it.

The tagger does not report a capitalised one-word name that is a common word
of the text's language unless the entity has that name in that language
(Така, a Belarusian name of Thailand's Tak province, is "so" in Bulgarian),
nor an inflected reading far more common than the name it would inflect
(Самое, "the most", is not a case of Самоа).
The files are data made from wordfreq, which is needed only to make them:

    pip install wordfreq && python tools/common_words.py

tests/test_common_words.py checks that the files equal what this makes from
the installed wordfreq.
"""

from __future__ import annotations

import sys
from pathlib import Path

LANGUAGES = ("ru", "bg", "uk", "be", "kk", "en", "de", "tr")
COUNT = 5000
FOLDER = Path(__file__).resolve().parent.parent / "src" / "gazetteer" / "_data" / "common"


def common_words(lang: str) -> list[str]:
    """``lang``'s most common words as lines: key, tab, Zipf frequency."""
    import wordfreq

    from gazetteer.forms import rules
    from gazetteer.normalize import normalize

    found: dict[str, float] = {}
    for word in wordfreq.top_n_list(lang, COUNT):
        key = normalize(word)
        if key and " " not in key and key not in found:
            found[key] = wordfreq.zipf_frequency(word, lang)
    bases: dict[str, float] = {}
    rule = rules().get(lang)
    for key in found if rule is not None else ():
        for base in rule.lemmas(key):  # type: ignore[union-attr]
            zipf = wordfreq.zipf_frequency(base, lang)
            if base not in found and zipf > 0:
                bases[base] = zipf
    lines = [f"{key}\t{zipf:.1f}" for key, zipf in found.items()]
    return [*lines, "# bases", *(f"{key}\t{zipf:.1f}" for key, zipf in sorted(bases.items()))]


def languages() -> list[str]:
    import wordfreq

    return [lang for lang in LANGUAGES if lang in wordfreq.available_languages()]


def main() -> int:
    FOLDER.mkdir(exist_ok=True)
    for lang in languages():
        (FOLDER / f"{lang}.txt").write_text("\n".join(common_words(lang)) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
