"""Records as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def json_line(record: Mapping[str, Any]) -> bytes:
    """``record`` as one UTF-8 JSON line, newline included.

    Text from JSON input may hold lone surrogates, which UTF-8 cannot encode: such a record is written
    with ASCII escapes instead, so that no record is lost.
    """
    line = json.dumps(record, ensure_ascii=False)
    try:
        return line.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(record).encode("ascii") + b"\n"
