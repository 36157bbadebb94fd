"""The fetcher against real HTTP servers on 127.0.0.1: politeness measured on the server side."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import shutil
import ssl
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from newsclean.errors import (
    BodyTooLarge,
    ContentTypeSkipped,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    NetworkError,
    RobotsDenied,
    TooManyRedirects,
)
from newsclean.fetch import FetchOptions, FetchResult, fetch_all, fetch_many
from tests.fetch.server import ALL, Site, drip, drip_headers, gzipped, in_turn, page, redirect, stall, unsized

FAST = {"delay": 0.0, "retries": 0, "backoff": 0.01, "connect_timeout": 2.0, "read_timeout": 2.0, "total_timeout": 5.0}


def fetch(urls: list[str], **options: Any) -> dict[str, FetchResult]:
    results = fetch_all(urls, FetchOptions(**{**FAST, **options}))
    assert len(results) == len({*urls}), "one result per distinct URL"
    return {result.url: result for result in results}


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(times)]


def error(result: FetchResult) -> FetchError:
    assert result.error is not None, f"{result.url} was fetched"
    return result.error


# --- robots.txt ---------------------------------------------------------------------------------------------


def test_robots_disallow_is_obeyed(site: Site) -> None:
    site.routes["/robots.txt"] = page("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/private/a"] = page()
    site.routes["/public/b"] = page()
    results = fetch([site.url("/private/a"), site.url("/public/b")])
    denied = error(results[site.url("/private/a")])
    assert isinstance(denied, RobotsDenied)
    assert denied.url == site.url("/private/a")
    assert "robots.txt" in str(denied)
    assert results[site.url("/public/b")].ok
    assert site.paths() == ["/robots.txt", "/public/b"]  # robots.txt once; the private page never asked for


def test_robots_groups_match_the_configured_user_agent(site: Site) -> None:
    site.routes["/robots.txt"] = page("User-agent: testbot\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    site.routes["/a"] = page()
    site.routes["/b"] = page()
    assert isinstance(error(fetch([site.url("/a")], user_agent="TestBot/2.0 (+tests)")[site.url("/a")]), RobotsDenied)
    assert fetch([site.url("/b")], user_agent="otherbot/1.0")[site.url("/b")].ok
    assert [hit.user_agent for hit in site.hits if hit.path == "/b"] == ["otherbot/1.0"]


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False), (429, False)])
def test_robots_missing_allows_unreachable_disallows(site: Site, status: int, allowed: bool) -> None:
    site.routes["/robots.txt"] = page(b"", status=status)
    site.routes["/a"] = page()
    result = fetch([site.url("/a")])[site.url("/a")]
    assert result.ok is allowed
    if not allowed:
        assert isinstance(error(result), RobotsDenied)


def test_robots_crawl_delay_spaces_requests(site: Site) -> None:
    site.routes["/robots.txt"] = page("User-agent: *\nCrawl-delay: 0.4\n")
    urls = [site.url(f"/p{i}") for i in range(3)]
    for i in range(3):
        site.routes[f"/p{i}"] = page()
    assert all(r.ok for r in fetch(urls).values())
    starts = site.starts("127.0.0.1")
    assert len(starts) == 4
    assert min(gaps(starts[1:])) >= 0.3  # 0.4 s asked; arrivals jitter under load


def test_robots_can_be_switched_off(site: Site) -> None:
    site.routes["/robots.txt"] = page("User-agent: *\nDisallow: /\n")
    site.routes["/a"] = page()
    assert fetch([site.url("/a")], robots=False)[site.url("/a")].ok
    assert site.paths() == ["/a"]


# --- concurrency and delay ------------------------------------------------------------------------------------


def test_per_host_concurrency_holds_while_hosts_run_in_parallel(site: Site) -> None:
    for i in range(6):
        site.routes[f"/slow{i}"] = page(delay=0.15)
    urls = [site.url(f"/slow{i}", host) for host in ("127.0.0.1", "localhost") for i in range(6)]
    results = fetch(urls, per_host=2, concurrency=8, robots=False)
    assert all(r.ok for r in results.values())
    assert site.peak["127.0.0.1"] == 2
    assert site.peak["localhost"] == 2
    assert site.peak[ALL] >= 3  # the two hosts were served at the same time


def test_global_concurrency_holds(site: Site) -> None:
    for i in range(8):
        site.routes[f"/slow{i}"] = page(delay=0.1)
    urls = [site.url(f"/slow{i}", host) for host in ("127.0.0.1", "localhost") for i in range(8)]
    assert all(r.ok for r in fetch(urls, per_host=8, concurrency=3, robots=False).values())
    assert site.peak[ALL] == 3


def test_per_host_delay_holds_and_other_hosts_do_not_wait(site: Site) -> None:
    for i in range(4):
        site.routes[f"/p{i}"] = page()
    urls = [site.url(f"/p{i}", host) for i in range(4) for host in ("127.0.0.1", "localhost")]
    started = time.monotonic()
    assert all(r.ok for r in fetch(urls, per_host=2, delay=0.3).values())
    elapsed = time.monotonic() - started
    for host in ("127.0.0.1", "localhost"):
        starts = site.starts(host)
        assert len(starts) == 5  # robots.txt and four pages
        assert min(gaps(starts)) >= 0.2, gaps(starts)  # 0.3 s asked; arrival times jitter under load
    assert elapsed < 8 * 0.3  # the two hosts' waits overlap


# --- retries ------------------------------------------------------------------------------------------------


def test_429_with_retry_after_is_retried_after_the_wait(site: Site) -> None:
    site.routes["/a"] = in_turn(page(b"slow down", status=429, headers=[("Retry-After", "1")]), page())
    result = fetch([site.url("/a")], retries=2, robots=False)[site.url("/a")]
    assert result.ok
    starts = site.starts("127.0.0.1")
    assert len(starts) == 2
    assert starts[1] - starts[0] >= 0.95


def test_503_is_retried_then_succeeds(site: Site) -> None:
    site.routes["/a"] = in_turn(page(status=503), page(status=503), page("<html><p>third time</p></html>"))
    result = fetch([site.url("/a")], retries=3, robots=False)[site.url("/a")]
    assert result.page is not None
    assert result.page.body == b"<html><p>third time</p></html>"
    assert site.paths() == ["/a"] * 3


def test_backoff_grows_between_retries(site: Site) -> None:
    site.routes["/a"] = in_turn(page(status=503), page(status=503), page())
    assert fetch([site.url("/a")], retries=2, backoff=0.2, robots=False)[site.url("/a")].ok
    starts = site.starts("127.0.0.1")
    first, second = starts[1] - starts[0], starts[2] - starts[1]
    assert 0.09 <= first <= 0.3  # 0.2 s jittered to [0.1, 0.2]
    assert 0.19 <= second <= 0.5  # 0.4 s jittered to [0.2, 0.4]


def test_retries_run_out_with_the_last_status(site: Site) -> None:
    site.routes["/a"] = page(status=503)
    failed = error(fetch([site.url("/a")], retries=2, robots=False)[site.url("/a")])
    assert isinstance(failed, HTTPStatusError)
    assert failed.status == 503
    assert site.paths() == ["/a"] * 3


def test_client_errors_are_not_retried(site: Site) -> None:
    failed = error(fetch([site.url("/missing")], retries=3, robots=False)[site.url("/missing")])
    assert isinstance(failed, HTTPStatusError)
    assert failed.status == 404
    assert site.paths() == ["/missing"]


def test_retry_after_beyond_max_wait_gives_up_at_once(site: Site) -> None:
    site.routes["/a"] = page(status=429, headers=[("Retry-After", "3600")])
    failed = error(fetch([site.url("/a")], retries=3, max_wait=5.0, robots=False)[site.url("/a")])
    assert isinstance(failed, HTTPStatusError)
    assert failed.status == 429
    assert "Retry-After" in failed.reason
    assert site.paths() == ["/a"]


# --- timeouts and limits ----------------------------------------------------------------------------------------


def test_slow_loris_body_runs_out_of_total_time(site: Site) -> None:
    site.routes["/drip"] = drip(every=0.05)
    started = time.monotonic()
    failed = error(fetch([site.url("/drip")], total_timeout=0.5, read_timeout=2.0, robots=False)[site.url("/drip")])
    assert isinstance(failed, FetchTimeout)
    assert "total_timeout" in failed.reason
    assert time.monotonic() - started < 2.0  # every read was quick; only the total limit could stop it


def test_slow_loris_headers_run_out_of_total_time(site: Site) -> None:
    site.routes["/drip"] = drip_headers(every=0.05)
    started = time.monotonic()
    failed = error(fetch([site.url("/drip")], total_timeout=0.5, read_timeout=2.0, robots=False)[site.url("/drip")])
    assert isinstance(failed, FetchTimeout)
    assert time.monotonic() - started < 2.0


def test_stalled_body_runs_out_of_read_time_and_is_retried(site: Site) -> None:
    site.routes["/stall"] = stall(1.5)
    failed = error(fetch([site.url("/stall")], read_timeout=0.2, retries=1, robots=False)[site.url("/stall")])
    assert isinstance(failed, FetchTimeout)
    assert "ReadTimeout" in failed.reason
    assert site.paths() == ["/stall"] * 2


def test_declared_oversized_body_is_rejected(site: Site) -> None:
    site.routes["/big"] = page(b"x" * 5000)
    failed = error(fetch([site.url("/big")], max_bytes=1000, robots=False)[site.url("/big")])
    assert isinstance(failed, BodyTooLarge)
    assert failed.status == 200


def test_undeclared_oversized_body_is_cut_and_rejected(site: Site) -> None:
    site.routes["/big"] = unsized(50_000)
    site.routes["/small"] = unsized(900)
    results = fetch([site.url("/big"), site.url("/small")], max_bytes=1000, robots=False)
    failed = error(results[site.url("/big")])
    assert isinstance(failed, BodyTooLarge)
    assert "cut" in failed.reason
    small = results[site.url("/small")].page
    assert small is not None and small.body == b"y" * 900


def test_limit_applies_to_the_decoded_body(site: Site) -> None:
    bomb = b"<html>" + b" " * 200_000 + b"</html>"
    site.routes["/bomb"] = gzipped(bomb)
    site.routes["/zipped"] = gzipped(b"<html><p>small</p></html>")
    assert len(gzip.compress(bomb)) < 1000
    results = fetch([site.url("/bomb"), site.url("/zipped")], max_bytes=10_000, robots=False)
    assert isinstance(error(results[site.url("/bomb")]), BodyTooLarge)
    zipped = results[site.url("/zipped")].page
    assert zipped is not None and zipped.body == b"<html><p>small</p></html>"


# --- redirects ------------------------------------------------------------------------------------------------


def test_redirect_loop_stops(site: Site) -> None:
    site.routes["/a"] = redirect("/b")
    site.routes["/b"] = redirect(site.url("/a"))
    failed = error(fetch([site.url("/a")], max_redirects=10, robots=False)[site.url("/a")])
    assert isinstance(failed, TooManyRedirects)
    assert "loop" in failed.reason
    assert site.paths() == ["/a", "/b"]


def test_redirect_chain_longer_than_allowed_stops(site: Site) -> None:
    for i in range(10):
        site.routes[f"/r{i}"] = redirect(f"/r{i + 1}", status=301)
    failed = error(fetch([site.url("/r0")], max_redirects=3, robots=False)[site.url("/r0")])
    assert isinstance(failed, TooManyRedirects)
    assert site.paths() == ["/r0", "/r1", "/r2", "/r3"]


def test_redirects_are_followed_across_hosts_with_robots_checked(site: Site) -> None:
    site.routes["/old"] = redirect(site.url("/new", "localhost"), status=301)
    site.routes["/new"] = page("<html><p>moved</p></html>")
    result = fetch([site.url("/old")])[site.url("/old")]
    assert result.page is not None
    assert result.page.final_url == site.url("/new", "localhost")
    assert result.page.redirects == (site.url("/old"),)
    assert site.paths("localhost") == ["/robots.txt", "/new"]


# --- content type, bad URLs, accounting ------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "text/plain; charset=utf-8", None])
def test_non_html_is_skipped_with_a_reason(site: Site, content_type: str | None) -> None:
    site.routes["/file"] = page(b"%PDF-1.4", content_type=content_type)
    failed = error(fetch([site.url("/file")], robots=False)[site.url("/file")])
    assert isinstance(failed, ContentTypeSkipped)
    assert repr(content_type) in failed.reason


def test_xhtml_and_charset_parameters_are_kept(site: Site) -> None:
    site.routes["/x"] = page(content_type="application/xhtml+xml; charset=ISO-8859-1")
    site.routes["/h"] = page(content_type="Text/HTML;charset=utf-8")
    assert all(r.ok for r in fetch([site.url("/x"), site.url("/h")], robots=False).values())


def test_connection_refused_is_a_network_error() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    for robots in (True, False):  # robots.txt unreachable too: the reason is the network, not robots
        failed = error(fetch([url], robots=robots)[url])
        assert isinstance(failed, NetworkError)
        assert failed.status is None
        assert "ConnectError" in failed.reason


def test_every_url_ends_with_a_page_or_an_error(site: Site) -> None:
    site.routes["/robots.txt"] = page("User-agent: *\nDisallow: /no\n")
    site.routes["/ok"] = page()
    site.routes["/pdf"] = page(b"%PDF", content_type="application/pdf")
    site.routes["/loop"] = redirect("/loop")
    site.routes["/gone"] = page(status=410)
    site.routes["/flaky"] = in_turn(page(status=503), page())
    good = [site.url(p) for p in ("/ok", "/flaky")] + [site.url("/ok", "localhost")]
    bad = [site.url(p) for p in ("/no", "/pdf", "/loop", "/gone")] + ["ftp://example.com/", "not a url", "http://"]
    urls = [*good, *bad, site.url("/ok")]  # one duplicate
    results = fetch(urls, retries=1)
    assert set(results) == set(urls)
    assert {url for url, r in results.items() if r.ok} == set(good)
    kinds = {url: type(r.error).__name__ for url, r in results.items() if r.error is not None}
    assert kinds == {
        site.url("/no"): "RobotsDenied",
        site.url("/pdf"): "ContentTypeSkipped",
        site.url("/loop"): "TooManyRedirects",
        site.url("/gone"): "HTTPStatusError",
        "ftp://example.com/": "InvalidURL",
        "not a url": "InvalidURL",
        "http://": "InvalidURL",
    }


@pytest.mark.parametrize(
    "url",
    ["mailto:someone@example.com", "http://[::1/", "http://\x00x/", "https://xn--/", "http://127.0.0.1:1/\udcff"],
)
def test_invalid_urls_are_rejected_without_a_request(url: str) -> None:
    (result,) = fetch_all([url], FetchOptions(**FAST))
    assert isinstance(result.error, InvalidURL)
    assert result.error.url == url


def test_fetch_many_yields_as_pages_finish_and_stops_cleanly(site: Site) -> None:
    site.routes["/fast"] = page()
    site.routes["/slow"] = page(delay=3.0)
    urls = [site.url("/slow"), site.url("/fast", "localhost")]

    async def first() -> tuple[FetchResult, float]:
        started = time.monotonic()
        stream = fetch_many(urls, FetchOptions(**FAST))
        async for result in stream:
            await stream.aclose()  # type: ignore[attr-defined]
            return result, time.monotonic() - started
        raise AssertionError("nothing yielded")

    result, elapsed = asyncio.run(first())
    assert result.url == site.url("/fast", "localhost")
    assert elapsed < 2.5  # did not wait for the slow page


def test_page_records_what_was_sent_and_received(site: Site) -> None:
    site.routes["/a"] = page("<html><p>é</p></html>", headers=[("X-Test", "1")])
    result = fetch([site.url("/a")], user_agent="probe/1", robots=False)[site.url("/a")]
    assert result.page is not None
    p = result.page
    assert (p.url, p.final_url, p.status, p.http_version) == (site.url("/a"), site.url("/a"), 200, "HTTP/1.1")
    assert p.header("x-test") == "1"
    assert p.content_type == "text/html; charset=utf-8"
    assert p.charset == "utf-8"
    assert dict(p.request_headers)["User-Agent"] == "probe/1"
    assert p.body.decode("utf-8") == "<html><p>é</p></html>"
    assert p.fetched_at.endswith("Z")


def test_a_busy_host_does_not_hold_up_another(site: Site) -> None:
    for i in range(5):
        site.routes[f"/a{i}"] = page()
    site.routes["/b"] = page()
    urls = [site.url(f"/a{i}") for i in range(5)] + [site.url("/b", "localhost")]
    assert all(r.ok for r in fetch(urls, delay=0.3, concurrency=1, robots=False).values())
    a_starts, (b_start,) = site.starts("127.0.0.1"), site.starts("localhost")
    assert b_start < a_starts[1]  # served while the first host waited out its delay, not after its queue


def test_tls_certificates_are_verified(tmp_path: Path) -> None:
    """A server with a self-signed certificate is refused: there is no switch to skip verification."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    site = Site(tls=context)
    try:
        site.routes["/a"] = page()
        url = site.url("/a")
        assert url.startswith("https://")
        failed = error(fetch([url], robots=False)[url])
        assert isinstance(failed, NetworkError)
        assert "CERTIFICATE_VERIFY_FAILED" in failed.reason
        assert site.paths() == []  # no request got through
    finally:
        site.close()
