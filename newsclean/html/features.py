"""DOM features of blocks, and where the page's main container is.

The line features of :mod:`newsclean.classify.features` say what a block's text looks like; these say where
it sits: the tag that owns it, how much of it is link text, the class/id words and tags of its ancestors,
and whether it lies inside the page's main container. That container is found as readability-style
extractors find it, by prose mass: from the root, follow the child holding the most prose (non-link text of
paragraph-length blocks) at each step; the deepest element on that path still holding a quarter, half or
three quarters of the page's prose marks the article region at three sizes.
"""

from __future__ import annotations

import numpy as np

from .blocks import PageBlocks
from .vocab import BLOCK_KINDS, CLASS_CATEGORIES, CONTEXT_TAGS

CORE_SHARES = (0.25, 0.5, 0.75)
DOM_FEATURE_NAMES: tuple[str, ...] = (
    *(f"kind_{kind}" for kind in BLOCK_KINDS),
    "link_density",
    "log_link_chars",
    "all_link",
    *(f"class_{name}" for name in CLASS_CATEGORIES),
    *(f"near_{name}" for name in CLASS_CATEGORIES),
    *(f"in_{tag}" for tag in CONTEXT_TAGS),
    "log_depth",
    *(f"in_core{int(share * 100)}" for share in CORE_SHARES),
    "core_share",
    "core_path_depth",
    "prose_share_owner",
    "before_h1",
    "log_after_h1",
)
_H1 = BLOCK_KINDS.index("h1")


def _bits(values: np.ndarray, n_bits: int) -> np.ndarray:
    return ((values[:, None] >> np.arange(n_bits)) & 1).astype(np.float32)


def dom_features(blocks: PageBlocks) -> np.ndarray:
    """One row per block, columns in :data:`DOM_FEATURE_NAMES` order."""
    n = len(blocks)
    if not n:
        return np.zeros((0, len(DOM_FEATURE_NAMES)), dtype=np.float32)
    chars = np.array([len(t) for t in blocks.texts], dtype=np.float32)
    links = blocks.link_chars.astype(np.float32)
    kinds = np.zeros((n, len(BLOCK_KINDS)), dtype=np.float32)
    kinds[np.arange(n), blocks.kinds] = 1.0
    cols: list[np.ndarray] = [
        kinds,
        (links / np.maximum(chars, 1.0))[:, None],
        np.log1p(links)[:, None],
        (links >= chars * 0.95)[:, None].astype(np.float32),
        _bits(blocks.classes, len(CLASS_CATEGORIES)),
        _bits(blocks.near_classes, len(CLASS_CATEGORIES)),
        _bits(blocks.tags, len(CONTEXT_TAGS)),
        np.log1p(blocks.depth.astype(np.float32))[:, None],
        _core_features(blocks),
        _headline_features(blocks),
    ]
    return np.hstack(cols).astype(np.float32)


def _core_features(blocks: PageBlocks) -> np.ndarray:
    """``in_core25/50/75``, ``core_share``, ``core_path_depth`` and ``prose_share_owner`` per block."""
    n = len(blocks)
    out = np.zeros((n, len(CORE_SHARES) + 3), dtype=np.float32)
    prose = blocks.prose.astype(np.float64)
    total = prose[0] if len(prose) else 0.0
    if total <= 0:
        return out
    path = _max_prose_path(blocks.parent, prose)
    starts = path
    ends = blocks.last[path]
    owner = blocks.owner
    inside = (owner[:, None] >= starts[None, :]) & (owner[:, None] <= ends[None, :])  # blocks x path
    shares = prose[path] / total
    for k, share in enumerate(CORE_SHARES):
        deepest = int(np.flatnonzero(shares >= share)[-1])
        out[:, k] = inside[:, deepest]
    depth_on_path = inside.sum(axis=1)  # path elements containing the block (at least the root)
    out[:, len(CORE_SHARES)] = shares[np.maximum(depth_on_path - 1, 0)]
    out[:, len(CORE_SHARES) + 1] = depth_on_path / len(path)
    out[:, len(CORE_SHARES) + 2] = prose[owner] / total
    return out


def _headline_features(blocks: PageBlocks) -> np.ndarray:
    """``before_h1`` (the block comes before the page's first ``<h1>``) and ``log_after_h1`` (how many
    blocks after it, log scale); both 0 on a page without ``<h1>``."""
    n = len(blocks)
    out = np.zeros((n, 2), dtype=np.float32)
    h1 = np.flatnonzero(blocks.kinds == _H1)
    if len(h1):
        idx = np.arange(n)
        out[:, 0] = idx < h1[0]
        out[:, 1] = np.log1p(np.maximum(idx - h1[0], 0))
    return out


def _max_prose_path(parent: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """Element numbers from the root down, each the child of the previous holding the most prose."""
    n = len(parent)
    best = np.full(n, -1, dtype=np.int64)
    if n > 1:
        children = np.arange(1, n)
        order = np.lexsort((-prose[children], parent[children]))
        ordered_parents = parent[children][order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = ordered_parents[1:] != ordered_parents[:-1]
        best[ordered_parents[first]] = children[order][first]
    path = [0]
    while best[path[-1]] >= 0 and prose[best[path[-1]]] > 0:
        path.append(int(best[path[-1]]))
    return np.array(path, dtype=np.int64)
