"""Character classes as numpy arrays: the few C-speed passes every line feature is computed from.

A page is turned into one array of code points; a lookup table maps each code point to bit flags
(letter, digit, upper case, space, sentence end, punctuation). Everything per line or per token is then
counted with ``bincount`` over line numbers instead of a Python loop over lines.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np

from .keytable import KeyTable, build_table

try:
    from . import _scan  # type: ignore[attr-defined]  # optional compiled scan and row loops (setup.py)
except ImportError:  # not built: the same arrays from numpy
    _scan = None

ALPHA = 1
DIGIT = 2
UPPER = 4
SPACE = 8
END = 16  # . ! ? and their CJK forms, the ellipsis
PUNCT = 32
CJK = 64  # Han, kana and Hangul: scripts written without spaces between words
LINK_SEPARATOR = 128  # characters that join links in a menu or breadcrumb: | • · » › / \\
WORD = ALPHA | DIGIT
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))

TABLE_SIZE = 0x10000  # the Basic Multilingual Plane; code points above are treated as letters
_ENDS = ".!?\u2026\u3002\uff01\uff1f\u061f"
# Shape bits for the first and last character of a line.
BULLET = 1
OPENER = 2
CLOSER = 4
BRACKET = 8
_SHAPES = {
    BULLET: "•◦▪·*□■►▶‣⁃-–—>+○●",
    OPENER: "\"'“‘«„([",
    CLOSER: "\"'”’»)]",
    BRACKET: "[",
}
LINK_SEPARATORS = "|•·»›/\\"  # characters that join links in a menu or breadcrumb (flag LINK_SEPARATOR)


@cache
def flag_table() -> np.ndarray:
    """Bit flags for every code point below :data:`TABLE_SIZE`."""
    table = np.zeros(TABLE_SIZE, dtype=np.uint8)
    for cp in range(TABLE_SIZE):
        ch = chr(cp)
        flags = 0
        if ch.isalpha():
            flags |= ALPHA
            if ch.isupper():
                flags |= UPPER
        elif ch.isdigit():
            flags |= DIGIT
        elif ch == "_":
            flags |= ALPHA
        elif ch.isspace() and ch != "\n":
            flags |= SPACE
        elif unicodedata.category(ch).startswith("P") or unicodedata.category(ch).startswith("S"):
            flags |= PUNCT
        if ch in _ENDS:
            flags |= END | PUNCT
        table[cp] = flags
    for low, high in _CJK_RANGES:
        table[low : high + 1] |= CJK
    for char in LINK_SEPARATORS:
        table[ord(char)] |= LINK_SEPARATOR
    return table


@cache
def shape_table() -> np.ndarray:
    """Shape bits (:data:`BULLET`, :data:`OPENER`, :data:`CLOSER`) per code point below :data:`TABLE_SIZE`."""
    table = np.zeros(TABLE_SIZE, dtype=np.uint8)
    for bit, chars in _SHAPES.items():
        for char in chars:
            table[ord(char)] |= bit
    return table


def shapes(cp: np.ndarray) -> np.ndarray:
    return np.where(cp < TABLE_SIZE, shape_table()[cp.astype(np.uint16)], 0)


def word_keys(words: tuple[str, ...]) -> list[int]:
    """Token keys of single words (see :func:`token_keys`), one per word."""
    chars = char_arrays(" ".join(words))
    starts, ends = token_bounds(chars.flags)
    return token_keys(chars.cp16, starts, ends).tolist()


@cache
def lower_table() -> np.ndarray:
    """Lower-case code point for every code point below :data:`TABLE_SIZE` (itself when ambiguous)."""
    table = np.arange(TABLE_SIZE, dtype=np.uint32)
    for cp in range(TABLE_SIZE):
        low = chr(cp).lower()
        if len(low) == 1:
            table[cp] = ord(low)
    return table


@dataclass(frozen=True, slots=True)
class CharArrays:
    """A page as arrays: code points, flags, line starts and ends."""

    cp: np.ndarray
    flags: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    @property
    def cp16(self) -> np.ndarray:
        """Code points folded into 16 bits (table index; exact within the BMP)."""
        return self.cp.astype(np.uint16)

    @property
    def n_lines(self) -> int:
        return len(self.starts)


def char_arrays(text: str) -> CharArrays:
    """Code points and their flags; lines are split on ``\\n`` only (normalise first)."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cp16 = cp.astype(np.uint16)
    flags = np.take(flag_table(), cp16, mode="clip")  # every uint16 is in the table: no bounds check
    big = cp > 0xFFFF
    if big.any():
        flags[big] = ALPHA
    breaks = np.flatnonzero(cp == 10)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(cp)]))
    return CharArrays(cp, flags, starts, ends)


def visible_spans(chars: CharArrays) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lines with a visible (not :data:`SPACE`) character, and the first and last of them in each.

    Found from one running count of visible characters: a line's first is where the count passes its
    value at the line start, its last where the count reaches its value at the line end (a binary search
    per line instead of a pass over the characters per line).
    """
    n = len(chars.flags)
    count = np.zeros(n + 1, dtype=np.int32 if n < 2**31 - 1 else np.int64)  # visible characters before i
    np.cumsum((chars.flags & SPACE) == 0, out=count[1:])  # line breaks count too; no line holds one
    at_start, at_end = count[chars.starts], count[chars.ends]
    lines = np.flatnonzero(at_end > at_start)
    first = np.searchsorted(count, at_start[lines] + 1) - 1
    last = np.searchsorted(count, at_end[lines]) - 1
    return lines, first, last


#: The character classes :func:`span_counts` counts, in the order it returns them.
COUNTED = (ALPHA, DIGIT, PUNCT, UPPER, CJK, LINK_SEPARATOR)
_FIELD_BITS = 10  # each class has a counter of 10 bits in one 64-bit word per character
_CHUNK = (1 << _FIELD_BITS) - 1  # characters summed at once: no counter can carry into the next


@cache
def _count_table() -> np.ndarray:
    """Per flag byte, the counters of :data:`COUNTED` packed into one 64-bit word."""
    flags = np.arange(256, dtype=np.uint64)
    table = np.zeros(256, dtype=np.uint64)
    for k, flag in enumerate(COUNTED):
        table |= ((flags & np.uint64(flag)) != 0).astype(np.uint64) << np.uint64(_FIELD_BITS * k)
    return table


def span_counts(flags: np.ndarray, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, ...]:
    """Characters of each class of :data:`COUNTED` (letters, digits, punctuation, capitals, CJK, link
    separators) from ``first`` to ``last`` (inclusive) per span, as float64; the spans are ascending and do
    not overlap. All classes are summed in one pass, as packed counters, over chunks of at most
    :data:`_CHUNK` characters (a longer span is cut into several, added up after unpacking)."""
    if not len(first):
        return tuple(np.zeros(0) for _ in COUNTED)
    stop = last + 1
    pieces = (stop - first + _CHUNK - 1) // _CHUNK
    long_spans = bool((pieces > 1).any())
    if long_spans:
        span_of = np.repeat(np.arange(len(first)), pieces)
        piece_starts = np.concatenate(([0], np.cumsum(pieces)[:-1]))
        starts = first[span_of] + (np.arange(len(span_of)) - piece_starts[span_of]) * _CHUNK
        stops = np.minimum(starts + _CHUNK, stop[span_of])
    else:
        starts, stops = first, stop
    bounds = np.empty(2 * len(starts), dtype=np.intp)
    bounds[0::2] = starts
    bounds[1::2] = stops  # the sums between spans are thrown away
    packed = np.zeros(len(flags) + 1, dtype=np.uint64)  # one more, so that every bound is an index
    np.take(_count_table(), flags, out=packed[:-1], mode="clip")  # flags index all 256 rows: no bounds check
    sums = np.add.reduceat(packed, bounds)[0::2]
    mask = np.uint64(_CHUNK)
    counts = []
    for k in range(len(COUNTED)):
        field = (sums >> np.uint64(_FIELD_BITS * k)) & mask
        if long_spans:
            field = np.add.reduceat(field, piece_starts)
        counts.append(field.astype(np.float64))
    return tuple(counts)


def sentence_ends(chars: CharArrays, first: np.ndarray) -> np.ndarray:
    """Per span starting at ``first`` (spans of visible characters, ascending): its sentence ends, as float64.
    A sentence end is an :data:`END` character before a space, a line break or the end of the text, or
    a CJK one (U+3000 and up) anywhere."""
    flags, cp = chars.flags, chars.cp
    at = np.flatnonzero(flags & END)
    after = np.minimum(at + 1, len(cp) - 1)
    gap_after = (at + 1 >= len(cp)) | ((flags[after] & SPACE) != 0) | (cp[after] == 10)
    at = at[gap_after | (cp[at] >= 0x3000)]
    return np.bincount(np.searchsorted(first, at, side="right") - 1, minlength=len(first)).astype(np.float64)


_KEY_CHAR_BITS = np.uint64(14)


@cache
def key_char_table() -> np.ndarray:
    """Lower-cased code point, 14 bits of it, as uint64, for every 16-bit code point."""
    return (lower_table() & 0x3FFF).astype(np.uint64)


def token_keys(cp16: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit key per token from its length and its first three and last lower-cased characters.

    Each character contributes 14 bits, so keys are exact for tokens of up to four characters below U+4000
    (Latin, Greek, Cyrillic, Arabic, Hebrew, Indic scripts ...); longer tokens, and tokens in scripts above
    (CJK, Hangul), share a key only when they also agree on length and on those bits of their first three
    and last characters: rare enough for counting stop words and matching vocabulary phrases.
    """
    table = key_char_table()
    length = ends - starts
    last = ends - 1
    key = np.minimum(length, 15).astype(np.uint64)
    for offset in range(4):  # the length, then the characters, 14 bits each, shifted in one by one
        at = starts if offset == 0 else last if offset == 3 else np.minimum(starts + offset, last)
        key <<= _KEY_CHAR_BITS
        key |= np.take(table, cp16[at], mode="clip") * (length > offset)
    return key


def token_bounds(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of every run of word characters (``\\w+``)."""
    word = (flags & WORD) != 0
    if not len(word):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    edges = np.flatnonzero(np.diff(word, prepend=False, append=False))  # alternately a start and an end
    return edges[0::2], edges[1::2]


@dataclass(frozen=True, slots=True)
class TokenTables:
    """The key tables every token is looked up in: stop words (value: the bit set of their languages),
    month and weekday names, credit words (membership only)."""

    stop: KeyTable
    month: KeyTable
    credit: KeyTable


@cache
def no_token_tables() -> TokenTables:
    """Tables without keys: no token is a stop word, a month name or a credit word."""
    empty = build_table({})
    return TokenTables(build_table({}, dtype=np.uint16), empty, empty)


@dataclass(frozen=True, slots=True)
class RowTokens:
    """Per row (line with a visible character): the index of its first token (of the first token after
    it when it has none) and its token count, and among its tokens those that open with a capital
    (``title``), their characters (``chars``), those that look like part of a date (``dates``: month and
    weekday names, years 19xx and 20xx, the hour of ``hh:mm``) and the credit words, how many of its first
    three tokens a colon follows (``label_colons``: "Photo:", "READ ALSO:") and the wrapping sum of its token
    keys (``key_sum``); per token its stop-word bit set (``stop_bits``). All int64 but ``key_sum`` (uint64)
    and ``stop_bits`` (uint16)."""

    first: np.ndarray
    count: np.ndarray
    title: np.ndarray
    chars: np.ndarray
    dates: np.ndarray
    credits: np.ndarray
    label_colons: np.ndarray
    key_sum: np.ndarray
    stop_bits: np.ndarray


def date_tokens(chars: CharArrays, t_start: np.ndarray, t_end: np.ndarray, keys: np.ndarray, month: KeyTable
                ) -> np.ndarray:
    """Tokens that look like part of a date or time: month and weekday names (in ``month``), years, ``hh:mm``."""
    found = month.contains(keys)
    numeric = np.flatnonzero(chars.flags[t_start] & DIGIT)  # the few tokens a number opens
    numeric = numeric[(chars.flags[t_end[numeric] - 1] & DIGIT) != 0]
    start, end = t_start[numeric], t_end[numeric]
    length = end - start
    cp = chars.cp
    first_two = (cp[start] - 48) * 10 + (cp[np.minimum(start + 1, len(cp) - 1)] - 48)
    year = (length == 4) & ((first_two == 19) | (first_two == 20))
    clock = (length <= 2) & (cp[np.minimum(end, len(cp) - 1)] == 58)
    found[numeric[year | clock]] = True
    return found


def sum_per_row(values: np.ndarray, first_tok: np.ndarray, has_tok: np.ndarray) -> np.ndarray:
    """Sum of per-token ``values`` over each row's tokens (0 for rows without tokens); ``first_tok`` is each
    row's first token, or the first token after it, or the token count. A zero is appended as the last
    'token', so that a row whose tokens end the batch sums all of them wherever the batch ends."""
    if not len(values):
        return np.zeros(len(first_tok), dtype=values.dtype)
    padded = np.append(values.view(np.uint8) if values.dtype == bool else values, values.dtype.type(0))
    sums = np.add.reduceat(padded, first_tok, dtype=np.int32 if values.dtype == bool else None)
    return np.where(has_tok, sums, 0)


def row_tokens(chars: CharArrays, first: np.ndarray, t_start: np.ndarray, t_end: np.ndarray, keys: np.ndarray,
               tables: TokenTables) -> RowTokens:
    """:class:`RowTokens` of the rows whose first visible characters are at ``first``, with numpy."""
    bounds = np.append(np.searchsorted(t_start, first), len(t_start))  # each row's first token, then all
    count = np.diff(bounds)
    has_tok = count > 0
    first_tok = bounds[:-1]

    def per_row(values: np.ndarray) -> np.ndarray:
        """Sum of ``values`` over each row's tokens."""
        return sum_per_row(values, first_tok, has_tok).astype(np.int64)

    return RowTokens(
        bounds[:-1],
        count,
        per_row((chars.flags[t_start] & UPPER) != 0),
        per_row((t_end - t_start).astype(np.int64)),
        per_row(date_tokens(chars, t_start, t_end, keys, tables.month)),
        per_row(tables.credit.contains(keys)),
        label_colons(chars.cp, t_end, first_tok, count),
        sum_per_row(keys, first_tok, has_tok),  # wrapping sums
        tables.stop.lookup(keys).astype(np.uint16),
    )


def label_colons(cp: np.ndarray, t_end: np.ndarray, first_tok: np.ndarray, n_tok: np.ndarray) -> np.ndarray:
    """Per row (its first token and token count), how many of its first three tokens a colon follows."""
    found = np.zeros(len(first_tok), dtype=np.int64)
    if not len(t_end):
        return found
    for k in range(3):
        end = t_end[np.minimum(first_tok + k, len(t_end) - 1)]
        found += (n_tok > k) & (cp[np.minimum(end, len(cp) - 1)] == 58)
    return found


@dataclass(frozen=True, slots=True)
class TextScan:
    """What the line features read from the characters of a text: its :class:`CharArrays`; the lines with
    a visible character and the first and last of them (:func:`visible_spans`); per such line the counts of
    :data:`COUNTED` (:func:`span_counts`) and the sentence ends (:func:`sentence_ends`); the bounds and keys
    of its tokens (:func:`token_bounds`, :func:`token_keys`) and what each line's tokens hold
    (:class:`RowTokens`)."""

    chars: CharArrays
    lines: np.ndarray
    first: np.ndarray
    last: np.ndarray
    counts: tuple[np.ndarray, ...]
    sentence_ends: np.ndarray
    t_start: np.ndarray
    t_end: np.ndarray
    keys: np.ndarray
    tokens: RowTokens


def scan_text(
    text: str, *, tables: TokenTables | None = None, compiled: bool = True, scratch: bool = False
) -> TextScan:
    """:class:`TextScan` of ``text`` (lines split on ``\\n`` only), its tokens looked up in ``tables`` (none
    by default): in one pass over the characters when the compiled scan is built (``compiled``), else with
    numpy; both give the same arrays. With ``scratch``, the compiled scan writes into buffers the calling
    thread reuses: its arrays are then valid only until that thread's next scan with ``scratch``."""
    tables = tables or no_token_tables()
    if compiled and _scan is not None:
        return _compiled_scan(text, tables, scratch)
    chars = char_arrays(text)
    lines, first, last = visible_spans(chars)
    t_start, t_end = token_bounds(chars.flags)
    keys = token_keys(chars.cp16, t_start, t_end)
    return TextScan(
        chars,
        lines,
        first,
        last,
        span_counts(chars.flags, first, last),
        sentence_ends(chars, first),
        t_start,
        t_end,
        keys,
        row_tokens(chars, first, t_start, t_end, keys, tables),
    )


MAX_SCRATCH_CHARS = 1 << 22  # longer texts get buffers of their own
_scratch = threading.local()


def _new_outputs(n: int) -> tuple[np.ndarray, ...]:
    """The compiled scan's output buffers for a text of up to ``n`` characters."""
    cp = np.empty(n, dtype=np.uint32)
    flags = np.empty(n, dtype=np.uint8)
    starts, ends, lines, first, last, ends_found = (np.empty(n + 1, dtype=np.int64) for _ in range(6))
    counts = np.empty((len(COUNTED), n + 1), dtype=np.int64)
    t_start, t_end = np.empty(n // 2 + 1, dtype=np.int64), np.empty(n // 2 + 1, dtype=np.int64)
    keys = np.empty(n // 2 + 1, dtype=np.uint64)
    stop_bits = np.empty(n // 2 + 1, dtype=np.uint16)
    row_sums = np.empty((8, n + 1), dtype=np.int64)  # the fields of RowTokens but stop_bits, in order
    return cp, flags, starts, ends, lines, first, last, counts, ends_found, t_start, t_end, keys, stop_bits, row_sums


def _scratch_outputs(n: int) -> tuple[np.ndarray, ...]:
    """This thread's output buffers, grown to at least ``n`` characters. Filling fresh buffers costs about as
    much as the scan itself (the system hands out zeroed pages on first touch), so a batch reuses the last one's."""
    held: tuple[int, tuple[np.ndarray, ...]] | None = getattr(_scratch, "outputs", None)
    if held is None or held[0] < n:
        size = min(max(n, 2 * held[0] if held else 1 << 16), MAX_SCRATCH_CHARS)
        held = (size, _new_outputs(size))
        _scratch.outputs = held
    return held[1]


def _compiled_scan(text: str, tables: TokenTables, scratch: bool) -> TextScan:
    n = len(text)
    outputs = _scratch_outputs(n) if scratch and n <= MAX_SCRATCH_CHARS else _new_outputs(n)
    cp, flags, starts, ends, lines, first, last, counts, ends_found, t_start, t_end, keys, stop_bits, row_sums = outputs
    stop, month, credit = tables.stop, tables.month, tables.credit
    assert stop.values.dtype == np.uint16 and _scan is not None
    table_args = (stop.slots, stop.values, month.slots, credit.slots)
    shifts = (int(stop.multiplier), int(stop.shift), int(month.multiplier), int(month.shift),
              int(credit.multiplier), int(credit.shift))
    n_lines, n_rows, n_tokens = _scan.scan(text, flag_table(), key_char_table(), *table_args, *outputs, *shifts)
    row_first, row_count, title, token_chars, dates, credits, label_colons, key_sum = row_sums[:, :n_rows]
    return TextScan(
        CharArrays(cp[:n], flags[:n], starts[:n_lines], ends[:n_lines]),
        lines[:n_rows],
        first[:n_rows],
        last[:n_rows],
        tuple(row[:n_rows].astype(np.float64) for row in counts),
        ends_found[:n_rows].astype(np.float64),
        t_start[:n_tokens],
        t_end[:n_tokens],
        keys[:n_tokens],
        RowTokens(row_first, row_count, title, token_chars, dates, credits, label_colons, key_sum.view(np.uint64),
                  stop_bits[:n_tokens]),
    )
