"""Decoding the bytes of a dump: BOMs, UTF-8, detected legacy encodings, binary input."""

from __future__ import annotations

import codecs
import random

import charset_normalizer
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.text import decode
from newsclean.text.decode import DETECT_BYTES, DecodedText, decode_bytes

FRENCH = (
    "Le café était plein. « Où est passé le garçon ? » demanda-t-elle — sans réponse.\n"
    "Les élèves préféraient la crème brûlée, disait-on, et “personne” ne s’en plaignait.\n"
)
GERMAN = "Die Bürger äußerten sich über die Größe des Straßenbaus in München.\n"
JAPANESE = (
    "東京都は本日、新しい交通計画を発表した。市民の生活に大きな影響を与えると見られている。\n"
    "政府関係者によると、計画は来年から実施される予定だ。\n"
)
CHINESE = (
    "北京市政府今天宣布了新的交通计划。预计这将对市民的生活产生重大影响。\n据政府官员称，该计划将于明年开始实施。\n"
)
RUSSIAN = "Москва — столица России. Сегодня правительство объявило о новых мерах поддержки семей.\n"
KOREAN = "서울시는 오늘 새로운 교통 계획을 발표했다. 시민들의 생활에 큰 영향을 미칠 것으로 보인다.\n"


@pytest.fixture
def no_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the detector must not run")

    monkeypatch.setattr(charset_normalizer, "from_bytes", fail)


@pytest.mark.usefixtures("no_detector")
@pytest.mark.parametrize("text", ["plain ASCII\n", FRENCH, JAPANESE, CHINESE, "emoji 🗞️ news\n", ""])
def test_utf8_is_decoded_without_the_detector(text: str) -> None:
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded == DecodedText(text, "utf-8", None)


@pytest.mark.usefixtures("no_detector")
@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_a_byte_order_mark_decides_and_is_dropped(codec: str, bom: bytes) -> None:
    decoded = decode_bytes(bom + FRENCH.encode(codec))
    assert decoded.text == FRENCH
    assert decoded.encoding == codec
    assert decoded.note is None


def test_invalid_bytes_after_a_bom_are_replaced_and_noted() -> None:
    decoded = decode_bytes(codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00\xd8")
    assert decoded.text == "abc\ufffd"
    assert decoded.note is not None
    assert "replaced" in decoded.note


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (FRENCH, "cp1252"),
        (GERMAN, "cp1252"),
        (FRENCH.replace("“", '"').replace("”", '"').replace("’", "'").replace("—", "-"), "latin-1"),
        (JAPANESE, "shift_jis"),
        (JAPANESE, "euc_jp"),
        (CHINESE, "gb2312"),
        (RUSSIAN, "cp1251"),
        (KOREAN, "euc_kr"),
    ],
)
def test_legacy_encodings_are_detected(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.note == f"decoded as {decoded.encoding} (detected)"


def test_a_short_ambiguous_latin_text_reads_as_cp1252() -> None:
    assert decode_bytes("Hello café, naïve résumé.".encode("cp1252")).text == "Hello café, naïve résumé."


def test_the_declared_encoding_wins_when_it_fits() -> None:
    text = RUSSIAN.replace("—", "-")
    decoded = decode_bytes(text.encode("koi8_r"), encoding="KOI8-R")
    assert decoded == DecodedText(text, "koi8-r", None)


@pytest.mark.parametrize(
    ("declared", "expected_note"),
    [("no-such-codec", "unknown declared encoding"), ("utf-8", "declared encoding 'utf-8' does not fit")],
)
def test_a_declared_encoding_that_does_not_work_is_noted(declared: str, expected_note: str) -> None:
    decoded = decode_bytes(FRENCH.encode("cp1252"), encoding=declared)
    assert decoded.text == FRENCH
    assert decoded.note is not None
    assert decoded.note.startswith(expected_note)
    assert "decoded as cp1252 (detected)" in decoded.note


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = FRENCH.encode("utf-8") + b"\xff" + GERMAN.encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.text == FRENCH + "\ufffd" + GERMAN
    assert decoded.encoding == "utf-8"
    assert decoded.note == f"invalid UTF-8 bytes replaced (first at byte {len(FRENCH.encode())})"


def test_utf8_cut_in_the_middle_of_a_character_stays_utf8() -> None:
    data = JAPANESE.encode("utf-8")[:-2]
    decoded = decode_bytes(data)
    assert decoded.text == JAPANESE[:-2] + "\ufffd"
    assert decoded.note is not None


def test_png_is_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(0).randbytes(4096)
    assert decode_bytes(png) == DecodedText(None, None, "binary input (NUL bytes)")


def test_many_control_bytes_without_nul_are_binary() -> None:
    data = bytes(range(1, 32)) * 100
    assert decode_bytes(data) == DecodedText(None, None, "binary input (control characters)")


def test_a_stray_nul_in_long_text_is_not_binary() -> None:
    data = (GERMAN * 100).encode() + b"\x00" + (GERMAN * 100).encode()
    decoded = decode_bytes(data)
    assert decoded.text == GERMAN * 100 + "\x00" + GERMAN * 100


def test_form_feeds_tabs_and_escapes_are_text() -> None:
    text = "Title\f\tPage 1\x1b[0m\r\nBody text\x0b more\x1c\x1d\x1e\n" * 10
    assert decode_bytes(text.encode()).text == text


def test_detection_sees_a_bounded_window_of_a_large_input(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = charset_normalizer.from_bytes

    def spy(data: bytes, **kwargs: object) -> charset_normalizer.CharsetMatches:
        seen.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(charset_normalizer, "from_bytes", spy)
    data = FRENCH.encode("cp1252") * 100_000  # about 17 MB
    decoded = decode_bytes(data)
    assert decoded.text == FRENCH * 100_000
    assert seen
    assert max(seen) <= DETECT_BYTES


def test_the_window_follows_a_long_ascii_start() -> None:
    data = b"ascii only here\n" * 50_000 + FRENCH.encode("cp1252") * 1000
    decoded = decode_bytes(data)
    assert decoded.encoding == "cp1252"
    assert decoded.text is not None
    assert decoded.text.endswith(FRENCH)


def test_a_window_never_cuts_a_multibyte_character() -> None:
    data = JAPANESE.replace("\n", "").encode("shift_jis") * 4000  # one long line, no newline to cut at
    window = decode._detection_window(data, 0)
    assert len(window) <= DETECT_BYTES
    window.decode("shift_jis")  # whole characters only


@given(st.binary(max_size=2000))
@settings(max_examples=150, deadline=None)
def test_any_bytes_decode_without_error(data: bytes) -> None:
    decoded = decode_bytes(data)
    not_text = decoded.note is not None and decoded.note.startswith(("binary", "cannot"))
    assert (decoded.text is None) == not_text


# Text as it appears in dumps: no surrogates, no control characters but line breaks and tabs, and no
# U+FEFF (at the start, its UTF-8 bytes are the byte-order mark).
TEXT_CHARS = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufeff")
TEXT_CHARS |= st.sampled_from("\n\t\r")


@given(st.text(TEXT_CHARS, max_size=500))
@settings(max_examples=150, deadline=None)
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == DecodedText(text, "utf-8", None)
