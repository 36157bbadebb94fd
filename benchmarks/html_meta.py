"""HTML metadata: per-field accuracy and time per page of newsclean against trafilatura, on the corpus.

    python -m benchmarks.html_meta [--source readability|trafilatura_eval] [--split dev|test] [--repeat N]
                                   [--misses FIELD] [--json OUT]

Tools, both on the same parsed page (``lxml.html.document_fromstring`` of the corpus ``html``, one
fresh tree per tool, parsed before timing), with the page URL the corpus gives (readability:
``source_url``, may be ``None``; trafilatura_eval: ``url``):

- ``newsclean``: :func:`newsclean.html.meta.extract_html_metadata` (default: htmldate's fast search
  when the page has no structured date);
- ``newsclean-extensive``: the same with ``extensive_dates=True`` (htmldate's free-text scan too);
- ``trafilatura``: ``trafilatura.extract_metadata(tree, default_url=url)`` (its defaults, which run
  htmldate with the extensive search).

Gold: readability ``gold_meta`` (Readability.js's output: ``title``, ``byline``, ``publishedTime``,
``siteName``, ``lang``); trafilatura_eval ``meta`` (``title``, ``author``, ``date``, ``sitename``, ``description``).
A field is scored on the pages whose gold value is non-empty (``n``): accuracy = share of those where
the prediction equals the gold after normalisation:

- title, site, description: NFKC, casefolded, whitespace collapsed, then equal;
- author: split into names on ``,`` ``;`` ``|`` ``&`` and " and "/" und ", each name stripped of a
  leading "by"/"von"/"par"/"por" and normalised as a title; equal as sets of names;
- date: the first ``YYYY-MM-DD`` in each (so time and zone are ignored), equal;
- language: the primary subtag (before ``-``/``_``), lowercased, equal.

``extra`` counts pages where the gold is empty and the tool still gives a value (not scored: the
gold leaves out values pages do carry). Time: each tool's seconds per page over the selected pages
(``time.perf_counter`` around each call, the tools rotating their order page by page, best of ``--repeat``
passes), excluding parsing; for newsclean also how many pages reached the htmldate fallback and the
milliseconds per page (over all pages) spent in it, in that best pass. ``--misses FIELD`` prints
newsclean's misses on that field (use it on dev only when tuning).
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from typing import Any

from benchmarks import corpus

FIELDS = ("title", "author", "date", "site", "language", "description")
GOLD_KEYS = {
    "readability": {
        "title": "title",
        "author": "byline",
        "date": "publishedTime",
        "site": "siteName",
        "language": "lang",
    },
    "trafilatura_eval": {
        "title": "title",
        "author": "author",
        "date": "date",
        "site": "sitename",
        "description": "description",
    },
}
TOOLS = ("newsclean", "newsclean-extensive", "trafilatura")

_NAME_SPLIT = re.compile(r"\s*(?:[,;|&]|\s(?:and|und)\s)\s*", re.I)
_BY = re.compile(r"^(?:by|von|par|por)\s*:?\s+", re.I)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def norm_text(value: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", value or "").casefold().split())


def norm_author(value: str | None) -> frozenset[str]:
    names = (_BY.sub("", norm_text(part)) for part in _NAME_SPLIT.split(norm_text(value)))
    return frozenset(name for name in names if name)


def norm_date(value: str | None) -> str:
    match = _DAY.search(value or "")
    return match.group() if match else ""


def norm_language(value: str | None) -> str:
    return (value or "").strip().replace("_", "-").split("-")[0].lower()


NORMALISE: dict[str, Callable[[str | None], Any]] = {
    "title": norm_text,
    "author": norm_author,
    "date": norm_date,
    "site": norm_text,
    "language": norm_language,
    "description": norm_text,
}


def newsclean_meta(tree: Any, url: str | None, extensive_dates: bool = False) -> dict[str, str | None]:
    from newsclean.html.meta import extract_html_metadata

    meta = extract_html_metadata(tree, url=url, extensive_dates=extensive_dates)
    return {
        "title": meta.title,
        "author": meta.author,
        "date": meta.published,
        "site": meta.site,
        "language": meta.language,
        "description": meta.description,
    }


def trafilatura_meta(tree: Any, url: str | None) -> dict[str, str | None]:
    from trafilatura import extract_metadata

    doc = extract_metadata(tree, default_url=url)
    return {  # no language field
        "title": doc.title,
        "author": doc.author,
        "date": doc.date,
        "site": doc.sitename,
        "description": doc.description,
    }


EXTRACT = {
    "newsclean": newsclean_meta,
    "newsclean-extensive": lambda tree, url: newsclean_meta(tree, url, extensive_dates=True),
    "trafilatura": trafilatura_meta,
}


def load(source: str, split: str) -> list[dict[str, Any]]:
    """``{id, html, url, gold}`` for the pages of one source and split."""
    keys = GOLD_KEYS[source]
    rows = []
    for page in corpus.pages(source):
        if page["split"] != split:
            continue
        raw = page.get("gold_meta") if source == "readability" else page.get("meta")
        raw = raw or {}
        gold = {field: _gold_value(raw.get(key)) for field, key in keys.items()}
        url = page.get("source_url") if source == "readability" else page.get("url")
        rows.append({"id": page["id"], "html": page["html"], "url": url, "gold": gold})
    return rows


def _gold_value(value: Any) -> str | None:
    """A gold value as a string (a list of authors joined by "; ")."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v)
    return str(value) if value else None


def parse(html: str) -> Any:
    import lxml.html

    return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def run(source: str, split: str, repeat: int = 1, tools: tuple[str, ...] = TOOLS) -> dict[str, Any]:
    """Accuracy per field and seconds per page of ``tools`` on one source and split."""
    import newsclean.html.meta as meta_module

    pages = load(source, split)
    predictions: dict[str, list[dict[str, str | None]]] = {tool: [] for tool in tools}
    best = dict.fromkeys(tools, float("inf"))
    fallback = dict.fromkeys(tools, (0, 0.0))  # htmldate calls and seconds in the best pass
    for tool in tools:  # warm-up: imports, htmldate and trafilatura caches
        for page in pages[:3]:
            EXTRACT[tool](parse(page["html"]), page["url"])
    original = meta_module.find_with_htmldate
    calls = [0, 0.0]

    def counted(*args: Any, **kwargs: Any) -> str | None:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            calls[0] += 1
            calls[1] += time.perf_counter() - start

    meta_module.find_with_htmldate = counted  # type: ignore[assignment]
    try:
        for round_ in range(max(1, repeat)):
            trees = {tool: [parse(p["html"]) for p in pages] for tool in tools}
            spent = dict.fromkeys(tools, 0.0)
            in_htmldate = {tool: [0, 0.0] for tool in tools}
            gc.collect()
            gc.disable()
            try:
                for i, page in enumerate(pages):
                    shift = (i + round_) % len(tools)
                    for tool in tools[shift:] + tools[:shift]:
                        calls[:] = [0, 0.0]
                        start = time.perf_counter()
                        result = EXTRACT[tool](trees[tool][i], page["url"])
                        spent[tool] += time.perf_counter() - start
                        in_htmldate[tool][0] += calls[0]
                        in_htmldate[tool][1] += calls[1]
                        if round_ == 0:
                            predictions[tool].append(result)
            finally:
                gc.enable()
            for tool in tools:
                if spent[tool] < best[tool]:
                    best[tool] = spent[tool]
                    fallback[tool] = (int(in_htmldate[tool][0]), in_htmldate[tool][1])
    finally:
        meta_module.find_with_htmldate = original  # type: ignore[assignment]
    fields = [f for f in FIELDS if f in GOLD_KEYS[source]]
    scores: dict[str, Any] = {}
    for tool in tools:
        row: dict[str, Any] = {"ms_per_page": round(1000 * best[tool] / max(1, len(pages)), 3)}
        if tool.startswith("newsclean"):
            row["htmldate_pages"] = fallback[tool][0]
            row["htmldate_ms_per_page"] = round(1000 * fallback[tool][1] / max(1, len(pages)), 3)
        for field in fields:
            if predictions[tool] and field not in predictions[tool][0]:
                continue  # the tool has no such field: shown as "–"
            norm = NORMALISE[field]
            scored = [(p, pred) for p, pred in zip(pages, predictions[tool], strict=True) if norm(p["gold"][field])]
            hits = sum(norm(p["gold"][field]) == norm(pred[field]) for p, pred in scored)
            extra = sum(
                1
                for p, pred in zip(pages, predictions[tool], strict=True)
                if not norm(p["gold"][field]) and pred.get(field)
            )
            row[field] = {"acc": round(hits / len(scored), 4) if scored else None, "n": len(scored), "extra": extra}
        scores[tool] = row
    return {
        "source": source,
        "split": split,
        "pages": len(pages),
        "scores": scores,
        "predictions": predictions,
        "rows": pages,
    }


def misses(result: dict[str, Any], field: str) -> list[str]:
    """newsclean's misses on ``field``, marked ``T`` where trafilatura got it right."""
    norm = NORMALISE[field]
    lines = []
    for page, ours, theirs in zip(
        result["rows"], result["predictions"]["newsclean"], result["predictions"]["trafilatura"], strict=True
    ):
        gold = page["gold"][field]
        if norm(gold) and norm(gold) != norm(ours[field]):
            mark = "T" if norm(gold) == norm(theirs.get(field)) else "-"
            lines.append(
                f"{mark} {page['id'][:24]:24} gold={gold!r:.70} ours={ours[field]!r:.70} traf={theirs.get(field)!r:.50}"
            )
    return lines


def table(results: list[dict[str, Any]]) -> str:
    out = [
        "| source | split | pages | tool | " + " | ".join(FIELDS) + " | ms/page | htmldate pages, ms/page |",
        "|" + " --- |" * (6 + len(FIELDS)),
    ]
    for r in results:
        for tool, row in r["scores"].items():
            cells = []
            for field in FIELDS:
                cell = row.get(field)
                cells.append(f"{cell['acc']:.3f} ({cell['n']})" if cell and cell["acc"] is not None else "–")
            out.append(
                f"| {r['source']} | {r['split']} | {r['pages']} | {tool} | "
                + " | ".join(cells)
                + f" | {row['ms_per_page']:.2f} | "
                + (
                    f"{row['htmldate_pages']}, {row['htmldate_ms_per_page']:.2f} |"
                    if "htmldate_pages" in row
                    else "– |"
                )
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", action="append", choices=corpus.SOURCES)
    parser.add_argument("--split", action="append", choices=("dev", "test"))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--misses", choices=FIELDS)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    results = [
        run(source, split, args.repeat)
        for source in args.source or corpus.SOURCES
        for split in args.split or ("dev", "test")
    ]
    sys.stdout.write(table(results) + "\n")
    if args.misses:
        for r in results:
            sys.stdout.write(f"\n# newsclean misses on {args.misses}: {r['source']} {r['split']}\n")
            sys.stdout.write("\n".join(misses(r, args.misses)) + "\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([{k: r[k] for k in ("source", "split", "pages", "scores")} for r in results], f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
