"""Batch memory of a site's template: on how many pages of a site each line occurs, in bounded memory.

Lines are reduced to fingerprints (:func:`fingerprint`: spaces collapsed, case folded, digits as ``0``)
and counted once per page in one count-min sketch shared by all sites (the site is part of the hashed
key), so memory is fixed by ``width`` x ``depth`` whatever the number of pages or sites; the sketch only
ever over-counts, and conservative updates keep that small. The number of pages per site is kept in a
table capped at ``max_sites`` (least recently seen sites are forgotten first).

A line seen on at least ``min_other`` other pages of its site, and on at least ``min_share`` of them,
is template.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from hashlib import blake2b

import numpy as np

from .model import line_key

_DIGITS = re.compile(r"\d+")


def fingerprint(line: str) -> str:
    """The form of a line that template counting compares: :func:`line_key` with digit runs as ``0``."""
    return _DIGITS.sub("0", line_key(line))


def _hashes(site: str, keys: Iterable[str]) -> np.ndarray:
    """Two independent 32-bit hashes per key, as a (n, 2) uint64 array."""
    prefix = site.encode("utf-8") + b"\x00"
    raw = b"".join(blake2b(prefix + k.encode("utf-8"), digest_size=8).digest() for k in keys)
    return np.frombuffer(raw, dtype="<u4").reshape(-1, 2).astype(np.uint64)


class SiteMemory:
    """Count-min sketch of (site, line fingerprint) -> pages, plus pages per site."""

    def __init__(self, *, width: int = 1 << 18, depth: int = 4, max_sites: int = 65_536,
                 min_site_pages: int = 5, min_other: int = 3, min_share: float = 0.1) -> None:
        self.width, self.depth, self.max_sites = width, depth, max_sites
        self.min_site_pages, self.min_other, self.min_share = min_site_pages, min_other, min_share
        self.table = np.zeros((depth, width), dtype=np.uint32)
        self.pages: OrderedDict[str, int] = OrderedDict()

    @property
    def nbytes(self) -> int:
        """Memory held by the counters (the sketch and the per-site table, estimated at 100 bytes a site)."""
        return int(self.table.nbytes) + 100 * len(self.pages)

    def _cells(self, site: str, keys: Sequence[str]) -> np.ndarray:
        h = _hashes(site, keys)
        rows = np.arange(self.depth, dtype=np.uint64)
        return ((h[:, :1] + rows * h[:, 1:]) % np.uint64(self.width)).astype(np.intp)  # (n, depth)

    def add_page(self, site: str, lines: Iterable[str]) -> None:
        """Count one page of ``site`` (each distinct non-blank line once)."""
        keys = sorted({fingerprint(line) for line in lines if line.strip()})
        self.pages[site] = self.pages.pop(site, 0) + 1
        if len(self.pages) > self.max_sites:
            self.pages.popitem(last=False)
        if not keys:
            return
        cells = self._cells(site, keys)
        rows = np.arange(self.depth)
        current = self.table[rows, cells]  # (n, depth)
        low = current.min(axis=1, keepdims=True)
        bump = current == low  # conservative update: raise only the counters at the minimum
        row_index = np.broadcast_to(rows, cells.shape)
        self.table[row_index[bump], cells[bump]] = np.broadcast_to(low + 1, cells.shape)[bump]

    def site_pages(self, site: str) -> int:
        return self.pages.get(site, 0)

    def seen(self, site: str, lines: Sequence[str]) -> np.ndarray:
        """For each line, on how many pages of ``site`` it was counted (0 for blank lines)."""
        counts = np.zeros(len(lines), dtype=np.int64)
        index = [i for i, line in enumerate(lines) if line.strip()]
        if index:
            cells = self._cells(site, [fingerprint(lines[i]) for i in index])
            counts[index] = self.table[np.arange(self.depth), cells].min(axis=1)
        return counts

    def template(self, site: str, lines: Sequence[str], *, counted: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Per line: is it template, and on how many *other* pages of the site was it seen.

        ``counted`` says whether this page itself was added already (its own occurrence is then not
        counted as another page). Nothing is template before the site has ``min_site_pages`` pages.
        """
        seen = self.seen(site, lines)
        own = 1 if counted else 0
        other = np.maximum(seen - own, 0)
        n_other = self.site_pages(site) - own
        if n_other + 1 < self.min_site_pages:
            return np.zeros(len(lines), dtype=bool), other
        need = max(self.min_other, self.min_share * n_other)
        return other >= need, other
