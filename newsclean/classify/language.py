"""Stop-word lookup over token keys, and the page language that has the most stop words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from .chars import char_arrays, token_bounds, token_keys
from .stopwords import LANGUAGES, STOPWORDS

MIN_STOPWORDS = 5  # fewer hits than this on a page: language unknown
MIN_SHARE = 0.04  # nor when stop words are under this share of its tokens


@dataclass(frozen=True, slots=True)
class StopwordIndex:
    keys: np.ndarray  # sorted unique token keys of all stop words
    bits: np.ndarray  # for each key, one bit per language in LANGUAGES


@cache
def stopword_index() -> StopwordIndex:
    by_key: dict[int, int] = {}
    for bit, lang in enumerate(LANGUAGES):
        text = " ".join(STOPWORDS[lang])
        chars = char_arrays(text)
        starts, ends = token_bounds(chars.flags)
        for key in token_keys(chars.cp, starts, ends).tolist():
            by_key[key] = by_key.get(key, 0) | (1 << bit)
    keys = np.array(sorted(by_key), dtype=np.uint64)
    bits = np.array([by_key[k] for k in keys.tolist()], dtype=np.uint16)
    return StopwordIndex(keys, bits)


def stopword_bits(keys: np.ndarray) -> np.ndarray:
    """For each token key, the bit set of languages it is a stop word in (0 for none)."""
    index = stopword_index()
    if not len(keys):
        return np.zeros(0, dtype=np.uint16)
    pos = np.minimum(np.searchsorted(index.keys, keys), len(index.keys) - 1)
    return np.where(index.keys[pos] == keys, index.bits[pos], 0).astype(np.uint16)


def detect_languages(
    bits: np.ndarray, tok_page: np.ndarray, n_pages: int, *, forced: Sequence[str | None] | None = None
) -> list[str | None]:
    """Per page, the language whose stop words are most frequent among its tokens, if clearly present
    (``forced[k]``, when given, wins for page k)."""
    counts = np.zeros((n_pages, len(LANGUAGES)))
    for b in range(len(LANGUAGES)):
        counts[:, b] = np.bincount(tok_page, weights=(bits & (1 << b)) != 0, minlength=n_pages)
    tokens = np.bincount(tok_page, minlength=n_pages)
    best = counts.argmax(axis=1)
    top = counts[np.arange(n_pages), best]
    clear = (top >= MIN_STOPWORDS) & (top >= MIN_SHARE * tokens)
    found = [LANGUAGES[b] if ok else None for b, ok in zip(best.tolist(), clear.tolist(), strict=True)]
    if forced is not None:
        found = [f or lang for f, lang in zip(forced, found, strict=True)]
    return found


def stopword_mask(bits: np.ndarray, languages: Sequence[str | None], tok_page: np.ndarray) -> np.ndarray:
    """Tokens that are stop words of their page's language (of any known language when it is unknown)."""
    page_bits = np.array([1 << LANGUAGES.index(lang) if lang in LANGUAGES else 0xFFFF for lang in languages],
                         dtype=np.uint16)
    return (bits & page_bits[tok_page]) != 0
