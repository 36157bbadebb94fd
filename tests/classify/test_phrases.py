"""Vocabulary phrases that open a line (``newsclean.classify.phrases`` and ``vocab``)."""

from __future__ import annotations

import numpy as np
import pytest

from newsclean.classify.chars import char_arrays, token_bounds, token_keys
from newsclean.classify.features import batch_features, page_features
from newsclean.classify.phrases import opening_phrases
from newsclean.classify.vocab import NAMES, VOCABULARIES


def opening(line: str) -> str | None:
    code = int(page_features(line).vocab[0])
    return NAMES[code] if code >= 0 else None


@pytest.mark.parametrize(
    ("line", "vocabulary"),
    [
        ("Related posts", "related"),
        ("RELATED POSTS", "related"),
        ("• Related posts", "related"),
        ("READ ALSO: some headline here", "related"),
        ("Share this", "share"),
        ("Share this article", "share"),
        ("Leave a Reply", "comments"),
        ("Leave a comment below", "comments"),
        ("Click to comment", "comments"),
        ("Don't miss", "trending"),
        ("Editor's picks", "trending"),
        ("Subscribe to our newsletter", "newsletter"),
        ("Sign in", "login"),
        ("Home", "navigation"),
        ("Photo: Reuters", "credits"),
        ("Lesen Sie auch: Die Brücke", "related"),
        ("We use cookies to improve your experience", "cookies"),
        ("By Jane Doe", "byline"),
    ],
)
def test_line_opens_with_vocabulary(line: str, vocabulary: str) -> None:
    assert opening(line) == vocabulary


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said the bridge will open soon.",
        "Sharepoint tips for beginners",  # a word that starts like a phrase is not the phrase
        "Homes for sale",
        "The related posts are below",  # only the first words count
        "",
        "...",
        "2024",
    ],
)
def test_ordinary_line_opens_with_nothing(line: str) -> None:
    features = page_features(line)
    assert features.vocab.tolist() in ([], [-1])


def test_longest_phrase_wins() -> None:
    # "your email" (newsletter) is a prefix of "your email address" (comments).
    assert opening("Your email") == "newsletter"
    assert opening("Your email address will not be published") == "comments"


def test_phrase_does_not_continue_onto_the_next_line() -> None:
    page = "Share\nthis is a sentence about something else entirely."
    features = page_features(page)
    assert features.vocab.tolist() == [NAMES.index("share"), -1]
    assert features.column("vocab_cover")[0] == 1.0


def test_vocab_cover_is_the_share_of_the_line_the_phrase_takes() -> None:
    features = page_features("Related posts\nRelated posts and more words after them")
    cover = features.column("vocab_cover")
    assert cover[0] == 1.0
    assert cover[1] == pytest.approx(len("Related posts") / len("Related posts and more words after them"))


def test_every_vocabulary_phrase_is_found_as_a_line() -> None:
    for name, phrases in VOCABULARIES.items():
        for phrase in phrases:
            code = opening(phrase)
            assert code is not None, (name, phrase)
            # The first vocabulary holding the phrase owns it.
            assert code == next(n for n in NAMES if phrase in VOCABULARIES[n]), (name, phrase)


@pytest.mark.parametrize("compiled", [True, False])
def test_opening_phrases_direct(compiled: bool) -> None:
    text = "share this\nleave a reply now\nnothing here"
    c = char_arrays(text)
    starts, ends = token_bounds(c.flags)
    keys = token_keys(c.cp, starts, ends)
    first_token = np.array([0, 2, 6])
    n_tokens = np.array([2, 4, 2])
    codes, phrase_end = opening_phrases(keys, first_token, n_tokens, ends, compiled=compiled)
    assert codes.tolist() == [NAMES.index("share"), NAMES.index("comments"), -1]
    assert phrase_end.tolist() == [len("share this"), text.index(" now"), 0]


def test_compiled_lookup_equals_numpy_on_every_phrase() -> None:
    """Every vocabulary phrase as a line of its own, alone and with words after it, and cut short."""
    lines = [line for name in NAMES for phrase in VOCABULARIES[name]
             for line in (phrase, phrase + " and more words", phrase.rsplit(" ", 1)[0], "x " + phrase)]
    c = char_arrays("\n".join(lines))
    starts, ends = token_bounds(c.flags)
    keys = token_keys(c.cp, starts, ends)
    line_of_token = np.searchsorted(np.flatnonzero(c.cp == 10), starts)
    first_token = np.minimum(np.searchsorted(line_of_token, np.arange(len(lines))), len(keys) - 1)
    n_tokens = np.bincount(line_of_token, minlength=len(lines))
    compiled = opening_phrases(keys, first_token, n_tokens, ends)
    numpy = opening_phrases(keys, first_token, n_tokens, ends, compiled=False)
    assert compiled[0].tolist() == numpy[0].tolist() and compiled[1].tolist() == numpy[1].tolist()
    assert (numpy[0] >= 0).sum() > len(lines) // 2


def test_opening_phrases_without_tokens() -> None:
    codes, phrase_end = opening_phrases(
        np.zeros(0, dtype=np.uint64),
        np.zeros(2, dtype=np.int64),
        np.zeros(2, dtype=np.int64),
        np.zeros(0, dtype=np.int64),
    )
    assert codes.tolist() == [-1, -1]
    assert phrase_end.tolist() == [0, 0]


def test_batch_gives_the_same_vocabulary_as_single_pages() -> None:
    pages = [
        "Related posts\nThe mayor said the bridge will open soon.\nShare this",
        "",
        "Leave a Reply\n\nSubscribe\nA normal line of text",
        "Share\nthis",
    ]
    batch = batch_features(pages)
    for k, page in enumerate(pages):
        alone = page_features(page)
        assert batch.page(k).vocab.tolist() == alone.vocab.tolist()
        assert np.allclose(batch.page(k).column("vocab_cover"), alone.column("vocab_cover"))
