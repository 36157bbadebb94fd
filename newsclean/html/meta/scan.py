"""One pass over a parsed page that collects every element the metadata stages read.

The walk visits only the tags named in :data:`TAGS` (lxml filters them in C), keeps at most a few
of each kind and cuts every text short, so its cost stays bounded on huge pages. Nothing is changed
in the tree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

#: The elements the metadata stages read.
TAGS = ("meta", "link", "script", "title", "time", "h1", "base")

MAX_META = 2000  # meta tags kept; pages with more are generated junk
MAX_JSONLD = 20  # JSON-LD scripts kept
MAX_JSONLD_CHARS = 2_000_000  # one JSON-LD script longer than this is skipped
MAX_TIMES = 50
MAX_H1 = 10
MAX_TEXT = 1000  # characters kept of a title, heading or meta content

#: ``<meta>`` attributes that name the value, in the order they are tried.
_KEY_ATTRS = ("property", "name", "itemprop", "http-equiv")
_JSONLD_TYPES = frozenset({"application/ld+json", "application/json+ld"})


@dataclass(slots=True)
class Scan:
    """What the walk found, in document order.

    ``meta`` maps a lowercased key (``og:title``, ``author``, ``article:published_time``, an
    ``itemprop`` name) to its non-empty contents. ``times`` holds ``(datetime, itemprop)`` of
    each ``<time>`` element.
    """

    meta: dict[str, list[str]] = field(default_factory=dict)
    by_property: dict[str, int] = field(default_factory=dict)  # how many leading ``meta`` values came from property=
    jsonld: list[str] = field(default_factory=list)
    title: str | None = None
    h1: list[str] = field(default_factory=list)
    times: list[tuple[str, str]] = field(default_factory=list)
    canonical: str | None = None
    base: str | None = None
    lang: str | None = None

    def first(self, *keys: str) -> str | None:
        """The first content under the first of ``keys`` that has one."""
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None


def element_text(element: Any, limit: int = MAX_TEXT) -> str:
    """The element's text with whitespace collapsed, cut to ``limit`` characters (iterative, no recursion)."""
    parts: list[str] = []
    size = 0
    for piece in element.itertext():
        parts.append(piece)
        size += len(piece)
        if size > limit * 2:
            break
    return clean_text(" ".join(parts), limit)


def clean_text(value: str, limit: int = MAX_TEXT) -> str:
    """``value`` with entities left escaped by the page decoded and whitespace collapsed, cut to ``limit``."""
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())[:limit]


def scan_page(tree: Any) -> Scan:
    """Walk ``tree`` (any lxml element of the page) once and collect the metadata elements."""
    found = Scan()
    root = tree.getroottree().getroot()
    if isinstance(root.tag, str):
        found.lang = (root.get("lang") or root.get("xml:lang") or "").strip() or None
    count = 0
    for element in root.iter(TAGS):
        tag = element.tag
        if tag == "meta":
            count += 1
            if count <= MAX_META:
                _meta(found, element)
        elif tag == "script":
            if (element.get("type") or "").strip().lower() in _JSONLD_TYPES and len(found.jsonld) < MAX_JSONLD:
                text = element.text or ""
                if text.strip() and len(text) <= MAX_JSONLD_CHARS:
                    found.jsonld.append(text)
        elif tag == "link":
            _link(found, element)
        elif tag == "title":
            if found.title is None and not _in_svg(element):
                found.title = element_text(element) or None
        elif tag == "time":
            if len(found.times) < MAX_TIMES:
                stamp = (element.get("datetime") or "").strip()
                if stamp:
                    found.times.append((stamp, element.get("itemprop") or ""))
        elif tag == "h1":
            if len(found.h1) < MAX_H1 and (text := element_text(element)):
                found.h1.append(text)
        elif tag == "base" and found.base is None:
            found.base = (element.get("href") or "").strip() or None
    return found


def _meta(found: Scan, element: Any) -> None:
    content = element.get("content")
    if content is None:
        content = element.get("value")
    if content is None:
        if element.get("charset") is None and element.get("itemprop"):
            content = element_text(element)
        else:
            return
    content = clean_text(content)
    if not content:
        return
    for attr in _KEY_ATTRS:
        key = element.get(attr)
        if key:
            # "og:title twitter:title" style keys name the content several times.
            for name in key.lower().split():
                values = found.meta.setdefault(name, [])
                if attr == "property":  # the attribute Open Graph defines: before name="og:..." values
                    front = found.by_property.get(name, 0)
                    values.insert(front, content)
                    found.by_property[name] = front + 1
                else:
                    values.append(content)


def _link(found: Scan, element: Any) -> None:
    rel = (element.get("rel") or "").lower().split()
    href = (element.get("href") or "").strip()
    if "canonical" in rel and found.canonical is None and href:
        found.canonical = href


def _in_svg(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == "svg" or (isinstance(parent.tag, str) and parent.tag.endswith("}svg")):
            return True
        if parent.tag in ("head", "body", "html"):
            return False
        parent = parent.getparent()
    return False
