"""Throughput and memory of ``newsclean clean`` on large dumps, as a user runs it (the CLI, a subprocess).

    python -m benchmarks.throughput build                   # >= 1 GB JSONL dump in /tmp from the corpus
    python -m benchmarks.throughput speed --jobs 1 2        # MB/s and pages/s for 1 and 2 workers
    python -m benchmarks.throughput memory --records 100000 1000000   # peak RSS, flat or not
    python -m benchmarks.throughput all --json out.json     # the three in turn

``build`` repeats every page of the corpus dumps (all sources and converters) with varied ids and URLs
until the file reaches ``--size-gb``. ``speed`` runs ``newsclean clean DUMP -o OUT --jobs N`` on it
(``--limit-mb`` takes the first MB only) and reads the run's own ``--stats`` figures (cleaning time,
records, input bytes) next to the wall time; the load average before and after each run is printed,
since other work on the machine shares the cores, and so is the CPU time of the CLI and its workers
(pages per CPU second show how much work a page costs whatever the load). ``memory`` makes dumps of N small records (a
headline and two paragraphs each, spread over 50,000 sites) and samples, every 0.2 s, the resident
memory (RSS and PSS) summed over the CLI process and its workers; the peak is reported.
Everything generated goes under ``--workdir`` (default ``/tmp/newsclean-throughput``), never the repo.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import CONVERTERS, CORPUS, SOURCES, read_jsonl

WORKDIR = Path("/tmp/newsclean-throughput")
SAMPLE_SECONDS = 0.2


def build_dump(path: Path, size_gb: float) -> dict[str, Any]:
    """Corpus dump pages repeated with varied ids and URLs until ``path`` holds ``size_gb`` GB."""
    pages = [
        (f"{source}/{converter}/{row['id']}", row["text"])
        for source in SOURCES
        for converter in CONVERTERS
        for row in read_jsonl(CORPUS / source / "dumps" / f"{converter}.jsonl.gz")
    ]
    target = int(size_gb * 1e9)
    records = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        while stream.tell() < target:
            for page_id, text in pages:
                rep = records // len(pages)
                record = {
                    "id": f"{page_id}#{rep}",
                    "url": f"https://site{records % 997}.example/{records}",
                    "text": text,
                }
                stream.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
                records += 1
                if stream.tell() >= target:
                    break
        size = stream.tell()
    return {"path": str(path), "bytes": size, "records": records, "distinct_pages": len(pages)}


def build_small_dump(path: Path, records: int) -> dict[str, Any]:
    """``records`` short news records (headline, byline, two paragraphs, a footer) over 50,000 sites."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        for k in range(records):
            text = (
                f"Home | News | Sport\nCouncil votes on budget number {k}\nBy Staff Reporter\n"
                f"The city council voted on Tuesday on budget {k}, which raises spending on schools and buses "
                "while it cuts the cost of administration, after a long debate.\n"
                "Opponents said the plan would not survive the next election, but its supporters disagreed.\n"
                "Share this article\n"
            )
            record = {"id": k, "url": f"https://site{k % 50_000}.example/{k}", "text": text}
            stream.write(json.dumps(record).encode("utf-8") + b"\n")
        size = stream.tell()
    return {"path": str(path), "bytes": size, "records": records}


def run_cli(dump: Path, jobs: int, workdir: Path, *, limit_mb: float | None = None) -> dict[str, Any]:
    """One ``newsclean clean`` run; its stats, wall time, load averages and peak memory of the process tree."""
    source = dump
    if limit_mb is not None:
        source = workdir / f"{dump.stem}-first{limit_mb:g}MB.jsonl"
        if not source.exists():
            _head(dump, source, int(limit_mb * 1e6))
    out, stats = workdir / f"out-{jobs}.jsonl", workdir / f"stats-{jobs}.json"
    argv = [sys.executable, "-m", "newsclean", "clean", str(source), "-o", str(out), "--jobs", str(jobs)]
    argv += ["--no-progress", "--stats", str(stats)]
    load_before = os.getloadavg()
    cpu_before = _children_cpu()
    started = time.monotonic()
    process = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)
    peak = _watch_memory(process)
    _, err = process.communicate()
    wall = time.monotonic() - started
    cpu = _children_cpu() - cpu_before  # the CLI and its workers (it joins them), user + system
    if process.returncode != 0:
        raise RuntimeError(f"newsclean failed ({process.returncode}): {err[-2000:]}")
    data = json.loads(stats.read_text(encoding="utf-8"))
    out.unlink()
    return {
        "jobs": jobs,
        "records": data["inputs"],
        "input_mb": round(data["input_bytes"] / 1e6, 1),
        "clean_seconds": data["seconds"],
        "wall_seconds": round(wall, 2),
        "pages_per_s": round(data["inputs"] / data["seconds"], 1),
        "mb_per_s": round(data["input_bytes"] / 1e6 / data["seconds"], 2),
        "cpu_seconds": round(cpu, 2),
        "pages_per_cpu_s": round(data["inputs"] / cpu, 1),
        "peak_rss_mb": peak["rss"],
        "peak_pss_mb": peak["pss"],
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _head(dump: Path, target: Path, size: int) -> None:
    with dump.open("rb") as src, target.open("wb") as dst:
        for line in src:
            dst.write(line)
            if dst.tell() >= size:
                break


def _watch_memory(process: subprocess.Popen[str]) -> dict[str, float]:
    """Peak of the summed RSS and PSS (MB) of ``process`` and its children, sampled until it exits."""
    import psutil

    peak = {"rss": 0.0, "pss": 0.0}
    try:
        root = psutil.Process(process.pid)
    except psutil.NoSuchProcess:
        return peak
    while process.poll() is None:
        rss = pss = 0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for proc in tree:
            try:
                info = proc.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        peak["rss"] = max(peak["rss"], round(rss / 1e6, 1))
        peak["pss"] = max(peak["pss"], round(pss / 1e6, 1))
        time.sleep(SAMPLE_SECONDS)
    return peak


def speed(dump: Path, jobs: list[int], workdir: Path, limit_mb: float | None) -> list[dict[str, Any]]:
    rows = []
    for n in jobs:
        row = run_cli(dump, n, workdir, limit_mb=limit_mb)
        print(_format(row), flush=True)
        rows.append(row)
    if len(rows) >= 2:
        base = rows[0]["pages_per_s"]
        for row in rows:
            row["scaling"] = round(row["pages_per_s"] / base, 2)
        print("scaling: " + ", ".join(f"{r['jobs']} jobs x{r['scaling']}" for r in rows), flush=True)
    return rows


def memory(records: list[int], jobs: int, workdir: Path) -> list[dict[str, Any]]:
    rows = []
    for n in records:
        info = build_small_dump(workdir / f"small-{n}.jsonl", n)
        row = {**run_cli(Path(info["path"]), jobs, workdir), "dump_mb": round(info["bytes"] / 1e6, 1)}
        Path(info["path"]).unlink()
        print(_format(row), flush=True)
        rows.append(row)
    return rows


def _format(row: dict[str, Any]) -> str:
    return (
        f"jobs={row['jobs']} records={row['records']} input={row['input_mb']} MB "
        f"clean={row['clean_seconds']} s wall={row['wall_seconds']} s "
        f"pages/s={row['pages_per_s']} MB/s={row['mb_per_s']} cpu={row['cpu_seconds']} s "
        f"pages/cpu-s={row['pages_per_cpu_s']} "
        f"peak RSS={row['peak_rss_mb']} MB (PSS {row['peak_pss_mb']} MB) "
        f"load {row['load_before']} -> {row['load_after']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("build", "speed", "memory", "all"), nargs="?", default="all")
    parser.add_argument("--workdir", type=Path, default=WORKDIR)
    parser.add_argument("--size-gb", type=float, default=1.05)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit-mb", type=float, help="speed: clean only the dump's first MB")
    parser.add_argument("--records", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--memory-jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    dump = args.workdir / "dump.jsonl"
    results: dict[str, Any] = {"cpus": os.cpu_count(), "uptime": _uptime()}
    if args.what in ("build", "all") or (args.what == "speed" and not dump.exists()):
        results["dump"] = build_dump(dump, args.size_gb)
        print(f"dump: {results['dump']}", flush=True)
    if args.what in ("speed", "all"):
        results["speed"] = speed(dump, args.jobs, args.workdir, args.limit_mb)
    if args.what in ("memory", "all"):
        results["memory"] = memory(args.records, args.memory_jobs, args.workdir)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


if __name__ == "__main__":
    raise SystemExit(main())
