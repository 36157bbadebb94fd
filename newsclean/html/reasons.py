"""Human-readable reasons for a block's score: its text (as for dump lines) and its place in the DOM."""

from __future__ import annotations

from ..classify.reasons import line_reasons
from ..classify.rules import VETO_SCORE
from .blocks import PageBlocks
from .score import BLOCK_THRESHOLD, HEADING_KINDS, BlockScores, teaser_link
from .vocab import CLASS_CATEGORIES, CONTEXT_TAGS

_FURNITURE_TAGS = ("nav", "aside", "footer", "header", "form")
_FURNITURE_CLASSES = tuple(c for c in CLASS_CATEGORIES if c not in ("content", "title"))
_HEADINGS = frozenset(HEADING_KINDS.tolist())
_OVERRULED = VETO_SCORE + 1e-6  # the score a rule gives (stored as float32)


def block_reasons(blocks: PageBlocks, scored: BlockScores, index: int) -> tuple[str, ...]:
    """Up to four short phrases on what weighed most for block ``index``."""
    reasons: list[str] = []
    score = float(scored.scores[index])
    if score <= _OVERRULED and teaser_link(blocks.texts[index], int(blocks.link_chars[index])):
        reasons.append("a label and a link: teaser")
    elif score <= _OVERRULED and int(blocks.kinds[index]) in _HEADINGS and not (
        scored.scores[index + 1 :] >= BLOCK_THRESHOLD
    ).any():
        reasons.append("heading with no body after it")
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
