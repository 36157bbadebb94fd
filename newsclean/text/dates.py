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
from collections.abc import Sequence
from dataclasses import dataclass

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
_YEAR_FIRST = re.compile(
    r"(?<!\d)(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)" + _TIME
)
_DAY_FIRST = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})(?P<sep>[-/.])\s?(?P<month>\d{1,2})(?P=sep)\s?(?P<year>\d{4})(?!\d)" + _TIME
)
_DAY_MONTH_NAME = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?i:st|nd|rd|th|er|º)?\.?\s*(?i:de\s+)?"
    + _MONTH
    + r"(?:\s*,)?\s+(?i:del?\s+)?(?P<year>\d{4})(?!\d)"
    + _TIME
)
_MONTH_NAME_DAY = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?i:st|nd|rd|th)?\s*,?\s+(?P<year>\d{4})(?!\d)" + _TIME
)
_PATTERNS = (_YEAR_FIRST, _DAY_FIRST, _DAY_MONTH_NAME, _MONTH_NAME_DAY)
_YEAR_HINT = re.compile(r"(?:19|20|21)\d\d")  # a cheap test before the full patterns
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
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso is not None:
                found.append(FoundDate(iso, match.start(), match.end()))
    found.sort(key=lambda d: (d.start, -d.end))
    kept: list[FoundDate] = []
    for date in found:
        if not kept or date.start >= kept[-1].end:
            kept.append(date)
    return tuple(kept)


def find_dates_in_lines(lines: Sequence[str]) -> dict[int, tuple[FoundDate, ...]]:
    """:func:`find_dates` for each of ``lines``, keyed by position; lines without a date are left out.

    One pass over the joined lines finds those that hold a year, so a window of lines costs one search
    rather than one per line.
    """
    joined = "\n".join(lines)
    found: dict[int, tuple[FoundDate, ...]] = {}
    line, position = 0, 0
    for match in _YEAR_HINT.finditer(joined):
        line += joined.count("\n", position, match.start())
        position = match.start()
        if line not in found:
            found[line] = find_dates(lines[line])
    return {k: dates for k, dates in found.items() if dates}


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as an ISO 8601 string, or ``None`` when there is none."""
    dates = find_dates(text)
    return dates[0].iso if dates else None


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year, day = int(groups["year"]), int(groups["day"])
    if groups.get("month_name"):
        month = MONTHS.get(groups["month_name"].lower(), 0)
        if not month:
            return None
    else:
        month = int(groups["month"])
        if match.re is _DAY_FIRST and groups["sep"] == "/":
            if month > 12 >= day:
                day, month = month, day
            elif day <= 12 and month <= 12 and day != month:
                return None  # 05/06/2025: day first or month first cannot be told apart
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date.isoformat() + _time(groups)


def _time(groups: dict[str, str | None]) -> str:
    if groups["hour"] is None or groups["minute"] is None:
        return ""
    hour, minute, second = int(groups["hour"]), int(groups["minute"]), int(groups["second"] or 0)
    ampm = (groups["ampm"] or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return ""
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return ""
    return f"T{hour:02d}:{minute:02d}:{second:02d}" + _offset(groups["zone"])


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
    return f"{sign}{hours:02d}:{minutes:02d}"
