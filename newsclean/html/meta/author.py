"""Author names: cleaned, deduplicated and joined by ``"; "``; the byline element when nothing declares one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import lxml.etree as etree

from .scan import element_text

MAX_AUTHOR_CHARS = 100  # a longer "name" is a sentence or a bio
MAX_BYLINE_ELEMENTS = 20
MAX_BYLINE_WORDS = 10

#: What pages put before a name: "By", "Von", "Posted by", "Veröffentlicht von", "Author:", "Interview:".
_PREFIX = re.compile(
    r"^(?:(?:(?:written|posted|published|text|words|reported|view all posts|eingestellt|veröffentlicht|geschrieben"
    r"|verfasst|erstellt|beitrag|zeige alle beiträge|publicado|publié|escrito|scritto)\s+)?"
    r"(?:by|von|vom|par|por|door|av|af|przez)\b|(?:author|autor|auteur|autore)(?:s|en|in|innen)?\b\s*:?"
    r"|(?:text|interview|foto|redaktion)\s*:)\s*",
    re.I,
)
#: What bylines put after a name: a date ("am Samstag", "on June 3"), a title ("- Editor"), a degree.
_TRAILER = re.compile(
    r"\s+(?-i:am|on|vor|um|dnia)(?:\s.*)?$|\s+[-–—|·•]\s.*$|,\s*(?:ph\.?d|m\.?d|m\.?a|dr)\.?$"
    r"|\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?$",
    re.I,
)
#: What is left when a page labels an empty byline ("Posted on", "Veröffentlicht am") or fills it in.
_PLACEHOLDER = re.compile(
    r"^(?:by|von|posted|published|veröffentlicht|publiziert|eingestellt|datum|date|name|no author|admin|author)$", re.I
)
_SEPARATOR = re.compile(r"\s*(?:;|\||\s&\s|\s(?:and|und|et|y|e|en|i|och|og|oraz)\s)\s*", re.I)
_URL = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net|html?)(?:/|$)|@\w+\.\w", re.I)
_DIGITS = re.compile(r"\s*\d")
_LETTER = re.compile(r"[^\W\d_]")

#: The byline element: rel=author, itemprop=author, or a class or id naming the author or byline. A Python scan
#: (:func:`_byline_elements`) finds them twice as fast as the XPath
#: ``//*[contains(concat(@class,@id,@rel,@itemprop),'uthor') or contains(concat(@class,@id),'yline')]``,
#: which builds that string for every element of the page, and stops at the first name.
_AUTHOR_MARK = "uthor"
_BYLINE_MARK = "yline"
_SKIP_CLASS = re.compile(
    r"avatar|image|photo|img|bio|description|about|box|comment|social|follow|more|teaser|menu|nav", re.I
)


def clean_name(value: str | None) -> str | None:
    """One author string without "By", URLs, e-mail addresses or stray punctuation; ``None`` if not a name."""
    if not value:
        return None
    value = " ".join(value.split()).strip(" ,;:|-–—·")
    value = _PREFIX.sub("", value).strip(" ,;:|-–—·")
    value = _TRAILER.sub("", value)
    if (
        not value
        or len(value) > MAX_AUTHOR_CHARS
        or value[0] == "@"
        or _URL.search(value)
        or not _LETTER.search(value)
        or _PLACEHOLDER.match(value)
    ):
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


def _byline_elements(tree: Any) -> Iterator[Any]:
    """The elements of ``tree``'s document marked as author or byline, in document order."""
    for element in tree.getroottree().getroot().iter(etree.Element):
        named = f"{element.get('class') or ''}{element.get('id') or ''}"
        if _BYLINE_MARK in named or _AUTHOR_MARK in f"{named}{element.get('rel') or ''}{element.get('itemprop') or ''}":
            yield element


def byline_author(tree: Any) -> str | None:
    """The name in the first element marked as the author or byline (rel, itemprop, class)."""
    for element in islice(_byline_elements(tree), MAX_BYLINE_ELEMENTS):
        if element.tag in ("html", "body", "article", "main", "section", "meta", "link", "img", "script", "style"):
            continue
        if _SKIP_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            continue
        names = element.xpath(".//*[@itemprop='name']")
        text = element_text(names[0] if names else element, MAX_AUTHOR_CHARS + 20)
        text = _DIGITS.split(text, 1)[0]  # "Jane Doe 22 Dec 2016": names have no digits
        if len(text.split()) > MAX_BYLINE_WORDS:  # a menu, a bio or a teaser, not a byline
            continue
        if (name := join_authors([text])) is not None:
            return name
    return None
