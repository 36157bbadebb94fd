"""Metadata of an HTML page: title, author, published date, site, language, canonical URL, description, image.

:func:`extract_html_metadata` puts small stages together:

1. one walk over the ``<meta>``, ``<link>``, JSON-LD ``<script>``, ``<title>``, ``<time>`` and ``<h1>``
   elements (:mod:`.scan`);
2. the page's JSON-LD, parsed with :mod:`json` (:mod:`.jsonld`);
3. each field from its declared sources in order of trust, falling back field by field: JSON-LD, then
   Open Graph / Dublin Core / Parse.ly / other ``<meta>`` names, then the document itself (``<title>``
   without the site suffix and ``<h1>`` for the title, the byline element for the author, ``<time>``
   for the date);
4. only when none of those has a date, htmldate's fast search (:mod:`.dates`).

It never raises for odd input: a source that fails is skipped and the next one is tried.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from .author import byline_author, join_authors
from .dates import PUBLISHED_KEYS, find_with_htmldate, iso_date
from .jsonld import JsonLd, read_jsonld
from .scan import Scan, scan
from .title import choose_title, jsonld_titles

LOGGER = logging.getLogger(__name__)

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


def extract_html_metadata(tree: Any, *, url: str | None = None) -> HtmlMeta:
    """Metadata of the page ``tree`` (an lxml element of it, scripts not yet removed); never raises.

    ``url`` is where the page came from: it makes relative canonical and image URLs absolute and gives
    the site name when the page declares none.
    """
    try:
        found = scan(tree)
    except Exception as exc:  # a tree lxml cannot walk: no metadata rather than an error
        LOGGER.debug("metadata scan failed: %s", exc)
        return HtmlMeta()
    ld = read_jsonld(found.jsonld)
    base = _absolute(found.base, url) or url
    canonical = _absolute(found.canonical, base) or _absolute(ld.url, base) or _absolute(found.first(*URL_KEYS), base)
    domain = _domain(canonical or url)
    site = ld.site or found.first(*SITE_KEYS)
    if site is not None:
        site = site.lstrip("@") or None
    return HtmlMeta(
        title=_title(found, ld, site, domain),
        author=_author(tree, found, ld),
        published=_published(tree, found, ld, canonical or url),
        site=site or domain,
        language=_language(found, ld),
        url=canonical or url,
        description=ld.description or found.first(*DESCRIPTION_KEYS),
        image=_absolute(ld.image or found.first(*IMAGE_KEYS), base),
    )


def _title(found: Scan, ld: JsonLd, site: str | None, domain: str | None) -> str | None:
    declared = [*jsonld_titles(ld, found.title), *(found.first(key) for key in TITLE_KEYS)]
    return choose_title(declared, found.title, found.h1, site, domain)


def _author(tree: Any, found: Scan, ld: JsonLd) -> str | None:
    author = join_authors(ld.authors)
    if author is None:
        for key in AUTHOR_KEYS:
            if (author := join_authors(found.meta.get(key, ()))) is not None:
                break
    return author or byline_author(tree)


def _published(tree: Any, found: Scan, ld: JsonLd, url: str | None) -> str | None:
    for value in (ld.published, *(found.first(key) for key in PUBLISHED_KEYS)):
        if (published := iso_date(value)) is not None:
            return published
    times = sorted(found.times, key=lambda t: "datepublished" not in t[1].lower() and "pub" not in t[2].lower())
    for stamp, _, _ in times:
        if (published := iso_date(stamp)) is not None:
            return published
    if ld.modified and (published := iso_date(ld.modified)) is not None:
        return published
    return find_with_htmldate(tree, url)


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
