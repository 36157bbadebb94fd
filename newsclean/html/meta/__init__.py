"""Metadata of an HTML page: title, author, published date, site, language, canonical URL, description, image.

:func:`extract_html_metadata` puts small stages together:

1. one walk over the ``<meta>``, ``<link>``, JSON-LD ``<script>``, ``<title>``, ``<time>`` and ``<h1>``
   elements (:mod:`.scan`);
2. the page's JSON-LD, parsed with :mod:`json` (:mod:`.jsonld`);
3. each field from its declared sources in order of trust, falling back field by field: JSON-LD, then
   Open Graph / Dublin Core / Parse.ly / other ``<meta>`` names, then the document itself (``<title>``
   without the site suffix and ``<h1>`` for the title, the byline element for the author, ``<time>``
   for the date, where a full date in the URL overrides a structured date of another day);
4. only when none of those has a date, htmldate's fast search (:mod:`.dates`).

The two whole-page steps (byline search, htmldate) are skipped on pages of more than
:data:`MAX_FALLBACK_ELEMENTS` elements, so the cost stays bounded on huge pages.

It never raises for odd input: a source that fails is skipped and the next one is tried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from .author import byline_author, join_authors
from .dates import PUBLISHED_KEYS, choose_date, find_with_htmldate
from .jsonld import JsonLd, read_jsonld
from .scan import Scan, scan_page
from .title import choose_title, flat, jsonld_titles, site_names

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

MAX_FALLBACK_ELEMENTS = 50_000  # a page with more elements skips the whole-page fallbacks

#: ``<meta>`` keys for each field, most trusted first.
TITLE_KEYS = (
    "dc:title",
    "dcterm:title",
    "dc.title",
    "dcterms.title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "title",
    "headline",
)
AUTHOR_KEYS = (
    "dc:creator",
    "dcterm:creator",
    "dc.creator",
    "dcterms.creator",
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
    "og:article:author",
    "book:author",
)
#: ``twitter:labelN`` texts that make ``twitter:dataN`` the author.
WRITTEN_BY = frozenset(("written by", "verfasst von", "geschrieben von", "écrit par", "escrito por", "scritto da"))
SITE_KEYS = (
    "og:site_name",
    "application-name",
    "al:ios:app_name",
    "apple-mobile-web-app-title",
    "publisher",
    "dc.publisher",
    "twitter:site",
)
DESCRIPTION_KEYS = (
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "dc:description",
    "dcterms.description",
    "sailthru.description",
)
IMAGE_KEYS = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
    "image",
    "thumbnail",
    "parsely-image-url",
    "sailthru.image.full",
)
LANGUAGE_KEYS = ("og:locale", "content-language", "language", "dc.language", "dc:language", "inlanguage")
URL_KEYS = ("og:url", "twitter:url", "parsely-link")


@dataclass(frozen=True, slots=True)
class HtmlMeta:
    """Metadata of one HTML page; ``None`` where no source gave a value."""

    title: str | None = None
    author: str | None = None  # several authors joined by "; "
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or date-time
    site: str | None = None  # og:site_name, JSON-LD publisher, else the URL's domain
    language: str | None = None  # ISO 639-1, lowercase
    url: str | None = None  # canonical URL, absolute
    description: str | None = None
    image: str | None = None  # main image URL, absolute


def extract_html_metadata(tree: Any, *, url: str | None = None, extensive_dates: bool = False) -> HtmlMeta:
    """Metadata of the page ``tree`` (an lxml element of it, scripts not yet removed); never raises.

    ``url`` is where the page came from: it makes relative canonical and image URLs absolute and gives
    the site name when the page declares none. ``extensive_dates`` lets htmldate scan the page text
    when no structured source has a date: more dates found, several times slower on those pages.
    """
    found = _guard("scan", scan_page, tree)
    if found is None:  # a tree lxml cannot walk: no metadata rather than an error
        return HtmlMeta()
    ld = _guard("JSON-LD", read_jsonld, found.jsonld) or JsonLd()
    size = _PageSize(tree)
    base = _absolute(found.base, url) or url
    canonical = _absolute(found.canonical, base) or _absolute(ld.url, base) or _absolute(found.first(*URL_KEYS), base)
    domain = _domain(canonical or url)
    site = ld.site or found.first(*SITE_KEYS)
    if site is not None:
        site = site.lstrip("@") or None
    return HtmlMeta(
        title=_guard("title", _title, found, ld, site, domain),
        author=_guard("author", _author, size, found, ld, site_names(site, domain)),
        published=_guard("date", _published, size, found, ld, canonical or url, extensive_dates),
        site=site or domain,
        language=_guard("language", _language, found, ld),
        url=canonical or url,
        description=found.first(*DESCRIPTION_KEYS) or ld.description,
        image=_absolute(ld.image or found.first(*IMAGE_KEYS), base),
    )


def _guard(what: str, function: Callable[..., T], *args: Any) -> T | None:
    """``function(*args)``, or ``None`` if it raises: one field's failure leaves the others."""
    try:
        return function(*args)
    except Exception as exc:  # metadata must never break cleaning; the page decides what breaks
        LOGGER.debug("metadata %s failed: %r", what, exc)
        return None


def _title(found: Scan, ld: JsonLd, site: str | None, domain: str | None) -> str | None:
    declared = [*jsonld_titles(ld, found.title), *(found.first(key) for key in TITLE_KEYS)]
    return choose_title(declared, found.title, found.h1, site, domain)


def _author(size: _PageSize, found: Scan, ld: JsonLd, names: frozenset[str]) -> str | None:
    """The first declared author that is not the site's name, else the byline element's, else the site's name."""
    declared = [
        join_authors(ld.authors),
        *(join_authors(found.meta.get(key, ())) for key in AUTHOR_KEYS),
        join_authors([_labelled(found, WRITTEN_BY)]),
    ]
    fallback = None
    for author in declared:
        if author is None:
            continue
        if flat(author) not in names:
            return author
        fallback = fallback or author
    byline = byline_author(size.tree) if size.small() else None
    if byline is not None and flat(byline) not in names:
        return byline
    return fallback or byline


def _labelled(found: Scan, labels: frozenset[str]) -> str | None:
    """The ``twitter:dataN`` value whose ``twitter:labelN`` is one of ``labels`` (how Yoast SEO names the author)."""
    for n in range(1, 5):
        label = found.first(f"twitter:label{n}")
        if label is not None and label.strip().lower() in labels:
            return found.first(f"twitter:data{n}")
    return None


def _published(size: _PageSize, found: Scan, ld: JsonLd, url: str | None, extensive: bool) -> str | None:
    marked = [stamp for stamp, prop in found.times if prop.lower() == "datepublished"]
    others = [stamp for stamp, prop in found.times[:1] if prop.lower() != "datepublished"]
    candidates = [ld.published, *(found.first(key) for key in PUBLISHED_KEYS), *marked, ld.modified, *others]
    found_date = choose_date(candidates, url)
    if found_date is None and size.small():
        found_date = find_with_htmldate(size.tree, url, extensive=extensive)
    return found_date


class _PageSize:
    """Whether the page is small enough for the whole-page fallbacks (byline search, htmldate), counted once.

    The corpus pages have at most about 10,000 elements; a page of millions (a 50 MB dump) would
    spend seconds there, so it gets only what the scan of its metadata elements found.
    """

    __slots__ = ("_small", "tree")

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self._small: bool | None = None

    def small(self) -> bool:
        if self._small is None:
            try:
                count = self.tree.getroottree().getroot().xpath("count(//*)")
            except Exception:  # not an lxml tree
                count = float("inf")
            self._small = count <= MAX_FALLBACK_ELEMENTS
            if not self._small:
                LOGGER.debug("page of %s elements: no byline search or htmldate", count)
        return self._small


def _language(found: Scan, ld: JsonLd) -> str | None:
    for value in (found.lang, found.first(*LANGUAGE_KEYS), ld.language):
        code = (value or "").strip().replace("_", "-").split("-")[0].lower()
        if len(code) == 2 and code.isalpha():
            return code
    return None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    try:
        absolute = urljoin(base, link) if base else link
    except ValueError:
        return None
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


__all__ = ["HtmlMeta", "extract_html_metadata"]
