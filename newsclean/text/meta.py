"""Metadata found in the lines of a dump: headline, byline, dateline, published date.

Only a bounded window is read: the first :data:`HEAD_LINES` lines of the page and the lines around the
first body line, each cut to :data:`MAX_LINE_CHARS` characters before any pattern runs, so the cost per
page does not grow with its length. Dates and byline openings are found with one search over the joined
window rather than one per line.

:func:`extract_metadata` puts small stages together:

1. the first body line, skipping furniture the classifier let through (a date, a menu, a caption);
2. dates (:mod:`.dates`) and bylines in the window;
3. the headline: each line up to :data:`TITLE_REACH` non-empty lines above the first body line (and
   that line itself) that reads as a headline is scored for closeness to the body, length, title case,
   a byline or date next to it, and being repeated (as is, or as the page title ``Headline | Site``);
   lines below running text lose points;
4. the published date: the byline's (published before updated), else the header date nearest the title;
5. ``meta_lines``: the headline and its repeats, the byline, date lines and dateline-only lines.

Vocabularies (menus, captions, byline words) are the named tuples below, compiled once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from .._compat import StrEnum
from .dates import MONTHS, WEEKDAYS, FoundDate, find_dates, find_dates_in_lines

MAX_LINE_CHARS = 300
HEAD_LINES = 30
LINES_BEFORE_BODY = 40
#: Header dates and bylines often follow a standfirst the classifier already took as body.
LINES_AFTER_BODY = 20
#: How many non-empty lines above the first body line may hold the headline.
TITLE_REACH = 20
MIN_TITLE_WORDS, MAX_TITLE_WORDS, MAX_TITLE_CHARS = 3, 30, 250
MIN_TITLE_SCORE = 1.0
#: Without any body line only a strong headline (one the page repeats) is taken.
MIN_TITLE_SCORE_WITHOUT_BODY = 3.0
#: Lines this long with a sentence end are running text; a headline is never below one.
MIN_PARAGRAPH_WORDS = 20
#: A line this long that goes on in lowercase on the next line, or ends in a short lowercase word
#: ("in der"), is a sentence a converter wrapped, not a headline.
MIN_WRAPPED_CHARS = 100
MAX_BYLINE_CHARS = 200
MAX_NAME_WORDS = 6
MAX_DATELINE_CHARS = 60
#: A line that is only a dateline ends in the agency's bracket or a dash: ``SEOUL (Reuters) -``.
DATELINE_ENDS = ")-\N{EN DASH}—:"
#: A standalone date line holds a date and at most this many other words; in the body, at most the fewer.
MAX_DATE_LINE_WORDS = 8
MAX_BODY_DATE_LINE_WORDS = 3
#: Non-empty lines above the first body line that form the header block around the headline.
HEADER_BLOCK = 4
#: A byline or date line this close to a line (in non-empty lines, before, after) marks a headline.
HEADER_REACH = (2, 4)

#: Openings of page furniture that is never a headline (navigation, captions, teasers, forms).
NAV_PHRASES: tuple[str, ...] = (
    r"connect with us", r"[\w ,]*what are you looking for", r"skip to", r"toggle navigation", r"menu",
    r"search", r"(?:latest|breaking|top) news$", r"trending", r"related (?:posts|articles|stories|news)",
    r"you (?:may|might) also like", r"read (?:also|more|next)", r"also read", r"see also", r"click (?:here|to)",
    r"(?:photo|image|picture)s? (?:from|by|credit|courtesy)", r"watch(?: the)? video", r"sign (?:in|up)",
    r"(?:reviewed|edited|fact[- ]checked|illustrations?|photos?|video) by", r"log ?(?:in|out)", r"subscribe",
    r"newsletter", r"follow us", r"share (?:this|on|via|to)", r"leave a (?:reply|comment)", r"comments?$",
    r"advertisement", r"cookies?", r"privacy policy", r"terms of (?:use|service)", r"all rights reserved",
    r"copyright", r"from wikipedia", r"filed (?:to|under)", r"(?:topics?|tags?|themen|schlagw(?:o|ö)rter?):",
    r"do not track", r"stay logged in", r"go to", r"lesen sie (?:auch|mehr)", r"mehr zum thema", r"startseite",
    r"anmelden", r"weiterlesen", r"kommentare?$", r"noch keine kommentare", r"werbung", r"anzeige$",
    r"zum inhalt", r"suchen nach", r"willkommen", r"continue reading", r"mehr lesen",
)  # fmt: skip
#: Words of share bars and menus: a short line made mostly of these is not a headline.
NAV_WORDS: frozenset[str] = frozenset(
    {"share", "shares", "tweet", "twitter", "facebook", "whatsapp", "messenger", "pinterest", "reddit",
     "pocket", "flipboard", "linkedin", "xing", "telegram", "email", "e-mail", "mail", "print", "embed",
     "more", "videos", "video", "comments", "comment", "save", "copy", "link", "menu", "search", "home",
     "login", "logout", "register", "subscribe", "follow", "rss", "feed", "close", "permalink", "teilen",
     "drucken", "mehr", "kommentare", "speichern", "merken", "kopieren", "menü", "suche", "abonnieren",
     "folgen", "schließen"}
)  # fmt: skip
#: Words that neither make nor break a line of NAV_WORDS ("Share to Twitter", "Share this with Email").
NAV_FILLERS: frozenset[str] = frozenset({"to", "this", "with", "on", "via", "the", "per", "auf", "and", "und"})
#: Marks of photo captions and credits anywhere in a line (matched in lowercase).
CAPTION_MARKERS: tuple[str, ...] = (
    r"\((?:photo|foto|bild|image|credit|quelle|source)\b", r"\b(?:photo|foto|bild|image|credit)s?\s*:",
    r"\b(?:bild)?quelle\s*:", r"/(?:reuters|afp|ap|dpa|epa|getty|istock)\b",
)  # fmt: skip
#: Names of picture agencies and the copyright sign: a line that holds one is a credit.
CAPTION_WORDS: tuple[str, ...] = (
    "©",
    "getty images",
    "shutterstock",
    "istockphoto",
    "imago images",
    "picture alliance",
)
#: Marks that stand between words as tokens of their own and are not words ("US & Canada").
LONE_MARKS = "&-\N{EN DASH}—|·•/+"
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
#: Line openings that mark list items, breadcrumbs and captions rather than a headline.
NOT_HEADLINE_STARTS = (
    "•", "·", "-", "*", "\N{EN DASH}", "—", "►", "▶", "■", "□", "○", "◦", "▪", ">", "»", "←", "→", "‹", "(", "[",
    "|", "#", "@",
)  # fmt: skip
#: Characters of breadcrumb trails ("Home » World » Asia").
BREADCRUMBS = ("»", "›", " > ", " / ")
#: Quote pairs a headline may be wrapped in on the page; the title drops them.
QUOTE_PAIRS: dict[str, str] = {
    "“": "”", "„": "“", "«": "»", "»": "«", '"': '"', "「": "」",
    "\N{LEFT SINGLE QUOTATION MARK}": "\N{RIGHT SINGLE QUOTATION MARK}",
}  # fmt: skip
#: Separators between a headline and a site name on a page-title line ("Headline | Site").
TITLE_SEPARATORS: tuple[str, ...] = (" | ", " - ", " \N{EN DASH} ", " — ", " · ", " :: ")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_NAV = re.compile(r"^\W*(?:" + _alternation(NAV_PHRASES) + r")(?![a-zäöüß])", re.IGNORECASE)
_CAPTION = re.compile("|".join(CAPTION_MARKERS))
_LONE_MARK = re.compile("(?:^|(?<= ))[" + re.escape(LONE_MARKS) + "](?= |$)")
_WORD = re.compile(r"[^\W_]+(?:['\N{RIGHT SINGLE QUOTATION MARK}.-][^\W_]+)*")
_BYLINE = re.compile(
    r"^\s*(?:(?:" + _alternation(BYLINE_WORDS) + r")\b\s*:?|(?:" + _alternation(BYLINE_LABELS) + r")\s*:)\s*",
    re.IGNORECASE,
)
_BYLINE_ANYWHERE = re.compile(
    r"(?:^|\|)[ \t]*(?:(?:" + _alternation(BYLINE_WORDS) + r")\b|(?:" + _alternation(BYLINE_LABELS) + r")[ \t]*:)",
    re.IGNORECASE | re.MULTILINE,
)
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
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Inc|Jr|Sr|Co|Ltd|St|Dr)\.)$")
_SENTENCE_END = re.compile(r"[a-z][.!?][\"”\N{RIGHT SINGLE QUOTATION MARK})]?(?:\s|$)")
_NO_DIGITS = str.maketrans("", "", "0123456789")
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+\.? ")
_TWO_SENTENCES = re.compile(r"[a-z]{2}[.!?] [A-Z]")
_DESK = re.compile(r"^(?P<site>\S.*?)\s+News\s+Desk$", re.IGNORECASE)


class DateRole(StrEnum):
    """What a header date says about the article, best first."""

    PUBLISHED = "published"
    PLAIN = "plain"
    UPDATED = "updated"


_ROLE_RANK = {DateRole.PUBLISHED: 0, DateRole.PLAIN: 1, DateRole.UPDATED: 2}


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


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline: who wrote the article, where, and the dates written on the same line."""

    line: int
    author: str
    dateline: str | None
    dates: tuple[tuple[DateRole, str], ...]


def extract_metadata(lines: Sequence[str], body: LineFlags, *, url: str | None = None) -> DumpMeta:
    """Find the headline and header metadata around the first body line.

    ``body`` marks the lines the classifier took as article body; lines past its end count as not body.
    Returns empty fields where nothing is found with confidence; never raises for odd text.
    """
    first_body = _first_body_line(lines, body)
    texts = {i: text for i in _window(len(lines), first_body) if (text := lines[i][:MAX_LINE_CHARS].strip())}
    index = list(texts)
    short = [text if len(text) <= MAX_BYLINE_CHARS else "" for text in texts.values()]
    dates = {index[k]: found for k, found in find_dates_in_lines(short).items()}
    maybe_bylines = sorted(dates.keys() | {index[k] for k in _lines_matching(_BYLINE_ANYWHERE, short)})
    bylines = [b for i in maybe_bylines if (b := _byline(i, texts[i], dates.get(i, ()))) is not None]
    date_lines = {i for i, found in dates.items() if _is_date_line(texts[i], found)}
    title_line, repeats = _headline(texts, dates, date_lines | {b.line for b in bylines}, first_body)
    anchor = title_line if title_line is not None else (first_body or 0)
    byline = min(bylines, key=lambda b: abs(b.line - anchor), default=None)
    dateline_lines = {
        i
        for i, text in texts.items()
        if len(text) <= MAX_DATELINE_CHARS and text[-1] in DATELINE_ENDS and _dateline_only(text) is not None
    }
    # Inside the body a longer line with a date is more often a list item than a header date.
    after = first_body if first_body is not None else len(lines)
    body_dates = {
        i for i in date_lines if i >= after and not _is_date_line(texts[i], dates[i], MAX_BODY_DATE_LINE_WORDS)
    }
    meta_lines = (date_lines - body_dates) | dateline_lines | repeats
    dateline = None
    if byline is not None:
        meta_lines.add(byline.line)
        dateline = byline.dateline
    if dateline is None and dateline_lines:
        dateline = _dateline_only(texts[min(dateline_lines, key=lambda i: abs(i - anchor))])
    if title_line is not None:
        meta_lines.add(title_line)
    return DumpMeta(
        title=_title_text(texts[title_line]) if title_line is not None else None,
        title_line=title_line,
        author=byline.author if byline else None,
        published=_published(byline, texts, dates, date_lines, anchor),
        dateline=dateline,
        site=_site(url, byline),
        meta_lines=frozenset(meta_lines),
    )


def _first_body_line(lines: Sequence[str], body: LineFlags) -> int | None:
    """The first body line that is not page furniture the classifier let through (a date, a menu)."""
    tolist = getattr(body, "tolist", None)  # a numpy array turns into a list far faster than it iterates
    flags = list(map(bool, tolist() if callable(tolist) else body))
    end = min(len(lines), len(flags))
    first = None
    i = -1
    while True:
        try:
            i = flags.index(True, i + 1, end)
        except ValueError:
            return first
        if not (text := lines[i][:MAX_LINE_CHARS].strip()):
            continue
        if first is None:
            first = i
        if i - first >= LINES_BEFORE_BODY or not _is_furniture(text):
            return i


def _is_furniture(text: str) -> bool:
    if _word_count(text) < MIN_TITLE_WORDS or _is_nav(text) or _is_caption(text):
        return True
    dates = find_dates(text) if len(text) <= MAX_BYLINE_CHARS else ()
    return (
        (bool(dates) and _is_date_line(text, dates))
        or _byline(0, text, dates) is not None
        or _dateline_only(text) is not None
    )


def _word_count(text: str) -> int:
    """Words, not counting marks that stand alone: ``US & Canada`` has two."""
    return len(text.split()) - len(_LONE_MARK.findall(text))


def _is_caption(text: str) -> bool:
    low = text.lower()
    if any(word in low for word in CAPTION_WORDS):
        return True
    return ("(" in low or ":" in low or "/" in low) and _CAPTION.search(low) is not None


def _is_nav(text: str) -> bool:
    if _NAV.match(text):
        return True
    if text.count(" ") >= MAX_DATE_LINE_WORDS:
        return False
    words = _WORD.findall(text.lower())
    if len(words) > MAX_DATE_LINE_WORDS:
        return False
    counted = [w for w in words if w not in NAV_FILLERS]
    return bool(counted) and sum(w in NAV_WORDS for w in counted) >= 0.6 * len(counted)


def _window(n: int, first_body: int | None) -> list[int]:
    """Line indices worth reading: the page head and the lines around the first body line."""
    if first_body is None:
        return list(range(min(n, HEAD_LINES)))
    head = range(min(HEAD_LINES, first_body))
    around = range(max(0, first_body - LINES_BEFORE_BODY), min(n, first_body + LINES_AFTER_BODY))
    return sorted(set(head) | set(around))


# --- headline ---------------------------------------------------------------------------------------


def _headline(
    texts: dict[int, str], dates: dict[int, tuple[FoundDate, ...]], header: set[int], first_body: int | None
) -> tuple[int | None, set[int]]:
    """The headline's line and the other lines that repeat it (as is, or as ``Headline | Site``)."""
    folded = "\n" + "\n".join(texts.values()).lower() + "\n"  # repeats are found in one string
    order = {i: k for k, i in enumerate(texts)}
    header_order = {order[i] for i in header}
    candidates = _title_candidates(texts, first_body)
    paragraphs = [i for i, _ in candidates if _is_paragraph(texts[i])]
    best: tuple[float, int] | None = None
    for i, distance in candidates:
        raw = texts[i]
        if len(raw) > MAX_TITLE_CHARS + 4 or raw.count(" ") < MIN_TITLE_WORDS - 1:
            continue
        if (i in dates and _is_date_line(raw, dates[i])) or _wrapped(raw, texts.get(i + 1, "")):
            continue
        text = _title_text(raw)
        if not (words := _headline_words(text)):
            continue
        score = _title_score(text, words, distance)
        score += _repeat_bonus(raw.lower(), text.lower(), folded, words)
        if any(order[i] + step in header_order for step in range(-HEADER_REACH[0], HEADER_REACH[1] + 1) if step):
            score += 1.0  # a byline or date next to it
        if any(p < i for p in paragraphs):
            score -= 1.5  # below running text: a subheading, or the headline of another story
        if best is None or score >= best[0]:  # candidates run upwards: a tie goes to the upper line
            best = (score, i)
    threshold = MIN_TITLE_SCORE if first_body is not None else MIN_TITLE_SCORE_WITHOUT_BODY
    if best is None or best[0] < threshold:
        return None, set()
    original = texts[best[1]]
    raw = original.lower()  # may be longer than the original: "İ".lower() is two characters
    title_line = min(i for i, _ in candidates if len(texts[i]) == len(original) and texts[i].lower() == raw)
    return title_line, _repeats(texts, raw, _title_text(texts[best[1]]).lower()) - {title_line}


def _lines_matching(pattern: re.Pattern[str], texts: Sequence[str]) -> set[int]:
    """Positions of the texts that ``pattern`` (a multi-line pattern) matches, in one search."""
    joined = "\n".join(texts)
    found, line, position = set(), 0, 0
    for match in pattern.finditer(joined):
        line += joined.count("\n", position, match.start())
        position = match.start()
        found.add(line)
    return found


def _repeats(texts: dict[int, str], raw: str, key: str) -> set[int]:
    """Lines that repeat the headline ``raw``, as is or joined to the site name (``key`` | Site)."""
    found = set()
    for i, text in texts.items():
        if len(text) < len(key):
            continue
        low = text.lower()
        if low == raw or _page_title_of(low, key):
            found.add(i)
    return found


def _title_candidates(texts: dict[int, str], first_body: int | None) -> list[tuple[int, int | None]]:
    """Lines that may hold the headline with their distance in non-empty lines to the first body line."""
    if first_body is None:
        return [(i, None) for i in texts]
    above = sorted((i for i in texts if i < first_body), reverse=True)[:TITLE_REACH]
    return [(first_body, 0), *((i, d) for d, i in enumerate(above))]


def _wrapped(text: str, following: str) -> bool:
    """Whether ``text`` is the first part of a sentence that a converter wrapped onto the next line.

    It is when the next line goes on in lowercase, or when it ends in a short lowercase word ("in der").
    """
    if len(text) < MIN_WRAPPED_CHARS:
        return False
    last = text.rsplit(None, 1)[-1]
    return (following[:1].islower() and not _BYLINE.match(following)) or (len(last) <= 3 and last.islower())


def _headline_words(text: str) -> int:
    """The number of words of a line that reads as a headline, 0 for any other line."""
    if len(text) > MAX_TITLE_CHARS or text.count(" ") < MIN_TITLE_WORDS - 1:
        return 0
    if text[-1] in ".…:;," and not (text[-1] == "." and _ABBREVIATION_END.search(text) and text[-2:] != ".."):
        return 0
    if "。" in text or (text[0].islower() and not text[1:2].isupper()) or _SECTION_NUMBER.match(text):
        return 0  # a CJK sentence, the middle of a sentence ("iPhone" is fine), or "4.5 Section"
    if text.startswith(NOT_HEADLINE_STARTS) or text.count("|") > 1 or any(b in text for b in BREADCRUMBS):
        return 0
    if "://" in text or "www." in text or "@" in text or _TWO_SENTENCES.search(text):
        return 0
    words = _word_count(text)
    if not MIN_TITLE_WORDS <= words <= MAX_TITLE_WORDS or text.count(",") * 2 >= words > 3:
        return 0  # too short, too long, or a list of tags
    if len(text) - len(text.translate(_NO_DIGITS)) > 0.3 * (len(text) - text.count(" ")):
        return 0
    if _is_nav(text) or _is_caption(text) or _looks_like_byline(text):
        return 0
    return 0 if _dateline_only(text) is not None else words


def _looks_like_byline(text: str) -> bool:
    """A byline, or a line that opens like one: ``by Lucas Nolan22 Dec 2016`` is no headline either."""
    match = _BYLINE.match(text)
    return match is not None and text[match.end() : match.end() + 1].isupper()


def _is_paragraph(text: str) -> bool:
    return text.count(" ") + 1 >= MIN_PARAGRAPH_WORDS and _SENTENCE_END.search(text) is not None


def _title_score(text: str, words: int, distance: int | None) -> float:
    # Full marks across a header block (headline, standfirst, byline, date), then fading with distance.
    score = 0.0 if distance is None else max(0.0, 2.0 - 0.1 * max(0, distance - HEADER_BLOCK))
    if 5 <= words <= 15:
        score += 1.0
    elif 15 < words <= 20:
        score += 0.5  # as long as a standfirst
    tokens = text.split()
    long_words = sum(1 for w in tokens if len(w) > 3)
    if long_words and sum(1 for w in tokens if len(w) > 3 and w[0].isupper()) >= 0.6 * long_words:
        score += 0.5
    if " | " in text:
        score -= 1.5
    return score


def _repeat_bonus(raw: str, key: str, folded: str, words: int) -> float:
    """Bonus for a line the page repeats (``folded``: the window's lines in lowercase, one per line)."""
    if folded.count(f"\n{raw}\n") > 1:
        return 3.0 if words >= 5 else 1.0  # menus repeat short labels too
    start = folded.find(key)
    while start >= 0:  # "Headline | Site" or "Site - Headline": the page's own title
        end = start + len(key)
        if folded[start - 1 : start] == "\n" and folded.startswith(TITLE_SEPARATORS, end):
            return 1.5
        if folded[end : end + 1] == "\n" and folded.endswith(TITLE_SEPARATORS, 0, start):
            return 1.5
        start = folded.find(key, end)
    return 0.0


def _page_title_of(text_key: str, title_key: str) -> bool:
    """Whether ``text_key`` is ``title_key`` with a site name: ``Headline | Site``, ``Site - Headline``."""
    if len(text_key) <= len(title_key):
        return False
    if text_key.startswith(title_key):
        return text_key[len(title_key) :].startswith(TITLE_SEPARATORS)
    return text_key.endswith(title_key) and text_key[: -len(title_key)].endswith(TITLE_SEPARATORS)


def _title_text(text: str) -> str:
    """The line as a title: whitespace collapsed, wrapping quotes dropped, a doubled text once."""
    text = " ".join(text.split())
    half = len(text) // 2
    if half and text[:half] == text[half:]:
        text = text[:half].strip()  # w3m writes an image's alt text before the same link text
    closer = QUOTE_PAIRS.get(text[:1])
    if closer is None or len(text) <= 2 or closer in text[1:-1]:
        return text
    if text[-1] == closer or (text[0] == "„" and text[-1] == "”"):
        text = text[1:-1].strip()
    return text


# --- bylines, datelines, dates ---------------------------------------------------------------------


def _byline(line: int, text: str, dates: tuple[FoundDate, ...]) -> Byline | None:
    if len(text) > MAX_BYLINE_CHARS:
        return None
    if "|" not in text and not dates and not _BYLINE.match(text):
        return None
    parts = [part.strip() for part in text.split("|")]
    author = dateline = None
    prefixed = next((part for part in parts if _BYLINE.match(part)), None)  # "Home | By Jane Doe | May 29"
    if prefixed is not None:
        author = _name_after_prefix(prefixed, dated=bool(dates))
    elif dates and (inner := _inner_by(text)) is not None and _is_date_line(text, dates):
        author = _name(text[inner:])  # "Posted on May 29, 2025 by Jane Doe"
    elif len(parts) > 1 and (dates or _UPDATED.search(text) or _PUBLISHED.search(text)):
        first = None if ":" in parts[0] or find_dates(parts[0]) else _name(parts[0])
        author = first if first is not None and " " in first else None  # one word is a section name
        dateline = _place(parts[1]) if len(parts) > 2 else None
    if author is None:
        return None
    return Byline(line, author, dateline, tuple((_role(text, date), date.iso) for date in dates))


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
        if any(c.isdigit() for c in word) or word.endswith(":"):
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
    if not 1 <= len(words) <= 4 or ":" in text or any(c.isdigit() for c in text):
        return None
    if _UPDATED.search(text) or _PUBLISHED.search(text) or not all(w[0].isupper() for w in words):
        return None
    return " ".join(words)


def _dateline_only(text: str) -> str | None:
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


def _is_date_line(text: str, dates: tuple[FoundDate, ...], max_words: int = MAX_DATE_LINE_WORDS) -> bool:
    """Whether a line is a date with a few words around it rather than a sentence that names a date."""
    rest = text
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    words = rest.split()
    return len(words) <= max_words and not (len(words) > 2 and rest.rstrip()[-1:] in ".!?")


def _role(text: str, date: FoundDate) -> DateRole:
    before = text[max(0, date.start - 30) : date.start]
    before = before.rsplit("|", 1)[-1]
    if _PUBLISHED.search(before):
        return DateRole.PUBLISHED
    if _UPDATED.search(before):
        return DateRole.UPDATED
    return DateRole.PLAIN


def _published(
    byline: Byline | None,
    texts: dict[int, str],
    dates: dict[int, tuple[FoundDate, ...]],
    date_lines: set[int],
    anchor: int,
) -> str | None:
    """The byline's date (published before plain before updated), else the header date nearest the title."""
    if byline is not None and byline.dates:
        return min(byline.dates, key=lambda d: _ROLE_RANK[d[0]])[1]
    ranked = [
        (_ROLE_RANK[_role(texts[i], date)], abs(i - anchor), i, date.start, date.iso)
        for i in date_lines
        for date in dates[i]
    ]
    return min(ranked)[-1] if ranked else None


def _site(url: str | None, byline: Byline | None) -> str | None:
    if url:
        try:
            host = urlsplit(url.strip()).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    if byline is not None and (desk := _DESK.match(byline.author)):
        return desk.group("site")
    return None
