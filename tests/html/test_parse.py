import lxml.html
import pytest

from newsclean.html.parse import parse_html

PAGE = "<html><head><title>T</title></head><body><p>Grüße aus Köln, sagte sie.</p></body></html>"


def _body_text(parsed) -> str:
    return "".join(parsed.root.find("body").itertext())


def test_str_input():
    parsed = parse_html(PAGE)
    assert _body_text(parsed) == "Grüße aus Köln, sagte sie."
    assert parsed.note is None


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_meta_charset_is_followed(encoding):
    page = PAGE.replace("<head>", f'<head><meta charset="{encoding}">').encode(encoding)
    assert _body_text(parse_html(page)) == "Grüße aus Köln, sagte sie."


def test_http_charset_wins_over_a_wrong_meta_charset():
    page = PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252")
    assert _body_text(parse_html(page, charset="cp1252")) == "Grüße aus Köln, sagte sie."


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Die Bürgerinnen und Bürger können sich über die Änderungen äußern, heißt es."),
        ("shift_jis", "東京都は新しい計画を発表しました。市民の生活を改善するための取り組みです。"),
        ("gb2312", "北京市政府今天发布了新的交通计划，以改善市民的出行条件和生活质量。"),
    ],
)
def test_undeclared_legacy_encodings_are_detected(encoding, text):
    page = f"<html><body><p>{text * 4}</p></body></html>".encode(encoding)
    parsed = parse_html(page)
    assert text in _body_text(parsed)
    assert "detected" in (parsed.note or "")


def test_byte_order_mark():
    page = "\ufeff".encode() + PAGE.encode("utf-8")
    assert _body_text(parse_html(page)) == "Grüße aus Köln, sagte sie."


def test_lxml_element_and_tree_are_used_as_they_are():
    root = lxml.html.document_fromstring(PAGE)
    assert parse_html(root).root is root
    assert parse_html(root.getroottree()).root is root


def test_beautifulsoup_input():
    bs4 = pytest.importorskip("bs4")
    soup = bs4.BeautifulSoup(PAGE, "html.parser")
    assert _body_text(parse_html(soup)) == "Grüße aus Köln, sagte sie."


@pytest.mark.parametrize("page", ["", "   \n ", b"", b"\n\n"])
def test_empty_input_has_no_root_and_says_why(page):
    parsed = parse_html(page)
    assert parsed.root is None
    assert parsed.note == "no text in input"


def test_binary_input_has_no_root():
    parsed = parse_html(bytes(range(256)) * 100)
    assert parsed.root is None
    assert "binary" in (parsed.note or "")


def test_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match="got int"):
        parse_html(42)


def test_xml_declaration_with_encoding_in_str_input():
    page = '<?xml version="1.0" encoding="utf-8"?>' + PAGE
    assert _body_text(parse_html(page)) == "Grüße aus Köln, sagte sie."


def test_entities_are_not_expanded():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><html><body><p>&lol3;</p></body></html>'
    )
    parsed = parse_html(bomb)
    assert parsed.root is not None
    assert "lollollol" not in "".join(parsed.root.itertext())


def test_max_chars_cuts_and_notes():
    parsed = parse_html("<p>" + "word " * 1000 + "</p>", max_chars=100)
    assert "input cut from" in (parsed.note or "")
    assert len("".join(parsed.root.itertext())) < 100
