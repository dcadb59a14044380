"""The results' JSON form (to_dict, to_records) against docs/results.schema.json,
the typed accessor Resolution.expect, and candidates' min_score."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer import (
    Alias,
    Entity,
    Gazetteer,
    Kind,
    Match,
    Mention,
    Method,
    Resolution,
    Status,
    Tier,
)
from gazetteer.dataframe import mention_record, resolution_record
from gazetteer.errors import GazetteerError, UnresolvedError

SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "docs" / "results.schema.json").read_text(encoding="utf-8")
)

# --- a checker of the part of JSON Schema that docs/results.schema.json uses ---

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}
# Keywords that only describe; any other keyword is one the checker must know.
_NOTES = {"$schema", "$id", "$defs", "title", "description"}
_CHECKED = {"type", "enum", "minimum", "maximum", "properties", "required"}
_CHECKED |= {"additionalProperties", "items", "$ref", "anyOf"}


def _is(value: object, name: str) -> bool:
    kind = _TYPES[name]
    return bool(kind(value)) if not isinstance(kind, type) else isinstance(value, kind)


def errors(value: object, schema: dict[str, Any], at: str = "$") -> list[str]:
    """Where ``value`` breaks ``schema`` (a subschema of SCHEMA), empty if nowhere."""
    unknown = set(schema) - _NOTES - _CHECKED
    assert not unknown, f"the checker does not know {unknown}"
    if "$ref" in schema:
        target: Any = SCHEMA
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return errors(value, target, at)
    if "anyOf" in schema:
        found = [errors(value, option, at) for option in schema["anyOf"]]
        return [] if any(not f for f in found) else [f"{at}: matches no option: {found}"]
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    if types and not any(_is(value, t) for t in types):
        return [f"{at}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{at}: {value!r} not in {schema['enum']}"]
    problems: list[str] = []
    if _is(value, "number"):
        assert isinstance(value, int | float)
        if value < schema.get("minimum", -math.inf) or value > schema.get("maximum", math.inf):
            problems.append(f"{at}: {value!r} out of range")
    if isinstance(value, list):
        for i, item in enumerate(value):
            problems += errors(item, schema.get("items", {}), f"{at}[{i}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        problems += [f"{at}: no {key!r}" for key in schema.get("required", ()) if key not in value]
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in properties:
                problems += errors(item, properties[key], f"{at}.{key}")
            elif extra is False:
                problems.append(f"{at}: unexpected {key!r}")
            elif isinstance(extra, dict):
                problems += errors(item, extra, f"{at}.{key}")
    return problems


def check(value: dict[str, Any], definition: str) -> None:
    """``value`` is JSON-ready, round-trips through JSON and fits ``definition``."""
    assert errors(value, {"$ref": f"#/$defs/{definition}"}) == []
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    assert json.loads(text) == value


def test_the_checker_catches_what_it_should() -> None:
    entity = {"id": "country:kz", "kind": "country", "name": "Kazakhstan"}
    assert errors(entity, {"$ref": "#/$defs/entityRef"}) == []
    assert errors({**entity, "kind": "planet"}, {"$ref": "#/$defs/entityRef"})
    assert errors({**entity, "extra": 1}, {"$ref": "#/$defs/entityRef"})
    assert errors({"id": "country:kz"}, {"$ref": "#/$defs/entityRef"})
    assert errors(True, {"$ref": "#/$defs/score"})
    assert errors(1.5, {"$ref": "#/$defs/score"})
    assert errors(None, {"$ref": "#/$defs/score"})


def test_the_schema_is_a_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_enums_are_the_models() -> None:
    defs = SCHEMA["$defs"]
    for name, enum in (("kind", Kind), ("tier", Tier), ("method", Method), ("status", Status)):
        assert defs[name]["enum"] == [member.value for member in enum]


# --- generated results ---

texts = st.text(max_size=12)
ids = st.from_regex(r"[a-z]{2,8}:[a-z0-9-]{1,8}", fullmatch=True)
aliases = st.builds(
    Alias, text=st.text(min_size=1, max_size=12), lang=st.sampled_from(["en", "ru", "kk"]),
    tier=st.sampled_from(Tier),
)  # fmt: skip
entities = st.builds(
    Entity,
    id=ids,
    kind=st.sampled_from(Kind),
    name=st.text(min_size=1, max_size=12),
    aliases=st.lists(aliases, max_size=3).map(tuple),
    codes=st.dictionaries(st.text(min_size=1, max_size=4), st.text(max_size=4), max_size=2),
    country=st.none() | ids,
    parent=st.none() | ids,
    deny=st.lists(texts, max_size=2).map(tuple),
    population=st.none() | st.integers(0, 10**10),
    capital=st.booleans(),
)
matches = st.builds(
    Match,
    entity=entities,
    alias=aliases,
    method=st.sampled_from(Method),
    score=st.floats(0, 1),
    key=texts,
    similarity=st.none() | st.floats(0, 100),
    note=st.none() | texts,
    via=st.none() | entities,
)
match_lists = st.lists(matches, max_size=3).map(tuple)


@st.composite
def resolutions(draw: st.DrawFn) -> Resolution:
    status = draw(st.sampled_from(Status))
    query = draw(texts)
    if status is Status.NOT_FOUND:
        return Resolution(query, status)
    tied = draw(st.lists(matches, min_size=1 if status is Status.RESOLVED else 2, max_size=3))
    tied = tied[:1] if status is Status.RESOLVED else tied
    return Resolution(query, status, tuple(tied), (*tied, *draw(match_lists)))


@st.composite
def mentions(draw: st.DrawFn) -> Mention:
    start = draw(st.integers(0, 1000))
    surface = draw(st.text(min_size=1, max_size=12))
    entity = draw(st.none() | entities)
    candidates = (entity,) if entity else tuple(draw(st.lists(entities, min_size=2, max_size=3)))
    return Mention(
        start, start + len(surface), surface, entity, draw(aliases), draw(st.sampled_from(Method)),
        draw(st.floats(0, 1)), candidates, draw(st.booleans()),
    )  # fmt: skip


@given(resolutions())
def test_generated_resolutions_fit_the_schema(r: Resolution) -> None:
    d = r.to_dict()
    check(d, "resolution")
    assert d["status"] == r.status.value
    assert (d["entity"] is None) == (d["match"] is None) == (not r.resolved)
    assert [m["entity"]["id"] for m in d["candidates"]] == [m.entity.id for m in r.candidates]
    record = resolution_record(r)
    assert record["entity"] == (d["entity"]["id"] if d["entity"] else None)
    assert record["candidates"] == [m["entity"]["id"] for m in d["candidates"]]


@given(mentions())
def test_generated_mentions_fit_the_schema(m: Mention) -> None:
    check(m.to_dict(), "mention")
    record = m.to_record()
    check(record, "mentionRecord")
    assert record == mention_record(m)
    assert record["candidates"] == [e["id"] for e in m.to_dict()["candidates"]]


@given(entities)
def test_generated_entities_fit_the_schema(e: Entity) -> None:
    check(e.to_dict(), "entityRef")
    full = e.to_dict(full=True)
    check(full, "entity")
    assert {k: full[k] for k in ("id", "kind", "name")} == e.to_dict()


# --- real results, on the fixture world ---

QUERIES = ["Тръмп", "Трамп", "Georgia", "Mirzijojew", "Aliyev, Ilham", "Нахичевань", "картофель"]
TEXT = "Встреча Дональда Трампа с Ильхамом Алиевым прошла в Баку. Georgia, Грузия."


def test_real_resolutions_and_mentions_fit_the_schema(world: Gazetteer) -> None:
    queries = QUERIES + [alias.text for e in world.entities for alias in e.aliases]
    statuses = set()
    for r in world.resolve_all(queries):
        check(r.to_dict(), "resolution")
        statuses.add(r.status)
    assert statuses == set(Status)
    for match in world.candidates("Mirzijojew"):
        check(match.to_dict(), "match")
    found = world.tag(TEXT, adjectives=True)
    assert len(found) >= 3
    for m in found:
        check(m.to_dict(), "mention")
        assert TEXT[m.start : m.end] == m.to_dict()["surface"]
    for record in found.to_records():
        check(record, "mentionRecord")
    for e in world.entities:
        check(e.to_dict(full=True), "entity")


def test_mentions_to_records_makes_a_dataframe(world: Gazetteer) -> None:
    pd = pytest.importorskip("pandas")
    found = world.tag(TEXT)
    frame = pd.DataFrame(found.to_records())
    assert list(frame["entity"][:3]) == ["person:donald-trump", "person:ilham-aliyev", "city:baku"]
    assert list(frame["start"]) == [m.start for m in found]
    assert list(frame.columns) == list(SCHEMA["$defs"]["mentionRecord"]["required"])
    assert found[1:].to_records() == found.to_records()[1:]
    assert world.tag("nothing here").to_records() == []


def test_expect_gives_the_entity_or_a_clear_error(world: Gazetteer) -> None:
    entity: Entity = world.resolve("Тръмп").expect()
    assert entity.id == "person:donald-trump"
    with pytest.raises(UnresolvedError, match=r"'Georgia' is ambiguous between country:ge, "):
        world.resolve("Georgia").expect()
    with pytest.raises(GazetteerError, match=r"^'картофель' was not found$"):
        world.resolve("картофель").expect()


def test_candidates_min_score_drops_weaker_matches(world: Gazetteer) -> None:
    every = world.candidates("Tashkent")
    assert [(m.entity.id, m.score) for m in every] == [
        ("city:tashkent", 1.0),
        ("subdivision:uz-to", 0.97),
    ]
    assert world.candidates("Tashkent", min_score=0.97) == every
    assert world.candidates("Tashkent", min_score=0.98) == every[:1]
    assert world.candidates("Mirzijojew", limit=None, min_score=0.9) == ()
