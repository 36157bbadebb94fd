"""The context pass: features of a line's neighbourhood in stage-one scores.

A short line inside the article sits among confident body lines; a long line in a footer or teaser list
sits among boilerplate. Stage two sees, for each line, the stage-one scores around it at several widths,
the content mass before and after it, and whether it falls inside the page's best-scoring run of lines
(the maximum-sum segment of ``score - 0.5`` weighted by length: the likely article region).
"""

from __future__ import annotations

import numpy as np

from .features import FEATURE_NAMES, window_mean

SCORE_WINDOWS = (1, 2, 4, 8, 16)
CARRIED = ("log_chars", "log_tokens", "vocab_any", "position", "block_first", "ends_sentence", "stop_ratio",
           "repeated", "ends_ellipsis", "title_case")
CONTEXT_FEATURE_NAMES: tuple[str, ...] = (
    "p", "logit", *(f"p_w{w}" for w in SCORE_WINDOWS), "max_prev3", "max_next3", "mass_before", "mass_after",
    "in_region", "region_distance", "region_start", "region_end", *CARRIED,
)
_CARRIED_INDEX = [FEATURE_NAMES.index(name) for name in CARRIED]


def best_segment(gain: np.ndarray) -> tuple[int, int]:
    """``(start, end)`` (end exclusive) of the contiguous run with the largest sum of ``gain``."""
    if not len(gain):
        return 0, 0
    csum = np.concatenate(([0.0], np.cumsum(gain)))
    low_idx = _running_argmin(csum)
    value = csum[1:] - csum[low_idx[:-1]]
    end = int(np.argmax(value)) + 1
    start = int(low_idx[end - 1])
    if value[end - 1] <= 0:
        return 0, 0
    return start, end


def _running_argmin(values: np.ndarray) -> np.ndarray:
    """For each i, the index of the minimum of ``values[: i + 1]`` (first one on ties)."""
    running = np.minimum.accumulate(values)
    is_new_min = np.concatenate(([True], values[1:] < running[:-1]))
    idx = np.where(is_new_min, np.arange(len(values)), 0)
    return np.maximum.accumulate(idx)


def context_features(logit: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Stage-two feature rows from stage-one logits and the stage-one feature matrix."""
    n = len(logit)
    p = 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))
    tokens = np.expm1(base[:, FEATURE_NAMES.index("log_tokens")]).clip(0)
    mass = p * tokens
    total = max(float(mass.sum()), 1e-9)
    before = (np.cumsum(mass) - mass) / total
    after = 1.0 - before - mass / total
    start, end = best_segment((p - 0.5) * np.log1p(tokens + 1))
    idx = np.arange(n)
    in_region = (idx >= start) & (idx < end)
    distance = np.where(idx < start, start - idx, np.where(idx >= end, idx - end + 1, 0))
    cols = [p, np.clip(logit, -10, 10)]
    cols += [window_mean(p, w) for w in SCORE_WINDOWS]
    cols += [_shifted_max(p, 3, before=True), _shifted_max(p, 3, before=False)]
    cols += [before, after, in_region.astype(np.float64), np.log1p(distance)]
    cols += [(idx == start).astype(np.float64), (idx == end - 1).astype(np.float64)]
    cols += [base[:, i] for i in _CARRIED_INDEX]
    return np.column_stack(cols).astype(np.float32)


def _shifted_max(p: np.ndarray, k: int, *, before: bool) -> np.ndarray:
    out = np.zeros(len(p))
    for shift in range(1, k + 1):
        if shift >= len(p):
            break
        if before:
            out[shift:] = np.maximum(out[shift:], p[:-shift])
        else:
            out[:-shift] = np.maximum(out[:-shift], p[shift:])
    return out
