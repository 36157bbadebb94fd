"""``kill -9`` during a run, then ``--resume``: the same records as an uninterrupted run, none lost, none
twice. The command runs as a subprocess and is killed for real, several times, at different moments."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.cli.dumps import jsonl_dump

RECORDS = 2400  # enough that the last kill lands well before the end as cleaning gets faster
# Each attempt is killed once the checkpoint counts this many records, plus a delay (so at any moment
# of the commit cycle: while cleaning, writing, syncing or renaming).
KILLS = ((150, 0.03), (350, 0.11), (550, 0.19))


def command(dump: Path, out: Path, rejects: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "newsclean", "clean", str(dump), "-o", str(out), "--rejects", str(rejects),
        "--jobs", "2", "--commit-interval", "0.2", "--no-progress", *extra,
    ]  # fmt: skip


def finish(argv: list[str]) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr


def kill_during(argv: list[str], checkpoint: Path, records: int, delay: float) -> bool:
    """Start ``argv``, ``kill -9`` it ``delay`` seconds after its checkpoint counts ``records``; True if it
    was still running then."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline and checkpointed(checkpoint) < records:
        time.sleep(0.02)
    time.sleep(delay)
    running = process.poll() is None
    if running:
        os.kill(process.pid, signal.SIGKILL)  # the parent only, as a crash would: its workers notice and stop
    process.wait()
    return running


def checkpointed(checkpoint: Path) -> int:
    try:
        return int(json.loads(checkpoint.read_text(encoding="utf-8"))["stats"]["inputs"])
    except (OSError, ValueError, KeyError):
        return 0


def write_after_checkpoint(out: Path, rejects: Path) -> None:
    """What a kill between writing the output and saving the checkpoint leaves: data the checkpoint does
    not name (kill -9 rarely lands in that short window, so it is made here)."""
    with rejects.open("ab") as stream:
        stream.write(b'{"id": "half a rec')
    if out.suffix == ".parquet":
        parts = Path(f"{out}.parts")
        (parts / "part-999999.parquet").write_bytes(b"a part the checkpoint does not name")
        (parts / "part-000000.parquet.tmp").write_bytes(b"half a part")
    else:
        with out.open("ab") as stream:
            stream.write(gzip.compress(b'{"id": "whole but not checkpointed"}\n') if out.suffix == ".gz" else b'{"id"')


def records(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".parquet":
        pq = pytest.importorskip("pyarrow.parquet")
        return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return [json.loads(line) for line in data.splitlines()]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]], list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("resume")
    dump = jsonl_dump(folder / "pages.jsonl", RECORDS, corrupt_every=97)
    out, rejects = folder / "ref.jsonl", folder / "ref-rejects.jsonl"
    finish(command(dump, out, rejects, "--stats", str(folder / "ref-stats.json")))
    return dump, records(out), records(rejects)


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".parquet"])
def test_kill_9_then_resume_equals_an_uninterrupted_run(
    reference: tuple[Path, list[dict[str, Any]], list[dict[str, Any]]], tmp_path: Path, suffix: str
) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    dump, expected, expected_rejects = reference
    out, rejects = tmp_path / f"out{suffix}", tmp_path / "rejects.jsonl"
    checkpoint = Path(f"{out}.checkpoint.json")
    interrupted = 0
    for k, (count, delay) in enumerate(KILLS):
        extra = ("--resume",) if k else ()
        interrupted += kill_during(command(dump, out, rejects, *extra), checkpoint, count, delay)
    assert interrupted == len(KILLS), "a run ended before it could be killed"
    assert KILLS[-1][0] <= checkpointed(checkpoint) < RECORDS
    write_after_checkpoint(out, rejects)
    finish(command(dump, out, rejects, "--resume", "--stats", str(tmp_path / "stats.json")))
    got, got_rejects = records(out), records(rejects)
    if suffix == ".parquet":  # every Article field is a column; JSON leaves out markdown when there is none
        assert {r.pop("markdown") for r in got} == {None}
    assert [r["source"] for r in got] == [r["source"] for r in expected]
    assert len({r["source"] for r in got}) == len(got)
    assert got == expected
    assert got_rejects == expected_rejects
    assert len(got) + len(got_rejects) == RECORDS
    assert not checkpoint.exists()
    counts = ("inputs", "written", "rejected", "by_status", "by_site", "input_bytes")
    stats = json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))
    reference_stats = json.loads((dump.parent / "ref-stats.json").read_text(encoding="utf-8"))
    assert {k: stats[k] for k in counts} == {k: reference_stats[k] for k in counts}
    assert stats["resumed"] is True
