"""The headline of a page: the line around the first body line that reads best as one.

Each line up to :data:`TITLE_REACH` non-empty lines above the first body line (and that line itself)
that reads as a headline is scored for closeness to the body, length, title case, a byline or date next
to it, and being repeated (as is, or as the page title ``Headline | Site``); lines below running text
lose points.

Cheap tests come first: a line is given up after a few string methods when it cannot be a headline,
and as soon as its score can no longer reach the best score so far (a line that could only reach it by
being repeated, after one count); the tests for menus, captions and bylines run last, only on a line that
would be taken.
"""

from __future__ import annotations

import re

from .byline import byline_opening, dateline_only, opens_like_byline
from .furniture import is_caption, is_nav, lone_marks
from .window import Window

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
#: Non-empty lines above the first body line that form the header block around the headline.
HEADER_BLOCK = 4
#: A byline or date line this close to a line (in non-empty lines, before, after) marks a headline.
HEADER_REACH = (2, 4)

#: Line openings that mark list items, breadcrumbs and captions rather than a headline.
NOT_HEADLINE_STARTS = (
    "•", "·", "-", "*", "\N{EN DASH}", "—", "►", "▶", "■", "□", "○", "◦", "▪", ">", "»", "←", "→", "‹", "(", "[",
    "|", "#", "@",
)  # fmt: skip
#: Line ends of sentences, teasers and labels (a full stop only after an abbreviation: "the U.S.").
_NOT_HEADLINE_ENDS = frozenset(("…", ":", ";", ","))
#: :data:`NOT_HEADLINE_STARTS` as a set: each opening is one character, so one look-up tests them all.
_NOT_HEADLINE_FIRST = frozenset(NOT_HEADLINE_STARTS)
#: Characters of breadcrumb trails ("Home » World » Asia").
BREADCRUMBS = ("»", "›", " > ", " / ")
#: Quote pairs a headline may be wrapped in on the page; the title drops them.
QUOTE_PAIRS: dict[str, str] = {
    "“": "”", "„": "“", "«": "»", "»": "«", '"': '"', "「": "」",
    "\N{LEFT SINGLE QUOTATION MARK}": "\N{RIGHT SINGLE QUOTATION MARK}",
}  # fmt: skip
#: Separators between a headline and a site name on a page-title line ("Headline | Site").
TITLE_SEPARATORS: tuple[str, ...] = (" | ", " - ", " \N{EN DASH} ", " — ", " · ", " :: ")

# Points of a line besides its closeness to the body.
_REPEAT_BONUS = 3.0  # 1.0 for a line of fewer than five words: menus repeat short labels too
_PAGE_TITLE_BONUS = 1.5
_HEADER_BONUS = 1.0
_TEXT_BONUS = 1.5  # at most: 1.0 for its length, 0.5 for title case
_SITE_PENALTY = 1.5  # "Headline | Site" itself
_BELOW_TEXT_PENALTY = 1.5
#: Scores are sums of tenths: a bound is trusted only when it misses the best score by more than this.
_ROUNDING = 1e-9

#: A headline may end in initials ("the U.S.") or in one of these abbreviations with a full stop.
ABBREVIATIONS: tuple[str, ...] = ("Inc", "Jr", "Sr", "Co", "Ltd", "St", "Dr")
# The two patterns below open with the punctuation and look behind it for the letters, so the regex
# engine skips to the punctuation instead of trying every letter.
_SENTENCE_END = re.compile(r"[.!?](?<=[a-z][.!?])[\"”\N{RIGHT SINGLE QUOTATION MARK})]?(?:\s|$)")
_TWO_SENTENCES = re.compile(r"[.!?](?<=[a-z]{2}[.!?]) [A-Z]")
#: Initials or an abbreviation at the end of a line, matched at the start of the reversed line.
_ABBREVIATION_END_REVERSED = re.compile(
    r"(?:\.[A-Z]){2,}\b|\.(?:" + "|".join(sorted((a[::-1] for a in ABBREVIATIONS), key=len, reverse=True)) + r")\b"
)
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+\.? ")
_ASCII_DIGITS = re.compile("[0-9]+")
#: White space that is not one plain space: another kind, or two in a row.
_UNEVEN_SPACE = re.compile(r"[^\S ]|  ")
_ASCII_DIGIT = re.compile("[0-9]")
_HEADER_STEPS = tuple(step for step in range(-HEADER_REACH[0], HEADER_REACH[1] + 1) if step)


def find_headline(
    window: Window, date_lines: set[int], header: set[int], body: int | None
) -> tuple[int | None, set[int]]:
    """The headline's position in ``window`` and those of the other lines that repeat it.

    ``date_lines`` and ``header`` (date lines and bylines) are positions too; ``body`` is the position of
    the first body line, ``None`` when there is none.
    """
    texts, lengths = window.texts, window.lengths
    if body is None:
        top, order = 0, range(len(texts))
    else:  # upwards from the first body line, so that a tie goes to the upper line
        top = max(0, body - TITLE_REACH)
        order = range(body, top - 1, -1)
    candidates = [
        k
        for k in order
        if lengths[k] <= MAX_TITLE_CHARS + 4 and texts[k].count(" ") >= MIN_TITLE_WORDS - 1 and k not in date_lines
    ]
    near_header = {h - step for h in header for step in _HEADER_STEPS}  # a byline or date next to it
    first_paragraph: int | None = None
    best, best_score = None, 0.0
    for k in candidates:
        raw = texts[k]
        if len(raw) >= MIN_WRAPPED_CHARS and _wrapped(raw, window.following(k)):
            continue
        quoted = raw[0] in QUOTE_PAIRS
        if not quoted and _opens_or_ends_unlike_headline(raw):
            continue  # as its title text would, which keeps the first and last characters
        closeness = 0.0 if body is None else _CLOSENESS[body - 1 - k]
        if first_paragraph is None:  # the first line to need it is the lowest one
            first_paragraph = _first_paragraph(texts, top, len(texts) if body is None else k)
        below_text = first_paragraph < k  # a subheading, or the headline of another story
        # The most the line can score; once that cannot reach the best score so far, it is given up.
        bound = closeness + _HEADER_BONUS * (k in near_header) - _BELOW_TEXT_PENALTY * below_text
        # Past a page title's points only a repeat could lift it to the best score so far: one count tells.
        if (
            best is not None
            and bound + _TEXT_BONUS + _PAGE_TITLE_BONUS < best_score - _ROUNDING
            and (bound + _TEXT_BONUS + _REPEAT_BONUS < best_score - _ROUNDING or not window.repeated(k))
        ):
            continue
        text = title_text(raw)
        if not _shaped_like_headline(text, ends_tested=not quoted and text == raw):
            continue
        key = text.lower()
        repeated, page_title = _repeat_marks(window, k, key)
        bound += _TEXT_BONUS + (_REPEAT_BONUS if repeated else _PAGE_TITLE_BONUS if page_title else 0.0)
        if best is not None and bound - _SITE_PENALTY * (" | " in text) < best_score - _ROUNDING:
            continue
        tokens = text.split(" ")
        if not (words := _headline_words(text, tokens)):
            continue
        score = _title_score(text, tokens, words, closeness)
        if repeated:
            score += _REPEAT_BONUS if words >= 5 else 1.0
        elif page_title:
            score += _PAGE_TITLE_BONUS
        if k in near_header:
            score += _HEADER_BONUS
        if below_text:
            score -= _BELOW_TEXT_PENALTY
        # A line that loses is not taken whatever it reads as: the tests of furniture run on the others only.
        if (best is None or score >= best_score) and not _reads_unlike_headline(text, key):
            best, best_score = k, score
    if best is None or best_score < (MIN_TITLE_SCORE if body is not None else MIN_TITLE_SCORE_WITHOUT_BODY):
        return None, set()
    original = texts[best]
    raw = original.lower()  # may be longer than the original: "İ".lower() is two characters
    title = lengths.index(len(original), top)
    while texts[title].lower() != raw:  # the first of the lines that read the same
        title = lengths.index(len(original), title + 1)
    return title, _repeats(window, raw, title_text(original).lower()) - {title}


def title_text(text: str) -> str:
    """The line as a title: whitespace collapsed, wrapping quotes dropped, a doubled text once."""
    # White space other than a plain space is not printable: most lines are, which one pass tells.
    uneven = "  " in text or (not text.isprintable() and _UNEVEN_SPACE.search(text) is not None)
    if uneven or text[:1].isspace() or text[-1:].isspace():
        text = " ".join(text.split())  # else it is as split() and join() would give it, at the cost of a search
    half = len(text) // 2
    if half and text[0] == text[half] and text[:half] == text[half:]:
        text = text[:half].strip()  # w3m writes an image's alt text before the same link text
    closer = QUOTE_PAIRS.get(text[:1])
    if closer is None or len(text) <= 2 or closer in text[1:-1]:
        return text
    if text[-1] == closer or (text[0] == "„" and text[-1] == "”"):
        text = text[1:-1].strip()
    return text


def _opens_or_ends_unlike_headline(text: str) -> bool:
    """The tests of :func:`_shaped_like_headline` on the first and last characters alone."""
    first = text[0]
    return (
        (first.islower() and not text[1:2].isupper()) or first in _NOT_HEADLINE_FIRST or text[-1] in _NOT_HEADLINE_ENDS
    )


def _shaped_like_headline(text: str, *, ends_tested: bool = False) -> bool:
    """Whether a title text has the shape of a headline: the tests made with string methods alone
    (``ends_tested``: :func:`_opens_or_ends_unlike_headline` already passed it)."""
    if len(text) > MAX_TITLE_CHARS or text.count(" ") < MIN_TITLE_WORDS - 1:
        return False
    if not ends_tested and _opens_or_ends_unlike_headline(text):
        return False  # the middle of a sentence ("iPhone" is fine), a list item, a caption, a teaser
    if text[-1] == "." and not (_ABBREVIATION_END_REVERSED.match(text[::-1]) and text[-2:] != ".."):
        return False
    if "。" in text or "://" in text or "www." in text or "@" in text or text.count("|") > 1:
        return False  # a CJK sentence, a link or an address, a menu
    if any(map(text.__contains__, BREADCRUMBS)) or (text[0].isdecimal() and _SECTION_NUMBER.match(text)):
        return False  # a breadcrumb trail, or "4.5 Section"
    return _TWO_SENTENCES.search(text) is None


def _headline_words(text: str, tokens: list[str]) -> int:
    """The number of words of a title text shaped like a headline, 0 when they are too few or too many
    for one, or a list of tags.

    ``tokens`` is the text split at its spaces (single ones in a title text).
    """
    words = len(tokens) - lone_marks(tokens)
    if not MIN_TITLE_WORDS <= words <= MAX_TITLE_WORDS or text.count(",") * 2 >= words > 3:
        return 0
    return words


def _reads_unlike_headline(text: str, low: str) -> bool:
    """Whether a title text with the words of a headline is rather mostly digits, a menu, a caption, a
    byline or a dateline (``low``: the text in lowercase)."""
    if _ASCII_DIGIT.search(text) and sum(map(len, _ASCII_DIGITS.findall(text))) > 0.3 * (len(text) - text.count(" ")):
        return True  # most titles have no digit, which one search tells
    return is_nav(text, low) or is_caption(low) or opens_like_byline(text) or dateline_only(text) is not None


def _wrapped(text: str, following: str) -> bool:
    """Whether ``text`` is the first part of a sentence that a converter wrapped onto the next line.

    It is when the next line goes on in lowercase, or when it ends in a short lowercase word ("in der").
    """
    last = text.rsplit(None, 1)[-1]
    return (following[:1].islower() and not byline_opening(following)) or (len(last) <= 3 and last.islower())


def _first_paragraph(texts: tuple[str, ...], start: int, end: int) -> int:
    """The position of the first line of running text from ``start`` to ``end``; ``len(texts)`` if none."""
    for k in range(start, end):
        if texts[k].count(" ") + 1 >= MIN_PARAGRAPH_WORDS and _SENTENCE_END.search(texts[k]) is not None:
            return k
    return len(texts)


def _closeness(distance: int) -> float:
    """Full marks across a header block (headline, standfirst, byline, date), then fading with distance."""
    return max(0.0, 2.0 - 0.1 * max(0, distance - HEADER_BLOCK))


#: :func:`_closeness` of the lines 0 to :data:`TITLE_REACH` - 1 between the headline and the first body
#: line, and at index -1 of the first body line itself: looked up instead of computed per line.
_CLOSENESS = (*map(_closeness, range(TITLE_REACH)), _closeness(0))


def _title_score(text: str, tokens: list[str], words: int, closeness: float) -> float:
    score = closeness
    if 5 <= words <= 15:
        score += 1.0
    elif 15 < words <= 20:
        score += 0.5  # as long as a standfirst
    long_words = [w for w in tokens if len(w) > 3]
    if long_words and sum([w[0].isupper() for w in long_words]) >= 0.6 * len(long_words):
        score += 0.5
    if " | " in text:
        score -= _SITE_PENALTY
    return score


def _repeat_marks(window: Window, k: int, key: str) -> tuple[bool, bool]:
    """Whether the page repeats line ``k``, else whether a line is its title text ``key`` (in lowercase)
    with a site name: ``Headline | Site``, ``Site - Headline``, the page's own title."""
    folded, low = window.folded, window.texts[k].lower()
    if key != low:  # the title text differs from the line: two searches
        if window.repeated(k):
            return True, False
        return False, _page_title_in(folded, key)
    # One pass over the line's occurrences finds both: whole lines, and lines with a site name.
    whole: list[int] = []
    page_title = False
    start = folded.find(key)
    while start >= 0:
        end = start + len(key)
        line_start, line_end = folded[start - 1] == "\n", folded[end] == "\n"
        if line_start and line_end:
            whole.append(start)
        elif (line_start and folded.startswith(TITLE_SEPARATORS, end)) or (
            line_end and folded.endswith(TITLE_SEPARATORS, 0, start)
        ):
            page_title = True
        start = folded.find(key, end)
    # Counted as ``folded.count(f"\n{key}\n")`` counts: a line right below another shares its "\n".
    repeated = bool(whole) and whole[-1] >= whole[0] + len(key) + 2
    return repeated, page_title and not repeated


def _page_title_in(folded: str, key: str) -> bool:
    start = folded.find(key)
    while start >= 0:
        end = start + len(key)
        if folded[start - 1 : start] == "\n" and folded.startswith(TITLE_SEPARATORS, end):
            return True
        if folded[end : end + 1] == "\n" and folded.endswith(TITLE_SEPARATORS, 0, start):
            return True
        start = folded.find(key, end)
    return False


def _repeats(window: Window, raw: str, key: str) -> set[int]:
    """Lines that repeat the headline ``raw``, as is or joined to the site name (``key`` | Site)."""
    folded = window.folded
    offsets = []  # in the lines that may repeat it
    if key != raw:  # else the search for the key below finds these lines too
        line = f"\n{raw}\n"
        start = folded.find(line)
        while start >= 0:
            offsets.append(start + 1)
            start = folded.find(line, start + len(line) - 1)
    start = folded.find(key)
    while start >= 0:  # a page title starts or ends with the headline
        if folded[start - 1] == "\n" or folded[start + len(key)] == "\n":
            offsets.append(start)
        start = folded.find(key, start + 1)
    texts = window.texts
    return {
        k
        for k in window.positions_in_folded(sorted(offsets))
        if len(texts[k]) >= len(key) and ((low := texts[k].lower()) == raw or _page_title_of(low, key))
    }


def _page_title_of(text_key: str, title_key: str) -> bool:
    """Whether ``text_key`` is ``title_key`` with a site name: ``Headline | Site``, ``Site - Headline``."""
    if len(text_key) <= len(title_key):
        return False
    if text_key.startswith(title_key):
        return text_key[len(title_key) :].startswith(TITLE_SEPARATORS)
    return text_key.endswith(title_key) and text_key[: -len(title_key)].endswith(TITLE_SEPARATORS)
