"""Properties of ``clean_text`` over generated input: it never raises, is deterministic, invents nothing.

``clean_text`` reports an internal failure as a record with status ``error``; for ``str`` input that
status can mean nothing else, so "never raises" is checked as "never ``error``".
"""

from __future__ import annotations

import textwrap

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsclean import Options, Status, clean_text
from newsclean.text.lines import display_widths, split_lines

EXPLAIN = Options(explain=True)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)

LINE_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1e"])
WORDS = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
SENTENCES = st.lists(WORDS, min_size=6, max_size=40).map(" ".join)  # long lines, likely kept as body
BOILERPLATE = st.sampled_from(
    ["Home", "Share this article", "Sign up for our newsletter", "© 2024 Example Media", "Read more »", ""]
)
LINES = st.one_of(SENTENCES, BOILERPLATE, st.text(max_size=80))
INDENTS = st.sampled_from(["", " ", "\t", "  \u00a0"])
PAGES = st.lists(st.tuples(INDENTS, LINES, LINE_BREAKS), max_size=30).map(
    lambda parts: "".join(indent + line + brk for indent, line, brk in parts)
)
TEXTS = st.one_of(st.text(), PAGES)
# Paragraphs wrapped at a fixed width, as w3m writes them.
WRAPPED_PAGES = st.lists(SENTENCES, min_size=1, max_size=8).map(
    lambda paras: "\n\n".join(textwrap.fill(p, width=72) for p in paras)
)  # st.text() covers all of Unicode but surrogates, controls included


@given(TEXTS)
@PROPERTY_SETTINGS
def test_clean_text_never_fails(text: str) -> None:
    article = clean_text(text)
    assert article.status is not Status.ERROR, article.reason
    if article.status is not Status.OK:
        assert article.reason


@given(st.binary(max_size=3000) | PAGES.map(lambda page: page.encode("utf-8")))
@PROPERTY_SETTINGS
def test_clean_bytes_never_fails(data: bytes) -> None:
    article = clean_text(data)
    if article.status is Status.ERROR:  # only for bytes that are not text
        assert article.reason is not None
        assert article.reason.startswith(("binary input", "cannot decode")), article.reason


@given(TEXTS)
@PROPERTY_SETTINGS
def test_clean_text_is_deterministic(text: str) -> None:
    assert clean_text(text, options=EXPLAIN).to_dict() == clean_text(text, options=EXPLAIN).to_dict()


def _wide(char: str) -> bool:
    return display_widths([char]) == [2]


def _joins_of_consecutive_lines(lines: list[str], limit: int = 40) -> set[str]:
    """Every run of up to ``limit`` consecutive non-blank stripped lines, joined by one space, or by
    nothing where both sides of the break are wide characters (scripts written without spaces)."""
    stripped = [line.strip() for line in lines]
    joins = set()
    for i in range(len(stripped)):
        joined = ""
        for line in stripped[i : i + limit]:
            if not line:
                break
            if not joined:
                joined = line
            else:
                joined += line if _wide(joined[-1]) and _wide(line[0]) else f" {line}"
            joins.add(joined)
    return joins


@given(TEXTS | WRAPPED_PAGES)
@example("0" * 48 + "\r" + "0" * 58 + "\u2e80\r\u2e80" + "0" * 42 + "\u2e80\u2e80")  # wide pieces joined
@PROPERTY_SETTINGS
def test_clean_text_never_invents_text(text: str) -> None:
    """Every output line is an input line, or consecutive input lines a converter wrapped, re-joined."""
    article = clean_text(text)
    if article.text:
        allowed = _joins_of_consecutive_lines(split_lines(text))
        for line in article.text.split("\n"):
            assert line in allowed


@given(TEXTS)
@PROPERTY_SETTINGS
def test_explain_gives_one_decision_per_input_line(text: str) -> None:
    article = clean_text(text, options=EXPLAIN)
    if article.status is Status.EMPTY:
        return
    lines = split_lines(text)
    assert [(d.index, d.text) for d in article.decisions] == list(enumerate(lines))
    assert all(0.0 <= d.score <= 1.0 for d in article.decisions)
