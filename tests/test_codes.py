"""Codes (Gazetteer.by_code, resolve(codes=True)), and the ISO data they come with."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gazetteer import Entity, Gazetteer, Method, Status
from gazetteer.isodata import _parts


@pytest.fixture(scope="module")
def coded(g: Gazetteer) -> st.SearchStrategy[Entity]:
    """An entity that has codes (the strategy made once, not for each example)."""
    return st.sampled_from([e for e in g.entities if e.codes])


@pytest.fixture(scope="module")
def entities(g: Gazetteer) -> st.SearchStrategy[Entity]:
    """Any entity (the strategy made once, not for each example)."""
    return st.sampled_from(g.entities)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("KAZ", "country:kz"),
        ("kz", "country:kz"),
        (" 398 ", "country:kz"),
        ("KZ-75", "subdivision:kz-75"),
        ("az-nx", "subdivision:az-nx"),
        ("Q458", "organization:eu"),
        ("SUHH", "country:suhh"),
    ],
)
def test_each_kind_of_code_names_its_entity(g: Gazetteer, code: str, expected: str) -> None:
    r = g.by_code(code)
    assert r.status is Status.RESOLVED and r.entity is not None and r.entity.id == expected
    assert r.tied[0].method is Method.CODE and r.tied[0].score == 1.0
    assert r.tied[0].explanation.startswith("code match: ")


def test_a_scheme_limits_the_codes(g: Gazetteer) -> None:
    assert g.by_code("KAZ", scheme="iso3").entity == g["country:kz"]
    assert g.by_code("KAZ", scheme="iso2").status is Status.NOT_FOUND
    assert g.by_code("nothing").status is Status.NOT_FOUND
    # a code is not a name, and a name is not a code
    assert g.resolve("KAZ").entity != g["country:kz"]
    assert g.by_code("Kazakhstan").status is Status.NOT_FOUND


@given(st.data())
def test_every_code_of_every_entity_finds_it(
    g: Gazetteer, coded: st.SearchStrategy[Entity], data: st.DataObject
) -> None:
    entity = data.draw(coded)
    scheme, value = data.draw(st.sampled_from(sorted(entity.codes.items())))
    r = g.by_code(value.lower(), scheme=scheme)
    assert entity.id in {m.entity.id for m in r.tied}


# -- resolve(..., codes=True) ------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kinds", "expected"),
    [
        ("KAZ", "country", "country:kz"),
        ("NGA", "country", "country:ng"),  # Nigeria's code; "Nga" is Vietnamese for Russia
        ("Q232", None, "country:kz"),
        ("KZ-75", None, "subdivision:kz-75"),
        ("KZ-75", "country", None),  # no country carries it; read as a name: nothing
        ("Kazakhstan", "country", "country:kz"),  # a name is read as one
    ],
)
def test_resolve_reads_codes_when_asked(
    g: Gazetteer, query: str, kinds: str | None, expected: str | None
) -> None:
    r = g.resolve(query, kinds=kinds, codes=True)
    assert (r.entity.id if r.entity else None) == expected
    if expected and query.isupper():
        assert r.tied[0].method is Method.CODE
    assert g.resolve_all([query], kinds=kinds, codes=True) == [r]


@given(st.data())
def test_codes_change_nothing_for_a_query_with_a_lower_case_letter(
    g: Gazetteer, entities: st.SearchStrategy[Entity], data: st.DataObject
) -> None:
    entity = data.draw(entities)
    alias = data.draw(st.sampled_from(entity.aliases))
    query = data.draw(st.sampled_from([alias.text, alias.text.lower(), alias.text.title()]))
    assume(query != query.upper())  # with no lower-case letter the query may be a code
    assert g.resolve(query, codes=True) == g.resolve(query)


@given(st.data())
def test_every_code_resolves_when_asked(
    g: Gazetteer, coded: st.SearchStrategy[Entity], data: st.DataObject
) -> None:
    entity = data.draw(coded)
    _, value = data.draw(st.sampled_from(sorted(entity.codes.items())))
    r = g.resolve(value.upper(), kinds=entity.kind.value, codes=True)
    assert entity.id in {m.entity.id for m in r.tied}
    assert all(m.method is Method.CODE for m in r.tied)


# -- ISO 3166-3: historic countries' catalogue strings ------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Yugoslavia, (Socialist) Federal Republic of",
            [
                "Yugoslavia",
                "Federal Republic of Yugoslavia",
                "Socialist Federal Republic of Yugoslavia",
            ],
        ),
        (
            "USSR, Union of Soviet Socialist Republics",
            ["USSR", "Union of Soviet Socialist Republics"],
        ),
        (
            "Czechoslovakia, Czechoslovak Socialist Republic",
            ["Czechoslovakia", "Czechoslovak Socialist Republic"],
        ),
        (
            "Jugoslawien, (Sozialistische) Föderative Republik",
            ["Jugoslawien"],
        ),  # no bare "Republik"
        ("Dahomey", []),
    ],
)
def test_a_historic_catalogue_string_is_read_as_its_names(text: str, names: list[str]) -> None:
    assert _parts(text) == [text, *names]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Yugoslavia", "country:yucs"),
        ("Socialist Federal Republic of Yugoslavia", "country:yucs"),
        ("Czechoslovakia", "country:cshh"),
        ("Paraguai", "country:py"),  # Occitan's catalogue gives it to Nicaragua too: weak there
        ("Samoa", "country:ws"),  # Faroese's gives "Sámoa" to American Samoa too
    ],
)
def test_historic_and_shared_catalogue_names(g: Gazetteer, query: str, expected: str) -> None:
    assert g.resolve(query, kinds="country").entity == g[expected]
