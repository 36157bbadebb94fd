"""The WARC written is standard (warcio reads it back whole) and survives a crash at any byte."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsclean.fetch import Page, WarcArchive, archived_urls
from newsclean.fetch.warc import cut_incomplete

warcio = pytest.importorskip("warcio")


def make_page(i: int, *, redirected: bool = False) -> Page:
    url = f"http://h{i}.test/p{i}?q=1"
    body = f"<html><head><title>Page {i}</title></head><body><p>page {i} {'x' * 50 * i}</p></body></html>"
    return Page(
        url=url,
        final_url=url + "&final" if redirected else url,
        status=200,
        reason_phrase="OK",
        http_version="HTTP/1.1",
        headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"), ("Content-Length", "99")),
        request_headers=(("Host", f"h{i}.test"), ("User-Agent", "newsclean/test")),
        body=body.encode("utf-8"),
        fetched_at="2026-12-02T00:00:00Z",
        redirects=(url, url + "&hop") if redirected else (),
    )


def read(path: Path) -> list[tuple[str, str | None, object, bytes]]:
    """(type, target URI, HTTP headers, content) of every record, as warcio reads them."""
    with open(path, "rb") as file:
        return [
            (
                record.rec_type,
                record.rec_headers.get_header("WARC-Target-URI"),
                record.http_headers,
                record.content_stream().read(),
            )
            for record in warcio.archiveiterator.ArchiveIterator(file, check_digests=True)
        ]


@pytest.mark.parametrize("name", ["pages.warc.gz", "pages.warc"])
def test_warcio_reads_back_requests_and_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    pages = [make_page(1), make_page(2, redirected=True)]
    with WarcArchive(path) as archive:
        for page in pages:
            archive.write(page)
    records = read(path)
    assert [r[0] for r in records] == ["warcinfo", "request", "response", "request", "metadata", "response"]
    responses = [r for r in records if r[0] == "response"]
    for page, (_, uri, http, content) in zip(pages, responses, strict=True):
        assert uri == page.final_url
        assert content == page.body
        assert http.get_statuscode() == "200"
        assert http.get_header("Content-Type") == "text/html; charset=utf-8"
        assert http.get_header("Content-Length") == str(len(page.body))
        assert http.get_header("Content-Encoding") is None  # the body is stored decoded
        assert http.get_header("X-Crawler-Content-Encoding") == "gzip"
    request = records[1][2]
    assert request.protocol == "GET" and request.get_header("User-Agent") == "newsclean/test"
    assert records[4][1] == pages[1].url
    assert b"redirect: http://h2.test/p2?q=1&hop" in records[4][3]
    assert archived_urls(path) == {page.url for page in pages}


@pytest.mark.parametrize("name", ["pages.warc.gz", "pages.warc"])
def test_append_after_a_crash_at_any_byte_keeps_every_whole_page(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with WarcArchive(path) as archive:
        archive.write(make_page(1))
        archive.write(make_page(2, redirected=True))
    before_last = path.stat().st_size
    with WarcArchive(path, append=True) as archive:
        archive.write(make_page(3, redirected=True))
    whole = path.read_bytes()
    cuts = range(before_last, len(whole) + 1, 3 if name.endswith(".gz") else 11)
    for cut in [*cuts, len(whole)]:
        path.write_bytes(whole[:cut])
        with WarcArchive(path, append=True) as archive:
            archive.write(make_page(4))
        kept = {make_page(1).url, make_page(2).url, make_page(4).url}
        if cut == len(whole):
            kept.add(make_page(3).url)
        assert archived_urls(path) == kept, cut
        types = [r[0] for r in read(path)]  # raises if any record is broken
        assert types.count("response") == len(kept), cut


def test_a_file_cut_inside_its_first_page_keeps_the_warcinfo(tmp_path: Path) -> None:
    path = tmp_path / "pages.warc.gz"
    with WarcArchive(path) as archive:
        archive.write(make_page(1))
    info_end = len(path.read_bytes()) - 1
    path.write_bytes(path.read_bytes()[:info_end])
    cut_incomplete(path)
    assert [r[0] for r in read(path)] == ["warcinfo"]
    path.write_bytes(b"garbage")
    cut_incomplete(path)
    assert path.read_bytes() == b""


def test_without_append_the_file_starts_anew(tmp_path: Path) -> None:
    path = tmp_path / "pages.warc.gz"
    for i in (1, 2):
        with WarcArchive(path) as archive:
            archive.write(make_page(i))
    assert archived_urls(path) == {make_page(2).url}


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        ("text/html; charset=ISO-8859-1", "ISO-8859-1"),
        ('text/html;CHARSET="utf-8"', "utf-8"),
        ("text/html; boundary=x; charset = koi8-r", "koi8-r"),
        ("text/html", None),
        ("text/html; charset=", None),
    ],
)
def test_page_charset_from_content_type(content_type: str, charset: str | None) -> None:
    assert replace(make_page(1), headers=(("Content-Type", content_type),)).charset == charset
