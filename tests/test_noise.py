"""Fuzzy matching under the noise real name lists carry (issue 11): each class
of noise that resolve reads through, and the invariant that noise never turns
one country into another."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import gazetteer
from gazetteer import Gazetteer, Kind, Status, normalize, rulefiles
from gazetteer.crossindex import NearForms, uninverted
from gazetteer.errors import RuleFileError
from gazetteer.matching import cleaned, joined, words_align

from .conftest import sampled_from


def _country(g: Gazetteer, query: str) -> str | None:
    entity = g.resolve(query, kinds="country").entity
    return None if entity is None else entity.id


# -- the query's clean-up (rules in _data/cleanup.yaml) --------------------------


@pytest.mark.parametrize(
    ("key", "reading"),
    [
        ("hong kong (rae)", "hong kong"),  # a bracketed qualifier
        ("hong kong sar", "hong kong"),  # a trailing qualifier
        ("1. gambia", "gambia"),  # a word without a letter
        ("macau -", "macau"),
        ("the kingdom of bhutan", "kingdom of bhutan"),  # a leading article
        ("l'italie", "italie"),  # an elided one
        ("orileede angola", "angola"),  # a generic word for "country"
        ("the orileede angola", "angola"),
        ("orileede orileede amerika", "amerika"),  # the word written twice
        ("kasar mali", "mali"),  # Hausa "country of", "republic of"
        ("jamhuriyar nijar", "nijar"),
        ("l-ingilterra", "ingilterra"),  # Maltese article, with a hyphen
        ("il-belgju", "belgju"),
        ("i-south africa", "south africa"),  # Zulu and Xhosa noun-class prefix
        ("solomon is.", "solomon islands"),  # a table's abbreviation
        ("кокосови о-ви", "кокосови острови"),
    ],
)
def test_cleaned_readings(key: str, reading: str) -> None:
    assert cleaned(key)[0] == reading


def test_cleaned_leaves_a_clean_name_alone() -> None:
    assert cleaned("kazakhstan") == []
    # the last word is never dropped as a qualifier or article if it is the only one
    assert cleaned("sar") == []
    assert cleaned("the") == []
    assert cleaned("orileede") == []
    assert cleaned("kasar") == []
    assert cleaned("jamhuriyar") == []
    assert "" not in cleaned("i-") and "" not in cleaned("l- ")


def test_abbreviations_give_every_reading() -> None:
    readings = cleaned("dem. rep. congo")
    assert readings[0] == "democratic republic congo"
    assert len(readings) == len(set(readings)) <= 8


def test_joined_takes_out_one_gap_at_a_time() -> None:
    assert joined("au stralia") == ["australia"]
    assert joined("kazakh-stan") == ["kazakhstan"]
    assert joined("sierra le one") == ["sierrale one", "sierra leone"]


@pytest.mark.parametrize(
    ("query", "want"),
    [
        ("HONG KONG (RAE)", "country:hk"),
        ("Hong Kong SAR", "country:hk"),
        ("the Kingdom of Bhutan", "country:bt"),
        ("1. Gambia", "country:gm"),
        ("Solomon Is.", "country:sb"),
        ("Central African Rep.", "country:cf"),
        ("Dem. Rep. Congo", "country:cd"),
        ("Eq. Guinea", "country:gq"),
        ("Кокосови о-ви", "country:cc"),
        ("Au stralia", "country:au"),
        ("Зап адна Сахара", "country:eh"),
        ("FilipinlerCumhuriyeti", "country:ph"),
        ("Orílẹ́ède Kòróátíà", "country:hr"),  # older Yoruba lists' "country X"
        ("L  -Ingilterra", "country:gb"),  # Maltese "the", spaced as some lists do
        ("i-Macedonia", "country:mk"),  # Zulu's noun-class prefix
    ],
)
def test_noisy_country_names_resolve(g: Gazetteer, query: str, want: str) -> None:
    assert _country(g, query) == want


def test_a_cleaned_match_says_so(g: Gazetteer) -> None:
    match = g.resolve("HONG KONG (RAE)", kinds="country").expect()
    assert match.id == "country:hk"
    m = g.resolve("HONG KONG (RAE)", kinds="country").match
    assert m is not None and m.note is not None and "not part of a name" in m.note
    assert m.score < 0.97  # a rewritten query scores less than the name as written


def test_cleanup_rule_file_is_checked(tmp_path: Path) -> None:
    data = tmp_path / "_data"
    shutil.copytree(rulefiles.data_dir(), data)
    (data / "cleanup.yaml").write_text("articles: [The]\nabbreviations:\n  'rep. x': [a]\n")
    with pytest.raises(RuleFileError) as error:
        rulefiles.cleanup(data)
    messages = [p.message for p in error.value.problems]
    assert any("not in key form" in m for m in messages)
    assert any("not one word" in m for m in messages)


# -- a whole word weighs more than letters in common --------------------------------


def test_words_align() -> None:
    assert not words_align("republic of korea", "republic of kenya")
    assert not words_align("irlandskaya respublika", "irakskaya respublika")
    assert words_align("republic of kroea", "republic of korea")  # one transposition
    assert words_align("severo atlanticheskiy alyans", "severoatlanticheskiy al'yans")
    assert words_align("filipinlercumhuriyeti", "filipinler cumhuriyeti")


def test_republic_of_korea_is_not_kenya(g: Gazetteer) -> None:
    assert _country(g, "Republic of Korea") == "country:kr"
    assert g.resolve("Republic of Korea").entity is not None
    assert g.resolve("Republic of Korea").expect().id == "country:kr"


def test_an_inverted_alias_is_filed_in_order() -> None:
    assert uninverted("korea, republic of") == ["republic of korea"]
    assert uninverted("congo, the democratic republic of the") == [
        "the democratic republic of the congo",
        "democratic republic of the congo",
    ]
    assert uninverted("kazakhstan") == []


# -- the fuzzy step's candidates ------------------------------------------------------


@given(st.text(alphabet="abcdek ", min_size=1, max_size=12), st.data())
def test_near_forms_are_every_form_the_floor_allows(query: str, data: st.DataObject) -> None:
    """No form that could reach the fuzzy floor, and starts as the query does
    or one typo away from it (the first two letters swapped, the second or
    third left in, the first or second left out), is left out of what
    NearForms hands the scorer; no form that starts otherwise is handed."""
    from rapidfuzz import fuzz

    from gazetteer.scoring import FUZZY_MIN_SIMILARITY

    forms = tuple(
        data.draw(st.lists(st.text(alphabet="abcdek ", min_size=1, max_size=14), max_size=30))
    )
    _, texts = NearForms(forms).around(query)
    for form in forms:
        typo = any(
            mine[:2] == theirs[:2]
            for mine, theirs in (
                (query, form),
                (query[1::-1] + query[2:], form),  # the first two swapped
                (query[:1] + query[2:], form),  # a letter the query has after its first
                (query, form[1:]),  # the form's first letter left out
                (query, form[:1] + form[2:]),  # its second
            )
        )
        if typo and fuzz.ratio(query, form) >= FUZZY_MIN_SIMILARITY:
            assert form in texts
        if not typo:
            assert form not in texts


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aPkistan", "country:pk"),  # the first two letters swapped
        ("Pkaistan", "country:pk"),  # the second and third
        ("akistan", "country:pk"),  # the first left out
        ("Pkistan", "country:pk"),  # the second
        ("yKrgyzstan", "country:kg"),
        ("Krygyzstan", "country:kg"),
    ],
)
def test_a_typo_in_the_first_letters_is_found(g: Gazetteer, query: str, expected: str) -> None:
    found = g.resolve(query, kinds="country")
    assert found.entity is not None and found.entity.id == expected


@pytest.mark.parametrize("word", ["Leading", "Feeling", "компания", "книгата", "Fenster"])
def test_a_first_letter_changed_or_put_in_front_makes_another_word(g: Gazetteer, word: str) -> None:
    # not Reading, Keeling, Кампания, Нигата, Ленстер
    assert g.resolve(word).entity is None


# -- the invariant: noise never turns one country into another ------------------------


@pytest.fixture(scope="module")
def country_keys(g: Gazetteer) -> dict[str, set[str]]:
    """Each key of a country's alias → the countries that have it."""
    owners: dict[str, set[str]] = {}
    for e in g.entities:
        if e.kind is Kind.COUNTRY:
            for a in e.aliases:
                owners.setdefault(a.key, set()).add(e.id)
    return owners


@pytest.fixture(scope="module")
def latin_country_aliases(g: Gazetteer, country_keys: dict[str, set[str]]) -> list[tuple[str, str]]:
    owners = country_keys
    found = []
    for e in g.entities:
        if e.kind is not Kind.COUNTRY:
            continue
        for a in e.aliases:
            latin = all(
                unicodedata.name(ch, "").startswith("LATIN") for ch in a.text if ch.isalpha()
            )
            if latin and sum(ch.isalpha() for ch in a.text) >= 6 and owners[a.key] == {e.id}:
                found.append((a.text, e.id))
    return sorted(found)


def _noisy(text: str, kind: str, at: int) -> str:
    words = [i for i, ch in enumerate(text) if ch.isalpha()]
    i = words[at % len(words)]
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    if kind == "double":
        return text[: i + 1] + text[i] + text[i + 1 :]
    if kind == "transpose" and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == "caps":
        return text.upper()
    if kind == "bracket":
        return f"{text} (SAR)"
    if kind == "junk":
        return f"1. {text} -"
    return text


@settings(max_examples=300, derandomize=True)
@given(
    st.data(),
    st.sampled_from(["drop", "double", "transpose", "caps", "bracket", "junk"]),
    st.integers(min_value=0, max_value=100),
)
def test_noise_never_resolves_to_another_country(
    g: Gazetteer,
    country_keys: dict[str, set[str]],
    latin_country_aliases: list[tuple[str, str]],
    data: st.DataObject,
    kind: str,
    at: int,
) -> None:
    """A noise operation of kind K over any country alias resolves to that
    country, or is ambiguous, or is not found: never another country, but
    one whose name the noise wrote, or came nearer to than to the name it
    started from (Dominika with two letters swapped, Doimnika, is a letter
    from Basaa Dòmnikà, the Dominican Republic: the closer spelling wins)."""
    text, want = data.draw(sampled_from(latin_country_aliases))
    query = _noisy(text, kind, at)
    if country_keys.get(normalize(query), {want}) != {want}:
        return  # the noise wrote another country's name
    r = g.resolve(query, kinds="country")
    if r.status is Status.RESOLVED and r.expect().id != want:
        key, theirs = normalize(query), r.tied[0].alias.key
        assert fuzz.ratio(key, theirs) > fuzz.ratio(key, normalize(text)), (query, want, r)


# -- a name of another kind is no typo ----------------------------------------


@pytest.mark.parametrize("query", ["Sicilia", "Prague"])
def test_a_name_of_another_kind_is_not_a_near_country(g: Gazetteer, query: str) -> None:
    # Sicily and Prague are named exactly; kinds="country" sets them aside,
    # and they are not read as near misses of Seychelles or Paraguay
    assert g.resolve(query).status is Status.RESOLVED
    assert g.resolve(query, kinds="country").status is Status.NOT_FOUND


@pytest.fixture(scope="module")
def not_countries(g: Gazetteer) -> st.SearchStrategy[gazetteer.Entity]:
    """An entity that is no country (the strategy made once, not for each example)."""
    return st.sampled_from([e for e in g.entities if e.kind is not Kind.COUNTRY])


@settings(max_examples=150)
@given(st.data())
def test_a_strong_name_is_never_a_near_miss_of_another_kind(
    g: Gazetteer, not_countries: st.SearchStrategy[gazetteer.Entity], data: st.DataObject
) -> None:
    entity = data.draw(not_countries)
    strong = [a for a in entity.aliases if a.tier is gazetteer.Tier.STRONG]
    assume(strong)
    r = g.resolve(data.draw(st.sampled_from(strong)).text, kinds="country")
    assert not any(m.method.value in ("phonetic", "fuzzy") for m in r.tied), r


# -- a sound-alike does not put out a closer typo -------------------------------


@pytest.mark.parametrize(
    ("query", "rivals"),
    [
        (
            "austraaija",
            {"country:at", "country:au"},
        ),  # sounds like Аустрия, a letter from Аўстралія
        ("Belija", {"country:bz", "country:be"}),  # a name of Belize by sound, Belgija by a letter
        ("Libyan", {"country:lb", "country:ly"}),  # Liban by sound, Libya by a letter
    ],
)
def test_a_typo_competes_with_a_sound_alike(g: Gazetteer, query: str, rivals: set[str]) -> None:
    r = g.resolve(query, kinds="country")
    assert r.status is Status.AMBIGUOUS
    assert {m.entity.id for m in r.tied} == rivals
    assert {m.method.value for m in r.tied} == {"phonetic", "fuzzy"}
