"""Learning site templates and batch memory, measured on sites synthesised from corpus pages.

    python -m benchmarks.sites [--sites N] [--pages N] [--converter C] [--seed S] [--memory] [--json OUT]

A synthetic site takes one template from one readability dump (its lines that are not in the page's gold
text, before and after the article: header, menu, teasers, footer) and wraps it around the article lines
(dump lines that are gold lines) of ``--pages`` other pages. Pages are the corpus's real (non-synthetic)
readability pages; an article sharing a line with the template or with another article is not used.

Reported:

* learning: ``learn_rule`` on all pages of a site (and on half, applied to the other half), the rule
  written as TOML, read back and applied alone: share of template lines removed, article lines removed;
* batch memory: dump F1 (corpus shingle metric, article lines as gold) of ``clean_texts`` over all sites
  with ``site_memory`` off and on (two-pass list, and stream);
* memory (``--memory``): peak traced allocations of streaming batches of growing size.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tracemalloc
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import corpus

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MIN_TEMPLATE_LINES = 15
MIN_ARTICLE_LINES = 4


@dataclass(frozen=True, slots=True)
class SynthPage:
    id: str
    url: str
    text: str
    template: frozenset[int]  # 0-based line indices of template lines
    article: frozenset[int]  # of article lines
    gold: str


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    template_from: str
    pages: tuple[SynthPage, ...]


def _norm(line: str) -> str:
    return " ".join(line.split())


def _split(text: str, gold_text: str) -> tuple[list[str], list[bool]] | None:
    """The page's prepared lines and which are gold lines, or None when the article cannot be located."""
    from newsclean.text.lines import prepare

    gold = {_norm(g) for g in gold_text.split("\n") if g.strip()}
    lines = [line.strip() for line in prepare(text)[0].split("\n")]
    return lines, [bool(line) and _norm(line) in gold for line in lines]


def synthesise(n_sites: int, n_pages: int, converter: str, seed: int = 0) -> list[Site]:
    """``n_sites`` sites of ``n_pages`` pages each (see the module docstring)."""
    from newsclean.sites import fingerprint

    gold = {p["id"]: p for p in corpus.pages("readability") if not p["synthetic"]}
    parts: dict[str, tuple[list[str], list[str], list[str]]] = {}  # id -> header, article, footer
    for dump in corpus.dumps("readability", converter):
        if dump["id"] not in gold or not dump["text"]:
            continue
        split = _split(dump["text"], gold[dump["id"]]["gold_text"])
        if split is None or not any(split[1]):
            continue
        lines, is_gold = split
        first = is_gold.index(True)
        last = len(is_gold) - 1 - is_gold[::-1].index(True)
        header = [line for line in lines[:first] if line]
        footer = [line for line in lines[last + 1:] if line]
        article = [line for line, g in zip(lines, is_gold, strict=True) if g]
        parts[dump["id"]] = (header, article, footer)
    rng = random.Random(seed)
    templates = sorted(i for i, (h, _, f) in parts.items() if len(h) + len(f) >= MIN_TEMPLATE_LINES)
    rng.shuffle(templates)
    sites = []
    for k, template_id in enumerate(templates[:n_sites]):
        header, _, footer = parts[template_id]
        taken = {fingerprint(line) for line in header + footer}
        candidates = sorted(i for i in parts if i != template_id and len(parts[i][1]) >= MIN_ARTICLE_LINES)
        rng.shuffle(candidates)
        pages: list[SynthPage] = []
        for article_id in candidates:
            article = parts[article_id][1]
            keys = {fingerprint(line) for line in article}
            if keys & taken or len(keys) < len(article):
                continue
            taken |= keys
            lines = [*header, *article, *footer]
            n_h, n_a = len(header), len(article)
            pages.append(SynthPage(
                id=f"site{k}/{article_id}",
                url=f"https://site{k}.example/{article_id}",
                text="\n".join(lines),
                template=frozenset(range(n_h)) | frozenset(range(n_h + n_a, len(lines))),
                article=frozenset(range(n_h, n_h + n_a)),
                gold="\n".join(article),
            ))
            if len(pages) == n_pages:
                break
        sites.append(Site(f"site{k}", template_id, tuple(pages)))
    return sites


def learned_rule_effect(train: list[SynthPage], test: list[SynthPage], name: str) -> dict[str, int]:
    """Learn from ``train``, write and re-read the TOML, apply the rule alone to ``test``."""
    from newsclean.sites import apply_rule, learn_rule, parse_rule, rule_toml
    from newsclean.text.lines import prepare

    text = rule_toml(learn_rule([p.text for p in train], name=name))
    rule = parse_rule(tomllib.loads(text), f"<learned {name}>")
    out = {"template": 0, "template_removed": 0, "article": 0, "article_removed": 0, "rule_lines": text.count("\n")}
    for page in test:
        joined, starts = prepare(page.text)  # as the cleaner sees the page: wrapped lines joined
        dropped = apply_rule(rule, joined.split("\n")).drop.tolist()
        n_raw = page.text.count("\n") + 1
        owner = list(range(n_raw)) if starts is None else [bisect_right(starts, i) - 1 for i in range(n_raw)]
        drop = [dropped[owner[i]] for i in range(n_raw)]
        out["template"] += len(page.template)
        out["template_removed"] += sum(bool(drop[i]) for i in page.template)
        out["article"] += len(page.article)
        out["article_removed"] += sum(bool(drop[i]) for i in page.article)
    return out


def learning(sites: list[Site]) -> dict[str, Any]:
    totals: dict[str, dict[str, int]] = {"all pages": {}, "held-out half": {}}
    per_site = []
    for site in sites:
        pages = list(site.pages)
        half = len(pages) // 2
        runs = {
            "all pages": learned_rule_effect(pages, pages, site.name),
            "held-out half": learned_rule_effect(pages[:half], pages[half:], site.name),
        }
        per_site.append({"site": site.name, "template_from": site.template_from, "pages": len(pages), **{
            f"{mode}: template removed": r["template_removed"] / max(r["template"], 1) for mode, r in runs.items()
        }, **{f"{mode}: article lines removed": r["article_removed"] for mode, r in runs.items()}})
        for mode, r in runs.items():
            for key, value in r.items():
                totals[mode][key] = totals[mode].get(key, 0) + value
    summary = {
        mode: {
            "template lines": t["template"],
            "template removed share": round(t["template_removed"] / max(t["template"], 1), 4),
            "article lines": t["article"],
            "article lines removed": t["article_removed"],
        }
        for mode, t in totals.items()
    }
    return {"summary": summary, "per_site": per_site}


def batch_f1(sites: list[Site]) -> dict[str, Any]:
    """Dump F1 of clean_texts over all sites' pages, interleaved, with batch memory off and on."""
    import newsclean
    from newsclean.options import SiteMemoryMode

    pages = [p for group in zip(*(s.pages for s in sites), strict=False) for p in group]
    gold = [{"id": p.id, "gold_text": p.gold} for p in pages]
    rows = {}
    runs = (
        ("memory off", SiteMemoryMode.OFF, False),
        ("memory on, two-pass list", SiteMemoryMode.AUTO, False),
        ("memory on, stream", SiteMemoryMode.AUTO, True),
    )
    for label, mode, stream in runs:
        options = newsclean.Options(site_memory=mode)
        texts = [p.text for p in pages]
        urls = [p.url for p in pages]
        start = time.perf_counter()
        articles = list(newsclean.clean_texts(iter(texts) if stream else texts, urls=iter(urls) if stream else urls,
                                              options=options))
        seconds = time.perf_counter() - start
        result = corpus.score(gold, {p.id: a.text for p, a in zip(pages, articles, strict=True)})
        rows[label] = {"P": round(result["P"], 4), "R": round(result["R"], 4), "F1": round(result["F1"], 4),
                       "pages": len(pages), "seconds": round(seconds, 2)}
    return rows


def learned_rules_f1(sites: list[Site]) -> dict[str, Any]:
    """Dump F1 on the second half of each site's pages, with rules learned from the first half (written
    to a rules directory, matched by domain), beside the classifier alone on the same pages."""
    import tempfile

    import newsclean
    from newsclean.options import SiteMemoryMode
    from newsclean.sites import learn_rule, rule_toml

    rows = {}
    with tempfile.TemporaryDirectory() as rules_dir:
        test_pages = []
        for site in sites:
            half = len(site.pages) // 2
            learned = learn_rule([p.text for p in site.pages[:half]], name=site.name,
                                 domains=[f"{site.name}.example"])
            Path(rules_dir, f"{site.name}.toml").write_text(rule_toml(learned), encoding="utf-8")
            test_pages.extend(site.pages[half:])
        gold = [{"id": p.id, "gold_text": p.gold} for p in test_pages]
        runs = {
            "classifier alone": newsclean.Options(site_memory=SiteMemoryMode.OFF),
            "learned rules + classifier": newsclean.Options(rules=(rules_dir,), site_memory=SiteMemoryMode.OFF),
            "learned rules alone": newsclean.Options(rules=(rules_dir,), use_classifier=False,
                                                     site_memory=SiteMemoryMode.OFF),
        }
        for label, options in runs.items():
            articles = newsclean.clean_texts([p.text for p in test_pages], urls=[p.url for p in test_pages],
                                             options=options)
            result = corpus.score(gold, {p.id: a.text for p, a in zip(test_pages, articles, strict=True)})
            rows[label] = {"P": round(result["P"], 4), "R": round(result["R"], 4), "F1": round(result["F1"], 4),
                           "pages": len(test_pages)}
    return rows


def corpus_batches(split: str = "test") -> list[dict[str, Any]]:
    """Each corpus slice cleaned as one ``clean_texts`` batch (a list: two-pass), batch memory off and on:
    what batch memory does on real pages, where few sites have several pages."""
    import newsclean
    from benchmarks import quality
    from newsclean.options import SiteMemoryMode

    rows = []
    for source in corpus.SOURCES:
        gold = [g for g in quality.gold(source) if g["split"] == split]
        for converter in corpus.CONVERTERS:
            dumps = quality.page_dumps(source, converter, split)
            row: dict[str, Any] = {"slice": f"{source}/{converter}/{split}"}
            for mode in (SiteMemoryMode.OFF, SiteMemoryMode.AUTO):
                articles = newsclean.clean_texts([d.text for d in dumps], urls=[d.url for d in dumps],
                                                 options=newsclean.Options(site_memory=mode))
                result = corpus.score(gold, {d.id: a.text for d, a in zip(dumps, articles, strict=True)})
                row[f"F1 memory {mode.value}"] = round(result["F1"], 4)
            rows.append(row)
    return rows


def rules_cost(repeats: int = 3) -> dict[str, Any]:
    """Time of clean_texts over every trafilatura_eval w3m dump with site rules and batch memory on (the
    defaults) against both off, alternated in one process; the median of ``repeats`` runs each."""
    import statistics

    import newsclean
    from benchmarks import quality
    from newsclean.options import SiteMemoryMode

    dumps = quality.page_dumps("trafilatura_eval", "w3m")
    texts, urls = [d.text for d in dumps], [d.url for d in dumps]
    runs = {"defaults": newsclean.Options(),
            "rules and memory off": newsclean.Options(site_rules=False, site_memory=SiteMemoryMode.OFF)}
    times: dict[str, list[float]] = {name: [] for name in runs}
    list(newsclean.clean_texts(texts[:64], urls=urls[:64]))  # warm up
    for _ in range(repeats):
        for name, options in runs.items():
            start = time.perf_counter()
            list(newsclean.clean_texts(texts, urls=urls, options=options))
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(t) for name, t in times.items()}
    return {"pages": len(dumps), **{f"{k} s": round(v, 2) for k, v in median.items()},
            "ratio": round(median["defaults"] / median["rules and memory off"], 3)}


def memory_growth(sites: list[Site], sizes: tuple[int, ...], mode: str = "auto") -> list[dict[str, Any]]:
    """Peak traced memory while streaming ``n`` pages (the sites' pages over and over, each copy with a
    URL of its own on its site) through clean_texts with batch memory on."""
    import newsclean

    pages = [p for s in sites for p in s.pages]
    newsclean.clean_text("warm up")  # the model and rules are loaded before measuring
    rows = []
    for n in sizes:
        texts = (pages[k % len(pages)].text for k in range(n))
        urls = (f"{pages[k % len(pages)].url}?copy={k}" for k in range(n))
        tracemalloc.start()
        options = newsclean.Options(site_memory=mode)
        count = sum(1 for _ in newsclean.clean_texts(texts, urls=urls, options=options))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append({"site_memory": mode, "pages": count, "peak_traced_MB": round(peak / 1e6, 2)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", type=int, default=10)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--converter", default="htmltext", choices=corpus.CONVERTERS)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--memory", action="store_true", help="also measure memory as the stream grows")
    ap.add_argument("--corpus", action="store_true", help="also clean each corpus slice as one batch, memory off/on")
    ap.add_argument("--speed", action="store_true", help="also time site rules and memory against neither")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not corpus.available():
        print(f"corpus not found at {corpus.CORPUS}", file=sys.stderr)
        return 1
    sites = synthesise(args.sites, args.pages, args.converter, args.seed)
    result: dict[str, Any] = {
        "sites": [{"site": s.name, "template_from": s.template_from, "pages": len(s.pages)} for s in sites],
        "learning": learning(sites),
        "batch": batch_f1(sites),
        "learned_rules": learned_rules_f1(sites),
    }
    if args.memory:
        sizes = (500, 2000, 8000)
        result["memory"] = memory_growth(sites, sizes, "auto") + memory_growth(sites, sizes, "off")
    if args.corpus:
        result["corpus"] = corpus_batches()
    if args.speed:
        result["speed"] = rules_cost()
    print(json.dumps({k: v for k, v in result.items() if k != "sites"}, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
