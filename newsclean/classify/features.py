"""Cheap per-line features of a page, computed for all its lines at once.

Only non-blank lines get a row. Each feature is a column named in :data:`FEATURE_NAMES`; the model file
records the names it was trained on, so a mismatch is caught at load time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from . import chars as ch
from .chars import word_keys
from .keytable import KeyTable, build_table
from .language import stopword_table, stopwords_by_language
from .phrases import mix, opening_phrases
from .segments import Segments
from .vocab import CREDITS, MONTHS
from .vocab import NAMES as VOCAB_NAMES

# Line features whose neighbourhood averages are features too.
CONTEXT_BASE = ("log_chars", "log_tokens", "stop_ratio", "ends_sentence", "vocab_any", "title_case", "digit_ratio")
WINDOWS = (1, 3, 8)

BASE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_tokens",
    "rel_chars",
    "rel_tokens",
    "indent",
    "alpha_ratio",
    "digit_ratio",
    "punct_ratio",
    "upper_ratio",
    "title_case",
    "stop_ratio",
    "stop_count",
    "sentence_ends",
    "mean_token_len",
    "separators",
    "label_colon",
    "starts_bracket",
    "starts_bullet",
    "starts_upper",
    "starts_digit",
    "starts_quote",
    "ends_sentence",
    "ends_colon",
    "ends_ellipsis",
    "ends_closer",
    "dates",
    "credit_words",
    "repeated",
    "position",
    "rank",
    "block_lines",
    "block_log_chars",
    "block_first",
    "block_last",
    "wrapped_prev",
    "wraps_next",
    "blank_before",
    "vocab_any",
    "vocab_cover",
    *(f"vocab_{name}" for name in VOCAB_NAMES),
    "cjk_ratio",
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


@dataclass(frozen=True, slots=True)
class BatchFeatures:
    """Feature rows of several pages, in page order; ``rows`` are line numbers within each page."""

    rows: np.ndarray
    matrix: np.ndarray
    vocab: np.ndarray
    segments: Segments
    languages: list[str | None]
    n_lines: list[int]  # lines per page

    def page(self, k: int) -> PageFeatures:
        sl = slice(int(self.offsets[k]), int(self.offsets[k + 1]))
        return PageFeatures(self.rows[sl], self.matrix[sl], self.vocab[sl], self.languages[k])

    @property
    def offsets(self) -> list[int]:
        """Row index where each page's rows start, and the row count at the end."""
        return self.segments.offsets


def page_features(text: str, *, language: str | None = None) -> PageFeatures:
    """Features of every non-blank line of one page (``text`` split on ``\\n``)."""
    return batch_features([text], languages=[language]).page(0)


def batch_features(texts: Sequence[str], *, languages: Sequence[str | None] | None = None) -> BatchFeatures:
    """Features of every non-blank line of each page in ``texts`` (each split on ``\\n``), computed in
    one pass over the batch. ``languages`` forces a page's language (``None``: detect it)."""
    n_pages = len(texts)
    # The scan's arrays are views of reused buffers: nothing below keeps one.
    scan = ch.scan_text("\n".join(texts), tables=token_tables(), scratch=True)
    c = scan.chars
    page_first_line = _page_first_lines(texts, c.starts)
    lines_per_page = np.diff(page_first_line)
    lines, first, last = scan.lines, scan.first, scan.last  # batch line number, first and last visible char
    n_rows = len(lines)
    row_page = np.searchsorted(page_first_line, lines, side="right") - 1
    seg = Segments.from_pages(row_page, n_pages)
    out = np.empty((n_rows, len(FEATURE_NAMES)), dtype=np.float32, order="F")  # filled column by column
    if not n_rows:
        empty = np.zeros(0, dtype=np.int64)
        return BatchFeatures(empty, out, empty, seg, [None] * n_pages, lines_per_page.tolist())

    def put(name: str, values: np.ndarray | float) -> None:
        out[:, _COLUMN[name]] = values

    n_chars = (last - first + 1).astype(np.float64)
    alpha, digits, punct, upper, cjk, separators = scan.counts
    sentence_ends = scan.sentence_ends

    t_start, t_end = scan.t_start, scan.t_end
    tokens = scan.tokens
    tok_count = tokens.count
    # Words per line; in scripts without spaces, about one word per two characters.
    n_tok = np.maximum(tok_count, cjk / 2.0)
    seg_first_tok = np.minimum(tokens.first, max(len(t_start) - 1, 0))

    keys = scan.keys
    page_langs, row_stops = stopwords_by_language(tokens.stop_bits, tokens.first, tok_count, row_page, seg.offsets,
                                                  forced=languages)
    stops = row_stops.astype(np.float64)
    title_case = tokens.title.astype(np.float64)
    tok_chars = tokens.chars.astype(np.float64)
    date_words = tokens.dates.astype(np.float64)
    credit_words = tokens.credits.astype(np.float64)

    safe_tok = np.maximum(n_tok, 1.0)
    safe_chars = np.maximum(n_chars, 1.0)
    put("log_chars", np.log1p(n_chars))
    put("log_tokens", np.log1p(n_tok))
    put("rel_chars", n_chars / seg.max(n_chars))
    put("rel_tokens", n_tok / np.maximum(seg.max(n_tok), 1.0))
    put("indent", np.minimum(first - c.starts[lines], 16) / 16.0)
    put("alpha_ratio", alpha / safe_chars)
    put("digit_ratio", digits / safe_chars)
    put("punct_ratio", punct / safe_chars)
    put("upper_ratio", upper / np.maximum(alpha, 1.0))
    put("title_case", title_case / safe_tok)
    put("stop_ratio", stops / safe_tok)
    put("stop_count", np.log1p(stops))
    put("sentence_ends", np.log1p(sentence_ends))
    put("mean_token_len", np.minimum(tok_chars / safe_tok, 20.0) / 10.0)
    put("separators", np.minimum(separators, 5.0) / 5.0)
    put("label_colon", tokens.label_colons > 0)

    first_cp, last_cp = c.cp[first], c.cp[last]
    first_shape, last_shape = ch.shapes(first_cp), ch.shapes(last_cp)
    before_last = np.maximum(last - 1, 0)
    has_before_last = last > first  # the line has a character before its last one
    closer = (last_shape & ch.CLOSER) != 0
    put("starts_bullet", (first_shape & ch.BULLET) != 0)
    put("starts_bracket", (first_shape & ch.BRACKET) != 0)
    put("starts_upper", (c.flags[first] & ch.UPPER) != 0)
    put("starts_digit", (c.flags[first] & ch.DIGIT) != 0)
    put("starts_quote", (first_shape & ch.OPENER) != 0)
    put(
        "ends_sentence",
        ((c.flags[last] & ch.END) != 0) | (closer & has_before_last & ((c.flags[before_last] & ch.END) != 0)),
    )
    put("ends_colon", last_cp == 58)
    put("ends_ellipsis", (last_cp == 0x2026) | ((last_cp == 46) & has_before_last & (c.cp[before_last] == 46)))
    put("ends_closer", closer)
    put("dates", np.minimum(date_words, 3.0) / 3.0)
    put("credit_words", np.minimum(credit_words, 2.0) / 2.0)
    put("repeated", _repeats(tokens.key_sum, row_page, n_chars, first_cp))

    local_line = lines - page_first_line[row_page]
    put("position", local_line / np.maximum(lines_per_page[row_page] - 1, 1))
    put("rank", seg.index / np.maximum(seg.size - 1, 1))
    gap = np.where(seg.index == 0, local_line + 2, np.diff(local_line, prepend=-2))  # page-local
    new_block = (gap > 1) | (seg.index == 0)
    block = np.cumsum(new_block) - 1
    put("block_lines", np.log1p(np.bincount(block)[block]))
    put("block_log_chars", np.log1p(np.bincount(block, weights=n_chars)[block]))
    put("block_first", new_block)
    put("block_last", np.append(new_block[1:], True))
    put("blank_before", np.minimum(gap - 1, 3).clip(0) / 3.0)
    raw_width = (last - c.starts[lines] + 1).astype(np.float64)
    wide = raw_width >= 0.8 * seg.max(raw_width)
    wrapped_prev = np.append(False, wide[:-1] & ~new_block[1:])
    put("wrapped_prev", wrapped_prev)
    put("wraps_next", np.append(wrapped_prev[1:], False))

    vocab, phrase_end = opening_phrases(keys, seg_first_tok, tok_count, t_end)
    put("vocab_any", vocab >= 0)
    put("vocab_cover", np.clip((phrase_end - first) / safe_chars, 0.0, 1.0))
    one_hot = out[:, _VOCAB_COLUMNS]  # the vocab_* columns, side by side
    one_hot[:] = 0.0
    opened = np.flatnonzero(vocab >= 0)
    one_hot[opened, vocab[opened]] = 1.0
    put("cjk_ratio", cjk / safe_chars)
    put("language_known", np.array([lang is not None for lang in page_langs])[row_page])

    base = out[:, _CONTEXT_BASE_COLUMNS].astype(np.float64)
    for w, means in zip(WINDOWS, seg.window_means(base, WINDOWS), strict=True):
        out[:, _WINDOW_COLUMNS[w]] = means
    return BatchFeatures(local_line, out, vocab, seg, page_langs, lines_per_page.tolist())


def _page_first_lines(texts: Sequence[str], line_starts: np.ndarray) -> np.ndarray:
    """The batch line number each page starts at (``texts`` joined by ``"\\n"``), then the line count."""
    if not texts:
        return np.zeros(1, dtype=np.int64)
    page_starts = np.cumsum([0, *(len(t) + 1 for t in texts[:-1])])  # character offsets in the batch
    return np.append(np.searchsorted(line_starts, page_starts), len(line_starts))


_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}
_CONTEXT_BASE_COLUMNS = [_COLUMN[name] for name in CONTEXT_BASE]
_VOCAB_COLUMNS = slice(_COLUMN[f"vocab_{VOCAB_NAMES[0]}"], _COLUMN[f"vocab_{VOCAB_NAMES[-1]}"] + 1)
_WINDOW_COLUMNS = {w: [_COLUMN[f"{name}_w{w}"] for name in CONTEXT_BASE] for w in WINDOWS}


@cache
def credit_table() -> KeyTable:
    """Single words of photo credits and captions, found anywhere in a line ("... (Foto: Getty)")."""
    return build_table(dict.fromkeys(word_keys(tuple(w for w in CREDITS if " " not in w)), 1))


@cache
def month_table() -> KeyTable:
    return build_table(dict.fromkeys(word_keys(MONTHS), 1))


@cache
def token_tables() -> ch.TokenTables:
    """The tables the scan looks every token up in."""
    return ch.TokenTables(stopword_table(), month_table(), credit_table())


def _repeats(key_sum: np.ndarray, row_page: np.ndarray, n_chars: np.ndarray, first_cp: np.ndarray) -> np.ndarray:
    """How often each line's words occur again as a whole line on its page (0, 1/3, 2/3, 1); ``key_sum``: the
    wrapping sum of each line's token keys."""
    signature = key_sum
    for part in (n_chars.astype(np.uint64), first_cp.astype(np.uint64), row_page.astype(np.uint64)):
        signature = mix(signature, part)
    return np.minimum(equal_counts(signature) - 1, 3) / 3.0


def equal_counts(values: np.ndarray, *, compiled: bool = True) -> np.ndarray:
    """How many of ``values`` (uint64) equal each one (itself included): one sort, the runs of equal values
    counted (as ``np.unique(..., return_inverse=True, return_counts=True)`` without the inverse it builds);
    the compiled loop (``_scan.equal_counts``), where built, counts them in a hash table instead."""
    if ch._scan is not None and compiled:
        counts = np.empty(len(values), dtype=np.int64)
        ch._scan.equal_counts(np.ascontiguousarray(values, dtype=np.uint64), counts)
        return counts
    order = np.argsort(values)
    ordered = values[order]
    run_starts = np.flatnonzero(np.diff(ordered, prepend=~ordered[:1]) != 0) if len(values) else order
    run_lengths = np.diff(run_starts, append=len(values))
    counts = np.empty(len(values), dtype=np.int64)
    counts[order] = np.repeat(run_lengths, run_lengths)
    return counts
