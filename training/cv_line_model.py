"""Cross-validated dev score of the line model: every dev dump cleaned by a model that never saw its page.

    python training/cv_line_model.py [--details OUT.json] [--models DIR] [-- TRAIN ARGS...]

For each dev fold, ``train_line_model.py --leave-out FOLD`` (plus any TRAIN ARGS, e.g. ``--seed 1``)
trains a model on the other folds; ``clean_text`` with that model and default options then cleans the
fold's dumps, of every source and converter. The predictions of all folds are scored together per
source and converter with the corpus metric, so a change to the features, labels, training or the
passes after the model is judged on every dev page instead of one fold. The test split is never read.
``--details`` writes per dump the id, source, converter, fold and the snippet misses and leaks
(trafilatura_eval) or shingle P/R (readability), for error analysis. ``--models DIR`` keeps the fold
models there and reuses the ones already present, to judge changes that need no training (rules,
thresholds). Three trainings: a few minutes each on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import newsclean.classify as classify  # noqa: E402
from benchmarks import corpus  # noqa: E402
from benchmarks.quality import Dump, gold, page_dumps  # noqa: E402
from newsclean.classify.model import load_model  # noqa: E402
from newsclean.clean import clean_text  # noqa: E402
from training.cv_block_model import fold_model, page_detail  # noqa: E402
from training.train_line_model import FOLDS, fold_of  # noqa: E402


def predict_fold(model_file: Path, dumps: list[Dump]) -> dict[str, str]:
    """``clean_text`` of each dump with the model in ``model_file`` instead of the shipped one."""
    model = load_model(model_file)
    shipped = classify.default_model
    classify.default_model = lambda: model  # type: ignore[assignment]
    try:
        return {d.id: clean_text(d.text, url=d.url).text for d in dumps}
    finally:
        classify.default_model = shipped  # type: ignore[assignment]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--details", type=Path, metavar="OUT", help="write per-dump results as JSON")
    ap.add_argument("--models", type=Path, metavar="DIR", help="keep fold models here; reuse those present")
    ap.add_argument("train_args", nargs="*", help="passed to train_line_model.py (after --)")
    args = ap.parse_args()
    if not corpus.available():
        sys.exit(f"corpus not found at {corpus.CORPUS}")
    slices = [(source, conv) for source in corpus.SOURCES for conv in corpus.CONVERTERS]
    dumps = {key: page_dumps(*key, split="dev") for key in slices}
    predictions: dict[tuple[str, str], dict[str, str]] = {key: {} for key in slices}
    with tempfile.TemporaryDirectory() as tmp:
        models = args.models or Path(tmp)
        models.mkdir(parents=True, exist_ok=True)
        for fold in range(FOLDS):
            model_file = fold_model("train_line_model.py", fold, models, args.train_args)
            for key, key_dumps in dumps.items():
                predictions[key] |= predict_fold(model_file, [d for d in key_dumps if fold_of(d.id) == fold])
    details = []
    f1s = []
    for source, conv in slices:
        pages = [g for g in gold(source) if g["split"] == "dev"]
        summary = corpus.score(pages, predictions[source, conv])
        f1s.append(summary["F1"])
        print(
            f"{source:17} {conv:10} dev (cross-validated, {len(pages)} pages): "
            + " ".join(f"{k} {summary[k]:.3f}" for k in ("P", "R", "F1", "F1s") if k in summary)
        )
        details += [page_detail(source, p, predictions[source, conv][p["id"]]) | {"converter": conv} for p in pages]
    print(f"mean F1 {sum(f1s) / len(f1s):.4f}")
    if args.details:
        args.details.write_text(json.dumps(details, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
