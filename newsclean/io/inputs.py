"""Input documents from paths: text dumps, directories of them, standard input, JSON lines.

Reading never stops at a bad input: an unreadable file, an invalid JSON line or a record without its
text comes out as a :class:`Rejected` item carrying an :class:`~newsclean.errors.InputError`, and the
iteration goes on with the next line or path.
"""

from __future__ import annotations

import gzip
import json
import logging
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .._compat import StrEnum
from ..errors import InputError

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_SOURCE = "<stdin>"
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_GZIP_ERRORS = (OSError, EOFError, zlib.error)  # gzip.BadGzipFile is an OSError

RecordId = str | int


class InputKind(StrEnum):
    """How a path is read."""

    TEXT = "text"  # one raw text dump per file
    JSONL = "jsonl"  # one JSON object per line, optionally gzip-compressed


@dataclass(frozen=True, slots=True)
class RecordFields:
    """Names of the fields read from each JSON-lines record."""

    text: str = "text"
    id: str = "id"
    url: str = "url"


@dataclass(frozen=True, slots=True)
class Document:
    """One input document: raw bytes of a dump or text of a record, and where it came from."""

    source: str  # a path, ``path:line`` for a JSON-lines record, or ``<stdin>``
    content: str | bytes
    id: RecordId | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be read, with the error saying where and why."""

    source: str
    error: InputError
    id: RecordId | None = None
    url: str | None = None


Item = Document | Rejected


def input_kind(path: Path) -> InputKind:
    """JSON lines for ``.jsonl`` and ``.jsonl.gz``, a text dump for anything else."""
    name = path.name.lower()
    return InputKind.JSONL if name.endswith(_JSONL_SUFFIXES) else InputKind.TEXT


def iter_documents(
    paths: Iterable[str], *, fields: RecordFields | None = None, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every document in ``paths``, in order; a directory gives its ``*.txt`` files, sorted, recursively.

    ``-`` reads ``stdin`` as one text dump.
    """
    fields = fields or RecordFields()
    for name in paths:
        if name == STDIN:
            yield _read_stdin(stdin)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                log.warning("%s: no .txt files in directory", path)
            for file in files:
                yield _read_text(file)
        elif input_kind(path) is InputKind.JSONL:
            yield from _read_jsonl(path, fields)
        else:
            yield _read_text(path)


def _read_stdin(stdin: BinaryIO | None) -> Item:
    if stdin is None:
        return Rejected(STDIN_SOURCE, InputError(STDIN_SOURCE, "standard input is not available"))
    try:
        return Document(STDIN_SOURCE, stdin.read())
    except OSError as exc:
        return Rejected(STDIN_SOURCE, InputError(STDIN_SOURCE, f"cannot read: {_describe(exc)}"))


def _read_text(path: Path) -> Item:
    log.info("reading %s", path)
    try:
        return Document(str(path), path.read_bytes())
    except (OSError, MemoryError) as exc:
        return Rejected(str(path), InputError(str(path), f"cannot read: {_describe(exc)}"))


def _read_jsonl(path: Path, fields: RecordFields) -> Iterator[Item]:
    log.info("reading %s", path)
    source = str(path)
    lineno = 0
    try:
        with _open_jsonl(path) as lines:
            for lineno, line in enumerate(lines, start=1):
                if line.strip():
                    yield _parse_record(line, source, lineno, fields)
    except _GZIP_ERRORS as exc:
        where = f"{source}:{lineno + 1}" if lineno else source
        record = lineno + 1 if lineno else None
        yield Rejected(where, InputError(source, f"cannot read: {_describe(exc)}", record=record))


def _open_jsonl(path: Path) -> BinaryIO:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _parse_record(line: bytes, source: str, lineno: int, fields: RecordFields) -> Item:
    where = f"{source}:{lineno}"

    def reject(cause: str, record_id: RecordId | None = None, url: str | None = None) -> Rejected:
        return Rejected(where, InputError(source, cause, record=lineno), record_id, url)

    try:
        value = json.loads(line)
    except UnicodeDecodeError as exc:
        return reject(f"line is not UTF-8 (byte {exc.start})")
    except json.JSONDecodeError as exc:
        return reject(f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return reject("invalid JSON: nested too deeply")
    if not isinstance(value, dict):
        return reject(f"expected a JSON object, got {_json_type(value)}")
    record_id = _record_id(value.get(fields.id))
    url = value.get(fields.url)
    if url is not None and not isinstance(url, str):
        log.warning("%s: field %r is %s, not a string: ignored", where, fields.url, _json_type(url))
        url = None
    if fields.text not in value:
        return reject(f"no {fields.text!r} field", record_id, url)
    text = value[fields.text]
    if not isinstance(text, str):
        return reject(f"field {fields.text!r} is {_json_type(text)}, not a string", record_id, url)
    return Document(where, text, record_id, url)


def _record_id(value: object) -> RecordId | None:
    """Strings and integers as they are; any other JSON value as its JSON text."""
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    return json.dumps(value, ensure_ascii=False)


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    if type(value) in names:
        return names[type(value)]
    return "a number"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
