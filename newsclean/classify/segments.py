"""Rows of several pages in one array: per-page maxima, windows and sums that never cross a page.

A batch of pages is classified with one pass of numpy calls instead of one pass per page; every
neighbourhood feature must then stop at page boundaries. :class:`Segments` holds, for each row, where
its page's rows start and end, and the helpers here use that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import chars as ch  # ch._scan: the optional compiled loops, None where not built


@dataclass(frozen=True, slots=True)
class Segments:
    """Rows grouped by page: ``page[i]`` is row i's page; its page's rows are ``start[i]:end[i]``."""

    page: np.ndarray
    start: np.ndarray
    end: np.ndarray
    bounds: np.ndarray  # row index where each page with rows begins, plus the total at the end
    n_pages: int
    offsets: list[int]  # row index where each page's rows begin (pages without rows included), then the total

    @classmethod
    def from_pages(cls, page: np.ndarray, n_pages: int) -> Segments:
        """``page`` must be sorted (rows of page 0 first)."""
        counts = np.bincount(page, minlength=n_pages)
        offsets = np.concatenate(([0], np.cumsum(counts)))
        bounds = offsets[np.flatnonzero(np.diff(offsets, prepend=-1))]  # without repeats (pages without rows)
        return cls(page, offsets[page], offsets[page + 1], bounds, n_pages, offsets.tolist())

    @property
    def size(self) -> np.ndarray:
        return self.end - self.start

    @property
    def index(self) -> np.ndarray:
        """Each row's position within its page."""
        return np.arange(len(self.page)) - self.start

    def max(self, values: np.ndarray) -> np.ndarray:
        """Each row's page maximum of ``values``."""
        if not len(values):
            return values
        per_segment = np.maximum.reduceat(values, self.bounds[:-1])
        return np.repeat(per_segment, np.diff(self.bounds))

    def sum(self, values: np.ndarray) -> np.ndarray:
        """Each row's page total of ``values``."""
        if not len(values):
            return values
        per_segment = np.add.reduceat(values, self.bounds[:-1])
        return np.repeat(per_segment, np.diff(self.bounds))

    def cumsum_before(self, values: np.ndarray) -> np.ndarray:
        """Sum of ``values`` over the earlier rows of the same page."""
        csum = np.concatenate(([0.0], np.cumsum(values)))
        return csum[:-1] - csum[self.start]

    def window_means(self, values: np.ndarray, radii: Sequence[int], *, compiled: bool = True) -> list[np.ndarray]:
        """For each radius, the mean of each column of the rows x columns ``values`` over up to ``radius``
        rows on each side within the page, the row itself left out (0 where it has no neighbour). One
        running sum serves all radii; the rows at a distance are taken from it as slices (gathered only for
        the rows whose window a page end cuts). The compiled loop (``_scan.window_means``), where built, gives
        the same numbers in one pass per column and radius."""
        if ch._scan is not None and compiled and values.dtype == np.float64:
            return [_compiled_means(values, self.start, self.end, r, r + 1, True) for r in radii]
        n, n_cols = values.shape
        csum = np.zeros((n + 1, n_cols), order="F")
        np.cumsum(values, axis=0, out=csum[1:])
        idx = np.arange(n)
        means = []
        for radius in radii:
            lo = np.maximum(idx - radius, self.start)
            hi = np.minimum(idx + radius + 1, self.end)
            total = np.empty((n, n_cols), order="F")
            whole = n - 2 * radius  # rows radius .. n - radius - 1 may have their whole window
            if whole > 0:
                np.subtract(csum[2 * radius + 1 :], csum[:whole], out=total[radius : n - radius])
            cut = np.flatnonzero((hi != idx + radius + 1) | (lo != idx - radius))  # all other rows among them
            total[cut] = csum[hi[cut]] - csum[lo[cut]]
            total -= values
            count = hi - lo - 1
            total /= np.maximum(count, 1).astype(np.float64)[:, None]
            total[count == 0] = 0.0  # no neighbour
            means.append(total)
        return means

    def side_means(self, values: np.ndarray, widths: Sequence[int], *, compiled: bool = True
                   ) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each of ``widths``: the mean of ``values`` over up to that many rows before each row (the row
        left out) and over the row and up to that many less one after it, within the page (0 where there is
        no such row). One running sum serves every width (or the compiled loop, where built)."""
        if ch._scan is not None and compiled and values.dtype == np.float64:
            column = values[:, None]
            return [(_compiled_means(column, self.start, self.end, width, 0, False)[:, 0],
                     _compiled_means(column, self.start, self.end, 0, width, False)[:, 0]) for width in widths]
        csum = np.concatenate(([0.0], np.cumsum(values)))
        idx = np.arange(len(values))
        here = csum[:-1]  # csum[idx]
        sides = []
        for width in widths:
            lo = np.maximum(idx - width, self.start)
            hi = np.minimum(idx + width, self.end)
            before = np.divide(here - csum[lo], idx - lo, out=np.zeros(len(values)), where=idx > lo)
            after = (csum[hi] - here) / (hi - idx)
            sides.append((before, after))
        return sides

    def shifted_max(self, values: np.ndarray, k: int, *, before: bool) -> np.ndarray:
        """Maximum of ``values`` over the ``k`` rows before (or after) each row, within the page."""
        out = np.zeros(len(values))
        for shift in range(1, k + 1):
            if shift >= len(values):
                break
            if before:
                same = self.page[shift:] == self.page[:-shift]
                out[shift:] = np.maximum(out[shift:], np.where(same, values[:-shift], 0.0))
            else:
                same = self.page[:-shift] == self.page[shift:]
                out[:-shift] = np.maximum(out[:-shift], np.where(same, values[shift:], 0.0))
        return out

    def best_run(self, gain: np.ndarray, *, compiled: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Per row: the start and end (exclusive, batch row indices) of its page's contiguous run of rows
        with the largest sum of ``gain`` (an empty run at the page start when every sum is negative). The
        compiled loop (``_scan.best_run``), where built, finds the same runs row by row."""
        n = len(gain)
        if not n:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        # The best run ending at row i starts at the lowest prefix sum from its page start to i. Each page's
        # prefix sums are pushed far below the previous page's, so a running minimum never looks back.
        big = (float(np.abs(gain).sum()) + 1.0) * 2.0
        if ch._scan is not None and compiled and gain.dtype == np.float64:
            run_start, run_end = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
            ch._scan.best_run(np.ascontiguousarray(gain, dtype=np.float64),
                              np.ascontiguousarray(self.page, dtype=np.int64), big, run_start, run_end)
            return run_start, run_end
        csum = np.concatenate(([0.0], np.cumsum(gain)))
        shifted = csum[:n] - big * self.page
        running = np.minimum.accumulate(shifted)
        is_new_min = np.concatenate(([True], shifted[1:] < running[:-1]))
        low = np.maximum.accumulate(np.where(is_new_min, np.arange(n), 0))
        value = csum[1:] - csum[low]
        # The first row of each page where the best value is reached (the sums are finite).
        best_rows = np.flatnonzero(value == self.max(value))
        best = best_rows[np.searchsorted(best_rows, self.start)]
        positive = value[best] > 0
        return np.where(positive, low[best], self.start), np.where(positive, best + 1, self.start)


def _compiled_means(values: np.ndarray, start: np.ndarray, end: np.ndarray, before: int, after: int,
                    leave_out: bool) -> np.ndarray:
    """Per row i and column, the mean of ``values`` (rows x columns, float64) over the rows from
    ``max(i - before, start[i])`` to ``min(i + after, end[i])`` (exclusive), row i left out when ``leave_out``
    (0 where no row is left), by the compiled loop; columns are passed as rows of the transpose."""
    columns = np.ascontiguousarray(values.T)
    out = np.empty_like(columns)
    bounds = (np.ascontiguousarray(start, dtype=np.int64), np.ascontiguousarray(end, dtype=np.int64))
    ch._scan.window_means(columns, *bounds, before, after, leave_out, out)
    return out.T
