"""The headline: site suffixes and prefixes in ``<title>``, declared titles, ``<h1>``."""

from __future__ import annotations

import pytest

from newsclean.html.meta.title import choose_title, site_names, strip_site

NAMES = site_names("Example Times", "example.com")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Storm hits the coast | Example Times", "Storm hits the coast"),
        ("Storm hits the coast - Example Times", "Storm hits the coast"),
        ("Storm hits the coast — Example Times", "Storm hits the coast"),
        ("Storm hits the coast – example.com", "Storm hits the coast"),
        ("Example Times | Storm hits the coast", "Storm hits the coast"),
        ("Storm hits the coast | Weather | Example Times", "Storm hits the coast | Weather"),
        ("Storm hits the coast", "Storm hits the coast"),
        ("Covid-19: what we know", "Covid-19: what we know"),
    ],
)
def test_site_segment_removed(title: str, expected: str) -> None:
    assert strip_site(title, NAMES) == expected


def test_unknown_suffix_goes_only_from_a_document_title_with_a_long_enough_headline() -> None:
    names = site_names(None, None)
    assert strip_site("A long enough headline here | Other Brand", names) == "A long enough headline here"
    assert strip_site("Short one | Other Brand", names) == "Short one | Other Brand"
    assert strip_site("A long enough headline here | Other Brand", names, guess=False) == (
        "A long enough headline here | Other Brand"
    )
    assert strip_site("A long headline | Part of a sentence that goes on and on", names) == (
        "A long headline | Part of a sentence that goes on and on"
    )


def test_declared_title_keeps_all_but_a_site_suffix() -> None:
    assert choose_title(["Storm: a day | Example Times"], "Doc | X", [], "Example Times", None) == "Storm: a day"
    assert choose_title([None, "Second source"], "Doc", [], None, None) == "Second source"


def test_h1_inside_the_document_title_wins() -> None:
    title = "Rubrik - Storm hits the coast - Example Times"
    assert choose_title([], title, ["Storm hits the coast"], "Example Times", None) == "Storm hits the coast"
    # Two h1s: no single heading to trust; an h1 that is not in <title> is not the headline.
    assert choose_title([], "Storm hits | Example Times", ["A", "B"], "Example Times", None) == "Storm hits"
    assert choose_title([], "Storm hits | Example Times", ["Menu"], "Example Times", None) == "Storm hits"
    assert choose_title([], None, ["Only heading"], None, None) == "Only heading"
    assert choose_title([], None, [], None, None) is None
