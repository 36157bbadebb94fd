"""``<meta>``, ``<link>``, ``<html lang>``, ``<base>`` and ``<time>`` sources, and what wins over what."""

from __future__ import annotations

import lxml.html
import pytest

from newsclean.html.meta import HtmlMeta, extract_html_metadata


def meta_of(head: str, body: str = "<p>Text.</p>", url: str | None = None, lang: str = "") -> HtmlMeta:
    html = f"<html{lang}><head>{head}</head><body>{body}</body></html>"
    return extract_html_metadata(lxml.html.document_fromstring(html), url=url)


def test_open_graph_property_beats_the_same_key_as_name() -> None:
    meta = meta_of('<meta name="og:title" content="Name form"><meta property="og:title" content="Property form">')
    assert meta.title == "Property form"


def test_space_separated_keys_name_the_content_several_times() -> None:
    meta = meta_of('<meta property="og:title twitter:title" content="Shared title">')
    assert meta.title == "Shared title"


def test_declared_title_beats_document_title() -> None:
    meta = meta_of('<title>Doc title here | Site</title><meta property="og:title" content="Open Graph title">')
    assert meta.title == "Open Graph title"


def test_author_meta_skips_urls_and_handles() -> None:
    head = (
        '<meta property="article:author" content="https://www.facebook.com/someone">'
        '<meta name="twitter:creator" content="@handle">'
        '<meta name="author" content="Real Person">'
    )
    assert meta_of(head).author == "Real Person"


def test_several_author_tags_joined() -> None:
    head = '<meta name="author" content="First Author"><meta name="author" content="Second Author">'
    assert meta_of(head).author == "First Author; Second Author"


def test_author_equal_to_site_gives_way_to_byline() -> None:
    head = '<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Daily Planet">'
    body = '<p class="byline">By Lois Lane</p><p>Text.</p>'
    assert meta_of(head, body).author == "Lois Lane"
    assert meta_of(head).author == "Daily Planet"


@pytest.mark.parametrize(
    ("key", "content"),
    [
        ("article:published_time", "2021-06-01T10:00:00Z"),
        ("parsely-pub-date", "2021-06-01T10:00:00Z"),
        ("sailthru.date", "2021-06-01 10:00:00"),
        ("dc.date.issued", "2021-06-01"),
        ("citation_publication_date", "2021/06/01"),
    ],
)
def test_published_from_meta(key: str, content: str) -> None:
    attr = "property" if ":" in key and not key.startswith("dc") else "name"
    meta = meta_of(f'<meta {attr}="{key}" content="{content}">')
    assert meta.published is not None and meta.published.startswith("2021-06-01")


def test_time_element_marked_published() -> None:
    body = (
        '<aside><time datetime="2020-01-01">teaser</time></aside>'
        '<time itemprop="datePublished" datetime="2021-02-03T04:05:06+02:00">3 Feb</time>'
    )
    assert meta_of("", body).published == "2021-02-03T04:05:06+02:00"


def test_url_date_wins_over_a_structured_date_of_another_day() -> None:
    head = '<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">'
    url = "https://blog.example/2017/7/12/a-post"
    assert meta_of(head, url=url).published == "2017-07-12"
    same_day = '<meta property="article:published_time" content="2017-07-12T09:00:00Z">'
    assert meta_of(same_day, url=url).published == "2017-07-12T09:00:00Z"


def test_language_sources() -> None:
    assert meta_of("", lang=' lang="pt-BR"').language == "pt"
    assert meta_of('<meta property="og:locale" content="de_DE">').language == "de"
    assert meta_of('<meta http-equiv="content-language" content="FR">').language == "fr"
    assert meta_of("", lang=' lang="x-klingon"').language is None


def test_canonical_base_and_relative_urls() -> None:
    head = (
        '<base href="https://cdn.example/assets/"><link rel="canonical" href="/news/a">'
        '<meta property="og:image" content="i.jpg">'
    )
    meta = meta_of(head, url="https://www.example.com/amp/news/a")
    assert meta.url == "https://cdn.example/news/a"
    assert meta.image == "https://cdn.example/assets/i.jpg"
    assert meta_of("", url="https://www.example.com/x").url == "https://www.example.com/x"
    assert meta_of('<link rel="canonical" href="javascript:void(0)">').url is None


def test_site_falls_back_to_domain() -> None:
    assert meta_of("", url="https://www.news.example.org/a").site == "news.example.org"
    assert meta_of('<meta property="og:site_name" content="Example News">', url="https://x.org/").site == "Example News"
    assert meta_of('<meta name="twitter:site" content="@examplenews">').site == "examplenews"


def test_description_and_entities() -> None:
    meta = meta_of('<meta name="description" content="Tom &amp;amp; Jerry &#8211; again">')
    assert meta.description == "Tom & Jerry – again"


def test_empty_page_gives_empty_record() -> None:
    assert meta_of("") == HtmlMeta()


def test_yoast_written_by_label() -> None:
    head = '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Kim Lee">'
    assert meta_of(head).author == "Kim Lee"
    other = '<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="3 minutes">'
    assert meta_of(other).author is None


def test_single_h1_replaces_a_title_that_is_only_the_site() -> None:
    assert meta_of("<title>Home</title>", "<h1>Time to say goodbye.</h1>").title == "Time to say goodbye."
    site_only = '<title>Example News | Blog</title><meta property="og:site_name" content="Example News">'
    assert meta_of(site_only, "<h1>Real post title</h1>").title == "Real post title"
    assert meta_of("<title>A proper headline of a post</title>", "<h1>Menu</h1>").title == "A proper headline of a post"


def test_meta_description_before_json_ld() -> None:
    ld = '<script type="application/ld+json">{"@type": "Article", "description": "From JSON-LD"}</script>'
    assert meta_of(ld + '<meta property="og:description" content="From Open Graph">').description == "From Open Graph"
    assert meta_of(ld).description == "From JSON-LD"
