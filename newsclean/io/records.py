"""What readers yield: documents to clean, inputs that could not be read, and JSON lines not parsed yet."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Protocol

from .._compat import StrEnum
from ..errors import InputError

log = logging.getLogger(__name__)

RecordId = str | int


class ContentKind(StrEnum):
    """What a document holds, and so which cleaner it goes to."""

    TEXT = "text"  # a plain-text dump of a page: clean_texts
    HTML = "html"  # the page's HTML: clean_html


@dataclass(frozen=True, slots=True)
class RecordFields:
    """Names of the fields read from each JSON-lines record or Parquet row."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    html: str = "html"


@dataclass(frozen=True, slots=True)
class Document:
    """One input document: a dump or a page's HTML, and where it came from.

    ``source`` is the path, ``path:LINE`` for a JSON-lines record, ``path@OFFSET`` for a WARC record
    (byte offset of the record in the file), ``path#ROW`` for a Parquet row, or ``<stdin>``.
    ``fetched`` is when the page was fetched, where the input says (a WARC record's date); ``charset``
    the encoding its HTTP headers declare.
    """

    source: str
    content: str | bytes
    id: RecordId | None = None
    url: str | None = None
    kind: ContentKind = ContentKind.TEXT
    fetched: str | None = None
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be read, with the error saying where and why."""

    source: str
    error: InputError
    id: RecordId | None = None
    url: str | None = None

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # InputError's keyword arguments do not survive pickling an exception: send its parts instead
        error = self.error
        return _rejected, (self.source, error.source, error.cause, error.record, self.id, self.url)


def _rejected(
    source: str, error_source: str, cause: str, record: int | None, record_id: RecordId | None, url: str | None
) -> Rejected:
    return Rejected(source, InputError(error_source, cause, record=record), record_id, url)


@dataclass(frozen=True, slots=True)
class JsonLine:
    """One line of a JSON-lines file, read but not parsed yet: parsing happens where it is cleaned."""

    path: str
    line: int
    data: bytes
    fields: RecordFields

    def resolve(self) -> Document | Rejected:
        return parse_record(self.data, self.path, self.line, self.fields)


Item = Document | Rejected
Entry = Document | Rejected | JsonLine  # what readers yield; resolve() turns an entry into an item


def resolve(entry: Entry) -> Item:
    """The document or rejection an entry stands for."""
    return entry.resolve() if isinstance(entry, JsonLine) else entry


def entry_size(entry: Entry) -> int:
    """Bytes of input an entry came from (for throughput figures)."""
    if isinstance(entry, JsonLine):
        return len(entry.data)
    if isinstance(entry, Document):
        content = entry.content
        return len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
    return 0


def parse_record(line: bytes, source: str, lineno: int, fields: RecordFields) -> Item:
    """The document in one JSON object: its text field (a dump) or else its html field (a page)."""
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
        return reject(f"expected a JSON object, got {json_type(value)}")
    return document_from_fields(value, where, fields, reject)


def document_from_fields(value: dict[str, object], where: str, fields: RecordFields, reject: _Reject) -> Item:
    """A document from a record's fields (a JSON object or a Parquet row); ``reject`` builds the failure."""
    record_id = record_id_of(value.get(fields.id))
    url = value.get(fields.url)
    if url is not None and not isinstance(url, str):
        log.warning("%s: field %r is %s, not a string: ignored", where, fields.url, json_type(url))
        url = None
    for name, kind in ((fields.text, ContentKind.TEXT), (fields.html, ContentKind.HTML)):
        content = value.get(name)
        if content is None:
            continue
        if not isinstance(content, str):
            return reject(f"field {name!r} is {json_type(content)}, not a string", record_id, url)
        return Document(where, content, record_id, url, kind)
    if fields.text in value:  # present but null
        return reject(f"field {fields.text!r} is null, not a string", record_id, url)
    return reject(f"no {fields.text!r} field (nor {fields.html!r})", record_id, url)


class _Reject(Protocol):
    def __call__(self, cause: str, record_id: RecordId | None = None, url: str | None = None) -> Rejected: ...


def record_id_of(value: object) -> RecordId | None:
    """Strings and integers as they are; any other JSON value as its JSON text."""
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    if type(value) in names:
        return names[type(value)]
    return "a number" if isinstance(value, (int, float)) else type(value).__name__


def describe(exc: BaseException) -> str:
    """A short cause for an exception: the OS's message, or the exception's text, or its type."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
