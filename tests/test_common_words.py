"""The common words of each language (src/gazetteer/_data/common/), made from
wordfreq by tools/common_words.py, and the rule that reads them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gazetteer import Gazetteer, rulefiles

TOOLS = Path(__file__).parent.parent / "tools"


def test_the_files_equal_what_the_generator_makes() -> None:
    pytest.importorskip("wordfreq")
    sys.path.insert(0, str(TOOLS))
    try:
        import common_words  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(TOOLS))
    folder = Path(rulefiles.data_dir()) / "common"
    langs = common_words.languages()
    assert sorted(p.stem for p in folder.glob("*.txt")) == sorted(langs)
    for lang in langs:
        lines = (folder / f"{lang}.txt").read_text("utf-8").splitlines()
        assert lines == common_words.common_words(lang), lang


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # common Bulgarian words that are other languages' names of places
        ("Така е. Това е така. Тази сутрин.", "bg", []),
        # without a language, a name in any language where the word is common
        ("NATO and the EU.", None, ["NATO", "EU"]),
        # common Russian words that are Russia's own names, or their cases
        ("Россия и России.", "ru", ["Россия", "России"]),
        # an inflected reading far rarer than the word itself: Самое is not Самоа
        ("Самое главное.", "ru", []),
        # another language's name in the script of the entity's own: Dominica
        # is Доминика in Russian; Trump in Latin letters is Trump
        ("Доминик Рааб и Доминика.", "ru", ["Доминика"]),
        ("Встреча с Trump.", "ru", ["Trump"]),
        # a name filed in English in Latin letters is a Turkish text's name too
        ("Erdoğan Ankara'da konuştu.", "tr", ["Erdoğan", "Ankara"]),
    ],
)
def test_a_common_word_is_a_name_only_in_its_own_language(
    g: Gazetteer, text: str, lang: str | None, expected: list[str]
) -> None:
    assert [m.surface for m in g.tag(text, lang=lang)] == expected
