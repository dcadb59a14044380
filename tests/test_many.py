"""Many documents at a time: Gazetteer.tag_all and `gazetteer tag` on
several files or JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.cli import main

TEXTS = ["Встреча Трампа в Баку.", "", "Алиев и Путин.", "Трампа снова нет."]


def test_tag_all_is_tag_on_each_in_order(g: Gazetteer) -> None:
    assert list(g.tag_all(TEXTS, lang="ru")) == [g.tag(t, lang="ru") for t in TEXTS]
    pairs = list(g.tag_all(((t, n) for n, t in enumerate(TEXTS)), as_tuples=True))
    assert [n for _, n in pairs] == [0, 1, 2, 3]
    assert [m for m, _ in pairs] == [g.tag(t) for t in TEXTS]


def test_tag_all_is_lazy(g: Gazetteer) -> None:
    read: list[str] = []

    def texts() -> Iterator[str]:
        for text in TEXTS:
            read.append(text)
            yield text

    found = g.tag_all(texts())
    assert read == []  # nothing is read until an answer is asked for
    next(found)
    assert read == TEXTS[:1]


def test_the_command_tags_json_lines_with_their_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [json.dumps({"id": f"d{n}", "text": t}) for n, t in enumerate(TEXTS)]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["tag", "--jsonl", "--json", str(tmp_path / "docs.jsonl")]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["doc"], f["surface"], f["entity"]["id"]) for f in found] == [
        ("d0", "Трампа", "person:donald-trump"),
        ("d0", "Баку", "city:baku"),
        ("d2", "Алиев", "person:ilham-aliyev"),
        ("d2", "Путин", "person:vladimir-putin"),
        ("d3", "Трампа", "person:donald-trump"),
    ]


def test_the_command_names_each_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n, text in enumerate(TEXTS):
        (tmp_path / f"{n}.txt").write_text(text, "utf-8")
    paths = [str(tmp_path / f"{n}.txt") for n in range(len(TEXTS))]
    assert main(["tag", *paths]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(Path(r[0]).name, r[3]) for r in rows] == [
        ("0.txt", "Трампа"),
        ("0.txt", "Баку"),
        ("2.txt", "Алиев"),
        ("2.txt", "Путин"),
        ("3.txt", "Трампа"),
    ]


def test_a_bad_json_line_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "Баку"}\n{"id": 2}\n', "utf-8")
    assert main(["tag", "--jsonl", str(tmp_path / "bad.jsonl")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.jsonl:2" in err[0]
