"""The DOM rules of the block scorer: teaser links after a label, and headings with no body after them."""

import newsclean
from newsclean.html.blocks import page_blocks
from newsclean.html.body import score_bodies
from newsclean.html.parse import parse_html
from newsclean.html.score import teaser_link
from tests.html.pages import PARAGRAPHS


def page(middle: str, end: str = "") -> str:
    paragraphs = [f"<p>{p}</p>" for p in PARAGRAPHS]
    body = "".join(paragraphs[:2]) + middle + "".join(paragraphs[2:]) + end
    return f"""<html lang="en"><head><title>Bridge</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Council votes to rebuild the river bridge</h1><div class="entry-content">{body}</div></article>
<footer>Copyright 2025 Example Gazette</footer></body></html>"""


def test_teaser_link_is_a_label_then_a_link() -> None:
    assert teaser_link("Lea también: Impiden ingreso a Nicaragua a reportero", 38)
    assert teaser_link("READ MORE: Mayor opens new library", 22)
    assert not teaser_link("Lea también: Impiden ingreso a Nicaragua a reportero", 10)  # mostly plain text
    assert not teaser_link("http://www.example.org/a/long/path/to/a/page.html", 49)  # a URL, not a label
    assert not teaser_link("No colon in this line at all", 28)
    assert not teaser_link("Example 2: Amend a shared changeset", 35)  # the label is linked too: a headline


def test_a_linked_headline_with_a_colon_is_kept() -> None:
    headline = '<p><a href="/press">Press funding: a study doubts the support of the state</a></p>'
    article = newsclean.clean_html(page(headline))
    assert PARAGRAPHS[0] in article.text and PARAGRAPHS[3] in article.text
    decisions = newsclean.clean_html(page(headline), options=newsclean.Options(explain=True)).decisions
    assert not any("teaser" in " ".join(d.reasons) for d in decisions)


def test_a_teaser_link_between_paragraphs_is_dropped() -> None:
    teaser = '<p>Earlier: <a href="/library">Mayor opens new library in the old town</a></p>'
    article = newsclean.clean_html(page(teaser))
    assert PARAGRAPHS[0] in article.text and PARAGRAPHS[3] in article.text
    assert "Mayor opens new library" not in article.text


def test_a_label_with_a_short_link_in_a_sentence_is_kept() -> None:
    quote = ('<p>Council minutes: the vote passed by eleven to four after a long debate, as the '
             '<a href="/minutes">official record</a> shows for anyone who wants to read it.</p>')
    article = newsclean.clean_html(page(quote))
    assert "the vote passed by eleven to four" in article.text


def test_headings_that_end_the_body_are_dropped() -> None:
    end = "<h3>Pictures of the old river bridge</h3><h4>The weekend in the city</h4>"
    parsed = parse_html(page("", end))
    assert parsed.root is not None
    blocks = page_blocks(parsed.root)
    for threshold in (0.0, 0.45):
        body = score_bodies([blocks], threshold=threshold)[0]
        texts = [blocks.texts[i] for i in body.kept]
        if threshold == 0.0:  # every block is kept, and the footer ends the body: no heading trails
            assert texts[-3:] == ["Pictures of the old river bridge", "The weekend in the city",
                                  "Copyright 2025 Example Gazette"]
        else:
            assert texts[-1] == PARAGRAPHS[-1]


def test_a_page_of_headings_alone_keeps_them() -> None:
    html = "<html><body><h1>Opening hours</h1><h2>Monday to Friday, nine to five</h2></body></html>"
    parsed = parse_html(html)
    assert parsed.root is not None
    body = score_bodies([page_blocks(parsed.root)], threshold=0.0)[0]
    assert len(body.kept) == 2


def test_explanations_name_the_rules() -> None:
    teaser = '<p>Earlier: <a href="/library">Mayor opens new library in the old town</a></p>'
    end = "<h3>Pictures of the old river bridge</h3>"
    article = newsclean.clean_html(page(teaser, end), options=newsclean.Options(explain=True))
    reasons = {d.text: d.reasons for d in article.decisions}
    assert "a label and a link: teaser" in reasons["Earlier: Mayor opens new library in the old town"]
    assert "heading with no body after it" in reasons["Pictures of the old river bridge"]
