"""The bounded part of a page that metadata is read from.

A :class:`Window` holds the first :data:`HEAD_LINES` lines of the page and the lines around the first
body line, each cut to :data:`MAX_LINE_CHARS` characters and stripped, so the cost of reading metadata
does not grow with the length of the page. Empty lines are left out; each kept line has a *position* in
the window and its *number* in the page.

The lines are also joined into one string, in their own case and in lowercase, so that a pattern or a
repeated line is looked for with one search over the window instead of one per line.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

from .lines import line_numbers

MAX_LINE_CHARS = 300
HEAD_LINES = 30
LINES_BEFORE_BODY = 40
#: Header dates and bylines often follow a standfirst the classifier already took as body.
LINES_AFTER_BODY = 20


def cut(line: str) -> str:
    """A line as the window holds it: its first :data:`MAX_LINE_CHARS` characters, stripped."""
    return line[:MAX_LINE_CHARS].strip()


def cut_all(lines: Sequence[str]) -> list[str]:
    """:func:`cut` of each of ``lines`` (without a function call per line)."""
    return [line[:MAX_LINE_CHARS].strip() for line in lines]


@dataclass(frozen=True, slots=True)
class Window:
    """The non-empty lines of a page's window, in page order."""

    #: Line numbers in the page (0-based), ascending.
    numbers: tuple[int, ...]
    #: The lines, cut and stripped, without line breaks.
    texts: tuple[str, ...]
    #: The lines joined by ``"\n"``.
    joined: str
    #: ``joined`` in lowercase between two more ``"\n"``: line ``k`` is ``folded.split("\n")[k + 1]``.
    folded: str
    #: The length of each line.
    lengths: tuple[int, ...]
    #: Whether every line keeps its length in lowercase (all but ``"İ"`` do).
    lowercase_keeps_lengths: bool

    def position(self, number: int) -> int | None:
        """The position of the page's line ``number`` in the window, ``None`` when it is not there."""
        k = bisect_left(self.numbers, number)
        return k if k < len(self.numbers) and self.numbers[k] == number else None

    def following(self, k: int) -> str:
        """The page line right after the window's line ``k``, ``""`` when it is empty or not in the window."""
        if k + 1 < len(self.numbers) and self.numbers[k + 1] == self.numbers[k] + 1:
            return self.texts[k + 1]
        return ""

    def may_repeat(self, k: int) -> bool:
        """Whether another line may equal line ``k`` in lowercase: only one of the same length can."""
        return not self.lowercase_keeps_lengths or self.lengths.count(self.lengths[k]) > 1

    def repeated(self, k: int) -> bool:
        """Whether the window repeats line ``k`` in lowercase, not only on the line right next to it."""
        # Counted without overlaps, a line right below another shares its "\n" and is not counted.
        return self.may_repeat(k) and self.folded.count(f"\n{self.texts[k].lower()}\n") > 1

    def position_in_joined(self, offset: int) -> int:
        """The position of the line that holds ``joined[offset]`` (the ``"\n"`` after it included)."""
        return self.joined.count("\n", 0, offset)

    def positions_in_folded(self, offsets: list[int]) -> list[int]:
        """The position of the line that holds ``folded[offset]`` (the ``"\n"`` before it included) for each
        of the ascending ``offsets``: the line breaks are counted from one offset to the next, so the window
        is read once (:func:`~newsclean.text.lines.line_numbers`; ``folded`` opens with a ``"\n"``)."""
        return [number - 1 for number in line_numbers(self.folded, [offset + 1 for offset in offsets])]


def read_window(lines: Sequence[str], first_body: int | None) -> Window:
    """The page head and the lines from :data:`LINES_BEFORE_BODY` before to :data:`LINES_AFTER_BODY` after
    the first body line (the page head alone when there is none)."""
    n = len(lines)
    if first_body is None:
        spans = [(0, min(n, HEAD_LINES))]
    else:
        head_end = min(HEAD_LINES, first_body)
        start, end = max(0, first_body - LINES_BEFORE_BODY), min(n, first_body + LINES_AFTER_BODY)
        spans = [(0, end)] if start <= head_end else [(0, head_end), (start, end)]
    numbers: list[int] = []
    texts: list[str] = []
    for start, end in spans:
        cuts = cut_all(lines[start:end])
        numbers += compress(range(start, end), cuts)
        texts += filter(None, cuts)
    joined = "\n".join(texts)
    if joined.count("\n") > max(len(texts) - 1, 0):  # a line that holds a line break of its own
        texts = [text.replace("\n", " ") for text in texts]
        joined = "\n".join(texts)
    folded = f"\n{joined}\n".lower()
    return Window(
        numbers=tuple(numbers),
        texts=tuple(texts),
        joined=joined,
        folded=folded,
        lengths=tuple(map(len, texts)),
        lowercase_keeps_lengths=len(folded) == len(joined) + 2,  # no "İ", which grows: no search for it
    )
