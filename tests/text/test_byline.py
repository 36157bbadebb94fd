"""Bylines, datelines and date lines."""

from __future__ import annotations

import pytest

from newsclean.text.byline import (
    DateRole,
    date_role,
    dateline_only,
    desk_site,
    is_date_line,
    lines_with_byline_words,
    opens_like_byline,
    parse_byline,
)
from newsclean.text.dates import find_dates
from newsclean.text.window import read_window


def test_byline_with_place_and_dates() -> None:
    text = "News Desk | Geneva | Updated: 06-06-2025 10:00 IST | Created: 05-06-2025 09:30 IST"
    byline = parse_byline(7, text, find_dates(text))
    assert byline is not None
    assert (byline.line, byline.author, byline.dateline) == (7, "News Desk", "Geneva")
    assert byline.dates == (
        (DateRole.UPDATED, "2025-06-06T10:00:00+05:30"),
        (DateRole.PUBLISHED, "2025-06-05T09:30:00+05:30"),
    )


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Autorin: Erika Musterfrau", "Erika Musterfrau"),
        ("Posted on May 29, 2025 by Jane Doe", "Jane Doe"),
        ("By Invitation", None),
        ("By the end of the year, most of the troops had gone home.", None),
        ("Talks Resume in Geneva", None),
    ],
)
def test_parse_byline(text: str, author: str | None) -> None:
    byline = parse_byline(0, text, find_dates(text))
    assert (byline.author if byline else None) == author


def test_lines_with_byline_words_at_the_start_or_after_a_bar() -> None:
    lines = ["By Jane Doe", "Talks Resume", "Home | von Max Mustermann", "Nearby shops", "Author : Jane", "Byline"]
    assert lines_with_byline_words(read_window(lines, 0)) == {0, 2, 4}
    assert lines_with_byline_words(read_window([], None)) == set()


def test_opens_like_byline() -> None:
    assert opens_like_byline("by Lucas Nolan22 Dec 2016")
    assert not opens_like_byline("By the way")
    assert not opens_like_byline("Bystanders Watch the Parade")


@pytest.mark.parametrize(
    ("text", "place"),
    [("SEOUL (Reuters) -", "SEOUL"), ("BERLIN —", "BERLIN"), ("Berlin —", None), ("Talks resume in Geneva -", None)],
)
def test_dateline_only(text: str, place: str | None) -> None:
    assert dateline_only(text) == place


def test_date_lines_and_roles() -> None:
    line = "Published: June 1, 2025 | Updated: June 2, 2025"
    dates = find_dates(line)
    assert is_date_line(line, dates)
    assert [date_role(line, date) for date in dates] == [DateRole.PUBLISHED, DateRole.UPDATED]
    sentence = "The report was published on May 3, 2024, and the ministry said it would act."
    assert not is_date_line(sentence, find_dates(sentence))
    assert not is_date_line("Thursday, 29 May 2025 at the town hall", find_dates("Thursday, 29 May 2025"), 3)


def test_desk_site() -> None:
    assert desk_site("Devdiscourse News Desk") == "Devdiscourse"
    assert desk_site("Jane Doe") is None
