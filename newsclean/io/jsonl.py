"""JSON-lines input (plain, ``.gz`` or ``.zst``): one entry per non-blank line, parsed later.

Lines are not parsed here: :class:`~newsclean.io.records.JsonLine` is parsed in the worker that cleans
it, which keeps the reading process light. A stream that is cut short or corrupt ends the file with one
:class:`~newsclean.io.records.Rejected` entry at the first line that could not be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from .compression import compression_of, open_decompressed, read_errors
from .records import Entry, JsonLine, RecordFields, Rejected, describe


def read_jsonl(raw: BinaryIO, source: str, fields: RecordFields) -> Iterator[Entry]:
    """Every non-blank line of the JSON-lines file ``source``, open as ``raw``."""
    lineno = 0
    try:
        lines = open_decompressed(raw, compression_of(source))
        for lineno, line in enumerate(lines, start=1):
            if line.strip():
                yield JsonLine(source, lineno, line, fields)
    except read_errors() as exc:
        where = f"{source}:{lineno + 1}"
        yield Rejected(where, InputError(source, f"cannot read: {describe(exc)}", record=lineno + 1))
