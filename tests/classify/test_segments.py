"""Per-page reductions over the rows of several pages (``newsclean.classify.segments``)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.classify import chars
from newsclean.classify.segments import Segments

# Rows per page; pages without rows (0) are allowed anywhere.
PAGE_SIZES = st.lists(st.integers(0, 6), min_size=1, max_size=6)


def segments(sizes: list[int]) -> Segments:
    page = np.repeat(np.arange(len(sizes)), sizes)
    return Segments.from_pages(page, len(sizes))


def page_slices(seg: Segments) -> list[slice]:
    return [slice(int(s), int(e)) for s, e in zip(seg.start, seg.end, strict=True)]


@st.composite
def pages_and_values(draw: st.DrawFn, elements: st.SearchStrategy[float]) -> tuple[Segments, np.ndarray]:
    sizes = draw(PAGE_SIZES)
    values = draw(st.lists(elements, min_size=sum(sizes), max_size=sum(sizes)))
    return segments(sizes), np.array(values, dtype=np.float64)


SMALL_INTS = st.integers(-5, 5).map(float)


def window_mean(seg: Segments, values: np.ndarray, radius: int) -> np.ndarray:
    """The plain running-sum definition that ``Segments.window_means`` must reproduce byte for byte (the
    shipped models were trained on its numbers)."""
    n = len(values)
    csum = np.zeros((n + 1, *values.shape[1:]))
    np.cumsum(values, axis=0, out=csum[1:])
    idx = np.arange(n)
    lo = np.maximum(idx - radius, seg.start)
    hi = np.minimum(idx + radius + 1, seg.end)
    count = (hi - lo - 1).astype(np.float64)[:, None]
    total = csum[hi]
    total -= csum[lo]
    total -= values
    return np.divide(total, count, out=np.zeros(values.shape), where=count > 0)


def window_means_of(seg: Segments, values: np.ndarray, radius: int) -> np.ndarray:
    """``Segments.window_means`` of one column of ``values`` at one radius."""
    return seg.window_means(values[:, None], [radius])[0][:, 0]


def test_from_pages() -> None:
    seg = segments([2, 0, 3])
    assert seg.page.tolist() == [0, 0, 2, 2, 2]
    assert seg.start.tolist() == [0, 0, 2, 2, 2]
    assert seg.end.tolist() == [2, 2, 5, 5, 5]
    assert seg.bounds.tolist() == [0, 2, 5]
    assert seg.size.tolist() == [2, 2, 3, 3, 3]
    assert seg.index.tolist() == [0, 1, 0, 1, 2]
    assert seg.n_pages == 3


def test_max_sum_cumsum_per_page() -> None:
    seg = segments([3, 0, 2, 1])
    values = np.array([1.0, 5.0, 2.0, -1.0, -3.0, 7.0])
    assert seg.max(values).tolist() == [5, 5, 5, -1, -1, 7]
    assert seg.sum(values).tolist() == [8, 8, 8, -4, -4, 7]
    assert seg.cumsum_before(values).tolist() == [0, 1, 6, 0, -1, 0]


def test_empty() -> None:
    seg = segments([0, 0])
    empty = np.zeros(0)
    assert seg.max(empty).tolist() == []
    assert seg.sum(empty).tolist() == []
    assert window_means_of(seg, empty, 2).tolist() == []
    assert seg.shifted_max(empty, 3, before=True).tolist() == []
    start, end = seg.best_run(empty)
    assert start.tolist() == end.tolist() == []


@given(pages_and_values(SMALL_INTS), st.integers(1, 4))
@settings(max_examples=150, deadline=None)
def test_window_means_match_brute_force(data: tuple[Segments, np.ndarray], radius: int) -> None:
    seg, values = data
    got = window_means_of(seg, values, radius)
    for i, sl in enumerate(page_slices(seg)):
        lo, hi = max(i - radius, sl.start), min(i + radius + 1, sl.stop)
        neighbours = [values[j] for j in range(lo, hi) if j != i]
        assert got[i] == pytest.approx(np.mean(neighbours) if neighbours else 0.0)


def test_window_means_do_not_cross_pages() -> None:
    seg = segments([2, 2])
    values = np.array([1.0, 1.0, 100.0, 100.0])
    assert window_means_of(seg, values, 8).tolist() == [1.0, 1.0, 100.0, 100.0]
    assert window_means_of(segments([1, 1]), np.array([1.0, 9.0]), 3).tolist() == [0.0, 0.0]


def test_window_means_of_columns() -> None:
    seg = segments([3, 1])
    values = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0]])
    (got,) = seg.window_means(values, [1])
    assert got.tolist() == [[2.0, 20.0], [2.0, 20.0], [2.0, 20.0], [0.0, 0.0]]


@given(pages_and_values(st.floats(-1e3, 1e3)), st.lists(st.integers(1, 40), min_size=1, max_size=4),
       st.booleans())
@settings(max_examples=150, deadline=None)
def test_window_means_are_window_mean_exactly(data: tuple[Segments, np.ndarray], radii: list[int],
                                              compiled: bool) -> None:
    """Both the compiled loop (where built) and numpy."""
    seg, values = data
    columns = np.column_stack([values, values[::-1] * 0.1])
    for radius, got in zip(radii, seg.window_means(columns, radii, compiled=compiled), strict=True):
        assert got.tobytes() == window_mean(seg, columns, radius).tobytes()


def test_window_means_keep_the_sign_of_a_first_zero() -> None:
    seg = segments([2, 1])
    values = np.array([[-0.0], [-0.0], [-0.0]])
    for compiled in (True, False):
        (got,) = seg.window_means(values, [1], compiled=compiled)
        assert got.tobytes() == window_mean(seg, values, 1).tobytes()


@given(pages_and_values(SMALL_INTS), st.integers(1, 4))
@settings(max_examples=150, deadline=None)
def test_side_means_match_brute_force(data: tuple[Segments, np.ndarray], width: int) -> None:
    seg, values = data
    (sides,) = seg.side_means(values, [width])
    for i, sl in enumerate(page_slices(seg)):
        before = values[max(i - width, sl.start) : i]
        after = values[i : min(i + width, sl.stop)]
        assert sides[0][i] == pytest.approx(before.mean() if len(before) else 0.0)
        assert sides[1][i] == pytest.approx(after.mean())


@given(pages_and_values(st.floats(-1e3, 1e3)), st.lists(st.integers(1, 40), min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_side_means_compiled_equal_numpy(data: tuple[Segments, np.ndarray], widths: list[int]) -> None:
    seg, values = data
    for got, expected in zip(seg.side_means(values, widths), seg.side_means(values, widths, compiled=False),
                             strict=True):
        assert got[0].tobytes() == expected[0].tobytes() and got[1].tobytes() == expected[1].tobytes()


@given(pages_and_values(st.integers(0, 9).map(float)), st.integers(1, 4), st.booleans())
@settings(max_examples=150, deadline=None)
def test_shifted_max_matches_brute_force(data: tuple[Segments, np.ndarray], k: int, before: bool) -> None:
    seg, values = data
    got = seg.shifted_max(values, k, before=before)
    for i, sl in enumerate(page_slices(seg)):
        others = range(max(i - k, sl.start), i) if before else range(i + 1, min(i + k + 1, sl.stop))
        assert got[i] == max((values[j] for j in others), default=0.0)


def brute_best_sum(values: np.ndarray) -> float:
    """The largest sum of a contiguous run (0 for the empty run)."""
    return max([0.0] + [float(values[a:b].sum()) for a in range(len(values)) for b in range(a + 1, len(values) + 1)])


@given(pages_and_values(SMALL_INTS))
@settings(max_examples=300, deadline=None)
def test_best_run_matches_brute_force(data: tuple[Segments, np.ndarray]) -> None:
    seg, gain = data
    start, end = seg.best_run(gain)
    for i, sl in enumerate(page_slices(seg)):
        # One run per page, the same for each of its rows, inside the page.
        assert start[i] == start[sl.start] and end[i] == end[sl.start]
        assert sl.start <= start[i] <= end[i] <= sl.stop
        best = brute_best_sum(gain[sl])
        assert float(gain[start[i] : end[i]].sum()) == best
        if best <= 0:
            assert start[i] == end[i] == sl.start


@pytest.mark.parametrize("seed", range(5))
def test_best_run_on_random_floats(seed: int) -> None:
    rng = np.random.default_rng(seed)
    sizes = rng.integers(0, 40, size=8).tolist()
    seg = segments(sizes)
    gain = rng.normal(size=sum(sizes)) * rng.choice([0.01, 1.0, 1000.0], size=sum(sizes))
    start, end = seg.best_run(gain)
    for i, sl in enumerate(page_slices(seg)):
        assert sl.start <= start[i] <= end[i] <= sl.stop
        assert gain[start[i] : end[i]].sum() == pytest.approx(brute_best_sum(gain[sl]), rel=1e-9, abs=1e-9)


@given(pages_and_values(st.floats(-1e3, 1e3)))
@settings(max_examples=300, deadline=None)
def test_best_run_compiled_equals_numpy(data: tuple[Segments, np.ndarray]) -> None:
    seg, gain = data
    for got, expected in zip(seg.best_run(gain), seg.best_run(gain, compiled=False), strict=True):
        assert got.dtype == expected.dtype and got.tolist() == expected.tolist()


@pytest.mark.parametrize("seed", range(5))
def test_best_run_compiled_equals_numpy_on_random_floats(seed: int) -> None:
    rng = np.random.default_rng(seed)
    seg = segments(rng.integers(0, 400, size=20).tolist())
    gain = rng.normal(size=len(seg.page)) * rng.choice([0.01, 1.0, 1000.0], size=len(seg.page))
    gain[rng.integers(0, len(gain), size=len(gain) // 10)] = 0.0
    for got, expected in zip(seg.best_run(gain), seg.best_run(gain, compiled=False), strict=True):
        assert got.tolist() == expected.tolist()


def test_best_run_examples() -> None:
    seg = segments([5, 3, 2])
    gain = np.array([-1.0, 2.0, 3.0, -10.0, 4.0, -1.0, -2.0, -3.0, 1.0, 1.0])
    start, end = seg.best_run(gain)
    assert start.tolist() == [1] * 5 + [5] * 3 + [8] * 2
    assert end.tolist() == [3] * 5 + [5] * 3 + [10] * 2


@pytest.mark.skipif(chars._scan is None, reason="the compiled loops are not built")
def test_compiled_means_refuse_rows_outside_their_pages() -> None:
    values = np.ones((1, 3))
    out = np.empty_like(values)
    with pytest.raises(ValueError):
        chars._scan.window_means(values, np.array([0, 0, 0]), np.array([2, 2, 5]), 1, 2, True, out)
    with pytest.raises(ValueError):
        chars._scan.window_means(values, np.array([0, 0, 0]), np.array([0, 0, 0]), 1, 2, True, out)
