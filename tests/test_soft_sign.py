"""A soft sign written as an apostrophe by one romanisation and left out by
another: ISO 3166-2 names Russia's regions "Novosibirskaya oblast'", which
BGN's romanisation of the Russian name (Новосибирская область) writes
"oblast". The cross-script index files a Latin name with an apostrophe
without it too; the romanisations of Cyrillic words keep theirs (думать,
"dumat'", is not Damietta's "Dum'yat")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer import Gazetteer
from gazetteer.crossindex import build_cross_index
from gazetteer.index import compile_index, unpack
from gazetteer.model import Alias, Entity, Kind

_LATIN = st.text(alphabet="abcdefghijklmnoprstuvyz", min_size=2, max_size=8)


@given(before=_LATIN, after=st.text(alphabet="abcdefghijklmnoprstuvyz", max_size=8))
def test_a_latin_name_with_an_apostrophe_is_filed_without_it(before: str, after: str) -> None:
    name = f"{before}'{after} oblast'"
    entity = Entity("subdivision:xx-01", Kind.SUBDIVISION, name, (Alias(name, "und"),))
    cross = build_cross_index(compile_index([entity]))
    bare = name.replace("'", "")
    assert [unpack(p) for p in cross.latin.get(bare, ())] == [(0, 0)]


def test_a_cyrillic_names_romanisation_keeps_its_apostrophe() -> None:
    # ISO 9 writes ь as an apostrophe: Думьят is "dum'at", not "dumat" (думать)
    entity = Entity("city:damietta", Kind.CITY, "Damietta", (Alias("Думьят", "ru"),))
    cross = build_cross_index(compile_index([entity]))
    assert not cross.latin.get("dumat")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Новосибирская область", "subdivision:ru-nvs"),
        ("Ярославская область", "subdivision:ru-yar"),
        ("Челябинская область", "subdivision:ru-che"),
    ],
)
def test_russias_regions_by_their_russian_names(g: Gazetteer, name: str, expected: str) -> None:
    # pycountry gives these no Russian name; ISO 3166-2's romanisation is met
    assert g.resolve(name, lang="ru").expect().id == expected
