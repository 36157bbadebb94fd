"""Small shims for Python 3.10, which lacks :class:`enum.StrEnum`."""

from __future__ import annotations

import enum
import sys

if sys.version_info >= (3, 11):
    StrEnum = enum.StrEnum
else:  # pragma: no cover - exercised only on 3.10

    class StrEnum(str, enum.Enum):
        """A string enum whose members compare and format as their values."""

        def __str__(self) -> str:
            return str(self.value)


__all__ = ["StrEnum"]
