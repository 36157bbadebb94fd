"""``newsclean fetch``: URLs to a WARC file, every URL in the output or the rejects file, ``--resume``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsclean.cli.main import main

pytest.importorskip("httpx")
warcio = pytest.importorskip("warcio")

from tests.fetch.server import Site, page, redirect, running_site  # noqa: E402 - after the skips

FAST = ["--delay", "0", "--retries", "0", "--timeout", "5"]


site = pytest.fixture(running_site, name="site")


def responses(path: Path) -> dict[str, bytes]:
    """Target URI -> payload of each response record, read with warcio."""
    with open(path, "rb") as file:
        return {
            record.rec_headers.get_header("WARC-Target-URI"): record.content_stream().read()
            for record in warcio.archiveiterator.ArchiveIterator(file)
            if record.rec_type == "response"
        }


def rejects(path: Path) -> dict[str, dict[str, Any]]:
    return {record["url"]: record for record in map(json.loads, path.read_text().splitlines())}


def test_fetch_writes_pages_to_warc_and_failures_to_rejects(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/robots.txt"] = page("User-agent: *\nDisallow: /private\n")
    site.routes["/a"] = page("<html><p>a</p></html>")
    site.routes["/b"] = page("<html><p>b</p></html>")
    site.routes["/moved"] = redirect("/b")
    site.routes["/pdf"] = page(b"%PDF", content_type="application/pdf")
    url_file = tmp_path / "urls.txt"
    url_file.write_text(f"# seeds\n{site.url('/b')}\n\n{site.url('/moved')}\n{site.url('/pdf')}\n{site.url('/a')}\n")
    out, rej = tmp_path / "pages.warc.gz", tmp_path / "rejects.jsonl"
    argv = ["fetch", site.url("/a"), site.url("/private/x"), "not-a-url", "--urls", str(url_file), *FAST]
    code = main([*argv, "-o", str(out), "--rejects", str(rej)])
    err = capsys.readouterr().err
    assert code == 0
    assert responses(out) == {site.url("/a"): b"<html><p>a</p></html>", site.url("/b"): b"<html><p>b</p></html>"}
    failed = rejects(rej)
    assert {url: r["error"] for url, r in failed.items()} == {
        site.url("/private/x"): "robots",
        "not-a-url": "invalid_url",
        site.url("/pdf"): "content_type",
    }
    assert failed[site.url("/pdf")]["status"] == 200
    assert "application/pdf" in failed[site.url("/pdf")]["reason"]
    assert "urls=6 fetched=3 rejected=3 skipped=0" in err  # /moved is stored under /b, its final URL


def test_every_url_ends_in_the_output_or_the_rejects(site: Site, tmp_path: Path) -> None:
    kinds = {
        "/ok": page(),
        "/gone": page(status=404),
        "/loop": redirect("/loop"),
        "/img": page(content_type="image/png"),
    }
    site.routes.update(kinds)
    urls = [site.url(path, host) for path in kinds for host in ("127.0.0.1", "localhost")]
    out, rej = tmp_path / "pages.warc", tmp_path / "rejects.jsonl"
    assert main(["fetch", *urls, *FAST, "-o", str(out), "--rejects", str(rej)]) == 0
    stored, failed = set(responses(out)), set(rejects(rej))
    assert stored | failed == set(urls)
    assert not stored & failed
    assert stored == {site.url("/ok"), site.url("/ok", "localhost")}


def test_resume_skips_urls_already_in_the_output(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(4):
        site.routes[f"/p{i}"] = page(f"<html><p>{i}</p></html>")
    out, rej = tmp_path / "pages.warc.gz", tmp_path / "rejects.jsonl"
    first = [site.url("/p0"), site.url("/p1"), site.url("/missing")]
    assert main(["fetch", *first, *FAST, "-o", str(out), "--rejects", str(rej)]) == 0
    assert set(rejects(rej)) == {site.url("/missing")}
    site.routes["/missing"] = page("<html><p>back</p></html>")
    capsys.readouterr()
    everything = [*first, site.url("/p2"), site.url("/p3")]
    assert main(["fetch", *everything, *FAST, "-o", str(out), "--rejects", str(rej), "--resume"]) == 0
    assert "skipped=2" in capsys.readouterr().err
    assert set(responses(out)) == set(everything)
    assert rej.read_text() == ""  # rejects are this run's: /missing came back
    assert sorted(site.paths()).count("/p0") == 1  # fetched once, skipped on resume


def test_without_resume_the_output_starts_anew(site: Site, tmp_path: Path) -> None:
    site.routes["/a"] = page()
    site.routes["/b"] = page()
    out = tmp_path / "pages.warc.gz"
    assert main(["fetch", site.url("/a"), *FAST, "-o", str(out)]) == 0
    assert main(["fetch", site.url("/b"), *FAST, "-o", str(out)]) == 0
    assert set(responses(out)) == {site.url("/b")}


def test_failures_without_rejects_file_are_logged(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pages.warc.gz"
    assert main(["fetch", site.url("/nothing"), *FAST, "-o", str(out)]) == 1  # nothing could be fetched
    err = capsys.readouterr().err
    assert site.url("/nothing") in err and "404" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["fetch", "-o", "x.warc.gz"],  # no URLs
        ["fetch", "http://127.0.0.1:9/", "--delay", "-1", "-o", "x.warc.gz"],
        ["fetch", "http://127.0.0.1:9/", "--per-host", "0", "-o", "x.warc.gz"],
        ["fetch", "--urls", "no-such-file.txt", "-o", "x.warc.gz"],
    ],
)
def test_usage_errors_exit_2_and_leave_the_output_alone(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.warc.gz").write_bytes(b"kept")
    assert main(argv) == 2
    assert Path("x.warc.gz").read_bytes() == b"kept"


def test_output_is_required() -> None:
    assert main(["fetch", "http://127.0.0.1:9/"]) == 2


def test_the_cli_and_package_load_without_the_fetch_extra() -> None:
    code = (
        "import sys; import newsclean; from newsclean.cli.main import build_parser; build_parser(); "
        "import newsclean.fetch; newsclean.FetchOptions(); "
        "print(sorted(m for m in ('httpx', 'protego', 'warcio') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_http2_without_h2_says_what_to_install(tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("h2") is not None:
        pytest.skip("h2 is installed")
    assert main(["fetch", "http://127.0.0.1:9/", "--http2", "-o", str(tmp_path / "x.warc.gz")]) == 1
    assert not (tmp_path / "x.warc.gz").exists()


def test_progress_lines_on_stderr(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(3):
        site.routes[f"/p{i}"] = page()
    urls = [site.url(f"/p{i}") for i in range(3)]
    argv = ["fetch", *urls, "--delay", "0.1", "--progress", "0.05", "-o", str(tmp_path / "p.warc.gz")]
    assert main(argv) == 0
    lines = capsys.readouterr().err.splitlines()
    progress = [line for line in lines if " urls, " in line]
    assert progress and all(
        re.match(r"newsclean: [123]/3 urls, [0-3] fetched, 0 rejected, [0-9.]+/s$", p) for p in progress
    )
    assert lines[-1].startswith("newsclean: urls=3 fetched=3 rejected=0 skipped=0")
