"""Per-line features of pages (``newsclean.classify.features``)."""

from __future__ import annotations

import numpy as np
import pytest

from newsclean.classify import chars
from newsclean.classify.features import (
    BASE_NAMES,
    CONTEXT_BASE,
    FEATURE_NAMES,
    WINDOWS,
    batch_features,
    equal_counts,
    page_features,
)
from newsclean.classify.vocab import NAMES as VOCAB_NAMES

BODY = (
    "The council said on Monday that the new bridge would open in the spring, and that it was the first of "
    "many projects planned for the city."
)
PAGE_A = "\n".join(
    [
        "Home | News | Sport",
        "",
        "Bridge to open in spring",
        "By Jane Doe, May 5, 2024 10:30",
        "",
        BODY,
        "  • Related posts",
        "Share this",
        "Advertisement",
        "Advertisement",
    ]
)
PAGE_B = "\n".join(["Menu", "", "", "Der Stadtrat hat am Montag beschlossen, dass die Brücke öffnet.", "Teilen"])
PAGE_C = "北京新闻\n\n  indented line with words\n«Quoted text»\n[Photo] Reuters"


def value(features, name: str, row: int) -> float:
    return float(features.column(name)[row])


def test_feature_names_are_unique_and_complete() -> None:
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert FEATURE_NAMES[: len(BASE_NAMES)] == BASE_NAMES
    assert {f"vocab_{name}" for name in VOCAB_NAMES} <= set(FEATURE_NAMES)
    assert {f"{name}_w{w}" for name in CONTEXT_BASE for w in WINDOWS} <= set(FEATURE_NAMES)


@pytest.mark.parametrize("page", [PAGE_A, PAGE_B, PAGE_C, BODY])
def test_matrix_shape_and_values(page: str) -> None:
    features = page_features(page)
    lines = page.split("\n")
    assert features.rows.tolist() == [i for i, line in enumerate(lines) if line.strip()]
    assert features.matrix.shape == (len(features.rows), len(FEATURE_NAMES))
    assert features.matrix.dtype == np.float32
    assert np.isfinite(features.matrix).all()
    assert len(features.vocab) == len(features.rows)
    for name in (
        "rel_chars",
        "rel_tokens",
        "alpha_ratio",
        "digit_ratio",
        "punct_ratio",
        "upper_ratio",
        "stop_ratio",
        "position",
        "rank",
        "vocab_cover",
        "cjk_ratio",
        "repeated",
        "dates",
        "indent",
    ):
        column = features.column(name)
        assert ((column >= 0) & (column <= 1)).all(), name


@pytest.mark.parametrize("page", ["", " ", "\n\n", "  \t \n\u00a0\n\u2003", "\n \n"])
def test_blank_pages_have_no_rows(page: str) -> None:
    features = page_features(page)
    assert features.matrix.shape == (0, len(FEATURE_NAMES))
    assert len(features.rows) == len(features.vocab) == 0
    assert features.language is None


def test_rows_are_line_numbers_of_non_blank_lines() -> None:
    assert page_features("a\n\n  \nb\n\t\nc").rows.tolist() == [0, 3, 5]


def test_batch_with_blank_and_empty_pages() -> None:
    batch = batch_features(["", "one\ntwo", "  ", "\n\nthree"])
    assert [batch.page(k).rows.tolist() for k in range(4)] == [[], [0, 1], [], [2]]
    assert batch.segments.n_pages == 4
    assert batch.languages == [None] * 4
    assert len(batch_features([]).rows) == 0


def column_mismatches(batched: np.ndarray, alone: np.ndarray) -> list[str]:
    assert batched.shape == alone.shape
    close = np.isclose(batched, alone, rtol=1e-5, atol=1e-6).all(axis=0)
    return [FEATURE_NAMES[i] for i in np.flatnonzero(~close)]


PAGES = [PAGE_A, "", PAGE_B, PAGE_C, ".\nx", BODY, "\n\n\nlate start\nLate start"]


def test_first_page_of_a_batch_has_the_features_it_has_alone() -> None:
    batch = batch_features(PAGES)
    assert column_mismatches(batch.page(0).matrix, page_features(PAGES[0]).matrix) == []


def test_batch_features_are_page_local() -> None:
    """Every feature is computed per page: a page in a batch gets the rows it gets alone."""
    batch = batch_features(PAGES)
    for k, page in enumerate(PAGES):
        alone = page_features(page)
        got = batch.page(k)
        assert got.rows.tolist() == alone.rows.tolist()
        assert got.vocab.tolist() == alone.vocab.tolist()
        assert got.language == alone.language
        assert column_mismatches(got.matrix, alone.matrix) == [], k
    # Same when the pages come in another order.
    reordered = batch_features(PAGES[::-1])
    for k, page in enumerate(PAGES[::-1]):
        mismatches = column_mismatches(reordered.page(k).matrix, page_features(page).matrix)
        assert mismatches == [], k


def test_batch_features_equal_single_page_features() -> None:
    batch = batch_features(["Home\nNews\nSport", "Related posts\n\nA sentence."])
    assert column_mismatches(batch.page(1).matrix, page_features("Related posts\n\nA sentence.").matrix) == []


def test_blank_before() -> None:
    features = page_features("a\n\nb\nc\n\n\n\n\n\nd")
    assert features.column("blank_before").tolist() == pytest.approx([1 / 3, 1 / 3, 0.0, 1.0])


def test_lone_period_is_not_an_ellipsis() -> None:
    assert page_features(".\nx").column("ends_ellipsis").tolist() == [0.0, 0.0]


def test_lone_period_elsewhere_is_not_an_ellipsis() -> None:
    assert page_features("x\n.").column("ends_ellipsis").tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("line", "flags"),
    [
        ("• First item in a list", {"starts_bullet": 1}),
        ("- second item", {"starts_bullet": 1}),
        ("An ordinary line", {"starts_bullet": 0, "starts_upper": 1, "ends_sentence": 0}),
        ("It ends here.", {"ends_sentence": 1, "ends_ellipsis": 0}),
        ("He said the plan was fine…", {"ends_ellipsis": 1, "ends_sentence": 1}),
        ("Read the rest of the story...", {"ends_ellipsis": 1}),
        ("“He left.”", {"starts_quote": 1, "ends_closer": 1, "ends_sentence": 1}),
        ("«Quoted»", {"starts_quote": 1, "ends_closer": 1, "ends_sentence": 0}),
        ("[Photo] Reuters", {"starts_bracket": 1, "starts_quote": 1}),
        ("Tags: politics, economy", {"label_colon": 1, "ends_colon": 0}),
        ("READ ALSO: some headline here", {"label_colon": 1}),
        ("What follows is a list:", {"ends_colon": 1, "label_colon": 0}),
        ("The time was 10:30 today", {"label_colon": 0}),
        ("2024 was a good year", {"starts_digit": 1, "starts_upper": 0}),
        ("Published May 5, 2024 10:30", {"dates": 1}),
        ("Monday", {"dates": 1 / 3}),
        ("No dates in this line at all", {"dates": 0}),
        ("Home | News | Sport", {"separators": 2 / 5}),
        ("    indented", {"indent": 4 / 16}),
        ("北京新闻", {"cjk_ratio": 1}),
        ("ABC def", {"upper_ratio": 0.5, "title_case": 0.5}),
    ],
)
def test_line_flags(line: str, flags: dict[str, float]) -> None:
    features = page_features(line)
    for name, expected in flags.items():
        assert value(features, name, 0) == pytest.approx(expected), name


def test_counts_and_ratios_of_a_line() -> None:
    features = page_features("Ab1, cd!")
    assert value(features, "log_chars", 0) == pytest.approx(np.log1p(8))
    assert value(features, "log_tokens", 0) == pytest.approx(np.log1p(2))
    assert value(features, "alpha_ratio", 0) == pytest.approx(4 / 8)
    assert value(features, "digit_ratio", 0) == pytest.approx(1 / 8)
    assert value(features, "punct_ratio", 0) == pytest.approx(2 / 8)
    assert value(features, "sentence_ends", 0) == pytest.approx(np.log1p(1))
    assert value(features, "mean_token_len", 0) == pytest.approx(2.5 / 10)


def test_stop_words_count_in_the_page_language() -> None:
    features = page_features(BODY)
    assert features.language == "en"
    assert value(features, "language_known", 0) == 1
    assert value(features, "stop_ratio", 0) > 0.3
    unknown = page_features("Home\nMenu")
    assert unknown.column("language_known").tolist() == [0, 0]
    assert unknown.column("stop_ratio").tolist() == [0, 0]


def test_repeated_lines_on_a_page() -> None:
    page = "Advertisement\nSome text\nAdvertisement\nAdvertisement\nadvertisement\nOther"
    repeated = page_features(page).column("repeated").tolist()
    assert repeated[0] == repeated[2] == repeated[3] == pytest.approx(2 / 3)
    assert repeated[1] == repeated[5] == 0


def test_lines_repeated_on_other_pages_do_not_count() -> None:
    batch = batch_features(["Advertisement\nText one", "Advertisement\nText two"])
    assert batch.page(0).column("repeated").tolist() == [0, 0]
    assert batch.page(1).column("repeated").tolist() == [0, 0]


def test_position_rank_and_blocks() -> None:
    features = page_features("a\nb\n\nc\n\n\nd e f")
    assert features.column("position").tolist() == pytest.approx([0, 1 / 6, 3 / 6, 1])
    assert features.column("rank").tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert features.column("block_first").tolist() == [1, 0, 1, 1]
    assert features.column("block_last").tolist() == [0, 1, 1, 1]
    assert features.column("block_lines").tolist() == pytest.approx(np.log1p([2, 2, 1, 1]).tolist())


def test_wrapped_lines() -> None:
    wide = "x" * 60
    features = page_features("\n".join([wide, wide, "short end", "", wide, "tail"]))
    assert features.column("wrapped_prev").tolist() == [0, 1, 1, 0, 1]  # never across a blank line
    assert features.column("wraps_next").tolist() == [1, 1, 0, 1, 0]


def test_window_columns_are_neighbour_means_within_the_page() -> None:
    batch = batch_features(["one\ntwo words\nthree words here", "a b c d e f g h i j k"])
    page0 = batch.page(0)
    log_chars = page0.column("log_chars")
    assert page0.column("log_chars_w1").tolist() == pytest.approx(
        [log_chars[1], (log_chars[0] + log_chars[2]) / 2, log_chars[1]]
    )
    assert batch.page(1).column("log_chars_w8").tolist() == [0.0]


def test_forced_language_changes_stop_words() -> None:
    line = "Der Hund und die Katze sind im Haus und der Garten ist groß."
    assert value(page_features(line), "stop_ratio", 0) > 0.3
    assert value(page_features(line, language="en"), "stop_ratio", 0) < value(page_features(line), "stop_ratio", 0)


def test_features_are_the_same_without_the_compiled_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [PAGE_A, PAGE_B, "", "   ", PAGE_C, BODY * 12]
    compiled = batch_features(pages)
    monkeypatch.setattr(chars, "_scan", None)
    plain = batch_features(pages)
    assert compiled.matrix.tobytes() == plain.matrix.tobytes()
    assert np.array_equal(compiled.rows, plain.rows) and np.array_equal(compiled.vocab, plain.vocab)
    assert compiled.languages == plain.languages


@pytest.mark.parametrize("seed", range(4))
def test_equal_counts_compiled_equal_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = rng.integers(0, [3, 50, 2**62][seed % 3], size=rng.integers(0, 5000), dtype=np.uint64)
    values[: len(values) // 7] = np.uint64(2**64 - 1)  # repeats of the largest value, and 0 among the others
    expected = equal_counts(values, compiled=False)
    assert equal_counts(values).tolist() == expected.tolist()
    assert expected[:50].tolist() == [int((values == v).sum()) for v in values[:50]]
