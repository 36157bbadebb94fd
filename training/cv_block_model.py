"""Cross-validated dev score of the HTML block model: every dev page scored by a model that never saw it.

    python training/cv_block_model.py [--details OUT.json] [--models DIR] [-- TRAIN ARGS...]

For each dev fold, ``train_block_model.py --leave-out FOLD`` (plus any TRAIN ARGS, e.g. ``--seed 1``)
trains a model on the other folds; ``clean_htmls`` with that model then cleans the fold's pages. The
predictions of all folds are scored together per source with the corpus metric, so a change to the
features, labels or training is judged on every dev page instead of one fold. The test split is never
read. ``--details`` writes per page the id, source, fold and the snippet misses (trafilatura_eval) or
shingle P/R (readability), for error analysis. ``--models DIR`` keeps the fold models there and
reuses the ones already present, to judge changes that need no training (region choice, rules). Three
trainings: about five minutes on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import corpus  # noqa: E402
from benchmarks.html_quality import page_url  # noqa: E402
from newsclean.classify.model import load_model  # noqa: E402
from newsclean.html import score  # noqa: E402
from newsclean.html.extract import clean_htmls  # noqa: E402
from training.train_line_model import FOLDS, fold_of  # noqa: E402


def dev_pages(source: str) -> list[dict[str, Any]]:
    return [p for p in corpus.pages(source) if p["split"] == "dev"]


def predict_fold(model_file: Path, pages: list[dict[str, Any]]) -> dict[str, str]:
    model = load_model(model_file, feature_names=score.BLOCK_FEATURE_NAMES, context_names=score.BLOCK_CONTEXT_NAMES)
    shipped = score.default_block_model
    score.default_block_model = lambda: model  # type: ignore[assignment]
    try:
        articles = clean_htmls((p["html"] for p in pages), urls=[page_url(p) for p in pages])
        return {p["id"]: a.text for p, a in zip(pages, articles, strict=True)}
    finally:
        score.default_block_model = shipped  # type: ignore[assignment]


def fold_model(trainer: str, fold: int, models: Path, train_args: list[str]) -> Path:
    """``models/fold{fold}.npz``, trained by ``training/{trainer} --leave-out fold`` unless already there."""
    model_file = models / f"fold{fold}.npz"
    if not model_file.exists():
        script = REPO / "training" / trainer
        command = [sys.executable, str(script), "--leave-out", str(fold), "--out", str(model_file), *train_args]
        subprocess.run(command, check=True)
    return model_file


def page_detail(source: str, page: dict[str, Any], text: str) -> dict[str, Any]:
    sc = corpus.scorer()
    detail: dict[str, Any] = {"id": page["id"], "source": source, "fold": fold_of(page["id"])}
    if source == "readability":
        tp, fp, fn = sc.shingle_counts(page["gold_text"], text)
        detail |= {"P": tp / (tp + fp) if tp + fp else 0.0, "R": tp / (tp + fn) if tp + fn else 0.0}
    else:
        flat = sc.norm(text)
        detail |= {"missed": [s for s in page["with"] if sc.norm(s) not in flat],
                   "leaked": [s for s in page["without"] if sc.norm(s) in flat]}
    return detail


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--details", type=Path, metavar="OUT", help="write per-page results as JSON")
    ap.add_argument("--models", type=Path, metavar="DIR", help="keep fold models here; reuse those present")
    ap.add_argument("train_args", nargs="*", help="passed to train_block_model.py (after --)")
    args = ap.parse_args()
    if not corpus.available():
        sys.exit(f"corpus not found at {corpus.CORPUS}")
    pages = {source: dev_pages(source) for source in corpus.SOURCES}
    predictions: dict[str, dict[str, str]] = {source: {} for source in corpus.SOURCES}
    with tempfile.TemporaryDirectory() as tmp:
        models = args.models or Path(tmp)
        models.mkdir(parents=True, exist_ok=True)
        for fold in range(FOLDS):
            model_file = fold_model("train_block_model.py", fold, models, args.train_args)
            for source, source_pages in pages.items():
                held_out = [p for p in source_pages if fold_of(p["id"]) == fold]
                predictions[source] |= predict_fold(model_file, held_out)
    details = []
    for source, source_pages in pages.items():
        gold = [{k: v for k, v in p.items() if k != "html"} for p in source_pages]
        summary = corpus.score(gold, predictions[source])
        print(f"{source:17} dev (cross-validated, {len(source_pages)} pages): "
              + " ".join(f"{k} {summary[k]:.3f}" for k in ("P", "R", "F1", "F1s") if k in summary))
        details += [page_detail(source, p, predictions[source][p["id"]]) for p in source_pages]
    if args.details:
        args.details.write_text(json.dumps(details, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
