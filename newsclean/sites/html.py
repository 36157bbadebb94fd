"""The HTML half of a site rule applied to a parsed page: the content root, elements removed, and the
title, author and date read from the elements the rule points at.

The rule narrows; the block classifier still decides which blocks under the root are body (unless it is
switched off). The elements the title, author and date come from are metadata, not body, and are taken out
with the ``remove`` ones. The caller's tree is never changed: all this works on a copy.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from typing import Any

import lxml.etree as etree

from ..text.dates import parse_date
from .model import HtmlRules, Selector, SelectorKind, SiteRule
from .ruleset import RuleSet


@dataclass(frozen=True, slots=True)
class HtmlView:
    """The element to extract the body from (a copy when elements were removed) and what the rule read."""

    rule: str
    root: Any
    removed: int = 0
    title: str | None = None
    author: str | None = None
    published: str | None = None


def has_html(rules: HtmlRules) -> bool:
    return any((rules.root, rules.remove, rules.title, rules.author, rules.date))


def html_rule(rules: RuleSet | None, url: str | None) -> SiteRule | None:
    """The rule with an ``[html]`` table for a page: by its URL, else a fallback rule; text fingerprints
    are lines of dumps and are not used here."""
    if rules is None:
        return None
    rule = rules.by_url(url) if url else None
    if rule is None:
        rule = next((r for r in rules.rules if r.match.fallback and has_html(r.html)), None)
    return rule if rule is not None and has_html(rule.html) else None


@cache
def _compiled(text: str, kind: SelectorKind) -> etree.XPath:
    if kind is SelectorKind.XPATH:
        return etree.XPath(text)
    from lxml.cssselect import CSSSelector

    return CSSSelector(text)


def select(root: Any, selector: Selector) -> list[Any]:
    """The elements ``selector`` finds under ``root``, in document order (non-elements left out)."""
    found = _compiled(selector.text, selector.kind)(root)
    return [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []


def narrow_html(rule: SiteRule, root: Any) -> HtmlView:
    """Apply ``rule.html`` to the document ``root``: read the title, author and date, take those elements
    and the ``remove`` ones out of a copy of the page, and find the content root in it."""
    html = rule.html
    root = copy.deepcopy(root)
    title, title_el = _text(root, html.title)
    author, author_el = _text(root, html.author)
    published, date_el = _date(root, html.date)
    doomed = [e for s in html.remove for e in select(root, s)]
    doomed += [e for e in (title_el, author_el, date_el) if e is not None]
    for element in doomed:
        if element.getparent() is not None:
            _drop(element)
    content = root
    if html.root is not None:
        found = [e for e in select(root, html.root) if e.getparent() is not None or e is root]
        if found:
            content = found[0]
    return HtmlView(rule.name, content, len(doomed), title=title, author=author, published=published)


def _drop(element: Any) -> None:
    """Remove ``element`` and its subtree, keeping the text that follows it."""
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _text(root: Any, selector: Selector | None) -> tuple[str | None, Any]:
    """The text of the first selected element that has some, and that element."""
    if selector is None:
        return None, None
    for element in select(root, selector):
        text = " ".join(_element_text(element).split())
        if text:
            return text, element
    return None, None


def _date(root: Any, selector: Selector | None) -> tuple[str | None, Any]:
    """The first date the selected elements give (their ``datetime`` or ``content`` attribute, else their
    text), and that element."""
    if selector is None:
        return None, None
    for element in select(root, selector):
        for value in (element.get("datetime"), element.get("content"), _element_text(element)):
            if value and (iso := parse_date(value)):
                return iso, element
    return None, None


def _element_text(element: Any) -> str:
    return "".join(element.itertext())
