"""Stop-word lookup over token keys, and the page language that has the most stop words."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from . import chars as ch  # ch._scan: the optional compiled loops, None where not built
from .chars import sum_per_row, word_keys
from .keytable import KeyTable, build_table
from .stopwords import LANGUAGES, STOPWORDS

MIN_STOPWORDS = 5  # fewer hits than this on a page: language unknown
MIN_SHARE = 0.04  # nor when stop words are under this share of its tokens


@cache
def stopword_table() -> KeyTable:
    """Token key -> bit set of the languages it is a stop word in."""
    by_key: dict[int, int] = {}
    for bit, lang in enumerate(LANGUAGES):
        for key in word_keys(STOPWORDS[lang]):
            by_key[key] = by_key.get(key, 0) | (1 << bit)
    return build_table(by_key, dtype=np.uint16)


def stopword_bits(keys: np.ndarray) -> np.ndarray:
    """For each token key, the bit set of languages it is a stop word in (0 for none)."""
    return stopword_table().lookup(keys).astype(np.uint16)


@cache
def _language_of_set() -> np.ndarray:
    """Per bit set of :func:`stopword_bits`, 1 for each language in it (bit sets x languages, int64)."""
    sets = np.arange(1 << len(LANGUAGES))
    return ((sets[:, None] >> np.arange(len(LANGUAGES))) & 1).astype(np.int64)


def detect_languages(
    bits: np.ndarray, tok_page: np.ndarray, n_pages: int, *, forced: Sequence[str | None] | None = None
) -> list[str | None]:
    """Per page, the language whose stop words are most frequent among its tokens, if clearly present
    (``forced[k]``, when given, wins for page k)."""
    bounds = np.searchsorted(tok_page, np.arange(n_pages + 1))
    tokens = np.diff(bounds)
    # Tokens counted per page and bit set in one bincount, then per language through the 0/1 matrix of
    # which bit sets hold it: exact integer sums.
    n_sets = 1 << len(LANGUAGES)
    per_set = np.bincount(tok_page * n_sets + bits, minlength=n_pages * n_sets)
    counts = per_set[: n_pages * n_sets].reshape(n_pages, n_sets) @ _language_of_set()
    return _clear_languages(counts, tokens, forced)


def _clear_languages(counts: np.ndarray, tokens: np.ndarray, forced: Sequence[str | None] | None
                     ) -> list[str | None]:
    """Per page, from its stop words per language (``counts``, pages x languages) and its ``tokens``: the
    language with the most, if clearly present (``forced[k]``, when given, wins for page k)."""
    best = counts.argmax(axis=1)
    top = counts[np.arange(len(counts)), best]
    clear = (top >= MIN_STOPWORDS) & (top >= MIN_SHARE * tokens)
    found = [LANGUAGES[b] if ok else None for b, ok in zip(best.tolist(), clear.tolist(), strict=True)]
    if forced is not None:
        found = [f or lang for f, lang in zip(forced, found, strict=True)]
    return found


def stopwords_by_language(
    bits: np.ndarray,
    first_tok: np.ndarray,
    tok_count: np.ndarray,
    row_page: np.ndarray,
    offsets: Sequence[int],
    *,
    forced: Sequence[str | None] | None = None,
    compiled: bool = True,
) -> tuple[list[str | None], np.ndarray]:
    """Each page's language (:func:`detect_languages`) and each row's stop words in it (:func:`stopword_mask`,
    summed per row), from the tokens' stop-word bit sets and the rows' first tokens and token counts;
    ``offsets``: the row where each page starts, then the row count. The compiled loops (``_scan``), where
    built, count the same without an array of the page of every token."""
    n_pages = len(offsets) - 1
    if ch._scan is None or not compiled:
        tok_page = np.repeat(row_page, tok_count)
        languages = detect_languages(bits, tok_page, n_pages, forced=forced)
        return languages, sum_per_row(stopword_mask(bits, languages, tok_page), first_tok, tok_count > 0)
    tok_bounds = np.concatenate(([0], np.cumsum(tok_count, dtype=np.int64)))[np.asarray(offsets)]
    counts = np.zeros((n_pages, len(LANGUAGES)), dtype=np.int64)
    bits = np.ascontiguousarray(bits, dtype=np.uint16)
    ch._scan.language_counts(bits, tok_bounds, counts)
    languages = _clear_languages(counts, np.diff(tok_bounds), forced)
    stops = np.empty(len(row_page), dtype=np.int64)
    ch._scan.row_stopwords(bits, np.ascontiguousarray(first_tok, dtype=np.int64),
                           np.ascontiguousarray(tok_count, dtype=np.int64), _page_bits(languages)[row_page], stops)
    return languages, stops


def _page_bits(languages: Sequence[str | None]) -> np.ndarray:
    """Per page, the stop-word bits of its language (all bits when it is unknown)."""
    return np.array([1 << LANGUAGES.index(lang) if lang in LANGUAGES else 0xFFFF for lang in languages],
                    dtype=np.uint16)


def stopword_mask(bits: np.ndarray, languages: Sequence[str | None], tok_page: np.ndarray) -> np.ndarray:
    """Tokens that are stop words of their page's language (of any known language when it is unknown)."""
    return (bits & _page_bits(languages)[tok_page]) != 0
