"""The watchdog: a document that overruns its time budget, or kills its worker, is rejected with a reason
and the rest of its chunk is cleaned."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsclean import Options
from newsclean.io import Document, InputReader, Item
from newsclean.record import Article
from newsclean.run import RunConfig, run
from newsclean.run import worker as worker_module
from newsclean.run.runner import Destinations
from tests.cli.dumps import jsonl_dump

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the stand-in cleaner reaches workers by fork"
)

real_clean_items = worker_module.clean_items


def hanging(items: Sequence[Item], options: Options) -> list[Article]:
    if any(isinstance(i, Document) and "Story number 5 " in str(i.content) for i in items):
        time.sleep(120)  # a pathological page (the real cleaner is never this slow on these pages)
    return real_clean_items(items, options)


def crashing(items: Sequence[Item], options: Options) -> list[Article]:
    if any(isinstance(i, Document) and "Story number 7 " in str(i.content) for i in items):
        os._exit(3)  # a page that brings its worker down
    return real_clean_items(items, options)


def run_records(path: Path, jobs: int, budget: float | None) -> list[dict[str, object]]:
    stdout = io.BytesIO()
    result = run(
        InputReader([str(path)]),
        options=Options(),
        config=RunConfig(jobs=jobs, time_budget=budget, chunk_size=8),
        destinations=Destinations(stdout=stdout),
        show_progress=False,
    )
    records = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert result.stats.inputs == len(records)
    return records


@pytest.mark.parametrize(
    ("stand_in", "doc", "reason"), [(hanging, 5, "time budget exceeded"), (crashing, 7, "worker died")]
)
def test_the_document_at_fault_is_rejected_and_the_rest_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stand_in: object, doc: int, reason: str
) -> None:
    path = jsonl_dump(tmp_path / "pages.jsonl", 20)
    monkeypatch.setattr(worker_module, "clean_items", stand_in)
    started = time.monotonic()
    records = run_records(path, jobs=2, budget=2.0)  # generous: other work may share the cores
    assert time.monotonic() - started < 60  # not the 120 s of the hanging page
    assert [r["id"] for r in records] == [f"doc-{k}" for k in range(20)]
    at_fault = records[doc]
    assert at_fault["status"] == "error"
    assert str(at_fault["reason"]).startswith(reason)
    assert all(r["status"] == "ok" for k, r in enumerate(records) if k != doc)


def test_without_a_budget_nothing_is_given_up(tmp_path: Path) -> None:
    path = jsonl_dump(tmp_path / "pages.jsonl", 20)
    records = run_records(path, jobs=1, budget=None)
    assert all(r["status"] == "ok" for r in records)
