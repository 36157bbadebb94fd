"""``newsclean.arrow``: the record schema the Parquet writer shares, and clean_batch, whose records are
those ``newsclean clean`` writes for the same input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean.arrow import RECORD_SCHEMA, clean_batch, read_warc_batches
from newsclean.errors import InputError
from tests.engines.conftest import cli_records

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def jsonl_table(path: Path, field: str) -> Any:
    """The JSON lines as a table, each row with its ``source`` as the CLI names it (``path:LINE``)."""
    rows = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        value = json.loads(line)
        source = f"{path}:{line_number}"
        rows.append({"id": str(value["id"]), "url": value["url"], field: value[field], "source": source})
    return pa.Table.from_pylist(rows)


def test_the_schema_is_the_parquet_writers(inputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    cli_records(inputs["text_jsonl"], out)
    assert pq.read_schema(out).equals(RECORD_SCHEMA)
    assert newsclean.RECORD_SCHEMA is RECORD_SCHEMA
    assert RECORD_SCHEMA.names[:4] == ["id", "source", "fetched", "text"]
    assert "decisions" not in RECORD_SCHEMA.names
    assert all(field.type == pa.string() for field in RECORD_SCHEMA)


def test_importing_newsclean_does_not_import_pyarrow() -> None:
    code = (
        "import sys, newsclean; assert 'pyarrow' not in sys.modules; "
        "newsclean.RECORD_SCHEMA; print('pyarrow' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_html_rows_give_the_cli_records(inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]]) -> None:
    table = jsonl_table(inputs["html_jsonl"], "html")
    records = clean_batch(table, column="html", mode="html")
    assert records.schema.equals(RECORD_SCHEMA)
    rows, expected = records.to_pylist(), [dict(row) for row in reference["html_jsonl"]]
    # the last line's html is null: an error record in both, whose reason names the JSON field or the column
    assert rows[-1].pop("reason").endswith("column 'html' is null")
    assert "no 'text' field" in expected[-1].pop("reason")
    assert rows == expected
    assert {"ok", "error"} <= {row["status"] for row in rows}


def test_text_rows_give_the_cli_records(inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]]) -> None:
    rows = [json.loads(line) for line in inputs["text_jsonl"].read_text(encoding="utf-8").splitlines()]
    sources = [f"{inputs['text_jsonl']}:{k}" for k in range(1, len(rows) + 1)]
    batch = pa.record_batch(
        {
            "id": [row["id"] for row in rows],  # integers: written as their decimal text, as the CLI does
            "url": [row["url"] for row in rows],
            "body": [row["text"] for row in rows],
            "source": sources,
        }
    )
    records = clean_batch(batch, column="body", mode="text")
    assert records.to_pylist() == reference["text_jsonl"]
    assert all(row["extractor"].startswith(("text-", "rules-")) for row in records.to_pylist())  # dump paths


def test_warc_batches_give_the_cli_records(inputs: dict[str, Path], reference: dict[str, list[dict[str, Any]]]) -> None:
    batches = list(read_warc_batches(str(inputs["warc"]), batch_rows=4))
    assert len(batches) > 1
    records = [row for batch in batches for row in clean_batch(batch, column="content", mode="auto").to_pylist()]
    assert records == reference["warc"]
    latin = next(row for row in records if row["url"] == "https://latin.example.com/cafe")
    assert "Le café de la gare" in latin["text"]  # decoded with the HTTP charset carried in the batch


def test_a_broken_warc_record_is_an_error_row_as_in_the_cli(inputs: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc"
    data = gzip.decompress(inputs["warc"].read_bytes())
    cut = data.index(b"WARC/1", len(data) // 2)
    broken.write_bytes(data[:cut] + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: zz\r\n\r\n" + data[cut:])
    expected = cli_records(broken, tmp_path / "broken.parquet")
    batches = [clean_batch(batch, column="content", mode="auto") for batch in read_warc_batches(str(broken))]
    records = [row for batch in batches for row in batch.to_pylist()]
    assert records == expected
    assert any(row["status"] == "error" and "broken" in (row["reason"] or "") for row in records)


def test_options_reach_the_cleaner() -> None:
    page = "<html><body><article><p>" + "A sentence of news. " * 20 + "</p></article></body></html>"
    batch = pa.record_batch({"html": [page]})
    plain, markdown = (
        clean_batch(batch, options=newsclean.Options(markdown=flag)).to_pylist()[0] for flag in (False, True)
    )
    assert plain["markdown"] is None and markdown["markdown"]
    assert plain["source"] == "<arrow>" and plain["id"] is None


def test_a_missing_column_or_kind_is_an_input_error() -> None:
    batch = pa.record_batch({"text": ["x"]})
    with pytest.raises(InputError, match="no column 'html'"):
        clean_batch(batch)
    with pytest.raises(InputError, match="needs a 'kind' column"):
        clean_batch(batch, column="text", mode="auto")
    with pytest.raises(ValueError):
        clean_batch(batch, column="text", mode="pdf")


def test_json_lines_records_have_the_schemas_fields(inputs: dict[str, Path], tmp_path: Path) -> None:
    from newsclean.cli.main import main

    out = tmp_path / "out.jsonl"
    assert main(["clean", "--no-progress", str(inputs["warc"]), "-o", str(out), "--markdown"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(list(record) == RECORD_SCHEMA.names for record in records if record["status"] == "ok")
