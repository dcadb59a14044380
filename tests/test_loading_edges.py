"""What users expect at the edges of loading and validating alias files:
the paths they pass, YAML's nulls and timestamps, files that cannot be
read, limits, and large files (loading stays linear)."""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from yaml.composer import Composer

import gazetteer
from gazetteer import AliasFileError, PackError, _yaml
from gazetteer.errors import PROBLEM_CODES, Problem
from gazetteer.index import _MASK
from gazetteer.records import MAX_ALIASES

Write = Callable[..., Path]

PERSON = "- id: person:x\n  name: Xavier Quill\n"


def _problems(paths: object, bundled: bool = False) -> list[Problem]:
    """The problems ``load`` raises with (it must raise)."""
    with pytest.raises(AliasFileError) as caught:
        gazetteer.load(paths, bundled=bundled)  # type: ignore[arg-type]
    return list(caught.value.problems)


def _codes(problems: object) -> list[str]:
    return [p.code for p in problems]  # type: ignore[attr-defined]


# -- 1. the paths a user passes -------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of two alias files, one in a subfolder."""
    (tmp_path / "aliases" / "more").mkdir(parents=True)
    (tmp_path / "aliases" / "a.yaml").write_text(PERSON, encoding="utf-8")
    (tmp_path / "aliases" / "more" / "b.yml").write_text(
        "- id: person:y\n  name: Yolanda Quill\n", encoding="utf-8"
    )
    return tmp_path / "aliases"


def _given(folder: Path) -> list[object]:
    file = folder / "a.yaml"
    return [
        str(folder),  # one str: one path, not its characters (and never "/")
        str(folder) + os.sep,
        folder,
        [folder],
        (str(folder),),
        (p for p in [folder]),  # a generator
        [file, folder / "more" / "b.yml"],
        iter([str(file), str(folder / "more")]),
    ]


@pytest.mark.parametrize("case", range(8))
def test_paths_may_be_a_str_a_path_or_any_iterable_of_them(folder: Path, case: int) -> None:
    given = _given(folder)[case]
    g = gazetteer.load(given, bundled=False)  # type: ignore[arg-type]
    assert {e.id for e in g.entities} == {"person:x", "person:y"}
    report = gazetteer.validate(_given(folder)[case], bundled=False)  # type: ignore[arg-type]
    assert report.errors == ()
    assert sorted(p.name for p in report.files) == ["a.yaml", "b.yml"]


def test_a_single_file_as_str_or_path(folder: Path) -> None:
    for given in (str(folder / "a.yaml"), folder / "a.yaml"):
        assert [e.id for e in gazetteer.load(given, bundled=False).entities] == ["person:x"]
        assert gazetteer.validate(given, bundled=False).files == (folder / "a.yaml",)


def test_a_nonexistent_path_is_one_clear_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "x.yaml"
    for given in (missing, str(missing), [missing]):
        problems = _problems(given)
        assert [str(p) for p in problems] == [f"{missing}: no such file or folder"]
        assert _codes(problems) == ["no-such-file"]
        assert _codes(gazetteer.validate(given, bundled=False).errors) == ["no-such-file"]
    assert _codes(_problems("")) == ["no-such-file"]  # not the current folder


@pytest.mark.parametrize("given", [3, b"aliases.yaml", [b"aliases.yaml"], [None], [Path("a"), 7]])
def test_what_is_not_a_path_is_a_type_error_that_says_so(given: object) -> None:
    with pytest.raises(TypeError, match="path"):
        gazetteer.load(given, bundled=False)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path"):
        gazetteer.validate(given, bundled=False)  # type: ignore[arg-type]


def test_no_paths_is_no_user_file() -> None:
    assert len(gazetteer.load((), bundled=False).entities) == 0
    assert gazetteer.validate([], bundled=False) == gazetteer.Report((), (), ())


# -- 2. validate checks against the packs, as load does --------------------------------


def test_validate_refuses_packs_as_load_does(write: Write) -> None:
    path = write(PERSON)
    with pytest.raises(PackError, match="unknown pack"):
        gazetteer.validate([path], packs=["towns"])
    with pytest.raises(PackError, match="bundled"):
        gazetteer.validate([path], bundled=False, packs=["cities"])


# -- 3. YAML's nulls and timestamps; ids, language codes and labels ----------------------


@pytest.fixture(params=["libyaml", "python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with libyaml's parser and with PyYAML's own: they tell a
    plain scalar differently (style "" and None)."""
    if request.param == "python":

        class PythonLoader(yaml.SafeLoader):
            yaml_implicit_resolvers = _yaml._IMPLICIT

        monkeypatch.setattr(_yaml, "_NodeLoader", PythonLoader)
    elif _yaml._CParser is None:  # pragma: no cover
        pytest.skip("PyYAML is built without libyaml")
    return str(request.param)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- id: person:x\n  name: ~\n", 2),
        ("- id: person:x\n  name: null\n", 2),
        ("- id: person:x\n  name:\n", 2),
        ("- id: person:x\n  name: X\n  names: {en: [~]}\n", 3),
        ("- id: person:x\n  name: X\n  names: {en: [null]}\n", 3),
        ("- id: person:x\n  name: X\n  names:\n    en: ~\n", 4),
        ("- id: person:x\n  name: X\n  weak: {ru: [Null]}\n", 3),
        ("- id: ~\n  name: X\n", 1),
    ],
)
def test_a_yaml_null_is_an_empty_value_never_a_name(
    write: Write, yaml_parser: str, text: str, line: int
) -> None:
    problems = _problems(write(text))
    empty = [p.line for p in problems if p.code == "empty-value"]
    assert empty == [line], problems
    assert set(_codes(problems)) <= {"empty-value", "missing-field"}  # a new entity needs a name


def test_both_nulls_in_a_list_are_reported_and_nothing_resolves(
    write: Write, yaml_parser: str
) -> None:
    path = write("- id: person:x\n  name: X\n  names: {en: [~, null, Real Name]}\n")
    assert _codes(_problems(path)) == ["empty-value", "empty-value"]
    quoted = write("- id: person:x\n  name: X\n  names: {en: ['None', 'null']}\n", "quoted.yaml")
    g = gazetteer.load([quoted], bundled=False)  # quoted, they are names as written
    assert g.resolve("null").entity == g["person:x"]


@pytest.mark.parametrize(
    "value",
    ["2001-01-01", "2001-01-01 10:00:00", "1984", "0x1F", "1_000", "3.5", ".inf", "yes", "NO"],
)
def test_scalars_that_look_like_other_types_stay_text(
    write: Write, yaml_parser: str, value: str
) -> None:
    path = write(f"- id: person:x\n  name: {value}\n  names: {{en: [{value}]}}\n")
    g = gazetteer.load([path], bundled=False)
    assert g["person:x"].name == value
    assert [a.text for a in g["person:x"].aliases] == [value]


@pytest.mark.parametrize("key", ["<<", "="])
def test_merge_and_value_keys_are_plain_keys(write: Write, yaml_parser: str, key: str) -> None:
    problems = _problems(write(f"- id: person:x\n  name: X\n  {key}: Y\n"))
    assert _codes(problems) == ["unknown-field"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('- id: "person:x\\n"\n  name: X\n', "bad-id"),
        ('- id: "person:x\\r"\n  name: X\n', "bad-id"),
        ('- id: person:x\n  name: X\n  names: {"en\\n": [Y]}\n', "bad-language"),
        ('- id: person:x\n  name: X\n  names: {"ru-Cyrl\\n": [Y]}\n', "bad-language"),
    ],
)
def test_a_final_newline_does_not_pass_an_id_or_a_language_code(
    write: Write, text: str, code: str
) -> None:
    assert _codes(_problems(write(text))) == [code]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ('"Xavier\\tQuill"', "control-character"),
        ('"Xavier\\nQuill"', "control-character"),
        ('"Xavier\\x1eQuill"', "control-character"),  # the cache's record separator
        ('"Xavier\\x1fQuill"', "control-character"),  # the cache's field separator
        ('"Xavier\\x85Quill"', "control-character"),
        ("Вэнc", "mixed-script"),
        ("'«»'", "empty-name"),
    ],
)
def test_a_label_is_checked_as_an_alias_is(
    write: Write, small_bundle: Path, name: str, code: str
) -> None:
    # the overlay on the fixture world as the bundled data (small_bundle): a
    # label checked over the bundled entities, not over these ones
    label = write(f"- id: person:x\n  name: {name}\n")
    assert _codes(_problems(label)) == [code]
    alias = write(f"- id: person:x\n  name: X\n  names: {{en: [{name}]}}\n", "alias.yaml")
    assert _codes(_problems(alias)) == [code]
    overlay = write(f"- id: country:kg\n  name: {name}\n", "overlay.yaml")
    assert _codes(_problems(overlay, bundled=True)) == [code]


def test_separators_in_a_weak_name_never_reach_the_cache(write: Write, small_bundle: Path) -> None:
    path = write('- id: person:x\n  name: X\n  weak: {en: ["a\\x1fb", "c\\x1ed"]}\n')
    problems = _problems(path, bundled=True)
    assert _codes(problems) == ["control-character", "control-character"]


# -- 4. one clear problem, never a traceback -------------------------------------------


def _unreadable(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """Make ``paths`` unreadable, as a file without read permission is (tests
    may run as root, which reads any file)."""
    real = _yaml.read_bytes
    refused = {p.resolve() for p in paths}

    def read_bytes(path: Path) -> bytes:
        if Path(path).resolve() in refused:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path)

    monkeypatch.setattr(_yaml, "read_bytes", read_bytes)


@pytest.mark.parametrize("bundled", [True, False])
def test_an_unreadable_file_is_a_problem(
    write: Write, small_bundle: Path, monkeypatch: pytest.MonkeyPatch, bundled: bool
) -> None:
    bad = write(PERSON, "unreadable.yaml")
    good = write("- id: person:y\n  name: Y\n", "good.yaml")
    _unreadable(monkeypatch, bad)
    problems = _problems([bad, good], bundled=bundled)
    assert [(p.source, p.code) for p in problems] == [(str(bad), "cannot-read")]
    assert "Permission denied" in str(problems[0])
    report = gazetteer.validate([bad, good], bundled=bundled)
    assert _codes(report.errors) == ["cannot-read"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads a file without read permission (the test above covers it)",
)
def test_a_file_without_read_permission_is_a_problem(write: Write) -> None:  # pragma: no cover
    bad = write(PERSON)
    bad.chmod(0)
    try:
        assert _codes(_problems(bad, bundled=True)) == ["cannot-read"]
    finally:
        bad.chmod(0o644)


def _many_names(count: int, start: int = 0) -> str:
    return ", ".join(f"N{i}" for i in range(start, start + count))


def test_too_many_aliases_is_a_problem_with_the_limit(write: Write) -> None:
    path = write(f"- id: person:x\n  name: X\n  names:\n    en: [{_many_names(70_000)}]\n")
    problems = _problems(path)
    assert _codes(problems) == ["too-many-aliases"]
    assert f"{MAX_ALIASES:,}" in problems[0].message and "70,001" in problems[0].message
    report = gazetteer.validate([path], bundled=False)
    assert _codes(report.errors) == ["too-many-aliases"]


def test_too_many_aliases_counts_the_entity_an_overlay_adds_to(
    write: Write, small_bundle: Path
) -> None:
    g = gazetteer.load()  # the fixture world, as the bundled data
    has = len(g["country:kg"].aliases)
    names = _many_names(MAX_ALIASES - has + 1)
    path = write(f"- id: country:kg\n  names:\n    de: [{names}]\n")
    assert _codes(gazetteer.validate([path]).errors) == ["too-many-aliases"]
    fits = write(f"- id: country:kg\n  names:\n    de: [{_many_names(MAX_ALIASES - has)}]\n")
    assert len(gazetteer.load([fits])["country:kg"].aliases) == MAX_ALIASES


def test_too_many_aliases_is_a_known_code_and_the_index_limit() -> None:
    assert "too-many-aliases" in PROBLEM_CODES
    assert MAX_ALIASES == _MASK  # past it, compile_index raises ValueError


@pytest.fixture
def odd_files(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A folder holding a good file, a symbolic link loop, a broken link and a FIFO,
    all named *.yaml, and a folder named *.yaml (walked, not read)."""
    root = tmp_path / "odd"
    root.mkdir()
    (root / "good.yaml").write_text(PERSON, encoding="utf-8")
    loop = root / "loop.yaml"
    loop.symlink_to(loop)
    broken = root / "broken.yaml"
    broken.symlink_to(root / "missing.yaml")
    fifo = root / "fifo.yaml"
    os.mkfifo(fifo)
    (root / "dir.yaml").mkdir()
    (root / "dir.yaml" / "inner.yaml").write_text("- id: person:i\n  name: I\n")
    yield {"root": root, "loop": loop, "broken": broken, "fifo": fifo}


def _within(seconds: float, run: Callable[[], object]) -> object:
    """``run()``, which must not hang (on a FIFO, say)."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(run())
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_links_that_go_nowhere_and_fifos_are_reported_never_skipped_nor_waited_on(
    odd_files: dict[str, Path],
) -> None:
    root = odd_files["root"]
    report = _within(30, lambda: gazetteer.validate([root], bundled=False))
    assert isinstance(report, gazetteer.Report)
    found = {(Path(p.source).name, p.code) for p in report.errors}
    assert found == {
        ("broken.yaml", "no-such-file"),
        ("fifo.yaml", "cannot-read"),
        ("loop.yaml", "cannot-read"),
    }
    messages = " ".join(p.message for p in report.errors)
    assert "broken symbolic link" in messages and "symbolic link loop" in messages
    assert "FIFO" in messages
    assert sorted(p.name for p in report.files) == ["good.yaml", "inner.yaml"]
    error = _within(30, lambda: gazetteer.load([root], bundled=False))
    assert isinstance(error, AliasFileError) and len(error.problems) == 3
    for name in ("loop", "broken", "fifo"):  # named directly, too
        path = odd_files[name]
        error = _within(30, lambda path=path: gazetteer.load([path], bundled=False))  # type: ignore[misc]
        assert isinstance(error, AliasFileError), error
        assert len(error.problems) == 1 and error.problems[0].source == str(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_put_in_a_files_place_is_never_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "late.yaml"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="FIFO"):
        _yaml.read_bytes(fifo)
    with pytest.raises(OSError, match="a folder"):
        _yaml.read_bytes(tmp_path)


def test_a_file_given_twice_is_read_once(write: Write, tmp_path: Path) -> None:
    path = write(PERSON)
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    for given in ([path, path], [path, str(path)], [tmp_path, path], [path, link], [tmp_path]):
        g = gazetteer.load(given, bundled=False)  # type: ignore[arg-type]
        assert [e.id for e in g.entities] == ["person:x"]
        report = gazetteer.validate(given, bundled=False)  # type: ignore[arg-type]
        assert report.errors == () and len(report.files) == 1


def test_every_problem_of_an_entry_is_reported(write: Write) -> None:
    path = write(
        "- id: Person:Bad Slug\n"  # 1: bad id
        "  nmes: {en: Y}\n"  # 2: unknown field
        "  names:\n"
        "    xx: [Foo]\n"  # 4: unknown language
        '    en: ["Tab\\there", Вэнc]\n'  # 5: control character, mixed script
        "  country: country:atlantis\n"  # 1: unknown reference
        "- name: No Id\n"  # 7: no id
        "  names: {zz: [A]}\n"  # 8: checked once the entry has an id
        "  bogus: 1\n"  # 9: its shape is read all the same
    )
    report = gazetteer.validate([path], bundled=False)
    found = sorted((p.line, p.code) for p in report.errors)
    assert found == [
        (1, "bad-id"),
        (1, "missing-field"),  # a new entity without a name
        (1, "unknown-reference"),
        (2, "unknown-field"),
        (4, "bad-language"),
        (5, "control-character"),
        (5, "mixed-script"),
        (7, "missing-field"),
        (9, "unknown-field"),
    ], report.errors
    assert len(_problems(path)) == len(report.errors)


def test_a_malformed_file_reports_the_entries_before_the_error_too(write: Write) -> None:
    path = write("- id: person:x\n  name: X\n  names: {xx: [Y]}\n- id: person:y\n  name: [oops\n")
    assert _codes(_problems(path)) == ["bad-language", "yaml-syntax"]
    assert _codes(_problems(write("- {id: person:x, name: X}\n---\n- {id: person:y}\n"))) == [
        "yaml-syntax"
    ]


# -- 5. loading stays linear ------------------------------------------------------------


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def test_large_entities_deny_lists_and_shared_names_cost_linear_time(write: Write) -> None:
    """Each of these took quadratic time: about 19 s (names added to one
    entity), 5 s (a deny list) and 2 s (a name 2,000 entities share) at a
    third of these sizes; now well under a second each."""
    overlay = write(f"- id: country:kg\n  weak:\n    de: [{_many_names(60_000)}]\n", "o.yaml")
    deny = write(f"- id: person:x\n  name: X\n  deny: [{_many_names(60_000)}]\n", "d.yaml")
    shared = write("".join(f"- id: person:p{i}\n  name: Same Name\n" for i in range(6_000)))
    gazetteer.load()  # the bundled data, outside the timings
    seconds = [
        _timed(lambda: gazetteer.validate([overlay])),
        _timed(lambda: gazetteer.load([deny], bundled=False)),
        _timed(lambda: gazetteer.validate([shared], bundled=False)),
    ]
    assert max(seconds) < 30, seconds
    warnings = gazetteer.validate([shared], bundled=False).warnings
    assert len(warnings) == 6_000
    assert warnings[0].message.endswith("and 5,994 more: it will resolve as ambiguous")
    assert len(warnings[0].message) < 200


def test_a_large_file_is_composed_entry_by_entry(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The node tree of a whole file took thirty times its size; each entry's
    nodes are now dropped once the entry is read."""
    composed: list[int] = []
    real = Composer.compose_node

    def compose_node(loader: object, parent: object, index: object) -> object:
        node = real(loader, parent, index)  # type: ignore[arg-type]
        if isinstance(parent, yaml.SequenceNode) and parent.start_mark.line == 0:
            composed.append(len(parent.value))  # the root list
        return node

    monkeypatch.setattr(Composer, "compose_node", compose_node)
    path = write("".join(f"- id: person:p{i}\n  name: P{i}\n" for i in range(100)))
    assert len(gazetteer.load([path], bundled=False).entities) == 100
    assert composed and set(composed) == {0}  # the root list never holds its items
