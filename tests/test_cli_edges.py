"""The command line at the edges: --version, python -m gazetteer, usage errors,
Ctrl-C, input that is not UTF-8, output that cannot be written, and --json
against docs/results.schema.json. All on the fixture world (--no-bundled)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from gazetteer import __version__
from gazetteer.cli import main

from .conftest import WORLD
from .test_json import check

WORLD_ONLY = ["--no-bundled", "--path", str(WORLD)]
# A strict UTF-8 locale, and no override of the streams' encoding.
ENV = {
    **{k: v for k, v in os.environ.items() if k not in {"PYTHONIOENCODING", "PYTHONUTF8"}},
    "LC_ALL": "C.UTF-8",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def command(
    *argv: str | bytes, stdin: bytes = b"", stdout: int | IO[bytes] = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m gazetteer`` under a strict UTF-8 locale."""
    return subprocess.run(
        [sys.executable, "-m", "gazetteer", *argv],
        input=stdin, stdout=stdout, stderr=subprocess.PIPE, env=ENV, timeout=60, check=False,
    )  # fmt: skip


def one_error_line(err: str) -> str:
    assert err.startswith("gazetteer: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.removeprefix("gazetteer: error: ").rstrip("\n")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"gazetteer {__version__}\n", "")


def test_python_m_gazetteer_runs_the_command() -> None:
    done = command("lookup", *WORLD_ONLY, "Тръмп")
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.decode("utf-8").startswith("Тръмп: resolved\n  person:donald-trump\t")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "the following arguments are required: COMMAND (see 'gazetteer --help')"),
        (["nosuch"], "argument COMMAND: invalid choice: 'nosuch'"),
        (["lookup"], "the following arguments are required: QUERY (see 'gazetteer lookup --help')"),
        (["lookup", "--limit", "x", "q"], "argument --limit: expected a whole number"),
        (["lookup", "--min-score", "2", "q"], "argument --min-score: expected a score from 0 to 1"),
        (["lookup", "--kind", "planet", "q"], "argument --kind: invalid choice: 'planet'"),
        (["tag", "--bogus", "-"], "unrecognized arguments: --bogus"),
    ],
)
def test_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert one_error_line(err).startswith(said)


def test_json_output_fits_the_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "lookup", "--json", *WORLD_ONLY, "Тръмп", "Georgia", "картофель")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [o["status"] for o in lines] == ["resolved", "ambiguous", "not_found"]
    for obj in lines:
        check(obj, "resolution")
    assert lines[0]["entity"]["id"] == lines[0]["match"]["entity"]["id"] == "person:donald-trump"
    assert {m["entity"]["id"] for m in lines[1]["tied"]} == {"country:ge", "subdivision:us-ga"}

    path = tmp_path / "text.txt"
    path.write_text("Встреча Дональда Трампа в Баку.", encoding="utf-8")
    code, out, _ = run(capsys, "tag", "--json", *WORLD_ONLY, str(path))
    mentions = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [m["entity"]["id"] for m in mentions] == [
        "person:donald-trump",
        "city:baku",
    ]
    for obj in mentions:
        check(obj, "mention")

    code, out, _ = run(capsys, "show", "--json", *WORLD_ONLY, "country:kz")
    assert code == 0
    check(json.loads(out), "entity")


def test_min_score(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lookup", "--json", *WORLD_ONLY, "Tashkent")
    scores = [(m["entity"]["id"], m["score"]) for m in json.loads(out)["candidates"]]
    assert code == 0 and scores == [("city:tashkent", 1.0), ("subdivision:uz-to", 0.97)]
    code, out, _ = run(capsys, "lookup", "--json", "--min-score", "0.98", *WORLD_ONLY, "Tashkent")
    assert [m["entity"]["id"] for m in json.loads(out)["candidates"]] == ["city:tashkent"]
    code, out, _ = run(capsys, "lookup", "--min-score", "0.9", *WORLD_ONLY, "Mirzijojew")
    assert (code, out) == (1, "Mirzijojew: not found\n")


def test_stdin_that_is_not_utf8_is_one_error_naming_the_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\xd0\xa2\xd1\x80\xd1\x8a\xd0\xbc\xd0\xbf\n\nBa\xffku\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, err = run(capsys, "lookup", *WORLD_ONLY, "-")
    assert code == 2 and out.startswith("Тръмп: resolved\n")  # the lines before it are done
    assert one_error_line(err) == "<stdin>:3: not valid UTF-8 (byte 0xff)"

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Baku\n\n\xc3(")))
    code, out, err = run(capsys, "tag", *WORLD_ONLY, "-")
    assert (code, out) == (2, "")
    assert one_error_line(err) == "<stdin>:3: not valid UTF-8 (byte 0xc3)"


def test_a_file_that_is_not_utf8_is_one_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Баку\nBakı, Gürcü".encode() + " Götze".encode("latin-1"))
    code, out, err = run(capsys, "tag", *WORLD_ONLY, str(path))
    assert (code, out) == (2, "")
    assert one_error_line(err) == f"{path}:2: not valid UTF-8 (byte 0xf6)"


def test_not_utf8_under_a_strict_utf8_locale() -> None:
    done = command("lookup", *WORLD_ONLY, "-", stdin=b"Baku\n\xff\xfe\n")
    assert done.returncode == 2 and done.stdout.startswith(b"Baku: resolved\n")
    assert one_error_line(done.stderr.decode()) == "<stdin>:2: not valid UTF-8 (byte 0xff)"
    done = command("lookup", *WORLD_ONLY, b"Tr\xffmp")
    assert (done.returncode, done.stdout) == (2, b"")
    assert one_error_line(done.stderr.decode()) == r"argument 'Tr\xffmp' is not valid UTF-8"


def test_an_output_encoding_without_the_letters_is_one_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    code = main(["lookup", *WORLD_ONLY, "Тръмп"])
    err = capsys.readouterr().err
    assert code == 2
    assert one_error_line(err) == (
        "cannot write 'Тръмп' in the output's encoding (ascii): set PYTHONIOENCODING=utf-8"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_exits_2() -> None:
    with open("/dev/full", "wb") as full:
        done = command("lookup", *WORLD_ONLY, "Тръмп", stdout=full)
    assert done.returncode == 2
    assert (
        one_error_line(done.stderr.decode()) == "cannot write the output: No space left on device"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_ctrl_c_while_reading_stdin_exits_130() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "lookup", *WORLD_ONLY, "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        proc.stdin.write("Тръмп\n".encode())
        proc.stdin.flush()
        assert proc.stdout.readline() == "Тръмп: resolved\n".encode()  # now waiting for a line
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130
        assert proc.stderr.read() == b""
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            stream.close()
