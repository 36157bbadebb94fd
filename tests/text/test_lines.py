"""Line breaks and wrapped paragraphs (``newsclean.text.lines``)."""

from __future__ import annotations

import re
import textwrap
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsclean.text.lines as lines_module
from newsclean.text.lines import (
    MAX_WRAP_WIDTH,
    MIN_WRAP_WIDTH,
    MIN_WRAPPED,
    blank_placeholders,
    display_widths,
    line_numbers,
    normalise,
    prepare,
    prepare_lines,
    split_lines,
    unwrap,
)

PARAGRAPH = (
    "The council said on Monday that the new bridge would open in the spring, and that it was the first of "
    "many projects planned for the city over the next ten years. Engineers have worked on the crossing since "
    "2019, when the old bridge was closed after inspectors found cracks in two of its supports and warned that "
    "it could not carry heavy traffic for much longer."
)
SECOND = (
    "Residents welcomed the news but said they were worried about the noise and the extra cars that the new "
    "road would bring to the quiet streets near the river, where children play in the evening."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\u2028b\u2029c", "a\nb\nc"),
        ("a\x0bb\x0cc\x85d\x1ce", "a\nb\nc\nd\ne"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a\r\r\nb", "a\n\nb"),  # a lone \r, then \r\n: two breaks
        ("a\n\rb", "a\n\nb"),  # \n\r is two breaks, not one
        ("nul\x00byte", "nul byte"),
        ("plain\ntext", "plain\ntext"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_normalise_returns_clean_text_unchanged() -> None:
    text = "already\nclean\ttext with ünïcödé"
    assert normalise(text) is text


@given(st.text(max_size=50))
@settings(max_examples=100, deadline=None)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once and "\x00" not in once and "\u2028" not in once


def test_split_lines() -> None:
    assert split_lines("a\r\nb\rc\u2028d\n") == ["a", "b", "c", "d", ""]
    assert split_lines("") == [""]


def wrapped(*paragraphs: str, width: int = 72) -> list[str]:
    return "\n\n".join(textwrap.fill(p, width) for p in paragraphs).split("\n")


def test_unwrap_joins_a_filled_paragraph() -> None:
    lines = wrapped(PARAGRAPH)
    assert len(lines) >= MIN_WRAPPED + 1
    out, starts = unwrap(lines)
    assert out == [PARAGRAPH]
    assert starts == [0]


def test_unwrap_joins_each_paragraph_and_keeps_blank_lines() -> None:
    lines = [*wrapped(PARAGRAPH, SECOND), "", "Short footer line"]
    out, starts = unwrap(lines)
    assert out == [PARAGRAPH, "", SECOND, "", "Short footer line"]
    assert starts is not None
    assert [lines[i] for i in starts] == [
        line.split("\n")[0]
        for line in (textwrap.fill(PARAGRAPH, 72), "", textwrap.fill(SECOND, 72), "", "Short footer line")
    ]


@pytest.mark.parametrize("width", [MIN_WRAP_WIDTH + 5, 80, 120, MAX_WRAP_WIDTH - 10])
def test_unwrap_at_other_widths(width: int) -> None:
    text = " ".join([PARAGRAPH, SECOND, PARAGRAPH])
    out, starts = unwrap(wrapped(text, width=width))
    assert out == [text]
    assert starts == [0]


CHINESE = "根据这些内容我们可以看到民生和教育问题是今年会议的重点" * 12  # 27 characters, 54 columns, x12


def test_wide_characters_take_two_columns() -> None:
    assert display_widths(["abc", "中文", "a中b", "Grüße"]) == [3, 4, 4, 5]


def test_unwrap_joins_chinese_wrapped_at_terminal_columns_without_spaces() -> None:
    # As w3m -cols 180 wraps it: 90 characters (180 columns) a line; the Latin line of 150 characters is
    # longer in characters but narrower on screen, and is not part of a wrapped paragraph.
    pieces = [CHINESE[i : i + 90] for i in range(0, len(CHINESE), 90)]
    latin = ("Copyright 2024 Example Media Group, all rights reserved. " * 3)[:150]
    lines = ["Menu", "Home News Sport", *pieces, "", latin]
    out, _ = unwrap(lines)
    assert out == ["Menu", "Home News Sport", CHINESE, "", latin]


def test_starts_map_output_lines_to_input_lines() -> None:
    lines = ["Header", "", *wrapped(PARAGRAPH), "", "Middle", *wrapped(SECOND), "", "End"]
    out, starts = unwrap(lines)
    assert starts is not None
    assert len(starts) == len(out)
    assert starts == sorted(starts)
    for line, start in zip(out, starts, strict=True):
        assert line.startswith(lines[start].rstrip())
    assert out[starts.index(lines.index("Middle"))] == "Middle"


def test_unwrap_leaves_long_lines_alone() -> None:
    lines = [PARAGRAPH, SECOND, PARAGRAPH + " more", "x" * (MAX_WRAP_WIDTH + 1)]
    assert unwrap(lines) == (lines, None)


def test_unwrap_leaves_short_lines_alone() -> None:
    lines = wrapped(PARAGRAPH, width=MIN_WRAP_WIDTH - 10)
    assert len(lines) > MIN_WRAPPED
    assert unwrap(lines) == (lines, None)


def test_unwrap_needs_enough_wide_lines() -> None:
    lines = textwrap.fill(PARAGRAPH[:200], 72).split("\n")
    assert len(lines) == MIN_WRAPPED  # two wide lines and a short last one
    assert unwrap(lines) == (lines, None)


def test_unwrap_does_not_join_lines_of_a_menu_or_list() -> None:
    lines = ["Home", "News", "Sport", "", "A single line of text that is not wrapped at any width at all."]
    assert unwrap(lines) == (lines, None)


def test_unwrap_does_not_join_across_a_blank_line() -> None:
    wide = "word " * 15
    lines = [wide.strip(), "", wide.strip(), "", wide.strip(), ""]
    assert unwrap(lines) == (lines, None)


def test_unwrap_takes_the_width_from_lines_that_could_be_broken() -> None:
    # w3m cannot break a URL or a rule of box-drawing characters: such a line runs past the page's width
    # and used to make the page look unwrapped.
    url = "https://example.com/track?" + "a%3d1%2f" * 30
    rule = "━" * (MAX_WRAP_WIDTH + 10)
    lines = [url, "", *wrapped(PARAGRAPH), "", rule, "", *wrapped(SECOND)]
    out, _ = unwrap(lines)
    assert out == [url, "", PARAGRAPH, "", rule, "", SECOND]


@pytest.mark.parametrize(
    "line",
    ["[logo]", "  • [40222-bild]", "[160_90] [40_30] [30_40]", "[icon_faceb][icon_twitt]", "[                    ]",
     "[ ]", "[]", "[INS::INS]", "[INS: :INS]"],
)
def test_blank_placeholders_blanks_markup_drawn_in_brackets(line: str) -> None:
    assert blank_placeholders(f"Text\n{line}\nMore") == ("Text\n\nMore", True)


@pytest.mark.parametrize(
    "line",
    ["[Alden: He’s a good roommate, too.]", "[ Send Your Request ]", "[...]", "[责任编辑:肖春芳]",
     "See [1] for more", "[logo] Home"],
)
def test_blank_placeholders_keeps_words_in_brackets(line: str) -> None:
    assert blank_placeholders(f"Text\n{line}\nMore") == (f"Text\n{line}\nMore", False)


def test_prepare_blanks_placeholders_and_maps_every_line_to_itself() -> None:
    assert prepare("Title\n[logo]\nA short line.") == ("Title\n\nA short line.", [0, 1, 2])


def test_unwrap_empty() -> None:
    assert unwrap([]) == ([], None)
    assert unwrap([""]) == ([""], None)


def test_prepare_without_joins() -> None:
    text = "Title\r\nA short line.\rAnother one."
    assert prepare(text) == ("Title\nA short line.\nAnother one.", None)


def test_prepare_joins_wrapped_paragraphs() -> None:
    text = "Title\r\n\r\n" + textwrap.fill(PARAGRAPH, 72).replace("\n", "\r\n") + "\r\n\r\nEnd"
    prepared, starts = prepare(text)
    assert prepared == f"Title\n\n{PARAGRAPH}\n\nEnd"
    assert starts is not None
    assert len(starts) == len(prepared.split("\n"))
    original = normalise(text).split("\n")
    assert [original[i] for i in starts][-1] == "End"
    assert starts[:3] == [0, 1, 2]


def test_prepare_skips_pages_of_very_long_lines() -> None:
    text = "\n".join(["x " * 40_000] * 2)
    assert prepare(text) == (text, None)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Title\r\nA short line.",
        "Title\n\n" + textwrap.fill(PARAGRAPH, 72) + "\n\nEnd",
        "\n".join(["x " * 40_000] * 2),
    ],
)
def test_prepare_lines_are_the_prepared_text_split(text: str) -> None:
    prepared, lines, starts = prepare_lines(text)
    assert (prepared, starts) == prepare(text)
    assert lines == prepared.split("\n")


@given(st.lists(st.sampled_from([PARAGRAPH, SECOND, "Short line", ""]), max_size=8), st.sampled_from([64, 72, 100]))
@settings(max_examples=50, deadline=None)
def test_unwrap_loses_no_words(paragraphs: list[str], width: int) -> None:
    lines = "\n".join(textwrap.fill(p, width) if p else "" for p in paragraphs).split("\n")
    out, starts = unwrap(lines)
    assert " ".join(out).split() == " ".join(lines).split()
    if starts is None:
        assert out == lines
    else:
        assert len(starts) == len(out)
        assert all(a < b for a, b in pairwise(starts))
        assert all(line.startswith(lines[s].rstrip()) for line, s in zip(out, starts, strict=True))


needs_compiled = pytest.mark.skipif(lines_module._compiled_widths is None, reason="the compiled widths are not built")
WIDTH_CHARS = st.characters(max_codepoint=0x2FFFF) | st.sampled_from("中文ニュース뉴스ｱＡ\u1100\u115f\u3000\uffe6\n")


@needs_compiled
@given(st.text(WIDTH_CHARS, max_size=80))
@settings(max_examples=300, deadline=None)
def test_compiled_widths_equal_the_regular_expressions(text: str) -> None:
    lines = text.split("\n")
    assert lines_module._widths_and_wide(lines, text) == lines_module._widths_and_wide(lines, text, compiled=False)


def test_widths_of_lines_holding_a_line_break_of_their_own() -> None:
    lines = ["a\nb", "中"]
    assert lines_module._widths_and_wide(lines, "\n".join(lines)) == ([3, 2], True)


def test_widths_without_the_compiled_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines_module, "_compiled_widths", None)
    assert lines_module._widths_and_wide(["abc", "a中b"], "abc\na中b") == ([3, 4], True)
    assert unwrap(wrapped(PARAGRAPH)) == unwrap(wrapped(PARAGRAPH), "\n".join(wrapped(PARAGRAPH)))


needs_compiled_holds = pytest.mark.skipif(lines_module._compiled_holds_any is None,
                                          reason="the compiled character test is not built")


@needs_compiled_holds
@given(st.text(st.characters(max_codepoint=0x2FFFF) | st.sampled_from("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00\n"),
               max_size=40))
@settings(max_examples=500, deadline=None)
@example("a\x00")  # a NUL in a str of one byte a character
@example("\u2026\x00")  # and of two
@example("\U0001f600\u2029")
def test_compiled_normalise_equals_the_python_one(text: str) -> None:
    assert normalise(text) == normalise(text, compiled=False)
    assert lines_module._compiled_holds_any(text, "\x00\u2028") == ("\x00" in text or "\u2028" in text)


@needs_compiled_holds
def test_holds_any_takes_at_most_16_characters_above_latin_1() -> None:
    with pytest.raises(ValueError, match="at most 16 characters above"):
        lines_module._compiled_holds_any("text", "".join(map(chr, range(0x4E00, 0x4E11))))


@needs_compiled_holds
@pytest.mark.parametrize("filler", ["a", "\u2026", "\U0001f600"])  # one, two and four bytes a character
def test_holds_any_finds_a_character_anywhere_in_a_long_text(filler: str) -> None:
    for at in (0, 1, 511, 512, 513, 1500, 2047):
        text = filler * at + "\r" + filler * (2047 - at)
        assert lines_module._compiled_holds_any(text, "\x00\r\u2028")
    assert not lines_module._compiled_holds_any(filler * 2048, "\x00\r\u2028")


needs_compiled_unwrap = pytest.mark.skipif(lines_module._compiled_unwrap is None,
                                           reason="the compiled unwrap is not built")
# Lines of few characters, with white space of several kinds and wide characters (the ideographic space is
# both), so that small limits below make pages wrapped, joined runs, blank lines and wide breaks common.
UNWRAP_LINE = st.text(st.sampled_from("ab  \t\u3000\u00a0中ニ\U0001f600é"), max_size=9)


@needs_compiled_unwrap
@given(st.lists(UNWRAP_LINE, min_size=1, max_size=12), st.integers(2, 9), st.integers(0, 4), st.integers(1, 3))
@settings(max_examples=500, deadline=None)
@example(["\u00a0 ", "a"], 2, 0, 1)  # an ASCII piece of a Latin-1 text (CPython refused to copy it)
def test_compiled_unwrap_equals_unwrap(lines: list[str], min_width: int, slack: int, min_wrapped: int) -> None:
    text = "\n".join(lines)
    max_width = min_width + 6
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("MAX_WRAP_WIDTH", max_width), ("MIN_WRAP_WIDTH", min_width), ("WRAP_SLACK", slack),
                            ("MIN_WRAPPED", min_wrapped)):
            patch.setattr(lines_module, name, value)
        expected = unwrap(lines, text)
    got = lines_module._compiled_unwrap(text, max_width, min_width, slack, min_wrapped)
    assert got == expected
    assert all(type(line) is str for line in got[0])


@needs_compiled_unwrap
@given(st.lists(st.sampled_from([PARAGRAPH, SECOND, "Short line", "", "中文新闻" * 30, " indented \u3000"]),
                max_size=8), st.sampled_from([64, 72, 100, 180]))
@settings(max_examples=100, deadline=None)
def test_compiled_prepare_lines_equal_the_python_ones(paragraphs: list[str], width: int) -> None:
    text = "\n".join(line for p in paragraphs for line in (textwrap.wrap(p, width) or [""]))
    assert prepare_lines(text) == prepare_lines(text, compiled=False)


# Lines a converter could not break, and look-alikes that it could: the compiled wrap width must agree.
_UNBREAKABLE_LINES = [
    "https://example.com/track?" + "a%3d1%2f" * 30,
    "━" * (MAX_WRAP_WIDTH + 10),
    "[" + " " * 150 + "]",
    "  [" + "x" * 120 + "]  ",
    "[" + "a " * 60 + "] [b]",
    "[" + "a" * 70 + "]" + "b" * 10 + "]",
    "新" * 120,
    "\u3000" * 90,
    " " * 150,
    "word " * 40,
]


@needs_compiled_unwrap
@given(st.lists(st.sampled_from([*_UNBREAKABLE_LINES, PARAGRAPH, SECOND, "", "Short line"]), max_size=8),
       st.sampled_from([64, 72, 100, 180]))
@settings(max_examples=200, deadline=None)
def test_compiled_wrap_width_equals_the_python_one(paragraphs: list[str], width: int) -> None:
    text = "\n".join(line for p in paragraphs for line in ([p] if p in _UNBREAKABLE_LINES else
                                                            textwrap.wrap(p, width) or [""]))
    assert prepare_lines(text) == prepare_lines(text, compiled=False)


# blank_placeholders tries only the lines holding a "[": it must blank what one multi-line regular
# expression over the whole text blanks.
_REFERENCE_PLACEHOLDER = re.compile(rf"^{lines_module._PLACEHOLDER_LINE.pattern}$", re.MULTILINE)


@given(st.lists(st.sampled_from(["[logo]", "  • [160_90] [40_30] ", "[          ]", "[ ]", "[INS::INS]",
                                 "text [logo]", "[two words]", "[...]", "[责任编辑:张三]", "", "Plain line",
                                 "[", "]", "[a]b", " [x]\t"]), max_size=10))
@settings(max_examples=300, deadline=None)
def test_blank_placeholders_equals_one_multiline_expression(lines: list[str]) -> None:
    text = "\n".join(lines)
    blanked, count = _REFERENCE_PLACEHOLDER.subn("", text)
    assert blank_placeholders(text) == (blanked, count > 0)


def test_line_numbers_of_ascending_positions() -> None:
    text = "ab\ncd\n\nef"
    positions = list(range(len(text) + 1))
    assert line_numbers(text, positions) == [text.count("\n", 0, p) for p in positions]
    assert line_numbers(text, [0, 0, 7, 7]) == [0, 0, 3, 3]
    assert line_numbers(text, []) == []
