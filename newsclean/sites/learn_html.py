"""Learning the ``[html]`` half of a rule from several pages of one site: elements whose text is the same
on most pages are template, and become ``remove`` selectors.

An element is addressed by its tag and id (``div#sidebar``), else its tag and classes (``div.promo.box``),
else, for ``nav``, ``header``, ``footer``, ``aside`` and ``form``, its tag alone. A selector is template
when it finds elements on at least ``min_share`` of the pages and their text (spaces, case and digits
normalised) is the same on every page it finds them on; selectors inside another template selector's
elements are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from .memory import fingerprint

_LANDMARKS = frozenset({"nav", "header", "footer", "aside", "form"})
_CSS_NAME = re.compile(r"-?[_a-zA-Z][_a-zA-Z0-9-]*\Z")
MAX_TEXT_CHARS = 4000


def learn_html_remove(pages: Sequence[object], *, min_share: float = 0.5) -> tuple[str, ...]:
    """CSS selectors of the template elements of ``pages`` (HTML, as :func:`clean_html` takes it)."""
    from ..html.parse import parse_html

    roots = [root for page in pages if (root := parse_html(page).root) is not None]
    texts: dict[str, Counter[str]] = {}
    found_on: Counter[str] = Counter()
    for root in roots:
        on_page: dict[str, list[str]] = {}
        for element, selector in _addressable(root):
            on_page.setdefault(selector, []).append(_text(element))
        for selector, values in on_page.items():
            found_on[selector] += 1
            texts.setdefault(selector, Counter())["\x00".join(values)] += 1
    need = max(2, min_share * len(roots))
    template = [
        s for s, n in found_on.items()
        if n >= need and len(texts[s]) == 1 and next(iter(texts[s])).strip("\x00")
    ]
    return tuple(sorted(_outermost(template, roots)))


def _addressable(root: Any) -> Iterator[tuple[Any, str]]:
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue  # comments, processing instructions
        ident = (element.get("id") or "").strip()
        classes = sorted(c for c in (element.get("class") or "").split() if _CSS_NAME.match(c))
        if ident and _CSS_NAME.match(ident):
            yield element, f"{tag}#{ident}"
        elif classes:
            yield element, tag + "".join(f".{c}" for c in classes)
        elif tag in _LANDMARKS:
            yield element, tag


def _text(element: Any) -> str:
    return fingerprint("".join(element.itertext())[:MAX_TEXT_CHARS])


def _outermost(selectors: list[str], roots: list[Any]) -> list[str]:
    """The selectors whose elements do not all lie inside the elements of another of ``selectors``."""
    chosen = set(selectors)
    inside: set[str] = set()
    for root in roots[:3]:
        for element, selector in _addressable(root):
            if selector not in chosen:
                continue
            parent = element.getparent()
            while parent is not None:
                if any(s in chosen and s != selector for s in _selectors_of(parent)):
                    inside.add(selector)
                    break
                parent = parent.getparent()
    return [s for s in selectors if s not in inside]


def _selectors_of(element: Any) -> Iterator[str]:
    for candidate, selector in _addressable(element):
        if candidate is element:
            yield selector
        break
