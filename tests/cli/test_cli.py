"""The ``newsclean`` command line, run in-process with ``main([...])`` and once as ``python -m``."""

from __future__ import annotations

import gzip
import io
import json
import logging
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import Article, Label, LineDecision, Status
from newsclean.cli.cmd_explain import render
from newsclean.cli.main import main
from newsclean.text.lines import split_lines

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]
STATUSES = {status.value for status in Status}
RECORD_KEYS = {"id", "source", "fetched", "text", "title", "author", "published", "site", "url", "language"}
RECORD_KEYS |= {"status", "reason", "extractor", "description", "image", "rule"}
ARTICLE = (
    "Home | World | Business\n"
    "City council approves new budget\n"
    "The city council approved on Tuesday a budget that raises spending on schools and public transport "
    "while cutting the cost of administration, after a debate that lasted well into the night.\n"
    "Share this article\n"
)
SUMMARY = re.compile(r"^newsclean: records=(\d+) ok=(\d+) empty=(\d+) not_article=(\d+) error=(\d+)")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]], str]:
    """Exit code, the JSON records written to standard output, and standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def counts(err: str) -> dict[str, int]:
    """The status counts of the summary line on standard error."""
    lines = [line for line in err.splitlines() if SUMMARY.match(line)]
    assert len(lines) == 1, err
    match = SUMMARY.match(lines[0])
    assert match is not None
    names = ("records", "ok", "empty", "not_article", "error")
    return dict(zip(names, map(int, match.groups()), strict=True))


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- usage -------------------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"newsclean {newsclean.__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["clean"],
        ["frobnicate"],
        ["clean", "x.txt", "--threshold", "abc"],
        ["clean", "x.txt", "--threshold", "1.5"],
        ["clean", "x.txt", "--language", "english"],
        ["explain"],
        ["explain", "a.txt", "b.txt"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "usage: newsclean" in captured.err
    assert captured.out == ""


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--help"]) == 0
    assert "--rejects" in capsys.readouterr().out


# --- clean: text inputs ------------------------------------------------------------------------------


def test_clean_a_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, records, err = run(capsys, "clean", str(path))
    assert code == 0
    assert len(records) == 1
    record = records[0]
    assert set(record) == RECORD_KEYS
    assert record["id"] is None
    assert record["source"] == str(path)
    assert record["status"] in STATUSES - {"error"}
    assert "decisions" not in record
    assert counts(err)["records"] == 1


def test_clean_a_directory_recursively(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "sub" / "notes.md").write_text(ARTICLE, encoding="utf-8")
    code, records, err = run(capsys, "clean", str(tmp_path))
    assert code == 0
    assert [Path(r["source"]).relative_to(tmp_path).as_posix() for r in records] == [
        "b.txt",
        "sub/a.txt",
        "sub/empty.txt",
    ]
    assert records[2]["status"] == "empty"
    assert counts(err)["records"] == 3
    assert counts(err)["empty"] == 1


def test_clean_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, records, _ = run(capsys, "clean", "-")
    assert code == 0
    assert [r["source"] for r in records] == ["<stdin>"]
    assert records[0]["status"] != "error"


def test_legacy_encoded_and_binary_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Le café était plein, disait-on — « personne » ne s'en plaignait.\n".encode("cp1252"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    code, records, err = run(capsys, "clean", str(legacy), str(binary))
    assert code == 0
    assert "decoded as cp1252" in records[0]["reason"]
    assert records[1]["status"] == "error"
    assert records[1]["reason"] == "binary input (NUL bytes)"
    assert counts(err)["error"] == 1


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "out.jsonl"
    code, records, err = run(capsys, "clean", str(SEED), "-o", str(output))
    assert code == 0
    assert records == []
    lines = output.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(SEED)]
    assert counts(err)["records"] == 1


def test_explain_flag_adds_one_decision_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, records, _ = run(capsys, "clean", "--explain", str(path))
    assert code == 0
    decisions = records[0]["decisions"]
    assert [d["line"] for d in decisions] == list(range(1, len(split_lines(ARTICLE)) + 1))
    assert {d["label"] for d in decisions} <= {label.value for label in Label}


def test_options_reach_the_cleaner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    _, keep_all, _ = run(capsys, "clean", "--threshold", "0.01", "--explain", str(path))
    _, keep_none, _ = run(capsys, "clean", "--threshold", "0.99", "--language", "en", "--explain", str(path))

    def body(record: dict[str, Any]) -> list[int]:
        return [d["line"] for d in record["decisions"] if d["label"] == "content"]

    assert len(body(keep_all[0])) >= len(body(keep_none[0]))


# --- clean: JSON lines -------------------------------------------------------------------------------


def test_clean_jsonl_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(
        tmp_path / "pages.jsonl",
        [
            json.dumps({"id": "a1", "url": "https://example.com/a", "text": ARTICLE}),
            "",
            json.dumps({"id": 7, "text": "", "extra": [1, 2]}),
            json.dumps({"id": {"shard": 3}, "text": ARTICLE, "url": 42}),
        ],
    )
    code, records, err = run(capsys, "clean", str(path))
    assert code == 0
    assert [(r["id"], r["source"]) for r in records] == [
        ("a1", f"{path}:1"),
        (7, f"{path}:3"),
        ('{"shard": 3}', f"{path}:4"),
    ]
    assert records[0]["url"] == "https://example.com/a"
    assert records[1]["status"] == "empty"
    assert records[2]["url"] is None  # not a string: ignored
    assert counts(err)["records"] == 3


def test_bad_jsonl_lines_become_error_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_bytes(
        b'{"id": 1, "text": "First page."}\n'
        b'{"id": 2, "text": \n'  # invalid JSON
        b'["not", "an", "object"]\n'
        b'{"id": 4, "body": "no text field"}\n'
        b'{"id": 5, "text": 12}\n'
        b'{"id": 6, "text": "caf\xe9"}\n'  # not UTF-8
        b'{"id": 7, "text": "Last page."}\n'
    )
    code, records, err = run(capsys, "clean", str(path))
    assert code == 0
    assert [r["source"] for r in records] == [f"{path}:{n}" for n in range(1, 8)]
    errors = {r["source"].rsplit(":", 1)[1]: r for r in records if r["status"] == "error"}
    assert sorted(errors, key=int) == ["2", "3", "4", "5", "6"]
    causes = {
        "2": "invalid JSON",
        "3": "expected a JSON object, got an array",
        "4": "no 'text' field",
        "5": "field 'text' is a number, not a string",
        "6": "not UTF-8",
    }
    for line, cause in causes.items():
        reason = errors[line]["reason"]
        assert reason.startswith(f"{path}, record {line}: "), reason
        assert cause in reason
    assert errors["4"]["id"] == 4
    summary = counts(err)
    assert (summary["records"], summary["empty"], summary["error"]) == (7, 0, 5)


def test_rejects_file_takes_the_error_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(
        tmp_path / "pages.jsonl",
        [json.dumps({"id": 1, "text": ARTICLE}), "{oops", json.dumps({"id": 3, "txt": ARTICLE})],
    )
    rejects = tmp_path / "rejects.jsonl"
    missing = tmp_path / "missing.txt"
    code, records, err = run(capsys, "clean", str(path), str(missing), "--rejects", str(rejects))
    assert code == 0
    assert [r["id"] for r in records] == [1]
    rejected = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in rejected] == [f"{path}:2", f"{path}:3", str(missing)]
    assert all(r["status"] == "error" and set(r) == RECORD_KEYS for r in rejected)
    assert "No such file or directory" in rejected[2]["reason"]
    assert counts(err)["error"] == 3
    assert f"rejected=3 -> {rejects}" in err


def test_custom_field_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(
        tmp_path / "pages.jsonl", [json.dumps({"doc": "d1", "link": "https://example.com/", "body": ARTICLE})]
    )
    argv = ["clean", str(path), "--text-field", "body", "--id-field", "doc", "--url-field", "link"]
    code, records, _ = run(capsys, *argv)
    assert code == 0
    assert (records[0]["id"], records[0]["url"]) == ("d1", "https://example.com/")
    assert records[0]["status"] != "error"


def test_gzipped_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pages.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for n in range(3):
            stream.write(json.dumps({"id": n, "text": ARTICLE}) + "\n")
    code, records, _ = run(capsys, "clean", str(path))
    assert code == 0
    assert [r["id"] for r in records] == [0, 1, 2]
    assert all(r["status"] != "error" for r in records)


def test_corrupt_gzip_gives_an_error_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pages.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "x"}\n' * 1000)[:-30])
    code, records, err = run(capsys, "clean", str(path))
    assert code in (0, 1)
    assert records[-1]["status"] == "error"
    assert records[-1]["reason"].startswith(f"{path}")
    assert "cannot read" in records[-1]["reason"]
    assert counts(err)["error"] == 1


def test_lone_surrogates_in_json_are_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "pages.jsonl", ['{"id": "\\ud800", "text": "broken \\udc00 text"}'])
    code, records, _ = run(capsys, "clean", str(path))
    assert code == 0
    assert records[0]["id"] == "\ud800"


# --- clean: exit codes -------------------------------------------------------------------------------


def test_nothing_readable_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    code, records, err = run(capsys, "clean", str(missing))
    assert code == 1
    assert records[0]["status"] == "error"
    assert records[0]["reason"] == f"{missing}: cannot read: No such file or directory"
    assert counts(err)["error"] == 1
    assert "no input could be read" in err


def test_one_readable_input_is_enough(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = run(capsys, "clean", str(tmp_path / "missing.txt"), str(SEED))
    assert code == 0
    assert [r["status"] == "error" for r in records] == [True, False]


def test_unwritable_output_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "clean", str(SEED), "-o", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert code == 1
    assert "cannot open" in err


# --- logging -----------------------------------------------------------------------------------------


def test_verbose_logs_progress_and_leaves_logging_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    logger = logging.getLogger("newsclean")
    handlers, level = list(logger.handlers), logger.level
    assert main(["clean", "-v", str(SEED)]) == 0
    assert f"reading {SEED}" in capsys.readouterr().err
    assert main(["clean", str(SEED)]) == 0
    assert "reading" not in capsys.readouterr().err
    assert (logger.handlers, logger.level) == (handlers, level)


# --- explain -----------------------------------------------------------------------------------------


def test_explain_prints_every_line_and_the_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(SEED), "--threshold", "0.4"]) == 0
    out = capsys.readouterr().out.splitlines()
    lines = split_lines(SEED.read_text(encoding="utf-8"))
    table = out[1 : 1 + len(lines)]
    assert out[0].split() == ["#", "label", "score", "reasons", "text"]
    labels = {label.value for label in Label}
    for number, row in enumerate(table, start=1):
        fields = row.split()
        assert int(fields[0]) == number
        assert fields[1] in labels
        assert 0.0 <= float(fields[2]) <= 1.0
    label_column = {row.index(row.split()[1]) for row in table}
    assert len(label_column) == 1
    assert out[1 + len(lines)] == ""
    fields = dict(line.split(":", 1) for line in out[2 + len(lines) :])
    assert list(fields) == ["title", "author", "published", "site", "language", "status", "reason"]
    assert fields["status"].strip() in STATUSES


def test_explain_an_html_page_lists_blocks_with_xpaths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentence = "The council voted on Tuesday to rebuild the old river bridge before the winter comes."
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Bridge | Gazette</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a>"
        f"</nav><article><h1>Bridge</h1><p>{sentence}</p><p>{sentence} Work starts in March.</p></article>"
        "<footer>Copyright 2025 Gazette</footer></body></html>",
        encoding="utf-8",
    )
    assert main(["explain", str(page)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["#", "label", "score", "reasons", "xpath", "text"]
    rows = {line.rsplit("  ", 1)[-1]: line for line in out[1:6]}
    assert "/html/body/nav" in rows["Home News"] and "boilerplate" in rows["Home News"]
    assert "/html/body/article/p[1]" in rows[sentence] and "content" in rows[sentence]
    assert "title" in rows["Bridge"]


def test_explain_an_unreadable_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(tmp_path / "missing.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_render_aligns_columns_and_escapes_control_characters() -> None:
    kinds = (
        ("Home", Label.BOILERPLATE, 0.02, ("short", "navigation word")),
        ("", Label.BLANK, 0.0, ()),
        ("Body \x1b[31m text\tend", Label.CONTENT, 0.9731, ("long", "stop words", "a", "b")),
    )
    decisions = tuple(LineDecision(i, *kinds[i % 3]) for i in range(12))
    article = Article(text="Body", title="Title", status=Status.OK, decisions=decisions)
    out = render(article).splitlines()
    assert out[:4] == [
        " #  label        score  reasons                 text",
        " 1  boilerplate  0.020  short, navigation word  Home",
        " 2  blank        0.000",
        " 3  content      0.973  long, stop words, a     Body \\x1b[31m text end",
    ]
    assert out[12] == "12  content      0.973  long, stop words, a     Body \\x1b[31m text end"
    assert out[13:] == [
        "",
        "title:     Title",
        "author:    -",
        "published: -",
        "site:      -",
        "language:  -",
        "status:    ok",
        "reason:    -",
    ]
    assert all(len(line) <= 30 for line in render(article, width=30).splitlines()[:13])


# --- as a program ------------------------------------------------------------------------------------


def test_python_m_newsclean_clean_a_seed() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", str(SEED)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    assert records[0]["source"] == str(SEED)
    assert records[0]["status"] in STATUSES - {"error"}
    assert SUMMARY.match(result.stderr.splitlines()[-1])


# --- output formats ----------------------------------------------------------------------------------

PAGE_SENTENCE = "The council voted on Tuesday to rebuild the old river bridge before the winter comes, the mayor said."


def html_page(tmp_path: Path) -> Path:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Bridge | Gazette</title></head><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>Bridge</h1><p>{PAGE_SENTENCE}</p><h2>What comes next</h2><ul><li>{PAGE_SENTENCE}</li>"
        f"<li>{PAGE_SENTENCE} Work starts in March.</li></ul><p>{PAGE_SENTENCE}</p></article></body></html>",
        encoding="utf-8",
    )
    return page


def test_format_text_writes_each_body_then_an_empty_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = html_page(tmp_path)
    assert main(["clean", str(page), str(SEED), "--format", "text", "--jobs", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    documents = out.split("\n\n")
    assert documents[-1] == ""
    assert len(documents) == 3
    assert documents[0].split("\n")[0] == PAGE_SENTENCE
    assert "Home" not in documents[0]


def test_format_markdown_keeps_title_headings_and_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(html_page(tmp_path)), "--format", "markdown", "--jobs", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Bridge\n\n")
    assert "## What comes next" in out and f"- {PAGE_SENTENCE}" in out
    assert out.endswith("\n\n---\n\n")


def test_markdown_flag_adds_the_field_to_json_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = run(capsys, "clean", str(html_page(tmp_path)), "--markdown", "--jobs", "1", "--no-progress")
    assert code == 0
    assert "## What comes next" in records[0]["markdown"]
    code, records, _ = run(capsys, "clean", str(html_page(tmp_path)), "--jobs", "1", "--no-progress")
    assert "markdown" not in records[0]


def test_format_text_with_parquet_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.parquet"
    assert main(["clean", str(SEED), "--format", "text", "-o", str(out), "--no-progress"]) == 2
    assert "not Parquet" in capsys.readouterr().err
