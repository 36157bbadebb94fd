"""The compiled block walk (``newsclean/html/_walk.c``) gives exactly the blocks of the Python walk."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path

import lxml.etree as etree
import lxml.html
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean.html import blocks
from newsclean.html.blocks import BudgetExceeded, PageBlocks, page_blocks
from newsclean.html.parse import parse_html

FIXTURES = Path(__file__).parent.parent / "fixtures" / "html"

compiled = pytest.mark.skipif(blocks._compiled_walk is None, reason="the C walk is not built for this lxml")


def assert_same(a: PageBlocks, b: PageBlocks) -> None:
    for field in PageBlocks.__dataclass_fields__:
        x, y = getattr(a, field), getattr(b, field)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and x.tolist() == y.tolist(), field
        elif field == "elements":
            assert len(x) == len(y) and all(p is q for p, q in zip(x, y, strict=True)), field
        else:
            assert x == y, field
            if isinstance(x, dict):
                assert list(x) == list(y), field  # the same insertion order


def compiled_and_python(root: etree._Element) -> tuple[PageBlocks, PageBlocks]:
    fields = blocks._compiled_walk(root, None)
    assert fields is not None
    return blocks._from_compiled(fields), page_blocks(root, compiled=False)


def check(html: str) -> PageBlocks:
    root = parse_html(html).root
    assert root is not None
    a, b = compiled_and_python(root)
    assert_same(a, b)
    return a


# ---- made-up pages -----------------------------------------------------------------------------------------

WORDS = st.sampled_from([
    "word", "The", "news", "a", "Übermaß", "日本語", "x" * 30, "&amp;", "&nbsp;", "&lt;b&gt;", "&#8203;", "&#xe000;",
    "\ue000", "İstanbul", "naïve",
])  # fmt: skip
SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "\x1c", "\u200b", "\r\n", ""])
TEXT = st.lists(st.tuples(WORDS, SPACES), max_size=6).map(lambda parts: "".join(w + s for w, s in parts))
CLASSES = st.sampled_from([
    None, "", "nav", "related-posts", "entry-content", "sidebarWidget", "post comments", "x y", "Çà-menu",
])  # fmt: skip
HIDDEN = st.sampled_from([
    "", " hidden", ' aria-hidden="true"', ' aria-hidden="false"', ' style="display:none"',
    ' style="color: red; DISPLAY : None"', ' style="visibility:\u00a0hidden"', ' style="display: block"',
    ' style="diſplay:none"', ' style="vIsıbility:hidden"', ' style="display:"', ' style="visibility: visible"',
])  # fmt: skip
TAGS = st.sampled_from([
    "div", "p", "span", "b", "a", "li", "ul", "h1", "h2", "table", "tr", "td", "th", "blockquote", "pre",
    "section", "nav", "article", "em", "label", "time", "figure", "figcaption", "form", "button", "noscript",
    "font", "aside", "footer", "header", "dd", "address", "caption", "main", "svg", "select",
])  # fmt: skip


def attrs(draw: st.DrawFn, tag: str) -> str:
    out = ""
    cls = draw(CLASSES)
    if cls is not None:
        out += f' class="{cls}"'
    if draw(st.booleans()):
        out += f' id="{draw(CLASSES) or "main"}"'
    if tag == "a":
        out += draw(st.sampled_from(["", ' href=""', ' href="/story"', ' href="https://example.com/?a=1&amp;b=2"']))
    return out + draw(HIDDEN)


JSONLD = json.dumps({"@type": "NewsArticle", "articleBody": "Declared body. " * 40})


@st.composite
def node(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["text", "element", "element", "br", "comment", "script", "style"]))
    if kind == "text" or depth > 5:
        return draw(TEXT)
    if kind == "br":
        return "<br>" + draw(TEXT)
    if kind == "comment":
        return "<!-- note -->" + draw(TEXT)
    if kind == "script":
        body = draw(st.sampled_from([JSONLD, "var x = 1;", '{"articleBody": "short"}']))
        kind_attr = draw(st.sampled_from(['type="application/ld+json"', 'type=" Application/LD+JSON "', ""]))
        return f"<script {kind_attr}>{body}</script>" + draw(TEXT)
    if kind == "style":
        return "<style>p { color: red }</style>" + draw(TEXT)
    tag = draw(TAGS)
    children = draw(st.lists(node(depth + 1), max_size=4))
    close = draw(st.booleans()) or tag not in ("p", "li", "td", "tr")
    return f"<{tag}{attrs(draw, tag)}>{draw(TEXT)}{''.join(children)}" + (f"</{tag}>" if close else "") + draw(TEXT)


@st.composite
def page(draw: st.DrawFn) -> str:
    head = draw(st.sampled_from(["", "<head><title>T</title></head>", f"<head><script type='application/ld+json'>"
                                 f"{JSONLD}</script></head>"]))  # fmt: skip
    body = "".join(draw(st.lists(node(), min_size=1, max_size=6)))
    return f"<html>{head}<body{draw(HIDDEN) if draw(st.booleans()) else ''}>{body}</body></html>"


@compiled
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page())
def test_compiled_walk_matches_python_on_made_up_pages(html: str) -> None:
    check(html)


@compiled
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page())
def test_compiled_walk_matches_python_with_comments_and_lxml_html(html: str) -> None:
    """Trees the caller parsed: comments and processing instructions kept, lxml.html's element classes."""
    for root in (
        etree.fromstring(html, etree.HTMLParser()),
        lxml.html.document_fromstring(html),
    ):
        a, b = compiled_and_python(root)
        assert_same(a, b)


# ---- fixed cases --------------------------------------------------------------------------------------------


@compiled
@pytest.mark.parametrize(
    "html",
    [
        "<p>a<td>b</td><td> </td><td>c</td></p>",
        "<table><tr><td></td><td> </td></tr><tr><td><a href=x>l</a></td><td>m</td></tr></table>",
        "<div><a href=x>one<p>two</p>three</a> tail</div>",
        "<div><a href=x><a href=y>inner</a>outer</a></div>",
        "<div>a<a href=x> </a><p>b</p></div>",
        "<p>x<span hidden>h</span>tail<script>s</script>t2<!-- c -->t3<?pi x?>t4</p>",
        "<div style='display&#58;none'>entity in style</div><div style=\"DISPLAY\u3000:\u2003NONE\">u</div>",
        "<div class='a&amp;b' id='&lt;nav&gt;'>escaped attributes</div>",
        "<ul><li>one<li>two<ul><li>three</ul></ul>",
        "<h1>Title</h1>\n\n<p>  \u00a0 </p><p>\ue000</p><p>\ue000a\ue000 \ue000b</p>",
        "<div>" + "<span>" * 300 + "deep" + "</span>" * 300 + "</div>",
        "<body><p>text</p></body>" + "<p>after body</p>",
        "<frameset><frame src=x></frameset>",
        "",
        "plain text only",
    ],
)
def test_compiled_walk_matches_python_on_edge_cases(html: str) -> None:
    if html.strip():
        check(html)


@compiled
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.name)
def test_compiled_walk_matches_python_on_fixture_pages(path: Path) -> None:
    check(path.read_text(encoding="utf-8"))


@compiled
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page())
def test_compiled_walk_matches_python_from_an_inner_block(html: str) -> None:
    """A site rule walks from its content element, in a copy of the page: only that subtree, no tail."""
    root = parse_html(html).root
    assert root is not None
    for inner in copy.deepcopy(root).iter("body", "div", "section", "table", "li"):
        a, b = compiled_and_python(inner)
        assert_same(a, b)


@compiled
def test_deep_nesting_compiled() -> None:
    html = "<div>" * 100_000 + "deep text" + "</div>" * 100_000
    check(html)  # libxml2 caps the parse depth; the walk of what it keeps is the same


@compiled
def test_entity_references_and_comments_in_a_built_tree() -> None:
    """iterwalk gives an entity reference start and end events (it is skipped, its tail kept), and a comment
    or processing instruction none (its tail is lost with it): the C walk does the same."""
    root = etree.fromstring("<html><body><p>a</p></body></html>", etree.HTMLParser())
    p = root[0][0]
    for node, tail in ((etree.Entity("amp"), "after entity"), (etree.Comment("c"), "after comment"),
                       (etree.ProcessingInstruction("pi", "x"), "after pi")):  # fmt: skip
        node.tail = tail
        p.append(node)
    a, b = compiled_and_python(root)
    assert_same(a, b)
    assert a.texts == ["aafter entity"]


@compiled
def test_tree_deeper_than_the_parser_allows() -> None:
    """A tree built through the API is not capped at libxml2's parse depth; no recursion either way."""
    root = etree.fromstring("<html><body></body></html>", etree.HTMLParser())
    el = root[0]
    for i in range(20_000):
        el = etree.SubElement(el, "div" if i % 2 else "span")
        el.text = "x" if i % 1000 == 0 else None
    a, b = compiled_and_python(root)
    assert_same(a, b)


@compiled
def test_deadline_raises_in_both_walks() -> None:
    root = parse_html("<p>text</p>").root
    for use_compiled in (True, False):
        with pytest.raises(BudgetExceeded):
            page_blocks(root, deadline=time.monotonic() - 1, compiled=use_compiled)
    assert page_blocks(root, deadline=time.monotonic() + 60).texts == ["text"]


@compiled
def test_unusual_roots_fall_back_to_python() -> None:
    span = parse_html("<p><span>inline root</span></p>").root.find(".//span")
    assert blocks._compiled_walk(span, None) is None  # not a block element
    xhtml = etree.fromstring("<html xmlns='http://www.w3.org/1999/xhtml'><body><p>x</p></body></html>")
    assert blocks._compiled_walk(xhtml, None) is None  # an XML document, namespaced tags
    xml = etree.fromstring("<html><body><p>x</p><p>y</p></body></html>")
    assert blocks._compiled_walk(xml, None) is None  # an XML document
    assert page_blocks(xml).texts == ["x", "y"]
    assert blocks._compiled_walk(etree.Comment("c"), None) is None


@compiled
def test_namespaced_elements_in_an_html_tree() -> None:
    root = parse_html("<div><p>a</p></div>").root
    body = root[0]
    odd = etree.SubElement(body, "{urn:x}p")
    odd.text = "namespaced"
    etree.SubElement(body, "p").text = "plain"
    a, b = compiled_and_python(root)
    assert_same(a, b)
    assert a.texts == ["a", "namespaced", "plain"]


CLASS_TEXT = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzNAVCOMENT -_0123:éİıKſ\u0307\u00a0日\u212a")),
    max_size=40,
) | st.lists(st.sampled_from(["nav", "related", "relatedPosts", "post-comments", "SIDEBAR", "xyz", "content"]),
             max_size=5).map(" ".join)  # fmt: skip


@compiled
@settings(max_examples=500, deadline=None)
@given(CLASS_TEXT)
def test_compiled_class_mask_matches_python(words: str) -> None:
    from newsclean.html import _walk  # type: ignore[attr-defined]

    assert _walk.class_mask(words) == blocks.class_mask(words)
