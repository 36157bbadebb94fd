import numpy as np

from newsclean.html.blocks import page_blocks
from newsclean.html.features import DOM_FEATURE_NAMES, dom_features
from newsclean.html.parse import parse_html

ARTICLE = "The council met on Tuesday and agreed to repair the old bridge before the winter comes. "


def features_of(html: str):
    blocks = page_blocks(parse_html(html).root)
    return blocks, dom_features(blocks)


def column(matrix: np.ndarray, name: str) -> np.ndarray:
    return matrix[:, DOM_FEATURE_NAMES.index(name)]


def test_main_container_holds_the_prose():
    html = (
        "<body><div id=menu><ul><li><a href=/>Home</a></li><li><a href=/n>News</a></li></ul></div>"
        f"<div id=main><div class=story><p>{ARTICLE * 2}</p><p>{ARTICLE}</p><p>{ARTICLE * 3}</p></div></div>"
        "<div id=foot><p>Copyright 2025 Example Media, all rights reserved.</p></div></body>"
    )
    blocks, matrix = features_of(html)
    assert matrix.shape == (len(blocks), len(DOM_FEATURE_NAMES))
    in_core = column(matrix, "in_core75")
    assert in_core.tolist() == [0, 0, 1, 1, 1, 0]
    assert column(matrix, "link_density")[0] == 1.0
    assert column(matrix, "kind_li")[0] == 1.0


def test_page_without_prose_has_zero_core_features():
    _, matrix = features_of("<p>Hi</p><p>There</p>")
    assert not column(matrix, "in_core50").any()


def test_no_blocks_gives_an_empty_matrix():
    _, matrix = features_of("<div><script>x()</script></div>")
    assert matrix.shape == (0, len(DOM_FEATURE_NAMES))
