from newsclean.html.blocks import class_mask, page_blocks
from newsclean.html.parse import parse_html
from newsclean.html.vocab import BLOCK_KINDS, CLASS_CATEGORIES, CONTEXT_TAGS


def blocks_of(html: str):
    return page_blocks(parse_html(html).root)


def bit(name: str) -> int:
    return 1 << CLASS_CATEGORIES.index(name)


def test_block_elements_and_br_end_blocks():
    blocks = blocks_of("<body><div>one<p>two <b>bold</b> end</p>three<br>four</div></body>")
    assert blocks.texts == ["one", "two bold end", "three", "four"]
    assert [BLOCK_KINDS[k] for k in blocks.kinds] == ["div", "p", "div", "div"]


def test_table_cells_join_with_a_space_and_rows_are_blocks():
    blocks = blocks_of("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>")
    assert blocks.texts == ["a b", "c d"]


def test_skipped_and_hidden_elements_keep_their_tail():
    html = (
        "<p>before<script>var x = 1;</script> after</p><div hidden>secret</div>"
        '<div style="display: none">none</div><p aria-hidden="true">aria</p><p>shown<button>Go</button></p>'
    )
    assert blocks_of(html).texts == ["before after", "shown"]


def test_link_characters_are_counted():
    blocks = blocks_of('<p>Read <a href="/x">the whole story</a> now</p><p><a href="/y">Home</a></p>')
    assert blocks.link_chars.tolist() == [len("the whole story"), 4]


def test_whitespace_collapses():
    assert blocks_of("<p>  many\n\t spaces\u00a0here  </p>").texts == ["many spaces here"]


def test_ancestor_classes_and_tags():
    html = (
        '<div class="sidebar-widget"><nav><ul><li><a href="/">Home</a></li></ul></nav></div>'
        "<article><p>Body</p></article>"
    )
    blocks = blocks_of(html)
    assert blocks.texts == ["Home", "Body"]
    assert blocks.classes[0] & bit("sidebar")
    assert not blocks.classes[1] & bit("sidebar")
    nav, article = 1 << CONTEXT_TAGS.index("nav"), 1 << CONTEXT_TAGS.index("article")
    assert blocks.tags[0] & nav and not blocks.tags[0] & article
    assert blocks.tags[1] & article and not blocks.tags[1] & nav


def test_class_mask_words_and_stems():
    assert class_mask("post-comments") & bit("comment")
    assert class_mask("relatedposts") & bit("related")
    assert class_mask("entry-content") & bit("content")
    assert class_mask("xyz") == 0


def test_prose_adds_up_the_tree():
    long = "word " * 40
    blocks = blocks_of(f"<div id=a><p>{long}</p><p>{long}</p></div><div id=b><p>short</p></div>")
    assert blocks.prose[0] == 2 * (len(long.strip()) - 25)
    assert blocks.last[0] == len(blocks.parent) - 1


def test_deep_nesting_does_not_recurse():
    html = "<div>" * 100_000 + "deep text" + "</div>" * 100_000
    assert page_blocks(parse_html(html).root) is not None
