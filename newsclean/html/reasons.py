"""Human-readable reasons for a block's score: its text (as for dump lines) and its place in the DOM."""

from __future__ import annotations

from ..classify.reasons import line_reasons
from .blocks import PageBlocks
from .score import TEASER, TRAILING_HEADING, BlockScores
from .vocab import CLASS_CATEGORIES, CONTEXT_TAGS

_FURNITURE_TAGS = ("nav", "aside", "footer", "header", "form")
_FURNITURE_CLASSES = tuple(c for c in CLASS_CATEGORIES if c not in ("content", "title"))
_DOM_RULES = {TEASER: "a label and a link: teaser", TRAILING_HEADING: "heading with no body after it"}


def block_reasons(blocks: PageBlocks, scored: BlockScores, index: int) -> tuple[str, ...]:
    """Up to four short phrases on what weighed most for block ``index``."""
    reasons: list[str] = []
    rule = int(scored.dropped_by[index])
    if rule:
        reasons.append(_DOM_RULES[rule])
    chars = len(blocks.texts[index])
    if chars and blocks.link_chars[index] >= 0.5 * chars:
        reasons.append("mostly link text")
    tags = int(blocks.tags[index])
    inside = [tag for tag in _FURNITURE_TAGS if tags & (1 << CONTEXT_TAGS.index(tag))]
    if inside:
        reasons.append(f"inside <{inside[-1]}>")
    classes = int(blocks.classes[index])
    named = [name for name in _FURNITURE_CLASSES if classes & (1 << CLASS_CATEGORIES.index(name))]
    if named:
        reasons.append(f"class/id says {named[0]}")
    elif classes & (1 << CLASS_CATEGORIES.index("content")):
        reasons.append("class/id says content")
    reasons += line_reasons(scored.features, index, float(scored.block_scores[index]), float(scored.scores[index]))
    return tuple(reasons[:4])
