"""Batch memory (count-min sketch of lines per site) and learning a rule from pages."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import newsclean
from newsclean import Options
from newsclean.options import SiteMemoryMode
from newsclean.sites import SiteMemory, apply_rule, fingerprint, learn_rule, parse_rule, rule_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEADER = ["Home | World | Business | Sport", "Subscribe to the Daily Example", "Search this site"]
# A paragraph that reads like body text: only its recurrence on every page shows it is template.
NOTE = "Example News has reported on the harbours of the south coast since 1921, and it is owned by its readers."
FOOTER = ["More from Example News", "Council votes on parking fees", "Weather warning for the coast",
          "© 2025 Example News Ltd", "Privacy | Terms | Contact"]


PLACES = ["Avonmouth", "Brixham", "Cromer", "Dover", "Exmouth", "Falmouth", "Grimsby", "Harwich", "Ilfracombe",
          "Jarrow", "Kingsbridge", "Lowestoft", "Margate", "Newlyn", "Oban", "Padstow", "Queenborough", "Ramsgate"]
THINGS = ["dredging", "lighthouse", "ferry", "seawall", "marina", "fish market", "lifeboat station", "breakwater",
          "slipway", "pier", "promenade", "harbour wall", "boatyard", "customs house", "quay", "jetty", "dock",
          "sluice"]


def article(k: int) -> list[str]:
    place, thing = PLACES[k % len(PLACES)], THINGS[k % len(THINGS)]
    return [
        f"{place} board meets over the {thing} plan",
        f"The {place} harbour board said that the {thing} plan would cost less than the last one it proposed.",
        f"Residents near the {thing} in {place} asked for a public hearing before work begins, citing noise.",
        f"A decision on the {place} {thing} is expected after the summer recess, a spokesperson said.",
    ]


def page(k: int) -> str:
    return "\n".join([*HEADER, "", *(line + "\n" for line in article(k)), NOTE, "", *FOOTER])


def test_fingerprint_ignores_case_spacing_and_numbers() -> None:
    assert fingerprint("  © 2025   Example ") == fingerprint("© 2024 example")


def test_sketch_counts_pages_not_occurrences() -> None:
    memory = SiteMemory(width=1 << 10)
    for k in range(3):
        assert memory.add_page("a", ["Menu", "Menu", "Body", PLACES[k]])
    memory.add_page("b", ["Menu"])
    assert memory.seen("a", ["Menu", "Body", PLACES[0], "Other", ""]).tolist() == [3, 3, 1, 0, 0]
    assert memory.seen("b", ["Menu"]).tolist() == [1]
    assert memory.site_pages("a") == 3


def test_a_duplicate_page_is_counted_once() -> None:
    memory = SiteMemory()
    assert memory.add_page("a", ["Menu", "Body of the story"])
    assert not memory.add_page("a", ["Menu", "  body of the STORY "])
    assert memory.seen("a", ["Menu"]).tolist() == [1]


def test_memory_stands_down_on_near_duplicates() -> None:
    # Ten copies of one story that differ in a comment line only: the story is not template.
    texts = [page(1) + f"\nComment from reader {PLACES[k]}: thanks." for k in range(10)]
    urls = [f"https://news.example.com/{k}" for k in range(10)]
    articles = list(newsclean.clean_texts(texts, urls=urls, options=Options(explain=True)))
    for article in articles:
        assert article1_line() in article.text
        assert not any(r.startswith("template") for d in article.decisions for r in d.reasons)


def article1_line() -> str:
    return article(1)[1]


def test_template_needs_enough_pages_of_the_site() -> None:
    memory = SiteMemory(min_site_pages=5, min_other=3)
    for k in range(4):
        memory.add_page("s", [*HEADER, *article(k)])
    assert not memory.template("s", [*HEADER, *article(0)])[0].any()
    memory.add_page("s", [*HEADER, *article(4)])
    template, other = memory.template("s", [*HEADER, *article(4)])
    assert template.tolist() == [True] * len(HEADER) + [False] * 4
    assert other[:len(HEADER)].tolist() == [4] * len(HEADER)


def test_sketch_memory_is_fixed_by_its_size() -> None:
    memory = SiteMemory(width=1 << 12, depth=4)
    before = memory.table.nbytes
    for k in range(300):
        memory.add_page(f"site{k % 7}", article(k))
    assert memory.table.nbytes == before == 4 * 4 * (1 << 12)
    assert memory.nbytes == before + memory.seen_pages.nbytes + 100 * 7


def test_site_table_is_capped() -> None:
    memory = SiteMemory(max_sites=10)
    for k in range(50):
        memory.add_page(f"site{k}", ["x"])
    assert len(memory.pages) == 10
    assert memory.site_pages("site49") == 1
    assert memory.site_pages("site0") == 0


@pytest.mark.parametrize("stream", [False, True])
def test_batch_memory_drops_template_lines_the_classifier_keeps(stream: bool) -> None:
    texts = [page(k) for k in range(12)]
    urls = [f"https://news.example.com/{k}" for k in range(12)]
    on = Options(site_memory=SiteMemoryMode.AUTO, explain=True)
    args = (iter(texts), iter(urls)) if stream else (texts, urls)
    with_memory = list(newsclean.clean_texts(args[0], urls=args[1], options=on))
    without = list(newsclean.clean_texts(texts, urls=urls, options=Options(site_memory=SiteMemoryMode.OFF)))
    for k, (a, b) in enumerate(zip(with_memory, without, strict=True)):
        for line in [*FOOTER, *HEADER, NOTE]:
            assert line not in a.text, (k, line)
        for line in article(k)[1:]:
            assert line in a.text
        assert a.extractor is newsclean.Extractor.TEXT_LINES  # memory shows in the reasons, not here
        assert len(a.text) <= len(b.text)
    reasons = [r for d in with_memory[0].decisions for r in d.reasons if r.startswith("template")]
    assert "template: seen on 11 other pages of this site" in reasons
    assert all(NOTE in b.text for b in without), "the set must be one the classifier gets wrong"


def test_single_pages_and_memory_off_are_unchanged() -> None:
    texts = [page(k) for k in range(6)]
    urls = [f"https://news.example.com/{k}" for k in range(6)]
    off = list(newsclean.clean_texts(texts, urls=urls, options=Options(site_memory=SiteMemoryMode.OFF)))
    single = [newsclean.clean_text(t, url=u) for t, u in zip(texts, urls, strict=True)]
    assert [a.text for a in off] == [a.text for a in single]


def test_learned_rule_removes_template_and_no_article_line() -> None:
    pages = [page(k) for k in range(10)]
    learned = learn_rule(pages, name="example", domains=["example.com"])
    text = rule_toml(learned)
    rule = parse_rule(tomllib.loads(text), "<learned>")
    assert rule.name == "example" and rule.match.domains == ("example.com",)
    assert rule.dump.start_after and rule.dump.end_before
    for k in range(10, 14):  # pages not learned from
        assert rule.dump.start_after[0].search(HEADER[-1]) and rule.dump.end_before[0].search(NOTE)
        lines = page(k).split("\n")
        drop = apply_rule(rule, lines).drop
        kept = [line for line, d in zip(lines, drop, strict=True) if not d and line]
        assert kept == article(k)


def test_learned_rule_writes_varying_numbers_as_patterns() -> None:
    pages = [f"Edition {k} of 2025\n" + "\n".join(article(k)) for k in range(5)]
    text = rule_toml(learn_rule(pages))
    assert "'^Edition \\d+ of \\d+$'" in text
    rule = parse_rule(tomllib.loads(text), "<learned>")
    assert apply_rule(rule, ["Edition 99 of 2026", *article(9)]).drop.tolist() == [True, False, False, False, False]


def test_learning_ignores_lines_on_few_pages() -> None:
    pages = [page(k) for k in range(6)]
    learned = learn_rule(pages, min_share=0.5)
    lines = {line for line, _ in learned.template}
    assert not any(line in lines for k in range(6) for line in article(k))
    assert np.all([n >= 3 for _, n in learned.template])
