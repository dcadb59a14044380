"""Gazetteer.country at real-world breadth (issue 11): a country named with
the words of its form of state ("Kingdom of Greece"), the English
adjectives of countries ("Kenyan") and the acronyms of their names ("UAE")."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Entity, Gazetteer, Kind, Method, Status, Tier, rulefiles
from gazetteer.errors import RuleFileError
from gazetteer.matching import without_state_form
from gazetteer.scoring import REWRITE_PENALTY

from .conftest import sampled_from

# -- the words of a form of state ---------------------------------------------------

_FORMS = sorted(rulefiles.cleanup().state_forms + rulefiles.cleanup().place_forms)


@pytest.mark.parametrize(
    ("key", "rest"),
    [
        ("republic of the union of myanmar", ["myanmar"]),
        ("co-operative republic of guyana", ["guyana"]),
        ("vatican city state", ["vatican"]),
        ("bailiwick of guernsey", ["guernsey"]),
        ("uzbekistan, rep. of", ["uzbekistan"]),  # a comma, an abbreviation's dot
        # the ends first, then every such word
        (
            "people's republic of bosnia of herzegovina",
            ["bosnia of herzegovina", "bosnia herzegovina"],
        ),
        ("kazakhstan", []),  # nothing to take out
        ("the republic of", []),  # nothing left
    ],
)
def test_without_state_form(key: str, rest: list[str]) -> None:
    assert without_state_form(key) == rest


def test_without_the_forms_of_state_only() -> None:
    # a kind of place stays (an adjective before it is no country's form)
    assert without_state_form("samoan islands", places=False) == []
    assert without_state_form("samoan islands") == ["samoan"]
    assert without_state_form("russian empire", places=False) == ["russian"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kingdom of Greece", "country:gr"),
        ("Co-operative Republic of Guyana", "country:gy"),
        ("Republic of the Union of Myanmar", "country:mm"),
        ("Union of Comoros Islands", "country:km"),
        ("Bailiwick of Guernsey", "country:gg"),
        ("Oyo State", "country:ng"),  # the rest may be a place of the country
        ("Islands of Bermuda", "country:bm"),  # an island territory's kind
        ("THE ISLAND OF NIUE", "country:nu"),
        ("County of Derby", "country:gb"),  # a county: the rest names a place
        ("Djibouti City", "country:dj"),  # (Kuwait City is the city: its name)
    ],
)
def test_a_form_of_state_around_a_name(g: Gazetteer, query: str, expected: str) -> None:
    found = g.country(query)
    assert found.status is Status.RESOLVED and found.match is not None
    assert found.match.entity.id == expected
    assert found.match.note is not None and "form of state" in found.match.note
    # scored as a rewritten query: the penalty below the rest as written
    plain = g.country(found.match.key).match
    assert plain is not None and plain.entity.id == expected
    assert found.match.score == pytest.approx(plain.score - REWRITE_PENALTY)


def test_a_form_of_state_scores_below_the_name(g: Gazetteer) -> None:
    plain = g.country("Greece").match
    read = g.country("Kingdom of Greece").match
    assert plain is not None and read is not None and read.score < plain.score


def test_a_form_of_state_is_no_answer_when_the_rest_is_not_one_country(g: Gazetteer) -> None:
    assert g.country("Republic of Congo and Gabon").status is Status.NOT_FOUND
    # the rest as a near miss is no answer (a rewritten query and a typo: two doubts)
    found = g.country("THE ISLE OF NIUE ZELAND")  # "niue zeland": a typo of Niú Zíland
    assert found.entity is None or found.entity.id != "country:nz"
    # a longer name of the country says it is another state: the Republic
    # of China is not the People's Republic of China
    found = g.country("Republic of China")
    assert found.entity is None or found.entity.id != "country:cn"
    # another country's name holds every word: the Democratic Republic of
    # Congo is not "congo" (the Republic of the Congo)
    for query in ("Democratic Republic Of Congo", "Congo, Democratic Republic of the"):
        found = g.country(query)
        assert found.entity is None or found.entity.id == "country:cd", query
    # its abbreviations spelt out too (Dem. Rep.), and a word that tells two
    # states of one name apart, dropped where the answer's names lack it,
    # makes every country's names searched for one with every word
    for query, other in (
        ("Dem. Rep. Congo", "country:cg"),
        ("Congo, Dem. Rep.", "country:cg"),
        ("Democratic Congo", "country:cg"),
        ("Yemen, Democratic", "country:ye"),  # South Yemen (pycountry's name)
    ):
        found = g.country(query)
        assert found.entity is None or found.entity.id != other, query
    assert g.country("Lao People's Democratic Republic").expect().id == "country:la"
    # where no other state has such a name, a historic state's name is its
    # country (the Hungarian People's Republic; the Democratic Republic of
    # Georgia, 1918), as a former country a country of today took over is
    # (the German Democratic Republic, South Yemen: ISO 3166-3)
    for query, country in (
        ("People's Republic of Hungary", "country:hu"),
        ("Democratic Republic of Georgia", "country:ge"),
        ("Dem. Rep. of Germany", "country:de"),
        ("German Democratic Republic", "country:de"),
    ):
        assert g.country(query).expect().id == country, query


def test_a_form_of_state_before_a_near_miss(g: Gazetteer) -> None:
    # "niue island" is a typo of no name: Niue, not Niú Zíland (New Zealand)
    assert g.country("NIUE ISLAND").expect().id == "country:nu"


@given(st.lists(st.sampled_from(_FORMS), min_size=1, max_size=4))
@settings(max_examples=150)
def test_the_words_of_a_form_alone_never_answer(g: Gazetteer, words: list[str]) -> None:
    query = " ".join(words)
    found = g.country(query)
    assert found.match is None or "form of state" not in (found.match.note or ""), query


@pytest.fixture(scope="module")
def english_countries(g: Gazetteer) -> st.SearchStrategy[Entity]:
    """A country with an English name (the strategy made once, not for each example)."""
    return st.sampled_from([e for e in g.entities if e.kind is Kind.COUNTRY and "en" in e.names])


@given(data=st.data())
@settings(max_examples=60)
def test_a_form_of_state_before_a_countrys_name(
    g: Gazetteer, english_countries: st.SearchStrategy[Entity], data: st.DataObject
) -> None:
    """A country's English name that answers as written answers with a form
    of state before it, scored lower (unless that is a name of its own)."""
    entity = data.draw(english_countries)
    name = entity.names["en"][0]
    if any(mark in name for mark in ",()") or without_state_form(name.lower()):
        return  # "Taiwan, Province of China", "Central African Republic"
    plain = g.country(name)
    if plain.match is None or plain.match.method not in (Method.EXACT, Method.NORMALISED):
        return
    form = data.draw(st.sampled_from(["Bailiwick of", "Grand Duchy of the", "Federal Republic of"]))
    found = g.country(f"{form} {name}")
    assert found.entity is not None and found.entity.id == plain.match.entity.id, (form, name)
    match = found.match
    assert match is not None
    assert match.score < plain.match.score or "form of state" not in (match.note or "")


def test_state_forms_are_checked_when_loaded(data: Path) -> None:
    (data / "cleanup.yaml").write_text("state_forms: [Republic, grand duchy]\n")
    with pytest.raises(RuleFileError) as error:
        rulefiles.cleanup(data)
    problems = error.value.problems
    assert any("not in key form" in p.message and p.line == 1 for p in problems)
    assert any("not one word" in p.message for p in problems)


# -- the English adjectives and acronyms of countries ---------------------------

ROOT = Path(__file__).parent.parent


# (country_words.yaml equals what tools/country_words.py makes: tests/test_cldr.py)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kenyan", "country:ke"),
        ("THAI", "country:th"),
        ("Irish", "country:ie"),
        ("Ghanaian", "country:gh"),
        ("South Sudanese", "country:ss"),
        ("Libyan", "country:ly"),  # no typo of Lebanon
        ("Uzbek", "country:uz"),  # a language official in one country
        ("American", "country:us"),  # American English
        ("British", "country:gb"),
    ],
)
def test_an_adjective_is_its_country(g: Gazetteer, query: str, expected: str) -> None:
    found = g.country(query)
    assert found.status is Status.RESOLVED and found.match is not None
    assert found.match.entity.id == expected
    assert found.match.alias.tier is Tier.WEAK and found.match.score < 0.97
    assert found.match.note is not None and "adjective" in found.match.note
    assert g.resolve(query, kinds="country").entity is None or query == "Libyan"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("UAE", "country:ae"),
        ("U.A.E.", "country:ae"),
        ("BVI", "country:vg"),
        ("DPRK", "country:kp"),
    ],
)
def test_an_acronym_in_capitals_is_its_country(g: Gazetteer, query: str, expected: str) -> None:
    found = g.country(query)
    assert found.match is not None and found.match.entity.id == expected
    assert found.match.alias.tier is Tier.WEAK
    assert found.match.note is not None and "acronym" in found.match.note
    assert g.country(query.lower()).entity is None  # "uae", "bvi": words, not acronyms


def test_a_name_comes_before_an_adjective(g: Gazetteer) -> None:
    assert g.country("Kenya").expect().id == "country:ke"
    assert g.country("Kenya").match.note is None  # type: ignore[union-attr]


def test_every_country_word_names_a_country_and_answers_it(g: Gazetteer) -> None:
    words = rulefiles.country_words()
    assert len(words.adjectives) > 100 and len(words.acronyms) > 20
    read, asked = 0, 0
    for table, upper in ((words.adjectives, False), (words.acronyms, True)):
        for entity_id, keys in table.items():
            assert g[entity_id].kind is Kind.COUNTRY
            for key in keys:
                asked += 1
                found = g.country(key.upper() if upper else key)
                # a name of its own (of a place, a person) may answer first
                if found.match is not None and "tools/country_words" in (found.match.note or ""):
                    assert found.match.entity.id == entity_id
                    read += 1
                elif found.match is not None:
                    assert found.match.entity.id == entity_id or found.match.note is None
    assert read > asked // 2  # most are answered by this reading


def test_country_words_are_checked_when_loaded(data: Path) -> None:
    path = data / "country_words.yaml"
    path.write_text("language: en\nadjectives:\n  country:ke: [kenyan]\n  country:ng: [Kenyan]\n")
    with pytest.raises(RuleFileError) as error:
        rulefiles.country_words(data)
    assert any(
        "not in key form" in p.message and p.line == 4 and p.source == str(path)
        for p in error.value.problems
    )
    path.write_text(
        "language: en\nadjectives:\n  country:ke: [kenyan]\nacronyms:\n  country:ng: [kenyan]\n"
    )
    with pytest.raises(RuleFileError) as error:
        rulefiles.country_words(data)
    assert any("a word of 'country:ke' too" in p.message for p in error.value.problems)


# -- the adjectives CLDR does not give, and the words for a people ---------------

_WRITTEN = rulefiles.country_adjectives()


@pytest.mark.parametrize(
    ("query", "expected", "reading"),
    [
        ("Togolese", "country:tg", "an adjective"),  # the CFA franc's: no currency of one
        ("Dutch", "country:nl", "an adjective"),  # not as the name starts
        ("Emirati", "country:ae", "an adjective"),
        ("Kenyans", "country:ke", "the people"),  # an ending joined to it
        ("Englishman", "country:gb", "the people"),
        ("Frenchwomen", "country:fr", "the people"),
        ("British citizen", "country:gb", "the people"),  # a noun after it
        ("Swiss nationals", "country:ch", "the people"),
    ],
)
def test_a_written_adjective_or_a_word_for_a_people_is_its_country(
    g: Gazetteer, query: str, expected: str, reading: str
) -> None:
    found = g.country(query)
    assert found.status is Status.RESOLVED and found.match is not None
    assert found.match.entity.id == expected
    assert found.match.alias.tier is Tier.WEAK and found.match.score < 0.97
    assert found.match.note is not None and reading in found.match.note
    assert g.resolve(query, kinds="country").entity is None


def test_a_people_needs_an_adjective(g: Gazetteer) -> None:
    for query in ("Kenyaman", "Kenya citizen", "Kenyan citizenship", "citizen", "Kenyann"):
        # a name with an ending, a noun after no adjective, no noun of the list
        found = g.country(query).match
        assert found is None or "people" not in (found.note or ""), query


@pytest.fixture(scope="module")
def adjectives() -> list[tuple[str, str]]:
    """(adjective, its country) of either file (made once, not for each example)."""
    tables = (rulefiles.country_words().adjectives, _WRITTEN.adjectives)
    return sorted((key, e) for table in tables for e, keys in table.items() for key in keys)


@settings(max_examples=60)
@given(data=st.data())
def test_every_adjective_with_an_ending_or_a_noun_is_its_country(
    g: Gazetteer, adjectives: list[tuple[str, str]], data: st.DataObject
) -> None:
    # either file's adjective, made a word for its people, answers its
    # country, or a name of its own answers first (then not this reading)
    key, entity_id = data.draw(sampled_from(adjectives))
    ending = data.draw(st.sampled_from(_WRITTEN.endings + tuple(" " + n for n in _WRITTEN.nouns)))
    found = g.country((key + ending).title())
    assert found.match is not None
    if "people" in (found.match.note or ""):
        assert found.match.entity.id == entity_id
    else:
        assert found.match.note is None or "adjective" not in found.match.note


def test_every_written_adjective_names_a_country_and_answers_it(g: Gazetteer) -> None:
    assert len(_WRITTEN.adjectives) > 50
    for entity_id, keys in _WRITTEN.adjectives.items():
        assert g[entity_id].kind is Kind.COUNTRY
        for key in keys:
            found = g.country(key)
            assert found.match is not None and found.match.entity.id == entity_id, key


def test_written_adjectives_are_checked_when_loaded(data: Path) -> None:
    path = data / "country_adjectives.yaml"
    # a word the generated file has, a word of two countries, an acronym
    path.write_text(
        "language: en\nadjectives:\n  country:tg: [togolese]\n  country:ke: [kenyan]\n"
        "  country:ng: [togolese]\nacronyms:\n  country:ng: [frn]\nendings: [s]\n"
    )
    with pytest.raises(RuleFileError) as error:
        rulefiles.country_adjectives(data)
    messages = [(p.line, p.message) for p in error.value.problems]
    assert any("in country_words.yaml too" in m for _, m in messages)
    assert any("a word of 'country:tg' too" in m for _, m in messages)
    assert any("tools/country_words.py" in m for _, m in messages)
    assert all(p.source == str(path) and p.line is not None for p in error.value.problems)


# -- a territory with the country ISO 3166-2 lists it under ------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hong Kong AEB Txina", "country:hk"),  # Basque: SAR, China
        ("Hongkong, S.A.R. Kina", "country:hk"),
        ("Хонг Конг С.А.Р Кина", "country:hk"),
        ("Macao S.A.R., China", "country:mo"),  # "place, country": the territory
        ("Hồng Kông, Trung Quốc", "country:hk"),
        ("Aruba, Netherlands", "country:aw"),
        # a place of the country that is no territory of it: the country
        ("Georgia, USA", "country:us"),
        ("Mali, Guinea", "country:gn"),  # GN-ML, a region; Mali has regions of its own
    ],
)
def test_a_territory_with_its_country_is_the_territory(
    g: Gazetteer, query: str, expected: str
) -> None:
    found = g.country(query)
    assert found.status is Status.RESOLVED and found.match is not None
    assert found.match.entity.id == expected


@pytest.mark.parametrize(
    "query",
    [
        "Hong Kong Kowloon Kina",  # a word of more than four letters besides the names
        "China and Hong Kong",  # a list of two places: "and" is no qualifier
        "US and Puerto Rico",
        "Netherlands or Aruba",
        "Hong Kong not China",
        "CHINA AND HONG KONG",  # capitals say nothing in a query all in capitals
        "US AND PUERTO RICO",
    ],
)
def test_a_territory_reading_needs_qualifiers_around(g: Gazetteer, query: str) -> None:
    found = g.country(query).match
    assert found is None or "territory" not in (found.note or "")


def test_the_territories_table_is_iso_3166_2s() -> None:
    assert rulefiles.country_words().territories["country:hk"] == "country:cn"
    assert "country:tw" not in rulefiles.country_words().territories  # it has its own subdivisions


def test_every_territory_with_its_country_and_a_qualifier_is_the_territory(g: Gazetteer) -> None:
    listed = rulefiles.country_words().territories
    assert len(listed) >= 10
    for territory, country in listed.items():
        names = [
            [a.text for a in g[entity_id].aliases if a.lang == "en" and not set("(,") & set(a.text)]
            for entity_id in (territory, country)
        ]
        query = f"{names[0][0]} S.A.R. {names[1][0]}"
        found = g.country(query)
        assert found.match is not None and found.match.entity.id == territory, query


# -- a typo of an adjective --------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ghanian", "country:gh"),  # a letter left out
        ("Kenyian", "country:ke"),  # one put in
        ("Brittish", "country:gb"),
        ("Portugese", "country:pt"),
        ("Puertorican", "country:pr"),  # a space left out (country_adjectives.yaml)
    ],
)
def test_a_typo_of_an_adjective_is_its_country(g: Gazetteer, query: str, expected: str) -> None:
    found = g.country(query)
    assert found.status is Status.RESOLVED and found.match is not None
    assert found.match.entity.id == expected
    assert found.match.method is Method.FUZZY and found.match.alias.tier is Tier.WEAK
    assert found.match.note is not None and "a typo of" in found.match.note
    assert g.resolve(query, kinds="country").entity is None  # country() alone reads it


@pytest.mark.parametrize(
    "query",
    [
        "Barbarian",  # a letter changed (Barbadian): another word
        "Britsh",  # fewer than seven letters
        "Xenyian",  # not the first two letters
    ],
)
def test_a_changed_letter_or_a_short_word_is_no_typo_of_an_adjective(
    g: Gazetteer, query: str
) -> None:
    found = g.country(query).match
    assert found is None or "a typo of" not in (found.note or "")


@settings(max_examples=60)
@given(data=st.data())
def test_an_adjective_with_a_letter_left_out_is_its_country_or_nothing(
    g: Gazetteer, adjectives: list[tuple[str, str]], data: st.DataObject
) -> None:
    # the typo reading answers the adjective's country, or leaves the query
    # to another reading (a name it is a near miss of), never another country
    # through an adjective
    pairs = [(k, e) for k, e in adjectives if len(k) >= 8]
    key, entity_id = data.draw(st.sampled_from(pairs))
    at = data.draw(st.integers(min_value=2, max_value=len(key) - 1))
    found = g.country(key[:at] + key[at + 1 :]).match
    if found is not None and "a typo of" in (found.note or ""):
        assert found.entity.id == entity_id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Russian Empire", "country:ru"),
        ("Kazakh SSR", "country:kz"),  # not Gazakh (Казах), whose name only romanises so
        ("Kyrgyz SSR (now Kyrgyzstan)", "country:kg"),
        ("Mongolian People's Republic", "country:mn"),
        ("Ukrainian State", "country:ua"),
        ("Moldovian SSR", "country:md"),  # a typo of the adjective, as alone
    ],
)
def test_an_adjective_with_a_form_of_state_is_its_country(
    g: Gazetteer, query: str, expected: str
) -> None:
    found = g.country(query)
    assert found.match is not None and found.match.entity.id == expected
    assert "with the words for a form of state" in (found.match.note or "")
    assert found.match.alias.tier is Tier.WEAK  # scored as the adjective alone is


@pytest.mark.parametrize(
    "query",
    [
        "Samoan Islands",  # the islands of two countries: no form of state
        "Congolese Republic",  # the Republic of the Congo has the words too
    ],
)
def test_an_adjective_with_other_words_is_not_read_so(g: Gazetteer, query: str) -> None:
    found = g.country(query)
    assert all("form of state" not in (m.note or "") for m in found.tied), found
    # (not the adjective's country: Congolese is the DR Congo's in CLDR's
    # currency; the Congolese Republic, though, is the Republic of the Congo)
    assert found.entity is None or found.entity.id not in ("country:cd", "country:ws")


def test_a_form_of_state_around_a_citys_weak_name_is_no_answer(g: Gazetteer) -> None:
    # Natal is a city of Brazil (a weak GeoNames name): the Colony of Natal
    # (South Africa) is not read as it
    found = g.country("Colony of Natal")
    assert found.entity is None or found.entity.id != "country:br"


@settings(max_examples=40)
@given(data=st.data())
def test_every_adjective_with_a_form_of_state_is_its_country_or_refused(
    g: Gazetteer, adjectives: list[tuple[str, str]], data: st.DataObject
) -> None:
    # either file's adjective with words of a form of state around it
    # answers its country, unless a name of its own answers first or another
    # country's name has those words and a word the adjective is made of
    key, entity_id = data.draw(sampled_from(adjectives))
    before = data.draw(st.sampled_from(["", "the ", "republic of "]))
    after = data.draw(st.sampled_from([" republic", " ssr", " empire", " people's republic"]))
    found = g.country((before + key + after).title())
    read = [
        m for m in found.tied if "form of state" in (m.note or "") and "adjective" in (m.note or "")
    ]
    assert all(m.entity.id == entity_id for m in read), (key, found)
