"""Politeness per host name: how many requests are in flight, when the next one may start.

The :class:`Scheduler` hands URLs to workers so that no host has more than ``per_host`` requests in
flight, choosing among hosts the one whose turn comes first, so a worker never sits waiting for a host
while another host is free. :meth:`Host.pace` then spaces the starts of every request to a host (page,
retry, redirect, robots.txt) by the host's delay, which a Retry-After or a Crawl-delay can lengthen.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import suppress
from urllib.parse import urlsplit


def host_name(url: str) -> str | None:
    """The lower-case host name of an absolute http(s) URL, or ``None`` for any other string."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return host


class Host:
    """One host name: the URLs waiting for it, requests in flight, and when the next may start."""

    __slots__ = ("_lock", "delay", "in_flight", "name", "next_start", "pending", "queued")

    def __init__(self, name: str, delay: float) -> None:
        self.name = name
        self.delay = delay
        self.in_flight = 0
        self.next_start = 0.0  # time.monotonic() seconds
        self.pending: deque[str] = deque()
        self.queued = False
        self._lock = asyncio.Lock()

    async def pace(self) -> None:
        """Wait for this host's turn, then book the next turn ``delay`` seconds from now."""
        async with self._lock:
            while (wait := self.next_start - time.monotonic()) > 0:
                await asyncio.sleep(wait)
            self.next_start = time.monotonic() + self.delay

    def hold(self, seconds: float) -> None:
        """Start no request to this host for ``seconds`` from now (Retry-After, back-off)."""
        self.next_start = max(self.next_start, time.monotonic() + seconds)

    def slow_down(self, delay: float) -> None:
        """Space this host's requests by at least ``delay`` seconds from now on (Crawl-delay)."""
        if delay > self.delay:
            self.next_start += delay - self.delay
            self.delay = delay


class Scheduler:
    """Hands out ``(url, host)`` pairs fairly across hosts; ``host`` is ``None`` for an invalid URL.

    URLs are read from the iterable as they are needed, at most ``max_pending`` at a time, so a long
    list is never held whole. Whoever gets a URL holds a slot of its host until :meth:`release`.
    """

    def __init__(self, urls: Iterable[str], *, per_host: int, delay: float, max_pending: int = 10_000) -> None:
        self._urls: Iterator[str] = iter(urls)
        self._exhausted = False
        self._per_host = per_host
        self._delay = delay
        self._max_pending = max_pending
        self._pending = 0
        self._hosts: dict[str, Host] = {}
        self._invalid: deque[str] = deque()
        self._heap: list[tuple[float, int, Host]] = []
        self._order = itertools.count()
        self._wake = asyncio.Event()

    def host(self, name: str) -> Host:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = Host(name, self._delay)
        return host

    async def next(self) -> tuple[str, Host | None] | None:
        """The next URL whose host has a free slot and whose turn has come; ``None`` once all are out."""
        while True:
            self._refill()
            if self._invalid:
                self._pending -= 1
                return self._invalid.popleft(), None
            timeout: float | None = None
            while self._heap:
                when, _, host = self._heap[0]
                if host.in_flight >= self._per_host:  # a redirect took the last slot meanwhile
                    heapq.heappop(self._heap)
                    host.queued = False
                elif when != host.next_start:  # the host's turn moved since it was queued
                    heapq.heapreplace(self._heap, (host.next_start, next(self._order), host))
                elif (timeout := when - time.monotonic()) <= 0:
                    heapq.heappop(self._heap)
                    host.queued = False
                    return self._take(host), host
                else:
                    break
            if not self._heap and self._exhausted and not self._pending:
                return None
            self._wake.clear()
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)

    async def acquire(self, name: str) -> Host:
        """A slot of host ``name`` (for a redirect to another host), waiting for one to be free."""
        host = self.host(name)
        while host.in_flight >= self._per_host:
            self._wake.clear()
            await self._wake.wait()
        host.in_flight += 1
        return host

    def release(self, host: Host) -> None:
        """Give back a slot taken with :meth:`next` or :meth:`acquire`."""
        host.in_flight -= 1
        self._queue(host)
        self._wake.set()

    def _take(self, host: Host) -> str:
        url = host.pending.popleft()
        self._pending -= 1
        host.in_flight += 1
        self._queue(host)
        return url

    def _queue(self, host: Host) -> None:
        if host.pending and host.in_flight < self._per_host and not host.queued:
            heapq.heappush(self._heap, (host.next_start, next(self._order), host))
            host.queued = True

    def _refill(self) -> None:
        while not self._exhausted and self._pending < self._max_pending:
            url = next(self._urls, None)
            if url is None:
                self._exhausted = True
                break
            name = host_name(url)
            self._pending += 1
            if name is None:
                self._invalid.append(url)
                continue
            host = self.host(name)
            host.pending.append(url)
            self._queue(host)
