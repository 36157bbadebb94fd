"""Author names: cleaning, joining, and the byline element."""

from __future__ import annotations

import lxml.html
import pytest

from newsclean.html.meta.author import byline_author, clean_name, join_authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("  by   Jane   Doe ", "Jane Doe"),
        ("Von Max Mustermann", "Max Mustermann"),
        ("Par Sébastien Farcis", "Sébastien Farcis"),
        ("Posted by Chris Jung", "Chris Jung"),
        ("Veröffentlicht von Chris Jung", "Chris Jung"),
        ("Autor: Petra Ruland", "Petra Ruland"),
        ("Interview: Julia Lauter", "Julia Lauter"),
        ("MORITZ GATHMANN am", "MORITZ GATHMANN"),
        ("Isabella Bi am Samstag", "Isabella Bi"),
        ("John Walk - January", "John Walk"),
        ("Grant Tinsley, PhD", "Grant Tinsley"),
        ("Ursula Le Guin", "Ursula Le Guin"),
        ("Mohamed El-Erian", "Mohamed El-Erian"),
        ("Jong, Michiel de", "Jong, Michiel de"),
        ("https://www.facebook.com/someone", None),
        ("www.example.com", None),
        ("@handle", None),
        ("Posted on", None),
        ("By", None),
        ("1234", None),
        ("x" * 150, None),
        ("", None),
        (None, None),
    ],
)
def test_clean_name(raw: str | None, expected: str | None) -> None:
    assert clean_name(raw) == expected


def test_join_splits_dedupes_and_joins() -> None:
    assert (
        join_authors(["Ann One and Bob Two", "ann one", "Cy Three; Di Four"]) == "Ann One; Bob Two; Cy Three; Di Four"
    )
    assert join_authors(["Hans Müller und Eva Schmidt"]) == "Hans Müller; Eva Schmidt"
    assert join_authors([None, "", "https://x.example/a"]) is None


def tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


def test_byline_by_class_rel_and_itemprop() -> None:
    assert byline_author(tree('<div class="article-byline">By Jane Doe</div>')) == "Jane Doe"
    assert byline_author(tree('<a rel="author" href="/u/jd">Jane Doe</a>')) == "Jane Doe"
    nested = '<div itemprop="author" itemscope><img src="a.jpg"><span itemprop="name">Jane Doe</span> Staff</div>'
    assert byline_author(tree(nested)) == "Jane Doe"


def test_byline_drops_dates_and_skips_bios_and_avatars() -> None:
    assert byline_author(tree('<span class="byline">by Lucas Nolan 22 Dec 2016</span>')) == "Lucas Nolan"
    body = (
        '<div class="author-avatar">Photo</div><div class="author-bio">Jane writes a lot</div>'
        '<p class="author">Jo Lee</p>'
    )
    assert byline_author(tree(body)) == "Jo Lee"
    assert byline_author(tree("<p>No byline here</p>")) is None
