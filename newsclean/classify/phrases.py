"""Which vocabulary (if any) opens each line, by looking up the keys of its first words.

Phrases of one to three words are turned into 64-bit keys once (see :func:`.chars.token_keys`); a line's
first one, two and three words are keyed the same way, all lines at once, and looked up with a binary
search. The longest matching phrase wins. No regular expression runs over the page.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from . import chars as ch  # ch._scan: the optional compiled loops, None where not built
from .chars import char_arrays, token_bounds, token_keys
from .keytable import KeyTable, build_table
from .vocab import MAX_PHRASE_WORDS, NAMES, VOCABULARIES

_MIX = np.array([0x9E3779B97F4A7C15], dtype=np.uint64)


def mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Combine two arrays of keys into one (wrapping 64-bit arithmetic)."""
    return a * _MIX + b


@cache
def phrase_tables() -> tuple[KeyTable, ...]:
    """Per phrase length (1, 2, 3 words): combined key -> vocabulary index (-1: none)."""
    by_len: list[dict[int, int]] = [{} for _ in range(MAX_PHRASE_WORDS)]
    for code, name in enumerate(NAMES):
        for phrase in VOCABULARIES[name]:
            chars = char_arrays(phrase)
            starts, ends = token_bounds(chars.flags)
            keys = token_keys(chars.cp16, starts, ends)
            if not 1 <= len(keys) <= MAX_PHRASE_WORDS:
                raise ValueError(f"vocabulary {name!r}: phrase {phrase!r} must have 1-{MAX_PHRASE_WORDS} words")
            combined = keys[:1]
            for k in keys[1:]:
                combined = mix(combined, k[None])
            by_len[len(keys) - 1].setdefault(int(combined[0]), code)
    return tuple(build_table(table, default=-1) for table in by_len)


def opening_phrases(keys: np.ndarray, first_token: np.ndarray, n_tokens: np.ndarray, t_end: np.ndarray, *,
                    compiled: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """For each line (given by the index of its first token and its token count): the vocabulary index of
    its opening phrase (-1: none) and the character offset where that phrase ends (0: none). The compiled
    loop (``_scan.phrase_lookup``), where built, goes through the rows once per phrase length instead."""
    tables = phrase_tables()
    n_rows = len(first_token)
    codes = np.full(n_rows, -1, dtype=np.int64)
    phrase_end = np.zeros(n_rows, dtype=np.int64)
    if not len(keys):
        return codes, phrase_end
    if ch._scan is not None and compiled:
        rows = [np.ascontiguousarray(a, dtype=np.int64) for a in (first_token, n_tokens, t_end)]
        for n_words, table in enumerate(tables, start=1):
            ch._scan.phrase_lookup(np.ascontiguousarray(keys, dtype=np.uint64), *rows, n_words, table.slots,
                                   table.values.astype(np.int64, copy=False), int(table.multiplier), int(table.shift),
                                   int(_MIX[0]), codes, phrase_end)
        return codes, phrase_end
    combined = np.zeros(n_rows, dtype=np.uint64)
    for n_words in range(MAX_PHRASE_WORDS):
        safe = np.minimum(first_token + n_words, len(keys) - 1)
        combined = keys[safe] if n_words == 0 else mix(combined, keys[safe])
        found = np.where(n_tokens > n_words, tables[n_words].lookup(combined), -1)
        hit = found >= 0
        codes = np.where(hit, found, codes)
        phrase_end = np.where(hit, t_end[safe], phrase_end)
    return codes, phrase_end
