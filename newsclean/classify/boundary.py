"""The boundary pass: where a page's article starts and ends, predicted once per page.

Most of what the line scores get wrong is not inside the article but at its edges: a teaser list kept
after the last paragraph, a standfirst lost before the first, or the whole article lost when another
block wins. Two small models score every line as the article's first line (``start``) and as its last
(``end``) from the stage-one scores on each side of it, its distance from the headline-like line above
the likely article region (the anchor) and the body mass before and after it. The page's most likely
span (the best start and end, in that order) is where the article is taken to be: lines inside it that
the line scores left just below the threshold are kept (:mod:`.rules`).

Everything is computed over a batch of pages at once; no value crosses a page boundary.
"""

from __future__ import annotations

import numpy as np

from . import chars as ch  # ch._scan: the optional compiled loops, None where not built
from .context import Region, feature_rows, score_region
from .features import FEATURE_NAMES
from .segments import Segments

SIDE_WINDOWS = (1, 3, 8)
ANCHOR_REACH = 20  # rows above the likely article region that may hold its headline
CARRIED = (
    "log_tokens",
    "ends_sentence",
    "block_first",
    "block_last",
    "blank_before",
    "vocab_any",
    "position",
    "rank",
    "dates",
    "repeated",
    "starts_bullet",
    "stop_ratio",
    "title_case",
    "label_colon",
    "credit_words",
    "ends_colon",
    "ends_ellipsis",
)
BOUNDARY_FEATURE_NAMES: tuple[str, ...] = (
    "p",
    "logit",
    *(f"p_before{w}" for w in SIDE_WINDOWS),
    *(f"p_after{w}" for w in SIDE_WINDOWS),
    "mass_before",
    "mass_after",
    "region_start",
    "region_end",
    "in_region",
    "to_region_start",
    "to_region_end",
    "wide_start",
    "wide_end",
    "headline_like",
    "anchor_found",
    "to_anchor",
    "is_anchor",
    "below_anchor",
    *CARRIED,
)

_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}
_CARRIED_INDEX = [_COLUMN[name] for name in CARRIED]
_MIN_HEADLINE_WORDS, _MAX_HEADLINE_WORDS = 3, 25


def _signed_log(x: np.ndarray) -> np.ndarray:
    return np.sign(x) * np.log1p(np.abs(x))


def headline_like(base: np.ndarray) -> np.ndarray:
    """Rows shaped like a headline: a few words, no sentence end, no bullet, label or vocabulary opening,
    mostly capitalised words or an upper-case start."""
    tokens = np.expm1(base[:, _COLUMN["log_tokens"]])
    return (
        (tokens >= _MIN_HEADLINE_WORDS)
        & (tokens <= _MAX_HEADLINE_WORDS)
        & (base[:, _COLUMN["ends_sentence"]] == 0)
        & (base[:, _COLUMN["ends_colon"]] == 0)
        & (base[:, _COLUMN["ends_ellipsis"]] == 0)
        & (base[:, _COLUMN["vocab_any"]] == 0)
        & (base[:, _COLUMN["starts_bullet"]] == 0)
        & (base[:, _COLUMN["label_colon"]] == 0)
        & (base[:, _COLUMN["starts_upper"]] > 0)
        & (base[:, _COLUMN["dates"]] == 0)
    )


def _anchor(head: np.ndarray, region_start: np.ndarray, seg: Segments) -> np.ndarray:
    """Per row: its page's anchor row (batch index), the last headline-like row at most
    :data:`ANCHOR_REACH` rows above the region start (or the region's first row), -1 when there is none."""
    idx = np.arange(len(head))
    last_head = np.maximum.accumulate(np.where(head, idx, -1))  # latest headline-like row at or before
    probe = np.minimum(region_start, seg.end - 1)
    found = last_head[probe]
    ok = (found >= seg.start) & (found >= probe - ANCHOR_REACH)
    return np.where(ok, found, -1)


def boundary_features(logit: np.ndarray, base: np.ndarray, seg: Segments, region: Region | None = None) -> np.ndarray:
    """Rows for the start and end models from stage-one logits and the stage-one feature matrix (``region``:
    their :class:`~.context.Region`, when the caller has it)."""
    r = region if region is not None else score_region(logit, base, seg)
    p, start, end = r.p, r.start, r.end
    n = len(p)
    idx = np.arange(n)
    head = headline_like(base)
    anchor = _anchor(head, start, seg)
    found = anchor >= 0
    to_anchor = np.where(found, idx - anchor, 0)
    sides = seg.side_means(p, SIDE_WINDOWS)
    cols = [
        p,
        np.clip(logit, -10, 10),
        *(b for b, _ in sides),
        *(a for _, a in sides),
        r.before,
        r.after,
        idx == start,
        idx == end - 1,
        (idx >= start) & (idx < end),
        _signed_log(idx - start),
        _signed_log(idx - (end - 1)),
        idx == r.wide_start,
        idx == r.wide_end - 1,
        head,
        found,
        _signed_log(to_anchor),
        found & (to_anchor == 0),
        found & (to_anchor > 0),
    ]
    return feature_rows(cols, base, _CARRIED_INDEX)


def article_span(start_logit: np.ndarray, end_logit: np.ndarray, seg: Segments, *, compiled: bool = True
                 ) -> np.ndarray:
    """Per row, whether it lies in its page's most likely article span: the start and end rows (the start
    not after the end) with the largest sum of start and end logits (the compiled loop ``_scan.article_span``,
    where built, finds the same spans)."""
    n = len(start_logit)
    if not n:
        return np.zeros(0, dtype=bool)
    idx = np.arange(n)
    # The best start at or before each row: a running maximum that restarts at each page, whose logits are
    # lifted far above the previous page's.
    start = start_logit.astype(np.float64)
    big = (float(np.abs(start).max()) + 1.0) * 2.0
    if ch._scan is not None and compiled:
        in_span = np.empty(n, dtype=bool)
        ch._scan.article_span(start, end_logit.astype(np.float64), np.ascontiguousarray(seg.page, dtype=np.int64), big,
                              in_span.view(np.uint8))
        return in_span
    lifted = start + big * seg.page
    running = np.maximum.accumulate(lifted)
    is_new_max = np.concatenate(([True], lifted[1:] > running[:-1]))
    best_start = np.maximum.accumulate(np.where(is_new_max, idx, 0))
    value = start[best_start] + end_logit
    ends = np.flatnonzero(value == seg.max(value))
    span_end = ends[np.searchsorted(ends, seg.start)]  # the first row of each page where the best is reached
    return (idx >= best_start[span_end]) & (idx <= span_end)
