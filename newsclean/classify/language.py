"""Stop-word lookup over token keys, and the page language that has the most stop words."""

from __future__ import annotations

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


def detect_language(bits: np.ndarray) -> str | None:
    """The language whose stop words are most frequent among the tokens, if clearly present."""
    if not len(bits):
        return None
    counts = [int(np.count_nonzero(bits & (1 << b))) for b in range(len(LANGUAGES))]
    best = max(range(len(counts)), key=counts.__getitem__)
    if counts[best] < MIN_STOPWORDS or counts[best] < MIN_SHARE * len(bits):
        return None
    return LANGUAGES[best]


def stopword_mask(bits: np.ndarray, language: str | None) -> np.ndarray:
    """Tokens that are stop words of ``language`` (of any known language when it is ``None``/unknown)."""
    if language in LANGUAGES:
        return (bits & (1 << LANGUAGES.index(language))) != 0
    return bits != 0
