"""robots.txt, fetched once per origin and cached for the run (RFC 9309, parsed by protego).

A robots.txt that is missing (any 4xx but 429) allows everything; one the server will not give (5xx,
429) disallows everything, as the RFC asks; a 2xx is parsed, its first 500 KiB. When the host cannot be
reached at all (a timeout, a network error), nothing is fetched from it and its URLs say why.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from ._deps import httpx, protego
from .hosts import Host
from .http import read_at_most
from .options import FetchOptions

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(frozen=True, slots=True)
class Robots:
    """The rules of one origin; ``rules`` is ``None`` when everything is allowed or everything denied."""

    url: str
    rules: protego.Protego | None = None
    allow_all: bool = True
    note: str = ""
    unreachable: bool = False  # no answer at all: a timeout or a network error

    def allows(self, url: str, user_agent: str) -> bool:
        if self.rules is None:
            return self.allow_all
        return bool(self.rules.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        return None if self.rules is None else self.rules.crawl_delay(user_agent)


class RobotsCache:
    """One :class:`Robots` per origin, loaded by the first URL of that origin while the others wait."""

    def __init__(self, client: httpx.AsyncClient, options: FetchOptions) -> None:
        self._client = client
        self._options = options
        self._loading: dict[str, asyncio.Task[Robots]] = {}

    async def get(self, url: str, host: Host) -> Robots:
        """The robots.txt rules that apply to ``url``; the first call for an origin fetches them."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"
        task = self._loading.get(origin)
        if task is None:
            task = self._loading[origin] = asyncio.ensure_future(self._load(origin + "/robots.txt", host))
        return await asyncio.shield(task)

    def close(self) -> None:
        """Stop loads still running (at the end of a run that was cut short)."""
        for task in self._loading.values():
            task.cancel()

    async def _load(self, url: str, host: Host) -> Robots:
        await host.pace()
        try:
            status, body = await asyncio.wait_for(self._get(url), self._options.total_timeout)
        except (asyncio.TimeoutError, httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            cause = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            robots = Robots(url, allow_all=False, note=f"unreachable ({cause})", unreachable=True)
        else:
            if 200 <= status < 300:
                rules = protego.Protego.parse(body.decode("utf-8", errors="replace"))
                robots = Robots(url, rules=rules, note="parsed")
                delay = robots.crawl_delay(self._options.user_agent)
                if delay:
                    host.slow_down(min(float(delay), self._options.max_wait))
            elif 400 <= status < 500 and status != 429:
                robots = Robots(url, note=f"HTTP {status}: everything allowed")
            else:
                robots = Robots(url, allow_all=False, note=f"HTTP {status}: everything disallowed")
        log.debug("%s: %s", url, robots.note)
        return robots

    async def _get(self, url: str) -> tuple[int, bytes]:
        async with self._client.stream("GET", url, follow_redirects=True) as response:
            body, _ = await read_at_most(response, ROBOTS_MAX_BYTES)
            return response.status_code, body
