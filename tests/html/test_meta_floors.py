"""Quality gate for HTML metadata: newsclean's per-field accuracy on the corpus TEST split stays at its floors.

Floors are the figures ``python -m benchmarks.html_meta --split test`` measured for newsclean (default
settings, htmldate's fast search), cut to three decimals; they are only raised, never lowered silently. trafilatura's
figures in the same run, for reference: readability title 0.703, author 0.464, date 1.000;
trafilatura_eval title 0.607, author 0.484, date 0.866.
"""

from __future__ import annotations

import os

import pytest

from benchmarks import corpus, html_meta

FLOORS = {
    "readability": {"title": 0.837, "author": 0.821, "date": 1.0, "site": 1.0, "language": 1.0},
    "trafilatura_eval": {"title": 0.750, "author": 0.608, "date": 0.844},
}
REQUIRED = os.environ.get("NEWSCLEAN_REQUIRE_CORPUS") == "1"
needs_corpus = pytest.mark.skipif(
    not (corpus.CORPUS / "readability" / "pages.jsonl.gz").is_file() and not REQUIRED,
    reason=f"development corpus not found ({corpus.CORPUS}); set NEWSCLEAN_CORPUS to run the metadata floors",
)


@needs_corpus
@pytest.mark.parametrize("source", sorted(FLOORS))
def test_metadata_accuracy_meets_floor(source: str) -> None:
    scores = html_meta.run(source, "test", tools=("newsclean",))["scores"]["newsclean"]
    below = {
        field: (scores[field]["acc"], floor) for field, floor in FLOORS[source].items() if scores[field]["acc"] < floor
    }
    assert not below, f"{source} test split below floor (accuracy, floor): {below}"
