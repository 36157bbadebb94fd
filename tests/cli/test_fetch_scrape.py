"""``newsclean scrape``: fetch then clean; its WARC, cleaned again from warcio, gives the same articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean.cli.main import main

pytest.importorskip("httpx")
warcio = pytest.importorskip("warcio")

from tests.fetch.server import Site, page, redirect  # noqa: E402 - after the skips

FAST = ["--delay", "0", "--retries", "0", "--timeout", "5"]


def article_html(title: str, extra: str = "") -> str:
    sentence = (
        "the council said on Tuesday that the new budget would raise spending on schools, libraries and "
        "public transport while trimming the cost of administration."
    )
    paragraphs = "".join(f"<p>{title}, paragraph {k}: {sentence}{extra}</p>" for k in range(4))
    return (
        f"<!doctype html><html><head><title>{title} | Daily News</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        '<aside><h3>Related posts</h3><ul><li><a href="/x">Other story one</a></li></ul></aside>'
        "<footer>Copyright 2026 Daily News. All rights reserved.</footer></body></html>"
    )


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    server.routes["/budget"] = page(article_html("Council approves budget"))
    server.routes["/cafe"] = page(
        article_html("Café prices rise", " Prix élevés à Zürich.").encode("latin-1"),
        content_type="text/html; charset=ISO-8859-1",
    )
    server.routes["/old-link"] = redirect("/budget-2")
    server.routes["/budget-2"] = page(article_html("Second budget vote"))
    server.routes["/menu"] = page("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    server.routes["/pdf"] = page(b"%PDF-1.4", content_type="application/pdf")
    try:
        yield server
    finally:
        server.close()


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def clean_warc(path: Path) -> dict[str, dict[str, Any]]:
    """Each response record of the WARC, read with warcio and cleaned with clean_html, with its WARC-Date."""
    cleaned = {}
    with open(path, "rb") as file:
        for record in warcio.archiveiterator.ArchiveIterator(file):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            content_type = record.http_headers.get_header("Content-Type") or ""
            charset = content_type.partition("charset=")[2].strip() or None
            body = record.content_stream().read()
            fetched = record.rec_headers.get_header("WARC-Date")
            cleaned[uri] = {"fetched": fetched, **newsclean.clean_html(body, url=uri, charset=charset).to_dict()}
    return cleaned


def test_scrape_gives_the_articles_its_warc_gives_again(site: Site, tmp_path: Path) -> None:
    urls = [
        site.url("/budget"),
        site.url("/cafe", "localhost"),
        site.url("/old-link"),
        site.url("/menu"),
        site.url("/pdf"),
    ]
    out, warc, rej = tmp_path / "articles.jsonl", tmp_path / "pages.warc.gz", tmp_path / "rejects.jsonl"
    argv = ["scrape", *urls, *FAST, "-o", str(out), "--warc", str(warc), "--rejects", str(rej)]
    assert main(argv) == 0
    scraped = {record["source"]: record for record in records(out)}
    from_warc = clean_warc(warc)
    assert (
        set(scraped)
        == set(from_warc)
        == {
            site.url("/budget"),
            site.url("/cafe", "localhost"),
            site.url("/budget-2"),
            site.url("/menu"),
        }
    )
    for source, record in scraped.items():
        assert {k: v for k, v in record.items() if k not in ("id", "source")} == from_warc[source]
    budget = scraped[site.url("/budget")]
    assert budget["status"] == "ok" and budget["title"] == "Council approves budget"
    assert "paragraph 3" in budget["text"] and "Related posts" not in budget["text"]
    assert "Prix élevés à Zürich" in scraped[site.url("/cafe", "localhost")]["text"]
    assert scraped[site.url("/budget-2")]["id"] == site.url("/old-link")  # the URL asked for
    assert scraped[site.url("/menu")]["status"] != "ok"  # cleaned, but no article: a record with a reason
    assert [r["url"] for r in records(rej)] == [site.url("/pdf")]


def test_clean_reads_the_warc_of_fetch_and_gives_the_articles_of_scrape(site: Site, tmp_path: Path) -> None:
    urls = [site.url("/budget"), site.url("/cafe", "localhost"), site.url("/old-link"), site.url("/menu")]
    warc, scraped_path = tmp_path / "pages.warc.gz", tmp_path / "articles.jsonl"
    assert main(["fetch", *urls, *FAST, "-o", str(warc)]) == 0
    assert main(["scrape", *urls, *FAST, "-o", str(scraped_path)]) == 0
    cleaned_path = tmp_path / "cleaned.jsonl"
    assert main(["clean", str(warc), "-o", str(cleaned_path), "--jobs", "1", "--no-progress"]) == 0
    article_fields = set(newsclean.Article().to_dict())
    scraped = {r["source"]: {k: v for k, v in r.items() if k in article_fields} for r in records(scraped_path)}
    cleaned = [{k: v for k, v in r.items() if k in article_fields} for r in records(cleaned_path)]
    assert len(cleaned) == len(scraped) == 4
    key = lambda record: json.dumps(record, sort_keys=True)  # noqa: E731
    assert sorted(map(key, cleaned)) == sorted(map(key, scraped.values()))
    assert sorted(r["status"] for r in cleaned) == ["not_article", "ok", "ok", "ok"]


def test_scrape_writes_to_standard_output(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scrape", site.url("/budget"), *FAST]) == 0
    out, err = capsys.readouterr()
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"] == site.url("/budget") and record["status"] == "ok"
    assert "urls=1 fetched=1 rejected=0 skipped=0 ok=1" in err


def test_scrape_resume_skips_cleaned_urls_and_drops_a_cut_line(site: Site, tmp_path: Path) -> None:
    out, warc = tmp_path / "articles.jsonl", tmp_path / "pages.warc.gz"
    assert main(["scrape", site.url("/budget"), site.url("/menu"), *FAST, "-o", str(out), "--warc", str(warc)]) == 0
    with open(out, "ab") as file:
        file.write(b'{"id": "http://cut')  # a crash in the middle of a line
    everything = [site.url("/budget"), site.url("/menu"), site.url("/cafe")]
    assert main(["scrape", *everything, *FAST, "-o", str(out), "--warc", str(warc), "--resume"]) == 0
    assert [r["id"] for r in records(out)] == everything
    assert site.paths().count("/budget") == 1
    assert set(clean_warc(warc)) == set(everything)


def test_scrape_options_reach_the_cleaner(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scrape", site.url("/budget"), *FAST]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "en"
    assert main(["scrape", site.url("/budget"), *FAST, "--language", "de"]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "de"


def test_scrape_resume_needs_an_output_file(site: Site) -> None:
    assert main(["scrape", site.url("/budget"), "--resume"]) == 2
