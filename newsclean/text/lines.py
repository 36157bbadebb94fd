"""Split a dump into lines the classifier can judge."""

from __future__ import annotations

import re

_ODD_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00]")
_LINE_BREAKS = str.maketrans(
    {
        "\r": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x1c": "\n",
        "\x1d": "\n",
        "\x1e": "\n",
        "\x85": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\x00": " ",
    }
)


def normalise(text: str) -> str:
    """One ``\\n`` per line break (``\\r\\n``, ``\\r`` and Unicode separators included), no NUL."""
    if _ODD_BREAKS.search(text) is None:
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.translate(_LINE_BREAKS)


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` after :func:`normalise`, without their line breaks."""
    return normalise(text).split("\n")
