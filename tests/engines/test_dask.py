"""``newsclean.dask.clean_bag`` on 2 processes gives the records ``newsclean clean`` writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

db = pytest.importorskip("dask.bag")

from newsclean.dask import clean_bag  # noqa: E402


def lines(path: Path) -> list[dict[str, Any]]:
    """The JSON lines, each with its source named as the CLI names it."""
    rows = path.read_text(encoding="utf-8").splitlines()
    return [{**json.loads(line), "source": f"{path}:{k}"} for k, line in enumerate(rows, start=1)]


def test_pages_give_the_cli_records(inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]]) -> None:
    bag = db.from_sequence(lines(inputs["html_jsonl"]), npartitions=2)
    records = clean_bag(bag, field="html").compute(scheduler="processes", num_workers=2)
    expected = [dict(row) for row in reference["html_jsonl"]]
    assert records[-1].pop("reason").endswith("column 'html' is null")  # a null page: JSON says it otherwise
    assert "no 'text' field" in expected[-1].pop("reason")
    assert records == expected


def test_dumps_give_the_cli_records(inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]]) -> None:
    bag = db.from_sequence(lines(inputs["text_jsonl"]), npartitions=2)
    assert clean_bag(bag, "text", "text").compute(scheduler="processes", num_workers=2) == reference["text_jsonl"]
