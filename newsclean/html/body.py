"""The article body of a parsed page: blocks, scores, the kept blocks in reading order."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..classify.model import LineModel
from .blocks import PageBlocks
from .score import BLOCK_THRESHOLD, BlockScores, score_pages


@dataclass(frozen=True, slots=True)
class Body:
    """The blocks of a page, their scores and which are kept as article body."""

    blocks: PageBlocks
    scored: BlockScores
    keep: np.ndarray

    @property
    def kept(self) -> list[int]:
        return np.flatnonzero(self.keep).tolist()

    @property
    def confidence(self) -> float:
        """How sure the model is of this page, 0 to 1: 0 for an empty body, else how far the scores stand
        from 0.5 on average, each block weighted by its length."""
        if not self.keep.any():
            return 0.0
        chars = np.array([len(t) for t in self.blocks.texts], dtype=np.float64)
        margin = np.abs(2.0 * self.scored.scores - 1.0)
        return float(np.average(margin, weights=chars))


def score_bodies(
    pages: list[PageBlocks],
    *,
    threshold: float = BLOCK_THRESHOLD,
    languages: list[str | None] | None = None,
    model: LineModel | None = None,
    rules: bool = True,
) -> list[Body]:
    """Score the blocks of several pages together and keep those scored as body."""
    scored = score_pages(pages, languages=languages, model=model, threshold=threshold, rules=rules)
    return [Body(blocks, s, s.scores >= threshold) for blocks, s in zip(pages, scored, strict=True)]
