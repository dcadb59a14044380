"""Gazetteer.country: the country a name points to, itself or through the
place it names (a column of countries that holds states and cities too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import gazetteer
from gazetteer import Alias, Entity, Gazetteer, Kind, Match, Method, Status, Tier, normalize
from gazetteer.phonetic import script, skeleton_letters, written_skeleton
from gazetteer.scoring import (
    WRITTEN_COUNTRY_MARGIN,
    WRITTEN_COUNTRY_SIMILARITY,
    nearest_country,
)

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
    # a near miss of a place's name is no answer (Christchurch, New Zealand,
    # is not Christ Church, Barbados)
    assert _country(g, "Christchurch") == ("not_found", [])
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


@pytest.mark.parametrize("tail", ["UAE", "U.A.E", "U. A. E."])
def test_place_comma_a_countrys_acronym(g: Gazetteer, tail: str) -> None:
    # the part after the comma, written as an acronym, is read as country() reads one
    found = g.country(f"Dubai, {tail}")
    assert (found.status, found.expect().id) == (Status.RESOLVED, "country:ae")
    assert "acronym" in (found.tied[0].note or "")
    # only after a place of that country: an acronym is some other
    # body's or title's too (John Smith, MSC is no Macao; image, PNG no
    # Papua New Guinea), and no adjective or people is read so
    for query in (f"Paris, {tail}", "John Smith, MSC", "image, PNG", "Paris, FRENCH"):
        assert _country(g, query)[0] == "not_found", query
    assert _country(g, "Bangui, CAR") == ("resolved", ["country:cf"])
    # only in capitals, as an acronym is written: "uae" is no word of a country
    assert _country(g, "Dubai, uae")[0] == "not_found"


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
    only, and a match through a place names a place of that country, or a
    former country that it took over (ISO 3166-3: ZRCD, Zaire, now CD)."""
    entity = data.draw(entities)
    alias = data.draw(st.sampled_from(entity.aliases))
    found = g.country(alias.text)
    for match in (*found.tied, *found.candidates):
        assert match.entity.kind is Kind.COUNTRY, (alias.text, match)
        if match.via is None:
            continue
        if match.via.kind is Kind.COUNTRY:  # (BYAA: AA, the code stayed)
            assert _today(g, match.via) == match.entity.id
        else:
            assert match.via.country == match.entity.id
            assert match.via.kind in (Kind.SUBDIVISION, Kind.CITY, Kind.REGION)


def test_many_commas_are_read_once(g: Gazetteer) -> None:
    # the part before the last comma is read without its own commas split
    # again: no recursion as deep as the commas are many
    assert _country(g, "a," * 5000 + " Pakistan") == ("resolved", ["country:pk"])
    assert _country(g, "Paris, " * 3000)[0] == "not_found"


# --- a near miss in a script the library does not romanise -------------------

_NEAR = "read as a near miss of a country's name in its script"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("גאבון", "country:ga"),  # Hebrew: גבון, a skeleton of three letters
        ("ମୌରିସସ୍", "country:mu"),  # Oriya: ମରିସସ୍
        ("ଇକ୍ୱାଡୋର୍", "country:ec"),  # Oriya: 88 % alike as written
        ("कैनाडा", "country:ca"),  # Devanagari: कनाडा, a vowel sign more
    ],
)
def test_a_near_miss_in_its_script_is_the_country(g: Gazetteer, query: str, expected: str) -> None:
    # resolve() leaves them (too few letters, or not alike enough, for a
    # text); in a column of countries they are those countries
    assert g.resolve(query).status is Status.NOT_FOUND
    found = g.country(query)
    assert (found.status, found.expect().id) == (Status.RESOLVED, expected)
    assert found.tied[0].method is Method.PHONETIC
    assert found.tied[0].note == _NEAR
    # below the floor the caller sets, no answer
    assert g.country(query, min_score=found.tied[0].score + 0.01).status is Status.NOT_FOUND


@pytest.mark.parametrize("word", ["الأمن", "جورج"])
def test_a_word_not_alike_enough_is_no_country(g: Gazetteer, word: str) -> None:
    # security (Almaniya, 80 %), George (Georgia, 80 %): under the floor (the
    # coach, المدرب, 83 % like al-Maghrib, is read as Morocco: scoring.py says so)
    assert g.country(word).status is Status.NOT_FOUND


def test_an_alias_of_another_kind_is_no_near_miss(g: Gazetteer) -> None:
    # a Marathi name of the UN, as written: not a near miss of a country's name
    assert g.resolve("संयुक्त राष्ट्रां").expect().id == "organization:un"
    assert g.country("संयुक्त राष्ट्रां").status is Status.NOT_FOUND


@pytest.mark.parametrize(
    ("query", "tied"),
    [
        # Myanmar's برما by its skeleton (89 %), Bermuda's برمودا nearer (91 %)
        ("برموا", {"country:mm", "country:bm"}),
        # Namibia's ନାମିବିଆ by its skeleton, Zambia's ଜାମ୍ବିଆ and Gambia's as near
        ("ନାମ୍ବିଆ", {"country:na", "country:zm", "country:gm"}),
    ],
)
def test_a_country_as_near_in_any_way_is_tied(g: Gazetteer, query: str, tied: set[str]) -> None:
    found = g.country(query)
    assert found.status is Status.AMBIGUOUS
    assert {m.entity.id for m in found.tied} == tied


_NEIGHBOURS = """
- id: country:xa
  name: Xa
  names:
    hi: [कनाडा]
- id: country:xb
  name: Xb
  names:
    hi: [कैनाड]
  deny: [{deny}]
"""


def _neighbours(tmp_path: Path, deny: str = "x") -> Gazetteer:
    (tmp_path / "near.yaml").write_text(_NEIGHBOURS.format(deny=deny), encoding="utf-8")
    return gazetteer.load([tmp_path], bundled=False)


def test_two_countries_as_near_are_tied(tmp_path: Path) -> None:
    # कैनाडा: a vowel sign more than कनाडा, one less than कैनाड; resolve()
    # finds neither (a skeleton of three letters)
    g2 = _neighbours(tmp_path)
    assert g2.resolve("कैनाडा").status is Status.NOT_FOUND
    found = g2.country("कैनाडा")
    assert found.status is Status.AMBIGUOUS
    assert {m.entity.id for m in found.tied} == {"country:xa", "country:xb"}
    assert {m.note for m in found.tied} == {_NEAR}


def test_a_country_that_denies_the_query_is_no_near_miss(tmp_path: Path) -> None:
    found = _neighbours(tmp_path, deny="कैनाडा").country("कैनाडा")
    assert (found.status, found.expect().id, found.tied[0].note) == (
        Status.RESOLVED,
        "country:xa",
        _NEAR,
    )


def test_an_answer_reports_its_best_scoring_match(g: Gazetteer) -> None:
    # कोल्बिया: a name of Colombia by its skeleton (0.82) and another of its
    # names nearer by letters (fuzzy, 0.65): the answer is the former, so a
    # floor of 0.7 keeps it
    found = g.country("कोल्बिया", min_score=0.7)
    assert (found.status, found.expect().id) == (Status.RESOLVED, "country:co")
    assert found.tied[0].method is Method.PHONETIC


def test_an_answer_through_a_code_says_which_entity_it_came_through(g: Gazetteer) -> None:
    assert (
        g.country("BYAA", codes=True)
        .tied[0]
        .explanation.startswith("the country that took over country:byaa: code match")
    )
    assert (
        g.country("US-TX", codes=True)
        .tied[0]
        .explanation.startswith("the country of subdivision:us-tx: code match")
    )


def test_a_rival_under_min_score_still_forbids_a_guess(g: Gazetteer) -> None:
    # Namibia's name by its skeleton (0.82), Zambia's and Gambia's as near
    # by letters (fuzzy, 0.56): over 0.7 no answer, not Namibia alone
    assert g.country("ନାମ୍ବିଆ").status is Status.AMBIGUOUS
    assert g.country("ନାମ୍ବିଆ", min_score=0.7).status is Status.NOT_FOUND


def _near(entity: str, method: Method, similarity: float) -> Match:
    country = Entity(f"country:{entity}", Kind.COUNTRY, entity)
    alias = Alias(entity, "hi")
    return Match(country, alias, method, 0.8, entity, similarity)


@pytest.mark.parametrize(
    ("matches", "expected"),
    [
        ([("a", Method.PHONETIC, 90.0), ("b", Method.PHONETIC, 85.0)], ["a"]),
        ([("a", Method.PHONETIC, 90.0), ("b", Method.FUZZY, 85.1)], ["a", "b"]),
        ([("a", Method.PHONETIC, 88.0), ("b", Method.FUZZY, 91.0)], ["b", "a"]),
        ([("a", Method.PHONETIC, 80.9)], []),
        # one country's nearer fuzzy match does not hide its written-skeleton one
        ([("a", Method.FUZZY, 92.3), ("a", Method.PHONETIC, 90.9)], ["a"]),
        ([("a", Method.FUZZY, 95.0)], []),  # a written-skeleton match is needed
        ([], []),
    ],
)
def test_the_nearest_country_and_the_margin(
    matches: list[tuple[str, Method, float]], expected: list[str]
) -> None:
    assert WRITTEN_COUNTRY_SIMILARITY == 81.0 and WRITTEN_COUNTRY_MARGIN == 5.0
    chosen = nearest_country(_near(*m) for m in matches)
    assert [m.entity.name for m in chosen] == expected


@pytest.fixture(scope="module")
def written_country_names(g: Gazetteer) -> list[tuple[str, str]]:
    """Countries' names in a script of scripts.yaml, of three letters or more."""
    return [
        (entity.id, alias.key)
        for entity in g.entities
        if entity.kind is Kind.COUNTRY
        for alias in entity.aliases
        if skeleton_letters(written_skeleton(alias.key)) >= 3
    ]


@settings(max_examples=60)
@given(data=st.data())
def test_a_near_miss_is_answered_only_well_ahead_of_every_other_country(
    g: Gazetteer, written_country_names: list[tuple[str, str]], data: st.DataObject
) -> None:
    # a name with a letter dropped: when country() reads it as one country's
    # near miss, no other country has a name in its script (all compared,
    # the slow way) within WRITTEN_COUNTRY_MARGIN of the answer's nearest;
    # and every country tied is within it of the floor
    _, key = data.draw(sampled_from(written_country_names))
    at = data.draw(st.integers(0, len(key) - 1))
    query = normalize(key[:at] + key[at + 1 :])
    found = g.country(query)
    if not found.tied or found.tied[0].note != _NEAR:
        return

    def nearest(entity: Entity) -> float:
        denied = {normalize(text) for text in entity.deny}
        return max(
            (
                fuzz.ratio(query, a.key)
                for a in entity.aliases
                if script(a.key) == script(query) and a.key not in denied
            ),
            default=0.0,
        )

    countries = [e for e in g.entities if e.kind is Kind.COUNTRY]
    floor = WRITTEN_COUNTRY_SIMILARITY - WRITTEN_COUNTRY_MARGIN
    assert all(max(nearest(g[m.entity.id]), m.similarity or 0.0) > floor for m in found.tied)
    if found.status is Status.RESOLVED:
        answer = found.tied[0].entity.id
        mine = max(nearest(e) for e in countries if _today(g, e) == answer)
        assert mine >= WRITTEN_COUNTRY_SIMILARITY
        others = {
            _today(g, e)
            for e in countries
            if _today(g, e) != answer and nearest(e) > mine - WRITTEN_COUNTRY_MARGIN
        }
        assert not others, (query, answer, others)


# --- former countries --------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected", "via"),
    [
        ("Zaire", "country:cd", "country:zrcd"),
        ("Upper Volta", "country:bf", "country:hvbf"),
        ("Източен Тимор", "country:tl", "country:tptl"),  # Bulgarian: East Timor
        ("BYAA", "country:by", "country:byaa"),  # AA: the code stayed (BY)
        ("Kinshasa, Zaire", "country:cd", "city:2314302"),  # one answer, not two
        ("USSR", "country:suhh", None),  # no single country took it over
    ],
)
def test_a_former_country_is_the_country_that_took_it_over(
    g: Gazetteer, query: str, expected: str, via: str | None
) -> None:
    found = g.country(query, codes=True)
    assert (found.status, found.expect().id) == (Status.RESOLVED, expected)
    assert (found.tied[0].via.id if found.tied[0].via else None) == via
    assert found.candidates[0] == found.tied[0]


def test_a_former_country_among_the_candidates_is_its_successor(g: Gazetteer) -> None:
    # a near miss of Dahomey answers nothing, and lists Benin
    found = g.country("Dahomay")
    assert found.status is Status.NOT_FOUND
    assert [(m.entity.id, m.via.id if m.via else None) for m in found.candidates] == [
        ("country:bj", "country:dybj")
    ]


def test_resolve_still_answers_the_former_country(g: Gazetteer) -> None:
    assert g.resolve("Upper Volta").expect().id == "country:hvbf"


def _today(g: Gazetteer, entity: Entity) -> str:
    """The id of the country of today that took ``entity`` over (ISO
    3166-3: its code's last two letters are that country's, or AA when the
    code stayed), else its own."""
    code = entity.codes.get("iso3166-3")
    if entity.kind is not Kind.COUNTRY or code is None or "iso2" in entity.codes:
        return entity.id
    now = g.get(f"country:{(code[:2] if code[2:] == 'AA' else code[2:]).lower()}")
    return entity.id if now is None else now.id


def _taken_over(g: Gazetteer, entity: Entity) -> bool:
    return _today(g, entity) != entity.id


def test_no_answer_is_a_former_country_one_of_today_took_over(g: Gazetteer) -> None:
    # every name of every former country, as country() reads it
    former = [e for e in g.entities if _taken_over(g, e)]
    assert len(former) > 10
    for entity in former:
        for alias in entity.aliases:
            found = g.country(alias.text)
            answered = [*found.tied, *found.candidates]
            assert not any(_taken_over(g, m.entity) for m in answered), (alias, found)


def test_an_adjective_comes_before_a_place_whose_name_only_romanises_to_it(
    g: Gazetteer,
) -> None:
    # Kazakh is the romanisation of Казах, a town of Azerbaijan (Gazakh),
    # and the English adjective of Kazakhstan
    found = g.country("Kazakh")
    assert (found.status, found.expect().id) == (Status.RESOLVED, "country:kz")
    assert g.resolve("Kazakh").expect().id == "city:585226"
    # a place named as written is still its country
    assert g.country("Dubai").expect().id == "country:ae"
