"""Fetched pages as a WARC file (ISO 28500, written with warcio), and which URLs a WARC already holds.

Each page is one group of records, written at once: a ``request`` record, a ``metadata`` record when
the URL was redirected (its Target-URI is the URL asked for; its ``redirect`` fields list the hops),
and last the ``response`` record, whose Target-URI is the URL the body came from. As Common Crawl does,
the payload is stored with its Content-Encoding undone; the original Content-Encoding, Content-Length
and Transfer-Encoding headers are kept under ``X-Crawler-`` names and Content-Length is the stored length.
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO
from urllib.parse import urlsplit

from .. import __version__
from ._deps import warcio
from .result import Headers, Page

_RENAMED = ("content-encoding", "content-length", "transfer-encoding")
_CHUNK = 1 << 16
_HEAD = 1 << 16  # longest WARC header block read


class WarcArchive:
    """Writes pages to ``path`` (gzip-compressed, one member a record, when it ends in ``.gz``).

    With ``append`` the file is kept: a group cut short by a crash is cut off first, then new pages
    follow. Otherwise the file is started anew with a ``warcinfo`` record.
    """

    def __init__(self, path: str | os.PathLike[str], *, append: bool = False) -> None:
        self.path = Path(path)
        self._gzip = self.path.name.endswith(".gz")
        if append and self.path.exists():
            cut_incomplete(self.path)
        self._file: BinaryIO = open(self.path, "ab" if append else "wb")  # noqa: SIM115 - closed by close()
        if self._file.tell() == 0:
            self._write_records([_warcinfo(self._builder(), self.path.name)])

    def write(self, page: Page) -> None:
        """Append the records of one page and flush them to the file."""
        builder = self._builder()
        response = builder.create_warc_record(
            page.final_url,
            "response",
            payload=io.BytesIO(page.body),
            length=len(page.body),
            http_headers=warcio.statusandheaders.StatusAndHeaders(
                f"{page.status} {page.reason_phrase}".rstrip(),
                _stored_headers(page.headers, len(page.body)),
                protocol=page.http_version,
            ),
            warc_headers_dict={"WARC-Date": page.fetched_at},
        )
        response_id = response.rec_headers.get_header("WARC-Record-ID")
        linked = {"WARC-Date": page.fetched_at, "WARC-Concurrent-To": response_id}
        parts = urlsplit(page.final_url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        request = builder.create_warc_record(
            page.final_url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=warcio.statusandheaders.StatusAndHeaders(
                f"GET {target} {page.http_version}", list(page.request_headers), is_http_request=True
            ),
            warc_headers_dict=linked,
        )
        records = [request]
        if page.redirects:
            fields = "".join(f"redirect: {url}\r\n" for url in (*page.redirects[1:], page.final_url))
            records.append(
                builder.create_warc_record(
                    page.url,
                    "metadata",
                    payload=io.BytesIO(fields.encode("utf-8")),
                    length=len(fields.encode("utf-8")),
                    warc_content_type="application/warc-fields",
                    warc_headers_dict=linked,
                )
            )
        records.append(response)
        self._write_records(records)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _builder(self) -> warcio.warcwriter.WARCWriter:
        return warcio.warcwriter.WARCWriter(io.BytesIO(), gzip=self._gzip, warc_version="1.1")

    def _write_records(self, records: list[warcio.recordloader.ArcWarcRecord]) -> None:
        buffer = io.BytesIO()
        writer = warcio.warcwriter.WARCWriter(buffer, gzip=self._gzip, warc_version="1.1")
        for record in records:
            writer.write_record(record)
        self._file.write(buffer.getvalue())
        self._file.flush()


def archived_urls(path: str | os.PathLike[str]) -> set[str]:
    """The URLs asked for whose pages ``path`` holds (a redirected page counts under the URL asked for)."""
    return {requested for requested, _ in _groups(Path(path))}


def cut_incomplete(path: Path) -> None:
    """Truncate ``path`` after its last complete page group (a crash may have cut the last one short).

    A file holding no complete group keeps its leading ``warcinfo`` record, if that is whole.
    """
    end = 0
    for _, end in _groups(path):  # noqa: B007 - the last end is the one wanted
        pass
    if end == 0:
        end = next((stop for headers, stop in _records(path) if headers.get("warc-type") == "warcinfo"), 0)
    if end < path.stat().st_size:
        with open(path, "r+b") as file:
            file.truncate(end)


def _groups(path: Path) -> Iterator[tuple[str, int]]:
    """For each complete page group: the URL asked for, and the file offset where the group ends."""
    requested: str | None = None
    for headers, end in _records(path):
        kind, uri = headers.get("warc-type"), headers.get("warc-target-uri", "")
        if kind == "metadata":
            requested = uri
        elif kind == "response":
            yield requested or uri, end
            requested = None


def _records(path: Path) -> Iterator[tuple[dict[str, str], int]]:
    """The WARC headers (lower-case names) and end offset of each whole record, up to the first broken one.

    Whole means every byte is there: for a gzip file, the record's member decompresses to its end; for
    a plain file, the block has its Content-Length and the two line breaks after it.
    """
    with open(path, "rb") as file:
        yield from (_gzip_records(file) if path.name.endswith(".gz") else _plain_records(file))


def _gzip_records(file: BinaryIO) -> Iterator[tuple[dict[str, str], int]]:
    end = 0
    rest = b""
    while True:
        member = zlib.decompressobj(wbits=31)
        head = b""
        read = 0
        while not member.eof:
            chunk = rest or file.read(_CHUNK)
            rest = b""
            if not chunk:
                return
            try:
                out = member.decompress(chunk)
            except zlib.error:
                return
            head += out[: _HEAD - len(head)]
            read += len(chunk)
        rest = member.unused_data
        end += read - len(rest)
        headers = _parse_headers(head)
        if headers is None:
            return
        yield headers, end


def _plain_records(file: BinaryIO) -> Iterator[tuple[dict[str, str], int]]:
    size = os.fstat(file.fileno()).st_size
    while True:
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            line = file.readline(_HEAD)
            if not line or len(head) > _HEAD:
                return
            head += line
        headers = _parse_headers(head)
        if headers is None or not headers.get("content-length", "").isdigit():
            return
        end = file.tell() + int(headers["content-length"]) + 4
        if end > size:
            return
        file.seek(end - 4)
        if file.read(4) != b"\r\n\r\n":
            return
        yield headers, end


def _parse_headers(head: bytes) -> dict[str, str] | None:
    """The named fields of a WARC header block, or ``None`` if ``head`` does not start with one."""
    block, found, _ = head.partition(b"\r\n\r\n")
    lines = block.decode("utf-8", errors="replace").split("\r\n")
    if not found or not lines[0].startswith("WARC/"):
        return None
    fields = (line.partition(":") for line in lines[1:])
    return {name.strip().lower(): value.strip() for name, _, value in fields}


def _warcinfo(builder: warcio.warcwriter.WARCWriter, filename: str) -> warcio.recordloader.ArcWarcRecord:
    return builder.create_warcinfo_record(
        filename, {"software": f"newsclean/{__version__}", "format": "WARC File Format 1.1"}
    )


def _stored_headers(headers: Headers, length: int) -> list[tuple[str, str]]:
    """Response headers as stored with a decoded payload: encodings renamed, Content-Length the real one."""
    stored = [(f"X-Crawler-{key}" if key.lower() in _RENAMED else key, value) for key, value in headers]
    stored.append(("Content-Length", str(length)))
    return stored
