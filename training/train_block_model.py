"""Train the HTML block model shipped as ``newsclean/data/block_model.npz`` from the corpus **dev** split.

    python training/train_block_model.py [--out newsclean/data/block_model.npz] [--seed 0] [--leave-out FOLD]

Pages are split into blocks (:mod:`newsclean.html.blocks`); a block is body when its text is in the page's
gold body (the shingle labelling of ``train_line_model.label_lines``). Gold comes from ``readability``
(full gold text); ``trafilatura_eval`` pages add silver labels from trafilatura's extraction where that
extraction agrees with the page's annotation, and on every page the blocks that hold a "with" snippet are
body and those that hold a "without" snippet are not. The test split is never read.

Stage one (line + DOM features) is fitted on all pages; stage two (context) on stage-one scores predicted
out of fold. Needs the ``train`` extra. Same corpus and seed give the same file.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import corpus  # noqa: E402
from newsclean.classify import sigmoid  # noqa: E402
from newsclean.classify.model import LineModel, Mlp  # noqa: E402
from newsclean.html.blocks import page_blocks  # noqa: E402
from newsclean.html.parse import parse_html  # noqa: E402
from newsclean.html.score import (  # noqa: E402
    BLOCK_CONTEXT_NAMES,
    BLOCK_FEATURE_NAMES,
    BlockTree,
    block_rows,
    stage_two_rows,
    tree_context,
)
from training.train_line_model import (  # noqa: E402
    FOLDS,
    SPACE_RE,
    fit_ensemble,
    fit_mlp,
    fold_of,
    label_lines,
    out_of_fold,
)

GOLD_WEIGHT = 2.0  # a page with full gold text counts as much as this many pages with silver labels
SNIPPET_ONLY_WEIGHT = 0.5  # pages where only the snippet blocks are labelled
# Epochs: the block rows need more than the line rows' default of 30 to converge (cross-validated dev F1
# readability / trafilatura_eval 0.964 / 0.926 with 30, 0.966 / 0.929 and 0.966 / 0.926 with 80 for seeds 0 / 1).
FIT = {"max_iter": 80, "patience": 6}
SNIPPET_WEIGHT = 4.0  # extra weight of a block that holds an annotated snippet (3 to 10 score alike on held-out dev)


def _flat(text: str) -> str:
    return SPACE_RE.sub(" ", text).strip()


def training_pages() -> Iterator[tuple[str, str, str | None, list[str], list[str], float]]:
    """``(page id, html, gold or silver text or None, with snippets, without snippets, weight)``."""
    for page in corpus.pages("readability"):
        if page["split"] == "dev":
            yield page["id"], page["html"], page["gold_text"], [], [], GOLD_WEIGHT
    peer = corpus.peer("trafilatura_eval")
    for page in corpus.pages("trafilatura_eval"):
        if page["split"] != "dev":
            continue
        silver = peer.get(page["id"], "")
        flat = _flat(silver)
        wanted = [_flat(s) for s in page["with"]]
        unwanted = [_flat(s) for s in page["without"]]
        agrees = bool(flat) and all(s in flat for s in wanted) and not any(s in flat for s in unwanted)
        weight = 1.0 if agrees else SNIPPET_ONLY_WEIGHT
        yield page["id"], page["html"], silver if agrees else None, wanted, unwanted, weight


def page_labels(
    texts: list[str], gold: str | None, wanted: list[str], unwanted: list[str], snippet_weight: float = SNIPPET_WEIGHT
) -> tuple[np.ndarray, np.ndarray]:
    """Labels per block and each block's weight factor: 0 for unlabelled blocks, 1 for gold or silver,
    ``1 + SNIPPET_WEIGHT`` for blocks that hold an annotated snippet."""
    labels = label_lines(texts, gold) if gold is not None else np.zeros(len(texts), dtype=np.int8)
    known = np.full(len(texts), 1.0 if gold is not None else 0.0)
    for i, text in enumerate(texts):
        flat = _flat(text)
        if any(s and s in flat for s in unwanted):
            labels[i], known[i] = 0, 1.0 + snippet_weight
        elif any(s and (s in flat or (len(flat) > 30 and flat in s)) for s in wanted):
            labels[i], known[i] = 1, 1.0 + snippet_weight
    return labels, known


def build_rows(snippet_weight: float = SNIPPET_WEIGHT):
    mats, labels, weights, page_index, folds, trees = [], [], [], [], [], []
    for page_id, html, gold, wanted, unwanted, page_weight in training_pages():
        parsed = parse_html(html)
        if parsed.root is None:
            continue
        blocks = page_blocks(parsed.root)
        rows = block_rows(blocks)
        idx = rows.line.rows
        if not len(idx):
            continue
        y, known = page_labels(blocks.texts, gold, wanted, unwanted, snippet_weight)
        y, known = y[idx], known[idx]
        tokens = np.expm1(rows.line.column("log_tokens"))
        w = page_weight * (1.0 + np.log1p(tokens)) / np.sqrt(len(y)) * known
        mats.append(rows.matrix)
        labels.append(y)
        weights.append(w)
        page_index.append(np.full(len(y), len(trees)))
        folds.append(np.full(len(y), fold_of(page_id)))
        trees.append(rows.tree)
    return (np.vstack(mats), np.concatenate(labels), np.concatenate(weights), np.concatenate(page_index),
            np.concatenate(folds), trees)


def cached_rows(cache: Path | None, snippet_weight: float):
    """:func:`build_rows`, read from ``cache`` when it exists, else computed and written there. The rows
    depend on the features, labels and snippet weight but not on the seed or the fold left out, so the
    trainings of a cross-validation (and of several seeds) can share one cache; delete it after changing
    the features or labels."""
    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            return pickle.load(f)
    rows = build_rows(snippet_weight)
    if cache is not None:
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        with partial.open("wb") as f:
            pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cache)
    return rows


def context_rows(
    stage_one: dict[int, Mlp], x: np.ndarray, folds: np.ndarray, page_index: np.ndarray, trees: list[BlockTree]
) -> np.ndarray:
    """Stage-two rows from out-of-fold stage-one scores (row k scored by the model that did not see it)."""
    logit, seg = out_of_fold(stage_one, x, folds, page_index)
    pages = np.unique(page_index)
    p = sigmoid(logit)
    offsets = seg.offsets
    tree_cols = np.vstack([tree_context(p[offsets[k] : offsets[k + 1]], trees[page]) for k, page in enumerate(pages)])
    return stage_two_rows(logit, x, seg, tree_cols)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "newsclean" / "data" / "block_model.npz")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--ensemble", type=int, default=3, help="MLPs averaged in each final stage")
    ap.add_argument("--leave-out", type=int, metavar="FOLD", choices=range(FOLDS),
                    help="leave this dev fold out (to score on it; see training/cv_block_model.py)")
    ap.add_argument("--snippet-weight", type=float, default=SNIPPET_WEIGHT)
    ap.add_argument("--context-hidden", type=int, default=0, help="stage-two hidden units (default: half of --hidden)")
    ap.add_argument(
        "--single-oof", dest="oof_ensemble", action="store_false",
        help="out-of-fold stage-one models as one MLP each instead of ensembles (faster, noisier stage two)",
    )
    ap.add_argument("--rows-cache", type=Path, metavar="FILE",
                    help="read the training rows from FILE, or write them there (shared by folds and seeds)")
    args = ap.parse_args()
    if not corpus.available():
        sys.exit(f"corpus not found at {corpus.CORPUS}")
    t0 = time.perf_counter()
    x, y, w, page_index, folds, trees = cached_rows(args.rows_cache, args.snippet_weight)
    if args.leave_out is not None:
        keep = folds != args.leave_out
        x, y, w, page_index, folds = x[keep], y[keep], w[keep], page_index[keep], folds[keep]
    labelled = w > 0
    print(f"{len(np.unique(page_index))} pages, {len(y)} blocks ({labelled.sum()} labelled, "
          f"{y[labelled].mean():.3f} body); features {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    # Unlabelled rows still shape stage two's context (their scores are the neighbours of labelled rows),
    # but carry no weight in any fit.
    hidden = (args.hidden,)
    seeds = [args.seed + i for i in range(args.ensemble)]
    fold_ids = np.unique(folds).tolist()
    out_of_fold = {}
    for k in fold_ids:
        train = (folds != k) & labelled
        out_of_fold[k] = (
            fit_ensemble(x[train], y[train], w[train], args.hidden, seeds, **FIT)
            if args.oof_ensemble
            else fit_mlp(x[train], y[train], w[train], hidden, args.seed, **FIT)
        )
    x2 = context_rows(out_of_fold, x, folds, page_index, trees)
    blocks = fit_ensemble(x[labelled], y[labelled], w[labelled], args.hidden, seeds, **FIT)
    context = fit_ensemble(x2[labelled], y[labelled], w[labelled], args.context_hidden or args.hidden // 2, seeds,
                           **FIT)
    for name, model, data in (("stage one", blocks, x), ("stage two", context, x2)):
        pred = model.logit(data[labelled]) > 0
        print(f"{name}: training accuracy {np.average(pred == y[labelled], weights=w[labelled]):.4f}",
              file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    LineModel(blocks, context).save(args.out, feature_names=BLOCK_FEATURE_NAMES, context_names=BLOCK_CONTEXT_NAMES)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) in {time.perf_counter() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
