"""The headline among the lines above the first body line."""

from __future__ import annotations

import pytest

from newsclean.text.headline import (
    _CLOSENESS,
    NOT_HEADLINE_STARTS,
    TITLE_REACH,
    _closeness,
    find_headline,
    title_text,
)
from newsclean.text.window import read_window

PARAGRAPH = (
    "The ministry said on Tuesday that the talks had been constructive and that both sides would meet "
    "again next month to settle the remaining questions about trade, transport and energy."
)
TITLE = "Talks Resume in Geneva After Long Pause"


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("  Talks   Resume\tin Geneva ", "Talks Resume in Geneva"),
        ("“Talks Resume in Geneva”", "Talks Resume in Geneva"),
        ("„Gespräche in Genf“", "Gespräche in Genf"),
        ("“Yes” Wins, Says “No” Camp", "“Yes” Wins, Says “No” Camp"),
        ("Zitronenkuchen vom BlechZitronenkuchen vom Blech", "Zitronenkuchen vom Blech"),
        ("", ""),
    ],
)
def test_title_text(line: str, title: str) -> None:
    assert title_text(line) == title


def headline(
    lines: list[str], header: frozenset[int] = frozenset(), body: int | None = None
) -> tuple[int | None, set[int]]:
    """The headline's line number and its repeats' numbers; ``header``: the numbers of byline and date lines."""
    first = lines.index(PARAGRAPH) if body is None else body
    window = read_window(lines, first)
    positions = {window.position(i) for i in header}
    k, repeats = find_headline(window, set(), {p for p in positions if p is not None}, window.position(first))
    return (window.numbers[k] if k is not None else None), {window.numbers[r] for r in repeats}


def test_the_line_above_the_body() -> None:
    assert headline(["Menu", TITLE, PARAGRAPH]) == (1, set())


def test_a_tie_goes_to_the_upper_line() -> None:
    other = "Ministers Agree to Meet Again Next Month"
    assert headline([other, TITLE, PARAGRAPH])[0] == 0


def test_a_byline_next_to_a_line_marks_the_headline() -> None:
    lines = [
        "Ministers Agree to Meet Again Next Month",
        "Menu",
        "Home",
        TITLE,
        "World",
        PARAGRAPH,
        "Jane Doe",
        PARAGRAPH,
    ]
    assert headline(lines)[0] == 0
    assert headline(lines, header=frozenset({6}))[0] == 3


def test_repeats_and_the_page_title() -> None:
    lines = [f"{TITLE} | Example News", "Menu", TITLE, "Home", TITLE, PARAGRAPH]
    assert headline(lines) == (2, {0, 4})
    lines = [f"Example News - {TITLE}", "Menu", TITLE.upper(), PARAGRAPH]
    assert headline(lines) == (2, {0})


def test_a_line_below_running_text_loses_to_the_one_above() -> None:
    lines = [TITLE, PARAGRAPH, "What Comes Next for the Region", PARAGRAPH]
    assert headline(lines, body=3)[0] == 0


def test_no_headline_among_furniture() -> None:
    assert headline(["Menu", "Share Tweet Share", "• A list item about things", PARAGRAPH]) == (None, set())


def test_without_body_only_a_repeated_headline() -> None:
    window = read_window([TITLE, "Menu"], None)
    assert find_headline(window, set(), set(), None) == (None, set())
    window = read_window([TITLE, "Menu", TITLE], None)
    assert find_headline(window, set(), set(), None) == (0, {2})


def test_closeness_table_matches_closeness() -> None:
    """Each line from the first body line (``body - 1 - k == -1``) up to TITLE_REACH above it."""
    distances = range(-1, TITLE_REACH)
    assert [_CLOSENESS[d] for d in distances] == [_closeness(max(0, d)) for d in distances]


def test_openings_unlike_a_headline_are_single_characters() -> None:
    """They are looked up as the first character of a line, not matched as prefixes."""
    assert all(len(opening) == 1 for opening in NOT_HEADLINE_STARTS)


def test_a_far_line_that_the_page_repeats_still_wins() -> None:
    """A line too far above the body to beat the headline next to a byline is still weighed when the page
    repeats it (two lines apart at least)."""
    far = "Talks Resume in Geneva After Long Pause"
    near = "Ministers Meet Again on Trade Questions"
    for first, wins in ((far, far.upper()), ("Other Words Here Today", near)):
        lines = [first, *[f"menu {i}" for i in range(10)], far.upper(), *["Filler"] * 14, near, PARAGRAPH]
        window = read_window(lines, len(lines) - 1)
        body = window.position(len(lines) - 1)
        assert body is not None
        title, _ = find_headline(window, set(), {body - 2}, body)  # a byline right above the near line
        assert title is not None and window.texts[title] == wins
