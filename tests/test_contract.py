"""The one text contract: ``resolve`` and ``tag`` share the normaliser, the
forms layer and the decision, so a string gets the same answer from both;
the fast tagger reads text as a slow, obviously correct one does."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gazetteer
from gazetteer import Alias, Entity, Gazetteer, Kind, Status, Tier
from gazetteer.forms import analyses, rules
from gazetteer.index import compile_index
from gazetteer.normalize import fold, normalize, spelling
from gazetteer.translit import has_cyrillic, latin_forms

from .conftest import sampled_from
from .reference import Tagged, forget, reference_tag

# -- a small world cut from the bundled data ---------------------------------------


@pytest.fixture(scope="module")
def small(g: Gazetteer) -> Iterator[Gazetteer]:
    """Every curated person, organisation, region and city, and one country,
    subdivision or generated city (named as a subdivision is) in twelve
    (picked by a hash of the id): a few hundred entities with their real
    names, small enough for the slow reference (whose tables of it are
    dropped after this file's tests: millions of objects, which every later
    full collection of the worker's heap would scan again)."""

    def picked(entity_id: str) -> bool:
        generated = entity_id.removeprefix("city:").isdigit()
        if not entity_id.startswith(("country:", "subdivision:")) and not generated:
            return True
        return hashlib.sha256(entity_id.encode()).digest()[0] % 12 == 0

    yield Gazetteer(compile_index(e for e in g.entities if picked(e.id)))
    forget()


_FILLER = ["и", "в", "затем", "and", "the", "ещё", "Сегодня", "Today", "из", "з", "на"]


@pytest.fixture(scope="module")
def written_forms(small: Gazetteer) -> list[tuple[str, str]]:
    """(alias text, its language) of every strong or weak alias of ``small``
    (made once, not for each example)."""
    return [(a.text, a.lang) for e in small.entities for a in e.aliases]


@st.composite
def _texts(draw: st.DrawFn, names: list[tuple[str, str]]) -> tuple[str, str | None]:
    """A text of aliases, some inflected by their language's rules, between
    ordinary words; and the language to tag it in (or None)."""
    parts: list[str] = []
    langs: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(_FILLER)))
            continue
        text, lang = draw(sampled_from(names))
        rule = rules().get(lang.split("-")[0])
        if rule is not None and draw(st.booleans()):
            words = []
            for word in text.split(" "):
                options = [word, *(rule.inflect(normalize(word)) if not word.isupper() else ())]
                form = draw(st.sampled_from(options))
                words.append(form if form == word or not word[:1].isupper() else form.title())
            text = " ".join(words)
        parts.append(text)
        langs.append(lang.split("-")[0])
    chosen: str | None = draw(st.sampled_from([None, *langs]))
    return " ".join(parts), chosen


def _answer(m: gazetteer.Mention) -> Tagged:
    return (
        m.start,
        m.end,
        m.entity.id if m.entity else None,
        frozenset(e.id for e in m.candidates),
    )


@given(data=st.data())
@settings(max_examples=150)
def test_each_mention_answers_as_resolve_does(
    small: Gazetteer, written_forms: list[tuple[str, str]], data: st.DataObject
) -> None:
    text, lang = data.draw(_texts(written_forms))
    for m in small.tag(text, lang=lang):
        r = small.resolve(m.surface, lang=lang)
        if m.entity is not None:
            assert r.status is Status.RESOLVED and r.entity == m.entity, (text, lang, m, r)
        else:
            assert r.status is Status.AMBIGUOUS, (text, lang, m, r)
            assert {x.entity.id for x in r.tied} == {e.id for e in m.candidates}, (text, m)


@given(data=st.data())
@settings(max_examples=60)
def test_the_fast_tagger_reads_as_the_reference_does(
    small: Gazetteer, written_forms: list[tuple[str, str]], data: st.DataObject
) -> None:
    text, lang = data.draw(_texts(written_forms))
    assert [_answer(m) for m in small.tag(text, lang=lang)] == reference_tag(small, text, lang)


@pytest.mark.parametrize("joint", [" and ", "-Berlin and "])
def test_names_that_start_in_lower_case_are_read_as_the_reference_reads_them(
    small: Gazetteer, written_forms: list[tuple[str, str]], joint: str
) -> None:
    """Every alias that starts in lower case and has a capital (i-Phnom Penh,
    the Gambia, l-Istat tal-Belt tal-Vatikan, ma Somali, hOnggari), in one
    text, and each joined by a hyphen to the name after it: the tagger,
    which starts at capitalised words, reads back to where the reference
    starts them (a name of several words from its first word, one word
    from its capital), and a part of a hyphenated word that starts a longer
    name is still a name on its own (Джорджия-Berlin)."""
    led = [t for t, _ in written_forms if t[:1].islower() and any(c.isupper() for c in t)]
    assert len(led) > 50
    text = joint.join(led)
    assert [_answer(m) for m in small.tag(text)] == reference_tag(small, text)


# -- the normaliser's projections ---------------------------------------------------


def test_fold_is_a_projection_of_the_key(g: Gazetteer) -> None:
    """For every bundled alias: folding keeps its length and its key."""
    for entity in g.entities:
        for alias in entity.aliases:
            folded = fold(alias.text)
            assert len(folded) == len(alias.text)
            assert normalize(folded) == alias.key, alias


@given(st.text())
def test_fold_keeps_lengths_and_keys(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert normalize(folded) == normalize(text)
    assert normalize(spelling(text)) == normalize(text)


def test_yo_reaches_transliteration() -> None:
    # Ё is "yo" in the Uzbek Latin alphabet: the key folds ё to е, the
    # spelling keeps it for the romanisation.
    assert "yoqubov" in latin_forms(spelling("Ёқубов"), "uz").values()
    assert "mirziyoev" in latin_forms(spelling("Мирзиёев"), "ru").values()  # BGN/PCGN


# -- the forms layer ------------------------------------------------------------------


@given(data=st.data())
def test_stripping_undoes_generation(data: st.DataObject) -> None:
    """Every form a language's rules make of a word leads back to the word."""
    lang = data.draw(st.sampled_from(sorted(rules())))
    rule = rules()[lang]
    letters = "абвгдежзийклмнопрстуфхцчшщъыьэюяіїєґқңөүһәaeiouyklmnrstdz"
    word = data.draw(st.text(alphabet=letters, min_size=2, max_size=9))
    for form in rule.inflect(word):
        assert word in rule.lemmas(form), (lang, word, form)
        assert (word, lang) in analyses(form)
    for lemma in rule.lemmas(word):
        assert word in rule.inflect(lemma)


# -- the examples that started it -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("Ираном", None, "country:ir"),
        ("Трампові", None, "person:donald-trump"),
        ("Bakıda", None, "city:baku"),
        ("Анкаре", None, "city:ankara"),
        ("Великої Британії", "uk", "country:gb"),
        ("Китая", None, "country:cn"),
        ("Китая", "ru", "country:cn"),
        ("Ilham Eliyev", None, "person:ilham-aliyev"),
        ("Østtimor", None, "country:tl"),
        ("Газпрому", "uk", "organization:gazprom"),
    ],
)
def test_resolve_and_tag_agree_on_the_examples(
    g: Gazetteer, query: str, lang: str | None, expected: str
) -> None:
    r = g.resolve(query, lang=lang)
    assert r.entity is not None and r.entity.id == expected, r
    text = f"Встреча: {query}."
    found = g.tag(text, lang=lang)
    assert [(m.surface, m.entity.id if m.entity else None) for m in found] == [(query, expected)]


def test_an_inflected_form_says_which_rule_and_never_outranks_an_alias(g: Gazetteer) -> None:
    match = g.resolve("Китая").match
    assert match is not None and match.method is gazetteer.Method.INFLECTED
    assert "ru inflection rules" in match.explanation and "Китай" in match.explanation
    assert match.score < g.resolve("Китай").tied[0].score
    # a weak alias written so beats a strong one reached by inflection
    china = Entity("country:cn", Kind.COUNTRY, "China", (Alias("Китай", "ru"),))
    other = Entity("other:kitaya", Kind.OTHER, "Kitaya", (Alias("Китая", "ru", Tier.WEAK),))
    small = Gazetteer(compile_index([china, other]))
    assert small.resolve("Китая").entity == other
    assert [m.entity and m.entity.id for m in small.tag("Из Китая.")] == ["other:kitaya"]
    assert small.resolve("Китаю").entity == china


def test_lang_keeps_the_forms_of_an_entity_without_an_alias_in_it(g: Gazetteer) -> None:
    found = g.tag("Акції Газпрому впали", lang="uk")
    assert [(m.surface, m.entity.id if m.entity else None) for m in found] == [
        ("Газпрому", "organization:gazprom")
    ]


def test_names_of_many_words_are_never_capped(g: Gazetteer) -> None:
    # every word of a long name inflected: no cap on the number of forms
    found = g.tag("Депутаты Партией зеленых «Байтак» довольны", lang="ru")
    assert [m.surface for m in found] == ["Партией зеленых «Байтак»"]


# -- look-alike letters ---------------------------------------------------------------

_TWINS = {"а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y", "і": "i"}
_UPPER_TWINS = {"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O"}


@pytest.fixture(scope="module")
def cyrillic_aliases(g: Gazetteer) -> st.SearchStrategy[str]:
    """The strategy made once, not for each example."""
    return st.sampled_from(_cyrillic_aliases(g))


@given(data=st.data())
def test_latin_look_alikes_in_a_cyrillic_alias_key_alike(
    cyrillic_aliases: st.SearchStrategy[str], data: st.DataObject
) -> None:
    """A Cyrillic alias with some of its letters written with their Latin
    look-alikes (as real news does: Моcква, CAЩ) has the alias's key."""
    alias = data.draw(cyrillic_aliases)
    swapped = "".join(
        (_TWINS.get(ch) or _UPPER_TWINS.get(ch) or ch) if data.draw(st.booleans()) else ch
        for ch in alias
    )
    # some letters, not all: a word with every letter swapped is a Latin word (ООН, OOH)
    assume(any("CYRILLIC" in unicodedata.name(ch, "") for ch in swapped))
    assert normalize(swapped) == normalize(alias), (alias, swapped)


def _cyrillic_aliases(g: Gazetteer) -> list[str]:
    return [
        a.text
        for e in g.entities[:800]
        for a in e.aliases
        if a.text.isalpha() and all("\u0400" <= ch <= "\u04ff" for ch in a.text)
    ]


def test_look_alikes_are_found_in_text(g: Gazetteer) -> None:
    found = g.tag("Посолството на CAЩ и Tpъмп в Моcква.", lang="bg")
    assert [(m.surface, m.entity and m.entity.id) for m in found] == [
        ("CAЩ", "country:us"),
        ("Tpъмп", "person:donald-trump"),
        ("Моcква", "city:moscow"),
    ]
    assert normalize("Moskva") == "moskva"  # a Latin word stays Latin


# -- the text's language ---------------------------------------------------------------


def _one_spelling_two_places() -> Gazetteer:
    """Russian calls the United Kingdom Англия (and England, weak),
    Bulgarian calls England so."""
    kingdom = Entity(
        "country:gb",
        Kind.COUNTRY,
        "United Kingdom",
        (Alias("Англия", "ru"), Alias("Великобритания", "bg"), Alias("Великобритания", "ru")),
    )
    england = Entity(
        "subdivision:gb-eng",
        Kind.SUBDIVISION,
        "England",
        (Alias("Англия", "bg"), Alias("Англия", "ru", Tier.WEAK)),
    )
    kyiv = Entity("city:kyiv", Kind.CITY, "Kyiv", (Alias("Київ", "uk"), Alias("Киев", "ru")))
    return Gazetteer(compile_index([kingdom, england, kyiv]))


@pytest.mark.parametrize(
    ("text", "lang", "want", "tagged"),
    [
        ("Англия", "bg", {"subdivision:gb-eng"}, True),  # its Bulgarian name
        ("Англия", "ru", {"country:gb"}, True),  # England's Russian name is weak
        ("Англии", "ru", {"country:gb"}, True),
        ("Англия", None, {"country:gb", "subdivision:gb-eng"}, True),  # either
        # no Ukrainian name is Киев: the Russian one answers, though the
        # tagger leaves a lone word read through another language's name out
        ("Киев", "uk", {"city:kyiv"}, False),
    ],
)
def test_a_name_of_the_texts_language_outranks_another_languages_reading(
    text: str, lang: str | None, want: set[str], tagged: bool
) -> None:
    g = _one_spelling_two_places()
    assert {m.entity.id for m in g.resolve(text, lang=lang).tied} == want
    sentence = f"Говорят, что {text} согласна."
    found = [(m.surface, {e.id for e in m.candidates}) for m in g.tag(sentence, lang=lang)]
    assert found == ([(text, want)] if tagged else [])


def test_the_language_breaks_ties_only_within_the_best_step() -> None:
    """A name written so in another language outranks an inflected form of
    the text's language (Майотте is a Mongolian name of Mayotte, and a
    Russian case of the département's Майотта): resolve and tag agree."""
    island = Entity("country:yt", Kind.COUNTRY, "Mayotte", (Alias("Майотте", "mn"),))
    department = Entity(
        "subdivision:fr-976", Kind.SUBDIVISION, "Mayotte", (Alias("Майотта", "ru"),)
    )
    g = Gazetteer(compile_index([island, department]))
    assert g.resolve("Майотте", lang="ru").expect().id == "country:yt"
    tagged = g.tag("Говорят, что Майотте согласна.", lang="ru")
    assert [(m.surface, m.entity and m.entity.id) for m in tagged] == [("Майотте", "country:yt")]


@pytest.mark.parametrize("lang", ["ru", "bg", "uk"])
def test_one_word_names_answer_alike_in_tag_and_resolve(small: Gazetteer, lang: str) -> None:
    """Every one-word Cyrillic alias of the small world, in a sentence of
    ``lang``: each mention answers as resolve answers its surface."""
    words = sorted(
        {
            a.text
            for e in small.entities
            for a in e.aliases
            if " " not in a.text and a.text[:1].isupper() and has_cyrillic(a.text)
        }
    )
    assert len(words) > 100
    for word in words:
        for m in small.tag(f"Говорят, что {word} согласна.", lang=lang):
            r = small.resolve(m.surface, lang=lang)
            assert {e.id for e in m.candidates} == {x.entity.id for x in r.tied}, (word, m, r)
