"""Throughput of newsclean against jusText and trafilatura on the corpus dumps, on one core.

    python -m benchmarks.speed [--converter w3m|htmltext|inscriptis|all] [--limit N] [--repeat N]
                               [--json OUT]

All three tools run in this process on the same pages (both corpus sources, one converter or all):

- ``newsclean``: ``newsclean.clean_texts(dumps)`` (pages classified in batches of 64, as the CLI does);
- ``newsclean-single``: ``newsclean.clean_text(dump)`` called once per page;
- ``justext``: jusText over the dump with each non-empty line as a ``<p>`` (stop list chosen as in
  :mod:`benchmarks.quality`);
- ``trafilatura``: ``trafilatura.extract`` on the same one-``<p>``-per-line document, with the corpus
  peers' settings.

The process is pinned to one CPU where the OS allows it (``os.sched_setaffinity``) and numeric
libraries are limited to one thread before newsclean (and numpy) is imported. The peers' inputs (the
HTML document and the stop list) are built before timing, so only the extraction is timed; that
favours the peers. Method: one untimed warm-up pass of every tool over all
pages (imports, lazy model loading, caches), then ``--repeat`` rounds; in each round every tool makes
one timed pass over all pages, the order of the tools rotating from round to round. Before each pass
the garbage collector runs and is then switched off until the pass ends (as ``timeit`` does). A tool's
time is its best (shortest) pass. pages/s = pages / time; MB/s = UTF-8 bytes of the dump texts / 1e6 /
time, the same bytes for every tool. ``ratio`` = newsclean's throughput / the peer's: above 1 means
newsclean is faster.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.quality import justext_extract, lines_html, stoplist, stoplist_name, trafilatura_extract

TOOLS = ("newsclean", "newsclean-single", "justext", "trafilatura")


def load_texts(converters: Sequence[str], limit: int | None) -> list[str]:
    """The dump texts of both sources for the converters; ``limit`` picks that many, evenly spaced."""
    texts = [d["text"] or "" for c in converters for s in corpus.SOURCES for d in corpus.dumps(s, c)]
    if limit is not None and limit < len(texts):
        texts = [texts[i * len(texts) // limit] for i in range(limit)]
    return texts


def prepare(texts: list[str]) -> dict[str, Callable[[], None]]:
    """One zero-argument pass over all pages per tool, with the peers' inputs built beforehand."""
    import newsclean

    documents = [lines_html(t) if t.strip() else None for t in texts]
    stop_words = [stoplist(stoplist_name(t)) for t in texts]

    def run_newsclean() -> None:
        for _ in newsclean.clean_texts(texts):
            pass

    def run_newsclean_single() -> None:
        for text in texts:
            newsclean.clean_text(text)

    def run_justext() -> None:
        for document, words in zip(documents, stop_words, strict=True):
            if document is not None:
                justext_extract(document, words)

    def run_trafilatura() -> None:
        for document in documents:
            if document is not None:
                trafilatura_extract(document)

    return {
        "newsclean": run_newsclean,
        "newsclean-single": run_newsclean_single,
        "justext": run_justext,
        "trafilatura": run_trafilatura,
    }


# ``--clock``: wall time, or this process's CPU time (steadier on a machine other jobs share).
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "process": time.process_time}


def timed(run: Callable[[], None], clock: Callable[[], float] = time.perf_counter) -> float:
    gc.collect()
    gc.disable()
    try:
        start = clock()
        run()
        return clock() - start
    finally:
        gc.enable()


def measure(
    runs: dict[str, Callable[[], None]], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> dict[str, list[float]]:
    """Seconds of every timed pass per tool, after one warm-up pass each; the order rotates per round."""
    for run in runs.values():
        run()
    names = list(runs)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for round_ in range(repeat):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(timed(runs[name], clock))
    return times


def report(n_pages: int, megabytes: float, times: dict[str, list[float]]) -> dict[str, Any]:
    """Best pass, pages/s and MB/s per tool, and each peer's time over newsclean's (``ratio``)."""
    tools = {}
    for name, seconds in times.items():
        best = min(seconds)
        tools[name] = {
            "seconds": best,
            "all_seconds": seconds,
            "pages_per_s": n_pages / best,
            "mb_per_s": megabytes / best,
        }
    ratios = {
        peer: tools[peer]["seconds"] / tools["newsclean"]["seconds"] for peer in tools if peer != "newsclean"
    }
    return {"pages": n_pages, "megabytes": megabytes, "tools": tools, "ratio_newsclean_over": ratios}


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"{result['pages']} pages, {result['megabytes']:.2f} MB, input {result['converter']}, "
        f"best of {result['repeat']} passes, one core, {result.get('clock', 'wall')} clock",
        f"{'tool':<17} {'best s':>8} {'pages/s':>9} {'MB/s':>7} {'newsclean/tool':>15}",
    ]
    for name, tool in result["tools"].items():
        ratio = result["ratio_newsclean_over"].get(name, 1.0)
        rate = f"{tool['pages_per_s']:9.1f} {tool['mb_per_s']:7.3f}"
        lines.append(f"{name:<17} {tool['seconds']:8.3f} {rate} {ratio:15.2f}")
    return "\n".join(lines)


def one_core() -> None:
    """Pin this process to one CPU (where the OS allows it) and keep numeric libraries single-threaded."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def parse_speed_args(ap: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace | None:
    """Add ``--limit``, ``--repeat`` and ``--json`` to ``ap`` and parse ``argv``; ``None`` (said on stderr)
    when the corpus is missing. Pins this process to one core (:func:`one_core`)."""
    ap.add_argument("--limit", type=int, metavar="N", help="this many pages, evenly spaced over the corpus")
    ap.add_argument("--repeat", type=int, default=3, metavar="N", help="timed passes per tool (default 3)")
    ap.add_argument("--json", metavar="OUT", type=Path, help="write the measurements as JSON")
    ap.add_argument("--clock", choices=tuple(CLOCKS), default="wall",
                    help="wall time (default) or this process's CPU time, steadier on a shared machine")
    args = ap.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        ap.error("--repeat and --limit must be positive")
    if not corpus.available():
        print(f"corpus not found at {corpus.CORPUS}", file=sys.stderr)
        return None
    one_core()
    return args


def publish(
    args: argparse.Namespace,
    input_name: str,
    n_pages: int,
    megabytes: float,
    runs: dict[str, Callable[[], None]],
    packages: Sequence[str],
) -> int:
    """Time ``runs``, print the report and write it as JSON when ``--json`` was given."""
    result = {
        "converter": input_name,
        "repeat": args.repeat,
        "clock": args.clock,
        **report(n_pages, megabytes, measure(runs, args.repeat, CLOCKS[args.clock])),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "versions": {name: version(name) for name in packages},
    }
    print(format_report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--converter", default="w3m", choices=(*corpus.CONVERTERS, "all"))
    args = parse_speed_args(ap, argv)
    if args is None:
        return 1
    converters = corpus.CONVERTERS if args.converter == "all" else (args.converter,)
    texts = load_texts(converters, args.limit)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return publish(args, args.converter, len(texts), megabytes, prepare(texts), ("newsclean", "justext", "trafilatura"))


if __name__ == "__main__":
    sys.exit(main())
