"""Cheap per-line features of a page, computed for all its lines at once.

Only non-blank lines get a row. Each feature is a column named in :data:`FEATURE_NAMES`; the model file
records the names it was trained on, so a mismatch is caught at load time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import chars as ch
from .language import detect_language, stopword_bits, stopword_mask
from .vocab import NAMES as VOCAB_NAMES
from .phrases import opening_phrases
from .vocab import date_pattern

# Line features whose neighbourhood averages are features too.
CONTEXT_BASE = ("log_chars", "log_tokens", "stop_ratio", "ends_sentence", "vocab_any", "title_case", "digit_ratio")
WINDOWS = (1, 3, 8)

BASE_NAMES: tuple[str, ...] = (
    "log_chars", "log_tokens", "rel_chars", "rel_tokens", "indent", "alpha_ratio", "digit_ratio",
    "punct_ratio", "upper_ratio", "title_case", "stop_ratio", "stop_count", "sentence_ends",
    "mean_token_len", "pipes", "starts_bullet", "starts_upper", "starts_digit", "starts_quote",
    "ends_sentence", "ends_colon", "ends_ellipsis", "ends_closer", "dates", "repeated",
    "position", "rank", "block_lines", "block_log_chars", "block_first", "block_last", "wrapped_prev",
    "wraps_next", "blank_before", "vocab_any", "vocab_cover", *(f"vocab_{name}" for name in VOCAB_NAMES),
    "language_known",
)
CONTEXT_NAMES: tuple[str, ...] = tuple(f"{name}_w{w}" for name in CONTEXT_BASE for w in WINDOWS)
FEATURE_NAMES: tuple[str, ...] = BASE_NAMES + CONTEXT_NAMES


@dataclass(frozen=True, slots=True)
class PageFeatures:
    """Feature rows for the non-blank lines of a page.

    ``rows`` are the line numbers (0-based) of the non-blank lines; ``matrix`` has one row each, columns in
    :data:`FEATURE_NAMES` order; ``vocab`` is the index in :data:`VOCAB_NAMES` of the vocabulary that
    opened each row's line (-1 for none).
    """

    rows: np.ndarray
    matrix: np.ndarray
    vocab: np.ndarray
    language: str | None

    def column(self, name: str) -> np.ndarray:
        return self.matrix[:, FEATURE_NAMES.index(name)]


def page_features(text: str, lines: Sequence[str], *, language: str | None = None) -> PageFeatures:
    """Features of every non-blank line of ``text`` (whose ``\\n``-split is ``lines``)."""
    c = ch.char_arrays(text)
    n_lines = c.n_lines
    visible = np.flatnonzero(((c.flags & ch.SPACE) == 0) & (c.cp != 10))
    if not len(visible):
        none = np.zeros(0, dtype=np.int64)
        return PageFeatures(none, np.zeros((0, len(FEATURE_NAMES)), np.float32), none, None)
    vis_line = c.line_of[visible]
    change = np.flatnonzero(vis_line[1:] != vis_line[:-1])
    first = visible[np.concatenate(([0], change + 1))]
    last = visible[np.concatenate((change, [len(visible) - 1]))]
    rows = c.line_of[first].astype(np.int64)
    n_rows = len(rows)

    def per_line(index: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(c.line_of[index], weights=weights, minlength=n_lines)[rows].astype(np.float64)

    n_chars = (last - first + 1).astype(np.float64)
    f: dict[str, np.ndarray] = {}
    flags_vis = c.flags[visible]
    alpha = per_line(visible[(flags_vis & ch.ALPHA) != 0])
    digits = per_line(visible[(flags_vis & ch.DIGIT) != 0])
    punct = per_line(visible[(flags_vis & ch.PUNCT) != 0])
    upper = per_line(visible[(flags_vis & ch.UPPER) != 0])

    t_start, t_end = ch.token_bounds(c.flags)
    tok_line = c.line_of[t_start]
    n_tok = np.bincount(tok_line, minlength=n_lines)[rows].astype(np.float64)
    keys = ch.token_keys(c.cp, t_start, t_end)
    bits = stopword_bits(keys)
    lang = language or detect_language(bits)
    stops = np.bincount(tok_line, weights=stopword_mask(bits, lang), minlength=n_lines)[rows]
    title_case = np.bincount(tok_line, weights=(c.flags[t_start] & ch.UPPER) != 0, minlength=n_lines)[rows]
    tok_chars = np.bincount(tok_line, weights=t_end - t_start, minlength=n_lines)[rows]

    ends = (flags_vis & ch.END) != 0
    nxt = np.minimum(visible + 1, len(c.cp) - 1)
    at_end = visible + 1 >= len(c.cp)
    end_idx = visible[ends & (((c.flags[nxt] & ch.SPACE) != 0) | (c.cp[nxt] == 10) | at_end)]
    sentence_ends = per_line(end_idx)
    pipes = per_line(visible[c.cp[visible] == 124])

    safe_tok = np.maximum(n_tok, 1.0)
    safe_chars = np.maximum(n_chars, 1.0)
    f["log_chars"] = np.log1p(n_chars)
    f["log_tokens"] = np.log1p(n_tok)
    f["rel_chars"] = n_chars / n_chars.max()
    f["rel_tokens"] = n_tok / max(n_tok.max(), 1.0)
    f["indent"] = np.minimum(first - c.starts[rows], 16) / 16.0
    f["alpha_ratio"] = alpha / safe_chars
    f["digit_ratio"] = digits / safe_chars
    f["punct_ratio"] = punct / safe_chars
    f["upper_ratio"] = upper / np.maximum(alpha, 1.0)
    f["title_case"] = title_case / safe_tok
    f["stop_ratio"] = stops / safe_tok
    f["stop_count"] = np.log1p(stops)
    f["sentence_ends"] = np.log1p(sentence_ends)
    f["mean_token_len"] = np.minimum(tok_chars / safe_tok, 20.0) / 10.0
    f["pipes"] = np.minimum(pipes, 5.0) / 5.0

    first_cp, last_cp = c.cp[first], c.cp[last]
    prev_cp = c.cp[np.maximum(last - 1, 0)]
    f["starts_bullet"] = np.isin(first_cp, list(ch.BULLETS)).astype(np.float64)
    f["starts_upper"] = ((c.flags[first] & ch.UPPER) != 0).astype(np.float64)
    f["starts_digit"] = ((c.flags[first] & ch.DIGIT) != 0).astype(np.float64)
    f["starts_quote"] = np.isin(first_cp, list(ch.OPENERS)).astype(np.float64)
    closer = np.isin(last_cp, list(ch.CLOSERS))
    f["ends_sentence"] = (((c.flags[last] & ch.END) != 0) | (closer & ((c.flags[np.maximum(last - 1, 0)] & ch.END) != 0))).astype(
        np.float64
    )
    f["ends_colon"] = (last_cp == ord(":")).astype(np.float64)
    f["ends_ellipsis"] = ((last_cp == 0x2026) | ((last_cp == 46) & (prev_cp == 46))).astype(np.float64)
    f["ends_closer"] = closer.astype(np.float64)

    f["dates"] = np.minimum(_date_hits(lines, rows[(digits >= 2) & (n_chars <= MAX_DATE_LINE)], rows), 3.0) / 3.0
    f["repeated"] = _repeats(lines, rows)

    f["position"] = rows / max(n_lines - 1, 1)
    f["rank"] = np.arange(n_rows) / max(n_rows - 1, 1)
    gap = np.diff(rows, prepend=-2)
    new_block = gap > 1
    block = np.cumsum(new_block) - 1
    block_lines = np.bincount(block)
    block_chars = np.bincount(block, weights=n_chars)
    f["block_lines"] = np.log1p(block_lines[block])
    f["block_log_chars"] = np.log1p(block_chars[block])
    f["block_first"] = new_block.astype(np.float64)
    f["block_last"] = np.append(new_block[1:], True).astype(np.float64)
    f["blank_before"] = np.minimum(gap - 1, 3).clip(0) / 3.0
    raw_width = (last - c.starts[rows] + 1).astype(np.float64)
    wide = raw_width >= 0.8 * raw_width.max()
    wrapped_prev = np.append(False, wide[:-1] & ~new_block[1:])
    f["wrapped_prev"] = wrapped_prev.astype(np.float64)
    f["wraps_next"] = np.append(wrapped_prev[1:], False).astype(np.float64)

    vocab, phrase_end = opening_phrases(keys, tok_line, t_end, rows)
    f["vocab_any"] = (vocab >= 0).astype(np.float64)
    f["vocab_cover"] = np.clip((phrase_end - first) / safe_chars, 0.0, 1.0)
    for code, name in enumerate(VOCAB_NAMES):
        f[f"vocab_{name}"] = (vocab == code).astype(np.float64)
    f["language_known"] = np.full(n_rows, 1.0 if lang else 0.0)

    base = np.column_stack([f[name] for name in CONTEXT_BASE])
    for w in WINDOWS:
        means = window_mean(base, w)
        for k, name in enumerate(CONTEXT_BASE):
            f[f"{name}_w{w}"] = means[:, k]
    matrix = np.column_stack([f[name] for name in FEATURE_NAMES]).astype(np.float32)
    return PageFeatures(rows, matrix, vocab, lang)


def window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of ``values`` (rows, or rows x columns) over the ``radius`` rows on each side, the row
    itself left out."""
    n = len(values)
    csum = np.concatenate((np.zeros((1, *values.shape[1:])), np.cumsum(values, axis=0)))
    idx = np.arange(n)
    lo = np.maximum(idx - radius, 0)
    hi = np.minimum(idx + radius + 1, n)
    count = (hi - lo - 1).astype(np.float64)
    if values.ndim > 1:
        count = count[:, None]
    total = csum[hi] - csum[lo] - values
    return np.divide(total, count, out=np.zeros(values.shape), where=count > 0)


MAX_DATE_LINE = 300  # longer lines are prose; their dates are not metadata


def _date_hits(lines: Sequence[str], candidates: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Dates found in the ``candidates`` lines (a subset of ``rows``), one count per row."""
    pattern = date_pattern()
    hits = np.zeros(len(rows))
    if len(candidates):
        counts = [len(pattern.findall(lines[r])) for r in candidates.tolist()]
        hits[np.searchsorted(rows, candidates)] = counts
    return hits


def _repeats(lines: Sequence[str], rows: np.ndarray) -> np.ndarray:
    stripped = [lines[r].strip() for r in rows.tolist()]
    counts = Counter(stripped)
    return np.array([min(counts[s] - 1, 3) / 3.0 for s in stripped])
