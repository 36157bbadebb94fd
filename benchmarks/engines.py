"""Documents per second of the engines on the same corpus-derived WARC files, and their start-up costs.

    python -m benchmarks.engines                       # every engine whose extra is installed
    python -m benchmarks.engines --engine cli --engine spark --rounds 3 --json out.json

The corpus pages (both sources' HTML, ``../shared/corpus/*/pages.jsonl.gz``) are written as HTTP
responses into two ``.warc.gz`` files (``--copies`` times over), under ``--workdir``. Each engine then runs
in a fresh Python process, as a user runs it, over both files, writing its natural output:

- ``cli-1``, ``cli-2``: ``newsclean clean A.warc.gz B.warc.gz -o out.jsonl --jobs 1|2``;
- ``spark``: a ``local[2]`` session, ``read_warc`` + ``clean_dataframe(..., mode="auto")`` to Parquet;
- ``datatrove``: ``WarcReader`` → ``NewsCleanStep(drop_empty=False)`` → ``JsonlWriter``, in a
  ``LocalPipelineExecutor`` with 2 tasks (one a file) and 2 workers.

Each engine also runs on a WARC of one small page: that wall time is its start-up cost (interpreter,
imports, JVM and session, worker processes, model loading). ``docs/s`` = documents written / wall time
of the whole process; ``docs/s net`` = documents / (wall time - start-up wall time), the rate once the
engine is up. A figure is the best of ``--rounds``. The machine is shared: the load average is printed.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks.corpus import CORPUS, SOURCES, read_jsonl

WORKDIR = Path("/tmp/newsclean-engines")
ENGINES = ("cli-1", "cli-2", "spark", "datatrove")
TINY_PAGE = b"<html><head><title>Start</title></head><body><article><p>Up and running.</p></article></body></html>"


def write_warcs(folder: Path, pages: list[tuple[str, bytes]], files: int = 2) -> list[Path]:
    """``pages`` as HTTP responses spread over ``files`` gzipped WARC files in ``folder``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"part-{k}.warc.gz" for k in range(files)]
    for k, path in enumerate(paths):
        with path.open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for url, body in pages[k::files]:
                headers = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(
                        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
                    )
                )
    return paths


def corpus_pages(copies: int) -> list[tuple[str, bytes]]:
    """Every corpus page with its URL; a page without an http(s) URL (some corpus ids are ``hard::NAME``)
    gets a made-up one, since WARC readers parse HTTP headers only for http(s) target URIs."""
    pages = []
    for source in SOURCES:
        for row in read_jsonl(CORPUS / source / "pages.jsonl.gz"):
            url = row.get("url") or row.get("source_url") or ""
            if not url.startswith(("http://", "https://")):
                url = f"https://{source}.example/{quote(str(row['id']), safe='')}"
            pages.append((url.replace(" ", "%20"), row["html"].encode()))
    return [(f"{url}#copy{c}", body) for c in range(copies) for url, body in pages]


def run_spark(paths: list[str], out: str) -> int:
    from pyspark.sql import SparkSession

    from newsclean.spark import clean_dataframe, read_warc

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    clean_dataframe(read_warc(spark, paths), column="content", mode="auto").write.mode("overwrite").parquet(out)
    rows = spark.read.parquet(out).count()
    spark.stop()
    return int(rows)


def run_datatrove(paths: list[str], out: str) -> int:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    from newsclean.datatrove import NewsCleanStep

    folder = str(Path(paths[0]).parent)
    LocalPipelineExecutor(
        pipeline=[WarcReader(folder, glob_pattern="*.warc.gz"), NewsCleanStep(drop_empty=False), JsonlWriter(out)],
        tasks=len(paths),
        workers=2,
        logging_dir=f"{out}-logs",
    ).run()
    return sum(len(gzip.decompress(p.read_bytes()).splitlines()) for p in Path(out).glob("*.jsonl.gz"))


def run_engine(engine: str, paths: list[Path], out: Path) -> dict[str, Any]:
    """Run one engine in a fresh process; its wall time and the documents it wrote."""
    files = [str(p) for p in paths]
    if engine.startswith("cli-"):
        command = [sys.executable, "-m", "newsclean", "clean", *files, "-o", str(out), "--no-progress"]
        command += ["--jobs", engine.split("-")[1]]
    else:
        command = [sys.executable, "-m", "benchmarks.engines", "_run", engine, str(out), *files]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{engine} failed ({done.returncode}): {done.stderr[-2000:]}")
    if engine.startswith("cli-"):
        docs = sum(1 for line in out.read_bytes().splitlines() if line.strip())
    else:
        docs = int(done.stdout.strip().splitlines()[-1])
    return {"wall": wall, "docs": docs, "load": load}


def measure(engine: str, work: Path, corpus: list[Path], tiny: list[Path], rounds: int) -> dict[str, Any]:
    best: dict[str, Any] = {}
    for kind, paths in (("startup", tiny), ("corpus", corpus)):
        runs = []
        for k in range(rounds):
            out = work / "out" / f"{engine}-{kind}-{k}{'.jsonl' if engine.startswith('cli-') else ''}"
            clear(out)
            runs.append(run_engine(engine, paths, out))
        best[kind] = min(runs, key=lambda run: run["wall"])
    docs, wall, startup = best["corpus"]["docs"], best["corpus"]["wall"], best["startup"]["wall"]
    return {
        "engine": engine,
        "docs": docs,
        "wall_s": round(wall, 2),
        "startup_s": round(startup, 2),
        "docs_per_s": round(docs / wall, 1),
        "docs_per_s_net": round(docs / max(wall - startup, 1e-9), 1),
        "load": round(best["corpus"]["load"], 2),
    }


def clear(out: Path) -> None:
    """Remove an earlier run's output (datatrove would skip the tasks its logs mark done)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for path in (out, out.with_name(out.name + "-logs")):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def available(engine: str) -> bool:
    module = {"spark": "pyspark", "datatrove": "datatrove"}.get(engine)
    if module is None:
        return True
    import importlib.util

    return importlib.util.find_spec(module) is not None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_run"]:  # inside the child process: run one engine, print the documents written
        engine, out, *paths = argv[1:]
        print(run_spark(paths, out) if engine == "spark" else run_datatrove(paths, out))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", choices=ENGINES, help="repeatable; default: all installed")
    parser.add_argument("--copies", type=int, default=1, help="times the corpus pages are written (default 1)")
    parser.add_argument("--rounds", type=int, default=1, help="runs per engine; the best is kept (default 1)")
    parser.add_argument("--workdir", type=Path, default=WORKDIR)
    parser.add_argument("--json", type=Path, help="write the rows here")
    args = parser.parse_args(argv)
    engines = [e for e in (args.engine or ENGINES) if available(e)]
    pages = corpus_pages(args.copies)
    corpus = write_warcs(args.workdir / "corpus", pages)
    tiny = write_warcs(args.workdir / "tiny", [("https://start.example/", TINY_PAGE)], files=1)
    print(
        f"{len(pages)} pages in {len(corpus)} WARC files ({sum(p.stat().st_size for p in corpus) / 1e6:.1f} MB), "
        f"{os.cpu_count()} CPUs"
    )
    rows = []
    for engine in engines:
        row = measure(engine, args.workdir, corpus, tiny, args.rounds)
        rows.append(row)
        print(
            f"{row['engine']:10} docs={row['docs']:6} wall={row['wall_s']:7.2f}s startup={row['startup_s']:6.2f}s "
            f"docs/s={row['docs_per_s']:7.1f} docs/s net={row['docs_per_s_net']:7.1f} load={row['load']}",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps({"pages": len(pages), "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
