"""Readers of every input format, and what each does with corrupt input: a rejection that says where and
why, then the rest of the input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsclean.io import ContentKind, Document, InputKind, InputReader, RecordFields, Rejected, input_kind, resolve
from newsclean.io.records import Item
from tests.io.samples import (
    PAGE,
    WARC_RECORDS,
    corrupt_row_group,
    corrupt_warc_record,
    html_page,
    write_parquet,
    write_warc,
)


def items(*paths: Path | str, **kwargs: object) -> list[Item]:
    return [resolve(entry) for entry in InputReader([str(p) for p in paths], **kwargs)]  # type: ignore[arg-type]


def jsonl_bytes(n: int) -> bytes:
    return b"".join(json.dumps({"id": k, "text": f"{PAGE} {k}"}).encode() + b"\n" for k in range(n))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", InputKind.TEXT),
        ("a", InputKind.TEXT),
        ("a.html", InputKind.HTML),
        ("a.HTM", InputKind.HTML),
        ("a.jsonl", InputKind.JSONL),
        ("a.jsonl.gz", InputKind.JSONL),
        ("a.ndjson.zst", InputKind.JSONL),
        ("a.warc.gz", InputKind.WARC),
        ("CC-MAIN-1.warc.wet.gz", InputKind.WARC),
        ("a.parquet", InputKind.PARQUET),
    ],
)
def test_input_kind_from_the_name(name: str, kind: InputKind) -> None:
    assert input_kind(Path(name)) is kind


def test_directory_with_globs_reads_each_file_by_its_kind(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_text("<p>hi</p>", encoding="utf-8")
    (tmp_path / "sub" / "c.jsonl.gz").write_bytes(gzip.compress(jsonl_bytes(2)))
    (tmp_path / "notes.md").write_text(PAGE, encoding="utf-8")
    default = items(tmp_path)
    assert [(Path(i.source).name, i.kind) for i in default if isinstance(i, Document)] == [
        ("b.txt", ContentKind.TEXT),
        ("a.html", ContentKind.HTML),
    ]
    shards = items(tmp_path, globs=["*.jsonl.gz"])
    assert [i.id for i in shards] == [0, 1]
    assert shards[0].source.endswith("c.jsonl.gz:1")
    nested = items(tmp_path, globs=["sub/*.html"])
    assert [Path(i.source).name for i in nested] == ["a.html"]


def test_jsonl_html_field_and_field_names(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(
        json.dumps({"k": "a", "page": "<p>x</p>", "link": "https://e.com/a"})
        + "\n"
        + json.dumps({"k": "b", "body": PAGE})
        + "\n",
        encoding="utf-8",
    )
    fields = RecordFields(text="body", id="k", url="link", html="page")
    first, second = items(path, fields=fields)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.kind, first.url) == ("a", ContentKind.HTML, "https://e.com/a")
    assert (second.id, second.kind) == ("b", ContentKind.TEXT)


def test_invalid_json_lines_are_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_bytes(jsonl_bytes(2) + b'{"id": 9, "text": \n' + b'{"id": 10}\n' + jsonl_bytes(1))
    got = items(path)
    assert [type(i).__name__ for i in got] == ["Document", "Document", "Rejected", "Rejected", "Document"]
    bad = got[2]
    assert isinstance(bad, Rejected)
    assert bad.source == f"{path}:3"
    assert "invalid JSON" in str(bad.error)
    assert got[3].id == 10
    assert "no 'text' field" in str(got[3].error)  # type: ignore[union-attr]


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_truncated_compressed_jsonl_keeps_what_was_read_and_rejects_the_rest(tmp_path: Path, suffix: str) -> None:
    data = jsonl_bytes(3000)
    if suffix == ".gz":
        packed = gzip.compress(data)
    else:
        zstandard = pytest.importorskip("zstandard")
        packed = zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"pages.jsonl{suffix}"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    got = items(path)
    documents = [i for i in got if isinstance(i, Document)]
    assert 1000 < len(documents) < 3000
    assert [d.id for d in documents] == list(range(len(documents)))
    last = got[-1]
    assert isinstance(last, Rejected)
    assert last.source == f"{path}:{len(documents) + 1}"
    assert "cannot read" in str(last.error)


def test_multi_member_gzip_and_multi_frame_zstd(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(jsonl_bytes(2)) + gzip.compress(jsonl_bytes(3)))
    zst = tmp_path / "b.jsonl.zst"
    zst.write_bytes(zstandard.ZstdCompressor().compress(jsonl_bytes(2)) + zstandard.ZstdCompressor().compress(b"\n"))
    assert [i.id for i in items(gz)] == [0, 1, 0, 1, 2]
    assert [i.id for i in items(zst)] == [0, 1]


def test_unreadable_file_is_rejected(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    got = items(missing, tmp_path / "missing.txt")
    assert all(isinstance(i, Rejected) for i in got)
    assert "No such file or directory" in str(got[0].error)  # type: ignore[union-attr]


def test_position_and_total_follow_the_files(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_bytes(jsonl_bytes(50))
    reader = InputReader([str(path)])
    assert reader.total_bytes == path.stat().st_size
    assert sum(1 for _ in reader) == 50
    assert reader.position == path.stat().st_size
    assert InputReader(["-"]).total_bytes is None


# --- WARC ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_with_url_date_and_id(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    offsets = write_warc(path, WARC_RECORDS, gz=gz)
    reader = InputReader([str(path)])
    got = [resolve(e) for e in reader]
    assert [i.url for i in got] == [f"https://example.com/{k}" for k in range(4)]
    assert all(isinstance(i, Document) and i.kind is ContentKind.HTML for i in got)
    first = got[0]
    assert isinstance(first, Document)
    assert first.content == html_page(0)
    assert first.source == f"{path}@{offsets[1]}"
    assert str(first.id).startswith("<urn:uuid:")
    assert first.fetched and first.fetched[:2] == "20"
    assert sum(reader.skipped.values()) == 3  # warcinfo, the image, the 404


def test_wet_conversion_records_are_text(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.wet.gz"
    write_warc(path, [("conversion", "https://example.com/t", PAGE.encode(), "text/plain")])
    (document,) = items(path)
    assert isinstance(document, Document)
    assert (document.kind, document.url, document.content) == (ContentKind.TEXT, "https://example.com/t", PAGE.encode())


@pytest.mark.parametrize("gz", [True, False])
def test_broken_warc_record_is_rejected_and_reading_goes_on(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    offsets = write_warc(path, WARC_RECORDS, gz=gz)
    broken = offsets[3]  # the response for /1
    corrupt_warc_record(path, broken)
    got = items(path)
    assert [i.url for i in got if isinstance(i, Document)] == [f"https://example.com/{k}" for k in (0, 2, 3)]
    rejected = [i for i in got if isinstance(i, Rejected)]
    assert len(rejected) == 1
    assert "broken WARC record" in str(rejected[0].error)
    assert rejected[0].source.startswith(f"{path}@")
    assert offsets[2] <= int(rejected[0].source.rsplit("@", 1)[1]) <= broken


def test_warc_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(path, WARC_RECORDS)
    path.write_bytes(path.read_bytes()[: offsets[-1] + 40])
    got = items(path)
    assert [i.url for i in got if isinstance(i, Document)] == [f"https://example.com/{k}" for k in range(3)]
    assert isinstance(got[-1], Rejected)


# --- Parquet ------------------------------------------------------------------------------------------


def test_parquet_rows_are_documents(tmp_path: Path) -> None:
    path = tmp_path / "pages.parquet"
    write_parquet(path, 10, 4)
    got = items(path)
    assert [i.id for i in got] == [f"r{k}" for k in range(10)]
    assert got[4].source == f"{path}#5"
    assert got[4].url == "https://example.com/4"


def test_bad_parquet_row_group_is_rejected_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "pages.parquet"
    write_parquet(path, 30, 10)
    corrupt_row_group(path, 1)  # the text column of rows 11-20
    got = items(path)
    assert [i.id for i in got if isinstance(i, Document)] == [f"r{k}" for k in (*range(10), *range(20, 30))]
    (rejected,) = [i for i in got if isinstance(i, Rejected)]
    assert rejected.source == f"{path}#11"
    assert "row group 1 (rows 11-20) unreadable" in str(rejected.error)


def test_not_a_parquet_file(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "pages.parquet"
    path.write_bytes(b"not parquet at all")
    (rejected,) = items(path)
    assert isinstance(rejected, Rejected)
    assert "cannot read Parquet" in str(rejected.error)
