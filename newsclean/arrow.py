"""The article record as Arrow: :data:`RECORD_SCHEMA`, and :func:`clean_batch`, the unit every engine calls.

Spark (``mapInArrow``), datatrove, Dask or a plain script hand :func:`clean_batch` a
``pyarrow.RecordBatch`` of pages or dumps and get back one record per row, in the schema the Parquet
writer of ``newsclean clean`` uses too, so a record is the same whichever engine produced it.

>>> import pyarrow as pa
>>> from newsclean.arrow import clean_batch
>>> pages = pa.record_batch({"url": ["https://example.com/a"], "html": ["<html>…</html>"]})  # doctest: +SKIP
>>> clean_batch(pages, column="html", mode="html").to_pylist()  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ._compat import StrEnum
from .errors import InputError
from .io.optional import require
from .io.records import ContentKind, Document, Item, Rejected, record_id_of
from .options import Options
from .record import Article
from .run.dispatch import clean_items
from .run.worker import record_of

pa = require("pyarrow", purpose="Arrow record batches", extra="arrow")

# What each column holds. Every column is a nullable string: an id that is a number is written as its
# decimal text, dates stay ISO 8601 text as the page gave them. ``decisions`` (Options.explain) is JSON only.
_DESCRIPTIONS = {
    "id": "the input's id (JSON id field, WARC-Record-ID), as text",
    "source": "where the input came from: path, path:LINE, path@OFFSET (WARC), path#ROW (Parquet)",
    "fetched": "when the page was fetched, where the input says (WARC-Date)",
    "text": "the article body, one paragraph per line",
    "title": "the headline",
    "author": "the byline",
    "published": "publication date, ISO 8601",
    "site": "the site's name",
    "url": "the page's URL",
    "language": "ISO 639-1 code",
    "status": "ok, empty, not_article or error",
    "reason": "why a record that is not ok has no body",
    "extractor": "which path produced the record (a newsclean.Extractor value: text-lines, html-blocks…)",
    "description": "the page's description from its metadata",
    "image": "the page's lead image URL from its metadata",
    "markdown": "the body as Markdown when Options.markdown is set, else null",
    "rule": "the site rule applied (newsclean.sites), null when none was",
}
RECORD_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "fetched",
    *(f.name for f in dataclasses.fields(Article) if f.name != "decisions"),
)
RECORD_SCHEMA = pa.schema(
    [pa.field(name, pa.string(), metadata={"description": _DESCRIPTIONS[name]}) for name in RECORD_COLUMNS],
    metadata={"newsclean": "article record"},
)


# What read_warc_batches gives: one row per document of a WARC/WET file, or per record that could not be
# read (``error`` says why; ``content`` is then null). clean_batch(batch, column="content", mode="auto").
DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string()),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("fetched", pa.string()),
        pa.field("charset", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("content", pa.binary()),
        pa.field("error", pa.string()),
    ]
)
WARC_BATCH_ROWS = 64


class Mode(StrEnum):
    """What the content column holds."""

    HTML = "html"  # pages' HTML (strings, or bytes decoded with the charset column, <meta charset>…)
    TEXT = "text"  # plain-text dumps
    AUTO = "auto"  # per row, as the ``kind`` column says ("html" or "text"), as newsclean.spark.read_warc gives


def read_warc_batches(path: str, *, batch_rows: int = WARC_BATCH_ROWS) -> Iterator[Any]:
    """The documents of the WARC or WET file at ``path`` (or an fsspec URL) as record batches in
    :data:`DOCUMENT_SCHEMA`, read as ``newsclean clean`` reads them (same sources, ids, charsets; a broken
    record is one row with its ``error``)."""
    from .io.warc import read_warc

    rows: list[dict[str, Any]] = []
    with _open(path) as raw:
        for entry in read_warc(raw, path, Counter()):
            rows.append(_document_row(entry) if isinstance(entry, Document) else _rejected_row(entry))
            if len(rows) >= batch_rows:
                yield pa.RecordBatch.from_pylist(rows, schema=DOCUMENT_SCHEMA)
                rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=DOCUMENT_SCHEMA)


def _open(path: str) -> Any:
    """A local file, or a URL (``s3://…``, ``hdfs://…``) through fsspec."""
    if "://" not in path or path.startswith("file://"):
        return open(path.removeprefix("file://"), "rb")
    fsspec = require("fsspec", purpose="WARC files at URLs", extra="spark")
    return fsspec.open(path, "rb").open()


def _document_row(document: Document) -> dict[str, Any]:
    content = document.content
    return {
        "id": text_or_none(document.id),
        "source": document.source,
        "url": document.url,
        "fetched": document.fetched,
        "charset": document.charset,
        "kind": document.kind.value,
        "content": content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"),
    }


def _rejected_row(entry: Any) -> dict[str, Any]:
    return {"id": text_or_none(entry.id), "source": entry.source, "url": entry.url, "error": entry.error.cause}


def records_batch(records: Iterable[Mapping[str, Any]]) -> Any:
    """Output records (``record_of`` mappings) as a ``pyarrow.RecordBatch`` in :data:`RECORD_SCHEMA`;
    a missing column is null and a value that is not a string is written as its text."""
    rows = list(records)
    columns = [pa.array([text_or_none(row.get(name)) for row in rows], pa.string()) for name in RECORD_COLUMNS]
    return pa.RecordBatch.from_arrays(columns, schema=RECORD_SCHEMA)


def clean_batch(
    batch: Any,
    *,
    column: str = "html",
    mode: Mode | str = Mode.HTML,
    url_column: str = "url",
    id_column: str = "id",
    options: Options | None = None,
) -> Any:
    """One record per row of ``batch`` (a ``pyarrow.RecordBatch`` or ``Table``), in row order, as a
    ``RecordBatch`` in :data:`RECORD_SCHEMA`.

    ``column`` holds the content (string or binary); ``url_column`` and ``id_column`` are used when
    present. Columns ``source``, ``fetched``, ``charset`` (the HTTP charset of binary HTML) and ``error``
    are used when present (as :func:`read_warc_batches` gives them), and ``kind`` in :attr:`Mode.AUTO`.
    A null content gives an ``error`` record.
    """
    mode = Mode(mode)
    names = set(batch.schema.names)
    if column not in names:
        raise InputError("<arrow>", f"no column {column!r} (columns: {', '.join(batch.schema.names)})")
    if mode is Mode.AUTO and "kind" not in names:
        raise InputError("<arrow>", "mode 'auto' needs a 'kind' column")
    rows = batch.num_rows

    def values(name: str) -> list[Any]:
        return batch.column(name).to_pylist() if name in names else [None] * rows

    kinds = values("kind") if mode is Mode.AUTO else [mode.value] * rows
    items = [
        _item(row, column)
        for row in zip(
            values(column), kinds, values(id_column), values(url_column), values("source"),
            values("fetched"), values("charset"), values("error"), strict=True,
        )
    ]
    articles = clean_items(items, options or Options())
    return records_batch(record_of(item, article) for item, article in zip(items, articles, strict=True))


def _item(row: tuple[Any, ...], column: str) -> Item:
    """The document (or rejection) of one row: content, kind, id, url, source, fetched, charset, error."""
    content, kind, raw_id, url, source, fetched, charset, error = row
    where = source if isinstance(source, str) else "<arrow>"
    record_id = record_id_of(raw_id)
    url = url if isinstance(url, str) else None
    if isinstance(error, str):  # a WARC record read_warc_batches could not read: PATH@OFFSET and the cause
        return Rejected(where, InputError(where.rpartition("@")[0] or where, error), record_id, url)
    if content is None:
        return Rejected(where, InputError(where, f"column {column!r} is null"), record_id, url)
    if kind not in (ContentKind.HTML.value, ContentKind.TEXT.value):
        return Rejected(where, InputError(where, f"kind {kind!r} is neither 'html' nor 'text'"), record_id, url)
    return Document(
        where,
        content if isinstance(content, (str, bytes)) else str(content),
        record_id,
        url,
        ContentKind(kind),
        fetched if isinstance(fetched, str) else None,
        charset if isinstance(charset, str) else None,
    )


def text_or_none(value: object) -> str | None:
    return value if value is None or isinstance(value, str) else str(value)
