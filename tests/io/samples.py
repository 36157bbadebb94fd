"""Small WARC and Parquet files made in tests, and corrupting them where a record or row group lies."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

PAGE = "City council approves new budget\nThe council approved a budget that raises spending on schools.\n"


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], *, gz: bool = True) -> list[int]:
    """Records of (type, url, payload, content type); returns each record's offset."""
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    buffer = io.BytesIO()
    writer = warcio.warcwriter.WARCWriter(buffer, gzip=gz)
    offsets = []
    for kind, url, payload, content_type in records:
        offsets.append(buffer.tell())
        if kind == "response":
            status = "404 Not Found" if "missing" in url else "200 OK"
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=http
            )
        else:
            record = writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), length=len(payload), warc_content_type=content_type
            )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return offsets


def html_page(k: int) -> bytes:
    story = (
        f"<p>The council met for the {k}th time this year on Tuesday and agreed to repair the old bridge over "
        "the river before the winter comes, the mayor said after the vote.</p><p>Work will start in March and "
        "last about a year; a ferry will carry cyclists and walkers across while the bridge is closed.</p>"
    )
    return f"<html><body><article><h1>Title {k}</h1>{story}</article></body></html>".encode()


WARC_RECORDS = [
    ("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
    ("response", "https://example.com/0", html_page(0), "text/html; charset=utf-8"),
    ("response", "https://example.com/img.png", b"\x89PNG", "image/png"),
    ("response", "https://example.com/1", html_page(1), "text/html"),
    ("response", "https://example.com/missing", html_page(9), "text/html"),
    ("response", "https://example.com/2", html_page(2), "application/xhtml+xml"),
    ("response", "https://example.com/3", html_page(3), "text/html"),
]


def write_parquet(path: Path, rows: int, row_group_size: int) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "id": [f"r{k}" for k in range(rows)],
            "url": [f"https://example.com/{k}" for k in range(rows)],
            "text": [f"{PAGE} number {k} " + "filler words " * 30 for k in range(rows)],
        }
    )
    pq.write_table(table, path, row_group_size=row_group_size, compression="snappy")


def corrupt_warc_record(path: Path, offset: int) -> None:
    """Overwrite bytes just inside the record at ``offset`` (its gzip member, or its WARC header lines)."""
    data = bytearray(path.read_bytes())
    data[offset + 12 : offset + 40] = b"#" * 28
    path.write_bytes(bytes(data))


def corrupt_row_group(path: Path, group: int, column: int = 2) -> None:
    """Scramble the first data page of one column chunk of row group ``group``."""
    pq = pytest.importorskip("pyarrow.parquet")
    start = pq.ParquetFile(path).metadata.row_group(group).column(column).data_page_offset
    data = bytearray(path.read_bytes())
    data[start + 4 : start + 40] = bytes(b ^ 0x5A for b in data[start + 4 : start + 40])
    path.write_bytes(bytes(data))
