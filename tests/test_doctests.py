"""The examples in the package's docstrings run, and print what they say.

They run against the installed package (a wheel in CI), one test per module
whose source holds an example, so a false example fails here with doctest's
report.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

import gazetteer


def _modules_with_examples() -> list[str]:
    names = ["gazetteer"] + [
        info.name for info in pkgutil.walk_packages(gazetteer.__path__, prefix="gazetteer.")
    ]
    found = []
    for name in sorted(names):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        if origin and origin.endswith(".py") and ">>>" in Path(origin).read_text("utf-8"):
            found.append(name)
    return found


MODULES = _modules_with_examples()


def test_the_known_examples_are_collected() -> None:
    assert {"gazetteer", "gazetteer.phonetic"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    tests = doctest.DocTestFinder().find(module, name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    for test in tests:
        runner.run(test, out=report.append)
    assert runner.tries > 0, f"{name} holds '>>>' but doctest finds no example in it"
    assert runner.failures == 0, "".join(report)
