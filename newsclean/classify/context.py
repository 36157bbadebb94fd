"""The context pass: features of a line's neighbourhood in stage-one scores.

A short line inside the article sits among confident body lines; a long line in a footer or teaser list
sits among boilerplate. Stage two sees, for each line, the stage-one scores around it at several widths,
the content mass before and after it, and whether it falls inside the page's best-scoring run of lines
(the maximum-sum run of ``score - 0.5`` weighted by length: the likely article region).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import FEATURE_NAMES
from .segments import Segments

SCORE_WINDOWS = (1, 2, 4, 8, 16)
CARRIED = ("log_chars", "log_tokens", "vocab_any", "position", "block_first", "ends_sentence", "stop_ratio",
           "repeated", "ends_ellipsis", "title_case")
CONTEXT_FEATURE_NAMES: tuple[str, ...] = (
    "p", "logit", *(f"p_w{w}" for w in SCORE_WINDOWS), "max_prev3", "max_next3", "mass_before", "mass_after",
    "in_region", "region_distance", "region_start", "region_end", "in_wide_region", "block_mean_p", "block_max_p",
    "page_rel_p", "page_mean_p", *CARRIED,
)
_CARRIED_INDEX = [FEATURE_NAMES.index(name) for name in CARRIED]
_LOG_TOKENS = FEATURE_NAMES.index("log_tokens")
_BLOCK_FIRST = FEATURE_NAMES.index("block_first")


@dataclass(frozen=True, slots=True)
class Region:
    """What the context pass and the boundary pass (:mod:`.boundary`) both read off the stage-one scores:
    per row its body probability ``p``, its word count, the page's share of body mass (``p`` x words)
    before and after it, and the bounds (batch rows, end exclusive) of its page's best run of lines at 0.5
    and of the wider one at 0.25."""

    p: np.ndarray
    tokens: np.ndarray
    before: np.ndarray
    after: np.ndarray
    start: np.ndarray
    end: np.ndarray
    wide_start: np.ndarray
    wide_end: np.ndarray


def score_region(logit: np.ndarray, base: np.ndarray, seg: Segments) -> Region:
    """The :class:`Region` of stage-one ``logit`` over rows with the stage-one feature matrix ``base``."""
    p = 1.0 / (1.0 + np.exp(-np.clip(logit.astype(np.float64), -30, 30)))
    tokens = np.expm1(base[:, _LOG_TOKENS].astype(np.float64)).clip(0)
    mass = p * tokens
    total = np.maximum(seg.sum(mass), 1e-9)
    before = seg.cumsum_before(mass) / total
    after = 1.0 - before - mass / total
    weight = np.log1p(tokens + 1)
    start, end = seg.best_run((p - 0.5) * weight)
    wide_start, wide_end = seg.best_run((p - 0.25) * weight)
    return Region(p, tokens, before, after, start, end, wide_start, wide_end)


def context_features(logit: np.ndarray, base: np.ndarray, seg: Segments, region: Region | None = None) -> np.ndarray:
    """Stage-two feature rows from stage-one logits and the stage-one feature matrix (``region``: their
    :class:`Region`, when the caller has it)."""
    r = region if region is not None else score_region(logit, base, seg)
    p, tokens, start, end = r.p, r.tokens, r.start, r.end
    idx = np.arange(len(p))
    in_region = (idx >= start) & (idx < end)
    distance = np.where(idx < start, start - idx, np.where(idx >= end, idx - end + 1, 0))
    cols = [p, np.clip(logit, -10, 10)]
    cols += [means[:, 0] for means in seg.window_means(p[:, None], SCORE_WINDOWS)]
    cols += [seg.shifted_max(p, 3, before=True), seg.shifted_max(p, 3, before=False)]
    cols += [r.before, r.after, in_region, np.log1p(distance), idx == start, idx == end - 1]
    cols += [(idx >= r.wide_start) & (idx < r.wide_end)]
    block = np.cumsum(base[:, _BLOCK_FIRST] > 0) - 1
    block_rows = np.bincount(block)
    cols += [(np.bincount(block, weights=p) / block_rows)[block]]
    block_max = np.zeros(len(block_rows))
    np.maximum.at(block_max, block, p)
    cols += [block_max[block], p / np.maximum(seg.max(p), 1e-6), seg.sum(p * tokens) / np.maximum(seg.sum(tokens), 1.0)]
    return feature_rows(cols, base, _CARRIED_INDEX)


def feature_rows(cols: list[np.ndarray], base: np.ndarray, carried: list[int]) -> np.ndarray:
    """A float32 feature matrix (rows x columns, C order): ``cols`` (one array per column) followed by the
    ``carried`` columns of ``base``. Each column is written whole into the transpose, which is then copied
    once: writing the columns of the row-major matrix one by one would pass over all its rows once per
    column."""
    columns = np.empty((len(cols) + len(carried), len(base)), dtype=np.float32)
    for k, col in enumerate(cols):
        columns[k] = col
    for k, column in enumerate(carried, start=len(cols)):
        columns[k] = base[:, column]
    return np.ascontiguousarray(columns.T)
