"""The one place that picks a YAML loader: always a safe one, never a loader
that can construct arbitrary objects; the C implementation when available."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["SafeLoader"]
