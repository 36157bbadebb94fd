"""Read the development corpus (``../shared/corpus``) and score predictions with its scorer.

The corpus lives beside the repository; ``NEWSCLEAN_CORPUS`` points elsewhere. The scorer is
``../shared/tools/score.py`` itself, loaded from disk so that every number here is the one it prints.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSCLEAN_SHARED", REPO.parent / "shared"))
CORPUS = Path(os.environ.get("NEWSCLEAN_CORPUS", SHARED / "corpus"))
SOURCES = ("readability", "trafilatura_eval")
CONVERTERS = ("w3m", "htmltext", "inscriptis")


def available() -> bool:
    return (CORPUS / "readability" / "pages.jsonl.gz").is_file() and (SHARED / "tools" / "score.py").is_file()


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def pages(source: str) -> list[dict[str, Any]]:
    """The gold records of one source (with their HTML)."""
    return list(read_jsonl(CORPUS / source / "pages.jsonl.gz"))


def dumps(source: str, converter: str) -> list[dict[str, Any]]:
    """``{id, split, text}`` dumps of one source made by one converter."""
    return list(read_jsonl(CORPUS / source / "dumps" / f"{converter}.jsonl.gz"))


def peer(source: str, name: str = "trafilatura") -> dict[str, str]:
    return {r["id"]: r["text"] or "" for r in read_jsonl(CORPUS / source / "peers" / f"{name}.jsonl.gz")}


@cache
def scorer() -> ModuleType:
    """``shared/tools/score.py`` as a module."""
    path = SHARED / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("newsclean_corpus_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(gold: list[dict[str, Any]], predictions: dict[str, str]) -> dict[str, Any]:
    """Score ``{id: text}`` against gold records with the corpus metric for that source.

    Returns score.py's summary (``P``, ``R``, ``F1`` and, for snippet gold, ``F1s`` ...).
    """
    sc = scorer()
    if "gold_text" in gold[0] or "body_text" in gold[0]:
        rows = [sc.shingle_counts(g.get("gold_text", g.get("body_text")), predictions.get(g.get("id") or g["file"], ""))
                for g in gold]
        return dict(sc.summarise_shingle(rows))
    rows = [sc.snippet_counts(g, predictions.get(g["id"], "")) for g in gold]
    return dict(sc.summarise_snippet(rows))
