"""Dates written in page headers and bylines, read as ISO 8601 strings.

Understood forms, each with an optional time of day (``02:52``, ``10:00:00``, ``3:15 pm``, ``14:30 Uhr``)
and timezone (``Z``, ``+05:30``, ``UTC+2`` or an abbreviation from :data:`TIMEZONES`):

- ISO and year-first: ``2025-05-29``, ``2025-05-29T10:00:00Z``, ``2025/05/29``;
- numeric day first: ``19.10.2019``, ``05-06-2025``; with slashes (``05/06/2025``) the order is read
  from the numbers, and a date that reads both ways is skipped;
- month names in English or German: ``29 May 2025``, ``19. Oktober 2019``, ``May 29, 2025``.

Only years :data:`MIN_YEAR` to :data:`MAX_YEAR` count. A date alone gives ``YYYY-MM-DD``; with a time
``YYYY-MM-DDTHH:MM:SS``, followed by the UTC offset when a timezone is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .lines import line_numbers

try:  # optional compiled loop (setup.py)
    from ._widths import hinted_lines as _compiled_hinted_lines
except ImportError:  # not built: string searches for the year hints, then their lines
    _compiled_hinted_lines = None

MIN_YEAR, MAX_YEAR = 1990, 2100
#: Only this many characters of a line are searched for dates.
MAX_SCAN_CHARS = 300

#: Month names and abbreviations (English, German, French, Spanish, Portuguese, Italian, Dutch), lowercase,
#: to the month number. Abbreviations that are common words in one of these languages are left out.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "januar": 1, "jänner": 1, "jän": 1, "janvier": 1, "janv": 1, "enero": 1,
    "ene": 1, "janeiro": 1, "gennaio": 1, "gen": 1, "januari": 1,
    "february": 2, "feb": 2, "februar": 2, "février": 2, "fevrier": 2, "févr": 2, "febrero": 2,
    "fevereiro": 2, "fev": 2, "febbraio": 2, "februari": 2,
    "march": 3, "mar": 3, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3, "mars": 3, "marzo": 3, "março": 3,
    "maart": 3,
    "april": 4, "apr": 4, "avril": 4, "avr": 4, "abril": 4, "abr": 4, "aprile": 4,
    "may": 5, "mai": 5, "mayo": 5, "maio": 5, "maggio": 5, "mag": 5, "mei": 5,
    "june": 6, "jun": 6, "juni": 6, "juin": 6, "junio": 6, "junho": 6, "giugno": 6, "giu": 6,
    "july": 7, "jul": 7, "juli": 7, "juillet": 7, "juil": 7, "julio": 7, "julho": 7, "luglio": 7, "lug": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8, "agosto": 8, "ago": 8, "augustus": 8,
    "september": 9, "sept": 9, "sep": 9, "septembre": 9, "septiembre": 9, "setiembre": 9, "setembro": 9,
    "settembre": 9,
    "october": 10, "oct": 10, "oktober": 10, "okt": 10, "octobre": 10, "octubre": 10, "outubro": 10,
    "ottobre": 10, "ott": 10,
    "november": 11, "nov": 11, "novembre": 11, "noviembre": 11, "novembro": 11,
    "december": 12, "dec": 12, "dezember": 12, "dez": 12, "décembre": 12, "decembre": 12, "déc": 12,
    "diciembre": 12, "dic": 12, "dezembro": 12, "dicembre": 12,
}  # fmt: skip

#: Weekday names (English, German), lowercase; they often precede a header date.
WEEKDAYS: frozenset[str] = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    }
)  # fmt: skip

#: Timezone abbreviations to UTC offsets. IST is India Standard Time, the common one on news pages.
TIMEZONES: dict[str, str] = {
    "UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "WET": "+00:00",
    "BST": "+01:00", "CET": "+01:00", "MEZ": "+01:00", "WEST": "+01:00",
    "CEST": "+02:00", "MESZ": "+02:00", "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00",
    "IST": "+05:30", "PKT": "+05:00", "ICT": "+07:00", "WIB": "+07:00",
    "CST": "-06:00", "CDT": "-05:00", "EST": "-05:00", "EDT": "-04:00",
    "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00",
    "HKT": "+08:00", "SGT": "+08:00", "AWST": "+08:00", "JST": "+09:00", "KST": "+09:00",
    "AEST": "+10:00", "AEDT": "+11:00", "NZST": "+12:00", "NZDT": "+13:00",
}  # fmt: skip

# Any short word stands where a month name may be; :func:`_iso` looks it up in MONTHS. A character class
# is much faster than an alternation of every name, and a word that is not a month cannot hide one.
_MONTH = r"(?P<month_name>[^\W\d_]{3,10})(?![^\W\d_])\.?"
_ZONE = "|".join(sorted((re.escape(z) for z in TIMEZONES), key=len, reverse=True))
_TIME = (
    r"(?:(?:\s*,)?(?:\s*(?i:at|um|à|às|a las|alle|om|-|\N{EN DASH})\s*|\s*|T)"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d)(?::(?P<second>\d{2}))?(?:\.\d+)?"
    r"(?:\s*(?P<ampm>(?i:[ap]\.?m\b\.?)))?(?:\s*(?i:uhr|hrs|h)\b)?"
    r"(?:\s*(?P<zone>Z(?![A-Za-z])|[+-]\d{2}:?\d{2}|(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?"
    r"|(?:" + _ZONE + r")\b))?)?"
)
# The patterns that start with a number open with a digit and look behind it (``\d(?<!\d\d)`` is a digit
# after no digit), so the regex engine skips to the digits instead of trying a look-behind everywhere.
_YEAR_FIRST = re.compile(
    r"(?P<year>\d(?<!\d\d)\d{3})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)" + _TIME
)
_DAY_FIRST = re.compile(
    r"(?P<day>\d(?<![\d.]\d)\d?)(?P<sep>[-/.])\s?(?P<month>\d{1,2})(?P=sep)\s?(?P<year>\d{4})(?!\d)" + _TIME
)
_DAY_MONTH_NAME = re.compile(
    r"(?P<day>\d(?<!\d\d)\d?)(?i:st|nd|rd|th|er|º)?\.?\s*(?i:de\s+)?"
    + _MONTH
    + r"(?:\s*,)?\s+(?i:del?\s+)?(?P<year>\d{4})(?!\d)"
    + _TIME
)
_MONTH_NAME_DAY = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?i:st|nd|rd|th)?\s*,?\s+(?P<year>\d{4})(?!\d)" + _TIME
)
_YEAR_OPENINGS = ("19", "20", "21")
_YEAR_HINT = re.compile(r"(?:19|20|21)\d\d")  # a cheap test before the full patterns
#: Four digits on their own: a year when :data:`MIN_YEAR` to :data:`MAX_YEAR`.
_FOUR_DIGITS = re.compile(r"\d(?<!\d\d)\d{3}(?!\d)")
_SEPARATORS = ("-", "/", ".")
#: The day of :data:`_MONTH_NAME_DAY` right before its year (past spaces and a comma), in the last three
#: characters.
_DAY_AT_END = re.compile(r"\d(?i:st|nd|rd|th)?\Z")
#: ``"00"`` to ``"99"``: formatting from a table is faster than a format spec.
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(100))
_OFFSET = re.compile(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a line: its ISO 8601 value and where it was written (``text[start:end]``)."""

    iso: str
    start: int
    end: int


def find_dates(text: str) -> tuple[FoundDate, ...]:
    """The dates written in the first :data:`MAX_SCAN_CHARS` characters of ``text``, left to right."""
    text = text[:MAX_SCAN_CHARS]
    if not _YEAR_HINT.search(text):
        return ()
    return _dates_in(text)


def _dates_in(text: str) -> tuple[FoundDate, ...]:
    """:func:`find_dates` of a text of at most :data:`MAX_SCAN_CHARS` characters that holds a year hint."""
    found: list[FoundDate] = []
    for pattern in _patterns_for(text):
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso is not None:
                found.append(FoundDate(iso, match.start(), match.end()))
    if len(found) < 2:
        return tuple(found)
    found.sort(key=lambda d: (d.start, -d.end))
    kept: list[FoundDate] = []
    for date in found:
        if not kept or date.start >= kept[-1].end:
            kept.append(date)
    return tuple(kept)


def find_dates_in_lines(
    lines: Sequence[str], *, max_chars: int | None = None, joined: str | None = None
) -> dict[int, tuple[FoundDate, ...]]:
    """:func:`find_dates` for each of ``lines``, keyed by position; lines without a date are left out.

    Lines longer than ``max_chars`` are skipped. ``joined`` is the lines joined by ``"\n"``, when the
    caller has it. One pass over the joined lines (see :func:`_hinted_lines`) finds those that may hold a
    year, so a window of lines costs one fast scan rather than a pattern per line.
    """
    if joined is None:
        joined = "\n".join(lines)
    hinted = joined.count("\n") == max(len(lines) - 1, 0)  # else a line holds a line break of its own
    candidates: Iterable[int] = _hinted_lines(joined) if hinted else range(len(lines))
    found: dict[int, tuple[FoundDate, ...]] = {}
    for k in candidates:
        line = lines[k]
        if max_chars is not None and len(line) > max_chars:
            continue
        # A hinted line shorter than the scan holds its year hint where find_dates looks: no need to look again.
        if dates := (_dates_in(line) if hinted and len(line) <= MAX_SCAN_CHARS else find_dates(line)):
            found[k] = dates
    return found


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as an ISO 8601 string, or ``None`` when there is none."""
    dates = find_dates(text)
    return dates[0].iso if dates else None


def _hinted_lines(text: str, *, compiled: bool = True) -> list[int]:
    """The numbers of the lines of ``text`` that hold a year hint (see :func:`_year_hints`), each once, in
    order: in one pass of the compiled loop where it is built (``compiled``), else from string searches."""
    if compiled and _compiled_hinted_lines is not None:
        return _compiled_hinted_lines(text)
    return list(dict.fromkeys(line_numbers(text, _year_hints(text))))


def _year_hints(text: str) -> list[int]:
    """Where :data:`_YEAR_HINT` matches in ``text``, in order, found with string searches (far faster than a
    pattern)."""
    found = []
    find = text.find
    for opening in _YEAR_OPENINGS:
        position = find(opening)
        while position >= 0:
            if text[position + 2 : position + 4].isdecimal():
                found.append(position)
            position = find(opening, position + 1)
    found.sort()
    return found


def _patterns_for(text: str) -> list[re.Pattern[str]]:
    """The patterns that can find a date in ``text``: each needs a year with certain characters around it.

    A match whose year is out of range gives no date, so leaving out a pattern that has no such year
    changes no result.
    """
    year_first = day_first = month_before = day_before = False
    for match in _FOUR_DIGITS.finditer(text):
        if not MIN_YEAR <= int(match.group()) <= MAX_YEAR:
            continue
        start = match.start()
        before = text[start - 1 : start]
        year_first = year_first or text[match.end() : match.end() + 1] in _SEPARATORS
        day_first = (
            day_first or before in _SEPARATORS or (before.isspace() and text[start - 2 : start - 1] in _SEPARATORS)
        )
        if before.isspace():  # a month name's year: what stands before it, past spaces and a comma
            head = text[:start].rstrip()
            if head.endswith(","):
                head = head[:-1].rstrip()
            last = head[-1:]
            # "29 May 2025", "Okt. 2019", "mayo de 2025": a letter ([^\W\d_]) or a full stop
            month_before = month_before or last == "." or (last.isalnum() and not last.isdecimal())
            # "May 29, 2025", "May 1st 2025": a day
            day_before = day_before or _DAY_AT_END.search(head, max(0, len(head) - 3)) is not None
    patterns = [_YEAR_FIRST] if year_first else []
    if day_first:
        patterns.append(_DAY_FIRST)
    if month_before:
        patterns.append(_DAY_MONTH_NAME)
    if day_before:
        patterns.append(_MONTH_NAME_DAY)
    return patterns


def _iso(match: re.Match[str]) -> str | None:
    year, day = int(match["year"]), int(match["day"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    pattern = match.re
    if pattern is _DAY_MONTH_NAME or pattern is _MONTH_NAME_DAY:  # the patterns with a month name
        month = MONTHS.get(match["month_name"].lower(), 0)
        if not month:
            return None
    else:
        month = int(match["month"])
        if pattern is _DAY_FIRST and match["sep"] == "/":
            if month > 12 >= day:
                day, month = month, day
            elif day <= 12 and month <= 12 and day != month:
                return None  # 05/06/2025: day first or month first cannot be told apart
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year}-{_TWO_DIGITS[month]}-{_TWO_DIGITS[day]}" + _time(match)


def _time(match: re.Match[str]) -> str:
    hour, minute = match["hour"], match["minute"]
    if hour is None or minute is None:
        return ""
    h, m, s = int(hour), int(minute), int(match["second"] or 0)
    ampm = (match["ampm"] or "").lower()
    if ampm:
        if not 1 <= h <= 12:
            return ""
        h = h % 12 + (12 if ampm.startswith("p") else 0)
    if h > 23 or m > 59 or s > 59:
        return ""
    return f"T{_TWO_DIGITS[h]}:{_TWO_DIGITS[m]}:{_TWO_DIGITS[s]}" + _offset(match["zone"])


def _offset(zone: str | None) -> str:
    if not zone:
        return ""
    if zone in TIMEZONES:
        return TIMEZONES[zone]
    match = _OFFSET.fullmatch(zone)
    if match is None:
        return ""
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes > 59:
        return ""
    return f"{sign}{_TWO_DIGITS[hours]}:{_TWO_DIGITS[minutes]}"
