"""Metadata found in the lines of a dump: headline, byline, dateline, published date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DumpMeta:
    """Metadata of a dump and the lines it came from (0-based indices)."""

    title: str | None = None
    title_line: int | None = None
    author: str | None = None
    published: str | None = None
    dateline: str | None = None
    site: str | None = None
    meta_lines: frozenset[int] = frozenset()


def extract_metadata(lines: Sequence[str], body: Sequence[bool], *, url: str | None = None) -> DumpMeta:
    """Find the headline and header metadata around the body lines (placeholder: nothing found)."""
    return DumpMeta()
