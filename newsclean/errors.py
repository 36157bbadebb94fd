"""Errors raised by newsclean.

Cleaning a page never raises for bad *content*: an empty, binary or non-article page comes back as an
:class:`~newsclean.record.Article` with a status and a reason. Exceptions are for misuse and for
resources that cannot be read::

    NewscleanError
    ├── OptionsError        an option has a value out of range or of the wrong type
    ├── ModelError          the shipped line-model file is missing or malformed
    ├── InputError          an input file or record cannot be read (names path and record)
    └── FetchError          a URL ended without a page to keep (names url, status when there was one)
        ├── InvalidURL          not an absolute http(s) URL
        ├── RobotsDenied        robots.txt disallows it for our user agent
        ├── FetchTimeout        connect, read or total time ran out (retried)
        ├── NetworkError        connection refused, DNS, TLS, a broken response
        ├── HTTPStatusError     an error status: 4xx at once, 429 and 5xx once retries are spent
        ├── TooManyRedirects    more redirects than allowed, or a loop
        ├── ContentTypeSkipped  a content type that is not cleaned (not HTML)
        └── BodyTooLarge        the body is longer than allowed: cut there and rejected

Each :class:`FetchError` carries a :class:`FetchFailure` kind, the URL and the HTTP status (or ``None``).
"""

from __future__ import annotations

from typing import ClassVar

from ._compat import StrEnum


class NewscleanError(Exception):
    """Root of every error newsclean raises on purpose."""


class OptionsError(NewscleanError, ValueError):
    """An option has a value out of range or of the wrong type."""


class ModelError(NewscleanError):
    """The line-model weights cannot be loaded."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


class InputError(NewscleanError):
    """An input cannot be read; names where it came from and why."""

    def __init__(self, source: str, cause: str, *, record: int | None = None) -> None:
        where = source if record is None else f"{source}, record {record}"
        super().__init__(f"{where}: {cause}")
        self.source = source
        self.record = record
        self.cause = cause


class FetchFailure(StrEnum):
    """Why a URL was rejected: the ``error`` field of a rejects file."""

    INVALID_URL = "invalid_url"
    ROBOTS = "robots"
    TIMEOUT = "timeout"
    NETWORK = "network"
    HTTP_STATUS = "http_status"
    REDIRECTS = "redirects"
    CONTENT_TYPE = "content_type"
    TOO_LARGE = "too_large"


class FetchError(NewscleanError):
    """A URL could not be fetched into a page; names the URL, the HTTP status (if any) and why."""

    kind: ClassVar[FetchFailure] = FetchFailure.NETWORK

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        where = url if status is None else f"{url} (HTTP {status})"
        super().__init__(f"{where}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class InvalidURL(FetchError):
    """The URL is not an absolute ``http`` or ``https`` URL."""

    kind = FetchFailure.INVALID_URL


class RobotsDenied(FetchError):
    """The site's robots.txt disallows the URL for the configured user agent."""

    kind = FetchFailure.ROBOTS


class FetchTimeout(FetchError):
    """Connecting, reading, or the whole response took longer than allowed."""

    kind = FetchFailure.TIMEOUT


class NetworkError(FetchError):
    """The connection failed or the response was broken (refused, DNS, TLS, protocol, decoding)."""

    kind = FetchFailure.NETWORK


class HTTPStatusError(FetchError):
    """The server answered with an error status; ``retry_after`` is its Retry-After in seconds, if any."""

    kind = FetchFailure.HTTP_STATUS

    def __init__(self, url: str, reason: str, *, status: int, retry_after: float | None = None) -> None:
        super().__init__(url, reason, status=status)
        self.retry_after = retry_after


class TooManyRedirects(FetchError):
    """The redirect chain is longer than allowed or comes back to a URL it visited."""

    kind = FetchFailure.REDIRECTS


class ContentTypeSkipped(FetchError):
    """The response is not of a content type that is cleaned (HTML by default)."""

    kind = FetchFailure.CONTENT_TYPE


class BodyTooLarge(FetchError):
    """The body is longer than the allowed maximum; reading stopped there."""

    kind = FetchFailure.TOO_LARGE
