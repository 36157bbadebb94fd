"""Score blocks as article body: line features + DOM features, stage one, the context pass, stage two.

The same two-stage design as the line classifier (:mod:`newsclean.classify`), with the DOM features of
:mod:`.features` added to both stages. ``training/train_block_model.py`` writes the shipped model
(``newsclean/data/block_model.npz``) from the corpus dev split.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..classify import sigmoid
from ..classify.context import CONTEXT_FEATURE_NAMES, context_features
from ..classify.features import FEATURE_NAMES, PageFeatures, batch_features
from ..classify.model import LineModel, load_model
from ..classify.segments import Segments
from .blocks import PageBlocks
from .features import DOM_FEATURE_NAMES, dom_features

MODEL_FILE = "block_model.npz"
BLOCK_FEATURE_NAMES: tuple[str, ...] = FEATURE_NAMES + DOM_FEATURE_NAMES
# DOM features stage two sees again beside the context of stage-one scores.
CONTEXT_DOM = ("link_density", "in_core25", "in_core50", "in_core75", "core_share", "core_path_depth",
               "prose_share_owner", "kind_p", "kind_li", "kind_h1", "kind_h2", "kind_div", "in_a", "in_nav",
               "in_footer", "in_article", "class_content", "class_related", "class_comment")
BLOCK_CONTEXT_NAMES: tuple[str, ...] = CONTEXT_FEATURE_NAMES + CONTEXT_DOM
_CONTEXT_DOM_INDEX = [DOM_FEATURE_NAMES.index(name) for name in CONTEXT_DOM]


@dataclass(frozen=True, slots=True)
class BlockScores:
    """Per block: body probability ``scores`` (after context) and ``block_scores`` (stage one)."""

    scores: np.ndarray
    block_scores: np.ndarray
    language: str | None
    features: PageFeatures  # line features of the blocks with visible text (``features.rows``)


@dataclass(frozen=True, slots=True)
class BlockRows:
    """Stage-one input of a page: rows for the blocks in ``line.rows``, and the line features alone."""

    line: PageFeatures
    matrix: np.ndarray  # line features then DOM features, one row per block in ``line.rows``


def block_rows(blocks: PageBlocks, *, language: str | None = None) -> BlockRows:
    line = batch_features(["\n".join(blocks.texts)], languages=[language]).page(0)
    dom = dom_features(blocks)[line.rows]
    return BlockRows(line, np.hstack([line.matrix, dom]).astype(np.float32))


def stage_two_rows(logit: np.ndarray, matrix: np.ndarray, seg: Segments) -> np.ndarray:
    """Stage-two rows: the context of stage-one ``logit`` plus the :data:`CONTEXT_DOM` columns."""
    base = matrix[:, : len(FEATURE_NAMES)]
    dom = matrix[:, len(FEATURE_NAMES) :][:, _CONTEXT_DOM_INDEX]
    return np.hstack([context_features(logit, base, seg), dom]).astype(np.float32)


def score_blocks(blocks: PageBlocks, *, language: str | None = None, model: LineModel | None = None) -> BlockScores:
    """Body probability of every block of one page."""
    n = len(blocks)
    scores = np.zeros(n)
    first = np.zeros(n)
    rows = block_rows(blocks, language=language)
    idx = rows.line.rows
    if len(idx):
        model = model or default_block_model()
        logit = model.lines.logit(rows.matrix)
        seg = Segments.from_pages(np.zeros(len(idx), dtype=np.int64), 1)
        first[idx] = sigmoid(logit)
        scores[idx] = sigmoid(model.context.logit(stage_two_rows(logit, rows.matrix, seg)))
    return BlockScores(scores, first, rows.line.language, rows.line)


@cache
def default_block_model() -> LineModel:
    """The block model shipped in ``newsclean/data``."""
    with resources.as_file(resources.files("newsclean") / "data" / MODEL_FILE) as path:
        return load_model(path, feature_names=BLOCK_FEATURE_NAMES, context_names=BLOCK_CONTEXT_NAMES)
