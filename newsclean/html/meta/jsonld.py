"""Schema.org metadata from ``<script type="application/ld+json">`` blocks, parsed with :mod:`json`.

Pages put their article node at the top level, in a list, or in an ``@graph``; authors and publishers
come as strings, objects, lists of either, or ``{"@id": ...}`` references to other nodes of the same
page. :func:`read_jsonld` flattens all of that into :class:`JsonLd`, taking the article node's fields
first and a ``WebPage`` / ``WebSite`` / ``Organization`` node's where the article has none. Broken JSON
gets one repair attempt (comments, CDATA, trailing commas); a block that still fails is skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .scan import clean_text

#: ``@type`` values of an article node (schema.org CreativeWork subtypes pages use for a text).
ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "Article", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle",
        "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "SatiricalArticle", "Report",
        "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting", "LiveBlogPosting",
        "DiscussionForumPosting", "TechArticle", "APIReference", "AdvertiserContentArticle", "Review",
        "Recipe", "HowTo", "Blog", "CreativeWork", "Chapter", "Book", "VideoObject",
    )
)  # fmt: skip
#: Node types whose fields fill what the article node lacks.
PAGE_TYPES = frozenset(t.lower() for t in ("WebPage", "ItemPage", "CollectionPage", "ProfilePage", "AboutPage"))
SITE_TYPES = frozenset(t.lower() for t in ("WebSite", "Organization", "NewsMediaOrganization", "Corporation"))

MAX_NODES = 500  # nodes visited per page
MAX_DEPTH = 8  # nesting levels followed inside one block

_REPAIRS = (
    (re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$"), ""),
    (re.compile(r"^\s*<!--|-->\s*$"), ""),
    (re.compile(r",\s*([}\]])"), r"\1"),
)
_STRING = r'"(?:[^"\\]|\\.)*"'
_SALVAGE_TYPE = re.compile(r'"@type"\s*:\s*"([A-Za-z]+)"')
_SALVAGE_AUTHOR = re.compile(rf'"author"\s*:\s*(?:({_STRING})|\[?\s*\{{[^{{}}]*?"name"\s*:\s*({_STRING}))')


@dataclass(frozen=True, slots=True)
class JsonLd:
    """The fields newsclean reads from a page's JSON-LD (``None`` / empty where absent)."""

    headline: str | None = None
    name: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    site: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    image: str | None = None


def read_jsonld(blocks: Iterable[str]) -> JsonLd:
    """Parse the JSON-LD script texts of one page; never raises."""
    nodes = [node for block in blocks if (data := parse_block(block)) is not None for node in flatten(data)]
    if not nodes:
        return JsonLd()
    ids = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    articles = [n for n in nodes if _types(n) & ARTICLE_TYPES]
    pages = [n for n in nodes if _types(n) & PAGE_TYPES]
    sites = [n for n in nodes if _types(n) & SITE_TYPES]
    order = articles + pages

    def pick(getter: Any, among: list[dict[str, Any]] = order) -> Any:
        for node in among:
            value = getter(node)
            if value:
                return value
        return None

    site = pick(lambda n: _name(_resolve(n.get("publisher"), ids)), articles + pages)
    if site is None:
        site = pick(lambda n: _text(n.get("name")), [n for n in sites if "website" in _types(n)] + sites)
    return JsonLd(
        headline=pick(lambda n: _text(n.get("headline")), articles),
        name=pick(lambda n: _text(n.get("name")), articles),
        authors=pick(lambda n: tuple(authors(n.get("author"), ids)))
        or pick(lambda n: tuple(authors(n.get("creator"), ids)))
        or (),
        published=pick(lambda n: _text(n.get("datePublished")) or _text(n.get("dateCreated"))),
        modified=pick(lambda n: _text(n.get("dateModified"))),
        site=site,
        language=pick(lambda n: _language(n.get("inLanguage")), order + sites),
        url=pick(lambda n: _text(n.get("url")) or _text(_resolve(n.get("mainEntityOfPage"), ids)), articles),
        description=pick(lambda n: _text(n.get("description")), articles),
        image=pick(lambda n: _image(_resolve(n.get("image"), ids), ids), articles),
    )


def parse_block(text: str) -> Any:
    """The JSON value of one script, after one repair attempt if needed, else what :func:`salvage` finds."""
    for attempt in range(2):
        try:
            return json.loads(text, strict=False)
        except (ValueError, RecursionError):
            if attempt:
                return salvage(text)
            for pattern, replacement in _REPAIRS:
                text = pattern.sub(replacement, text)
    return None


def salvage(text: str) -> dict[str, Any] | None:
    """The article fields of a block that is not JSON (an unescaped quote in a description, a cut-off script).

    Only a block that names an article type is read: its first ``headline``, ``datePublished``
    and ``author`` (a string, or the first ``name`` of an author object or list).
    """
    kinds = [k for k in _SALVAGE_TYPE.findall(text) if k.lower() in ARTICLE_TYPES]
    if not kinds:
        return None
    node: dict[str, Any] = {"@type": kinds[0]}
    for key in ("headline", "datePublished", "dateModified"):
        match = re.search(rf'"{key}"\s*:\s*({_STRING})', text)
        if match is not None:
            node[key] = _literal(match[1])
    match = _SALVAGE_AUTHOR.search(text)
    if match is not None:
        node["author"] = _literal(match[1] or match[2])
    return node


def _literal(quoted: str) -> str | None:
    try:
        value = json.loads(quoted, strict=False)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def flatten(data: Any) -> Iterator[dict[str, Any]]:
    """Every node object of a block: top-level objects, list items and ``@graph`` members (iteratively)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while stack and seen < MAX_NODES:
        value, depth = stack.pop()
        if isinstance(value, list):
            if depth < MAX_DEPTH:
                stack.extend((item, depth + 1) for item in reversed(value))
        elif isinstance(value, dict):
            seen += 1
            graph = value.get("@graph")
            if "@type" in value or ("@id" in value and len(value) > 1):
                yield value
            if graph is not None and depth < MAX_DEPTH:
                stack.append((graph, depth + 1))


def authors(value: Any, ids: dict[str, dict[str, Any]], depth: int = 0) -> Iterator[str]:
    """Names in an ``author`` value: a string, a Person/Organization object, a reference, or a list of them."""
    if depth > 3:
        return
    if isinstance(value, list):
        for item in value[:20]:
            yield from authors(item, ids, depth + 1)
        return
    value = _resolve(value, ids)
    name = _name(value) if isinstance(value, dict) else _text(value)
    if name:
        yield name


def _resolve(value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
        return ids.get(value["@id"], value)
    return value


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        name = _text(value.get("name"))
        if name is None and (given := _text(value.get("givenName"))):
            name = " ".join(filter(None, (given, _text(value.get("familyName")))))
        return name
    if isinstance(value, list) and value:
        return _name(value[0])
    return _text(value)


def _image(value: Any, ids: dict[str, dict[str, Any]]) -> str | None:
    if isinstance(value, list) and value:
        value = _resolve(value[0], ids)
    if isinstance(value, dict):
        return _text(value.get("url")) or _text(value.get("contentUrl"))
    return _text(value)


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _text(value)


def _text(value: Any) -> str | None:
    """A non-empty string value with whitespace collapsed (the first item of a list of strings)."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    if isinstance(value, str):
        return clean_text(value) or None
    return None


def _types(node: dict[str, Any]) -> frozenset[str]:
    kind = node.get("@type")
    if isinstance(kind, str):
        return frozenset((kind.rsplit("/", 1)[-1].lower(),))
    if isinstance(kind, list):
        return frozenset(k.rsplit("/", 1)[-1].lower() for k in kind if isinstance(k, str))
    return frozenset()
