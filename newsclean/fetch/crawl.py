"""Fetching many URLs politely: workers, robots.txt, retries and redirects put together."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence

from ..errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    NetworkError,
    RobotsDenied,
    TooManyRedirects,
)
from ._deps import httpx
from .hosts import Host, Scheduler, host_name
from .http import Exchange, backoff, check_url, exchange, retry_after, retryable
from .options import FetchOptions
from .result import FetchResult, Page
from .robots import RobotsCache

log = logging.getLogger(__name__)

_DONE = object()


async def fetch_many(urls: Iterable[str], options: FetchOptions | None = None) -> AsyncIterator[FetchResult]:
    """Fetch every URL once (duplicates dropped) and yield one :class:`FetchResult` each, as they finish.

    >>> async for result in fetch_many(["https://example.com/"]):  # doctest: +SKIP
    ...     print(result.url, result.page.status if result.ok else result.error)
    """
    options = options or FetchOptions()
    async with Crawler(options) as crawler:
        async for result in crawler.run(urls):
            yield result


def fetch_all(urls: Iterable[str], options: FetchOptions | None = None) -> list[FetchResult]:
    """:func:`fetch_many` for code that is not async: every result, in the order they finished."""

    async def collect() -> list[FetchResult]:
        return [result async for result in fetch_many(urls, options)]

    return asyncio.run(collect())


class Crawler:
    """One HTTP client and the politeness state of one run."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self._client = httpx.AsyncClient(
            headers={"User-Agent": options.user_agent, "Accept": ", ".join((*options.content_types, "*/*;q=0.1"))},
            timeout=httpx.Timeout(
                options.total_timeout,
                connect=options.connect_timeout,
                read=options.read_timeout,
                write=options.read_timeout,
            ),
            limits=httpx.Limits(max_connections=2 * options.concurrency, max_keepalive_connections=options.concurrency),
            follow_redirects=False,
            max_redirects=5,  # robots.txt only; pages follow redirects one by one
            http2=options.http2,
        )
        self._robots = RobotsCache(self._client, options)
        self._scheduler: Scheduler | None = None

    async def __aenter__(self) -> Crawler:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._robots.close()
        await self._client.aclose()

    async def run(self, urls: Iterable[str]) -> AsyncIterator[FetchResult]:
        """Fetch ``urls`` with ``options.concurrency`` workers; results come as they finish."""
        self._scheduler = Scheduler(_unique(urls), per_host=self.options.per_host, delay=self.options.delay)
        results: asyncio.Queue[object] = asyncio.Queue(maxsize=2 * self.options.concurrency)
        workers = [asyncio.ensure_future(self._work(results)) for _ in range(self.options.concurrency)]
        closer = asyncio.ensure_future(self._close_when_done(workers, results))
        try:
            while (item := await results.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, FetchResult)
                yield item
        finally:
            for task in (*workers, closer):
                task.cancel()
            await asyncio.gather(*workers, closer, return_exceptions=True)

    async def fetch(self, url: str, host: Host | None) -> Page:
        """One URL to a page, following redirects; the slot of ``host`` is released at the end."""
        scheduler = self._scheduler
        assert scheduler is not None
        if host is None:
            raise InvalidURL(url, "not an absolute http(s) URL")
        chain = [url]
        try:
            while True:
                current = chain[-1]
                check_url(current)
                await self._check_robots(current, host)
                answer = await self._with_retries(current, host)
                if answer.location is None:
                    return _page(url, answer, chain[:-1])
                target = answer.location
                if target in chain:
                    raise TooManyRedirects(url, "redirect loop: " + " -> ".join((*chain, target)), status=answer.status)
                if len(chain) > self.options.max_redirects:
                    raise TooManyRedirects(
                        url, f"more than {self.options.max_redirects} redirects", status=answer.status
                    )
                chain.append(target)
                name = host_name(target)
                if name is None:
                    raise InvalidURL(url, f"redirect to {target!r}, not an http(s) URL", status=answer.status)
                if name != host.name:
                    scheduler.release(host)
                    host = None
                    host = await scheduler.acquire(name)
        finally:
            if host is not None:
                scheduler.release(host)

    async def _check_robots(self, url: str, host: Host) -> None:
        if not self.options.robots:
            return
        robots = await self._robots.get(url, host)
        if robots.unreachable:
            raise NetworkError(url, f"{robots.url} {robots.note}: nothing fetched from this host")
        if not robots.allows(url, self.options.user_agent):
            raise RobotsDenied(url, f"disallowed by {robots.url} ({robots.note})")

    async def _with_retries(self, url: str, host: Host) -> Exchange:
        """One request, tried again after a timeout, a 429 or a 5xx, spaced by back-off and Retry-After."""
        options = self.options
        for attempt in range(options.retries + 1):
            await host.pace()
            try:
                answer = await asyncio.wait_for(exchange(self._client, url, options), options.total_timeout)
                error: FetchError | None = _status_error(answer)
            except asyncio.TimeoutError:
                error = FetchTimeout(url, f"no complete response within total_timeout={options.total_timeout} s")
            except FetchError as exc:
                error = exc
            if error is None:
                return answer
            if not retryable(error) or attempt == options.retries:
                raise error
            wait = backoff(attempt, options)
            if isinstance(error, HTTPStatusError) and error.retry_after is not None:
                if error.retry_after > options.max_wait:
                    reason = (
                        f"{error.reason}; Retry-After {error.retry_after:.0f} s is over max_wait={options.max_wait}"
                    )
                    raise HTTPStatusError(url, reason, status=error.status or 0) from error
                wait = max(wait, error.retry_after)
            log.info("%s: %s; retry %d of %d in %.1f s", url, error.reason, attempt + 1, options.retries, wait)
            host.hold(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _work(self, results: asyncio.Queue[object]) -> None:
        scheduler = self._scheduler
        assert scheduler is not None
        while (item := await scheduler.next()) is not None:
            url, host = item
            try:
                result = FetchResult(url, page=await self.fetch(url, host))
            except FetchError as exc:
                log.debug("%s", exc)
                result = FetchResult(url, error=exc)
            await results.put(result)

    @staticmethod
    async def _close_when_done(workers: Sequence[asyncio.Future[None]], results: asyncio.Queue[object]) -> None:
        try:
            await asyncio.gather(*workers)
        except Exception as exc:  # a bug in a worker: the consumer raises it
            await results.put(exc)
        else:
            await results.put(_DONE)


def _status_error(answer: Exchange) -> HTTPStatusError | None:
    if answer.location is not None or 200 <= answer.status < 300:
        return None
    reason = f"HTTP {answer.status} {answer.reason_phrase}".rstrip()
    if 300 <= answer.status < 400:
        reason += " without a Location"
    return HTTPStatusError(
        answer.url, reason, status=answer.status, retry_after=retry_after(answer.header("retry-after"))
    )


def _page(url: str, answer: Exchange, redirects: list[str]) -> Page:
    return Page(
        url=url,
        final_url=answer.url,
        status=answer.status,
        reason_phrase=answer.reason_phrase,
        http_version=answer.http_version,
        headers=answer.headers,
        request_headers=answer.request_headers,
        body=answer.body,
        fetched_at=answer.fetched_at,
        redirects=tuple(redirects),
    )


def _unique(urls: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for url in urls:
        if url not in seen:
            seen.add(url)
            yield url
