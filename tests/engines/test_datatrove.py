"""``newsclean.datatrove.NewsCleanStep`` in a LocalPipelineExecutor with 2 workers: the documents it keeps
carry the records ``newsclean clean`` writes for the same pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove")
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader, WarcReader
from datatrove.pipeline.writers import JsonlWriter

from newsclean.datatrove import NewsCleanStep


def run_pipeline(reader: Any, step: NewsCleanStep, folder: Path, tasks: int) -> list[dict[str, Any]]:
    """Run reader → step → JsonlWriter on 2 workers; the records read back from the written documents."""
    out = folder / "out"
    LocalPipelineExecutor(
        pipeline=[reader, step, JsonlWriter(str(out))], tasks=tasks, workers=2, logging_dir=str(folder / "logs")
    ).run()
    records = []
    for path in sorted(out.glob("*.jsonl.gz")):
        for line in gzip.decompress(path.read_bytes()).splitlines():
            document = json.loads(line)
            metadata = document["metadata"]  # the writer leaves an empty text out
            records.append({**metadata, "id": str(document["id"]), "text": document.get("text", "")})
    return records


def split_lines(path: Path, folder: Path) -> Path:
    """The JSON lines of ``path`` as two files, so that 2 tasks have work."""
    folder.mkdir()
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(lines) // 2
    (folder / "a.jsonl").write_text("".join(lines[:half]), encoding="utf-8")
    (folder / "b.jsonl").write_text("".join(lines[half:]), encoding="utf-8")
    return folder


def by_id(rows: list[dict[str, Any]], columns: list[str]) -> dict[str, dict[str, Any]]:
    return {row["id"]: {name: row.get(name) for name in columns} for row in rows}


def test_html_documents_get_the_cli_records(
    inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder = split_lines(inputs["html_jsonl"], tmp_path / "in")
    reader = JsonlReader(str(folder), text_key="html")
    records = run_pipeline(reader, NewsCleanStep(mode="html", drop_empty=False), tmp_path, tasks=2)
    expected = reference["html_jsonl"]
    columns = [name for name in expected[0] if name not in ("source", "fetched")]
    got, want = by_id(records, columns), by_id(expected, columns)
    # datatrove's reader skips documents whose text is empty or null before any step sees them
    skipped = {row["id"] for row in expected if row["status"] in ("empty", "error")}
    assert skipped and set(got) == set(want) - skipped
    assert got == {key: want[key] for key in got}
    assert {row["source"] for row in records} == {str(folder / "a.jsonl"), str(folder / "b.jsonl")}


def test_drop_empty_keeps_only_articles(
    inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder = split_lines(inputs["html_jsonl"], tmp_path / "in")
    records = run_pipeline(JsonlReader(str(folder), text_key="html"), NewsCleanStep(), tmp_path, tasks=2)
    assert sorted(row["id"] for row in records) == sorted(
        row["id"] for row in reference["html_jsonl"] if row["status"] == "ok"
    )
    assert all(row["text"] and row["status"] == "ok" for row in records)


def test_text_documents_get_the_cli_records(
    inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    folder = split_lines(inputs["text_jsonl"], tmp_path / "in")
    records = run_pipeline(JsonlReader(str(folder)), NewsCleanStep(mode="text"), tmp_path, tasks=2)
    columns = [name for name in reference["text_jsonl"][0] if name != "source"]
    assert by_id(records, columns) == by_id(reference["text_jsonl"], columns)


def test_warc_documents_get_the_cli_records(
    inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    pytest.importorskip("cchardet")  # datatrove's WarcReader needs faust-cchardet and python-magic
    pytest.importorskip("magic")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pages.warc.gz").write_bytes(inputs["warc"].read_bytes())
    reader = WarcReader(str(folder))
    records = run_pipeline(reader, NewsCleanStep(drop_empty=False), tmp_path, tasks=1)
    expected = reference["warc"]
    columns = [name for name in expected[0] if name != "source"]
    got, want = by_id(records, columns), by_id(expected, columns)
    skipped = {row["id"] for row in expected if row["status"] == "empty"}
    assert skipped and set(got) == set(want) - skipped
    assert got == {key: want[key] for key in got}
