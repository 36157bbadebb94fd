"""Metadata never raises and stays fast on odd input: fragments, no head, deep nesting, huge pages, junk."""

from __future__ import annotations

import time

import lxml.etree
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.html.meta import HtmlMeta, extract_html_metadata


def test_fragment_and_bare_elements() -> None:
    assert extract_html_metadata(lxml.html.fromstring("<p>just a paragraph</p>")) == HtmlMeta()
    meta = extract_html_metadata(lxml.html.fromstring("<div><h1>Only a heading</h1><p>x</p></div>"))
    assert meta.title == "Only a heading"
    root = lxml.html.document_fromstring("<html><body><h1>Deep title</h1><p>x</p></body></html>")
    assert extract_html_metadata(root.find("body")).title == "Deep title"  # any element of the page


def test_no_head_and_metadata_in_body() -> None:
    html = '<body><meta property="og:title" content="Body meta"><title>Late title</title><p>x</p></body>'
    assert extract_html_metadata(lxml.html.document_fromstring(html)).title == "Body meta"


def test_comments_processing_instructions_and_svg_titles() -> None:
    html = (
        "<html><head><!-- a comment --><?php echo 1; ?></head><body>"
        "<svg><title>Icon name</title></svg><h1>Real headline</h1></body></html>"
    )
    assert extract_html_metadata(lxml.html.document_fromstring(html)).title == "Real headline"


def test_deep_nesting_from_the_parser() -> None:
    depth = 100_000  # libxml2 stops nesting at its depth limit; whatever tree it builds must be handled
    html = (
        "<html><body>" + "<div>" * depth + "<p class='byline'>By Deep Author</p>" + "</div>" * depth + "</body></html>"
    )
    for huge in (False, True):
        tree = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=huge))
        start = time.perf_counter()
        assert isinstance(extract_html_metadata(tree), HtmlMeta)
        assert time.perf_counter() - start < 10


def test_deep_tree_built_in_code() -> None:
    root = lxml.html.document_fromstring("<html><head></head><body></body></html>")
    node = root.find("body")
    for _ in range(5000):
        node = lxml.etree.SubElement(node, "div")
    byline = lxml.etree.SubElement(node, "p", {"class": "byline"})
    byline.text = "By Deep Author"
    start = time.perf_counter()
    meta = extract_html_metadata(root)
    assert time.perf_counter() - start < 10
    assert meta.author == "Deep Author"


def test_huge_page_with_many_meta_tags_and_scripts() -> None:
    head = (
        '<meta name="x" content="y">' * 20_000
        + '<script type="application/ld+json">{"@type": "Article"}</script>' * 200
    )
    body = "<p>" + "word " * 200_000 + "</p>"
    tree = lxml.html.document_fromstring(
        f"<html><head><title>Big page title here</title>{head}</head><body>{body}</body></html>"
    )
    start = time.perf_counter()
    meta = extract_html_metadata(tree)
    assert time.perf_counter() - start < 10
    assert meta.title == "Big page title here"


def test_unparseable_tree_like_objects() -> None:
    xml = lxml.etree.fromstring("<root><title>x</title></root>")
    assert isinstance(extract_html_metadata(xml), HtmlMeta)
    assert extract_html_metadata(object()) == HtmlMeta()  # type: ignore[arg-type]


def test_weird_urls() -> None:
    tree = lxml.html.document_fromstring(
        '<html><head><link rel="canonical" href="http://[::1"></head><body>x</body></html>'
    )
    assert isinstance(extract_html_metadata(tree, url="http://[bad"), HtmlMeta)


_TAGS = st.sampled_from(["meta", "title", "time", "h1", "script", "link", "div", "span", "base", "html"])
_ATTRS = st.dictionaries(
    st.sampled_from(["property", "name", "content", "datetime", "rel", "href", "class", "itemprop", "type", "lang"]),
    st.text(max_size=30),
    max_size=4,
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(_TAGS)
        attrs = " ".join(f'{k}="{v.replace(chr(34), "")}"' for k, v in draw(_ATTRS).items())
        parts.append(f"<{tag} {attrs}>{draw(st.text(max_size=40))}</{tag}>")
    return "<html><head>" + "".join(parts) + "</head><body><p>x</p></body></html>"


@settings(max_examples=150, deadline=None)
@given(documents())
def test_random_documents_never_raise(html: str) -> None:
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return
    meta = extract_html_metadata(tree, url="https://example.org/a")
    assert isinstance(meta, HtmlMeta)
    assert meta.language is None or len(meta.language) == 2


def test_page_of_many_elements_skips_the_whole_page_fallbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsclean.html.meta as meta_module

    called: list[object] = []
    monkeypatch.setattr(meta_module, "find_with_htmldate", lambda *a, **k: called.append(a))
    monkeypatch.setattr(meta_module, "byline_author", lambda *a, **k: called.append(a))
    rows = "<div><p>Row of text 12 May 2020</p></div>" * (meta_module.MAX_FALLBACK_ELEMENTS // 2 + 10)
    head = '<meta name="author" content="Ann Lee"><title>Big page title</title>'
    big = f"<html><head>{head}</head><body>{rows}</body></html>"
    tree = lxml.html.document_fromstring(big)
    start = time.perf_counter()
    meta = extract_html_metadata(tree)
    assert time.perf_counter() - start < 5
    assert (meta.title, meta.author, meta.published) == ("Big page title", "Ann Lee", None)
    assert called == []
    small = lxml.html.document_fromstring(
        "<html><head><title>Small page here</title></head><body><p>x</p></body></html>"
    )
    extract_html_metadata(small)
    assert len(called) == 2  # byline search and htmldate both ran
