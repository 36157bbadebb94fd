from __future__ import annotations

from typing import Any

import pytest

from newsclean.errors import OptionsError
from newsclean.fetch import FetchOptions


def test_defaults_are_polite() -> None:
    options = FetchOptions()
    assert options.per_host == 1
    assert options.delay >= 1.0
    assert options.robots
    assert options.user_agent.startswith("newsclean/")


@pytest.mark.parametrize(
    "bad",
    [
        {"concurrency": 0},
        {"per_host": 0},
        {"per_host": 1.5},
        {"max_bytes": 0},
        {"retries": -1},
        {"max_redirects": True},
        {"delay": -0.1},
        {"delay": float("inf")},
        {"total_timeout": 0},
        {"connect_timeout": float("nan")},
        {"read_timeout": "5"},
        {"backoff": -1},
        {"max_wait": -1},
        {"user_agent": ""},
        {"user_agent": "bot\r\nX-Injected: 1"},
        {"content_types": ()},
        {"content_types": "text/html"},
        {"content_types": ("Text/HTML",)},
        {"content_types": ("html",)},
    ],
)
def test_bad_values_raise_options_error_naming_the_field(bad: dict[str, Any]) -> None:
    with pytest.raises(OptionsError, match=next(iter(bad))):
        FetchOptions(**bad)


def test_options_are_frozen() -> None:
    options = FetchOptions()
    with pytest.raises(AttributeError):
        options.delay = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("header", "kept"),
    [
        ("text/html", True),
        ("text/html; charset=utf-8", True),
        ("TEXT/HTML", True),
        ("application/xhtml+xml", True),
        ("text/plain", False),
        ("application/pdf", False),
        ("", False),
        (None, False),
    ],
)
def test_accepts_compares_media_types(header: str | None, kept: bool) -> None:
    assert FetchOptions().accepts(header) is kept
