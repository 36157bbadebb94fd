"""Dates: ISO normalisation, the URL's date, and htmldate only as the last resort."""

from __future__ import annotations

import lxml.html
import pytest

import newsclean.html.meta as meta_module
from newsclean.html.meta import extract_html_metadata
from newsclean.html.meta.dates import choose_date, find_with_htmldate, iso_date, url_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2015-07-10T09:53:00-04:00", "2015-07-10T09:53:00-04:00"),
        ("2015-07-10 09:53:00 -0400", "2015-07-10T09:53:00-04:00"),
        ("2018-12-21T12:55:00Z", "2018-12-21T12:55:00Z"),
        ("2024-04-20T04:20:00.000Z", "2024-04-20T04:20:00Z"),
        ("2017-11-03 03:01:00.000000", "2017-11-03T03:01:00"),
        ("2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00"),
        ("2018-04-05T06:00", "2018-04-05T06:00"),
        ("2024-06-25", "2024-06-25"),
        ("2021/06/01", "2021-06-01"),
        ("20210601", "2021-06-01"),
        ("01.06.2021", "2021-06-01"),
        ("Fri, 10 Jul 2015 09:53:00 -0400", "2015-07-10"),
        ("1436536380", "2015-07-10"),
        ("1436536380000", "2015-07-10"),
        ("2015-13-45", None),
        ("1850-01-01", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(raw: str | None, expected: str | None) -> None:
    assert iso_date(raw) == expected


def test_url_date() -> None:
    assert url_date("https://x.example/2019/10/22/slug/") == "2019-10-22"
    assert url_date("https://x.example/news/2019-10-22-slug") == "2019-10-22"
    assert url_date("https://x.example/2019/10/slug") is None
    assert url_date(None) is None


def test_choose_date_order() -> None:
    assert choose_date([None, "garbage", "2020-05-06T07:08:09Z", "2021-01-01"], None) == "2020-05-06T07:08:09Z"
    assert choose_date(["2020-05-06"], "https://x.example/2019/01/02/a") == "2019-01-02"
    assert choose_date([], "https://x.example/2019/01/02/a") == "2019-01-02"
    assert choose_date([None], None) is None


def page(head: str = "", body: str = "<p>Text.</p>") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_htmldate_not_called_when_a_structured_date_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(meta_module, "find_with_htmldate", lambda *a, **k: calls.append(a))
    found = extract_html_metadata(page('<meta property="article:published_time" content="2022-02-02">'))
    assert found.published == "2022-02-02"
    assert calls == []
    extract_html_metadata(page())
    assert len(calls) == 1


def test_htmldate_fallback_finds_a_visible_date() -> None:
    body = '<div class="date">Published 14 March 2019</div><p>Body text of the article.</p>'
    assert find_with_htmldate(page(body=body), None, extensive=True) == "2019-03-14"
    tree = page(body=body)
    assert extract_html_metadata(tree, extensive_dates=True).published == "2019-03-14"


def test_htmldate_failure_is_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import htmldate

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(htmldate, "find_date", boom)
    assert find_with_htmldate(page(), None) is None


def test_htmldate_leaves_the_tree_unchanged() -> None:
    tree = page(body='<script>var x = "2019-01-01";</script><div class="date">14 March 2019</div>')
    before = lxml.html.tostring(tree)
    extract_html_metadata(tree, extensive_dates=True)
    assert lxml.html.tostring(tree) == before


def test_invalid_time_of_day_keeps_the_day() -> None:
    assert iso_date("2021-06-01T29:10:00") == "2021-06-01"
    assert iso_date("2021-06-01 23:59:60") == "2021-06-01T23:59:60"
    assert iso_date("1600000000") == "2020-09-13"
