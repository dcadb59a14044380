from __future__ import annotations

import pickle
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gazetteer
from gazetteer import Alias, Gazetteer, Kind, Method, Status, Tier

from .conftest import ACCEPTANCE_LOOKUPS, CITY_OR_REGION, DATA, WORLD, sampled_from


@pytest.mark.parametrize(
    ("query", "entity_id"),
    [
        *ACCEPTANCE_LOOKUPS,
        ("Naxcivan", "subdivision:az-nx"),
        ("КЫРГЫЗСТАН", "country:kg"),
        ("Kirghizia", "country:kg"),
        ("Туркмения", "country:tm"),
        ("Кыргыз Республикасы", "country:kg"),
        ("Қазақстан", "country:kz"),
        ("Azərbaycan", "country:az"),
        ("azerbaycan", "country:az"),
        ("Türkiye", "country:tr"),
        ("TÜRKİYE", "country:tr"),
        ("Баку", "city:baku"),
        ("Bakı", "city:baku"),
        ("  НАТО ", "organization:nato"),
    ],
)
def test_resolves(g: Gazetteer, query: str, entity_id: str) -> None:
    resolution = g.resolve(query)
    assert resolution.status is Status.RESOLVED, resolution
    assert resolution.entity is not None
    assert resolution.entity.id == entity_id


@pytest.mark.parametrize(("query", "entity_id"), CITY_OR_REGION)
def test_a_bare_city_name_is_the_city(g: Gazetteer, query: str, entity_id: str) -> None:
    resolution = g.resolve(query)
    assert resolution.entity is not None, (query, resolution.tied)
    assert resolution.entity.id == entity_id


def test_new_york_is_ambiguous(g: Gazetteer) -> None:
    for query in ("New York", "Нью-Йорк"):
        tied = {m.entity.id for m in g.resolve(query).tied}
        assert tied == {"city:new-york", "subdivision:us-ny"}, query


def _seed_entities() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "seed_entities.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            surface, entity_id = line.split("\t")
            rows.append((surface, entity_id))
    return rows


@pytest.mark.parametrize(("surface", "entity_id"), _seed_entities())
def test_every_entity_of_the_sample_articles_resolves(
    g: Gazetteer, surface: str, entity_id: str
) -> None:
    resolution = g.resolve(surface)
    assert resolution.entity is not None, (surface, resolution.status, resolution.tied)
    assert resolution.entity.id == entity_id


def test_method_and_score_say_how_it_matched(g: Gazetteer) -> None:
    exact = g.resolve("Нахичевань").match
    folded = g.resolve("НАХИЧЕВАНЬ").match
    assert exact is not None and folded is not None
    assert exact.method is Method.EXACT and exact.score == 1.0
    assert folded.method is Method.NORMALISED and 0 < folded.score < exact.score
    assert "Нахичевань" in folded.explanation


def test_weak_alias_resolves_alone_but_ranks_below_strong(g: Gazetteer) -> None:
    match = g.resolve("Трамп").match
    assert match is not None
    assert match.alias.tier is Tier.WEAK
    assert match.score < 1.0


def test_a_weak_name_as_written_ends_the_search(g: Gazetteer) -> None:
    # the later steps could not outrank it: resolve skips them, candidates does not
    assert [m.entity.id for m in g.resolve("Британия").candidates] == ["country:gb"]
    assert "subdivision:fr-bre" in {m.entity.id for m in g.candidates("Британия")}


def test_a_strong_name_found_by_rewriting_outranks_a_weak_one_as_written(
    tmp_path: Path,
) -> None:
    (tmp_path / "names.yaml").write_text(
        "- id: person:petr-ivanov\n"
        "  name: Petr Ivanov\n"
        "  names: {ru: [Пётр Иванов]}\n"
        "- id: organization:ivanov-petr\n"
        "  name: Ivanov Petr Trading\n"
        "  weak: {ru: [Иванов Пётр]}\n",
        encoding="utf-8",
    )
    resolution = gazetteer.load(paths=[tmp_path], bundled=False).resolve("Иванов Пётр")
    assert resolution.match is not None
    assert resolution.match.entity.id == "person:petr-ivanov"
    assert resolution.match.note == "reordered"
    assert "organization:ivanov-petr" in {m.entity.id for m in resolution.candidates}


def test_equal_matches_are_ambiguous_never_guessed(g: Gazetteer) -> None:
    resolution = g.resolve("Georgia")
    assert resolution.status is Status.AMBIGUOUS
    assert resolution.entity is None and resolution.match is None
    assert {m.entity.id for m in resolution.tied} == {"country:ge", "subdivision:us-ga"}


def test_kinds_narrow_an_ambiguous_name(g: Gazetteer) -> None:
    resolution = g.resolve("Georgia", kinds="country")
    assert resolution.entity is not None and resolution.entity.id == "country:ge"
    with pytest.raises(gazetteer.UnknownKindError):
        g.resolve("Georgia", kinds=["planet"])


@pytest.mark.parametrize("call", ["resolve", "country", "candidates", "resolve_all"])
def test_min_score_is_a_score(world: Gazetteer, call: str) -> None:
    ask = getattr(world, call)
    query: object = ["Baku"] if call == "resolve_all" else "Baku"
    import numpy as np

    for floor in (0, 0.5, 1, np.float32(0.5), np.int64(1)):  # a score's range, ends included
        ask(query, min_score=floor)
    for floor in (-0.1, 1.5, float("nan"), float("inf")):
        with pytest.raises(gazetteer.InvalidArgumentError, match="min_score must be from 0 to 1"):
            ask(query, min_score=floor)
    for wrong in ("0.5", None, True):
        with pytest.raises(TypeError, match="min_score must be a number"):
            ask(query, min_score=wrong)


def test_a_query_must_be_text(g: Gazetteer) -> None:
    with pytest.raises(TypeError, match="query must be a str"):
        g.resolve(None)  # type: ignore[arg-type]


def test_not_found(g: Gazetteer) -> None:
    for query in ("картофель", "", "   ", "zzzz qqqq"):
        resolution = g.resolve(query)
        assert resolution.status is Status.NOT_FOUND
        assert resolution.entity is None and resolution.candidates == ()


def test_min_score_drops_weak_matches(g: Gazetteer) -> None:
    assert g.resolve("Трамп", min_score=0.99).status is Status.NOT_FOUND


def test_candidates_are_ranked_and_limited(g: Gazetteer) -> None:
    found = g.candidates("Алиев", limit=5)
    assert found and found[0].entity.id == "person:ilham-aliyev"
    assert len(g.candidates("Georgia", limit=1)) == 1
    scores = [m.score for m in g.candidates("Georgia")]
    assert scores == sorted(scores, reverse=True)


def test_deny_list_keeps_a_wrong_translation_out(g: Gazetteer) -> None:
    assert "subdivision:us-ga" not in {m.entity.id for m in g.candidates("Грузия")}
    assert "country:my" not in {m.entity.id for m in g.candidates("Mexico")}


def test_entities_and_names(g: Gazetteer) -> None:
    kz = g.get("country:kz")
    assert kz is not None
    assert "Казахстан" in kz.names["ru"]
    assert kz.codes["iso3"] == "KAZ"
    assert g.get("country:nowhere") is None
    with pytest.raises(gazetteer.UnknownEntityError):
        g["country:nowhere"]
    assert g["subdivision:az-nx"].parent == "country:az"
    assert g["person:ilham-aliyev"].country == "country:az"
    assert "country:kz" in g and len(g) == len(list(g)) > 5000


def test_resolve_all_equals_resolve(g: Gazetteer) -> None:
    queries = ["Трамп", "Georgia", "картофель", "Баку"]
    assert g.resolve_all(queries) == [g.resolve(q) for q in queries]


_ACRONYMS = """
- id: organization:cis
  name: Commonwealth of Independent States
  names:
    ru: [СНГ, Содружество Независимых Государств]
- id: organization:eu
  name: European Union
  names:
    ru: [ЕС, Европейский союз]
"""


@pytest.fixture(scope="module")
def acronyms(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The fixture world and two bodies whose acronyms only Cyrillic writes."""
    path = tmp_path_factory.mktemp("acronyms") / "bodies.yaml"
    path.write_text(_ACRONYMS, encoding="utf-8")
    return gazetteer.load([WORLD, path], bundled=False)


_WRITTEN = ["SNG", "ES", "NATO", "Grusia", "Kirgizia", "Bakou", "Trump", "Azerbajdzhan", "Tramp"]
_CASES = [str, str.lower, str.upper, str.title]


@given(
    st.lists(
        st.tuples(
            sampled_from(_WRITTEN),
            sampled_from(_CASES),
            sampled_from([None, frozenset({Kind.COUNTRY}), frozenset({Kind.ORGANIZATION})]),
        ),
        max_size=6,
    )
)
def test_a_shared_memo_answers_as_each_query_alone(
    acronyms: Gazetteer, calls: list[tuple[str, Any, frozenset[Kind] | None]]
) -> None:
    # resolve_all and each country() call share the later steps' matches
    # between queries and kinds: a query answers as it does alone, whatever
    # was asked before it (SNG in capitals is the acronym СНГ; sng is not)
    memo: dict[Any, Any] = {}
    for text, case, kinds in calls:
        query = case(text)
        shared = acronyms._resolve(query, kinds, None, 0.0, False, memo)
        assert shared == acronyms.resolve(query, kinds=kinds)


def test_an_acronym_in_capitals_reads_more_than_the_word(acronyms: Gazetteer) -> None:
    assert acronyms.resolve_all(["sng", "SNG"]) == [
        acronyms.resolve("sng"),
        acronyms.resolve("SNG"),
    ]
    assert acronyms.resolve("SNG").expect().id == "organization:cis"
    assert acronyms.resolve("sng").status is Status.NOT_FOUND


def test_gazetteer_is_immutable_and_pickles(g: Gazetteer) -> None:
    with pytest.raises(AttributeError):
        g.anything = 1
    copy = pickle.loads(pickle.dumps(g))
    assert copy.resolve("Тръмп") == g.resolve("Тръмп")
    assert len(copy) == len(g)


def test_a_pickle_carries_the_indexes_already_made(
    g: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    g.prepare()
    shipped = pickle.dumps(g)

    def never(*args: object) -> None:
        raise AssertionError("a worker made an index again")

    monkeypatch.setattr("gazetteer.resolver.build_word_index", never)
    monkeypatch.setattr("gazetteer.matching.build_cross_index", never)
    monkeypatch.setattr("gazetteer.cache.read_cross_index", never)
    monkeypatch.setattr("gazetteer.resolver._written_countries", never)
    monkeypatch.setattr("gazetteer.resolver._country_names", never)
    copy = pickle.loads(shipped)
    text = "Встреча Дональда Трампа с Ильхамом Алиевым прошла в Баку."
    assert copy.tag(text) == g.tag(text)
    assert copy.resolve("Mirzijojew") == g.resolve("Mirzijojew")
    assert copy.country("कैनाडा") == g.country("कैनाडा")  # a near miss (its table)
    # a form of state dropped that tells two states apart (every country's names)
    assert copy.country("Democratic Congo") == g.country("Democratic Congo")


def test_threads_share_one_gazetteer(g: Gazetteer) -> None:
    queries = ["Трамп", "Georgia", "Баку", "Kirghizia", "Нахичевань"] * 40
    expected = [g.resolve(q) for q in queries]
    results: list[list[object]] = []

    def work() -> None:
        results.append([g.resolve(q) for q in queries])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


# -- properties ---------------------------------------------------------------


def test_every_alias_resolves_to_its_entity(g: Gazetteer) -> None:
    """Each alias resolves to its entity, or is ambiguous with it among the tied."""
    # the aliases of each text, so that a text many entities or languages
    # share is resolved once (resolve answers a text alike every time)
    owners: dict[str, list[tuple[str, Tier]]] = {}
    for entity in g.entities:
        denied = {gazetteer.normalize(text) for text in entity.deny}
        for alias in entity.aliases:
            if alias.key not in denied:
                owners.setdefault(alias.text, []).append((entity.id, alias.tier))
    failures = []
    for text, aliases in owners.items():
        resolution = g.resolve(text)
        ids = {m.entity.id for m in resolution.tied}
        # A weak alias may lose, but only to a strong alias of another entity.
        strong_won = bool(resolution.tied) and all(
            m.alias.tier is Tier.STRONG for m in resolution.tied
        )
        for entity_id, tier in aliases:
            weak_lost = tier is Tier.WEAK and strong_won
            if entity_id not in ids and not weak_lost:
                failures.append((entity_id, text, resolution.status))
    assert failures == []


@pytest.fixture(scope="module")
def aliases(g: Gazetteer) -> list[tuple[str, str]]:
    return [
        (entity.id, alias.text)
        for entity in g.entities
        for alias in entity.aliases
        if alias.tier is Tier.STRONG
    ]


@given(data=st.data())
def test_case_and_space_noise_finds_the_same_entities(
    g: Gazetteer, aliases: list[tuple[str, str]], data: st.DataObject
) -> None:
    _, text = data.draw(sampled_from(aliases))
    noise = data.draw(st.sampled_from([str.upper, str.lower, str.casefold, lambda s: f"  {s}\t"]))
    plain = {m.entity.id for m in g.candidates(text, limit=None)}
    noisy = {m.entity.id for m in g.candidates(noise(text), limit=None)}
    assert noisy == plain


@given(st.text())
def test_arbitrary_unicode_never_raises(g: Gazetteer, text: str) -> None:
    resolution = g.resolve(text)
    # the answer is consistent with itself, whatever the text
    assert resolution.query == text
    assert (resolution.entity is not None) == (resolution.status is Status.RESOLVED)
    assert len(resolution.tied) == {Status.RESOLVED: 1, Status.NOT_FOUND: 0}.get(
        resolution.status, len(resolution.tied)
    )
    assert resolution.status is not Status.AMBIGUOUS or len(resolution.tied) >= 2
    assert all(0.0 <= m.score <= 1.0 for m in resolution.candidates)


def test_user_files_extend_the_bundled_data(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(
        "- id: person:ilham-aliyev\n  names:\n    de: [Ilham Alijew]\n"
        "- id: city:ganja-new\n  name: New Ganja Test\n  country: country:az\n",
        encoding="utf-8",
    )
    g2 = gazetteer.load(paths=[tmp_path])
    entity = g2.resolve("Ilham Alijew").entity
    assert entity is not None and entity.id == "person:ilham-aliyev"
    assert "Ilham Alijew" in g2["person:ilham-aliyev"].names["de"]
    assert g2.resolve("new ganja test").entity is not None


@pytest.mark.parametrize("name", ["Georgien", "Géorgie", "Люксембург"])
def test_a_translation_that_took_a_countrys_name_gives_way_to_the_country(
    g: Gazetteer, name: str
) -> None:
    # the subdivision's translated name is weak; its own names ("Georgia") still tie
    assert g.resolve(name).expect().kind is Kind.COUNTRY
    assert len({m.entity.kind for m in g.candidates(name)}) > 1


def test_no_translated_subdivision_name_ties_with_a_country(g: Gazetteer) -> None:
    """In one language: a country's strong name there (or, in Latin letters,
    its English or undetermined one) is never a subdivision's translated
    strong name there. Across languages it may be: Bulgarian Англия
    (England) is Russian for the United Kingdom."""
    countries = {
        (alias.key, alias.lang.split("-")[0])
        for entity in g.entities
        if entity.kind is Kind.COUNTRY
        for alias in entity.aliases
        if alias.tier is Tier.STRONG
    }

    def clash(alias: Alias) -> bool:
        langs = {alias.lang.split("-")[0]} | ({"en", "und"} if alias.key.isascii() else set())
        return any((alias.key, lang) in countries for lang in langs)

    clashes = [
        (entity.id, alias.text, alias.lang)
        for entity in g.entities
        if entity.kind is Kind.SUBDIVISION
        for alias in entity.aliases
        if alias.tier is Tier.STRONG and alias.lang not in ("en", "und") and clash(alias)
    ]
    assert clashes == []
    england = g["subdivision:gb-eng"]
    assert {a.lang: a.tier for a in england.aliases if a.key == "англия"}["bg"] is Tier.STRONG


@pytest.mark.parametrize("lang", [5, b"en", ["ru"]])
def test_a_language_that_is_no_string_is_a_type_error(g: Gazetteer, lang: Any) -> None:
    for call in (g.resolve, g.country, g.candidates, g.tag):
        with pytest.raises(TypeError, match="lang must be a str"):
            call("Kenya", lang=lang)
