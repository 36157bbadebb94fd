"""Stop-word bits and per-page language detection (``newsclean.classify.language``)."""

from __future__ import annotations

import numpy as np
import pytest

from newsclean.classify.chars import char_arrays, scan_text, token_bounds, token_keys
from newsclean.classify.features import batch_features, page_features, token_tables
from newsclean.classify.language import (
    MIN_STOPWORDS,
    detect_languages,
    stopword_bits,
    stopword_mask,
    stopwords_by_language,
)
from newsclean.classify.stopwords import LANGUAGES, STOPWORDS

EN = (
    "The council said on Monday that the new bridge would open in the spring, and that it was the first of "
    "many projects planned for the city over the next ten years."
)
DE = (
    "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke im Frühjahr eröffnet wird und dass sie das "
    "erste von vielen Projekten ist, die für die Stadt geplant sind."
)
FR = (
    "Le conseil municipal a annoncé lundi que le nouveau pont sera ouvert au printemps et que ce sera le "
    "premier d'une longue série de projets pour la ville."
)
NUMBERS = "12 34 56\n2024 11 07\n3.14 2.71 1.41\n100 200 300"


def bits_of(text: str) -> np.ndarray:
    c = char_arrays(text)
    starts, ends = token_bounds(c.flags)
    return stopword_bits(token_keys(c.cp, starts, ends))


@pytest.mark.parametrize(
    ("text", "language"), [(EN, "en"), (DE, "de"), (FR, "fr"), (NUMBERS, None), ("", None), ("Home\nMenu", None)]
)
def test_page_language(text: str, language: str | None) -> None:
    assert page_features(text).language == language


def test_forced_language_wins() -> None:
    assert page_features(EN, language="de").language == "de"
    assert page_features(NUMBERS, language="fr").language == "fr"


def test_languages_per_page_in_a_batch() -> None:
    batch = batch_features([EN, NUMBERS, DE, EN], languages=[None, "en", None, "fr"])
    assert batch.languages == ["en", "en", "de", "fr"]


def test_stopword_bits() -> None:
    en, de = 1 << LANGUAGES.index("en"), 1 << LANGUAGES.index("de")
    got = bits_of("The der bridge Und in").tolist()
    assert got[0] & en and not got[0] & de
    assert got[1] & de and not got[1] & en
    assert got[2] == 0
    assert got[3] & de
    assert got[4] & en and got[4] & de  # "in" is a stop word of both
    assert stopword_bits(np.zeros(0, dtype=np.uint64)).tolist() == []


def test_every_stopword_is_found_in_its_language() -> None:
    for lang in LANGUAGES:
        bits = bits_of(" ".join(STOPWORDS[lang]))
        assert np.all(bits & (1 << LANGUAGES.index(lang))), lang


def test_detect_languages_needs_enough_stopwords() -> None:
    en = 1 << LANGUAGES.index("en")
    few = np.full(MIN_STOPWORDS - 1, en, dtype=np.uint16)
    enough = np.full(MIN_STOPWORDS, en, dtype=np.uint16)
    bits = np.concatenate((few, enough))
    tok_page = np.array([0] * len(few) + [1] * len(enough))
    assert detect_languages(bits, tok_page, 2) == [None, "en"]
    assert detect_languages(bits, tok_page, 2, forced=[None, "de"]) == [None, "de"]
    assert detect_languages(bits, tok_page, 2, forced=["it", None]) == ["it", "en"]


def test_detect_languages_with_pages_without_tokens() -> None:
    en = 1 << LANGUAGES.index("en")
    bits = np.full(MIN_STOPWORDS, en, dtype=np.uint16)
    tok_page = np.full(MIN_STOPWORDS, 1)
    assert detect_languages(bits, tok_page, 2) == [None, "en"]
    assert detect_languages(np.zeros(0, dtype=np.uint16), np.zeros(0, dtype=np.int64), 2) == [None, None]


def test_detect_languages_when_later_pages_have_no_stopwords() -> None:
    en = 1 << LANGUAGES.index("en")
    bits = np.concatenate((np.full(MIN_STOPWORDS, en, dtype=np.uint16), np.zeros(3, dtype=np.uint16)))
    tok_page = np.array([0] * MIN_STOPWORDS + [1] * 3)
    assert detect_languages(bits, tok_page, 3) == ["en", None, None]


def test_trailing_empty_page_does_not_change_language() -> None:
    page = "the cat and the dog of the farm are in a barn"  # 7 English stop words in 11 tokens
    assert page_features(page).language == "en"
    sparse = "the cat and the dog of a farm"  # exactly MIN_STOPWORDS of them
    assert page_features(sparse).language == "en"
    assert batch_features([sparse, ""]).languages == ["en", None]


def test_detect_languages_needs_a_share_of_tokens() -> None:
    en = 1 << LANGUAGES.index("en")
    bits = np.array([en] * MIN_STOPWORDS + [0] * 1000, dtype=np.uint16)
    assert detect_languages(bits, np.zeros(len(bits), dtype=np.int64), 1) == [None]


def test_stopword_mask_uses_the_page_language() -> None:
    en, de = 1 << LANGUAGES.index("en"), 1 << LANGUAGES.index("de")
    bits = np.array([en, de, en | de, 0, en, de], dtype=np.uint16)
    tok_page = np.array([0, 0, 0, 0, 1, 1])
    assert stopword_mask(bits, ["en", None], tok_page).tolist() == [True, False, True, False, True, True]
    assert stopword_mask(bits, ["de", "en"], tok_page).tolist() == [False, True, True, False, True, False]


@pytest.mark.parametrize("forced", [None, [None, "de", None, None, "fr"]])
def test_stopwords_by_language_compiled_equals_numpy(forced: list[str | None] | None) -> None:
    pages = [EN, DE + "\n\n" + DE, "", NUMBERS, FR + "\n" + EN]
    scan = scan_text("\n".join(pages), tables=token_tables())
    tokens = scan.tokens
    line_page = np.repeat(np.arange(len(pages)), [p.count("\n") + 1 for p in pages])
    row_page = line_page[scan.lines]
    offsets = np.searchsorted(row_page, np.arange(len(pages) + 1)).tolist()
    args = (tokens.stop_bits, tokens.first, tokens.count, row_page, offsets)
    languages, stops = stopwords_by_language(*args, forced=forced)
    expected_languages, expected_stops = stopwords_by_language(*args, forced=forced, compiled=False)
    assert languages == expected_languages and stops.tolist() == expected_stops.tolist()
    assert languages[0] == "en" and languages[1] == "de" and stops.sum() > 0
