"""Character flags, token bounds and token keys (``newsclean.classify.chars``)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.classify import chars as ch
from newsclean.classify.features import token_tables


def bounds(text: str) -> list[tuple[int, int]]:
    starts, ends = ch.token_bounds(ch.char_arrays(text).flags)
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def keys(text: str) -> list[int]:
    c = ch.char_arrays(text)
    starts, ends = ch.token_bounds(c.flags)
    return ch.token_keys(c.cp16, starts, ends).tolist()


def regex_bounds(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\w+", text)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Hello, world!",
        "snake_case and CamelCase 42x 3.14",
        "  leading and trailing  ",
        "Zürich, Kraków, São Paulo — naïve café",
        "Ελληνικά κείμενα και Русский текст",
        "北京新闻 ニュース 뉴스",
        "مرحبا بالعالم؟",
        "line one\nline two\n\nline four",
        "tab\tseparated\u00a0nbsp\u2009thin",
        "«quotes» „Anführung“ (parens) [brackets] {braces}",
        "x²  ①  ٣٤  ५",  # digits of other scripts and digit-like symbols
        "𝐀𝐁𝐂 bold maths letters",  # letters above the Basic Multilingual Plane
    ],
)
def test_token_bounds_match_regex_word_runs(text: str) -> None:
    assert bounds(text) == regex_bounds(text)


# Letters, decimal digits, spaces, punctuation and symbols of the Basic Multilingual Plane: the classes the
# flag table is meant to agree with ``\w`` on (see the differences pinned below).
KNOWN_CHARS = st.characters(categories=("L", "Nd", "Zs", "P", "S"), max_codepoint=0xFFFF) | st.sampled_from("\n\t _")


@given(st.text(KNOWN_CHARS, max_size=60))
@settings(max_examples=200, deadline=None)
def test_token_bounds_match_regex_on_generated_text(text: str) -> None:
    assert bounds(text) == regex_bounds(text)


@pytest.mark.parametrize(
    ("text", "ours", "regex"),
    [
        # Python's \w takes every numeric character; the flag table only letters and digits.
        ("a½b", [(0, 1), (2, 3)], [(0, 3)]),
        ("Chapter Ⅻ", [(0, 7)], [(0, 7), (8, 9)]),
        # Code points above the BMP are all letters to the flag table, emoji included.
        ("hi 😀", [(0, 2), (3, 4)], [(0, 2)]),
    ],
)
def test_known_differences_from_regex(text: str, ours: list[tuple[int, int]], regex: list[tuple[int, int]]) -> None:
    """Pinned so that a change in either direction is seen (the differences are harmless for news text)."""
    assert bounds(text) == ours
    assert regex_bounds(text) == regex


def test_flags_of_chosen_characters() -> None:
    c = ch.char_arrays("aZ9 .!?…,_\n€")
    f = c.flags.tolist()
    assert f[0] == ch.ALPHA
    assert f[1] == ch.ALPHA | ch.UPPER
    assert f[2] == ch.DIGIT
    assert f[3] == ch.SPACE
    for i in (4, 5, 6, 7):
        assert f[i] & ch.END and f[i] & ch.PUNCT
    assert f[8] == ch.PUNCT
    assert f[9] == ch.ALPHA  # "_" is a word character, as in \w
    assert f[10] == 0  # the newline is not a space: it separates lines
    assert f[11] == ch.PUNCT  # currency symbols count as punctuation


def test_cjk_flag_only_on_scripts_without_spaces() -> None:
    flags = ch.char_arrays("北ニ뉴a").flags
    assert [bool(x & ch.CJK) for x in flags] == [True, True, True, False]
    assert all(x & ch.ALPHA for x in flags)


def test_char_arrays_lines() -> None:
    c = ch.char_arrays("ab\n\ncde")
    assert c.n_lines == 3
    assert c.starts.tolist() == [0, 3, 4]
    assert c.ends.tolist() == [2, 3, 7]
    empty = ch.char_arrays("")
    assert empty.n_lines == 1
    assert len(empty.cp) == 0


def line_by_line(text: str) -> tuple[list[int], list[int], list[int], list[tuple[float, ...]], list[float]]:
    """What :func:`ch.visible_spans`, :func:`ch.span_counts` and :func:`ch.sentence_ends` find, one line
    and one character at a time: line numbers, first and last visible characters, counts, sentence ends."""
    flags = ch.char_arrays(text).flags.tolist()
    lines, firsts, lasts, counts, ends = [], [], [], [], []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        visible = [offset + i for i in range(len(line)) if not flags[offset + i] & ch.SPACE]
        if visible:
            first, last = visible[0], visible[-1]
            lines.append(number)
            firsts.append(first)
            lasts.append(last)
            span = flags[first : last + 1]
            counts.append(tuple(float(sum(1 for f in span if f & flag)) for flag in ch.COUNTED))
            n_ends = 0
            for i in range(first, last + 1):
                after = text[i + 1 : i + 2]
                if flags[i] & ch.END and (after in ("", "\n") or after.isspace() or ord(text[i]) >= 0x3000):
                    n_ends += 1
            ends.append(float(n_ends))
        offset += len(line) + 1
    return lines, firsts, lasts, counts, ends


SPAN_TEXTS = [
    "",
    "\n\n",
    "  \t \n",
    "Hello, World! Süß 42.\n\n  indented line…  \nx",
    "北京。新闻！ニュース\n | a • b » c /d\\e",
    "end.",
    "a😀b. Ünïcödé?\u3000next",
    "word " * 700 + "\nshort\n" + "LONG|" * 900,  # spans longer than the packed counters' chunks
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_spans_counts_and_sentence_ends_match_a_line_by_line_count(text: str) -> None:
    c = ch.char_arrays(text)
    lines, first, last = ch.visible_spans(c)
    counts = ch.span_counts(c.flags, first, last)
    expected = line_by_line(text)
    assert (lines.tolist(), first.tolist(), last.tolist()) == expected[:3]
    assert list(zip(*(x.tolist() for x in counts), strict=True)) == expected[3]
    assert ch.sentence_ends(c, first).tolist() == expected[4]


@given(st.text(KNOWN_CHARS | st.sampled_from("😀\u3000。!?.…|»"), max_size=80))
@settings(max_examples=200, deadline=None)
def test_spans_counts_and_sentence_ends_on_generated_text(text: str) -> None:
    c = ch.char_arrays(text)
    lines, first, last = ch.visible_spans(c)
    expected = line_by_line(text)
    assert (lines.tolist(), first.tolist(), last.tolist()) == expected[:3]
    counts = ch.span_counts(c.flags, first, last)
    assert list(zip(*(x.tolist() for x in counts), strict=True)) == expected[3]
    assert ch.sentence_ends(c, first).tolist() == expected[4]


def test_char_arrays_astral_code_points_are_letters() -> None:
    c = ch.char_arrays("a😀b")
    assert c.cp.tolist() == [ord("a"), 0x1F600, ord("b")]
    assert c.flags[1] == ch.ALPHA


def test_token_bounds_empty() -> None:
    starts, ends = ch.token_bounds(np.zeros(0, dtype=np.uint8))
    assert len(starts) == len(ends) == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [("the", "The"), ("THE", "the"), ("Über", "über"), ("ÉTÉ", "été"), ("Straße", "STRAßE"), ("Related", "RELATED")],
)
def test_token_keys_ignore_case(a: str, b: str) -> None:
    assert keys(a) == keys(b)


def test_token_keys_differ_for_different_short_words() -> None:
    words = [
        "a",
        "an",
        "and",
        "the",
        "then",
        "them",
        "they",
        "that",
        "than",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "der",
        "die",
        "das",
        "für",
        "fur",
        "über",
        "uber",
        "ä",
        "à",
        "i",
        "1",
        "12",
        "123",
        "1234",
    ]
    assert len(set(keys(" ".join(words)))) == len(words)


def test_token_keys_of_long_words_use_length_ends_and_prefix() -> None:
    # Same length, first three and last letter: the documented collision.
    assert keys("abcXYZd") == keys("abcUVWd")
    # Any of those different: different keys.
    assert len(set(keys("abcXYZd abcXYZe abdXYZd abcXYZZd"))) == 4


def test_word_keys_are_token_keys_of_each_word() -> None:
    assert ch.word_keys(("the", "And", "of")) == keys("the and of")
    assert ch.word_keys(()) == []


def test_lower_table_maps_only_single_character_lower_cases() -> None:
    table = ch.lower_table()
    assert [chr(table[ord(x)]) for x in "AÄΣЖz1"] == list("aäσжz1")
    assert table[ord("İ")] == ord("İ")  # "İ".lower() has two characters: left as it is


def test_cp16_folds_code_points_into_the_table() -> None:
    c = ch.char_arrays("aé😀")
    assert c.cp16.dtype == np.uint16
    assert c.cp16.tolist() == [ord("a"), ord("é"), 0xF600]


def test_token_keys_are_never_zero() -> None:
    assert 0 not in keys("a 1 _ é 北 😀")


def test_token_keys_exact_for_short_tokens_below_u4000() -> None:
    """Documented: 14 bits a character, so short tokens are exact below U+4000 (not for CJK or Hangul)."""
    for a, b in [("да", "до"), ("και", "κατ"), ("и", "a"), ("ab", "ac"), ("日", "a")]:
        assert keys(a) != keys(b), (a, b)


def test_shapes_of_line_ends() -> None:
    cp = np.array([ord(x) for x in "•-«»[|a"] + [0x1F600], dtype=np.uint32)
    s = ch.shapes(cp).tolist()
    flags = ch.flag_table()[cp.astype(np.uint16)].tolist()
    assert s[0] & ch.BULLET and flags[0] & ch.LINK_SEPARATOR
    assert s[1] & ch.BULLET
    assert s[2] & ch.OPENER
    assert s[3] & ch.CLOSER and flags[3] & ch.LINK_SEPARATOR
    assert s[4] & ch.OPENER and s[4] & ch.BRACKET
    assert flags[5] & ch.LINK_SEPARATOR
    assert s[5] == 0  # "|" has no line-end shape, only the separator flag
    assert s[6] == 0
    assert s[7] == 0  # above the table: no shape


def scans_equal(a: ch.TextScan, b: ch.TextScan) -> bool:
    arrays = [
        (a.chars.cp, b.chars.cp),
        (a.chars.flags, b.chars.flags),
        (a.chars.starts, b.chars.starts),
        (a.chars.ends, b.chars.ends),
        (a.lines, b.lines),
        (a.first, b.first),
        (a.last, b.last),
        *zip(a.counts, b.counts, strict=True),
        (a.sentence_ends, b.sentence_ends),
        (a.t_start, b.t_start),
        (a.t_end, b.t_end),
        (a.keys, b.keys),
        *((getattr(a.tokens, name), getattr(b.tokens, name)) for name in ch.RowTokens.__dataclass_fields__),
    ]
    return all(x.dtype == y.dtype and np.array_equal(x, y) for x, y in arrays)


needs_compiled = pytest.mark.skipif(ch._scan is None, reason="the compiled scan is not built")


@needs_compiled
@pytest.mark.parametrize("text", [*SPAN_TEXTS, "a\n", "\n", "x.\n", "Ende.", "。", "𝐀𝐁𝐂 bold.  \n\t𝐀"])
def test_compiled_scan_equals_numpy(text: str) -> None:
    assert scans_equal(ch.scan_text(text), ch.scan_text(text, compiled=False))


@needs_compiled
@given(st.text(KNOWN_CHARS | st.sampled_from("😀\u3000。!?.…|»\x1c"), max_size=120))
@settings(max_examples=300, deadline=None)
def test_compiled_scan_equals_numpy_on_generated_text(text: str) -> None:
    assert scans_equal(ch.scan_text(text), ch.scan_text(text, compiled=False))


TOKEN_TEXTS = [
    "Am 3. März 2024 um 14:30 Uhr (Foto: Getty Images) sagte der Minister, dass ...",
    "Monday 12:5 1999 2001 20x 19 ١٩٩٩ 2024:\nJanuary\n---\n***",  # token-less rows after the last tokens
    "Photo: AP\n\nThe and of the\n\n—",
    "one token\n…",
    "x\n.",
    "Tags: a, b\n",
    "a: b: c: d:\none two three four: five",
]


@needs_compiled
@pytest.mark.parametrize("text", [*SPAN_TEXTS, *TOKEN_TEXTS])
def test_compiled_token_lookups_equal_numpy(text: str) -> None:
    tables = token_tables()
    assert scans_equal(ch.scan_text(text, tables=tables), ch.scan_text(text, tables=tables, compiled=False))


TOKEN_PIECES = ["March", "Foto", "the", "und", "1999", "2024", "12", ":", " ", "\n", "---", "a.", "Der", "(", "٣",
                "Getty", "Monday"]


@needs_compiled
@given(st.lists(st.sampled_from(TOKEN_PIECES), max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_compiled_token_lookups_equal_numpy_on_generated_text(text: str) -> None:
    tables = token_tables()
    assert scans_equal(ch.scan_text(text, tables=tables), ch.scan_text(text, tables=tables, compiled=False))


@needs_compiled
def test_scratch_scan_equals_a_fresh_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ch, "MAX_SCRATCH_CHARS", 400)
    tables = token_tables()
    texts = [*TOKEN_TEXTS, SPAN_TEXTS[3] * 3, "", TOKEN_TEXTS[0] * 9, TOKEN_TEXTS[1]]  # buffers grow, then too long
    for text in texts:
        expected = ch.scan_text(text, tables=tables)
        assert scans_equal(ch.scan_text(text, tables=tables, scratch=True), expected)


def test_row_tokens_by_hand() -> None:
    scan = ch.scan_text("Photo: Getty 1999\n\n12:30 Monday, the\n---", tables=token_tables(), compiled=False)
    tokens = scan.tokens
    assert tokens.first.tolist() == [0, 3, 7]
    assert tokens.count.tolist() == [3, 4, 0]
    assert tokens.title.tolist()[:1] == [2]
    assert tokens.chars.tolist()[:1] == [14]
    assert tokens.dates.tolist()[:1] == [1]  # 1999
    assert tokens.credits.tolist()[:1] == [2]  # Photo, Getty
    # The row before the token-less last row sums all its tokens, its last ("the") included.
    assert tokens.dates.tolist()[1] == 2  # 12 (of 12:30), Monday; not 30
    assert tokens.chars.tolist()[1] == 2 + 2 + 6 + 3
    assert tokens.title.tolist() == [2, 1, 0]
    assert tokens.stop_bits.dtype == np.uint16 and tokens.stop_bits[6] != 0
    assert tokens.label_colons.tolist() == [1, 1, 0]  # "Photo:", "12:"
    assert tokens.key_sum.dtype == np.uint64
    assert tokens.key_sum.tolist()[:2] == [int(scan.keys[0:3].sum()), int(scan.keys[3:7].sum())]
    assert tokens.key_sum.tolist()[2] == 0


def test_label_colons_count_only_the_first_three_tokens() -> None:
    scan = ch.scan_text("a: b: c: d:\none two three four: five\nTags:", compiled=False)
    assert scan.tokens.label_colons.tolist() == [3, 0, 1]


def test_row_sums_do_not_depend_on_what_follows_in_the_batch() -> None:
    """A page whose last line with words is followed by lines without any ('---') has the same token sums
    alone as in the middle of a batch (both scans)."""
    page = "Photo: Getty 1999\n12:30 Monday, the end\n---\n***"
    for compiled in (False, True):
        if compiled and ch._scan is None:
            continue
        alone = ch.scan_text(page, tables=token_tables(), compiled=compiled).tokens
        batch = ch.scan_text(page + "\nNext page line", tables=token_tables(), compiled=compiled).tokens
        for field in ("count", "title", "chars", "dates", "credits"):
            assert getattr(alone, field).tolist() == [*getattr(batch, field).tolist()[:2], 0, 0], field


def test_scan_without_the_compiled_module(monkeypatch: pytest.MonkeyPatch) -> None:
    text = SPAN_TEXTS[3]
    expected = ch.scan_text(text, compiled=False)
    monkeypatch.setattr(ch, "_scan", None)
    assert scans_equal(ch.scan_text(text), expected)
