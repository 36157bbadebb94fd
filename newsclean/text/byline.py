"""Header lines that say who wrote an article, where and when: bylines, datelines and date lines.

- a byline names the author after a word or label (``By Jane Doe``, ``Autorin: Erika Musterfrau``), or
  before the dates of a line split by ``|`` (``Reuters Staff | Updated: 29.05.2025``), or after a "by"
  inside a dated line (``Posted on May 29, 2025 by Jane Doe``); a place may stand in the second part;
- a dateline-only line is a place and an agency or a dash (``SEOUL (Reuters) -``, ``BERLIN —``);
- a date line is a date with a few words around it, not a sentence that names a date.

Dates on a byline get a :class:`DateRole` from the label before them (published, updated). The
vocabularies are the named tuples below, compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .._compat import StrEnum
from .dates import MONTHS, WEEKDAYS, FoundDate, find_dates
from .furniture import trie_pattern
from .window import Window

MAX_BYLINE_CHARS = 200
MAX_NAME_WORDS = 6
MAX_DATELINE_CHARS = 60
#: A line that is only a dateline ends in the agency's bracket or a dash: ``SEOUL (Reuters) -``.
DATELINE_ENDS = ")-\N{EN DASH}—:"
#: A standalone date line holds a date and at most this many other words.
MAX_DATE_LINE_WORDS = 8

#: Words that open a byline without a colon ("By Jane Doe", "Von Max Mustermann").
BYLINE_WORDS: tuple[str, ...] = (
    "by", "von", "written by", "posted by", "reporting by", "words by", "text von", "verfasst von",
    "geschrieben von", "erstellt von", "par", "por", "door",
)  # fmt: skip
#: Labels that open a byline with a colon ("Author: Jane Doe").
BYLINE_LABELS: tuple[str, ...] = ("author", "authors", "autor", "autorin", "autoren", "byline", "text")
#: Lowercase words a name may contain besides capitalised ones.
NAME_PARTICLES: frozenset[str] = frozenset(
    {"and", "und", "&", "de", "da", "del", "della", "di", "van", "von", "der", "den", "du", "la", "le", "al",
     "bin"}
)  # fmt: skip
#: Section names that can stand where a byline puts the author ("World | May 29, 2025").
SECTION_NAMES: frozenset[str] = frozenset(
    {"home", "news", "world", "politics", "business", "sport", "sports", "tech", "opinion", "asia", "europe",
     "africa", "americas", "india", "us", "uk", "local", "national", "entertainment", "health", "science"}
)  # fmt: skip
#: Words before a date that say which date it is.
PUBLISHED_LABELS: tuple[str, ...] = (
    "published", "posted", "created", "released", "veröffentlicht", "erstellt", "publiziert", "erschienen",
)  # fmt: skip
UPDATED_LABELS: tuple[str, ...] = ("updated", "modified", "last updated", "aktualisiert", "geändert", "stand")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_BYLINE = re.compile(
    r"^\s*(?:(?:" + _alternation(BYLINE_WORDS) + r")\b\s*:?|(?:" + _alternation(BYLINE_LABELS) + r")\s*:)\s*",
    re.IGNORECASE,
)
_BYLINE_OPENING = "(?:" + trie_pattern(BYLINE_WORDS) + r")\b|(?:" + trie_pattern(BYLINE_LABELS) + r")[ \t]*:"
_FIRST_LETTERS = "".join(sorted({word[0] for word in BYLINE_WORDS + BYLINE_LABELS}))
#: A byline word or label at the start of a line (after its ``"\n"``) or after a ``|``. Each pattern opens
#: with the character it needs, which the regex engine skips to; the first letter is checked before the
#: words are tried.
_BYLINE_AT_START = re.compile(r"\n(?=[" + _FIRST_LETTERS + "])(?:" + _BYLINE_OPENING + ")", re.IGNORECASE)
_BYLINE_AFTER_BAR = re.compile(r"\|[ \t]*(?:" + _BYLINE_OPENING + ")", re.IGNORECASE)
_INNER_BY = re.compile(r"(?:^|[\s|,])(?i:by|von|par|por)\s+(?=[A-ZÄÖÜ])")
_NAME_END = re.compile(
    r"\s*(?:[|•·,;(]|\s[-\N{EN DASH}—]\s|\s(?:on|am|um|at|published|updated|veröffentlicht|aktualisiert)\b)",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(r"\b(?:" + _alternation(PUBLISHED_LABELS) + r")\b", re.IGNORECASE)
_UPDATED = re.compile(r"\b(?:" + _alternation(UPDATED_LABELS) + r")\b", re.IGNORECASE)
_DATELINE_ONLY = re.compile(
    r"(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß'.-]+(?: [A-ZÄÖÜ][\wÄÖÜäöüß'.-]+){0,3})(?:,\s*[A-Z][\w.' ]{1,30}?)?"
    r"\s*(?:\((?P<agency>[^\W\d_][\w .&/]{1,24})\))?\s*(?P<dash>[-\N{EN DASH}—:])?"
)
_DESK = re.compile(r"^(?P<site>\S.*?)\s+News\s+Desk$", re.IGNORECASE)


class DateRole(StrEnum):
    """What a header date says about the article, best first."""

    PUBLISHED = "published"
    PLAIN = "plain"
    UPDATED = "updated"


ROLE_RANK = {DateRole.PUBLISHED: 0, DateRole.PLAIN: 1, DateRole.UPDATED: 2}


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline: who wrote the article, where, and the dates written on the same line."""

    line: int
    author: str
    dateline: str | None
    dates: tuple[tuple[DateRole, str], ...]


def parse_byline(line: int, text: str, dates: tuple[FoundDate, ...]) -> Byline | None:
    """The byline on line number ``line`` (``text``, with the ``dates`` found in it), if it is one."""
    if len(text) > MAX_BYLINE_CHARS:
        return None
    if "|" not in text and not dates and not _BYLINE.match(text):
        return None
    parts = [part.strip() for part in text.split("|")]
    author = dateline = None
    prefixed = next((part for part in parts if _BYLINE.match(part)), None)  # "Home | By Jane Doe | May 29"
    if prefixed is not None:
        author = _name_after_prefix(prefixed, dated=bool(dates))
    elif dates and (inner := _inner_by(text)) is not None and is_date_line(text, dates):
        author = _name(text[inner:])  # "Posted on May 29, 2025 by Jane Doe"
    elif len(parts) > 1 and (dates or _UPDATED.search(text) or _PUBLISHED.search(text)):
        first = None if ":" in parts[0] or find_dates(parts[0]) else _name(parts[0])
        author = first if first is not None and " " in first else None  # one word is a section name
        dateline = _place(parts[1]) if len(parts) > 2 else None
    if author is None:
        return None
    return Byline(line, author, dateline, tuple((date_role(text, date), date.iso) for date in dates))


def byline_opening(text: str) -> re.Match[str] | None:
    """The byline word or label that ``text`` opens with, and the spaces and colon after it."""
    return _BYLINE.match(text)


def opens_like_byline(text: str) -> bool:
    """A byline, or a line that opens like one: ``by Lucas Nolan22 Dec 2016`` is no headline either."""
    match = _BYLINE.match(text)
    return match is not None and text[match.end() : match.end() + 1].isupper()


def lines_with_byline_words(window: Window) -> set[int]:
    """Positions of the window's lines that open with a byline word or label, or have a part after a
    ``|`` that does."""
    joined = window.joined
    found = {0} if window.texts and _BYLINE_AT_START.match(f"\n{window.texts[0]}") else set()
    line, position = 0, 0
    for match in _BYLINE_AT_START.finditer(joined):  # each match opens with the "\n" before its line
        line += joined.count("\n", position, match.start() + 1)
        position = match.start() + 1
        found.add(line)
    if "|" in joined:  # a string search is far faster than the pattern's
        found.update(window.position_in_joined(match.start()) for match in _BYLINE_AFTER_BAR.finditer(joined))
    return found


def desk_site(author: str) -> str | None:
    """The site of a desk that signs as author: ``Devdiscourse News Desk``."""
    desk = _DESK.match(author)
    return desk.group("site") if desk else None


def dateline_only(text: str) -> str | None:
    """The place of a line that is only a dateline (``SEOUL (Reuters) -``, ``BERLIN —``)."""
    if len(text) > MAX_DATELINE_CHARS or text[-1:] not in DATELINE_ENDS:
        return None
    match = _DATELINE_ONLY.fullmatch(text)
    if match is None:
        return None
    place = match.group("place")
    if match.group("agency") or (match.group("dash") and place.isupper() and len(place) > 2):
        return place
    return None


def is_date_line(text: str, dates: tuple[FoundDate, ...], max_words: int = MAX_DATE_LINE_WORDS) -> bool:
    """Whether a line is a date with a few words around it rather than a sentence that names a date."""
    rest = text
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    words = rest.split()
    return len(words) <= max_words and not (len(words) > 2 and rest.rstrip()[-1:] in ".!?")


def date_role(text: str, date: FoundDate) -> DateRole:
    """Published, updated or plain: the label in the 30 characters before the date, after any ``|``."""
    before = text[max(0, date.start - 30) : date.start]
    before = before.rsplit("|", 1)[-1]
    if _PUBLISHED.search(before):
        return DateRole.PUBLISHED
    if _UPDATED.search(before):
        return DateRole.UPDATED
    return DateRole.PLAIN


def _inner_by(text: str) -> int | None:
    """Where the name starts after a "by" inside a dated line, unless the "von" is part of a name."""
    for match in _INNER_BY.finditer(text):
        before = text[: match.start()].split()
        if not before or not before[-1][:1].isupper() or _PUBLISHED.fullmatch(before[-1].rstrip(":")):
            return match.end()
    return None


def _name_after_prefix(text: str, *, dated: bool) -> str | None:
    match = _BYLINE.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    name = _name(rest)
    if name is None or (" " not in name and ":" not in match.group() and not dated):
        return None  # "By Invitation", "By Product": a one-word name needs a label or a date
    tokens = rest.split(None, len(name.split()))
    tail = tokens[-1] if len(tokens) > len(name.split()) else ""
    for date in find_dates(tail):
        tail = tail[: date.start] + " " * (date.end - date.start) + tail[date.end :]
    tail_words = len(tail.split())
    if tail_words > MAX_DATE_LINE_WORDS or (tail_words > 2 and tail.rstrip()[-1:] in ".!?"):
        return None  # a sentence that starts with "By", not a byline
    return name


def _name(text: str) -> str | None:
    """A person's or desk's name at the start of ``text``: up to a separator, a date or a label."""
    end = _NAME_END.search(text)
    tokens = (text[: end.start()] if end else text).split()
    words: list[str] = []
    for k, word in enumerate(tokens):
        bare = word.lower().strip(".,")
        following = tokens[k + 1].lower().strip(".,") if k + 1 < len(tokens) else ""
        if any(map(str.isdigit, word)) or word.endswith(":"):
            break
        if (bare in MONTHS or bare in WEEKDAYS) and (following[:1].isdigit() or following in MONTHS):
            break  # "Jane Doe November 8, 2023", but "Theresa May"
        words.append(word)
    name = " ".join(words).strip(" .:-\N{EN DASH}—")
    words = name.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or words[0].lower() in NAME_PARTICLES:
        return None
    if name.lower() in SECTION_NAMES or words[0].lower() in MONTHS or words[0].lower() in WEEKDAYS:
        return None
    if any(w.lower() not in NAME_PARTICLES and not w[0].isupper() for w in words):
        return None
    return name


def _place(text: str) -> str | None:
    words = text.split()
    if not 1 <= len(words) <= 4 or ":" in text or any(map(str.isdigit, text)):
        return None
    if _UPDATED.search(text) or _PUBLISHED.search(text) or not all(w[0].isupper() for w in words):
        return None
    return " ".join(words)
