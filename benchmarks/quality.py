"""Score predictors on the corpus: every source x converter x split, plus the five seeds.

    python -m benchmarks.quality [--predictor NAME ...] [--source S] [--converter C] [--split dev|test]
                                 [--seeds] [--json OUT]

A predictor turns one plain-text dump into the text it keeps; the corpus scorer
(``../shared/tools/score.py`` through :mod:`benchmarks.corpus`) does the rest.

Predictors:

``newsclean``
    ``newsclean.clean_text(dump, url=page_url).text`` with default options.
``identity``
    The whole dump (nothing removed): the keep-everything floor.
``words10``
    The lines of at least 10 whitespace-separated words: the one-rule baseline.
``justext``
    jusText 3.0.2 with its default parameters over the dump, each non-empty line as one ``<p>``.
    Stop list: English or German, whichever has more of the dump's lowercased whitespace tokens
    among the words only its own list holds (:func:`stoplist_name`). Applied to every page of every
    source; jusText has lists for the other corpus languages too but is given only these two.
``trafilatura-dump``
    ``trafilatura.extract`` on the same one-``<p>``-per-line document, with the settings of the
    corpus peers (``include_comments=False, include_tables=True, include_formatting=False``).
``trafilatura-html``
    The stored corpus peer: trafilatura on the original HTML, not on a dump (same for every
    converter; a reference, not a competitor; not available for the seeds).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks import corpus

PREDICTORS = ("newsclean", "identity", "words10", "justext", "trafilatura-dump", "trafilatura-html")
SPLITS = ("dev", "test")
SEEDS_DIR = corpus.REPO / "tests" / "fixtures" / "seeds"
TRAFILATURA_SETTINGS = {"include_comments": False, "include_tables": True, "include_formatting": False}


@dataclass(frozen=True, slots=True)
class Dump:
    """One page as a predictor sees it: the dump text and the page's URL if the corpus has one."""

    id: str
    text: str
    url: str | None = None


Predictor = Callable[[Dump], str]


# ---- adapters shared with benchmarks.speed -------------------------------------------------------


def lines_html(text: str) -> str:
    """The dump as a minimal HTML document: each non-empty line, stripped and escaped, as a ``<p>``.

    Lines a converter wrapped at a fixed width (w3m) are first joined back into paragraphs with the same
    step newsclean uses (:func:`newsclean.text.lines.prepare`), so the peers see whole paragraphs too.
    """
    from newsclean.text.lines import prepare

    text, _ = prepare(text)
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{paragraphs}</body></html>"


@cache
def _stop_words() -> tuple[frozenset[str], frozenset[str]]:
    import justext

    english, german = justext.get_stoplist("English"), justext.get_stoplist("German")
    return frozenset(english - german), frozenset(german - english)


def stoplist_name(text: str) -> str:
    """``"German"`` if more of the dump's tokens are German-only than English-only stop words, else English.

    Tokens are the lowercased whitespace-separated words, as jusText counts them; words on both lists
    (``in``, ``so``, ``die``...) are ignored.
    """
    english, german = _stop_words()
    tokens = text.lower().split()
    return "German" if sum(t in german for t in tokens) > sum(t in english for t in tokens) else "English"


@cache
def stoplist(name: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(name))


def justext_extract(document: str, stop_words: frozenset[str]) -> str:
    """jusText's non-boilerplate paragraphs of an HTML document, one per line."""
    import justext

    paragraphs = justext.justext(document, stop_words)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_extract(document: str) -> str:
    import trafilatura

    return trafilatura.extract(document, **TRAFILATURA_SETTINGS) or ""


# ---- predictors ----------------------------------------------------------------------------------


def _newsclean(dump: Dump) -> str:
    import newsclean

    return newsclean.clean_text(dump.text, url=dump.url).text


def _identity(dump: Dump) -> str:
    return dump.text


def _words10(dump: Dump) -> str:
    return "\n".join(line.strip() for line in dump.text.splitlines() if len(line.split()) >= 10)


def _justext(dump: Dump) -> str:
    if not dump.text.strip():
        return ""
    return justext_extract(lines_html(dump.text), stoplist(stoplist_name(dump.text)))


def _trafilatura_dump(dump: Dump) -> str:
    if not dump.text.strip():
        return ""
    return trafilatura_extract(lines_html(dump.text))


def predictor(name: str, source: str) -> Predictor:
    """The predictor called ``name`` for pages of ``source`` (a corpus source or ``"seeds"``)."""
    simple: dict[str, Predictor] = {
        "newsclean": _newsclean,
        "identity": _identity,
        "words10": _words10,
        "justext": _justext,
        "trafilatura-dump": _trafilatura_dump,
    }
    if name in simple:
        return simple[name]
    if name == "trafilatura-html":
        if source not in corpus.SOURCES:
            raise ValueError(f"trafilatura-html has no output for {source!r}")
        outputs = corpus.peer(source)
        return lambda dump: outputs.get(dump.id, "")
    raise ValueError(f"unknown predictor {name!r}; choose from {', '.join(PREDICTORS)}")


# ---- data ----------------------------------------------------------------------------------------


@cache
def gold(source: str) -> tuple[dict[str, Any], ...]:
    """The gold records of a corpus source without their HTML (loaded once per process)."""
    return tuple({k: v for k, v in page.items() if k != "html"} for page in corpus.pages(source))


@cache
def _dumps(source: str, converter: str) -> tuple[dict[str, Any], ...]:
    return tuple(corpus.dumps(source, converter))


def page_dumps(source: str, converter: str, split: str | None = None) -> list[Dump]:
    """The dumps of one source and converter (optionally one split) with each page's URL."""
    urls = {g["id"]: g.get("url") or g.get("source_url") for g in gold(source)}
    return [
        Dump(d["id"], d["text"] or "", urls.get(d["id"]))
        for d in _dumps(source, converter)
        if split is None or d["split"] == split
    ]


def load_seeds() -> tuple[list[dict[str, Any]], list[Dump]]:
    """The seeds' gold records (``body_text`` is the gold) and their dumps, ``id`` = file name."""
    with open(SEEDS_DIR / "gold.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    seeds = [Dump(r["file"], (SEEDS_DIR / r["file"]).read_text(encoding="utf-8")) for r in records]
    return records, seeds


# ---- runs ----------------------------------------------------------------------------------------


def _summary(
    name: str, source: str, converter: str, split: str, gold_records: list[dict[str, Any]], dumps: list[Dump]
) -> dict[str, Any]:
    predict = predictor(name, source)
    start = time.perf_counter()
    predictions = {d.id: predict(d) for d in dumps}
    seconds = time.perf_counter() - start
    result = corpus.score(gold_records, predictions)
    token = corpus.scorer().TOKEN_RE
    empty = sum(1 for g in gold_records if not token.search(predictions.get(g.get("id") or g["file"], "")))
    return {
        "predictor": name,
        "source": source,
        "converter": converter,
        "split": split,
        **result,
        "empty": empty,
        "seconds": round(seconds, 3),
    }


def run_quality(predictor_name: str, source: str, converter: str, split: str) -> dict[str, Any]:
    """Score one predictor on one corpus source, converter and split.

    Returns score.py's summary (``n``, ``P``, ``R``, ``F1``; for ``trafilatura_eval`` also ``acc``,
    ``with_found``, ``without_absent``, ``F1s``) plus ``predictor``, ``source``, ``converter``, ``split``,
    ``empty`` (pages with no token predicted) and ``seconds`` (prediction time).
    """
    if source not in corpus.SOURCES or converter not in corpus.CONVERTERS or split not in SPLITS:
        raise ValueError(f"no corpus slice {source}/{converter}/{split}")
    gold_records = [g for g in gold(source) if g["split"] == split]
    return _summary(
        predictor_name, source, converter, split, gold_records, page_dumps(source, converter, split)
    )


def run_seeds(predictor_name: str) -> dict[str, Any]:
    """Score one predictor on the five seeds (shingle metric, ``body_text`` as gold)."""
    records, seeds = load_seeds()
    return _summary(predictor_name, "seeds", "-", "all", records, seeds)


# ---- command line --------------------------------------------------------------------------------

_COLUMNS = (
    ("predictor", "<16", "s"),
    ("source", "<16", "s"),
    ("converter", "<10", "s"),
    ("split", "<5", "s"),
    ("n", ">4", "d"),
    ("P", ">6", ".3f"),
    ("R", ">6", ".3f"),
    ("F1", ">6", ".3f"),
    ("F1s", ">6", ".3f"),
    ("empty", ">5", "d"),
    ("seconds", ">7", ".2f"),
)


def format_table(rows: list[dict[str, Any]]) -> str:
    lines = [" ".join(f"{name:{align}}" for name, align, _ in _COLUMNS)]
    for row in rows:
        cells = []
        for name, align, kind in _COLUMNS:
            value = row.get(name)
            cells.append(f"{'':{align}}" if value is None else f"{value:{align}{kind}}")
        lines.append(" ".join(cells).rstrip())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--predictor", action="append", choices=PREDICTORS, help="repeatable; default newsclean")
    ap.add_argument("--source", action="append", choices=corpus.SOURCES, help="repeatable; default all")
    ap.add_argument("--converter", action="append", choices=corpus.CONVERTERS, help="repeatable; default all")
    ap.add_argument("--split", action="append", choices=SPLITS, help="repeatable; default dev and test")
    ap.add_argument("--seeds", action="store_true", help="also score the five seeds")
    ap.add_argument("--json", metavar="OUT", type=Path, help="write the rows as JSON")
    args = ap.parse_args(argv)

    names = args.predictor or ["newsclean"]
    rows: list[dict[str, Any]] = []
    if corpus.available():
        for name in names:
            for source in args.source or corpus.SOURCES:
                for converter in args.converter or corpus.CONVERTERS:
                    for split in args.split or SPLITS:
                        rows.append(run_quality(name, source, converter, split))
    else:
        print(f"corpus not found at {corpus.CORPUS}: corpus rows skipped", file=sys.stderr)
    if args.seeds:
        rows.extend(run_seeds(name) for name in names if name != "trafilatura-html")

    print(format_table(rows))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
