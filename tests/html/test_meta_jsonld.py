"""JSON-LD: top-level objects, lists, @graph, @id references, author shapes, broken JSON."""

from __future__ import annotations

import json

import lxml.html

from newsclean.html.meta import extract_html_metadata
from newsclean.html.meta.jsonld import JsonLd, flatten, parse_block, read_jsonld


def page(*blocks: str, head: str = "", body: str = "<p>x</p>") -> str:
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return f"<html><head>{head}{scripts}</head><body>{body}</body></html>"


def meta_of(html: str, url: str | None = None):  # type: ignore[no-untyped-def]
    return extract_html_metadata(lxml.html.document_fromstring(html), url=url)


ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Storm hits the coast",
    "datePublished": "2024-03-05T08:15:00+01:00",
    "dateModified": "2024-03-06T10:00:00+01:00",
    "author": {"@type": "Person", "name": "Jane Roe"},
    "publisher": {"@type": "Organization", "name": "Daily Planet"},
    "inLanguage": "de-DE",
    "image": {"@type": "ImageObject", "url": "/img/storm.jpg"},
    "description": "A storm.",
}


def test_plain_article_object() -> None:
    ld = read_jsonld([json.dumps(ARTICLE)])
    assert ld == JsonLd(
        headline="Storm hits the coast",
        authors=("Jane Roe",),
        published="2024-03-05T08:15:00+01:00",
        modified="2024-03-06T10:00:00+01:00",
        site="Daily Planet",
        language="de-DE",
        description="A storm.",
        image="/img/storm.jpg",
    )


def test_fields_reach_the_record_with_absolute_image() -> None:
    meta = meta_of(page(json.dumps(ARTICLE)), url="https://planet.example/news/storm")
    assert meta.title == "Storm hits the coast"
    assert meta.author == "Jane Roe"
    assert meta.published == "2024-03-05T08:15:00+01:00"
    assert meta.site == "Daily Planet"
    assert meta.language == "de"
    assert meta.image == "https://planet.example/img/storm.jpg"


def test_graph_with_id_references() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://s.example/#website", "name": "Site Name"},
            {"@type": "Organization", "@id": "https://s.example/#org", "name": "Org Name"},
            {"@type": "Person", "@id": "https://s.example/#p1", "name": "Ann Author"},
            {
                "@type": ["Article", "BlogPosting"],
                "headline": "Graph headline",
                "author": [{"@id": "https://s.example/#p1"}, {"@type": "Person", "name": "Bob Writer"}],
                "publisher": {"@id": "https://s.example/#org"},
                "datePublished": "2023-01-02",
            },
        ],
    }
    ld = read_jsonld([json.dumps(graph)])
    assert ld.headline == "Graph headline"
    assert ld.authors == ("Ann Author", "Bob Writer")
    assert ld.site == "Org Name"
    assert ld.published == "2023-01-02"


def test_top_level_list_and_several_blocks() -> None:
    breadcrumbs = json.dumps({"@type": "BreadcrumbList", "itemListElement": []})
    listed = json.dumps([{"@type": "WebPage", "name": "Page name"}, {**ARTICLE, "headline": "From the list"}])
    ld = read_jsonld([breadcrumbs, listed])
    assert ld.headline == "From the list"


def test_author_shapes() -> None:
    for author, expected in (
        ("Plain Name", ("Plain Name",)),
        (["A One", "B Two"], ("A One", "B Two")),
        ({"@type": "Person", "givenName": "Given", "familyName": "Family"}, ("Given Family",)),
        ([{"name": ["Listed Name"]}], ("Listed Name",)),
        ({"@type": "Person"}, ()),
    ):
        ld = read_jsonld([json.dumps({"@type": "Article", "author": author})])
        assert ld.authors == expected, author


def test_author_url_and_handle_are_not_names() -> None:
    meta = meta_of(page(json.dumps({"@type": "Article", "author": ["https://x.example/staff/jo", "@jo", "Jo Smith"]})))
    assert meta.author == "Jo Smith"


def test_name_and_headline_closer_to_document_title_wins() -> None:
    node = {"@type": "Article", "name": "Hermitian matrix", "headline": "matrix equal to its conjugate-transpose"}
    meta = meta_of(page(json.dumps(node), head="<title>Hermitian matrix - Wikipedia</title>"))
    assert meta.title == "Hermitian matrix"
    node = {"@type": "Article", "name": "Aktuálně.cz", "headline": "West Ham hrozí gigantům"}
    meta = meta_of(page(json.dumps(node), head="<title>West Ham hrozí gigantům | Aktuálně.cz</title>"))
    assert meta.title == "West Ham hrozí gigantům"


def test_non_article_nodes_give_no_title_but_site_and_language() -> None:
    blocks = [json.dumps({"@type": "WebSite", "name": "Only Site", "inLanguage": "fr"})]
    ld = read_jsonld(blocks)
    assert ld.headline is None and ld.name is None
    assert ld.site == "Only Site"
    assert ld.language == "fr"


def test_broken_json_is_repaired_or_skipped() -> None:
    trailing_comma = '{"@type": "Article", "headline": "Comma",}'
    commented = '<!-- {"@type": "Article", "headline": "Commented"} -->'
    cdata = '//<![CDATA[\n{"@type": "Article", "headline": "Cdata"}\n//]]>'
    control = '{"@type": "Article", "headline": "Tab\there"}'
    assert read_jsonld([trailing_comma]).headline == "Comma"
    assert read_jsonld([commented]).headline == "Commented"
    assert read_jsonld([cdata]).headline == "Cdata"
    assert read_jsonld([control]).headline == "Tab here"
    assert parse_block("{not json at all") is None
    assert read_jsonld(["{not json", '{"@type": "Article", "headline": "Good"}']).headline == "Good"


def test_deep_and_hostile_structures_do_not_raise() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert read_jsonld([deep]) == JsonLd()
    cyclic_refs = {"@graph": [{"@type": "Article", "@id": "#a", "author": {"@id": "#a"}, "headline": "H"}]}
    assert read_jsonld([json.dumps(cyclic_refs)]).headline == "H"
    odd = [json.dumps(v) for v in (None, 3, "text", [], {"@type": 5}, {"@type": ["Article", 7], "headline": ["x"]})]
    assert read_jsonld(odd).headline == "x"
    many = json.dumps([{"@type": "Thing", "name": str(i)} for i in range(10_000)])
    assert list(flatten(json.loads(many)))[:1] == [{"@type": "Thing", "name": "0"}]


def test_entities_left_in_json_are_decoded() -> None:
    ld = read_jsonld(['{"@type": "Article", "headline": "Rock &amp; Roll &#8211; live"}'])
    assert ld.headline == "Rock & Roll – live"


def test_unparseable_article_block_is_salvaged() -> None:
    broken = (
        '{"@type":"NewsArticle","headline":"Pour le \\"x\\" y","datePublished":"2019-12-10",'
        '"description":"an "unescaped" quote","author":{"@type":"Person","name":"Barbara Stiegler"}}'
    )
    ld = read_jsonld([broken])
    assert ld.headline == 'Pour le "x" y'
    assert ld.authors == ("Barbara Stiegler",)
    assert ld.published == "2019-12-10"
    assert ld.name is None
    assert read_jsonld(['{"@type":"Organization","name":"Not an "article"}']) == JsonLd()
