from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gazetteer import Gazetteer, Method, Status, Tier
from gazetteer.model import Alias, Entity, Kind, Match
from gazetteer.normalize import normalize
from gazetteer.scoring import FUZZY_MIN_SIMILARITY, METHOD_SCORE, decide, score
from gazetteer.translit import has_cyrillic, schemes, to_latin

from .conftest import sampled_from

BENCH = Path(__file__).parent.parent / "benchmarks" / "data"


@pytest.mark.parametrize(
    ("query", "entity_id", "method"),
    [
        ("Mirzijojew", "person:shavkat-mirziyoyev", Method.PHONETIC),
        ("Berdymukhamedov", "person:serdar-berdimuhamedov", Method.TRANSLITERATED),
        ("Dzhaparov", "person:sadyr-japarov", Method.TRANSLITERATED),
        ("Toqaev", "person:kassym-jomart-tokayev", Method.TRANSLITERATED),
        ("Nakhichevan", "subdivision:az-nx", Method.EXACT),
        ("Kirghizia", "country:kg", Method.EXACT),
        ("Alijew", "person:ilham-aliyev", Method.PHONETIC),
        ("Kazakhstam", "country:kz", Method.FUZZY),
        ("Aliyev, Ilham", "person:ilham-aliyev", Method.NORMALISED),
        ("Алиев Ильхам Гейдар оглы", "person:ilham-aliyev", Method.NORMALISED),
        ("I. Aliyev", "person:ilham-aliyev", Method.NORMALISED),
    ],
)
def test_variants_resolve_with_their_method(
    g: Gazetteer, query: str, entity_id: str, method: Method
) -> None:
    match = g.resolve(query).match
    assert match is not None, query
    assert (match.entity.id, match.method) == (entity_id, method)


@pytest.mark.parametrize("query", ["NASA", "картофель", "армия", "Respublika"])
def test_near_misses_and_words_resolve_to_nothing(g: Gazetteer, query: str) -> None:
    assert g.resolve(query).status is Status.NOT_FOUND


def test_short_names_never_match_by_edit_distance(g: Gazetteer) -> None:
    assert "organization:nato" not in {m.entity.id for m in g.candidates("NASA", limit=None)}


def test_a_language_hint_narrows_the_romanisations(g: Gazetteer) -> None:
    # Russian romanisations write х as "kh", which meets the alias "Irakli
    # Kobakhidze" as written; Bulgarian ones write "h", which only sounds alike.
    query = "Иракли Кобахидзе"
    russian, bulgarian = g.resolve(query, lang="ru").match, g.resolve(query, lang="bg").match
    assert russian is not None and russian.method is Method.TRANSLITERATED
    assert bulgarian is not None and bulgarian.method is not Method.TRANSLITERATED
    assert russian.entity.id == bulgarian.entity.id == "person:irakli-kobakhidze"
    match = g.resolve("Тръмп", lang="bg").match
    assert match is not None and match.entity.id == "person:donald-trump"


def test_candidates_list_the_near_misses(g: Gazetteer) -> None:
    found = g.candidates("Aliev", limit=5)
    assert found[0].entity.id == "person:ilham-aliyev"
    assert len(found) > 1
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


# -- scores --------------------------------------------------------------------

# The methods of resolution, surest first (INFLECTED belongs to tagging).
_METHODS = [Method.EXACT, Method.NORMALISED, Method.TRANSLITERATED, Method.PHONETIC, Method.FUZZY]


@given(
    st.sampled_from(_METHODS),
    st.sampled_from(_METHODS),
    st.sampled_from(Tier),
    st.sampled_from(Tier),
    st.floats(0, 100),
    st.floats(0, 100),
    st.booleans(),
    st.booleans(),
)
def test_scores_lie_in_0_1_and_follow_the_method_order(
    a: Method, b: Method, ta: Tier, tb: Tier, sa: float, sb: float, ra: bool, rb: bool
) -> None:
    first, second = score(a, ta, sa, ra), score(b, tb, sb, rb)
    assert 0.0 <= first <= 1.0 and 0.0 <= second <= 1.0
    order = {m: i for i, m in enumerate(_METHODS)}
    if order[a] < order[b] and {a, b} != {Method.EXACT, Method.NORMALISED}:
        assert first > second


def test_an_exact_match_outranks_a_fuzzy_one() -> None:
    alias = Alias("Test", "en")
    one, two = Entity("other:a", Kind.OTHER, "A", (alias,)), Entity("other:b", Kind.OTHER, "B")
    exact = Match(one, alias, Method.EXACT, score(Method.EXACT, Tier.WEAK), "test")
    fuzzy = Match(two, alias, Method.FUZZY, score(Method.FUZZY, Tier.STRONG, 100.0), "test")
    resolution = decide("Test", [fuzzy, exact])
    assert resolution.entity == one
    assert resolution.candidates[0] is exact
    assert METHOD_SCORE[Method.FUZZY][1] < METHOD_SCORE[Method.PHONETIC][0]


# -- properties over the bundled data ----------------------------------------------


@pytest.fixture(scope="module")
def cyrillic_aliases(g: Gazetteer) -> list[tuple[str, Alias]]:
    # not ISO's subdivisions, nor the cities named as they are (their names
    # are the same pycountry translations: data/aliases/generated/region_cities.yaml)
    return [
        (entity.id, alias)
        for entity in g.entities
        if not entity.id.startswith("subdivision:")
        and not entity.id.removeprefix("city:").isdigit()
        for alias in entity.aliases
        if alias.tier is Tier.STRONG and has_cyrillic(alias.text) and schemes(alias.lang)
    ]


@given(data=st.data())
def test_every_convention_of_a_cyrillic_alias_finds_its_entity(
    g: Gazetteer, cyrillic_aliases: list[tuple[str, Alias]], data: st.DataObject
) -> None:
    entity_id, alias = data.draw(sampled_from(cyrillic_aliases))
    scheme = data.draw(st.sampled_from(schemes(alias.lang)))
    latin = to_latin(alias.text, scheme)
    found = g.candidates(latin, limit=None)
    # A romanisation that is itself another entity's name ("Buhara", the
    # Turkish name of the Bukhara region, is also Бухара in ISO 9) rightly
    # resolves to that entity.
    taken = any(
        m.method in (Method.EXACT, Method.NORMALISED) and m.alias.tier is Tier.STRONG for m in found
    )
    assert entity_id in {m.entity.id for m in found} or taken, (alias, scheme.code, latin)


@pytest.fixture(scope="module")
def long_latin_aliases(g: Gazetteer) -> list[tuple[str, str]]:
    return [
        (entity.id, alias.key)
        for entity in g.entities
        if not entity.id.startswith("subdivision:")
        for alias in entity.aliases
        if alias.tier is Tier.STRONG
        and len(alias.key) >= 10
        and alias.key.isascii()
        and alias.key.replace(" ", "").isalpha()
    ]


@given(data=st.data())
def test_a_random_edit_to_a_long_alias_still_finds_it(
    g: Gazetteer, long_latin_aliases: list[tuple[str, str]], data: st.DataObject
) -> None:
    entity_id, key = data.draw(sampled_from(long_latin_aliases))
    at = data.draw(st.integers(2, len(key) - 1).filter(lambda i: " " not in key[i - 1 : i + 1]))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    edit = data.draw(st.sampled_from(["replace", "delete", "insert"]))
    if edit == "replace":
        noisy = key[:at] + letter + key[at + 1 :]
    elif edit == "delete":
        noisy = key[:at] + key[at + 1 :]
    else:
        noisy = key[:at] + letter + key[at:]
    assume(normalize(noisy) != key)
    found = g.candidates(noisy, limit=10)
    # an edit that wrote another name as it is written is no typo ("san
    # marin", San Marino's name in a language, from San Martin)
    assume(not any(m.method in (Method.EXACT, Method.NORMALISED) for m in found))
    assert entity_id in [m.entity.id for m in found], (key, noisy)


@given(st.text(max_size=40))
def test_random_text_resolves_confidently_or_not_at_all(g: Gazetteer, text: str) -> None:
    resolution = g.resolve(text)
    floor = score(Method.FUZZY, Tier.WEAK, FUZZY_MIN_SIMILARITY, rewritten=True)
    assert all(m.score >= floor for m in resolution.tied)
    assert all(0.0 <= m.score <= 1.0 for m in resolution.candidates)


# -- the development set is honest -------------------------------------------------


def _lines(name: str) -> list[str]:
    text = (BENCH / name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _development_set() -> tuple[list[tuple[str, str]], list[str]]:
    rows = [(query, want) for query, want in (line.split("\t") for line in _lines("variants.tsv"))]
    return rows, _lines("negatives.txt")


def test_no_development_string_is_an_alias(g: Gazetteer) -> None:
    texts = {alias.text for entity in g.entities for alias in entity.aliases}
    rows, negatives = _development_set()
    variants = [query for query, _ in rows]
    assert len(variants) >= 300 and len(negatives) >= 100
    assert sorted(set(variants) & texts) == []
    assert sorted(set(negatives) & texts) == []


def test_development_set_targets(g: Gazetteer) -> None:
    """The accuracy and false-positive targets (speed is the benchmark's business)."""
    rows, negatives = _development_set()
    hits = sum(
        (entity := g.resolve(query).entity) is not None and entity.id == want
        for query, want in rows
    )
    false = sum(g.resolve(query).status is not Status.NOT_FOUND for query in negatives)
    assert hits / len(rows) >= 0.95
    assert false / len(negatives) <= 0.02


@pytest.mark.parametrize("query", ["Recht", "Vote", "kaya", "Halle", "Rise"])
def test_a_short_latin_word_is_no_romanised_place(g: Gazetteer, query: str) -> None:
    # under six letters, a Latin word meets no city's or subdivision's name
    # written in another script (Решт, Вотье, Кая, Галле, Ризе) ...
    assert g.resolve(query).status is Status.NOT_FOUND
    # ... though candidates() lists them, as for any short romanised word
    assert any(m.entity.kind in (Kind.CITY, Kind.SUBDIVISION) for m in g.candidates(query))


def test_a_short_latin_word_still_reads_a_countrys_name(g: Gazetteer) -> None:
    assert g.resolve("Kitay").expect().id == "country:cn"  # Китай, romanised
