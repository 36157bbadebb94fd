"""trafilatura as the fallback for pages newsclean is unsure of (``Options.fallback``).

Imported lazily: the default path never loads it. Settings follow the corpus peers
(``include_comments=False, include_tables=True``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FallbackText:
    text: str
    markdown: str = ""


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise ImportError(
            "the trafilatura fallback needs the 'fallback' extra: pip install 'newsclean[fallback]'"
        ) from exc
    return trafilatura


def fallback_text(html: object, *, url: str | None = None, markdown: bool = False) -> FallbackText | None:
    """trafilatura's body text (and Markdown if asked) of ``html``, or ``None`` when it finds none.

    trafilatura runs in full (its ``fast=True`` skips its own readability and jusText fallbacks: about 40%
    less time on the pages newsclean is unsure of, but lower scores on the corpus dev split).
    """
    trafilatura = _trafilatura()
    if type(html).__module__.startswith("bs4"):
        html = str(html)
    settings = {"url": url, "include_comments": False, "include_tables": True}
    try:
        text = trafilatura.extract(html, include_formatting=False, **settings)
        if not text:
            return None
        rendered = trafilatura.extract(html, output_format="markdown", **settings) if markdown else ""
    except Exception:  # trafilatura's own failures must not lose the record: keep newsclean's result
        log.warning("trafilatura fallback failed for %s", url or "<html>", exc_info=True)
        return None
    return FallbackText(text, rendered or "")
