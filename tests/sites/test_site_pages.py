"""Site rules on whole pages: the five seeds and the variants built of each seed site's template.

Every page must come out line for line as annotated with the generic classifier switched off (site rules
alone) and with both, and with the title, author and date annotated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsclean import Extractor, Label, Options, clean_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = FIXTURES / "seeds"
VARIANTS = FIXTURES / "sites"
MODES = {"rules-only": Options(explain=True, use_classifier=False), "rules+classifier": Options(explain=True)}
SEED_RULES = {"000": "worldmagzine", "001": "wp-news-theme", "002": "devdiscourse", "003": "devdiscourse",
              "004": "common"}


@dataclass(frozen=True)
class Page:
    name: str
    text: str
    url: str | None
    rule: str
    body: frozenset[int]  # 1-based line numbers
    title_line: int
    title: str
    author: str | None
    published: str | None


def _seeds() -> list[Page]:
    pages = []
    for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = (SEEDS / gold["file"]).read_text(encoding="utf-8")
        pages.append(Page(gold["file"], text, None, SEED_RULES[gold["file"][:3]], frozenset(gold["body"]),
                          gold["title_line"], gold["title"], gold["author"], gold["published"]))
    return pages


def read_annotated(path: Path) -> tuple[str, dict[int, str]]:
    """A variant file: each line is ``L|text`` with L one of B (body), T (title), M (metadata),
    X (boilerplate) or a space (blank line). Returns the dump and the label of each 1-based line."""
    lines, labels = [], {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        label, _, text = raw.partition("|")
        lines.append(text)
        labels[n] = label.strip()
    return "\n".join(lines), labels


def _variants() -> list[Page]:
    meta = json.loads((VARIANTS / "variants.json").read_text(encoding="utf-8"))
    pages = []
    for name, expected in meta.items():
        text, labels = read_annotated(VARIANTS / name)
        title_line = next(n for n, label in labels.items() if label == "T")
        body = frozenset(n for n, label in labels.items() if label == "B")
        pages.append(Page(name, text, expected["url"], expected["rule"], body, title_line, expected["title"],
                          expected["author"], expected["published"]))
    return pages


PAGES = _seeds() + _variants()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_cleans_line_for_line(page: Page, mode: str) -> None:
    article = clean_text(page.text, url=page.url, options=MODES[mode])
    labels = {d.index + 1: d.label for d in article.decisions}
    content = {n for n, label in labels.items() if label is Label.CONTENT}
    assert article.rule == page.rule
    assert article.extractor is (Extractor.RULES_ONLY if mode == "rules-only" else Extractor.TEXT_RULES)
    assert sorted(page.body - content) == [], "body lines dropped"
    assert sorted(content - page.body) == [], "lines kept that are not body"
    assert labels[page.title_line] is Label.TITLE
    assert (article.title, article.author, article.published) == (page.title, page.author, page.published)


def test_variant_annotation_covers_every_line() -> None:
    for path in sorted(VARIANTS.glob("*.txt")):
        _, labels = read_annotated(path)
        assert set(labels.values()) <= {"B", "T", "M", "X", ""}, path.name
        assert list(labels.values()).count("T") == 1, path.name
