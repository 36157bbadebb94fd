"""Inputs and the reference records: what ``newsclean clean`` writes to Parquet for each input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsclean.cli.main import main
from tests.engines.pages import pages, write_jsonl, write_text_jsonl, write_warc

pytest.importorskip("pyarrow")
pytest.importorskip("warcio")


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("engine-inputs")
    found = pages()
    return {
        "warc": write_warc(folder / "pages.warc.gz", found),
        "html_jsonl": write_jsonl(folder / "pages.jsonl", found),
        "text_jsonl": write_text_jsonl(folder / "dumps.jsonl"),
    }


def cli_records(path: Path, out: Path, *extra: str) -> list[dict[str, Any]]:
    """The rows ``newsclean clean PATH -o OUT.parquet`` writes."""
    import pyarrow.parquet as pq

    assert main(["clean", "--no-progress", str(path), "-o", str(out), *extra]) == 0
    return pq.read_table(out).to_pylist()


@pytest.fixture(scope="session")
def reference(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("engine-reference")
    return {name: cli_records(path, folder / f"{name}.parquet") for name, path in inputs.items()}


def without(rows: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k not in names} for row in rows]
