"""Menus, share bars, search boxes, captions and credits told from one line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.text.furniture import has_fewer_words, is_caption, is_nav, lone_marks, word_count


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("US & Canada", 2),
        ("Talks Resume in Geneva", 4),
        ("Home | World | Asia", 3),
        ("- • +", 0),
        ("A&B", 1),
        ("one\u00a0two  three", 3),
        ("", 0),
    ],
)
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words


def test_lone_marks_are_tokens_of_one_mark() -> None:
    assert lone_marks(["US", "&", "Canada"]) == 1
    assert lone_marks(["A&B", "&&", "|"]) == 1
    assert lone_marks([]) == 0


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab &|-\u00a0\t•"), max_size=60), st.integers(1, 5))
def test_fewer_words_agrees_with_the_count(text: str, n: int) -> None:
    assert has_fewer_words(text, n) == (word_count(text) < n)


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",
        "» Menu",
        "Latest News",
        "Photos by Jane Doe",
        "Share this article",
        "Hi, what are you looking for?",
        "WHAT ARE YOU LOOKING FOR",
        "Share to Twitter",
        "tweet share Reddit Pocket Flipboard Email",
        "Lesen Sie auch: Mehr zum Thema",
        "Kommentare",
    ],
)
def test_navigation(line: str) -> None:
    assert is_nav(line, line.lower())


@pytest.mark.parametrize(
    "line",
    [
        "Talks Resume in Geneva After Long Pause",
        "Menus of the Future: Restaurants Go Digital",
        "Latest News from the Front",
        "What are you looking forward to this summer?",
        "Share prices fall for the third day as investors fret",
        "“Ministers” — what are you looking for",
    ],
)
def test_not_navigation(line: str) -> None:
    assert not is_nav(line, line.lower())


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Ayn Rand, Rand Paul (Credit: AP/Manuel Balce Ceneta)", True),
        ("Photo: Jane Doe", True),
        ("Bildquelle : dpa", True),
        ("Fotos: Max Mustermann", True),
        ("Minister in Berlin (Foto) beim Treffen", True),
        ("The minister in Berlin AP/Reuters", True),
        ("© 2025 Example News", True),
        ("Prime Minister at the Western Wall in Jerusalem Getty Images", True),
        ("Photography: a history", False),
        ("Telephoto: lenses compared", False),
        ("The photo that changed the election", False),
        ("Talks resume (again) in Geneva: what to expect", False),
        ("Markets/Reutersville", False),
    ],
)
def test_captions(line: str, caption: bool) -> None:
    assert is_caption(line.lower()) == caption
