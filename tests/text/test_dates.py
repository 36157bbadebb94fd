"""Dates in header and byline text, read as ISO 8601."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.text import dates
from newsclean.text.dates import (
    MAX_SCAN_CHARS,
    MONTHS,
    TIMEZONES,
    FoundDate,
    find_dates,
    find_dates_in_lines,
    parse_date,
)


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
        ("4 de mayo de 2022", "2022-05-04"),
        ("sabado 07 de mayo del 2022", "2022-05-07"),
        ("24 novembre 2017 à 18:42", "2017-11-24T18:42:00"),
        ("1er janvier 2020", "2020-01-01"),
        ("5 setembro 2021", "2021-09-05"),
        ("3 mei 2020", "2020-05-03"),
        ("Dezember 26, 2019", "2019-12-26"),
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


def test_dates_in_many_lines_at_once() -> None:
    lines = ["Home", "May 29, 2025", "", "call 2019", "x" * 400 + " 19.10.2019", "19.10.2019 | 2020-01-01"]
    found = find_dates_in_lines(lines)
    assert {k: [d.iso for d in v] for k, v in found.items()} == {1: ["2025-05-29"], 5: ["2019-10-19", "2020-01-01"]}
    assert find_dates_in_lines([]) == {}
    assert all(find_dates_in_lines([line]) == ({0: find_dates(line)} if find_dates(line) else {}) for line in lines)


def test_month_names_are_lowercase_and_valid() -> None:
    assert all(name == name.lower() and 1 <= month <= 12 for name, month in MONTHS.items())


def test_words_that_are_not_months_give_no_date() -> None:
    assert parse_date("29 Mayfair 2025") is None
    assert parse_date("Marco 5, 2025") is None


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


def test_dates_in_long_lines_are_skipped_when_asked() -> None:
    lines = ["May 29, 2025", "x" * 300 + " 19.10.2019"]
    assert list(find_dates_in_lines(lines, max_chars=200)) == [0]
    assert list(find_dates_in_lines(lines, joined="\n".join(lines))) == [0]


def test_lines_holding_a_line_break() -> None:
    lines = ["Home\nMay 29, 2025", "19.10.2019"]
    found = find_dates_in_lines(lines)
    assert {k: [d.iso for d in v] for k, v in found.items()} == {0: ["2025-05-29"], 1: ["2019-10-19"]}


_DATE_PARTS = st.sampled_from(
    ["2025", "1989", "2101", "\uff12\uff10\uff12\uff15", "29", "5", "05", "12", "-", "/", ".", " ", ", ", "May",
     "Mai", "mayo", "de", "del", "1st", "th", "ſt", "10:30", "am", "IST", "T", "x", "\u00a0", ",", "Okt.", "²", "_"]
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(_DATE_PARTS, max_size=12).map("".join))
def test_patterns_left_out_would_find_nothing(text: str) -> None:
    """Only the patterns a year in the text can serve are run; running all four finds the same dates."""
    found = []
    if dates._YEAR_HINT.search(text):
        for pattern in (dates._YEAR_FIRST, dates._DAY_FIRST, dates._DAY_MONTH_NAME, dates._MONTH_NAME_DAY):
            found += [(iso, m.start(), m.end()) for m in pattern.finditer(text) if (iso := dates._iso(m))]
    kept: list[tuple[str, int, int]] = []
    for date in sorted(found, key=lambda d: (d[1], -d[2])):
        if not kept or date[1] >= kept[-1][2]:
            kept.append(date)
    assert [(d.iso, d.start, d.end) for d in find_dates(text)] == kept


@pytest.mark.skipif(dates._compiled_hinted_lines is None, reason="the compiled loop is not built")
@given(st.text(st.sampled_from("0129\n a\u0663\u00e9\u2026\U0001d7d8"), max_size=30))
@settings(max_examples=1000, deadline=None)
def test_compiled_year_hints_equal_the_string_searches(text: str) -> None:
    # Arabic-Indic and mathematical digits are decimal too; a year hint may end the text with one digit.
    assert dates._hinted_lines(text) == dates._hinted_lines(text, compiled=False)


def test_year_hints_without_the_compiled_loop() -> None:
    text = "\n".join(["a 2019", "none", "x 205", "1999 and 2020", "219"])  # "219" ends the text: a hint
    assert dates._hinted_lines(text, compiled=False) == dates._hinted_lines(text) == [0, 3, 4]
