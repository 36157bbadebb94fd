"""The [html] half of site rules in clean_html: content root, removed elements, title/author/date selectors."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from newsclean import Extractor, Options
from newsclean.html.extract import clean_html
from newsclean.sites.ruleset import reload_rules

PARAS = [
    "The harbour board approved the dredging plan on Tuesday after a long debate about costs and noise.",
    "Residents asked for a public hearing before work begins, and the board agreed to hold one in May.",
    "Work on the estuary is due to start in the autumn and should last about eighteen months in all.",
]
PAGE = f"""<html><head><title>Harbour plan approved | Example Times</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="sidebar"><p>Our newsletter brings you the best stories of the coast every single morning, free.</p></div>
<article class="story">
  <h1 class="headline">Harbour board approves dredging plan</h1>
  <p class="by">By <span class="name">Jane Roe</span></p>
  <time class="stamp" datetime="2025-04-01T09:30:00+01:00">1 April</time>
  <p>{PARAS[0]}</p>
  <div class="promo"><p>Subscribers read every story of the Example Times without limits, from one pound.</p></div>
  <p>{PARAS[1]}</p>
  <p class="short">Read more.</p>
  <p>{PARAS[2]}</p>
</article>
<footer><p>Copyright Example Times. All rights reserved in every harbour town of the coast.</p></footer>
</body></html>"""
RULE = """
[rule]
name = "example-times"
[match]
domains = ["example-times.test"]
[html]
root = "article.story"
remove = ["div.promo", "//p[@class='by']"]
title = "h1.headline"
author = ".by .name"
date = "//time[@class='stamp']"
"""
URL = "https://www.example-times.test/2025/harbour"


@pytest.fixture
def rules(tmp_path: Path) -> Options:
    (tmp_path / "example.toml").write_text(RULE, encoding="utf-8")
    reload_rules()
    return Options(rules=(str(tmp_path),))


def test_rule_narrows_the_page_and_reads_metadata(rules: Options) -> None:
    article = clean_html(PAGE, url=URL, options=rules)
    assert article.rule == "example-times"
    assert article.extractor is Extractor.HTML_RULES
    assert (article.title, article.author, article.published) == (
        "Harbour board approves dredging plan", "Jane Roe", "2025-04-01T09:30:00+01:00")
    for para in PARAS:
        assert para in article.text
    for furniture in ("newsletter", "Subscribers", "Copyright", "Jane Roe", "1 April"):
        assert furniture not in article.text


def test_rule_alone_keeps_every_block_under_the_root(rules: Options) -> None:
    options = Options(rules=rules.rules, use_classifier=False)
    article = clean_html(PAGE, url=URL, options=options)
    assert article.text.split("\n") == [PARAS[0], PARAS[1], "Read more.", PARAS[2]]


def test_callers_tree_is_not_changed(rules: Options) -> None:
    tree = lxml.html.document_fromstring(PAGE)
    before = lxml.html.tostring(tree)
    clean_html(tree, url=URL, options=rules)
    assert lxml.html.tostring(tree) == before


def test_pages_of_other_sites_are_untouched(rules: Options) -> None:
    other = clean_html(PAGE, url="https://other.test/a", options=rules)
    plain = clean_html(PAGE, url="https://other.test/a", options=Options(site_rules=False))
    assert other.rule is None and other.extractor is Extractor.HTML_BLOCKS
    assert other.text == plain.text
