"""``newsclean clean`` over many records: workers, order, accounting, rejects, statistics, formats."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from newsclean.cli.main import main
from tests.cli.dumps import jsonl_dump, seed_texts

RECORDS = 200


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.splitlines()]


def clean(*argv: str | Path) -> int:
    return main(["clean", "--no-progress", *map(str, argv)])


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return jsonl_dump(tmp_path_factory.mktemp("dump") / "pages.jsonl", RECORDS, corrupt_every=37)


def test_two_jobs_write_what_one_job_writes(dump: Path, tmp_path: Path) -> None:
    one, two, loose = tmp_path / "one.jsonl", tmp_path / "two.jsonl", tmp_path / "loose.jsonl"
    assert clean(dump, "-o", one, "--jobs", "1") == 0
    assert clean(dump, "-o", two, "--jobs", "2") == 0
    assert clean(dump, "-o", loose, "--jobs", "2", "--unordered") == 0
    assert one.read_bytes() == two.read_bytes()
    records = read_jsonl(one)
    assert [r["source"] for r in records] == [f"{dump}:{k}" for k in range(1, RECORDS + 1)]
    assert sorted(read_jsonl(loose), key=lambda r: r["source"]) == sorted(records, key=lambda r: r["source"])


def test_rejects_and_stats_account_for_every_input(
    dump: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, rejects, stats = tmp_path / "out.jsonl.gz", tmp_path / "rejects.jsonl", tmp_path / "stats.json"
    assert clean(dump, "-o", out, "--rejects", rejects, "--stats", stats, "--jobs", "2") == 0
    written, rejected = read_jsonl(out), read_jsonl(rejects)
    assert len(written) + len(rejected) == RECORDS
    assert {r["status"] for r in written} == {"ok"}
    assert {r["status"] for r in rejected} <= {"error", "empty", "not_article"}
    broken = [r for r in rejected if r["status"] == "error"]
    assert len(broken) == RECORDS // 37
    assert all("invalid JSON" in r["reason"] and r["source"].startswith(f"{dump}:") for r in broken)
    data = json.loads(stats.read_text(encoding="utf-8"))
    assert (data["inputs"], data["written"], data["rejected"]) == (RECORDS, len(written), len(rejected))
    assert sum(data["by_status"].values()) == RECORDS
    # The dumps are the seed pages, which the shipped site rules recognise.
    assert data["by_extractor"]["text-rules"] == RECORDS - len(broken)
    assert data["by_site"]["news0.example.com"] > 0
    assert data["docs_per_second"] > 0 and data["mb_per_second"] > 0
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith(f"newsclean: records={RECORDS} ")
    assert "docs/s" in err


def test_single_file_to_stdout_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    seed = sorted((Path(__file__).parents[1] / "fixtures" / "seeds").glob("*.txt"))[2]
    assert main(["clean", str(seed)]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["status"] == "ok" and record["source"] == str(seed)


def test_plain_progress_lines_when_stderr_is_not_a_terminal(dump: Path) -> None:
    from newsclean.run.progress import Progress

    stream = io.StringIO()
    progress = Progress(stream, total=1000, interval=0.0)
    progress.update(10, 500)
    line = stream.getvalue()
    assert line.startswith("newsclean: progress: 10 docs (")
    assert "docs/s" in line and "MB/s" in line and "50%" in line and "ETA" in line


def test_resume_needs_an_output_file(dump: Path) -> None:
    assert clean(dump, "--resume") == 2


def test_parquet_out_and_back_in(dump: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    reference = tmp_path / "ref.jsonl"
    assert clean(dump, "-o", out, "--jobs", "2") == 0
    assert clean(dump, "-o", reference, "--jobs", "1") == 0
    table = pq.read_table(out)
    expected = read_jsonl(reference)
    assert table.num_rows == len(expected)
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [None if e["id"] is None else str(e["id"]) for e in expected]
    assert [r["text"] for r in rows] == [e["text"] for e in expected]
    assert not (tmp_path / "out.parquet.parts").exists()
    assert not (tmp_path / "out.parquet.checkpoint.json").exists()
    # the cleaned records back in: their text field is read again
    again = tmp_path / "again.jsonl"
    assert clean(out, "-o", again, "--jobs", "1") == 0
    back = read_jsonl(again)
    assert [r["id"] for r in back] == [r["id"] for r in rows]
    assert back[0]["source"] == f"{out}#1"


def test_warc_in(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from tests.io.samples import write_warc

    text = seed_texts()[0]
    path = tmp_path / "crawl.warc.wet.gz"
    write_warc(path, [("conversion", f"https://example.com/{k}", text.encode(), "text/plain") for k in range(3)])
    out = tmp_path / "out.jsonl"
    assert clean(path, "-o", out) == 0
    records = read_jsonl(out)
    assert [r["url"] for r in records] == [f"https://example.com/{k}" for k in range(3)]
    assert all(r["status"] == "ok" and r["fetched"] and r["id"].startswith("<urn:uuid:") for r in records)


def article_html(k: int) -> str:
    paragraphs = "".join(
        f"<p>Paragraph {n} of story {k}: the city council approved on Tuesday a budget that raises spending "
        f"on schools and public transport while cutting the cost of administration.</p>"
        for n in range(4)
    )
    return (
        f"<html><head><title>Story {k}</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        f"<article><h1>Story {k}</h1>{paragraphs}</article><footer>Copyright 2024</footer></body></html>"
    )


def test_html_records_go_to_clean_html_and_dumps_to_the_text_cleaner(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    text = seed_texts()[0]
    lines = [{"id": k, "html": article_html(k)} if k % 2 else {"id": k, "text": text} for k in range(6)]
    mixed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(article_html(9), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert clean(mixed, pages, "-o", out, "--jobs", "2") == 0
    records = read_jsonl(out)
    # The dump is seed 000, a worldmagzine page: its site rule applies.
    assert [r["extractor"] for r in records] == ["text-rules", "html-blocks"] * 3 + ["html-blocks"]
    assert all(r["status"] == "ok" for r in records)
    assert "Paragraph 2 of story 3" in records[3]["text"]
    assert "Copyright" not in records[3]["text"]


def test_warc_html_responses_are_cleaned_with_their_charset(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from tests.io.samples import write_warc

    page = article_html(1).replace("Paragraph 0", "Paragraphe zéro")
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("response", "https://example.com/a", page.encode("latin-1"), "text/html; charset=ISO-8859-1")])
    out = tmp_path / "out.jsonl"
    assert clean(path, "-o", out) == 0
    (record,) = read_jsonl(out)
    assert (record["status"], record["extractor"], record["url"]) == ("ok", "html-blocks", "https://example.com/a")
    assert "Paragraphe zéro" in record["text"]


def test_the_readme_example_files(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    pq = pytest.importorskip("pyarrow.parquet")
    fixtures = Path(__file__).parents[1] / "fixtures" / "io"
    out, stats = tmp_path / "cc.jsonl.gz", tmp_path / "stats.json"
    assert clean(fixtures / "pages.warc.gz", fixtures / "pages.warc.wet.gz", "-o", out, "--stats", stats) == 0
    records = read_jsonl(out)
    assert [r["extractor"] for r in records] == ["html-blocks"] * 3 + ["text-lines"] * 3
    assert all(r["status"] == "ok" and "council approved" in r["text"] for r in records)
    assert json.loads(stats.read_text(encoding="utf-8"))["skipped"] == {
        "warc warcinfo record": 1,
        "warc record that is not HTML": 1,
        "warc response with HTTP status 404": 1,
    }
    parquet = tmp_path / "clean.parquet"
    assert clean(fixtures / "pages.parquet", "-o", parquet) == 0
    assert [r["id"] for r in pq.read_table(parquet).to_pylist()] == ["page-0", "page-1", "page-2"]


def test_corrupt_records_in_every_format_go_to_rejects_and_the_rest_is_cleaned(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    pytest.importorskip("pyarrow.parquet")
    zstandard = pytest.importorskip("zstandard")
    from tests.io.samples import WARC_RECORDS, corrupt_row_group, corrupt_warc_record, write_parquet, write_warc

    inputs = tmp_path / "in"
    inputs.mkdir()
    good = jsonl_dump(tmp_path / "good.jsonl", 40, corrupt_every=10)  # 4 invalid JSON lines
    data = good.read_bytes()
    (inputs / "a.jsonl").write_bytes(data)
    packed = gzip.compress(data)
    (inputs / "b.jsonl.gz").write_bytes(packed[: len(packed) // 2])  # cut short
    packed = zstandard.ZstdCompressor().compress(data)
    (inputs / "c.jsonl.zst").write_bytes(packed[: len(packed) // 2])
    corrupt_warc_record(inputs / "d.warc.gz", write_warc(inputs / "d.warc.gz", WARC_RECORDS)[3])
    write_parquet(inputs / "e.parquet", 30, 10)
    corrupt_row_group(inputs / "e.parquet", 1)
    (inputs / "f.txt").write_bytes(b"\x00\x01\x02\xff" * 100)  # binary, not a dump
    out, rejects, stats = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl", tmp_path / "stats.json"
    argv = [inputs, "--glob", "*", "-o", out, "--rejects", rejects, "--stats", stats, "--jobs", "2"]
    assert clean(*argv) == 0
    written, rejected = read_jsonl(out), read_jsonl(rejects)
    data = json.loads(stats.read_text(encoding="utf-8"))
    assert data["inputs"] == len(written) + len(rejected) == data["written"] + data["rejected"]
    reasons = {r["source"].replace(str(inputs) + "/", ""): r["reason"] for r in rejected if r["status"] == "error"}
    assert sum("a.jsonl:" in s and "invalid JSON" in reasons[s] for s in reasons) == 4
    assert any(s.startswith("b.jsonl.gz:") and "cannot read" in reasons[s] for s in reasons)
    assert any(s.startswith("c.jsonl.zst:") and "cannot read" in reasons[s] for s in reasons)
    assert any(s.startswith("d.warc.gz@") and "broken WARC record" in reasons[s] for s in reasons)
    assert "e.parquet#11" in reasons and "row group 1 (rows 11-20) unreadable" in reasons["e.parquet#11"]
    assert "f.txt" in reasons
    sources = {r["source"].replace(str(inputs) + "/", "").split(":")[0].split("@")[0].split("#")[0] for r in written}
    assert sources >= {"a.jsonl", "b.jsonl.gz", "d.warc.gz", "e.parquet"}  # a cut zstd frame may yield nothing
    assert sum(r["source"].startswith(str(inputs / "e.parquet")) for r in written) == 20
