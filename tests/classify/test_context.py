"""Stage-two features from stage-one scores (``newsclean.classify.context``)."""

from __future__ import annotations

import numpy as np
import pytest

from newsclean.classify.context import CONTEXT_FEATURE_NAMES, context_features
from newsclean.classify.features import batch_features

BODY = (
    "The council said on Monday that the new bridge would open in the spring, and that it was the first of "
    "many projects planned for the city over the next ten years."
)
PAGE_A = "\n".join(["Home", "News", BODY, BODY.replace("bridge", "tunnel"), "Share this"])
PAGE_B = "\n".join(["Menu", BODY, "Read more"])


def column(matrix: np.ndarray, name: str) -> np.ndarray:
    return matrix[:, CONTEXT_FEATURE_NAMES.index(name)]


def context_of(pages: list[str], logits: list[float]):
    features = batch_features(pages)
    logit = np.array(logits, dtype=np.float32)
    assert len(logit) == len(features.rows)
    return context_features(logit, features.matrix, features.segments), features


def test_names_are_unique() -> None:
    assert len(set(CONTEXT_FEATURE_NAMES)) == len(CONTEXT_FEATURE_NAMES)


def test_shape_and_probabilities() -> None:
    logits = [-3.0, -2.0, 4.0, 3.0, -4.0, -3.0, 5.0, -2.0]
    matrix, _ = context_of([PAGE_A, PAGE_B], logits)
    assert matrix.shape == (8, len(CONTEXT_FEATURE_NAMES))
    assert matrix.dtype == np.float32
    assert np.isfinite(matrix).all()
    assert column(matrix, "p").tolist() == pytest.approx((1 / (1 + np.exp(-np.array(logits)))).tolist(), rel=1e-5)


def test_region_is_the_body_run_of_each_page() -> None:
    matrix, _ = context_of([PAGE_A, PAGE_B], [-3.0, -2.0, 4.0, 3.0, -4.0, -3.0, 5.0, -2.0])
    assert column(matrix, "in_region").tolist() == [0, 0, 1, 1, 0, 0, 1, 0]
    assert column(matrix, "region_start").tolist() == [0, 0, 1, 0, 0, 0, 1, 0]
    assert column(matrix, "region_end").tolist() == [0, 0, 0, 1, 0, 0, 1, 0]
    assert column(matrix, "region_distance").tolist() == pytest.approx(np.log1p([2, 1, 0, 0, 1, 1, 0, 1]).tolist())


def test_mass_before_and_after_stay_in_the_page() -> None:
    matrix, _ = context_of([PAGE_A, PAGE_B], [-3.0, -2.0, 4.0, 3.0, -4.0, -3.0, 5.0, -2.0])
    before, after = column(matrix, "mass_before"), column(matrix, "mass_after")
    assert before[0] == 0 and before[5] == 0  # first row of each page
    assert after[4] == pytest.approx(0, abs=1e-6) and after[7] == pytest.approx(0, abs=1e-6)
    assert np.all(np.diff(before[:5]) >= 0)


def test_page_local() -> None:
    logits_a = [-3.0, -2.0, 4.0, 3.0, -4.0]
    logits_b = [-3.0, 5.0, -2.0]
    both, _ = context_of([PAGE_A, PAGE_B], logits_a + logits_b)
    alone_a, _ = context_of([PAGE_A], logits_a)
    alone_b, _ = context_of([PAGE_B], logits_b)
    assert np.allclose(both[:5], alone_a, atol=1e-6)
    assert np.allclose(both[5:], alone_b, atol=1e-6)


def test_no_positive_run_gives_an_empty_region() -> None:
    matrix, _ = context_of([PAGE_B], [-5.0, -5.0, -5.0])
    assert column(matrix, "in_region").tolist() == [0, 0, 0]
