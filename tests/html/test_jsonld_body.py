import json

import newsclean
from newsclean.html.blocks import page_blocks
from newsclean.html.jsonld_body import MIN_CHARS, declared_body, missing_lines
from newsclean.html.parse import parse_html

SENTENCES = [
    "The regional parliament approved the new water law on Thursday after a debate that lasted most of the night.",
    "Farmers will pay a lower rate for the first ten thousand cubic metres they draw from rivers each year.",
    "The opposition said the law came too late for the villages that ran dry during the last two summers.",
    "A commission of engineers will report every spring on the state of the reservoirs and the wells.",
    "The minister said the first payments under the new scheme would reach the municipalities in May.",
]


def page(body_html: str, article_body: str) -> str:
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Water law", "articleBody": article_body}
    )
    return (
        f'<html lang="en"><head><title>Water law</title><script type="application/ld+json">{ld}</script>'
        f"</head><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><main>{body_html}</main>"
        "<footer>Copyright 2025 Example Post</footer></body></html>"
    )


def scripts(html: str) -> list[str]:
    return page_blocks(parse_html(html).root).jsonld


def test_declared_body_reads_the_longest_article_body_as_lines():
    found = scripts(page("", "\n".join(SENTENCES)))
    assert declared_body(found) == SENTENCES


def test_html_inside_the_declared_body_becomes_lines_of_text():
    body = "".join(f"<p>{s.replace('law', '<b>law</b>')}</p>" for s in SENTENCES)
    assert declared_body(scripts(page("", body))) == SENTENCES


def test_a_short_declared_body_is_ignored():
    short = SENTENCES[0]
    assert len(short) < MIN_CHARS
    assert declared_body(scripts(page("", short))) == []


def test_only_lines_the_kept_text_lacks_are_added():
    found = scripts(page("", "\n".join(SENTENCES)))
    assert missing_lines(SENTENCES[0], found) == SENTENCES[1:]
    assert missing_lines("\n".join(SENTENCES), found) == []


def test_clean_html_completes_a_script_rendered_page_from_its_json_ld():
    teaser = "<p>A new law sets what farmers pay for water drawn from rivers, and how the reservoirs are watched.</p>"
    article = newsclean.clean_html(page(teaser, "\n".join(SENTENCES)))
    for sentence in SENTENCES:
        assert sentence in article.text
    assert "Home" not in article.text
    assert "JSON-LD" in (article.reason or "")


def test_json_ld_in_the_body_is_found_too():
    html = page("", "\n".join(SENTENCES))
    head_script = html[html.index("<script") : html.index("</script>") + len("</script>")]
    moved = html.replace(head_script, "").replace("<main>", "<main>" + head_script)
    assert declared_body(scripts(moved)) == SENTENCES
