"""The classifier put together (``newsclean.classify.classify_pages`` and ``classify_lines``)."""

from __future__ import annotations

import numpy as np
import pytest

import newsclean.classify as classify
from newsclean.classify import LineScores, classify_lines, classify_pages
from newsclean.classify.boundary import BOUNDARY_FEATURE_NAMES
from newsclean.classify.context import CONTEXT_FEATURE_NAMES
from newsclean.classify.features import FEATURE_NAMES
from newsclean.classify.model import LineModel, Mlp
from newsclean.classify.rules import RULE_REASONS, SPAN, SPAN_SCORE, VETO_SCORE

BODY = [
    "The council said on Monday that the new bridge would open in the spring, and that it was the first of "
    "many projects planned for the city over the next ten years.",
    "Engineers have worked on the crossing since 2019, when the old bridge was closed after inspectors found "
    "cracks in two of its supports and warned that it could not carry heavy traffic.",
    "Residents welcomed the news but said they were worried about the noise and the extra cars that the new "
    "road would bring to the quiet streets near the river.",
]
PAGE_A = "\n".join(
    [
        "Home",
        "News",
        "Sport",
        "",
        "Bridge to open in spring",
        "",
        *BODY,
        "",
        "Share this",
        "Related posts",
        "Click to comment",
        "© 2024 Example Media",
    ]
)
PAGE_B = "\n".join(["Menu", "Subscribe to our newsletter", "", "Tunnel plans", BODY[1], BODY[2], "Read more"])
PAGES = [PAGE_A, "", PAGE_B, "   \n\t", "\n\n" + PAGE_A]


def test_exports() -> None:
    for name in ("classify_pages", "classify_lines", "LineScores"):
        assert hasattr(classify, name)


def test_one_score_per_line_in_unit_interval() -> None:
    results = classify_pages(PAGES)
    assert len(results) == len(PAGES)
    for text, result in zip(PAGES, results, strict=True):
        n_lines = len(text.split("\n"))
        assert isinstance(result, LineScores)
        assert result.scores.shape == result.keep.shape == result.line_scores.shape == (n_lines,)
        assert np.all((result.scores >= 0) & (result.scores <= 1))
        assert np.all((result.line_scores >= 0) & (result.line_scores <= 1))
        assert np.array_equal(result.keep, result.scores >= 0.5)


def test_blank_lines_score_zero_and_are_not_kept() -> None:
    for text, result in zip(PAGES, classify_pages(PAGES), strict=True):
        blank = np.array([not line.strip() for line in text.split("\n")])
        assert np.all(result.scores[blank] == 0)
        assert np.all(result.line_scores[blank] == 0)
        assert not result.keep[blank].any()


def test_body_is_kept_and_boilerplate_dropped() -> None:
    result = classify_pages([PAGE_A])[0]
    lines = PAGE_A.split("\n")
    kept = {lines[i] for i in np.flatnonzero(result.keep)}
    assert set(BODY) <= kept
    assert not kept & {"Home", "Share this", "Related posts", "Click to comment"}
    assert result.language == "en"


def test_vetoed_lines_are_capped() -> None:
    result = classify_pages([PAGE_A])[0]
    lines = PAGE_A.split("\n")
    for phrase in ("Share this", "Related posts", "Click to comment"):
        assert result.scores[lines.index(phrase)] <= VETO_SCORE + 1e-6  # float32 scores


def test_deterministic() -> None:
    first = classify_pages(PAGES)
    second = classify_pages(PAGES)
    for a, b in zip(first, second, strict=True):
        assert np.array_equal(a.scores, b.scores)
        assert np.array_equal(a.keep, b.keep)


def test_empty_batch_and_empty_pages() -> None:
    assert classify_pages([]) == []
    result = classify_pages([""])[0]
    assert result.scores.tolist() == [0.0]
    assert result.keep.tolist() == [False]
    assert result.language is None
    assert result.reasons(0) == ("blank line",)


def test_first_page_of_a_batch_scores_as_alone() -> None:
    batch = classify_pages(PAGES)
    alone = classify_pages(PAGES[:1])[0]
    assert np.allclose(batch[0].scores, alone.scores, atol=1e-5)
    assert np.array_equal(batch[0].keep, alone.keep)


def test_pages_with_no_rows_in_a_batch() -> None:
    batch = classify_pages(["", PAGE_B, "  "])
    assert batch[0].scores.tolist() == [0.0]
    assert batch[2].scores.tolist() == [0.0]
    assert len(batch[1].scores) == len(PAGE_B.split("\n"))


def test_batch_equals_single_pages() -> None:
    batch = classify_pages(PAGES)
    for text, result in zip(PAGES, batch, strict=True):
        alone = classify_pages([text])[0]
        assert np.allclose(result.scores, alone.scores, atol=1e-5)


def test_forced_language() -> None:
    results = classify_pages([PAGE_A, PAGE_B], languages=["de", None])
    assert [r.language for r in results] == ["de", "en"]


@pytest.mark.parametrize("threshold", [0.05, 0.2, 0.8, 0.95])
def test_threshold(threshold: float) -> None:
    result = classify_pages([PAGE_A], threshold=threshold)[0]
    blank = np.array([not line.strip() for line in PAGE_A.split("\n")])
    assert np.array_equal(result.keep, result.scores >= threshold)
    assert not result.keep[blank].any()


def test_lower_threshold_keeps_more() -> None:
    low, mid, high = (classify_pages([PAGE_A], threshold=t)[0].keep for t in (0.2, 0.5, 0.8))
    assert np.all(high <= mid) and np.all(mid <= low)
    assert low.sum() > high.sum()


def linear_mlp(names: tuple[str, ...], bias: float, weights: dict[str, float] | None = None) -> Mlp:
    """One layer, no standardising: ``bias + sum(weight * feature)``."""
    w = np.zeros((len(names), 1), dtype=np.float32)
    for name, weight in (weights or {}).items():
        w[names.index(name), 0] = weight
    n_in = len(names)
    return Mlp(
        np.zeros(n_in, dtype=np.float32), np.ones(n_in, dtype=np.float32), (w,), (np.array([bias], dtype=np.float32),)
    )


def constant_model(line_bias: float, context_bias: float) -> LineModel:
    return LineModel(linear_mlp(FEATURE_NAMES, line_bias), linear_mlp(CONTEXT_FEATURE_NAMES, context_bias))


def test_given_model_and_rules_off() -> None:
    result = classify_pages([PAGE_A], model=constant_model(-2.0, 1.0), rules=False)[0]
    blank = np.array([not line.strip() for line in PAGE_A.split("\n")])
    assert np.allclose(result.scores[~blank], 1 / (1 + np.exp(-1.0)))
    assert np.allclose(result.line_scores[~blank], 1 / (1 + np.exp(2.0)))
    assert result.keep[~blank].all()


def test_rules_veto_with_a_given_model() -> None:
    result = classify_pages([PAGE_A], model=constant_model(0.0, 3.0))[0]
    lines = PAGE_A.split("\n")
    assert result.scores[lines.index("Related posts")] == pytest.approx(VETO_SCORE)
    assert result.keep[lines.index(BODY[0])]


def test_rules_rescue_a_sandwiched_heading() -> None:
    # Stage two scores by length: the body lines are kept, the heading between them gets about 0.4.
    model = LineModel(linear_mlp(FEATURE_NAMES, 0.0), linear_mlp(CONTEXT_FEATURE_NAMES, -1.8, {"log_tokens": 1.0}))
    page = "\n".join([BODY[0], "A short heading", BODY[1]])
    plain = classify_pages([page], model=model, rules=False)[0]
    assert plain.keep.tolist() == [True, False, True]
    assert 0.3 <= plain.scores[1] < 0.5
    ruled = classify_pages([page], model=model)[0]
    assert ruled.keep.tolist() == [True, True, True]
    assert ruled.scores[1] == pytest.approx(0.5)
    assert ruled.scores[[0, 2]].tolist() == plain.scores[[0, 2]].tolist()


def test_rules_keep_unsure_lines_inside_the_article_span() -> None:
    # Stage two is unsure about every line (0.27); the start model picks the page's first long line, the end
    # model its last: the lines from one to the other are kept, the vetoed "Related posts" among them not.
    unsure = LineModel(linear_mlp(FEATURE_NAMES, 0.0), linear_mlp(CONTEXT_FEATURE_NAMES, -1.0))
    spanned = LineModel(
        unsure.lines,
        unsure.context,
        linear_mlp(BOUNDARY_FEATURE_NAMES, 0.0, {"log_tokens": 1.0, "rank": -5.0}),
        linear_mlp(BOUNDARY_FEATURE_NAMES, 0.0, {"log_tokens": 1.0, "rank": 5.0}),
    )
    assert 1 / (1 + np.exp(1.0)) >= SPAN_SCORE
    lines = PAGE_A.split("\n")
    without = classify_pages([PAGE_A], model=unsure)[0]
    assert not without.keep.any()
    result = classify_pages([PAGE_A], model=spanned)[0]
    first, last = lines.index(BODY[0]), lines.index(BODY[-1])
    assert np.flatnonzero(result.keep).tolist() == list(range(first, last + 1))
    assert result.reasons(first)[0] == RULE_REASONS[SPAN]
    assert not classify_pages([PAGE_A], model=spanned, rules=False)[0].keep.any()


def test_classify_lines_is_one_page() -> None:
    lines = PAGE_B.split("\n")
    result = classify_lines(lines)
    alone = classify_pages([PAGE_B])[0]
    assert np.array_equal(result.scores, alone.scores)
    assert classify_lines(lines, language="fr").language == "fr"
    strict = classify_lines(lines, threshold=0.9)
    assert np.array_equal(strict.keep, strict.scores >= 0.9)


def test_reasons() -> None:
    result = classify_pages([PAGE_A])[0]
    lines = PAGE_A.split("\n")
    assert result.reasons(3) == ("blank line",)
    related = result.reasons(lines.index("Related posts"))
    assert "opens with related words" in related
    assert 1 <= len(related) <= 4
    body = result.reasons(lines.index(BODY[1]))
    assert body and all(isinstance(reason, str) for reason in body)
