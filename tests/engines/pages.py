"""Made-up inputs the engine tests share: news pages (seed dumps wrapped in page furniture, metadata
fixtures, a Latin-1 page whose charset only HTTP gives, an empty page) as a WARC file and as JSON lines."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path
from typing import NamedTuple

from tests.cli.dumps import seed_texts

HTML_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


class Page(NamedTuple):
    url: str
    body: bytes
    content_type: str


def news_page(k: int, text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    return (
        f"<!doctype html><html><head><title>{html.escape(lines[0])} | Daily {k}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{html.escape(lines[0])}</h1>{paragraphs}</article>"
        "<aside><h2>Most read</h2><ul><li><a href='/x'>Weather warning for the weekend</a></li></ul></aside>"
        "<footer>© Daily News. All rights reserved.</footer></body></html>"
    )


def pages() -> list[Page]:
    found = [
        Page(f"https://news{k}.example.com/story/{k}", news_page(k, text).encode(), "text/html; charset=utf-8")
        for k, text in enumerate(seed_texts())
    ]
    found += [
        Page(f"https://fixtures.example.com/{path.stem}", path.read_bytes(), "text/html")
        for path in sorted(HTML_FIXTURES.glob("*.html"))[:4]
    ]
    latin = news_page(99, "Café à Genève\nLe café de la gare a rouvert ses portes après deux années de travaux.\n"
                      "Les habitués étaient nombreux à célébrer la réouverture, samedi matin.")
    found.append(Page("https://latin.example.com/cafe", latin.encode("latin-1"), "text/html; charset=iso-8859-1"))
    found.append(Page("https://empty.example.com/", b"", "text/html"))
    return found


def write_warc(path: Path, found: list[Page]) -> Path:
    """The pages as HTTP responses, with a warcinfo record, an image and a 404 that are not documents."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> object:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        return writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsclean tests"}))
        for page in found:
            writer.write_record(response(page.url, page.body, page.content_type))
        writer.write_record(response("https://news.example.com/logo.png", b"\x89PNG", "image/png"))
        writer.write_record(response("https://news.example.com/gone", b"", "text/html", "404 Not Found"))
    return path


def write_jsonl(path: Path, found: list[Page], *, field: str = "html") -> Path:
    """One ``{"id", "url", field}`` line per page (the page decoded as its charset says), and one line
    whose content is null, which becomes an error record."""
    with path.open("w", encoding="utf-8") as stream:
        for k, page in enumerate(found):
            charset = "latin-1" if "8859" in page.content_type else "utf-8"
            record = {"id": f"page-{k}", "url": page.url, field: page.body.decode(charset)}
            stream.write(json.dumps(record) + "\n")
        stream.write(json.dumps({"id": 404, "url": "https://null.example.com/", field: None}) + "\n")
    return path


def write_text_jsonl(path: Path) -> Path:
    """The seed dumps as ``{"id", "url", "text"}`` lines."""
    with path.open("w", encoding="utf-8") as stream:
        for k, text in enumerate(seed_texts()):
            stream.write(json.dumps({"id": k + 1, "url": f"https://dumps.example.com/{k}", "text": text}) + "\n")
    return path
