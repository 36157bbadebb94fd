from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from newsclean.errors import ContentTypeSkipped, FetchTimeout, HTTPStatusError, NetworkError
from newsclean.fetch import FetchOptions
from newsclean.fetch.hosts import host_name
from newsclean.fetch.http import backoff, retry_after, retryable


@pytest.mark.parametrize(("value", "seconds"), [("120", 120.0), ("0", 0.0), (" 7 ", 7.0), (None, None), ("", None)])
def test_retry_after_in_seconds(value: str | None, seconds: float | None) -> None:
    assert retry_after(value) == seconds


def test_retry_after_as_http_date() -> None:
    later = datetime.now(timezone.utc) + timedelta(seconds=30)
    waited = retry_after(format_datetime(later, usegmt=True))
    assert waited is not None and 28 <= waited <= 30
    past = datetime.now(timezone.utc) - timedelta(hours=1)
    assert retry_after(format_datetime(past, usegmt=True)) == 0.0


@pytest.mark.parametrize("value", ["soon", "-5", "1.5e3", "Mon, 99 Foo 2020"])
def test_retry_after_garbage_is_ignored(value: str) -> None:
    assert retry_after(value) is None


def test_backoff_doubles_is_jittered_and_capped() -> None:
    options = FetchOptions(backoff=1.0, max_backoff=5.0)
    for attempt, ceiling in [(0, 1.0), (1, 2.0), (2, 4.0), (3, 5.0), (10, 5.0)]:
        waits = [backoff(attempt, options) for _ in range(200)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert max(waits) - min(waits) > ceiling / 10  # jittered, not a constant


def test_what_is_retried() -> None:
    assert retryable(FetchTimeout("u", "slow"))
    for status in (429, 500, 502, 503, 504):
        assert retryable(HTTPStatusError("u", "x", status=status))
    for status in (400, 401, 403, 404, 410, 501):
        assert not retryable(HTTPStatusError("u", "x", status=status))
    assert not retryable(NetworkError("u", "refused"))
    assert not retryable(ContentTypeSkipped("u", "pdf", status=200))


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://Example.COM/a", "example.com"),
        ("https://user:pw@example.com:8443/", "example.com"),
        ("http://127.0.0.1:80/", "127.0.0.1"),
        ("http://[::1]:8080/x", "::1"),
        ("ftp://example.com/", None),
        ("example.com/a", None),
        ("http://", None),
        ("http://example.com:99999/", None),
        ("", None),
    ],
)
def test_host_name(url: str, host: str | None) -> None:
    assert host_name(url) == host


def test_errors_carry_url_status_and_kind() -> None:
    error = HTTPStatusError("http://x/", "HTTP 503 Service Unavailable", status=503, retry_after=2.0)
    assert (error.url, error.status, error.retry_after, error.kind.value) == ("http://x/", 503, 2.0, "http_status")
    assert str(error) == "http://x/ (HTTP 503): HTTP 503 Service Unavailable"
    assert str(NetworkError("http://x/", "refused")) == "http://x/: refused"
