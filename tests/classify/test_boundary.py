"""The boundary pass: start and end features and the article span (``newsclean.classify.boundary``)."""

from __future__ import annotations

import numpy as np
import pytest

from newsclean.classify.boundary import BOUNDARY_FEATURE_NAMES, article_span, boundary_features, headline_like
from newsclean.classify.features import batch_features
from newsclean.classify.segments import Segments

BODY = (
    "The council said on Monday that the new bridge would open in the spring, and that it was the first of "
    "many projects planned for the city over the next ten years."
)
PAGE_A = "\n".join(["Home", "News", "Bridge Opens In The Spring", BODY, BODY.replace("bridge", "tunnel"), "Share this"])
PAGE_B = "\n".join(["Menu", BODY, "Read more"])
LOGITS_A = [-3.0, -2.0, -1.0, 4.0, 3.0, -4.0]
LOGITS_B = [-3.0, 5.0, -2.0]


def column(matrix: np.ndarray, names: tuple[str, ...], name: str) -> np.ndarray:
    return matrix[:, names.index(name)]


def boundary_of(pages: list[str], logits: list[float]):
    features = batch_features(pages)
    logit = np.array(logits, dtype=np.float32)
    assert len(logit) == len(features.rows)
    return boundary_features(logit, features.matrix, features.segments), features


def test_names_are_unique() -> None:
    assert len(set(BOUNDARY_FEATURE_NAMES)) == len(BOUNDARY_FEATURE_NAMES)


def test_shape_and_sides() -> None:
    matrix, _ = boundary_of([PAGE_A, PAGE_B], LOGITS_A + LOGITS_B)
    assert matrix.shape == (9, len(BOUNDARY_FEATURE_NAMES))
    assert matrix.dtype == np.float32
    assert np.isfinite(matrix).all()
    p = 1 / (1 + np.exp(-np.array(LOGITS_A + LOGITS_B)))
    before = column(matrix, BOUNDARY_FEATURE_NAMES, "p_before1")
    after = column(matrix, BOUNDARY_FEATURE_NAMES, "p_after1")
    assert before[0] == 0 and before[6] == 0  # the first row of each page has nothing before it
    assert before[1:6].tolist() == pytest.approx(p[:5].tolist(), rel=1e-5)
    assert after.tolist() == pytest.approx(p.tolist(), rel=1e-5)  # the row itself


def test_headline_anchor_above_the_region() -> None:
    matrix, features = boundary_of([PAGE_A, PAGE_B], LOGITS_A + LOGITS_B)
    assert headline_like(features.matrix).tolist() == [False, False, True, False, False, False, False, False, False]
    assert column(matrix, BOUNDARY_FEATURE_NAMES, "is_anchor").tolist() == [0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert column(matrix, BOUNDARY_FEATURE_NAMES, "below_anchor").tolist() == [0, 0, 0, 1, 1, 1, 0, 0, 0]
    assert column(matrix, BOUNDARY_FEATURE_NAMES, "anchor_found").tolist() == [1] * 6 + [0] * 3


START = np.array([-3.0, -2.0, 0.0, 5.0, 1.0, -4.0, -3.0, 4.0, -1.0])
END = np.array([-3.0, -2.0, -1.0, 1.0, 5.0, -4.0, -3.0, 4.0, 2.0])


def test_page_local() -> None:
    both, features = boundary_of([PAGE_A, PAGE_B], LOGITS_A + LOGITS_B)
    alone_a, _ = boundary_of([PAGE_A], LOGITS_A)
    alone_b, _ = boundary_of([PAGE_B], LOGITS_B)
    assert np.allclose(both[:6], alone_a, atol=1e-6)
    assert np.allclose(both[6:], alone_b, atol=1e-6)
    span = article_span(START, END, features.segments)
    assert np.array_equal(span[:6], article_span(START[:6], END[:6], batch_features([PAGE_A]).segments))
    assert np.array_equal(span[6:], article_span(START[6:], END[6:], batch_features([PAGE_B]).segments))


def test_span_of_each_page() -> None:
    span = article_span(START, END, batch_features([PAGE_A, PAGE_B]).segments)
    assert span.tolist() == [False, False, False, True, True, False, False, True, False]


def test_the_span_never_ends_before_it_starts() -> None:
    segments = batch_features([PAGE_A]).segments
    start = np.array([-5.0, -5.0, -5.0, -5.0, 5.0, -5.0])
    end = np.array([-5.0, -5.0, 5.0, -5.0, -5.0, 0.0])  # the best end comes before the best start
    assert article_span(start, end, segments).tolist() == [False, False, False, False, True, True]


def test_empty_batch() -> None:
    features = batch_features([])
    rows = boundary_features(np.zeros(0, dtype=np.float32), features.matrix, features.segments)
    assert rows.shape == (0, len(BOUNDARY_FEATURE_NAMES))
    assert article_span(np.zeros(0), np.zeros(0), features.segments).shape == (0,)


@pytest.mark.parametrize("seed", range(5))
def test_compiled_span_equals_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    sizes = rng.integers(0, 300, size=12)
    segments = Segments.from_pages(np.repeat(np.arange(len(sizes)), sizes), len(sizes))
    # Coarse logits, so that starts and ends tie; float32, as the boundary models give them.
    start = rng.integers(-3, 4, size=sizes.sum()).astype(np.float32)
    end = (rng.integers(-3, 4, size=sizes.sum()) * 0.5).astype(np.float32)
    expected = article_span(start, end, segments, compiled=False)
    assert article_span(start, end, segments).tolist() == expected.tolist()
