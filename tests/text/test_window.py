"""The bounded window of a page that metadata is read from."""

from __future__ import annotations

from newsclean.text.window import HEAD_LINES, LINES_AFTER_BODY, LINES_BEFORE_BODY, MAX_LINE_CHARS, read_window


def test_head_only_without_body() -> None:
    lines = [f"line {i}" for i in range(100)]
    window = read_window(lines, None)
    assert window.numbers == tuple(range(HEAD_LINES))
    assert window.texts[0] == "line 0"


def test_head_and_lines_around_the_first_body_line() -> None:
    lines = [f"line {i}" for i in range(200)]
    window = read_window(lines, 100)
    around = range(100 - LINES_BEFORE_BODY, 100 + LINES_AFTER_BODY)
    assert window.numbers == (*range(HEAD_LINES), *around)
    assert window.position(100) == HEAD_LINES + LINES_BEFORE_BODY
    assert window.position(50) is None
    assert read_window(lines, 10).numbers == tuple(range(10 + LINES_AFTER_BODY))


def test_empty_lines_are_left_out_and_lines_are_cut() -> None:
    lines = ["  Title  ", "", "   ", "x" * 1000, "next"]
    window = read_window(lines, 3)
    assert window.numbers == (0, 3, 4)
    assert window.texts == ("Title", "x" * MAX_LINE_CHARS, "next")
    assert window.lengths == (5, MAX_LINE_CHARS, 4)
    assert window.joined == "\n".join(window.texts)
    assert window.folded == "\n" + window.joined.lower() + "\n"


def test_following_line_only_when_it_is_the_next_page_line() -> None:
    window = read_window(["a", "b", "", "c"], 0)
    assert window.following(0) == "b"
    assert window.following(1) == ""  # an empty line comes between
    assert window.following(2) == ""


def test_positions_of_offsets() -> None:
    window = read_window(["ab", "cd", "ef"], 0)
    assert [window.position_in_joined(i) for i in range(len(window.joined))] == [0, 0, 0, 1, 1, 1, 2, 2]
    assert window.positions_in_folded(list(range(1, len(window.folded) - 1))) == [0, 0, 1, 1, 1, 2, 2, 2]


def test_lines_that_may_repeat() -> None:
    window = read_window(["Talks Resume", "Menu", "talks resume", "Other Line!!"], 0)
    assert window.may_repeat(0)
    assert not window.may_repeat(1)
    assert window.lowercase_keeps_lengths
    dotted = read_window(["İstanbul", "istanbul"], 0)  # "İ" is two characters in lowercase
    assert not dotted.lowercase_keeps_lengths
    assert dotted.may_repeat(0)


def test_a_line_break_inside_a_line_becomes_a_space() -> None:
    window = read_window(["Talks\nResume", "By Jane Doe"], 0)
    assert window.texts == ("Talks Resume", "By Jane Doe")
    assert window.joined.count("\n") == 1


def test_repeated_lines_in_lowercase_not_counting_the_line_right_below() -> None:
    window = read_window(["Talks Resume", "talks resume", "Menu", "x", "Menu", "a", "A", "b", "a"], 0)
    assert not window.repeated(0)  # only the next line repeats it
    assert window.repeated(2)
    assert not window.repeated(3)
    assert window.repeated(5) and window.repeated(6)  # "a" is three lines on
    folded = window.folded
    for k, text in enumerate(window.texts):
        assert window.repeated(k) == (folded.count(f"\n{text.lower()}\n") > 1)
