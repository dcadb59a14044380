"""The README's Python example says what the code does: each line whose
comment gives a value is run and its value compared, and the printed lines
are compared with the comment lines under the loop."""

from __future__ import annotations

import contextlib
import enum
import io
import re
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"
# a comment that states a value: a string, a list or tuple, or an enum member
_VALUE = re.compile(r"^(?P<code>.+?)\s+# (?P<value>'[^']*'|\"[^\"]*\"|\[.*\]|\w+\.[A-Z_]+)(\s|$)")


def _example() -> list[str]:
    text = README.read_text("utf-8")
    block = text.split("```python\n", 1)[1].split("```", 1)[0]
    return block.splitlines()


def _shown(value: object) -> str:
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    return repr(value)


def test_the_readme_example_does_what_it_says() -> None:
    lines = _example()
    namespace: dict[str, object] = {}
    checked = 0
    at = 0
    while at < len(lines):
        line = lines[at]
        at += 1
        if "my_aliases/" in line or "packs=" in line or line.startswith("g3."):
            continue  # files of the reader's own; the cities pack is test_cities'
        if line.startswith("for "):
            body = [line]
            while at < len(lines) and lines[at].startswith("    "):
                body.append(lines[at])
                at += 1
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec("\n".join(body), namespace)
            expected = []
            while at < len(lines) and lines[at].startswith("# "):
                expected.append(lines[at][2:])
                at += 1
            assert printed.getvalue().splitlines() == expected
            checked += 1
            continue
        match = _VALUE.match(line)
        if match is None:
            exec(line.split("  #")[0] or "pass", namespace)
            continue
        value = eval(match["code"], namespace)
        assert _shown(value) == match["value"], line
        checked += 1
    assert checked >= 10  # the parser did not skip the example
