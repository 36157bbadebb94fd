"""The article text a page declares in its JSON-LD (schema.org ``articleBody``).

Some pages render their body from script: the DOM holds a teaser or nothing, and the whole text sits in
``<script type="application/ld+json">``. The block walk keeps those scripts (:func:`collect`); when the kept
blocks hold far less text than the declared body, ``clean_html`` adds the lines of it that they lack
(:func:`missing_lines`). The kept blocks stay: a paywalled page's DOM often holds a teaser that the declared
body leaves out.
"""

from __future__ import annotations

import html
import re

import lxml.etree as etree

from .meta.jsonld import flatten, parse_block

MIN_CHARS = 500  # a shorter articleBody is a summary or a stub, not the article
DOM_SHARE = 0.5  # the declared body is used when the kept blocks hold less than this share of its length
_JSONLD_TYPES = frozenset({"application/ld+json", "application/json+ld"})
_BLOCK_TAG = re.compile(r"(?i)</?(?:p|div|br|h[1-6]|li|blockquote)\b[^>]{0,2000}>")
_TAG = re.compile(r"<[^>]{0,2000}>")


def collect(element: etree._Element, into: list[str]) -> None:
    """Add to ``into`` the text of ``element`` (a ``<script>``, or the ``<script>`` elements under a ``<head>``)
    when it is JSON-LD that mentions ``articleBody``; the block walk calls it on the subtrees it skips."""
    scripts = [element] if element.tag == "script" else element.iter("script")
    for script in scripts:
        kind = script.get("type")
        if kind is not None and kind.strip().lower() in _JSONLD_TYPES:
            text = script.text
            if text and '"articleBody"' in text:
                into.append(text)


def declared_body(scripts: list[str]) -> list[str]:
    """The lines of the longest ``articleBody`` string in the JSON-LD ``scripts``; none if it is shorter than
    :data:`MIN_CHARS`. HTML inside the string is reduced to its text, one line per block tag."""
    best = ""
    for text in scripts:
        data = parse_block(text)
        if data is None:
            continue
        for node in flatten(data):
            body = node.get("articleBody")
            if isinstance(body, str) and len(body) > len(best):
                best = body
    if len(best) < MIN_CHARS:
        return []
    if "<" in best:
        best = _TAG.sub("", _BLOCK_TAG.sub("\n", best))
    lines = (" ".join(html.unescape(line).split()) for line in best.splitlines())
    return [line for line in lines if line]


def missing_lines(text: str, scripts: list[str]) -> list[str]:
    """The lines of the body declared in ``scripts`` (see :func:`collect`) that ``text`` (the kept blocks) lacks,
    when ``text`` holds less than :data:`DOM_SHARE` of its length; else none."""
    if not scripts or len(text) >= DOM_SHARE * max(len(script) for script in scripts):
        return []  # the declared body is shorter than its script: no need to parse it
    lines = declared_body(scripts)
    if not lines or len(text) >= DOM_SHARE * sum(len(line) + 1 for line in lines):
        return []
    have = " ".join(text.split())
    return [line for line in lines if line not in have]
