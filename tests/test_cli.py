from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.cli import main

from .conftest import ACCEPTANCE_LOOKUPS, SESSION_CACHE, WORLD

Write = Callable[..., Path]

# The command's mechanics, on the fixture world as the bundled data (see
# small_bundle); test_the_installed_command runs the real bundled data.
pytestmark = pytest.mark.usefixtures("small_bundle")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("query", "entity_id"), ACCEPTANCE_LOOKUPS)
def test_lookup_prints_the_entity(
    capsys: pytest.CaptureFixture[str], query: str, entity_id: str
) -> None:
    code, out, _ = run(capsys, "lookup", query)
    assert code == 0
    assert out.splitlines()[0] == f"{query}: resolved"
    assert out.splitlines()[1].split("\t")[0].strip() == entity_id


def test_lookup_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "--json", "--kind", "country", "Киргизия")
    assert code == 0
    obj = json.loads(out)
    assert obj["status"] == "resolved"
    assert obj["entity"] == {"id": "country:kg", "kind": "country", "name": "Kyrgyzstan"}
    assert set(obj["match"]) == {
        "entity",
        "alias",
        "method",
        "score",
        "key",
        "similarity",
        "note",
        "via",
        "explanation",
    }
    assert obj["tied"] == [obj["match"]]
    assert obj["candidates"][0]["entity"]["id"] == "country:kg"


def test_lookup_reads_stdin_one_json_object_per_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Трамп\n\nБаку\n"))
    code, out, _ = run(capsys, "lookup", "--json", "-")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [o["entity"]["id"] for o in lines] == ["person:donald-trump", "city:baku"]


def test_lookup_unresolved_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "картофель")
    assert (code, out.strip()) == (1, "картофель: not found")
    code, out, _ = run(capsys, "lookup", "--json", "Georgia")
    obj = json.loads(out)
    assert code == 1 and obj["status"] == "ambiguous" and obj["entity"] is None
    assert {t["entity"]["id"] for t in obj["tied"]} == {"country:ge", "subdivision:us-ga"}


def test_lookup_reads_codes_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "--codes", "KAZ", "Kazakhstan")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "KAZ: resolved" and "code match: iso3 KAZ" in lines[1]
    assert run(capsys, "lookup", "KAZ")[0] == 1  # without --codes, KAZ is read as a name


def test_lookup_answers_a_places_country_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "--json", "--country", "Yerevan")
    obj = json.loads(out)
    assert code == 0 and obj["entity"]["id"] == "country:am"
    assert obj["match"]["via"]["id"] == "city:yerevan"
    code, _, err = run(capsys, "lookup", "--country", "--kind", "city", "Baku")
    assert code == 2
    assert err == "gazetteer: error: --country answers countries: it takes no --kind\n"


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "country:az")
    assert code == 0 and out.startswith("country:az\tAzerbaijan")
    code, out, _ = run(capsys, "show", "--json", "country:kz")
    assert "Казахстан" in json.loads(out)["names"]["ru"]
    code, _, err = run(capsys, "show", "country:nowhere")
    assert code == 2 and err == "gazetteer: error: no entity with id 'country:nowhere'\n"


def test_validate(capsys: pytest.CaptureFixture[str], write: Write) -> None:
    good = write(
        "- id: person:someone\n  name: Some One\n  names: {ru: [Некто Один]}\n", "good.yaml"
    )
    code, out, err = run(capsys, "validate", str(good))
    assert code == 0 and "0 error(s)" in out and err == ""
    bad = write("- id: person:a\n- id: person:b\n  name: B\n  names: {zz: B}\n", "bad.yaml")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert err.splitlines() == [
        f"error: {bad}:1: entry 'person:a' has no name (a new entity needs one)",
        f"error: {bad}:4: unknown language code 'zz' (not in ISO 639 as pycountry knows it)",
    ]


def test_bad_file_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str], write: Write) -> None:
    bad = write("- id: person:x\n  name: [unclosed\n")
    code, out, err = run(capsys, "lookup", "--path", str(bad), "Трамп")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"gazetteer: error: {bad}:3: malformed YAML")


def test_the_installed_command(g: Gazetteer, write: Write) -> None:
    """The README's lookup, in a process of its own, on the bundled data."""
    bad = write("- id: person:x\n  name: [unclosed\n")
    # The command reads the session's cache of the bundled data (not
    # small_bundle's), which holds the indexes g makes for the other tests.
    g.prepare(tag=False)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "GAZETTEER_CACHE_DIR": str(SESSION_CACHE)}
    ok = subprocess.run(
        [sys.executable, "-m", "gazetteer.cli", "lookup", "Тръмп"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert ok.returncode == 0 and "person:donald-trump" in ok.stdout
    assert ok.stdout.startswith("Тръмп: resolved")
    failed = subprocess.run(
        [sys.executable, "-m", "gazetteer.cli", "lookup", "--no-bundled", "--path", str(bad), "x"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr and failed.stderr.count("\n") == 1


def test_tag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_text("Встреча Дональда Трампа в Баку.", encoding="utf-8")
    code, out, _ = run(capsys, "tag", str(path))
    assert code == 0
    assert [line.split("\t") for line in out.splitlines()] == [
        ["8", "23", "Дональда Трампа", "person:donald-trump", "inflected"],
        ["26", "30", "Баку", "city:baku", "exact"],
    ]
    code, out, _ = run(capsys, "tag", "--json", str(path))
    first = json.loads(out.splitlines()[0])
    assert code == 0 and first["entity"]["id"] == "person:donald-trump"
    assert (first["start"], first["end"], first["method"]) == (8, 23, "inflected")
    code, out, err = run(capsys, "tag", str(tmp_path / "missing.txt"))
    assert code == 2 and out == "" and err.startswith("gazetteer: error: cannot read ")


def test_no_bundled_and_path_choose_the_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "--no-bundled", "Тръмп")
    assert (code, out.strip()) == (1, "Тръмп: not found")
    code, out, _ = run(capsys, "lookup", "--no-bundled", "--path", str(WORLD), "Тръмп")
    assert code == 0 and out.splitlines()[1].split("\t")[0].strip() == "person:donald-trump"
