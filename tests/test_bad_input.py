"""Bad input through ``clean_text``: never an exception, always a record with a status and a reason.

``clean_text`` turns an internal failure into a record with status ``error`` too, so every test on
input that is text checks that the status is *not* ``error``.
"""

from __future__ import annotations

import random
import time

import pytest

from newsclean import Article, Options, Status, clean_text
from newsclean.text.lines import split_lines

CP1252_PAGE = (
    "Accueil | Politique | Économie\n"
    "Le maire a présenté hier soir le nouveau budget de la ville devant un conseil municipal très divisé.\n"
    "« Nous ferons des économies sans toucher aux écoles », a-t-il déclaré, tandis que l’opposition "
    "dénonçait un “budget d’austérité” — sans proposer d’alternative chiffrée.\n"
    "Partager sur Facebook\n"
)
SHIFT_JIS_PAGE = (
    "ホーム | ニュース | 経済\n"
    "東京都は本日、新しい交通計画を発表した。市民の生活に大きな影響を与えると見られている。\n"
    "政府関係者によると、計画は来年から実施される予定で、総額は約三千億円に上る見通しだ。\n"
    "この記事を共有する\n"
)


def explained(data: str | bytes) -> Article:
    return clean_text(data, options=Options(explain=True))


@pytest.mark.parametrize("data", ["", b"", bytearray()])
def test_empty_input_is_an_empty_record(data: str | bytes) -> None:
    article = clean_text(data)
    assert article.status is Status.EMPTY
    assert article.reason
    assert article.text == ""


@pytest.mark.parametrize("data", [" ", "\n\n\t \r\n", "\u3000\u2028 \xa0\u2029", b" \r\n \t\n", "\x0b\x0c\x1c"])
def test_whitespace_only_is_an_empty_record(data: str | bytes) -> None:
    article = clean_text(data)
    assert article.status is Status.EMPTY
    assert article.reason


def test_png_bytes_are_an_error_record() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(20_000)
    article = clean_text(png, url="https://example.com/logo.png")
    assert article.status is Status.ERROR
    assert article.reason == "binary input (NUL bytes)"
    assert article.url == "https://example.com/logo.png"
    assert article.text == ""


def test_nul_bytes_only_are_an_error_record() -> None:
    article = clean_text(b"\x00" * 4096)
    assert article.status is Status.ERROR
    assert article.reason is not None
    assert "binary" in article.reason


def test_invalid_utf8_is_decoded_and_noted() -> None:
    data = b"Breaking: the council met \xff\xfe\xfd today to vote on the budget for next year.\n" * 3
    article = clean_text(data)
    assert article.status in (Status.OK, Status.NOT_ARTICLE)
    assert article.reason is not None
    assert "detected" in article.reason or "replaced" in article.reason


@pytest.mark.parametrize(("page", "codec"), [(CP1252_PAGE, "cp1252"), (SHIFT_JIS_PAGE, "shift_jis")])
def test_undeclared_legacy_encodings_are_decoded_right(page: str, codec: str) -> None:
    article = explained(page.encode(codec))
    assert article.status in (Status.OK, Status.NOT_ARTICLE)
    assert [decision.text for decision in article.decisions] == split_lines(page)
    assert article.reason is not None
    assert "(detected)" in article.reason
    for line in article.text.splitlines():
        assert line in page


def test_one_50_mb_line_is_cut_and_finishes() -> None:
    start = time.monotonic()
    article = clean_text(b"word " * 10_000_000)
    assert time.monotonic() - start < 60
    assert article.status is not Status.ERROR
    assert article.reason is not None
    assert "input cut" in article.reason


def test_one_50_mb_legacy_line_is_detected_on_a_prefix_and_finishes() -> None:
    start = time.monotonic()
    line = CP1252_PAGE.replace("\n", " ").encode("cp1252")
    article = clean_text(line * (50_000_000 // len(line) + 1))
    assert time.monotonic() - start < 60
    assert article.status is not Status.ERROR
    assert article.reason is not None
    assert "cp1252" in article.reason
    assert "input cut" in article.reason


def test_a_million_short_lines() -> None:
    menu = ("Home", "News", "Sport", "Share this", "Read more", "Sign up", "")
    text = "\n".join(menu[i % len(menu)] for i in range(1_000_000))
    article = clean_text(text, options=Options(max_chars=10_000_000))
    assert article.status in (Status.OK, Status.NOT_ARTICLE)
    if article.status is not Status.OK:
        assert article.reason


@pytest.mark.parametrize(
    "text",
    [
        "lone surrogate \ud800 in the middle\nand \udfff at the end of a line",
        "NUL\x00inside\x00a line\n" * 5,
        "\x1b[31mANSI colours\x1b[0m and \x07 bell\n" * 5,
        "x" * 200_000,  # one word, no spaces
        "mixed\r\nline\rendings\nand\u2028separators\u2029here\x85too",
        "!!!!!! ????? ..... ,,,,, ;;;;;\n" * 50,
        "\u202eright-to-left override\u202c and zero\u200bwidth\ufeff marks\n" * 5,
        "🗞️" * 5000,
    ],
)
def test_odd_text_gives_a_record(text: str) -> None:
    article = explained(text)
    assert article.status in (Status.OK, Status.NOT_ARTICLE)
    assert len(article.decisions) == len(split_lines(text))
    article.to_dict()


def test_bytes_with_a_bom_lose_the_bom() -> None:
    article = explained("Headline\nBody text of the page.\n".encode("utf-8-sig"))
    assert article.decisions[0].text == "Headline"


def test_utf16_with_a_bom_is_text_not_binary() -> None:
    article = explained(CP1252_PAGE.encode("utf-16"))
    assert article.status is not Status.ERROR
    assert [decision.text for decision in article.decisions] == split_lines(CP1252_PAGE)
