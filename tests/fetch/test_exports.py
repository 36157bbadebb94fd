"""The package's public names: every one in ``__all__`` resolves; the fetcher's load on first use."""

from __future__ import annotations

import newsclean
import newsclean.fetch


def test_every_exported_name_resolves() -> None:
    for module in (newsclean, newsclean.fetch):
        for name in module.__all__:
            assert getattr(module, name) is not None, f"{module.__name__}.{name}"


def test_fetch_names_are_the_fetch_package_ones() -> None:
    for name in ("fetch_many", "fetch_all", "FetchOptions", "FetchResult", "Page"):
        assert getattr(newsclean, name) is getattr(newsclean.fetch, name)
    assert issubclass(newsclean.RobotsDenied, newsclean.FetchError)
    assert issubclass(newsclean.FetchError, newsclean.NewscleanError)


def test_unknown_names_still_raise_attribute_error() -> None:
    for module in (newsclean, newsclean.fetch):
        assert not hasattr(module, "no_such_name")
