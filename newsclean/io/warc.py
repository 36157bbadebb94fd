"""WARC and WET input through warcio: HTML responses, and the text conversions of WET files.

Documents are ``response`` and ``resource`` records with a 2xx status and an HTML content type (each
with its URL, date and record id), and ``conversion`` records (the plain text of a WET file). Other
records (requests, metadata, redirects, images…) are not documents: they are counted in ``skipped``.

A broken record (bad header, corrupt gzip member, a record cut short) gives one
:class:`~newsclean.io.records.Rejected` at its offset; reading goes on at the next record start found
after it (the next gzip member in a ``.warc.gz``, the next ``WARC/`` line in a plain WARC).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from ..errors import InputError
from .optional import require
from .records import ContentKind, Document, Entry, Rejected, describe

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/"
_SCAN_BLOCK = 1 << 20
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def read_warc(raw: BinaryIO, source: str, skipped: Counter[str]) -> Iterator[Entry]:
    """Documents of the WARC file ``source``, open (seekable) as ``raw``."""
    archive_iterator = _archive_iterator_class()
    gzipped = raw.read(3) == _GZIP_MAGIC
    start: int | None = 0
    reported = False  # a rejection was already given for the broken stretch being skipped
    while start is not None:
        raw.seek(start)
        records = archive_iterator(raw, check_digests=False)
        good_end = start
        try:
            for record in records:
                found = _document(record, skipped)  # read before asking the offset, which skips the record
                records.read_to_end(record)
                offset = start + records.get_record_offset()
                good_end = offset + records.get_record_length()
                reported = False
                if isinstance(found, str):
                    yield Rejected(f"{source}@{offset}", InputError(source, f"{found} (at byte {offset})"))
                elif found is not None:
                    yield replace(found, source=f"{source}@{offset}")
            if _has_data_after(raw, good_end):
                cause = f"WARC file cut short: the data after byte {good_end} is not a whole record"
                yield Rejected(f"{source}@{good_end}", InputError(source, cause))
            return
        except Exception as exc:  # warcio raises many kinds on broken input; each one is a broken record
            broken = good_end
            if not reported:
                cause = f"broken WARC record: {describe(exc)}"[:300]
                yield Rejected(f"{source}@{broken}", InputError(source, f"{cause} (at byte {broken})"))
                reported = True
            start = _next_record_start(raw, broken + 1, gzipped)
            log.info("%s: broken record at byte %d; next record start: %s", source, broken, start)


def _document(record: Any, skipped: Counter[str]) -> Document | str | None:
    """The record's document (its source still to be set), why the record is broken, or None after
    counting why it is not a document."""
    kind = record.rec_type
    headers = record.rec_headers
    where = ""
    if not kind:
        return "broken WARC record: no WARC-Type header"
    url = headers.get_header("WARC-Target-URI")
    record_id = headers.get_header("WARC-Record-ID")
    fetched = headers.get_header("WARC-Date")
    if kind == "conversion":
        return Document(where, record.content_stream().read(), record_id, url, ContentKind.TEXT, fetched)
    if kind not in ("response", "resource"):
        skipped[f"warc {kind} record"] += 1
        return None
    content_type = headers.get_header("Content-Type") or ""
    if kind == "response":
        if record.http_headers is None:
            skipped["warc response without HTTP headers"] += 1
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            skipped[f"warc response with HTTP status {status or 'missing'}"] += 1
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    if not content_type.lower().lstrip().startswith(_HTML_TYPES):
        skipped["warc record that is not HTML"] += 1
        return None
    charset = _CHARSET.search(content_type)
    content = record.content_stream().read()
    return Document(where, content, record_id, url, ContentKind.HTML, fetched, charset and charset.group(1))


def _has_data_after(raw: BinaryIO, position: int) -> bool:
    """True when more than blank bytes follow ``position`` (warcio ends quietly on a record cut short)."""
    raw.seek(position)
    return bool(raw.read(_SCAN_BLOCK).strip(b"\r\n\t \x00"))


def _next_record_start(raw: BinaryIO, position: int, gzipped: bool) -> int | None:
    """Offset of the first gzip member (or ``WARC/`` line) at or after ``position``; None at the end."""
    marker = _GZIP_MAGIC if gzipped else _WARC_LINE
    skip = 0 if gzipped else 1  # the record starts after the newline
    raw.seek(position)
    base = position
    tail = b""
    while block := raw.read(_SCAN_BLOCK):
        data = tail + block
        found = data.find(marker)
        if found >= 0:
            return base - len(tail) + found + skip
        tail = data[-(len(marker) - 1) :]
        base += len(block)
    return None


def _archive_iterator_class() -> Any:
    return require("warcio.archiveiterator", purpose="WARC files", extra="warc").ArchiveIterator
