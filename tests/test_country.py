"""Gazetteer.country: the country a name points to, itself or through the
place it names (a column of countries that holds states and cities too)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Entity, Gazetteer, Kind, Status, Tier, normalize

from .conftest import sampled_from


def _country(g: Gazetteer, query: str) -> tuple[str, list[str]]:
    found = g.country(query)
    return found.status.value, [m.entity.id for m in found.tied]


@pytest.mark.parametrize(
    ("query", "expected", "via"),
    [
        ("LOUISIANA", "country:us", "subdivision:us-la"),
        ("Dubai", "country:ae", "city:292223"),
        ("Kazakhstan", "country:kz", None),
        # a country's name is the country, before any place so called
        ("Georgia", "country:ge", None),
    ],
)
def test_a_place_is_read_as_its_country(
    g: Gazetteer, query: str, expected: str, via: str | None
) -> None:
    found = g.country(query)
    assert found.match is not None and found.match.entity.id == expected
    assert (found.match.via.id if found.match.via else None) == via
    data = found.to_dict()["match"]
    assert data["via"] == (found.match.via.to_dict() if found.match.via else None)
    if via is not None:
        assert found.match.explanation.startswith(f"the country of {via}: ")


def test_places_of_one_country_are_that_country(g: Gazetteer) -> None:
    # the city and the state of New York: one country
    assert g.resolve("New York").status is Status.AMBIGUOUS
    assert _country(g, "NEW YORK") == ("resolved", ["country:us"])


def test_what_is_in_no_country_is_not_found(g: Gazetteer) -> None:
    assert _country(g, "NATO") == ("not_found", [])  # an organisation
    assert all(m.entity.kind is Kind.COUNTRY for m in g.country("NATO").candidates)
    # a near miss of a place's name is no answer (Karachi is not Carchi, Ecuador)
    assert _country(g, "Karachi") == ("not_found", [])
    assert _country(g, "Europe") == ("not_found", [])  # a region of many
    assert _country(g, "Xyzzyq") == ("not_found", [])


def test_place_comma_country(g: Gazetteer) -> None:
    assert _country(g, "Karachi, Pakistan") == ("resolved", ["country:pk"])
    assert _country(g, "TENNESSEE, U.S.A.") == ("resolved", ["country:us"])
    # the head names a place of that country too: the country (the US state)
    assert _country(g, "Georgia, USA") == ("resolved", ["country:us"])
    # a place of another country: both, no guess
    status, ids = _country(g, "Almaty, Russia")
    assert status == "ambiguous" and set(ids) == {"country:ru", "country:kz"}
    # the part after the comma is no country and no subdivision
    assert _country(g, "Paris, Txas")[0] == "not_found"
    assert _country(g, "Springfield, Nowhere")[0] == "not_found"


def test_place_comma_subdivision(g: Gazetteer) -> None:
    # the subdivision after the comma says the country, whatever the head is
    found = g.country("Paris, Texas")
    assert found.entity is not None and found.entity.id == "country:us"
    assert found.match is not None and found.match.via is not None
    assert found.match.via.id == "subdivision:us-tx"
    assert _country(g, "Manchester, England") == ("resolved", ["country:gb"])
    # a subdivision name of two countries: the head names a place of one of them
    assert _country(g, "Islamabad, Punjab") == ("resolved", ["country:pk"])
    # or of neither: both, no guess
    status, ids = _country(g, "Somewhere, Punjab")
    assert status == "ambiguous" and set(ids) == {"country:in", "country:pk"}


def test_codes_are_read_when_asked(g: Gazetteer) -> None:
    assert g.country("KAZ").status is Status.NOT_FOUND
    found = g.country("KAZ", codes=True)
    assert found.entity is not None and found.entity.id == "country:kz"


@pytest.fixture(scope="module")
def subdivisions(g: Gazetteer) -> list[tuple[str, str]]:
    """(strong name, its country) of subdivisions whose name is theirs alone
    (and not one they deny: pycountry names Cameroon's West region Захад in
    a language, and a curated file denies it)."""
    owners: dict[str, set[str]] = {}
    for entity in g.entities:
        for alias in entity.aliases:
            owners.setdefault(alias.key, set()).add(entity.id)
    found = []
    for entity in g.entities:
        if entity.kind is not Kind.SUBDIVISION or entity.country is None:
            continue
        denied = {normalize(text) for text in entity.deny}
        for alias in entity.aliases:
            if (
                alias.tier is Tier.STRONG
                and alias.key not in denied
                and owners[alias.key] == {entity.id}
            ):
                found.append((alias.text, entity.country))
                break
    return sorted(found)


@given(data=st.data())
@settings(max_examples=80)
def test_a_name_only_a_subdivision_has_is_its_country(
    g: Gazetteer, subdivisions: list[tuple[str, str]], data: st.DataObject
) -> None:
    name, country = data.draw(sampled_from(subdivisions))
    if g.resolve(name, kinds="country").status is not Status.NOT_FOUND:
        return  # a near miss of a country's name: the country step answers first
    found = g.country(name)
    assert found.entity is not None and found.entity.id == country, name


@pytest.fixture(scope="module")
def entities(g: Gazetteer) -> st.SearchStrategy[Entity]:
    """Any entity (the strategy made once, not for each example)."""
    return st.sampled_from(g.entities)


@given(data=st.data())
@settings(max_examples=80)
def test_every_answer_is_a_country_and_every_place_answer_says_which(
    g: Gazetteer, entities: st.SearchStrategy[Entity], data: st.DataObject
) -> None:
    """Whatever name is asked (of any kind), country() answers countries
    only, and a match through a place names a place of that country."""
    entity = data.draw(entities)
    alias = data.draw(st.sampled_from(entity.aliases))
    found = g.country(alias.text)
    for match in (*found.tied, *found.candidates):
        assert match.entity.kind is Kind.COUNTRY, (alias.text, match)
        if match.via is not None:
            assert match.via.country == match.entity.id
            assert match.via.kind in (Kind.SUBDIVISION, Kind.CITY, Kind.REGION)


def test_many_commas_are_read_once(g: Gazetteer) -> None:
    # the part before the last comma is read without its own commas split
    # again: no recursion as deep as the commas are many
    assert _country(g, "a," * 5000 + " Pakistan") == ("resolved", ["country:pk"])
    assert _country(g, "Paris, " * 3000)[0] == "not_found"
