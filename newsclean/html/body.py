"""The article body of a parsed page: blocks, scores, the kept blocks in reading order."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.etree as etree
import numpy as np

from ..classify.model import LineModel
from .blocks import PageBlocks, page_blocks
from .score import BlockScores, score_blocks


@dataclass(frozen=True, slots=True)
class Body:
    """The blocks of a page, their scores and which are kept as article body."""

    blocks: PageBlocks
    scored: BlockScores
    keep: np.ndarray

    @property
    def kept(self) -> list[int]:
        return np.flatnonzero(self.keep).tolist()


def extract_body(
    root: etree._Element, *, threshold: float = 0.5, language: str | None = None, model: LineModel | None = None
) -> Body:
    """Split ``root`` into blocks and keep those scored as body."""
    blocks = page_blocks(root)
    scored = score_blocks(blocks, language=language, model=model)
    return Body(blocks, scored, scored.scores >= threshold)
