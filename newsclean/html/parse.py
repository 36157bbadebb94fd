"""Turn what the caller holds (text, bytes, an lxml tree, a BeautifulSoup object) into an lxml root, safely.

lxml's HTML parser never fetches anything and never expands external entities; libxml2 caps how deep the
tree may nest (deeper elements are flattened), so a 100,000-deep page parses in milliseconds without
recursion. Bytes are decoded here, not by libxml2: a charset the caller got from HTTP, a byte-order mark, the
page's own ``<meta charset>``, then a detector (:func:`newsclean.text.decode.decode_bytes`). The result is
an HTML document of lxml's own parser, the kind of tree the compiled block walk (``_walk.c``) reads directly.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import lxml.etree as etree

from ..text.decode import decode_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_SNIFF = 4096  # the HTML standard looks for <meta charset> in the first 1024 bytes; pages are sloppier
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True, slots=True)
class Parsed:
    """The document root, or ``None`` with ``note`` saying why there is none; ``note`` also reports repairs."""

    root: etree._Element | None
    note: str | None = None


def check_html_type(html: object) -> None:
    """Raise ``TypeError`` unless ``html`` is one of the inputs :func:`parse_html` takes."""
    if not isinstance(html, (str, bytes, bytearray, etree._Element, etree._ElementTree)) and not type(
        html
    ).__module__.startswith("bs4"):
        raise TypeError(f"expected str, bytes, an lxml element or a BeautifulSoup object, got {type(html).__name__}")


def parse_html(html: object, *, charset: str | None = None, max_chars: int | None = None) -> Parsed:
    """Parse ``html`` (``str``, ``bytes``, an lxml element or tree, or a ``bs4.BeautifulSoup``)."""
    check_html_type(html)
    if isinstance(html, etree._ElementTree):
        html = html.getroot()
    if isinstance(html, etree._Element):
        return Parsed(html)
    notes: list[str] = []
    if isinstance(html, (bytes, bytearray)):
        data = bytes(html)
        declared = charset or _declared_charset(data)
        decoded = decode_bytes(data, encoding=declared)
        if decoded.text is None:
            return Parsed(None, decoded.note)
        if decoded.note:
            notes.append(decoded.note)
        text = decoded.text
    elif isinstance(html, str):
        text = html
    else:  # a BeautifulSoup object
        text = str(html)
    if max_chars is not None and len(text) > max_chars:
        notes.append(f"input cut from {len(text)} to {max_chars} characters")
        text = text[:max_chars]
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    if not text.strip():
        return Parsed(None, _join([*notes, "no text in input"]))
    try:
        root = etree.fromstring(text, parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        return Parsed(None, _join([*notes, f"cannot parse HTML: {exc}"]))
    if root is None:
        return Parsed(None, _join([*notes, "no elements in input"]))
    return Parsed(root, _join(notes))


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_SNIFF])
    return match.group(1).decode("ascii") if match else None


_LOCAL = threading.local()


def _parser() -> etree.HTMLParser:
    """One parser per thread: lxml parser objects must not be shared between threads. A plain
    ``etree.HTMLParser`` (not ``lxml.html``'s) skips the per-element class lookup, which is most of the
    cost of walking the tree in Python."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, default_doctype=False, collect_ids=False
        )
    return parser


def _join(notes: list[str]) -> str | None:
    return "; ".join(notes) if notes else None
