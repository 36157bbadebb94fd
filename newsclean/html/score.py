"""Score blocks as article body: line features + DOM features, stage one, the context pass, stage two.

The same two-stage design as the line classifier (:mod:`newsclean.classify`), with the DOM features of
:mod:`.features` added to both stages. ``training/train_block_model.py`` writes the shipped model
(``newsclean/data/block_model.npz``) from the corpus dev split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..classify import sigmoid
from ..classify.context import CONTEXT_FEATURE_NAMES, context_features
from ..classify.features import FEATURE_NAMES, BatchFeatures, PageFeatures, batch_features
from ..classify.model import LineModel, load_model
from ..classify.rules import VETO_SCORE, sandwiched, vetoed
from ..classify.segments import Segments
from .blocks import PageBlocks
from .features import DOM_FEATURE_NAMES, dom_features
from .vocab import BLOCK_KINDS

MODEL_FILE = "block_model.npz"
# The block model's default decision threshold (Options.threshold None). Chosen on cross-validated dev
# (training/cv_block_model.py): 0.45 against 0.5 gave readability / trafilatura_eval F1 0.965 / 0.931
# against 0.966 / 0.929 (seed 0) and 0.968 / 0.927 against 0.966 / 0.926 (seed 1); 0.4 and 0.55 were worse
# on trafilatura_eval.
BLOCK_THRESHOLD = 0.45
BLOCK_FEATURE_NAMES: tuple[str, ...] = FEATURE_NAMES + DOM_FEATURE_NAMES
# DOM features stage two sees again beside the context of stage-one scores.
CONTEXT_DOM = (
    "link_density",
    "in_core25",
    "in_core50",
    "in_core75",
    "core_share",
    "core_path_depth",
    "prose_share_owner",
    "kind_p",
    "kind_li",
    "kind_h1",
    "kind_h2",
    "kind_div",
    "in_a",
    "in_nav",
    "in_footer",
    "in_article",
    "class_content",
    "class_related",
    "class_comment",
    "before_h1",
    "log_after_h1",
)
SCORE_CORE_SHARES = (0.5, 0.75, 0.9)
TREE_CONTEXT_NAMES: tuple[str, ...] = (
    *(f"in_score_core{int(share * 100)}" for share in SCORE_CORE_SHARES),
    "owner_mean_p",
    "sibling_mean_p",
)
BLOCK_CONTEXT_NAMES: tuple[str, ...] = CONTEXT_FEATURE_NAMES + CONTEXT_DOM + TREE_CONTEXT_NAMES
_CONTEXT_DOM_INDEX = [DOM_FEATURE_NAMES.index(name) for name in CONTEXT_DOM]


@dataclass(frozen=True, slots=True)
class BlockScores:
    """Per block: body probability ``scores`` (after context) and ``block_scores`` (stage one)."""

    scores: np.ndarray
    block_scores: np.ndarray
    language: str | None
    features: PageFeatures  # line features of the blocks with visible text (``features.rows``)
    dropped_by: np.ndarray  # per block: 0, or the rule of the DOM that dropped it (TEASER, TRAILING_HEADING)


@dataclass(frozen=True, slots=True)
class BlockTree:
    """Where the scored blocks sit in the element tree (see :class:`~.blocks.PageBlocks`)."""

    owner: np.ndarray  # per row: the owning element
    chars: np.ndarray  # per row: characters of text
    parent: np.ndarray  # per element
    last: np.ndarray  # per element


@dataclass(frozen=True, slots=True)
class BlockRows:
    """Stage-one input of a page: rows for the blocks in ``line.rows``, and the line features alone."""

    line: PageFeatures
    matrix: np.ndarray  # line features then DOM features, one row per block in ``line.rows``
    tree: BlockTree


@dataclass(frozen=True, slots=True)
class BatchRows:
    """Stage-one input of several pages: the line features of their blocks, the full rows, the trees."""

    features: BatchFeatures
    matrix: np.ndarray  # line features then DOM features, one row per block with text, pages in order
    trees: list[BlockTree]


def batch_rows(pages: Sequence[PageBlocks], *, languages: Sequence[str | None] | None = None) -> BatchRows:
    features = batch_features(["\n".join(blocks.texts) for blocks in pages], languages=languages)
    doms, trees = [], []
    for k, blocks in enumerate(pages):
        rows = features.page(k).rows
        doms.append(dom_features(blocks)[rows])
        chars = np.array([len(blocks.texts[i]) for i in rows.tolist()], dtype=np.float64)
        trees.append(BlockTree(blocks.owner[rows], chars, blocks.parent, blocks.last))
    matrix = np.hstack([features.matrix, np.vstack(doms)]).astype(np.float32)
    return BatchRows(features, matrix, trees)


def block_rows(blocks: PageBlocks, *, language: str | None = None) -> BlockRows:
    """The stage-one input of one page."""
    batch = batch_rows([blocks], languages=[language])
    return BlockRows(batch.features.page(0), batch.matrix, batch.trees[0])


def tree_context(p: np.ndarray, tree: BlockTree) -> np.ndarray:
    """Stage-one scores seen through the tree, one row per block (:data:`TREE_CONTEXT_NAMES`).

    ``in_score_coreX``: inside the deepest element holding X of the page's score mass (probability times
    characters). Elements are numbered in document order, so an element's subtree is the contiguous range
    up to its ``last`` and subtree sums are differences of one prefix sum; the elements holding more than
    half of the mass form a chain from the root, and the deepest of them has the highest number.
    ``owner_mean_p`` and ``sibling_mean_p``: character-weighted mean score of the blocks with the same
    owning element, and with the same parent of the owning element.
    """
    n_el = len(tree.parent)
    mass = p * tree.chars
    per_element = np.bincount(tree.owner, weights=mass, minlength=n_el)
    prefix = np.concatenate(([0.0], np.cumsum(per_element)))
    subtree = prefix[tree.last + 1] - prefix[:-1]
    total = prefix[-1]
    cols = []
    for share in SCORE_CORE_SHARES:
        holding = np.flatnonzero(subtree >= share * total - 1e-9)
        core = int(holding.max()) if len(holding) and total > 0 else 0
        cols.append((tree.owner >= core) & (tree.owner <= tree.last[core]))
    for group in (tree.owner, tree.parent[tree.owner]):
        group = np.maximum(group, 0)
        weight = np.bincount(group, weights=tree.chars, minlength=n_el)
        mean = np.bincount(group, weights=mass, minlength=n_el) / np.maximum(weight, 1e-9)
        cols.append(mean[group])
    return np.column_stack(cols).astype(np.float32)


def stage_two_rows(logit: np.ndarray, matrix: np.ndarray, seg: Segments, tree_cols: np.ndarray) -> np.ndarray:
    """Stage-two rows: the context of stage-one ``logit``, the :data:`CONTEXT_DOM` columns and the tree
    context (:func:`tree_context`)."""
    base = matrix[:, : len(FEATURE_NAMES)]
    dom = matrix[:, len(FEATURE_NAMES) :][:, _CONTEXT_DOM_INDEX]
    return np.hstack([context_features(logit, base, seg), dom, tree_cols]).astype(np.float32)


def score_pages(
    pages: Sequence[PageBlocks],
    *,
    languages: Sequence[str | None] | None = None,
    model: LineModel | None = None,
    threshold: float = BLOCK_THRESHOLD,
    rules: bool = True,
) -> list[BlockScores]:
    """Body probability of every block of each page, computed for the pages together (a batch costs about
    as many numpy calls as one page). ``rules`` lets the vocabulary vetoes and the rescue of short blocks
    between kept blocks overrule the model, as for dump lines (:mod:`newsclean.classify.rules`), and then
    the rules of the DOM (:func:`_apply_block_rules`)."""
    rows = batch_rows(pages, languages=languages)
    features = rows.features
    offsets = features.offsets
    first = np.zeros(len(rows.matrix))
    final = first
    if len(rows.matrix):
        model = model or default_block_model()
        logit = model.lines.logit(rows.matrix)
        first = sigmoid(logit)
        tree_cols = np.vstack(
            [tree_context(first[offsets[k] : offsets[k + 1]], tree) for k, tree in enumerate(rows.trees)]
        )
        final = sigmoid(model.context.logit(stage_two_rows(logit, rows.matrix, features.segments, tree_cols)))
    dropped_by = np.zeros(len(final), dtype=np.int8)
    if len(final) and rules:
        final = _apply_rules(final, features, threshold)
        final, dropped_by = _apply_block_rules(final, pages, features, threshold)
    results = []
    for k, blocks in enumerate(pages):
        page = features.page(k)
        sl = slice(offsets[k], offsets[k + 1])
        scores, block_scores = np.zeros(len(blocks)), np.zeros(len(blocks))
        dropped = np.zeros(len(blocks), dtype=np.int8)
        scores[page.rows] = final[sl]
        block_scores[page.rows] = first[sl]
        dropped[page.rows] = dropped_by[sl]
        results.append(BlockScores(scores, block_scores, page.language, page, dropped))
    return results


def _apply_rules(final: np.ndarray, features: BatchFeatures, threshold: float) -> np.ndarray:
    # A block is a paragraph, not a wrapped dump line: one that opens with "Weiter schreibt er:" is prose.
    veto = vetoed(features.matrix, features.vocab, labels=False) & (final > VETO_SCORE)
    final = np.where(veto, VETO_SCORE, final)
    rescued = sandwiched(final >= threshold, final, features.matrix, features.vocab, features.segments.page)
    return np.where(rescued, np.maximum(final, threshold), final)


# A paragraph, list item or div that opens with a short plain-text label and a colon and whose rest is
# mostly link text is a teaser for another page ("Read also: <a>headline</a>", "VEA TAMBIÉN: <a>…</a>",
# "Lesetipp: <a>…</a>"), whatever the label's language; a link that holds the label too is a headline that
# has a colon in it, and a table row "Maker: <a>name</a>" is data. Cross-validated dev: benchmarks/README.md,
# "HTML block rules".
TEASER_LINK_SHARE = 0.8
TRAILING_HEADING_WORDS = 8  # a heading this short that ends the kept blocks introduces no body
_LABEL_END = re.compile(r"[^:]{1,60}?:(?!//)")  # up to the label's colon, not a URL's "http://"
_LABEL_COLON = FEATURE_NAMES.index("label_colon")
_LOG_TOKENS = FEATURE_NAMES.index("log_tokens")
HEADING_KINDS = np.array([BLOCK_KINDS.index(f"h{level}") for level in range(1, 7)])  # h1 to h6
_TEASER_KINDS = np.array([BLOCK_KINDS.index(kind) for kind in ("p", "li", "div")])
TEASER, TRAILING_HEADING = 1, 2  # BlockScores.dropped_by: which rule of the DOM dropped a block


def teaser_link(text: str, link_chars: int) -> bool:
    """``"Label: <a>…</a>"``: a plain-text label and a colon, then a link filling most of the rest."""
    label = _LABEL_END.match(text)
    if label is None:
        return False
    rest = len(text) - label.end() - 1  # the space after the colon
    return rest > 0 and TEASER_LINK_SHARE * rest <= link_chars <= rest + 2


def _apply_block_rules(
    final: np.ndarray, pages: Sequence[PageBlocks], features: BatchFeatures, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Two rules of the DOM: a kept teaser link (:func:`teaser_link`) is dropped, and so are the short
    headings that end a page's kept blocks: a heading introduces what follows it, so one with no body after
    it belongs to what comes next (a comment form, a share bar, more links). Returns the scores and, per
    row, which rule dropped it (0, :data:`TEASER`, :data:`TRAILING_HEADING`)."""
    final = final.copy()
    dropped_by = np.zeros(len(final), dtype=np.int8)
    label_colon = features.matrix[:, _LABEL_COLON] > 0
    short = np.expm1(features.matrix[:, _LOG_TOKENS]) <= TRAILING_HEADING_WORDS + 0.5
    offsets = features.offsets
    for k, blocks in enumerate(pages):
        start, end = int(offsets[k]), int(offsets[k + 1])
        if start == end:
            continue
        rows = features.page(k).rows
        kinds = blocks.kinds[rows]
        scores = final[start:end]
        candidates = label_colon[start:end] & (scores >= threshold) & np.isin(kinds, _TEASER_KINDS)
        for row in np.flatnonzero(candidates).tolist():
            block = int(rows[row])
            if teaser_link(blocks.texts[block], int(blocks.link_chars[block])):
                scores[row] = min(scores[row], VETO_SCORE)
                dropped_by[start + row] = TEASER
        kept = np.flatnonzero(scores >= threshold)
        body = np.flatnonzero(~np.isin(kinds[kept], HEADING_KINDS))
        if len(body):  # a page of headings alone keeps them
            trailing = kept[body[-1] + 1 :]
            trailing = trailing[short[start:end][trailing]]
            scores[trailing] = np.minimum(scores[trailing], VETO_SCORE)
            dropped_by[start + trailing] = TRAILING_HEADING
    return final, dropped_by


@cache
def default_block_model() -> LineModel:
    """The block model shipped in ``newsclean/data``."""
    with resources.as_file(resources.files("newsclean") / "data" / MODEL_FILE) as path:
        return load_model(path, feature_names=BLOCK_FEATURE_NAMES, context_names=BLOCK_CONTEXT_NAMES)
