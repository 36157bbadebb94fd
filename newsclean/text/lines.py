"""Split a dump into lines the classifier can judge."""

from __future__ import annotations

import re
from itertools import compress

try:  # optional compiled loops (setup.py)
    from ._widths import holds_any as _compiled_holds_any
    from ._widths import unwrap as _compiled_unwrap
    from ._widths import widths as _compiled_widths
except ImportError:  # not built: the same widths from a regular expression, the same lines from unwrap
    _compiled_widths = _compiled_unwrap = _compiled_holds_any = None

_ODD_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00"
_REPLACEMENTS = {char: " " if char == "\x00" else "\n" for char in _ODD_CHARS}


def normalise(text: str, *, compiled: bool = True) -> str:
    """One ``\\n`` per line break (``\\r\\n``, ``\\r`` and Unicode separators included), no NUL. Where
    the compiled loop is built (``compiled``), the text is read once to tell that there is nothing to do."""
    if compiled and _compiled_holds_any is not None:
        if not _compiled_holds_any(text, _ODD_CHARS):
            return text
    elif not any(char in text for char in _ODD_CHARS):
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    for char, replacement in _REPLACEMENTS.items():  # one str.replace per character found: far faster
        if char in text:  # than str.translate over text beyond Latin-1
            text = text.replace(char, replacement)
    return text


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` after :func:`normalise`, without their line breaks."""
    return normalise(text).split("\n")


def line_numbers(text: str, positions: list[int]) -> list[int]:
    """The number of the line of ``text`` (split on ``"\n"``) that holds each of the ascending character
    ``positions``: the line breaks are counted from one position to the next, so the text is read once."""
    numbers = []
    line = previous = 0
    for position in positions:
        line += text.count("\n", previous, position)
        previous = position
        numbers.append(line)
    return numbers


MAX_WRAP_WIDTH = 200  # converters wrap at a terminal width (w3m: 80 to 180 columns)
MIN_WRAP_WIDTH = 60
WRAP_SLACK = 12  # a wrapped line ends within a word's length of that width
MIN_WRAPPED = 3  # lines that must reach the width before the page counts as wrapped
# Characters a terminal shows two columns wide (East Asian Wide and Fullwidth): w3m wraps a Chinese line
# after 90 of them at 180 columns, and joins such a line to the next without a space.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def display_widths(lines: list[str]) -> list[int]:
    """Columns each line takes on a terminal: wide characters count twice."""
    return _widths(lines, _has_wide("\n".join(lines)))


def _widths_and_wide(lines: list[str], text: str, *, compiled: bool = True) -> tuple[list[int], bool]:
    """:func:`display_widths` of ``lines`` (``text``: the lines joined by ``"\\n"``), and whether any
    character is wide: in one pass over ``text`` when the compiled loop is built (``compiled``)."""
    if compiled and _compiled_widths is not None:
        widths, wide = _compiled_widths(text)
        if len(widths) == len(lines):  # else a line holds a line break of its own
            return widths, wide
    wide = _has_wide(text)
    return _widths(lines, wide), wide


def _has_wide(text: str) -> bool:
    """Whether ``text`` holds a wide character: one search of a page instead of one per line."""
    return not text.isascii() and _WIDE.search(text) is not None


def _widths(lines: list[str], wide: bool) -> list[int]:
    """:func:`display_widths` of lines that hold a wide character only if ``wide``."""
    widths = list(map(len, lines))
    if wide:
        for i, line in enumerate(lines):
            if not line.isascii() and _WIDE.search(line):
                widths[i] += len(_WIDE.findall(line))
    return widths


# A converter cannot break a line inside a word: a line of one long token (a URL, a rule of box-drawing
# characters) or a form field padded with spaces runs past the width the rest of the page is wrapped at.
_UNBREAKABLE = re.compile(r"\S+|\[[^\]]*\]")


def _wrap_width(lines: list[str], widths: list[int]) -> int:
    """The width a page is wrapped at: that of its widest line a converter could have broken (not one of
    :data:`_UNBREAKABLE`; lines of wide characters break anywhere), or 0. Only lines from
    :data:`MIN_WRAP_WIDTH` on are looked at, widest first."""
    long = sorted(compress(range(len(lines)), map(MIN_WRAP_WIDTH.__le__, widths)), key=widths.__getitem__,
                  reverse=True)
    for i in long:
        line = lines[i].strip()
        if _UNBREAKABLE.fullmatch(line) is None or (not line.isascii() and _WIDE.search(line)):
            return widths[i]
    return 0


def _rejoin(parts: list[str]) -> str:
    """Wrapped pieces of one paragraph joined by a space, or by nothing where both sides of a break are
    wide characters (scripts written without spaces)."""
    joined = parts[0]
    for part in parts[1:]:
        wide_break = joined and part and _WIDE.match(joined[-1]) and _WIDE.match(part[0])
        joined += part if wide_break else " " + part
    return joined


def unwrap(lines: list[str], text: str | None = None) -> tuple[list[str], list[int] | None]:
    """Join the lines a converter wrapped at a fixed width back into one line per paragraph.

    Returns the joined lines and, for each, the index of the input line it starts at (``None`` when
    nothing was joined, so the lines are the input's). A page counts as wrapped when at least
    :data:`MIN_WRAPPED` lines end within :data:`WRAP_SLACK` columns of its wrap width (see
    :func:`_wrap_width`) and that width is at most :data:`MAX_WRAP_WIDTH`; a line that reaches the width
    then continues on the next line unless that one is blank. ``text`` is the lines joined by ``"\\n"``,
    when the caller has it.
    """
    widths, wide_chars = _widths_and_wide(lines, "\n".join(lines) if text is None else text)
    width = _wrap_width(lines, widths)
    if width > MAX_WRAP_WIDTH or width < MIN_WRAP_WIDTH:
        return lines, None
    cut = width - WRAP_SLACK
    n = len(lines)
    wide = list(compress(range(n), map(cut.__le__, widths)))
    if len(wide) < MIN_WRAPPED:
        return lines, None
    joins = [i for i in wide if i + 1 < n and lines[i + 1].strip()]
    if not joins:
        return lines, None
    rejoin = _rejoin if wide_chars else " ".join
    out: list[str] = []
    starts: list[int] = []
    done = 0  # lines before this index are in ``out``
    joins.append(-1)  # ends the last run
    first = last = joins[0]
    for i in joins[1:]:
        if i == last + 1:  # a paragraph wrapped over several lines
            last = i
            continue
        out += lines[done:first]
        starts += range(done, first)
        out.append(rejoin([lines[first].rstrip(), *map(str.strip, lines[first + 1 : last + 2])]))
        starts.append(first)
        done = last + 2
        first = last = i
    out += lines[done:]
    starts += range(done, n)
    return out, starts


# A line that is only markup a text browser draws in brackets, maybe after a bullet: an image without alt
# text shown by its file name ("[logo]", "[160_90] [40_30]"), an empty form field or check box
# ("[          ]", "[ ]"), an empty <ins> ("[INS::INS]"). A bracket of several words (alt text, a button,
# an editor's note), of wide characters ("[责任编辑:…]") or without a word ("[...]") is left to the
# classifier.
_WIDE_IN_NAMES = r"\u2e80-\u9fff\uac00-\ud7a3\uff00-\uffef"
_FILE_NAME = rf"[^\s\[\]:{_WIDE_IN_NAMES}]*"
#: A file name with a word character in it, of which at most one wide: the look-ahead finds the word
#: character, so that a line of several brackets that fails to match is read once instead of once for
#: every place the word character of each name could be at.
_IMAGE_NAME = rf"(?=[^\]]*?\w){_FILE_NAME}(?:(?=\w)[{_WIDE_IN_NAMES}]{_FILE_NAME})?"
_PLACEHOLDER_LINE = re.compile(
    rf"[ \t]*(?:[•*·◦▪□■][ \t]*)?(?:\[(?:{_IMAGE_NAME}|[ \t]*|INS:[ \t]*:INS|DEL:[ \t]*:DEL)\][ \t]*)+"
)


def blank_placeholders(text: str) -> tuple[str, bool]:
    """``text`` with every placeholder line (one :data:`_PLACEHOLDER_LINE` matches whole) made blank, and
    whether there was one. w3m draws them between the paragraphs of an article, where they cut its run of
    prose in pieces; other converters leave them out. Only the lines holding a ``[`` are tried: one
    regular expression over the whole page would try every character."""
    pieces: list[str] = []
    done = 0  # text before this index is in ``pieces``
    bracket = text.find("[")
    while bracket >= 0:
        start = text.rfind("\n", 0, bracket) + 1
        end = text.find("\n", bracket)
        if end < 0:
            end = len(text)
        if _PLACEHOLDER_LINE.fullmatch(text, start, end):
            pieces.append(text[done:start])
            done = end
        bracket = text.find("[", end)
    if not pieces:
        return text, False
    pieces.append(text[done:])
    return "".join(pieces), True


def prepare(text: str) -> tuple[str, list[int] | None]:
    """Text ready for the classifier: line breaks normalised, placeholder lines blanked (see
    :func:`blank_placeholders`), wrapped paragraphs joined (see :func:`unwrap`); with the input line each
    prepared line starts at, when lines were joined or blanked."""
    prepared, _, starts = prepare_lines(text)
    return prepared, starts


def prepare_lines(text: str, *, compiled: bool = True) -> tuple[str, list[str], list[int] | None]:
    """:func:`prepare`, with the prepared lines as well (split once here, for callers that need both).
    Where the compiled loop is built (``compiled``), splitting, widths and joining are one pass in C."""
    text = normalise(text)
    if len(text) > 400 * MAX_WRAP_WIDTH and text.count("\n") < len(text) // (MAX_WRAP_WIDTH + 1):
        return text, text.split("\n"), None  # lines too long on average to be wrapped: skip the scan
    text, blanked = blank_placeholders(text)
    if compiled and _compiled_unwrap is not None:
        lines, starts = _compiled_unwrap(text, MAX_WRAP_WIDTH, MIN_WRAP_WIDTH, WRAP_SLACK, MIN_WRAPPED)
    else:
        lines, starts = unwrap(text.split("\n"), text)
    if starts is None:
        return text, lines, list(range(len(lines))) if blanked else None
    return "\n".join(lines), lines, starts
