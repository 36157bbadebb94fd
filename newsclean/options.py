"""One options object, validated once, passed by keyword."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import OptionsError


@dataclass(frozen=True, slots=True)
class Options:
    """How to clean a page.

    threshold
        Probability above which a line counts as article body (0 < threshold < 1). Lower keeps more.
    language
        Force the page language (ISO 639-1, e.g. ``"en"``); ``None`` detects it from stop words.
    explain
        Attach one decision per input line (label, score, reasons) to ``Article.decisions``.
    max_chars
        Longest input cleaned; a longer one is cut there and the record's reason says so.
    min_body_chars
        A body shorter than this is reported as ``not_article``.
    markdown
        Also render the body as Markdown into ``Article.markdown`` (HTML keeps headings, lists, quotes and
        tables; a dump's paragraphs become Markdown paragraphs).
    fallback
        HTML only: when newsclean's confidence in a page is below ``fallback_below``, extract it with
        trafilatura instead (needs the ``fallback`` extra; slower).
    fallback_below
        Confidence (0 to 1) under which the fallback runs.
    time_budget
        HTML only: seconds one page may take before it is given up with a reason (``None``: no limit).
    """

    threshold: float = 0.5
    language: str | None = None
    explain: bool = False
    max_chars: int = 5_000_000
    min_body_chars: int = 1
    markdown: bool = False
    fallback: bool = False
    fallback_below: float = 0.6
    time_budget: float | None = None

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise OptionsError(f"threshold must be between 0 and 1, got {self.threshold!r}")
        if self.language is not None and not (
            isinstance(self.language, str) and len(self.language) == 2 and self.language.isalpha()
        ):
            raise OptionsError(f"language must be a two-letter ISO 639-1 code, got {self.language!r}")
        if self.max_chars < 1:
            raise OptionsError(f"max_chars must be positive, got {self.max_chars!r}")
        if not 0.0 <= self.fallback_below <= 1.0:
            raise OptionsError(f"fallback_below must be between 0 and 1, got {self.fallback_below!r}")
        if self.time_budget is not None and not self.time_budget > 0:
            raise OptionsError(f"time_budget must be positive seconds or None, got {self.time_budget!r}")
        if self.min_body_chars < 0:
            raise OptionsError(f"min_body_chars must be >= 0, got {self.min_body_chars!r}")


DEFAULT_OPTIONS = Options()
