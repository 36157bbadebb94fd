"""The article record every cleaner returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ._compat import StrEnum
from .classify.decision import LineDecision


class Status(StrEnum):
    """How cleaning a page ended."""

    OK = "ok"
    EMPTY = "empty"  # the input had no text at all
    NOT_ARTICLE = "not_article"  # text, but nothing that reads as an article body
    ERROR = "error"  # the input could not be decoded or processed


class Extractor(StrEnum):
    """Which path produced the record."""

    TEXT_LINES = "text-lines"  # the line classifier over a plain-text dump
    TEXT_RULES = "text-rules"  # a site rule narrowed the dump, the line classifier decided the rest
    RULES_ONLY = "rules-only"  # a site rule alone (the classifier switched off)
    HTML_BLOCKS = "html-blocks"  # the block classifier over the DOM of an HTML page
    HTML_RULES = "html-rules"  # a site rule's [html] selectors narrowed the page, then the block classifier
    TRAFILATURA = "trafilatura"  # trafilatura, as the fallback for a page newsclean was unsure of
    NONE = "none"  # nothing ran (empty or undecodable input)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article.

    ``text`` is the body without the title: one paragraph per line, joined by ``"\\n"``.
    ``published`` is an ISO 8601 date or date-time. ``reason`` says why a non-``ok`` record has no body.
    ``decisions`` holds one :class:`LineDecision` per input line (or HTML block) when ``Options.explain``
    is set. ``markdown`` is the body rendered as Markdown (headings, lists, quotes, tables) when
    ``Options.markdown`` is set, else empty. ``description`` and ``image`` come from HTML metadata.
    ``rule`` names the site rule applied (see ``newsclean.sites``), ``None`` when none was.
    """

    text: str = ""
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    status: Status = Status.OK
    reason: str | None = None
    extractor: Extractor = Extractor.NONE
    description: str | None = None
    image: str | None = None
    markdown: str = ""
    decisions: tuple[LineDecision, ...] = ()
    rule: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (enums as their string values)."""
        data = asdict(self)
        data["status"] = self.status.value
        data["extractor"] = self.extractor.value
        if not self.markdown:
            del data["markdown"]
        if self.decisions:
            data["decisions"] = [_decision_dict(d) for d in self.decisions]
        else:
            del data["decisions"]
        return data


def _decision_dict(decision: LineDecision) -> dict[str, Any]:
    data: dict[str, Any] = {"line": decision.index + 1}
    if decision.where is not None:
        data["where"] = decision.where
    data.update(label=decision.label.value, score=round(decision.score, 4), reasons=list(decision.reasons))
    return data
