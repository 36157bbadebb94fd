"""How to fetch: one frozen options object, validated once."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import __version__
from ..errors import OptionsError

DEFAULT_USER_AGENT = f"newsclean/{__version__}"
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Politeness, limits and retries of the fetcher.

    user_agent
        Sent with every request and matched against robots.txt groups.
    concurrency
        Requests in flight at once, all hosts together.
    per_host
        Requests in flight at once to one host name.
    delay
        Seconds between the starts of two requests to one host name (robots.txt ``Crawl-delay`` raises it).
    connect_timeout, read_timeout
        Seconds to connect; seconds to wait for each chunk of the response.
    total_timeout
        Seconds for one whole request, first byte sent to last byte read: a server that drips its body
        slowly runs out of it even though every read is quick.
    max_bytes
        Longest body read (after content decoding); a longer one is cut there and rejected.
    max_redirects
        Redirects followed from one URL; a chain that comes back to a URL it visited stops at once.
    content_types
        Media types kept; any other response is skipped with a reason (before its body is read).
    retries
        Further attempts after a timeout, a 429 or a 5xx.
    backoff, max_backoff
        The wait before retry *n* is ``backoff * 2**n`` seconds, at most ``max_backoff``, jittered to
        between half and all of it; a longer Retry-After from the server wins.
    max_wait
        Longest Retry-After or Crawl-delay honoured: a server asking for more gets its URL rejected
        (Retry-After) or this delay (Crawl-delay).
    robots
        Obey robots.txt (fetched once per origin and cached for the run).
    http2
        Offer HTTP/2 (needs the ``h2`` package: ``pip install 'httpx[http2]'``).

    TLS certificates are always verified; there is no option to turn that off.
    """

    user_agent: str = DEFAULT_USER_AGENT
    concurrency: int = 16
    per_host: int = 1
    delay: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10_000_000
    max_redirects: int = 10
    content_types: tuple[str, ...] = HTML_TYPES
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_wait: float = 120.0
    robots: bool = True
    http2: bool = False

    def __post_init__(self) -> None:
        if (
            not isinstance(self.user_agent, str)
            or not self.user_agent.strip()
            or any(c in self.user_agent for c in "\r\n")
        ):
            raise OptionsError(f"user_agent must be one non-empty line, got {self.user_agent!r}")
        for name, low in (("concurrency", 1), ("per_host", 1), ("max_bytes", 1), ("max_redirects", 0), ("retries", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise OptionsError(f"{name} must be an integer >= {low}, got {value!r}")
        for name in ("connect_timeout", "read_timeout", "total_timeout", "delay", "backoff", "max_backoff", "max_wait"):
            value = getattr(self, name)
            positive = name.endswith("timeout")
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
                or (value <= 0 if positive else value < 0)
            ):
                raise OptionsError(f"{name} must be a number of seconds {'> 0' if positive else '>= 0'}, got {value!r}")
        types = self.content_types
        if (
            not isinstance(types, tuple)
            or not types
            or any(not isinstance(t, str) or "/" not in t or t != t.strip().lower() for t in types)
        ):
            raise OptionsError(f"content_types must be a non-empty tuple of lower-case media types, got {types!r}")

    def accepts(self, content_type: str | None) -> bool:
        """Whether a Content-Type header value names a kept media type (parameters ignored)."""
        if not content_type:
            return False
        return content_type.split(";", 1)[0].strip().lower() in self.content_types
