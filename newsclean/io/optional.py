"""Optional dependencies of the readers and writers, imported when first needed."""

from __future__ import annotations

import importlib
from types import ModuleType


def require(module: str, *, purpose: str, extra: str) -> ModuleType:
    """``module`` imported, or an ImportError saying what needs it and which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{purpose} need the {module.split('.')[0]} package: pip install 'newsclean[{extra}]'"
        ) from exc
