"""Score HTML extractors on the corpus pages: every source x split.

    python -m benchmarks.html_quality [--predictor NAME ...] [--source S] [--split dev|test] [--json OUT]

Predictors, each run live in this process on the page's HTML (the ``html`` field) and its URL:

``newsclean``
    ``newsclean.clean_html(html, url=url).text`` with default options.
``newsclean-fallback``
    The same with ``Options(fallback=True)``: trafilatura takes over the pages newsclean is unsure of.
``trafilatura``
    ``trafilatura.extract(html, url=url)`` with the corpus peers' settings
    (``include_comments=False, include_tables=True, include_formatting=False``).

``seconds`` is the wall time of the predictions alone (scoring excluded); the speed benchmark with
the method that makes times comparable is :mod:`benchmarks.html_speed`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import corpus
from benchmarks.quality import SPLITS, TRAFILATURA_SETTINGS, format_table

PREDICTORS = ("newsclean", "newsclean-fallback", "trafilatura")
HtmlPredictor = Callable[[str, str | None], str]


def predictor(name: str) -> HtmlPredictor:
    import newsclean

    if name == "newsclean":
        return lambda html, url: newsclean.clean_html(html, url=url).text
    if name == "newsclean-fallback":
        options = newsclean.Options(fallback=True)
        return lambda html, url: newsclean.clean_html(html, url=url, options=options).text
    if name == "trafilatura":
        import trafilatura

        return lambda html, url: trafilatura.extract(html, url=url, **TRAFILATURA_SETTINGS) or ""
    raise ValueError(f"unknown predictor {name!r}; choose from {', '.join(PREDICTORS)}")


def page_url(page: dict[str, Any]) -> str | None:
    return page.get("url") or page.get("source_url")


def run_html_quality(name: str, source: str, split: str) -> dict[str, Any]:
    """Score one predictor on one source and split; score.py's summary plus name, ``empty``, ``seconds``."""
    pages = [p for p in corpus.pages(source) if p["split"] == split]
    predict = predictor(name)
    start = time.perf_counter()
    predictions = {p["id"]: predict(p["html"], page_url(p)) for p in pages}
    seconds = time.perf_counter() - start
    gold = [{k: v for k, v in p.items() if k != "html"} for p in pages]
    token = corpus.scorer().TOKEN_RE
    empty = sum(1 for text in predictions.values() if not token.search(text))
    return {"predictor": name, "source": source, "converter": "html", "split": split,
            **corpus.score(gold, predictions), "empty": empty, "seconds": round(seconds, 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--predictor", action="append", choices=PREDICTORS, help="repeatable; default all")
    ap.add_argument("--source", action="append", choices=corpus.SOURCES, help="repeatable; default all")
    ap.add_argument("--split", action="append", choices=SPLITS, help="repeatable; default dev and test")
    ap.add_argument("--json", metavar="OUT", type=Path, help="write the rows as JSON")
    args = ap.parse_args(argv)
    if not corpus.available():
        print(f"corpus not found at {corpus.CORPUS}", file=sys.stderr)
        return 1
    rows = [
        run_html_quality(name, source, split)
        for source in args.source or corpus.SOURCES
        for split in args.split or SPLITS
        for name in args.predictor or PREDICTORS
    ]
    print(format_table(rows))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
