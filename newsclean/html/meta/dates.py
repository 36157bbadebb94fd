"""The published date: structured sources first, then htmldate's fast search.

:func:`iso_date` turns the date strings pages put in JSON-LD, ``<meta>`` and ``<time datetime>`` into
ISO 8601 (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM[:SS][±HH:MM]``). :func:`find_with_htmldate` is the last
resort, called only when no structured source has a date: htmldate (imported lazily), by default with
``extensive_search=False``, which skips its slow free-text scan.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime, timezone
from email.utils import parsedate
from typing import Any

LOGGER = logging.getLogger(__name__)

#: ``<meta>`` keys holding the publication date, most specific first.
PUBLISHED_KEYS = (
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "published_time",
    "published-date",
    "publish-date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "dc:date",
    "citation_publication_date",
    "citation_date",
    "date",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "bt:pubdate",
    "og:updated_time",
    "article:modified_time",
    "datemodified",
    "last-modified",
)

_ISO = re.compile(
    r"(?P<y>(?:19|20)\d\d)(?P<s>[-/.]?)(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)"
    r"(?:[T ]\s*(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-6]\d)(?:[.,]\d+)?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-][01]\d(?::?[0-5]\d)?)?)?"
)
#: A complete date in a URL path: ``/2019/10/22/``, ``-2019-10-22-``, ``/2017/7/12/``.
_URL_DATE = re.compile(r"\D((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:\D|$)")
_DMY = re.compile(r"\b(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)\b")


def iso_date(value: str | None) -> str | None:
    """``value`` as an ISO 8601 date or date-time, or ``None`` when it does not read as a plausible date."""
    if not value:
        return None
    value = value.strip()[:100]
    if value.isdigit() and len(value) in (10, 13):  # a Unix timestamp, in seconds or milliseconds
        seconds = int(value) // (1000 if len(value) == 13 else 1)
        return _day(*datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y %m %d").split())
    match = _ISO.search(value)
    if match is not None and (day := _day(match["y"], match["m"], match["d"])) is not None:
        hour, second = int(match["H"] or 99), int(match["S"] or 0)
        if hour > 23 or second > 60:  # no time, or not a valid one: the day alone
            return day
        stamp = f"{day}T{hour:02d}:{match['M']}"
        if match["S"] is not None:
            stamp += f":{match['S']}"
        return stamp + _zone(match["z"])
    match = _DMY.search(value)
    if match is not None:
        return _day(match["y"], match["m"], match["d"])
    parsed = parsedate(value)  # RFC 2822: "Fri, 10 Jul 2015 09:53:00 -0400"
    if parsed is not None:
        return _day(str(parsed[0]), str(parsed[1]), str(parsed[2]))
    return None


def url_date(url: str | None) -> str | None:
    """The ``YYYY-MM-DD`` date a URL's path spells out in full, if any."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    return _day(match[1], match[2], match[3]) if match else None


def choose_date(candidates: Iterable[str | None], url: str | None) -> str | None:
    """The first candidate that reads as a date, unless the URL names another day.

    A full date in the URL is how most sites file an article; when a structured source disagrees it
    is usually an update, a migration or a teaser's date, so the URL's day wins (with the first
    candidate's time of day when they agree).
    """
    in_url = url_date(url)
    first = None
    for candidate in candidates:
        if (found := iso_date(candidate)) is None:
            continue
        if in_url is None or found[:10] == in_url:
            return found
        first = first or found
    return in_url or first


def _day(year: str, month: str, day: str) -> str | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not 1990 <= found.year <= date.today().year + 1:
        return None
    return found.isoformat()


def _zone(zone: str | None) -> str:
    if not zone:
        return ""
    if zone in ("Z", "UTC", "GMT"):
        return "Z"
    digits = zone[1:].replace(":", "")
    if len(digits) == 2:
        digits += "00"
    return f"{zone[0]}{digits[:2]}:{digits[2:]}"


def find_with_htmldate(tree: Any, url: str | None, *, extensive: bool = False) -> str | None:
    """htmldate's original-date guess (``YYYY-MM-DD``).

    Without ``extensive`` htmldate skips its free-text scan: on the corpus dev pages that reach this
    fallback the scan finds about one date in eight more and costs several times the rest of the
    metadata (``benchmarks/html_meta.py``).
    """
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a core dependency
        LOGGER.debug("htmldate not installed; no date fallback")
        return None
    try:
        found = find_date(tree, extensive_search=extensive, original_date=True, url=url)
    except Exception as exc:  # htmldate has many parsers; a page must never break metadata
        LOGGER.debug("htmldate failed: %s", exc)
        return None
    return iso_date(found)
