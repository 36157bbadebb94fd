"""Batch memory of a site's template: on how many pages of a site each line occurs, in bounded memory.

Lines are reduced to fingerprints (:func:`fingerprint`: spaces collapsed, case folded, digits as ``0``;
hashed for a whole page at once by :func:`line_hashes`) and counted once per page in one count-min sketch
shared by all sites (the site salts the hash), so memory is fixed by ``width`` x ``depth`` whatever the
number of pages or sites; the sketch only ever over-counts, and conservative updates keep that small.
The number of pages per site is kept in a table capped at ``max_sites`` (least recently seen sites are
forgotten first).

A page seen before (the same lines; a Bloom filter of page signatures, 1 MB) is not counted again, so
duplicates in a batch do not make each other's text look like template. A line seen on at least
``min_other`` other pages of its site, and on at least ``min_share`` of them, is template.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from hashlib import blake2b

import numpy as np

from .model import line_key

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[^\S\n]+")
_LINE_EDGES = re.compile(r" ?\n ?")
#: Characters of a line that its fingerprint hashes; lines are hashed in slices of about SLICE_CHARS.
MAX_LINE_CHARS = 120
SLICE_CHARS = 1 << 16
_P1, _P2 = 0x100000001B3, 0x9E3779B97F4A7C15  # odd multipliers of the two polynomial hashes


def fingerprint(line: str) -> str:
    """The form of a line that template counting compares: :func:`line_key` with digit runs as ``0``."""
    return _DIGITS.sub("0", line_key(line))


def line_hashes(site: str, lines: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Two 64-bit hashes of each line's :func:`fingerprint` on ``site`` (an (n, 2) uint64 array) and which
    lines are not blank.

    Lines are normalised with a few regular-expression passes over the joined text and hashed with numpy
    (polynomial hashes from prefix sums over the UTF-8 bytes), no Python loop over lines. Only the first
    :data:`MAX_LINE_CHARS` characters of a line count, and long pages are hashed a slice of lines at a
    time, so the work arrays stay small.
    """
    salt = int.from_bytes(blake2b(site.encode("utf-8"), digest_size=8).digest(), "little")
    cut = [line[:MAX_LINE_CHARS] for line in lines]
    ends = np.cumsum([len(line) + 1 for line in cut])
    parts, filled = [], []
    start = 0
    while start < len(cut):
        stop = max(int(np.searchsorted(ends, ends[start - 1] + SLICE_CHARS if start else SLICE_CHARS)), start + 1)
        h, f = _slice_hashes(cut[start:stop], salt)
        parts.append(h)
        filled.append(f)
        start = stop
    if not parts:
        return np.zeros((0, 2), dtype=np.uint64), np.zeros(0, dtype=bool)
    return np.concatenate(parts), np.concatenate(filled)


def _slice_hashes(lines: Sequence[str], salt: int) -> tuple[np.ndarray, np.ndarray]:
    text = _DIGITS.sub("0", _SPACES.sub(" ", "\n".join(lines).casefold()))
    data = np.frombuffer(_LINE_EDGES.sub("\n", text).strip(" ").encode("utf-8"), dtype=np.uint8)
    breaks = np.flatnonzero(data == 10)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(data)]))
    hashes = np.empty((len(starts), 2), dtype=np.uint64)
    for column, base in enumerate((_P1, _P2)):
        hashes[:, column] = _mix(_span_hashes(data, starts, ends, base) ^ np.uint64(salt ^ column))
    return hashes, ends > starts


def _span_hashes(data: np.ndarray, starts: np.ndarray, ends: np.ndarray, base: int) -> np.ndarray:
    """Polynomial hash (mod 2**64) of each byte span ``data[start:end]``, with its length mixed in."""
    n = len(data)
    powers = np.cumprod(np.full(n + 1, base, dtype=np.uint64))
    powers = np.concatenate(([np.uint64(1)], powers[:-1]))  # base ** i
    inverse = np.cumprod(np.full(n + 1, pow(base, -1, 1 << 64), dtype=np.uint64))
    inverse = np.concatenate(([np.uint64(1)], inverse[:-1]))  # base ** -i
    prefix = np.concatenate(([np.uint64(0)], np.cumsum(data.astype(np.uint64) * powers[:n], dtype=np.uint64)))
    spans = (prefix[ends] - prefix[starts]) * inverse[starts]
    return spans ^ ((ends - starts).astype(np.uint64) * np.uint64(0xFF51AFD7ED558CCD))


def _mix(h: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (MurmurHash3's) so that every bit of the hash depends on every bit of the input."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


class SiteMemory:
    """Count-min sketch of (site, line fingerprint) -> pages, plus pages per site."""

    def __init__(self, *, width: int = 1 << 18, depth: int = 4, max_sites: int = 65_536,
                 min_site_pages: int = 5, min_other: int = 3, min_share: float = 0.1) -> None:
        self.width, self.depth, self.max_sites = width, depth, max_sites
        self.min_site_pages, self.min_other, self.min_share = min_site_pages, min_other, min_share
        self.table = np.zeros((depth, width), dtype=np.uint32)
        self.seen_pages = np.zeros(1 << 20, dtype=np.uint8)  # Bloom filter of page signatures, 2**23 bits
        self.pages: OrderedDict[str, int] = OrderedDict()

    @property
    def nbytes(self) -> int:
        """Memory held by the counters (the sketch and the per-site table, estimated at 100 bytes a site)."""
        return int(self.table.nbytes + self.seen_pages.nbytes) + 100 * len(self.pages)

    def _cells(self, hashes: np.ndarray) -> np.ndarray:
        """The counter of each hash in each row: (n, depth) indices (double hashing h1 + row * h2)."""
        rows = np.arange(self.depth, dtype=np.uint64)
        with np.errstate(over="ignore"):
            return ((hashes[:, :1] + rows * (hashes[:, 1:] | np.uint64(1))) % np.uint64(self.width)).astype(np.intp)

    def add_page(self, site: str, lines: Sequence[str] | None) -> bool:
        """Count one page of ``site`` and, unless ``lines`` is ``None``, each of its distinct non-blank
        lines once. Returns whether lines were counted."""
        self.pages[site] = self.pages.pop(site, 0) + 1
        if len(self.pages) > self.max_sites:
            self.pages.popitem(last=False)
        if lines is None:
            return False
        hashes, filled = line_hashes(site, lines)
        hashes = np.unique(hashes[filled], axis=0)
        if self._repeat(hashes):  # the same page again (a duplicate in the batch): its lines count once
            return False
        if len(hashes):
            cells = self._cells(hashes)
            rows = np.arange(self.depth)
            current = self.table[rows, cells]  # (n, depth)
            low = current.min(axis=1, keepdims=True)
            bump = current == low  # conservative update: raise only the counters at the minimum
            row_index = np.broadcast_to(rows, cells.shape)
            self.table[row_index[bump], cells[bump]] = np.broadcast_to(low + 1, cells.shape)[bump]
        return True

    def _repeat(self, hashes: np.ndarray) -> bool:
        """Whether a page with these line hashes was counted before, by a Bloom filter over page
        signatures (order-free sums of its line hashes); records this one. A rare false positive only
        leaves a page uncounted."""
        with np.errstate(over="ignore"):
            signature = _mix(np.array([hashes[:, 0].sum(dtype=np.uint64), hashes[:, 1].sum(dtype=np.uint64)])
                             ^ np.uint64(len(hashes)))
            bits = (signature[0] + np.arange(4, dtype=np.uint64) * (signature[1] | np.uint64(1))) % np.uint64(
                self.seen_pages.size * 8)
        byte, mask = (bits >> np.uint64(3)).astype(np.intp), (1 << (bits & np.uint64(7))).astype(np.uint8)
        if np.all(self.seen_pages[byte] & mask):
            return True
        np.bitwise_or.at(self.seen_pages, byte, mask)
        return False

    def site_pages(self, site: str) -> int:
        return self.pages.get(site, 0)

    def seen(self, site: str, lines: Sequence[str]) -> np.ndarray:
        """For each line, on how many pages of ``site`` it was counted (0 for blank lines)."""
        hashes, filled = line_hashes(site, lines)
        counts = self.table[np.arange(self.depth), self._cells(hashes)].min(axis=1).astype(np.int64)
        return np.where(filled, counts, 0)

    def template(self, site: str, lines: Sequence[str], *, counted: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Per line: is it template, and on how many *other* pages of the site was it seen.

        ``counted`` says whether this page itself was added already (its own occurrence is then not
        counted as another page). Nothing is template before the site has ``min_site_pages`` pages.
        """
        own = 1 if counted else 0
        n_other = self.site_pages(site) - own
        if n_other + 1 < self.min_site_pages:  # most pages of a mixed batch stop here, before any hashing
            return np.zeros(len(lines), dtype=bool), np.zeros(len(lines), dtype=np.int64)
        other = np.maximum(self.seen(site, lines) - own, 0)
        need = max(self.min_other, self.min_share * n_other)
        return other >= need, other
