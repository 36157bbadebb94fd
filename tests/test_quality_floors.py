"""Quality gate: newsclean must not score below the floors in ``benchmarks/floors.json``.

Floors are only raised, never lowered silently. Corpus slices are scored on the TEST split with the
corpus scorer (see ``benchmarks/README.md``); each seed is scored on its own.
"""

from __future__ import annotations

import json
import os

import pytest

from benchmarks import corpus, html_quality, quality

FLOORS = json.loads((corpus.REPO / "benchmarks" / "floors.json").read_text(encoding="utf-8"))
SCORER = corpus.SHARED / "tools" / "score.py"
SLICES = [f"{source}/{converter}" for source in corpus.SOURCES for converter in corpus.CONVERTERS]
HTML_SLICES = [f"{source}/html" for source in corpus.SOURCES]
SEED_RECORDS, SEED_DUMPS = quality.load_seeds()

# CI sets NEWSCLEAN_REQUIRE_CORPUS=1 where the corpus is present: the floors then fail instead of skipping.
REQUIRED = os.environ.get("NEWSCLEAN_REQUIRE_CORPUS") == "1"
needs_corpus = pytest.mark.skipif(
    not corpus.available() and not REQUIRED,
    reason=f"development corpus or scorer not found ({corpus.CORPUS}, {SCORER}); "
    "set NEWSCLEAN_CORPUS / NEWSCLEAN_SHARED to run the quality floors",
)
needs_scorer = pytest.mark.skipif(
    not SCORER.is_file() and not REQUIRED, reason=f"corpus scorer not found at {SCORER}; set NEWSCLEAN_SHARED"
)


def test_every_slice_and_the_seeds_have_a_floor() -> None:
    assert sorted(FLOORS) == sorted([*SLICES, *HTML_SLICES, "seeds"])


@needs_corpus
@pytest.mark.parametrize("key", SLICES)
def test_corpus_test_split_meets_floor(key: str) -> None:
    source, converter = key.split("/")
    metric, floor = FLOORS[key]["metric"], FLOORS[key]["floor"]
    result = quality.run_quality("newsclean", source, converter, "test")
    assert result[metric] >= floor, f"{key} test {metric} {result[metric]:.4f} < floor {floor}"


@needs_corpus
@pytest.mark.parametrize("key", HTML_SLICES)
def test_html_test_split_meets_floor(key: str) -> None:
    source = key.split("/")[0]
    metric, floor = FLOORS[key]["metric"], FLOORS[key]["floor"]
    result = html_quality.run_html_quality("newsclean", source, "test")
    assert result[metric] >= floor, f"{key} test {metric} {result[metric]:.4f} < floor {floor}"


@needs_scorer
@pytest.mark.parametrize(
    ("gold", "dump"), list(zip(SEED_RECORDS, SEED_DUMPS, strict=True)), ids=[d.id for d in SEED_DUMPS]
)
def test_seed_meets_floor(gold: dict, dump: quality.Dump) -> None:
    metric, floor = FLOORS["seeds"]["metric"], FLOORS["seeds"]["floor"]
    prediction = quality.predictor("newsclean", "seeds")(dump)
    result = corpus.score([gold], {dump.id: prediction})
    assert result[metric] >= floor, f"seed {dump.id} {metric} {result[metric]:.4f} < floor {floor}"
