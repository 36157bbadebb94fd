"""Dates in header and byline text, read as ISO 8601."""

from __future__ import annotations

import pytest

from newsclean.text.dates import MAX_SCAN_CHARS, TIMEZONES, FoundDate, find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday, 29 May 2025", "2025-05-29"),
        (" date 2025-06-05 Left Menu", "2025-06-05"),
        ("Updated: 05-06-2025 02:52 IST", "2025-06-05T02:52:00+05:30"),
        ("2025-05-29T10:00:00Z", "2025-05-29T10:00:00+00:00"),
        ("2025-05-29T10:00:00.123+0530", "2025-05-29T10:00:00+05:30"),
        ("2025-05-29 10:00", "2025-05-29T10:00:00"),
        ("2025/05/29", "2025-05-29"),
        ("May 29, 2025", "2025-05-29"),
        ("Sept. 5, 2024", "2024-09-05"),
        ("June 3rd, 2025 at 3:15 pm EDT", "2025-06-03T15:15:00-04:00"),
        ("29th May, 2025", "2025-05-29"),
        ("Posted 12 Dec 2024 11:59 a.m. UTC+2", "2024-12-12T11:59:00+02:00"),
        ("19.10.2019", "2019-10-19"),
        ("19. 10. 2019", "2019-10-19"),
        ("19. Oktober 2019", "2019-10-19"),
        ("Stand: 30. März 2024, 14:30 Uhr MEZ", "2024-03-30T14:30:00+01:00"),
        ("13/06/2025", "2025-06-13"),
        ("06/13/2025", "2025-06-13"),
        ("05/05/2025", "2025-05-05"),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no date here",
        "05/06/2025",  # day first or month first: cannot tell
        "29 Feb 2023",  # no such day
        "31.04.2020",
        "1 Jan 1989",  # before 1990
        "2101-01-01",
        "in July 2000",  # a month, not a date
        "June 18th and 19th",
        "version 1.19.10.2019",
        "call 030-12-2019",
        "1234567890",
    ],
)
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_impossible_time_keeps_the_date() -> None:
    assert parse_date("May 29, 2025 25:61") == "2025-05-29"
    assert parse_date("May 29, 2025 13:00 pm") == "2025-05-29"


def test_words_after_a_time_are_not_zones() -> None:
    assert parse_date("May 29, 2025 10:00 Amsterdam") == "2025-05-29T10:00:00"
    assert parse_date("2025-01-01 10:00 Zurich") == "2025-01-01T10:00:00"


def test_find_dates_in_a_byline_in_order_with_spans() -> None:
    line = "Devdiscourse News Desk | Seoul | Updated: 05-06-2025 02:52 IST | Created: 04-06-2025 01:00 IST"
    dates = find_dates(line)
    assert [d.iso for d in dates] == ["2025-06-05T02:52:00+05:30", "2025-06-04T01:00:00+05:30"]
    assert all(isinstance(d, FoundDate) for d in dates)
    assert line[dates[0].start : dates[0].end] == "05-06-2025 02:52 IST"


def test_only_the_start_of_a_long_line_is_searched() -> None:
    assert find_dates("x" * MAX_SCAN_CHARS + " 29 May 2025") == ()
    assert find_dates("29 May 2025 " + "x" * 100_000)[0].iso == "2025-05-29"


def test_timezones_are_well_formed_offsets() -> None:
    for zone, offset in TIMEZONES.items():
        assert zone.isupper()
        assert len(offset) == 6 and offset[0] in "+-" and offset[3] == ":"


@pytest.mark.parametrize(
    "text",
    [
        "\x00\ufffd2025-\u200b05-29",
        "\u0662\u0660\u0662\u0665-\u0660\u0665-\u0662\u0669",
        "🗞️ 29 May 2025 🗞️",
        "29 May 2025" * 50,
    ],
)
def test_odd_text_does_not_raise(text: str) -> None:
    parse_date(text)
