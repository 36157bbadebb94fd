"""Fetching pages politely: robots.txt, per-host limits and delays, retries, and a WARC archive.

Needs the ``fetch`` extra (httpx, protego, warcio): ``pip install 'newsclean[fetch]'``. Only the names that
do network or WARC work import it, on first use, so :class:`FetchOptions` and :class:`Page` come without it.

>>> from newsclean.fetch import FetchOptions, fetch_all
>>> results = fetch_all(["https://example.com/"], FetchOptions(delay=2.0))  # doctest: +SKIP
>>> [r.page.final_url if r.ok else str(r.error) for r in results]  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .options import DEFAULT_USER_AGENT, FetchOptions
from .result import FetchResult, Page

if TYPE_CHECKING:
    from .crawl import fetch_all, fetch_many
    from .warc import WarcArchive, archived_urls

_LAZY = {"fetch_all": ".crawl", "fetch_many": ".crawl", "WarcArchive": ".warc", "archived_urls": ".warc"}

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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
