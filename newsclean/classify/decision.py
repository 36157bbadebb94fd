"""What the classifier decided about one line, and why."""

from __future__ import annotations

from dataclasses import dataclass

from .._compat import StrEnum


class Label(StrEnum):
    """The role of one line of a dump."""

    CONTENT = "content"  # article body
    TITLE = "title"  # the headline
    META = "meta"  # byline, dateline, date or a repeat of the headline: metadata, not body
    BOILERPLATE = "boilerplate"  # everything else on the page
    BLANK = "blank"  # an empty line


@dataclass(frozen=True, slots=True)
class LineDecision:
    """One input line or HTML block (0-based ``index``) with its label, body probability and main reasons;
    ``where`` is the XPath of an HTML block's element."""

    index: int
    text: str
    label: Label
    score: float
    reasons: tuple[str, ...] = ()
    where: str | None = None
