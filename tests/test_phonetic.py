from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer.phonetic import skeletons


@pytest.mark.parametrize(
    "family",
    [
        ["mirziyoyev", "mirzijojew", "mirzioiev", "mirzieev", "mirziyoev"],
        ["berdimuhamedow", "berdymukhamedov", "berdymuhamedov"],
        ["japarov", "zhaparov", "dzhaparov", "djaparov", "dschaparow"],
        ["tokayev", "tokaev", "toqaev", "tokajew"],
        ["aliyev", "alijew", "aliev"],
        ["nakhichevan", "nakhchivan", "naxcivan", "nachitschewan"],
    ],
)
def test_romanisations_meet(family: list[str]) -> None:
    common = set.intersection(*(set(skeletons(word)) for word in family))
    assert common, {word: sorted(skeletons(word)) for word in family}


@pytest.mark.parametrize(
    ("a", "b"), [("aliyev", "liyev"), ("tokayev", "takeover"), ("baku", "paku")]
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not set(skeletons(a)) & set(skeletons(b))


@given(st.text())
def test_any_text_gives_a_few_skeletons(text: str) -> None:
    found = skeletons(text.lower())
    assert len(found) <= 4
    assert all(s == s.strip() for s in found)
