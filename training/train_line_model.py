"""Train the line model shipped as ``newsclean/data/line_model.npz`` from the corpus **dev** split.

    python training/train_line_model.py [--out newsclean/data/line_model.npz] [--seed 0]

Labels: a dump line is body when its text is in the page's gold body. Gold comes from
``readability`` (full gold text) and, as silver, from trafilatura's extraction of the ``trafilatura_eval``
pages where that extraction agrees with the page's annotation (has every "with" snippet and no
"without" snippet). All three converters' dumps of each page are used (``--w3m-weight`` and
``--gold-weight`` weigh w3m dumps and gold pages up or down). The test split is never read.

Stage one (line features) is fitted on all pages; stage two (context) and the boundary models (the
article's first and last line, labelled as the ends of the page's run of body lines with the largest sum
of +1 per body line and -1 per other line, weighted by length) on stage-one scores predicted out of fold
(pages split in three by id), so that they learn from scores like those they see in use.
Needs the ``train`` extra (scikit-learn). Same corpus and seed give the same file. :func:`build_rows` and
:func:`train` are separate so that one process can train several fold or seed models from the same rows.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import corpus  # noqa: E402
from newsclean.classify.boundary import boundary_features  # noqa: E402
from newsclean.classify.context import context_features, score_region  # noqa: E402
from newsclean.classify.features import FEATURE_NAMES, page_features  # noqa: E402
from newsclean.classify.model import LineModel, Mlp  # noqa: E402
from newsclean.classify.segments import Segments  # noqa: E402
from newsclean.text.lines import prepare  # noqa: E402

TOKEN_RE = re.compile(r"\w+")
LEAD_RE = re.compile(r"^[\s•◦▪·*□■►▶‣⁃>+○●\-–—]+")
SPACE_RE = re.compile(r"\s+")
FOLDS = 3
GOLD_WEIGHT = 1.0  # a page with full gold text counts as much as this many pages with silver labels
EDGE_WEIGHT = 20.0  # weight of a start (end) row in the start (end) model: about one row per page is one


def norm_line(line: str) -> str:
    return SPACE_RE.sub(" ", LEAD_RE.sub("", line)).strip()


def label_lines(lines: list[str], gold: str) -> np.ndarray:
    """1 for lines whose text is in ``gold``, by 4-token shingles (short lines: whole-line match)."""
    gold_lines = {norm_line(g) for g in gold.split("\n") if g.strip()}
    tokens = TOKEN_RE.findall(gold)
    shingles = {tuple(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 0))}
    labels = np.zeros(len(lines), dtype=np.int8)
    prev_tokens: list[str] = []
    for i, line in enumerate(lines):
        toks = TOKEN_RE.findall(line)
        if len(toks) >= 4:
            grams = [tuple(toks[j : j + 4]) for j in range(len(toks) - 3)]
            labels[i] = sum(g in shingles for g in grams) >= 0.5 * len(grams)
        elif toks:
            joined = prev_tokens[-3:] + toks
            spans = [tuple(joined[j : j + 4]) for j in range(len(joined) - 3)]
            labels[i] = norm_line(line) in gold_lines or bool(spans and all(s in shingles for s in spans))
        prev_tokens = toks if line.strip() else []
    return labels


def training_pages(
    gold_weight: float = GOLD_WEIGHT, converter_weights: dict[str, float] | None = None
) -> Iterator[tuple[str, str, str, float]]:
    """``(page id, dump text, gold text, weight)`` for every dev page and converter with usable gold; a
    converter's dumps weigh ``converter_weights[conv]`` (default 1) times as much."""
    conv_weight = converter_weights or {}
    for page in corpus.pages("readability"):
        if page["split"] == "dev":
            gold = page["gold_text"]
            for conv in corpus.CONVERTERS:
                weight = gold_weight * conv_weight.get(conv, 1.0)
                yield page["id"], _dump(("readability", conv), page["id"]), gold, weight
    peer = corpus.peer("trafilatura_eval")
    kept = 0
    for page in corpus.pages("trafilatura_eval"):
        if page["split"] != "dev":
            continue
        silver = peer.get(page["id"], "")
        flat = SPACE_RE.sub(" ", silver)
        agrees = all(SPACE_RE.sub(" ", s).strip() in flat for s in page["with"]) and not any(
            SPACE_RE.sub(" ", s).strip() in flat for s in page["without"]
        )
        if not agrees or not silver.strip():
            continue
        kept += 1
        for conv in corpus.CONVERTERS:
            yield page["id"], _dump(("trafilatura_eval", conv), page["id"]), silver, conv_weight.get(conv, 1.0)
    print(f"trafilatura_eval: {kept} dev pages with silver labels", file=sys.stderr)


_DUMPS: dict[tuple[str, str], dict[str, str]] = {}


def _dump(key: tuple[str, str], page_id: str) -> str:
    if key not in _DUMPS:
        _DUMPS[key] = {r["id"]: r["text"] for r in corpus.dumps(*key) if r["split"] == "dev"}
    return _DUMPS[key][page_id]


def fold_of(page_id: str) -> int:
    return sum(page_id.encode()) % FOLDS


def build_rows(gold_weight: float = GOLD_WEIGHT, converter_weights: dict[str, float] | None = None):
    mats, labels, weights, page_index, folds = [], [], [], [], []
    for n, (page_id, dump, gold, page_weight) in enumerate(training_pages(gold_weight, converter_weights)):
        text, _ = prepare(dump)
        lines = text.split("\n")
        feats = page_features(text)
        if not len(feats.rows):
            continue
        y = label_lines(lines, gold)[feats.rows]
        tokens = np.expm1(feats.column("log_tokens"))
        mats.append(feats.matrix)
        labels.append(y)
        weights.append(page_weight * (1.0 + np.log1p(tokens)) / np.sqrt(len(y)))
        page_index.append(np.full(len(y), n))
        folds.append(np.full(len(y), fold_of(page_id)))
    return (np.vstack(mats), np.concatenate(labels), np.concatenate(weights), np.concatenate(page_index),
            np.concatenate(folds))


def fit_mlp(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, hidden: tuple[int, ...], seed: int,
    max_iter: int = 30, patience: int = 4,
) -> Mlp:
    """One MLP; training stops after ``max_iter`` epochs or once ``patience`` epochs gain nothing on a held-out
    tenth of the rows."""
    from sklearn.neural_network import MLPClassifier

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    clf = MLPClassifier(hidden_layer_sizes=hidden, alpha=1e-4, batch_size=512, learning_rate_init=2e-3,
                        max_iter=max_iter, random_state=seed, early_stopping=True, n_iter_no_change=patience)
    clf.fit((x - mean) / scale, y, sample_weight=w * (len(w) / w.sum()))
    return Mlp(mean.astype(np.float32), scale.astype(np.float32),
               tuple(c.astype(np.float32) for c in clf.coefs_),
               tuple(b.astype(np.float32) for b in clf.intercepts_))


def fit_ensemble(x: np.ndarray, y: np.ndarray, w: np.ndarray, hidden: int, seeds: list[int], **fit: int) -> Mlp:
    """Several one-hidden-layer MLPs (one per seed) merged into one wider MLP whose logit is their mean;
    ``fit`` goes to :func:`fit_mlp`."""
    members = [fit_mlp(x, y, w, (hidden,), seed, **fit) for seed in seeds]
    k = len(members)
    return Mlp(
        members[0].mean,
        members[0].scale,
        (np.hstack([m.weights[0] for m in members]), np.vstack([m.weights[1] for m in members]) / k),
        (np.concatenate([m.biases[0] for m in members]), sum(m.biases[1] for m in members) / k),
    )


def out_of_fold(
    stage_one: dict[int, Mlp], x: np.ndarray, folds: np.ndarray, page_index: np.ndarray
) -> tuple[np.ndarray, Segments]:
    """Stage-one logits with row k scored by the model that did not see its fold, and the rows' pages."""
    pages, page_ids = np.unique(page_index, return_inverse=True)
    seg = Segments.from_pages(page_ids, len(pages))
    logit = np.zeros(len(x), dtype=np.float32)
    for k, model in stage_one.items():
        logit[folds == k] = model.logit(x[folds == k])
    return logit, seg


def boundary_labels(y: np.ndarray, x: np.ndarray, seg: Segments) -> tuple[np.ndarray, np.ndarray]:
    """Rows that start and end each page's article: the ends of its run of rows with the largest sum of
    +1 per body row and -1 per other row, weighted by length (none on a page without body rows)."""
    weight = np.log1p(np.expm1(x[:, FEATURE_NAMES.index("log_tokens")]).clip(0) + 1)
    start, end = seg.best_run(np.where(y > 0, 1.0, -1.0) * weight)
    idx = np.arange(len(y))
    has_run = end > start
    return has_run & (idx == start), has_run & (idx == end - 1)


def fit_boundary(
    xb: np.ndarray, is_edge: np.ndarray, w: np.ndarray, hidden: int, seeds: list[int], **fit: int
) -> Mlp:
    """The start or end model; edge rows weighted up (a constant shift of the logit, which the choice of
    the best span in :func:`~newsclean.classify.boundary.article_span` does not see)."""
    return fit_ensemble(xb, is_edge.astype(np.int8), w * np.where(is_edge, EDGE_WEIGHT, 1.0), hidden, seeds, **fit)


def later_rows(
    stage_one: dict[int, Mlp], x: np.ndarray, y: np.ndarray, folds: np.ndarray, page_index: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """From out-of-fold stage-one scores: the stage-two (context) rows, the boundary rows, and which rows
    start and end each page's article."""
    logit, seg = out_of_fold(stage_one, x, folds, page_index)
    starts, ends = boundary_labels(y, x, seg)
    region = score_region(logit, x, seg)
    return context_features(logit, x, seg, region), boundary_features(logit, x, seg, region), starts, ends


def train(
    rows: tuple[np.ndarray, ...], *, seed: int = 0, hidden: int = 64, ensemble: int = 3, boundary_hidden: int = 32,
    boundary_ensemble: int = 3, leave_out: int | None = None, epochs: int = 30,
) -> LineModel:
    """The line model from :func:`build_rows` output, without the pages of fold ``leave_out`` if given."""
    x, y, w, page_index, folds = rows
    if leave_out is not None:
        keep = folds != leave_out
        x, y, w, page_index, folds = x[keep], y[keep], w[keep], page_index[keep], folds[keep]
    print(f"{len(np.unique(page_index))} dumps, {len(y)} lines, {y.mean():.3f} body", file=sys.stderr)
    fold_ids = np.unique(folds).tolist()
    out_of_fold = {k: fit_mlp(x[folds != k], y[folds != k], w[folds != k], (hidden,), seed, max_iter=epochs)
                   for k in fold_ids}
    x2, xb, starts, ends = later_rows(out_of_fold, x, y, folds, page_index)
    seeds = [seed + i for i in range(ensemble)]
    boundary_seeds = [seed + i for i in range(boundary_ensemble)]
    start = fit_boundary(xb, starts, w, boundary_hidden, boundary_seeds, max_iter=epochs)
    end = fit_boundary(xb, ends, w, boundary_hidden, boundary_seeds, max_iter=epochs)
    lines = fit_ensemble(x, y, w, hidden, seeds, max_iter=epochs)
    context = fit_ensemble(x2, y, w, hidden // 2, seeds, max_iter=epochs)
    for name, model, data in (("stage one", lines, x), ("stage two", context, x2)):
        pred = model.logit(data) > 0
        print(f"{name}: training accuracy {np.average(pred == y, weights=w):.4f}", file=sys.stderr)
    return LineModel(lines, context, start, end)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "newsclean" / "data" / "line_model.npz")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--ensemble", type=int, default=3, help="MLPs averaged in each final stage")
    ap.add_argument("--boundary-hidden", type=int, default=32, help="hidden units of the start and end models")
    ap.add_argument("--boundary-ensemble", type=int, default=3, help="MLPs averaged in the start and end models")
    ap.add_argument("--gold-weight", type=float, default=GOLD_WEIGHT,
                    help="weight of a readability page (full gold text) against a silver-labelled one")
    ap.add_argument("--w3m-weight", type=float, default=1.0, help="weight of w3m dumps against the other converters'")
    ap.add_argument("--epochs", type=int, default=30, help="most epochs of each MLP (early stopping may end sooner)")
    ap.add_argument("--leave-out", type=int, metavar="FOLD", choices=range(FOLDS),
                    help="leave this dev fold out (to score on it) instead of training on all dev pages")
    args = ap.parse_args()
    if not corpus.available():
        sys.exit(f"corpus not found at {corpus.CORPUS}")
    t0 = time.perf_counter()
    rows = build_rows(args.gold_weight, {"w3m": args.w3m_weight})
    print(f"features {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    model = train(rows, seed=args.seed, hidden=args.hidden, ensemble=args.ensemble,
                  boundary_hidden=args.boundary_hidden, boundary_ensemble=args.boundary_ensemble,
                  leave_out=args.leave_out, epochs=args.epochs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) in {time.perf_counter() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
