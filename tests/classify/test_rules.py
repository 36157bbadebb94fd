"""Vocabulary vetoes and sandwiched short lines (``newsclean.classify.rules``)."""

from __future__ import annotations

import numpy as np
import pytest

from newsclean.classify.features import batch_features, page_features
from newsclean.classify.rules import MAX_SANDWICH_WORDS, MAX_VETO_WORDS, MIN_SANDWICH_SCORE, sandwiched, vetoed

LONG_SHARE = (
    "Share prices of the largest energy companies fell sharply on Tuesday after the government announced a "
    "new tax on windfall profits that analysts said would cut earnings by a third next year."
)
BODY = (
    "The council said on Monday that the new bridge would open in the spring, and that it was the first of "
    "many projects planned for the city over the next ten years."
)


def is_vetoed(line: str) -> bool:
    features = page_features(line)
    return bool(vetoed(features.matrix, features.vocab)[0])


@pytest.mark.parametrize(
    "line",
    [
        "READ ALSO: some headline here",
        "Click to comment",
        "Related posts",
        "Share this article",
        "Subscribe to our newsletter",
        "Sign in",
        "Leave a Reply",
        "Most popular",
        "Read more",
        # A long line is vetoed when its phrase is a label with a colon.
        "READ ALSO: " + " ".join(["word"] * 30),
    ],
)
def test_vetoed(line: str) -> None:
    assert is_vetoed(line)


@pytest.mark.parametrize(
    "line",
    [
        LONG_SHARE,
        BODY,
        "Home",  # navigation is left to the model
        "Photo: Reuters",  # credits too
        "By Jane Doe",
        "Share " + " ".join(["word"] * MAX_VETO_WORDS),  # one word too long
    ],
)
def test_not_vetoed(line: str) -> None:
    assert not is_vetoed(line)


def test_long_sentence_opening_with_share_words_is_not_vetoed() -> None:
    assert len(LONG_SHARE.split()) >= 30
    assert page_features(LONG_SHARE).vocab.tolist() != [-1]  # it does open with the word "Share"
    assert not is_vetoed(LONG_SHARE)


def test_veto_word_limit() -> None:
    assert is_vetoed("Share " + " ".join(["word"] * (MAX_VETO_WORDS - 1)))
    assert not is_vetoed("Share " + " ".join(["word"] * MAX_VETO_WORDS))


def test_vetoed_row_by_row() -> None:
    features = page_features("\n".join(["Related posts", BODY, "", "Click to comment", LONG_SHARE]))
    assert vetoed(features.matrix, features.vocab).tolist() == [True, False, True, False]


HEADING = "A short heading"
AD = "Advertisement"  # a short vocabulary line (cookies)


def rescue(
    lines: list[str], keep: list[bool], score: list[float] | None = None, page: list[int] | None = None
) -> list[bool]:
    features = page_features("\n".join(lines))
    assert len(features.rows) == len(lines)
    scores = np.array(score if score is not None else [0.9 if k else 0.4 for k in keep])
    pages = np.array(page if page is not None else [0] * len(lines))
    return sandwiched(np.array(keep), scores, features.matrix, features.vocab, pages).tolist()


def test_short_line_between_kept_lines_is_rescued() -> None:
    assert rescue([BODY, HEADING, BODY], [True, False, True]) == [False, True, False]


def test_not_rescued_when_a_neighbour_is_dropped() -> None:
    assert rescue([BODY, HEADING, BODY], [True, False, False]) == [False, False, False]
    assert rescue([BODY, HEADING, HEADING], [False, False, True]) == [False, False, False]


def test_two_short_lines_between_kept_lines_are_not_rescued() -> None:
    # The nearest line on one side is the other dropped heading.
    assert rescue([BODY, HEADING, HEADING, BODY], [True, False, False, True]) == [False] * 4


def test_not_rescued_across_a_page_boundary() -> None:
    lines = [BODY, HEADING, BODY, HEADING, BODY]
    keep = [True, False, True, False, True]
    assert rescue(lines, keep, page=[0, 0, 1, 1, 1]) == [False, False, False, True, False]
    assert rescue(lines, keep, page=[0, 0, 0, 1, 1]) == [False, True, False, False, False]


def test_short_vocabulary_lines_are_skipped_as_neighbours() -> None:
    lines = [BODY, AD, HEADING, AD, AD, BODY]
    keep = [True, False, False, False, False, True]
    # The heading is rescued; the advertisements are not (they open with vocabulary).
    assert rescue(lines, keep) == [False, False, True, False, False, False]


def test_skipped_lines_do_not_bridge_pages() -> None:
    lines = [BODY, AD, HEADING, BODY]
    keep = [True, False, False, True]
    assert rescue(lines, keep, page=[0, 1, 1, 1]) == [False] * 4
    assert rescue(lines, keep, page=[0, 0, 0, 1]) == [False] * 4


def test_not_rescued_when_the_model_is_sure() -> None:
    lines = [BODY, HEADING, BODY]
    keep = [True, False, True]
    assert rescue(lines, keep, score=[0.9, MIN_SANDWICH_SCORE - 0.01, 0.9]) == [False] * 3
    assert rescue(lines, keep, score=[0.9, MIN_SANDWICH_SCORE, 0.9]) == [False, True, False]


def test_long_dropped_lines_are_not_rescued() -> None:
    long_line = " ".join(["word"] * (MAX_SANDWICH_WORDS + 1))
    assert rescue([BODY, long_line, BODY], [True, False, True]) == [False] * 3


def test_fewer_than_three_rows() -> None:
    features = page_features(f"{BODY}\n{HEADING}")
    got = sandwiched(np.array([True, False]), np.array([0.9, 0.4]), features.matrix, features.vocab, np.zeros(2))
    assert got.tolist() == [False, False]


def test_sandwiched_with_batch_pages() -> None:
    batch = batch_features([f"{BODY}\n{HEADING}", f"{BODY}\n{HEADING}\n{BODY}"])
    keep = np.array([True, False, True, False, True])
    got = sandwiched(keep, np.where(keep, 0.9, 0.4), batch.matrix, batch.vocab, batch.segments.page)
    assert got.tolist() == [False, False, False, True, False]
