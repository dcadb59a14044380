"""The spaCy component (gazetteer.spacy_component), on blank pipelines: no model to download.

Importing gazetteer.spacy_component registers the factory "gazetteer", as
the package's spacy_factories entry point does in an installed package; the
entry point itself is tested in a fresh interpreter when it is installed.
"""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import gazetteer

if TYPE_CHECKING:
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc, DocBin, Span

    from gazetteer.spacy_component import GazetteerComponent


@pytest.fixture(scope="module", autouse=True)
def _spacy_imported() -> None:
    """spaCy (and the component, which registers the factory) imported when
    this file's tests run, not when they are collected: every pytest-xdist
    worker collects every file, and importing spaCy took about a second."""
    global spacy, Language, Doc, DocBin, Span, GazetteerComponent
    pytest.importorskip("spacy")
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc, DocBin, Span

    from gazetteer.spacy_component import GazetteerComponent


Ents = list[tuple[str, str, str]]


def ents(doc: Doc) -> Ents:
    return [(ent.text, ent.label_, ent.kb_id_) for ent in doc.ents]


def spans(found: list[Span]) -> Ents:
    return [(span.text, span.label_, span.kb_id_) for span in found]


def pipeline(code: str, /, **config: object) -> Language:
    nlp = spacy.blank(code)
    nlp.add_pipe("gazetteer", config=config)
    return nlp


def test_importing_the_module_registers_the_factory() -> None:
    assert Language.has_factory("gazetteer")
    assert isinstance(spacy.blank("en").add_pipe("gazetteer"), GazetteerComponent)


def test_russian_mentions_become_entities_linked_to_their_ids() -> None:
    nlp = pipeline("ru")
    nlp.initialize()  # builds the tag index now rather than on the first Doc
    doc = nlp("Дональд Трамп встретился с Алиевым в Москве.")
    assert ents(doc) == [
        ("Дональд Трамп", "PERSON", "person:donald-trump"),
        ("Алиевым", "PERSON", "person:ilham-aliyev"),  # inflected
        ("Москве", "GPE", "city:moscow"),
    ]


def test_english_mentions_and_demonyms() -> None:
    nlp = pipeline("en", adjectives=True)
    doc = nlp("The American president Donald Trump flew to Kazakhstan and the Caspian Sea.")
    assert ents(doc) == [
        ("American", "NORP", "country:us"),
        ("Donald Trump", "PERSON", "person:donald-trump"),
        ("Kazakhstan", "GPE", "country:kz"),
        ("Caspian Sea", "LOC", "region:caspian-sea"),
    ]
    assert [(e.start_char, e.end_char) for e in doc.ents][1] == (23, 35)


def test_a_mention_ending_inside_a_token_gets_the_whole_token() -> None:
    text = "Türkiye'nin başkenti Ankara'dır."
    nlp = pipeline("tr")
    g = nlp.get_pipe("gazetteer").gazetteer  # type: ignore[attr-defined]
    assert [m.surface for m in g.tag(text)] == ["Türkiye", "Ankara"]
    assert [t.text for t in nlp(text)][:1] == ["Türkiye'nin"]  # one token
    doc = nlp(text)
    assert ents(doc) == [
        ("Türkiye'nin", "GPE", "country:tr"),
        ("Ankara'dır", "GPE", "city:ankara"),
    ]
    # "contract" would keep only tokens inside the mention: there are none.
    assert ents(pipeline("tr", alignment_mode="contract")(text)) == []


def test_lang_defaults_to_the_pipeline_s() -> None:
    text = "Встреча с Трампа и Тръмп."  # Трампа: a Russian case form
    assert pipeline("ru").get_pipe("gazetteer").lang == "ru"  # type: ignore[attr-defined]
    # (Тръмп, the Bulgarian spelling, is not Trump's name in a Russian text)
    assert [e.text for e in pipeline("ru")(text).ents] == ["Трампа"]
    # A Bulgarian text does not take Russian case endings ...
    assert [e.text for e in pipeline("bg")(text).ents] == ["Тръмп"]
    # ... unless told the texts are in any language ("xx", as spaCy's multi-language).
    assert [e.text for e in pipeline("bg", lang="xx")(text).ents] == ["Трампа", "Тръмп"]
    assert [e.text for e in pipeline("xx")(text).ents] == ["Трампа", "Тръмп"]


def test_ambiguous_mentions_are_kept_without_an_id_or_skipped() -> None:
    text = "Он прилетел в Нью-Йорк."  # the city or the state: both GPE
    assert ents(pipeline("ru")(text)) == [("Нью-Йорк", "GPE", "")]
    assert ents(pipeline("ru", ambiguous="skip")(text)) == []
    # Candidates whose labels differ give no label: the mention is left out.
    assert ents(pipeline("ru", labels={"city": "CITY"})(text)) == []


def test_label_schemes_and_overrides() -> None:
    text = "Трамп прилетел в Казахстан."
    assert ents(pipeline("ru", scheme="wikiner")(text)) == [
        ("Трамп", "PER", "person:donald-trump"),
        ("Казахстан", "LOC", "country:kz"),
    ]
    assert ents(pipeline("ru", labels={"country": "COUNTRY"})(text)) == [
        ("Трамп", "PERSON", "person:donald-trump"),
        ("Казахстан", "COUNTRY", "country:kz"),
    ]
    assert ents(pipeline("ru", kinds=["country"])(text)) == [("Казахстан", "GPE", "country:kz")]


@pytest.mark.parametrize(
    ("config", "error"),
    [
        ({"labels": {"planet": "X"}}, ValueError),
        ({"scheme": "conll"}, ValueError),
        ({"kinds": ["planet"]}, gazetteer.UnknownKindError),
    ],
)
def test_bad_settings_are_refused(config: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        pipeline("en", **config)


def test_spans_mode_leaves_the_entities_alone() -> None:
    nlp = pipeline("en", spans_key="places", kinds=["country", "city"])
    doc = nlp("Donald Trump met Tokayev in Astana, Kazakhstan.")
    assert doc.ents == ()
    assert spans(list(doc.spans["places"])) == [
        ("Astana", "GPE", "city:astana"),
        ("Kazakhstan", "GPE", "country:kz"),
    ]
    again = nlp.get_pipe("gazetteer")(doc)  # added to the group ...
    assert len(again.spans["places"]) == 4
    nlp.get_pipe("gazetteer").overwrite_ents = True  # type: ignore[attr-defined]
    assert len(nlp.get_pipe("gazetteer")(doc).spans["places"]) == 2  # ... or replacing it


def test_existing_entities_win_unless_overwritten() -> None:
    def nlp(overwrite: bool) -> Language:
        made = spacy.blank("en")
        ruler = made.add_pipe("entity_ruler")
        patterns = [
            {"label": "CUSTOM", "pattern": "Donald Trump"},
            {"label": "DATE", "pattern": "Monday"},
        ]
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        made.add_pipe("gazetteer", config={"overwrite_ents": overwrite})
        return made

    text = "On Monday Donald Trump met Tokayev."
    tokayev = ("Tokayev", "PERSON", "person:kassym-jomart-tokayev")
    assert ents(nlp(False)(text)) == [
        ("Monday", "DATE", ""),
        ("Donald Trump", "CUSTOM", ""),
        tokayev,
    ]
    assert ents(nlp(True)(text)) == [
        ("Monday", "DATE", ""),
        ("Donald Trump", "PERSON", "person:donald-trump"),
        tokayev,
    ]


def test_user_files_and_one_gazetteer_per_data(write: Callable[[str], Path]) -> None:
    path = write("- id: organization:acme\n  name: Acme\n  names:\n    en: [Acme Corporation]\n")
    config = {"paths": [str(path)], "bundled": False}
    first, second = pipeline("en", **config), pipeline("xx", **config)
    assert ents(first("Acme Corporation and Kazakhstan")) == [
        ("Acme Corporation", "ORG", "organization:acme")
    ]
    g1 = first.get_pipe("gazetteer").gazetteer  # type: ignore[attr-defined]
    assert g1 is second.get_pipe("gazetteer").gazetteer  # type: ignore[attr-defined]
    assert g1 is not pipeline("en").get_pipe("gazetteer").gazetteer  # type: ignore[attr-defined]


def test_pipeline_and_docs_round_trip(tmp_path: Path) -> None:
    nlp = pipeline("ru", labels={"person": "PER"}, spans_key="gz")
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")  # the factory and settings from config.cfg
    doc = loaded("Трамп прилетел в Нью-Йорк.")
    expected = [("Трамп", "PER", "person:donald-trump"), ("Нью-Йорк", "GPE", "")]
    assert spans(list(doc.spans["gz"])) == expected

    same = pipeline("ru", labels={"person": "PER"}, spans_key="gz").from_bytes(nlp.to_bytes())
    doc = same("Трамп прилетел в Нью-Йорк.")
    assert spans(list(doc.spans["gz"])) == expected

    docs = DocBin(docs=[pipeline("ru")("Трамп прилетел в Нью-Йорк.")], store_user_data=True)
    (back,) = DocBin().from_bytes(docs.to_bytes()).get_docs(spacy.blank("ru").vocab)
    assert ents(back) == [("Трамп", "PERSON", "person:donald-trump"), ("Нью-Йорк", "GPE", "")]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_importing_gazetteer_does_not_import_spacy() -> None:
    assert _run("import sys, gazetteer; print('spacy' in sys.modules)") == "False"


ENTRY_POINT = importlib.metadata.entry_points(group="spacy_factories", name="gazetteer")


@pytest.mark.skipif(
    not ENTRY_POINT, reason="the spacy_factories entry point is not installed (pip install .)"
)
def test_spacy_finds_the_factory_through_the_entry_point() -> None:
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "print(type(nlp.add_pipe('gazetteer')).__name__)\n"
    )
    assert _run(code) == "GazetteerComponent"


HOOK = "spacy_component" in Path(gazetteer.__file__).read_text("utf-8")


@pytest.mark.skipif(not HOOK, reason="gazetteer/__init__.py does not register the factory")
def test_importing_gazetteer_after_spacy_registers_the_factory() -> None:
    code = (
        "import spacy, gazetteer\n"
        "from spacy.language import Language\n"
        "print(Language.has_factory('gazetteer'))\n"
    )
    assert _run(code) == "True"
