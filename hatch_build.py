"""Build hook: compile the bundled index into the wheel.

The first load on a machine then reads this compiled index instead of
compiling pycountry's data and the alias files (see docs/performance.md).
The index is filed under the same key a load computes from the installed
package, so a load never uses one compiled from other sources: the
installed pycountry must be the one the wheel was built with, else the
load falls back to the user's cache.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileBundledIndex(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from gazetteer import cache, loader

            index, key = loader.compile_bundled()
            name = loader.cache_name(())
            folder = Path(tempfile.mkdtemp(prefix="gazetteer-build-"))
            cache.write_index(name, key, index, folder)
        finally:
            sys.path.pop(0)
        artefact = folder / f"{name}-{key}.json"
        if not artefact.is_file():
            raise RuntimeError(f"could not write the compiled index to {artefact}")
        build_data["force_include"][str(artefact)] = f"gazetteer/_data/compiled/{artefact.name}"
