"""Site rules as typed values: what a rule file says once it has been validated (see :mod:`.load`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .._compat import StrEnum


class SelectorKind(StrEnum):
    """How an HTML selector is written."""

    CSS = "css"
    XPATH = "xpath"


@dataclass(frozen=True, slots=True)
class Selector:
    """A CSS or XPath selector of the HTML half of a rule (an XPath starts with ``/``, ``./`` or ``(``)."""

    text: str
    kind: SelectorKind


@dataclass(frozen=True, slots=True)
class Match:
    """Which pages a rule is for.

    A page matches when its URL's host is one of ``domains`` or a subdomain of one, or its URL matches one
    of ``urls``; a page without a URL (or with one no rule claims) matches when at least ``min_text`` of the
    ``text`` fingerprints occur in it. A ``fallback`` rule applies to pages no other rule matches.
    """

    domains: tuple[str, ...] = ()
    urls: tuple[re.Pattern[str], ...] = ()
    text: tuple[re.Pattern[str], ...] = ()
    min_text: int = 1
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class Skip:
    """After a line matching ``after``, drop the lines before the first one matching ``until``
    (at most ``max_lines`` lines; nothing is dropped when ``until`` is not found that soon)."""

    after: re.Pattern[str]
    until: re.Pattern[str]
    max_lines: int = 8


@dataclass(frozen=True, slots=True)
class DumpRules:
    """What a rule does to the lines of a plain-text dump.

    ``drop`` holds whole lines (compared without case and with spaces collapsed), the ``*_patterns`` are
    regular expressions searched in the stripped line. The article starts after the first line matching
    ``start_after`` (or at the first matching ``start_at``) and ends before the first line matching
    ``end_before`` that follows some body text (a line of at least ``min_words_before_end`` words). Lines
    matching ``keep_patterns`` are kept whatever else says so. ``title``, ``byline`` and ``date`` are
    patterns for those lines; their named groups (``title``, ``author``, ``dateline``, ``date``) fill the
    record when they match.
    """

    drop: frozenset[str] = frozenset()
    drop_patterns: tuple[re.Pattern[str], ...] = ()
    keep_patterns: tuple[re.Pattern[str], ...] = ()
    start_after: tuple[re.Pattern[str], ...] = ()
    start_at: tuple[re.Pattern[str], ...] = ()
    end_before: tuple[re.Pattern[str], ...] = ()
    min_words_before_end: int = 8
    skip: tuple[Skip, ...] = ()
    title: re.Pattern[str] | None = None
    byline: re.Pattern[str] | None = None
    date: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class HtmlRules:
    """What a rule does to an HTML page: the content root, elements to remove, where title, author and
    date are."""

    root: Selector | None = None
    remove: tuple[Selector, ...] = ()
    title: Selector | None = None
    author: Selector | None = None
    date: Selector | None = None


@dataclass(frozen=True, slots=True)
class SiteRule:
    """One validated rule file."""

    name: str
    path: str
    description: str = ""
    match: Match = field(default_factory=Match)
    dump: DumpRules = field(default_factory=DumpRules)
    html: HtmlRules = field(default_factory=HtmlRules)


def url_host(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, lowercased; ``None`` when it has none or does not parse."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def line_key(line: str) -> str:
    """A line as ``drop`` compares it: stripped, spaces collapsed, case folded."""
    return " ".join(line.split()).casefold()
