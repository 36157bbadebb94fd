"""Metadata found in the lines of a dump: headline, byline, dateline, published date.

Only a bounded window is read (:mod:`.window`): the first lines of the page and the lines around the
first body line, each cut short before any pattern runs, so the cost per page does not grow with its
length. Dates and byline openings are found with one search over the joined window rather than one per
line.

:func:`extract_metadata` puts small stages together:

1. the first body line, skipping furniture the classifier let through (a date, a menu, a caption);
2. dates (:mod:`.dates`) and bylines (:mod:`.byline`) in the window;
3. the headline (:mod:`.headline`);
4. the published date: the byline's (published before updated), else the header date nearest the title;
5. ``meta_lines``: the headline and its repeats, the byline, date lines and dateline-only lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Protocol
from urllib.parse import urlsplit

from .byline import (
    DATELINE_ENDS,
    MAX_BYLINE_CHARS,
    MAX_DATELINE_CHARS,
    ROLE_RANK,
    Byline,
    date_role,
    dateline_only,
    desk_site,
    is_date_line,
    lines_with_byline_words,
    parse_byline,
)
from .dates import FoundDate, find_dates, find_dates_in_lines
from .furniture import has_fewer_words, is_caption, is_nav
from .headline import MIN_TITLE_WORDS, find_headline, title_text
from .window import LINES_BEFORE_BODY, Window, cut, read_window

#: Inside the body a date line holds at most this many other words; a longer one is a list item.
MAX_BODY_DATE_LINE_WORDS = 3

_DATELINE_END = re.compile("[" + re.escape(DATELINE_ENDS) + "]")
_LAST_CHAR = itemgetter(-1)
#: A URL whose host ``urlsplit`` would read as is: no user, port, brackets or characters it drops.
_PLAIN_HOST_URL = re.compile(r"(?i:https?)://([A-Za-z0-9.-]+)(?=[/?#]|\Z)")


class LineFlags(Protocol):
    """One flag per line: a sequence of bools, or the classifier's boolean array."""

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[object]: ...


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


def extract_metadata(lines: Sequence[str], body: LineFlags, *, url: str | None = None) -> DumpMeta:
    """Find the headline and header metadata around the first body line.

    ``body`` marks the lines the classifier took as article body; lines past its end count as not body.
    Returns empty fields where nothing is found with confidence; never raises for odd text.
    """
    first_body = _first_body_line(lines, body)
    window = read_window(lines, first_body)
    texts, numbers = window.texts, window.numbers
    dates = find_dates_in_lines(texts, max_chars=MAX_BYLINE_CHARS, joined=window.joined)
    with_words = {k for k in lines_with_byline_words(window) if len(texts[k]) <= MAX_BYLINE_CHARS}
    bylines = [
        (k, b) for k in sorted(dates.keys() | with_words) if (b := parse_byline(numbers[k], texts[k], dates.get(k, ())))
    ]
    date_lines = {k for k, found in dates.items() if is_date_line(texts[k], found)}
    title, repeats = find_headline(
        window,
        date_lines,
        date_lines | {k for k, _ in bylines},
        window.position(first_body) if first_body is not None else None,
    )
    title_line = numbers[title] if title is not None else None
    anchor = title_line if title_line is not None else (first_body or 0)
    byline = min((b for _, b in bylines), key=lambda b: abs(b.line - anchor), default=None)
    datelines = _dateline_only_lines(window)
    # Inside the body a longer line with a date is more often a list item than a header date.
    after = first_body if first_body is not None else len(lines)
    body_dates = {
        k for k in date_lines if numbers[k] >= after and not is_date_line(texts[k], dates[k], MAX_BODY_DATE_LINE_WORDS)
    }
    meta_lines = {numbers[k] for k in (date_lines - body_dates) | datelines | repeats}
    dateline = None
    if byline is not None:
        meta_lines.add(byline.line)
        dateline = byline.dateline
    if dateline is None and datelines:
        nearest = min({numbers[k] for k in sorted(datelines)}, key=lambda i: abs(i - anchor))
        dateline = dateline_only(texts[numbers.index(nearest)])
    if title_line is not None:
        meta_lines.add(title_line)
    return DumpMeta(
        title=title_text(texts[title]) if title is not None else None,
        title_line=title_line,
        author=byline.author if byline else None,
        published=_published(byline, window, dates, date_lines, anchor),
        dateline=dateline,
        site=_site(url, byline),
        meta_lines=frozenset(meta_lines),
    )


def _first_body_line(lines: Sequence[str], body: LineFlags) -> int | None:
    """The first body line that is not page furniture the classifier let through (a date, a menu)."""
    n = min(len(lines), len(body))
    nonzero = getattr(body, "nonzero", None)  # a numpy array gives its body lines without a Python loop
    marked = nonzero()[0].tolist() if callable(nonzero) else compress(range(n), body)
    first = None
    for i in marked:
        if i >= n:
            break
        if not (text := cut(lines[i])):
            continue
        if first is None:
            first = i
        if i - first >= LINES_BEFORE_BODY or not _is_furniture(text):
            return i
    return first


def _is_furniture(text: str) -> bool:
    low = text.lower()
    if has_fewer_words(text, MIN_TITLE_WORDS) or is_nav(text, low) or is_caption(low):
        return True
    dates = find_dates(text) if len(text) <= MAX_BYLINE_CHARS else ()
    return (
        (bool(dates) and is_date_line(text, dates))
        or parse_byline(0, text, dates) is not None
        or dateline_only(text) is not None
    )


def _dateline_only_lines(window: Window) -> set[int]:
    """Positions of the lines that are only a dateline (``SEOUL (Reuters) -``)."""
    texts = window.texts
    ends = "".join(map(_LAST_CHAR, texts))  # the last character of each line, one per line
    found = set()
    for match in _DATELINE_END.finditer(ends):
        k = match.start()
        if len(texts[k]) <= MAX_DATELINE_CHARS and dateline_only(texts[k]) is not None:
            found.add(k)
    return found


def _published(
    byline: Byline | None,
    window: Window,
    dates: dict[int, tuple[FoundDate, ...]],
    date_lines: set[int],
    anchor: int,
) -> str | None:
    """The byline's date (published before plain before updated), else the header date nearest the title."""
    if byline is not None and byline.dates:
        return min(byline.dates, key=lambda d: ROLE_RANK[d[0]])[1]
    numbers = window.numbers
    ranked = [
        (ROLE_RANK[date_role(window.texts[k], date)], abs(numbers[k] - anchor), numbers[k], date.start, date.iso)
        for k in date_lines
        for date in dates[k]
    ]
    return min(ranked)[-1] if ranked else None


def _site(url: str | None, byline: Byline | None) -> str | None:
    if url:
        url = url.strip()
        if plain := _PLAIN_HOST_URL.match(url):  # the common case, without urlsplit's general parse
            host: str | None = plain[1].lower()
        else:
            try:
                host = urlsplit(url).hostname
            except ValueError:
                host = None
        if host:
            return host.removeprefix("www.")
    return desk_site(byline.author) if byline is not None else None
