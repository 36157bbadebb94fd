"""Fetching pages politely: robots.txt, per-host limits and delays, retries, and a WARC archive.

Needs the ``fetch`` extra (httpx, protego, warcio): ``pip install 'newsclean[fetch]'``.

>>> from newsclean.fetch import FetchOptions, fetch_all
>>> results = fetch_all(["https://example.com/"], FetchOptions(delay=2.0))  # doctest: +SKIP
>>> [r.page.final_url if r.ok else str(r.error) for r in results]  # doctest: +SKIP
"""

from __future__ import annotations

from .crawl import fetch_all, fetch_many
from .options import DEFAULT_USER_AGENT, FetchOptions
from .result import FetchResult, Page
from .warc import WarcArchive, archived_urls

__all__ = [
    "DEFAULT_USER_AGENT",
    "FetchOptions",
    "FetchResult",
    "Page",
    "WarcArchive",
    "archived_urls",
    "fetch_all",
    "fetch_many",
]
