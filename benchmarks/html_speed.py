"""Throughput of ``clean_html`` against trafilatura (and jusText) on the corpus HTML, on one core.

    python -m benchmarks.html_speed [--limit N] [--repeat N] [--json OUT]

Every tool runs in this process on the same pages (the ``html`` field of both corpus sources, as ``str``):

- ``newsclean``: ``newsclean.clean_htmls(htmls, urls=urls)`` with default options (metadata included;
  pages scored in batches, as the CLI does);
- ``newsclean-single``: ``newsclean.clean_html(html, url=url)`` called once per page;
- ``newsclean-fallback``: the same with ``Options(fallback=True)`` (trafilatura on unsure pages);
- ``trafilatura``: ``trafilatura.extract(html, url=url)`` with the corpus peers' settings (metadata
  extraction is part of its default run, as it is of newsclean's);
- ``justext``: ``justext.justext(html, stoplist)`` with the English or German stop list chosen as in
  :mod:`benchmarks.quality` on the page's text (chosen before timing).

Method as in :mod:`benchmarks.speed`: one core, one warm-up pass, then ``--repeat`` rotating rounds; a
tool's time is its best pass. MB/s counts the UTF-8 bytes of the HTML.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.quality import TRAFILATURA_SETTINGS, stoplist, stoplist_name
from benchmarks.speed import format_report, measure, one_core, report


def load_pages(limit: int | None) -> list[tuple[str, str | None]]:
    """``(html, url)`` of both sources; ``limit`` picks that many, evenly spaced."""
    pages = [(p["html"], p.get("url") or p.get("source_url")) for s in corpus.SOURCES for p in corpus.pages(s)]
    if limit is not None and limit < len(pages):
        pages = [pages[i * len(pages) // limit] for i in range(limit)]
    return pages


def prepare(pages: list[tuple[str, str | None]]) -> dict[str, Callable[[], None]]:
    import justext
    import trafilatura

    import newsclean

    fallback = newsclean.Options(fallback=True)
    stop_words = [stoplist(stoplist_name(newsclean.clean_html(html).text or html)) for html, _ in pages]

    htmls = [html for html, _ in pages]
    urls = [url for _, url in pages]

    def run_newsclean() -> None:
        for _ in newsclean.clean_htmls(htmls, urls=urls):
            pass

    def run_newsclean_single() -> None:
        for html, url in pages:
            newsclean.clean_html(html, url=url)

    def run_newsclean_fallback() -> None:
        for html, url in pages:
            newsclean.clean_html(html, url=url, options=fallback)

    def run_trafilatura() -> None:
        for html, url in pages:
            trafilatura.extract(html, url=url, **TRAFILATURA_SETTINGS)

    def run_justext() -> None:
        for (html, _), words in zip(pages, stop_words, strict=True):
            justext.justext(html, words)

    return {
        "newsclean": run_newsclean,
        "newsclean-single": run_newsclean_single,
        "newsclean-fallback": run_newsclean_fallback,
        "trafilatura": run_trafilatura,
        "justext": run_justext,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, metavar="N", help="this many pages, evenly spaced over the corpus")
    ap.add_argument("--repeat", type=int, default=3, metavar="N", help="timed passes per tool (default 3)")
    ap.add_argument("--json", metavar="OUT", type=Path, help="write the measurements as JSON")
    args = ap.parse_args(argv)
    if args.repeat < 1 or (args.limit is not None and args.limit < 1):
        ap.error("--repeat and --limit must be positive")
    if not corpus.available():
        print(f"corpus not found at {corpus.CORPUS}", file=sys.stderr)
        return 1
    one_core()
    pages = load_pages(args.limit)
    megabytes = sum(len(html.encode("utf-8")) for html, _ in pages) / 1e6
    result: dict[str, Any] = {
        "converter": "html",
        "repeat": args.repeat,
        **report(len(pages), megabytes, measure(prepare(pages), args.repeat)),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "versions": {name: version(name) for name in ("newsclean", "justext", "trafilatura", "lxml")},
    }
    print(format_report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
