"""newsclean: turn messy news pages into clean article records.

>>> import newsclean
>>> article = newsclean.clean_text(open("page.txt").read())  # doctest: +SKIP
>>> article = newsclean.clean_html(open("page.html", "rb").read(), url="https://example.com/a")  # doctest: +SKIP
>>> article.title, article.text  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .classify.decision import Label, LineDecision
from .clean import clean_text, clean_texts
from .errors import (
    BodyTooLarge,
    ContentTypeSkipped,
    FetchError,
    FetchFailure,
    FetchTimeout,
    HTTPStatusError,
    InputError,
    InvalidURL,
    ModelError,
    NetworkError,
    NewscleanError,
    OptionsError,
    RobotsDenied,
    TooManyRedirects,
)
from .html.extract import clean_html, clean_htmls
from .options import Options
from .record import Article, Extractor, Status

if TYPE_CHECKING:
    from .fetch import FetchOptions, FetchResult, Page, fetch_all, fetch_many

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

# The fetcher needs the ``fetch`` extra (httpx…): its names are imported on first use, not with the package.
_FETCH_NAMES = frozenset({"FetchOptions", "FetchResult", "Page", "fetch_all", "fetch_many"})

__all__ = [
    "Article",
    "BodyTooLarge",
    "ContentTypeSkipped",
    "Extractor",
    "FetchError",
    "FetchFailure",
    "FetchOptions",
    "FetchResult",
    "FetchTimeout",
    "HTTPStatusError",
    "InputError",
    "InvalidURL",
    "Label",
    "LineDecision",
    "ModelError",
    "NetworkError",
    "NewscleanError",
    "Options",
    "OptionsError",
    "Page",
    "RobotsDenied",
    "Status",
    "TooManyRedirects",
    "__version__",
    "clean_html",
    "clean_htmls",
    "clean_text",
    "clean_texts",
    "fetch_all",
    "fetch_many",
]


def __getattr__(name: str) -> Any:
    if name in _FETCH_NAMES:
        from . import fetch

        return getattr(fetch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
