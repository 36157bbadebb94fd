"""Author names: cleaned, deduplicated and joined by ``"; "``; the byline element when nothing declares one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .scan import element_text

MAX_AUTHOR_CHARS = 100  # a longer "name" is a sentence or a bio
MAX_BYLINE_ELEMENTS = 20

#: "By", "Von", "Par"... before a name; "and"/"und"/"et"... between names.
_PREFIX = re.compile(
    r"^(?:(?:written|posted|text|words|reported)\s+)?(?:by|von|par|por|door|av|af|przez)\s*:?\s+", re.I
)
_SEPARATOR = re.compile(r"\s*(?:;|\||\s&\s|\s(?:and|und|et|y|e|en|i|och|og|oraz)\s)\s*", re.I)
_URL = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net|html?)(?:/|$)|@\w+\.\w", re.I)
_DIGITS = re.compile(r"\s*\d")
_LETTER = re.compile(r"[^\W\d_]")

#: The byline element: rel=author, itemprop=author, or a class or id naming the author or byline.
BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or @itemprop='creator'"
    " or contains(translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),'byline')"
    " or contains(translate(@class,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),'author')"
    " or contains(translate(@id,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz'),'byline')]"
)
_SKIP_CLASS = re.compile(r"avatar|image|photo|img|bio|description|about|box|comment|social|follow|more|list", re.I)


def clean_name(value: str | None) -> str | None:
    """One author string without "By", URLs, e-mail addresses or stray punctuation; ``None`` if not a name."""
    if not value:
        return None
    value = " ".join(value.split()).strip(" ,;:|-–—·")
    value = _PREFIX.sub("", value).strip(" ,;:|-–—·")
    if not value or len(value) > MAX_AUTHOR_CHARS or value[0] == "@" or _URL.search(value) or not _LETTER.search(value):
        return None
    return value


def join_authors(names: Iterable[str | None]) -> str | None:
    """Clean names, split on ``;``/``|``/"and", drop repeats (case-insensitive), join by ``"; "``."""
    seen: dict[str, str] = {}
    for name in names:
        for part in _SEPARATOR.split(name or ""):
            cleaned = clean_name(part)
            if cleaned and cleaned.lower() not in seen:
                seen[cleaned.lower()] = cleaned
    return "; ".join(seen.values()) or None


def byline_author(tree: Any) -> str | None:
    """The name in the first element marked as the author or byline (rel, itemprop, class)."""
    try:
        elements = tree.xpath(BYLINE_XPATH)
    except Exception:  # lxml raises on documents it cannot walk (e.g. too deep); no byline then
        return None
    for element in elements[:MAX_BYLINE_ELEMENTS]:
        if element.tag in ("html", "body", "article", "main", "section", "meta", "link", "img", "script", "style"):
            continue
        if _SKIP_CLASS.search(element.get("class") or ""):
            continue
        names = element.xpath(".//*[@itemprop='name']")
        text = element_text(names[0] if names else element, MAX_AUTHOR_CHARS + 20)
        text = _DIGITS.split(text, 1)[0]  # "Jane Doe 22 Dec 2016": names have no digits
        if (name := join_authors([text])) is not None:
            return name
    return None
