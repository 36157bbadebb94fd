import json
import time
from dataclasses import replace

import lxml.html
import pytest

import newsclean
from newsclean import Extractor, Label, Options, Status
from tests.html.pages import PARAGRAPHS

TITLE = "Council votes to rebuild the river bridge"
BOILERPLATE = ["Home", "Politics", "Sport", "Subscribe to our newsletter", "Leave a Reply",
               "Copyright 2025 Example Gazette. All rights reserved.", "Share on Facebook"]


def news_page(paragraphs=PARAGRAPHS) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | Example Gazette</title>
<meta property="og:site_name" content="Example Gazette">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-05-29T08:00:00Z">
<link rel="canonical" href="https://gazette.example/news/bridge">
<script>var tracking = "Leave a Reply";</script><style>p {{ color: black }}</style></head>
<body>
<header class="site-header"><nav class="main-menu"><ul><li><a href="/">Home</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article class="post">
<h1 class="entry-title">{TITLE}</h1>
<div class="byline">By <a href="/authors/jane">Jane Doe</a> | May 29, 2025</div>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<div class="entry-content">{body}</div>
</article>
<aside class="sidebar"><div class="widget newsletter"><h3>Subscribe to our newsletter</h3>
<form><input type="email"><button>Sign up</button></form></div>
<div class="widget related-posts"><h3>Related posts</h3><ul>
<li><a href="/a">Mayor opens new library in the old town</a></li>
<li><a href="/b">Football club signs young striker from the south</a></li>
<li><a href="/c">Weather: storms expected over the weekend</a></li></ul></div></aside>
<section id="comments" class="comments-area"><h3 id="reply-title">Leave a Reply</h3>
<p class="comment-notes">Your email address will not be published.</p></section>
</main>
<footer class="site-footer"><p>Copyright 2025 Example Gazette. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li></ul></footer>
</body></html>"""


def test_article_body_kept_and_page_furniture_dropped():
    article = newsclean.clean_html(news_page(), url="https://gazette.example/news/bridge?ref=home")
    assert article.status is Status.OK
    assert article.extractor is Extractor.HTML_BLOCKS
    assert article.text.split("\n") == PARAGRAPHS
    for line in BOILERPLATE:
        assert line not in article.text
    assert article.title == TITLE
    assert article.author == "Jane Doe"
    assert (article.published or "").startswith("2025-05-29")
    assert article.site == "Example Gazette"
    assert article.language == "en"
    assert article.url == "https://gazette.example/news/bridge"


@pytest.mark.parametrize("kind", ["bytes", "lxml", "tree", "soup"])
def test_every_input_type_gives_the_same_record(kind):
    page = news_page()
    if kind == "bytes":
        data: object = page.encode("utf-8")
    elif kind == "lxml":
        data = lxml.html.document_fromstring(page)
    elif kind == "tree":
        data = lxml.html.document_fromstring(page).getroottree()
    else:
        bs4 = pytest.importorskip("bs4")
        data = bs4.BeautifulSoup(page, "html.parser")
    assert newsclean.clean_html(data) == newsclean.clean_html(page)


def test_markdown_keeps_headings_lists_quotes_and_tables():
    html = (
        "<article><h2>What changes</h2><p>" + PARAGRAPHS[0] + "</p><ul><li>Wider lanes for bicycles on the new "
        "bridge.</li><li>A ferry for pedestrians while the work goes on.</li></ul><blockquote><p>"
        + PARAGRAPHS[1] + "</p></blockquote><table><tr><th>Year</th><th>Cost</th></tr><tr><td>2025</td>"
        "<td>4 million</td></tr></table><p>" + PARAGRAPHS[2] + "</p></article>"
    )
    article = newsclean.clean_html(html, options=Options(markdown=True, min_body_chars=1))
    markdown = article.markdown
    assert "## What changes" in markdown
    assert "- Wider lanes for bicycles on the new bridge." in markdown
    assert "> " + PARAGRAPHS[1] in markdown
    assert "| Year | Cost |\n| --- | --- |\n| 2025 | 4 million |" in markdown
    assert newsclean.clean_html(html).markdown == ""  # only when asked


def test_explain_gives_every_block_an_xpath_label_and_reasons():
    article = newsclean.clean_html(news_page(), options=Options(explain=True))
    decisions = article.decisions
    assert [d.index for d in decisions] == list(range(len(decisions)))
    by_text = {d.text: d for d in decisions}
    assert by_text[PARAGRAPHS[0]].label is Label.CONTENT
    assert by_text[PARAGRAPHS[0]].where.startswith("/html/body/main/article/div")
    assert by_text[TITLE].label is Label.TITLE
    assert by_text["Home"].label is Label.BOILERPLATE
    assert by_text["Home"].reasons
    record = json.loads(json.dumps(article.to_dict()))
    assert record["decisions"][0]["where"].startswith("/html")


@pytest.mark.parametrize(
    ("html", "status", "reason"),
    [
        ("", Status.EMPTY, "no text in input"),
        (b"   ", Status.EMPTY, "no text in input"),
        (b"\x00\x01\x02" * 1000, Status.ERROR, "binary"),
        ("<html><body><nav><a href=/>Home</a></nav></body></html>", Status.NOT_ARTICLE, "no block"),
    ],
)
def test_nothing_to_extract_is_a_record_with_a_reason(html, status, reason):
    article = newsclean.clean_html(html)
    assert article.status is status
    assert reason in (article.reason or "")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>" + PARAGRAPHS[0] + "<div><table><td>" + PARAGRAPHS[1] + "</p></html></div>",  # broken
        "<div>" * 100_000 + PARAGRAPHS[0] + "</div>" * 100_000,  # deep
        '<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>&c;&c;&c;</p></body></html>',  # entities
        "<p>" + "\u200b" * 1000 + "</p><p>\ufffd\ufffd</p>",
    ],
)
def test_hostile_html_never_raises(html):
    start = time.monotonic()
    article = newsclean.clean_html(html)
    assert isinstance(article, newsclean.Article)
    assert article.status in (Status.OK, Status.NOT_ARTICLE, Status.EMPTY)
    assert time.monotonic() - start < 10


def test_fifty_megabyte_page_is_cut_and_cleaned():
    page = news_page(PARAGRAPHS * 70_000)  # over 50 MB
    assert len(page) > 50_000_000
    article = newsclean.clean_html(page)
    assert article.status is Status.OK
    assert "input cut from" in (article.reason or "")
    assert article.text.startswith(PARAGRAPHS[0])


@pytest.mark.parametrize(
    ("encoding", "paragraph"),
    [
        ("cp1252", "Die Bürgerinnen und Bürger können sich über die Änderungen äußern, heißt es aus dem Rathaus."),
        ("shift_jis", "東京都は新しい計画を発表しました。市民の生活を改善するための取り組みで、来年から始まります。"),
        ("gb2312", "北京市政府今天发布了新的交通计划，以改善市民的出行条件和生活质量，计划明年开始实施。"),
    ],
)
def test_legacy_encodings_without_declared_charset(encoding, paragraph):
    page = f"<html><body><article><p>{paragraph}</p><p>{paragraph}</p></article></body></html>".encode(encoding)
    article = newsclean.clean_html(page)
    assert paragraph in article.text
    assert "detected" in (article.reason or "")


def test_time_budget_gives_up_with_a_reason():
    page = news_page(PARAGRAPHS * 3000)
    article = newsclean.clean_html(page, options=Options(time_budget=1e-6))
    assert article.status is Status.ERROR
    assert "time budget exceeded" in (article.reason or "")


def test_trafilatura_fallback_takes_over_unsure_pages():
    pytest.importorskip("trafilatura")
    article = newsclean.clean_html(news_page(), options=Options(fallback=True, fallback_below=1.0))
    assert article.extractor is Extractor.TRAFILATURA
    assert PARAGRAPHS[0] in article.text
    assert "confidence" in (article.reason or "")
    sure = newsclean.clean_html(news_page(), options=Options(fallback=True, fallback_below=0.0))
    assert sure.extractor is Extractor.HTML_BLOCKS


def test_trafilatura_fallback_takes_over_short_bodies(monkeypatch: pytest.MonkeyPatch):
    from newsclean.html import extract
    from newsclean.html.fallback import FallbackText

    monkeypatch.setattr(extract, "fallback_text", lambda html, **kw: FallbackText("trafilatura's text"))
    page = news_page(PARAGRAPHS[:1])
    sure = Options(fallback=True, fallback_below=0.0)
    short = newsclean.clean_html(page, options=replace(sure, fallback_short=10_000))
    assert short.extractor is Extractor.TRAFILATURA
    assert short.text == "trafilatura's text"
    assert "characters, under 10000" in (short.reason or "")
    assert newsclean.clean_html(page, options=replace(sure, fallback_short=0)).extractor is Extractor.HTML_BLOCKS


def test_wrong_input_type_is_a_type_error():
    with pytest.raises(TypeError, match="got list"):
        newsclean.clean_html(["<p>x</p>"])


def test_clean_htmls_gives_the_records_of_clean_html_in_order():
    pages = [news_page(), "", b"\x00\x01" * 100, news_page(PARAGRAPHS[:2]), "<nav><a href=/>Home</a></nav>"]
    urls = [f"https://gazette.example/{k}" for k in range(len(pages))]
    batched = list(newsclean.clean_htmls(pages, urls=urls, batch_size=2))
    assert batched == [newsclean.clean_html(page, url=url) for page, url in zip(pages, urls, strict=True)]
    assert [a.status for a in batched] == [Status.OK, Status.EMPTY, Status.ERROR, Status.OK, Status.NOT_ARTICLE]


def test_markdown_links_only_when_asked():
    html = (
        f"<article><p>{PARAGRAPHS[0]} Read the <a href='/report (2025)'>council report</a> and the "
        f"<a href='https://example.org/map'>map</a>.</p><p>{PARAGRAPHS[1]}</p></article>"
    )
    with_links = newsclean.clean_html(html, options=Options(markdown=True, links=True)).markdown
    assert "Read the [council report](/report%20(2025%29) and the [map](https://example.org/map)." in with_links
    plain = newsclean.clean_html(html, options=Options(markdown=True)).markdown
    assert "Read the council report and the map." in plain


def test_a_page_that_breaks_batch_scoring_fails_alone(monkeypatch):
    import newsclean.html.extract as extract

    score = extract.score_bodies

    def failing_on_one_page(pages, **kwargs):
        if any(blocks.texts == ["Broken"] for blocks in pages):
            raise RuntimeError("scoring bug")
        return score(pages, **kwargs)

    monkeypatch.setattr(extract, "score_bodies", failing_on_one_page)
    articles = list(newsclean.clean_htmls([news_page(), "<p>Broken</p>", news_page()]))
    assert [a.status for a in articles] == [Status.OK, Status.ERROR, Status.OK]
    assert articles[0].text.split("\n") == PARAGRAPHS
    assert articles[1].reason == "internal error: block scoring failed"


def test_default_threshold_is_each_models_own(monkeypatch):
    from newsclean import clean as dump_clean
    from newsclean.classify import LINE_THRESHOLD
    from newsclean.html import extract
    from newsclean.html.score import BLOCK_THRESHOLD

    seen = []

    def spy(real):
        def call(*args, threshold, **kwargs):
            seen.append(threshold)
            return real(*args, threshold=threshold, **kwargs)

        return call

    monkeypatch.setattr(extract, "score_bodies", spy(extract.score_bodies))
    monkeypatch.setattr(dump_clean, "classify_pages", spy(dump_clean.classify_pages))
    newsclean.clean_html(news_page())
    newsclean.clean_html(news_page(), options=Options(threshold=0.8))
    newsclean.clean_text("\n".join(PARAGRAPHS))
    newsclean.clean_text("\n".join(PARAGRAPHS), options=Options(threshold=0.3))
    assert seen == [BLOCK_THRESHOLD, 0.8, LINE_THRESHOLD, 0.3]
    assert BLOCK_THRESHOLD != LINE_THRESHOLD
