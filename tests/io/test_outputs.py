"""Sinks: commits are durable and reopening at a checkpoint's state cuts away what came after it."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from newsclean.io import JsonlSink, OutputFormat, ParquetSink, json_line, output_format


def test_output_format_from_the_name() -> None:
    assert output_format("out.parquet") is OutputFormat.PARQUET
    assert output_format("out.jsonl.zst") is OutputFormat.JSONL
    assert output_format(None) is OutputFormat.JSONL


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst"])
def test_jsonl_sink_reopened_at_a_state_drops_what_followed(tmp_path: Path, name: str) -> None:
    if name.endswith(".zst"):
        zstandard = pytest.importorskip("zstandard")
    path = tmp_path / name
    sink = JsonlSink(str(path))
    sink.add(json_line({"n": 1}))
    sink.commit()
    state = sink.state()
    sink.add(json_line({"n": 2}))
    sink.commit()  # written, but the checkpoint was never saved
    sink.close()
    resumed = JsonlSink(str(path), state=state)
    resumed.add(json_line({"n": 3}))
    resumed.close()
    data = path.read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    elif name.endswith(".zst"):
        data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True).read()
    assert data == b'{"n": 1}\n{"n": 3}\n'


def test_lone_surrogates_are_written_escaped() -> None:
    assert json_line({"id": "\ud800"}) == b'{"id": "\\ud800"}\n'


def test_parquet_sink_parts_merge_and_stale_parts_go(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "out.parquet"
    sink = ParquetSink(str(path))
    sink.add({"id": 1, "text": "one", "status": "ok"})
    sink.commit()
    state = sink.state()
    sink.add({"id": 2, "text": "two", "status": "ok"})
    sink.commit()
    (sink.parts_dir / "part-000005.parquet.tmp").write_bytes(b"half")
    resumed = ParquetSink(str(path), state=state)
    assert sorted(p.name for p in resumed.parts_dir.iterdir()) == ["part-000000.parquet"]
    resumed.add({"id": "3", "text": "three", "status": "ok"})
    resumed.close()
    resumed.remove_parts()
    rows = pq.read_table(path).to_pylist()
    assert [(r["id"], r["text"]) for r in rows] == [("1", "one"), ("3", "three")]
    assert set(rows[0]) >= {"id", "source", "fetched", "text", "status", "extractor"}
    assert not resumed.parts_dir.exists()


def test_a_missing_optional_package_names_the_extra() -> None:
    from newsclean.io.optional import require

    with pytest.raises(
        ImportError, match=r"Widget files need the no_such_module package: pip install 'newsclean\[w\]'"
    ):
        require("no_such_module.sub", purpose="Widget files", extra="w")
