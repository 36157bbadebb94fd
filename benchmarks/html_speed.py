"""Throughput of ``clean_html`` against trafilatura (and jusText) on the corpus HTML, on one core.

    python -m benchmarks.html_speed [--limit N] [--repeat N] [--json OUT]

Every tool runs in this process on the same pages (the ``html`` field of both corpus sources, as ``str``):

- ``newsclean``: ``newsclean.clean_htmls(htmls, urls=urls)`` with default options (metadata included;
  pages scored in batches, as the CLI does);
- ``newsclean-single``: ``newsclean.clean_html(html, url=url)`` called once per page;
- ``newsclean-fallback``: ``clean_htmls`` (batched, as the ``newsclean`` row) with ``Options(fallback=True)``:
  trafilatura on the pages newsclean is unsure of, with the option's default settings;
- ``trafilatura``: ``trafilatura.extract(html, url=url)`` with the corpus peers' settings (metadata
  extraction is part of its default run, as it is of newsclean's);
- ``justext``: ``justext.justext(html, stoplist)`` with the English or German stop list chosen as in
  :mod:`benchmarks.quality` on the page's text (chosen before timing).

Method as in :mod:`benchmarks.speed`: one core, one warm-up pass, then ``--repeat`` rotating rounds; a
tool's time is its best pass. MB/s counts the UTF-8 bytes of the HTML.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from benchmarks import corpus
from benchmarks.quality import TRAFILATURA_SETTINGS, stoplist, stoplist_name
from benchmarks.speed import parse_speed_args, publish


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
        for _ in newsclean.clean_htmls(htmls, urls=urls, options=fallback):
            pass

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
    args = parse_speed_args(ap, argv)
    if args is None:
        return 1
    pages = load_pages(args.limit)
    megabytes = sum(len(html.encode("utf-8")) for html, _ in pages) / 1e6
    return publish(args, "html", len(pages), megabytes, prepare(pages), ("newsclean", "justext", "trafilatura", "lxml"))


if __name__ == "__main__":
    sys.exit(main())
