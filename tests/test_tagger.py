from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer import Gazetteer, Method, Tier
from gazetteer.cli import main
from gazetteer.normalize import normalize
from gazetteer.tokens import fold
from gazetteer.translit import has_cyrillic

from .conftest import sampled_from

SEEDS = Path(__file__).parent.parent.parent / "shared" / "seeds"


def _found(g: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    return [(m.surface, m.entity.id if m.entity else None) for m in g.tag(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Russian: cases of persons, countries, multi-word names
        (
            "Встреча Дональда Трампа с Ильхамом Алиевым прошла в Баку.",
            [
                ("Дональда Трампа", "person:donald-trump"),
                ("Ильхамом Алиевым", "person:ilham-aliyev"),
                ("Баку", "city:baku"),
            ],
        ),
        (
            "Премьер говорил с Николом Пашиняном о Нахичевани и Азербайджане.",
            [
                ("Николом Пашиняном", "person:nikol-pashinyan"),
                ("Нахичевани", "subdivision:az-nx"),
                ("Азербайджане", "country:az"),
            ],
        ),
        (
            "Поставки в Казахстан и Кыргызстан выросли, а Россией недовольны.",
            [("Казахстан", "country:kz"), ("Кыргызстан", "country:kg"), ("Россией", "country:ru")],
        ),
        (
            "Касым-Жомарт Токаев прилетел в Ташкент.",
            [("Касым-Жомарт Токаев", "person:kassym-jomart-tokayev"), ("Ташкент", "city:tashkent")],
        ),
        # Bulgarian: definite articles
        (
            "Азербайджанът и Белия дом подписаха споразумение.",
            [("Азербайджанът", "country:az"), ("Белия дом", "organization:white-house")],
        ),
        # Ukrainian
        (
            "Президент Казахстану зустрівся з Алієвим у Баку.",
            [
                ("Казахстану", "country:kz"),
                ("Алієвим", "person:ilham-aliyev"),
                ("Баку", "city:baku"),
            ],
        ),
        # Kazakh, Azerbaijani, Turkish suffixes
        ("Қазақстанда сайлау өтті.", [("Қазақстанда", "country:kz")]),
        ("Prezident Bakıda çıxış etdi.", [("Bakıda", "city:baku")]),
        ("Türkiye'nin dış politikası değişti.", [("Türkiye", "country:tr")]),
        # English
        (
            "NATO and the EU met in Brussels.",
            [
                ("NATO", "organization:nato"),
                ("EU", "organization:eu"),
                ("Brussels", "city:brussels"),
            ],
        ),
    ],
)
def test_examples(g: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(g, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Мы живём ради мира во всём мире.",  # мира: peace, not the name
        "Вера и надежда помогают.",
        "I had turkey for dinner.",
        "Так вот, об этом позже.",
        "нато и ес написаны строчными буквами",  # names must be capitalised
    ],
)
def test_ordinary_words_are_not_names(g: Gazetteer, text: str) -> None:
    assert g.tag(text) == []


def test_lowercase_text_on_request(g: Gazetteer) -> None:
    found = g.tag("встреча в баку и ташкенте", lowercase=True)
    assert [m.entity.id for m in found if m.entity] == ["city:baku", "city:tashkent"]


def test_methods_and_kinds(g: Gazetteer) -> None:
    found = g.tag("Трампа встретили в Баку.")
    assert [m.method for m in found] == [Method.INFLECTED, Method.EXACT]
    assert [m.surface for m in g.tag("Трампа встретили в Баку.", kinds="city")] == ["Баку"]


def test_a_full_name_is_one_mention(g: Gazetteer) -> None:
    [mention] = g.tag("Касым-Жомарт Токаев")
    assert mention.surface == "Касым-Жомарт Токаев"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the sample articles are not beside the repo")
def test_sample_article_002(g: Gazetteer) -> None:
    text = (SEEDS / "002_94b16e0b1669fb3b.txt").read_text("utf-8")
    ids = {m.entity.id for m in g.tag(text) if m.entity}
    assert {
        "person:jd-vance",
        "person:ilham-aliyev",
        "city:baku",
        "country:az",
        "country:am",
        "subdivision:az-nx",
        "other:tripp",
        "person:donald-trump",
        "person:nikol-pashinyan",
        "city:yerevan",
        "country:ru",
        "country:ir",
    } <= ids


def test_cli_tag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_text("Встреча Дональда Трампа в Баку.", encoding="utf-8")
    assert main(["tag", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == [
        "8",
        "23",
        "Дональда Трампа",
        "person:donald-trump",
        "inflected",
    ]
    assert main(["tag", "--json", str(path)]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["entity"]["id"] == "person:donald-trump" and first["start"] == 8
    assert main(["tag", str(tmp_path / "missing.txt")]) == 2


# -- properties ------------------------------------------------------------------


@given(st.text())
def test_spans_slice_the_text_and_never_overlap(g: Gazetteer, text: str) -> None:
    found = g.tag(text)
    for mention in found:
        assert text[mention.start : mention.end] == mention.surface
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=80))
def test_arbitrary_unicode_never_raises(g: Gazetteer, text: str) -> None:
    g.tag(text)
    g.tag(text, lowercase=True)


@pytest.fixture(scope="module")
def plain_names(g: Gazetteer) -> list[tuple[str, str]]:
    """Strong one-word, capitalised names of curated entities, as written (not
    of ISO's, nor of the GeoNames cities regions are named after: "Mária",
    Hungarian for the Turkmen city of Mary, is a given name first)."""
    return [
        (entity.id, alias.text)
        for entity in g.entities
        if not entity.id.startswith(("subdivision:", "country:"))
        and not entity.id.removeprefix("city:").isdigit()
        for alias in entity.aliases
        if alias.tier is Tier.STRONG
        and alias.text.isalpha()
        and alias.text.istitle()
        and alias.text[0].isupper()  # (ʻAtenisi: see docs/tagging.md)
        and len(alias.text) >= 4
    ]


_FILLER = st.lists(st.sampled_from(["и", "в", "затем", "and", "the", "ещё", "—", ","]), max_size=4)


@given(data=st.data())
def test_an_inserted_name_is_found(
    g: Gazetteer, plain_names: list[tuple[str, str]], data: st.DataObject
) -> None:
    entity_id, name = data.draw(sampled_from(plain_names))
    before, after = " ".join(data.draw(_FILLER)), " ".join(data.draw(_FILLER))
    text = f"{before} {name} {after}"
    start = len(before) + 1
    found = [m for m in g.tag(text) if m.start == start]
    assert found and entity_id in {e.id for e in found[0].candidates}, (text, entity_id)


@pytest.fixture(scope="module")
def cyrillic_titles(g: Gazetteer) -> list[tuple[str, str]]:
    """Strong names of curated entities of two or more Cyrillic words, each
    capitalised (Європейський Союз)."""
    return [
        (entity.id, alias.text)
        for entity in g.entities
        if not entity.id.startswith(("subdivision:", "country:"))
        for alias in entity.aliases
        if alias.tier is Tier.STRONG
        and len(words := alias.text.split()) >= 2
        and all(w.isalpha() and w.istitle() and has_cyrillic(w) for w in words)
    ]


@given(data=st.data())
def test_a_cyrillic_names_later_words_may_be_in_lower_case(
    g: Gazetteer, cyrillic_titles: list[tuple[str, str]], data: st.DataObject
) -> None:
    """Russian, Ukrainian and Bulgarian capitalise a name's first word only:
    Європейський союз is Європейський Союз."""
    entity_id, name = data.draw(sampled_from(cyrillic_titles))
    first, *rest = name.split()
    text = f"и {' '.join([first, *(w.lower() for w in rest)])} и"
    found = [m for m in g.tag(text) if m.start == 2 and m.end == len(text) - 2]
    assert found and entity_id in {e.id for e in found[0].candidates}, (text, entity_id)


def test_a_latin_names_later_words_keep_their_capitals(g: Gazetteer) -> None:
    assert _found(g, "Orange walk and Port said") == []
    assert _found(g, "вийшла з Європейського союзу") == [("Європейського союзу", "organization:eu")]


@given(data=st.data())
def test_an_inflected_name_is_found(g: Gazetteer, data: st.DataObject) -> None:
    from gazetteer.forms import rules

    name, entity_id = data.draw(
        st.sampled_from(
            [
                ("Казахстан", "country:kz"),
                ("Трамп", "person:donald-trump"),
                ("Армения", "country:am"),
                ("Алиев", "person:ilham-aliyev"),
                ("Азербайджан", "country:az"),
                ("Пашинян", "person:nikol-pashinyan"),
            ]
        )
    )
    form = data.draw(st.sampled_from(rules()["ru"].inflect(normalize(name))))
    text = f"Сегодня {form.capitalize()} снова в новостях."
    found = g.tag(text)
    assert [m.entity.id for m in found if m.entity] == [entity_id], (text, found)


def test_adjectives_only_on_request(g: Gazetteer) -> None:
    text = "Азербайджанската армия посрещна американския министър."
    assert g.tag(text) == []
    found = g.tag(text, adjectives=True)
    assert [(m.surface, m.entity.id if m.entity else None, m.demonym) for m in found] == [
        ("Азербайджанската", "country:az", True),
        ("американския", "country:us", True),
    ]


def test_nouns_for_a_people_point_to_the_country(g: Gazetteer) -> None:
    text = "Според азерите, азербайджанците и британците са единни; українці та американцы теж."
    assert g.tag(text) == [] and g.tag(text, adjectives=True) == []
    found = [
        (m.surface, m.entity.id if m.entity else None, m.demonym)
        for m in g.tag(text, demonyms=True)
    ]
    assert found == [
        ("азерите", "country:az", True),
        ("азербайджанците", "country:az", True),
        ("британците", "country:gb", True),
        ("українці", "country:ua", True),
        ("американцы", "country:us", True),
    ]


def test_a_noun_stem_does_not_take_the_adjective(g: Gazetteer) -> None:
    # француз + ский is one letter more than a noun's ending may be
    assert g.tag("французский посол и французы", demonyms=True)[0].surface == "французы"


def test_lang_accepts_only_that_languages_inflections(g: Gazetteer) -> None:
    # Трампом is Russian (instrumental), Азербайджанът Bulgarian (the article)
    assert [m.surface for m in g.tag("Трампом и Азербайджанът", lang="ru")] == ["Трампом"]
    assert [m.surface for m in g.tag("Трампом и Азербайджанът", lang="bg")] == ["Азербайджанът"]
    assert len(g.tag("Трампом и Азербайджанът")) == 2


def test_development_corpus_targets(g: Gazetteer) -> None:
    """F1 and precision on benchmarks/data/tagging.txt (speed is the benchmark's)."""
    import re

    marked = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
    corpus = Path(__file__).parent.parent / "benchmarks" / "data" / "tagging.txt"
    tp = fp = fn = 0
    texts = 0
    for line in corpus.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        texts += 1
        body = line.split("\t", 1)[1]
        gold, plain, at = set(), "", 0
        for m in marked.finditer(body):
            plain += body[at : m.start()]
            gold.add((len(plain), len(plain) + len(m.group(1)), m.group(2)))
            plain += m.group(1)
            at = m.end()
        plain += body[at:]
        found = {(m.start, m.end, m.entity.id if m.entity else "?") for m in g.tag(plain)}
        tp, fp, fn = tp + len(found & gold), fp + len(found - gold), fn + len(gold - found)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert texts >= 60
    assert precision >= 0.97
    assert 2 * precision * recall / (precision + recall) >= 0.95


@given(st.text())
def test_folding_works_one_character_at_a_time(text: str) -> None:
    # Offsets into the folded text are offsets into the original: folding the
    # whole text is folding each character on its own (İ and ё included).
    assert fold(text) == "".join(fold(ch) for ch in text)


@pytest.mark.parametrize(
    ("text", "expected"), [("İstanbul", "istanbul"), ("Ёлка", "елка"), ("Bakı’da", "baki'da")]
)
def test_folding_examples(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_a_quoted_name_takes_its_closing_quote(g: Gazetteer) -> None:
    text = "Депутаты Партии зеленых «Байтак» выступили против."
    (mention,) = g.tag(text)
    assert mention.surface == "Партии зеленых «Байтак»"
    assert text[mention.start : mention.end] == mention.surface


def test_a_plural_name_is_found_in_its_cases(g: Gazetteer) -> None:
    found = _found(g, "Страны присоединились к Авраамским соглашениям.")
    assert [surface for surface, _ in found] == ["Авраамским соглашениям"]


def test_adjectives_fall_in_order_among_names(g: Gazetteer) -> None:
    text = "Трамп посети азербайджанската столица Баку и Ереван."
    found = [(m.surface, m.demonym) for m in g.tag(text, adjectives=True)]
    assert found == [
        ("Трамп", False),
        ("азербайджанската", True),
        ("Баку", False),
        ("Ереван", False),
    ]


# -- the Mentions sequence ----------------------------------------------------------

_NAMES_AND_FILLER = st.sampled_from(
    ["Трампа", "и", "Баку", "Казахстан", "в", "Ильхамом Алиевым", ".", "«Байтак»", "Georgia"]
)


@given(
    words=st.lists(_NAMES_AND_FILLER, max_size=14),
    start=st.integers(-16, 16) | st.none(),
    stop=st.integers(-16, 16) | st.none(),
    step=st.sampled_from([None, 1, 2, 3, -1, -2]),
)
def test_mentions_index_slice_and_iterate_alike(
    g: Gazetteer, words: list[str], start: int | None, stop: int | None, step: int | None
) -> None:
    found = g.tag(" ".join(words))
    listed = list(found)
    assert len(found) == len(listed)
    assert [found[i] for i in range(len(found))] == listed
    assert [found[i] for i in range(-len(found), 0)] == listed
    part = found[start:stop:step]
    assert list(part) == listed[start:stop:step]
    assert len(part) == len(listed[start:stop:step])
    with pytest.raises(IndexError):
        found[len(found)]
    with pytest.raises(IndexError):
        found[-len(found) - 1]


def test_mentions_compare_hash_pickle_and_print_like_a_list(g: Gazetteer) -> None:
    import pickle

    text = "Трампа и Ильхамом Алиевым в Баку"
    found = g.tag(text)
    assert len(found) == 3
    assert found == list(found)
    assert found == tuple(found)
    assert found == g.tag(text)
    assert found != list(found)[:2]
    assert found != g.tag("Трампа и Ильхамом Алиевым в Ереване")
    assert found != "Трампа"
    assert g.tag("ничего") == [] and not g.tag("ничего")
    with pytest.raises(TypeError):
        hash(found)
    copy = pickle.loads(pickle.dumps(found))
    assert copy == found and copy.text == text
    assert repr(found) == f"Mentions({list(found)!r})"
    assert found[1].surface == "Ильхамом Алиевым"
    assert found[-1] == found[2] and found[-1].surface == "Баку"


def test_mentions_hold_no_object_per_mention(g: Gazetteer) -> None:
    """A tagged text is kept as spans and shared findings: holding the answer
    for a text with thousands of mentions adds a handful of objects that the
    garbage collector tracks, not one per mention."""
    import gc

    text = "Трампа и Ильхамом Алиевым в Баку; «Байтак», Казахстан. " * 2000
    g.tag(text)  # the memos are filled on the first run
    gc.collect()
    before = len(gc.get_objects())
    found = g.tag(text)
    gc.collect()
    assert len(found) == 10_000
    assert len(gc.get_objects()) - before < 50


# -- hostile input -------------------------------------------------------------------


def test_the_parts_of_a_hyphenated_word_are_names_of_their_own(g: Gazetteer) -> None:
    found = _found(g, "Рейси Київ-Берлін скасовано.")
    assert found == [("Київ", "city:kyiv"), ("Берлін", "city:berlin")]


def test_a_long_hyphenated_word_is_read_part_by_part(g: Gazetteer) -> None:
    """Each part is read as a word of its own: no reading runs to the end of
    the whole word (which made tagging quadratic), and no memo keeps a long
    text."""
    text = "-".join(["Баку"] * 5000)
    found = g.tag(text)
    assert len(found) == 5000 and {m.surface for m in found} == {"Баку"}
    tagger = g._tagger
    memos = [*tagger._windows, *tagger._follows, *tagger._routes[(None, None)]]
    assert memos and max(len(str(key)) for key in memos) < 1000
    assert g._words.get().profile(text) == ((), 0, frozenset())


def test_a_name_in_a_script_beyond_the_bmp_is_found(g: Gazetteer) -> None:
    # CLDR's Deseret name of Angola: its capital letter is in plane 1
    assert [m.entity.id for m in g.tag("Angola, 𐐈𐑌𐑀𐐬𐑊𐐲.") if m.entity] == ["country:ao"] * 2
