"""One HTTP exchange under the fetcher's limits, and the retry rules that decide what comes next."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from ..errors import BodyTooLarge, ContentTypeSkipped, FetchError, FetchTimeout, InvalidURL, NetworkError
from ._deps import httpx
from .options import FetchOptions
from .result import Headers

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 523, 524})


@dataclass(frozen=True, slots=True)
class Exchange:
    """A request and its response; ``body`` is read only for a 2xx of a kept content type."""

    url: str
    status: int
    reason_phrase: str
    http_version: str
    headers: Headers
    request_headers: Headers
    fetched_at: str
    body: bytes = b""
    location: str | None = None  # the absolute target of a redirect

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


async def exchange(client: httpx.AsyncClient, url: str, options: FetchOptions) -> Exchange:
    """GET ``url`` once, without following redirects; raises :class:`FetchError` for what cannot be kept.

    The body of a 2xx is read only if its Content-Type is kept and only up to ``options.max_bytes``.
    A total time limit is the caller's (it wraps this coroutine).
    """
    fetched_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        async with client.stream("GET", url) as response:
            status = response.status_code
            seen = Exchange(
                url=url,
                status=status,
                reason_phrase=response.reason_phrase,
                http_version=response.http_version,
                headers=_headers(response.headers),
                request_headers=_headers(response.request.headers),
                fetched_at=fetched_at,
            )
            if response.has_redirect_location:
                return replace(seen, location=urljoin(url, response.headers["location"]))
            if not 200 <= status < 300:
                return seen
            content_type = response.headers.get("content-type")
            if not options.accepts(content_type):
                kept = ", ".join(options.content_types)
                raise ContentTypeSkipped(url, f"content type {content_type!r} is not one of {kept}", status=status)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise BodyTooLarge(
                    url, f"Content-Length {declared} is over max_bytes={options.max_bytes}", status=status
                )
            body, cut = await read_at_most(response, options.max_bytes)
            if cut:
                raise BodyTooLarge(url, f"body cut at max_bytes={options.max_bytes}", status=status)
            return replace(seen, body=body)
    except httpx.TimeoutException as exc:
        raise FetchTimeout(url, _timeout_reason(exc, options)) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise InvalidURL(url, str(exc)) from exc
    except httpx.HTTPError as exc:
        raise NetworkError(url, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__) from exc


def check_url(url: str) -> None:
    """Raise :class:`InvalidURL` for a URL httpx cannot request (a control character, a bad host or port)."""
    try:
        httpx.URL(url).host  # noqa: B018 - the host is decoded (IDNA) only when asked for
    except (httpx.InvalidURL, ValueError) as exc:
        raise InvalidURL(url, str(exc)) from exc


async def read_at_most(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """The decoded body, read no further than ``limit`` bytes, and whether it was cut there."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        if size + len(chunk) > limit:
            chunks.append(chunk[: limit - size])
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), False


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date); ``None`` if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def backoff(attempt: int, options: FetchOptions) -> float:
    """The jittered wait before retry number ``attempt`` (0 for the first retry)."""
    ceiling = min(options.max_backoff, options.backoff * 2.0**attempt)
    return ceiling * random.uniform(0.5, 1.0)


def retryable(error: FetchError) -> bool:
    """Timeouts, 429 and the 5xx statuses that say "try later" are retried; nothing else is."""
    return isinstance(error, FetchTimeout) or error.status in RETRIED_STATUSES


def _headers(headers: httpx.Headers) -> Headers:
    return tuple((key.decode("latin-1"), value.decode("latin-1")) for key, value in headers.raw)


def _timeout_reason(exc: httpx.TimeoutException, options: FetchOptions) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"ConnectTimeout: no connection within connect_timeout={options.connect_timeout} s"
    if isinstance(exc, httpx.ReadTimeout):
        return f"ReadTimeout: nothing received for read_timeout={options.read_timeout} s"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
