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


STORIES = [
    ("Ferry timetable changes for the summer season", "ferry"),
    ("Lighthouse keepers return to the northern cape", "lighthouse"),
    ("Fish market moves to a new hall by the quay", "market"),
    ("Lifeboat crews train with a faster boat this year", "lifeboat"),
    ("Seawall repairs finish ahead of the winter storms", "seawall"),
    ("Marina berths double after the harbour expansion", "marina"),
]


def site_page(k: int) -> str:
    title, thing = STORIES[k]
    paras = "".join(
        f"<p>Paragraph {j} about the {thing}: the council said the {thing} plan for {title.lower()} "
        f"would be reviewed again in {2020 + j}, with residents invited to comment.</p>" for j in range(3))
    return f"""<html><body>
<nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div id="sidebar"><p>Our newsletter brings you the best stories of the coast every single morning, free.</p>
<p class="tease">Most read: the harbour festival returns with tall ships and a night parade.</p></div>
<article class="story"><h1>{title}</h1>{paras}
<div class="promo box"><p>Subscribers read every story of the Example Times without limits, from one pound.</p></div>
</article>
<footer><p>Copyright Example Times. All rights reserved in every harbour town of the coast.</p></footer>
</body></html>"""


def test_learned_html_selectors_remove_the_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsclean.cli.main import main

    for k in range(5):
        (tmp_path / f"p{k}.html").write_text(site_page(k), encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    code = main(["sites", "learn", *(str(tmp_path / f"p{k}.html") for k in range(5)), "--site", "example-times",
                 "--domain", "example-times.test", "-o", str(rules / "example.toml")])
    assert code == 0
    assert "4 template elements from 5 HTML pages" in capsys.readouterr().err
    reload_rules()
    from newsclean.sites import load_rule_file

    rule = load_rule_file(rules / "example.toml")
    assert sorted(s.text for s in rule.html.remove) == ["div#sidebar", "div.box.promo", "footer", "nav.menu"]
    article = clean_html(site_page(5), url=URL, options=Options(rules=(str(rules),), use_classifier=False))
    assert article.rule == "example-times"
    lines = article.text.split("\n")
    assert len(lines) == 3 and all(line.startswith("Paragraph") and "marina" in line for line in lines)
