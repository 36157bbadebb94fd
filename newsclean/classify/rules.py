"""Vetoes: a few vocabulary signals strong enough to overrule the model.

A short line that opens with the words of a related-links box, a share bar, a newsletter or comment form,
a login prompt or a call to action ("READ ALSO: …", "Click to comment", "Subscribe to our newsletter")
is boilerplate whatever its neighbours look like. Long lines are left to the model: the same words can
open a real sentence.

Two rules keep lines the model dropped: a short line between kept lines (a subheading), and a line the
model was only unsure about inside the page's most likely article span (:mod:`.boundary`).
"""

from __future__ import annotations

import numpy as np

from .features import FEATURE_NAMES
from .vocab import NAMES

VETO, RESCUE, SPAN = 1, 2, 3  # which rule overruled the model, as recorded per line
RULE_REASONS = {VETO: "vocabulary veto", RESCUE: "short line between body lines", SPAN: "inside the article span"}

VETO_VOCABULARIES = ("related", "share", "newsletter", "comments", "login", "call_to_action", "trending")
MAX_VETO_WORDS = 12  # longer lines are vetoed only when they open with a label and a colon
VETO_SCORE = 0.05

# Per vocabulary index, whether it vetoes; the extra last entry answers for -1 (no vocabulary).
_VETOES = np.isin(np.arange(len(NAMES) + 1), [NAMES.index(name) for name in VETO_VOCABULARIES])
_LOG_TOKENS = FEATURE_NAMES.index("log_tokens")
_LABEL_COLON = FEATURE_NAMES.index("label_colon")


def vetoed(matrix: np.ndarray, vocab: np.ndarray, *, labels: bool = True) -> np.ndarray:
    """Rows whose line is boilerplate by vocabulary alone; ``labels`` also vetoes long lines that open with
    a label and a colon ("READ ALSO: ..."), which in a dump are teaser lines."""
    strong = _VETOES[vocab]
    short = np.expm1(matrix[:, _LOG_TOKENS]) <= MAX_VETO_WORDS
    if not labels:
        return strong & short
    return strong & (short | (matrix[:, _LABEL_COLON] > 0))


MAX_SANDWICH_WORDS = 15  # a heading or short line inside the article, between two kept lines
_ENDS_SENTENCE = FEATURE_NAMES.index("ends_sentence")


MIN_SANDWICH_SCORE = 0.3  # the model must not be sure it is boilerplate


def sandwiched(
    keep: np.ndarray, score: np.ndarray, matrix: np.ndarray, vocab: np.ndarray, page: np.ndarray
) -> np.ndarray:
    """Dropped short lines whose nearest lines on both sides (same page) are kept: subheadings and short
    paragraphs inside the article, as jusText keeps short blocks between good ones. Short vocabulary
    lines (a photo credit, an "Advertisement") do not count as neighbours: the article goes on around them.
    """
    n = len(keep)
    if n < 3:
        return np.zeros(n, dtype=bool)
    short = np.expm1(matrix[:, _LOG_TOKENS]) <= MAX_SANDWICH_WORDS
    skip = short & (vocab >= 0) & ~keep
    idx = np.arange(n)
    counted = np.where(skip, -1, idx)
    prev = np.concatenate(([-1], np.maximum.accumulate(counted)[:-1]))
    counted_rev = np.where(skip, n, idx)[::-1]
    nxt = np.concatenate(([n], np.minimum.accumulate(counted_rev)[:-1]))[::-1]
    has_both = (prev >= 0) & (nxt < n)
    prev_c, next_c = np.clip(prev, 0, n - 1), np.clip(nxt, 0, n - 1)
    between = has_both & keep[prev_c] & keep[next_c] & (page[prev_c] == page) & (page[next_c] == page)
    return between & ~keep & short & (vocab < 0) & (score >= MIN_SANDWICH_SCORE)


SPAN_SCORE = 0.18  # lines in the article span are kept from this score on


def spanned(span: np.ndarray, score: np.ndarray, threshold: float) -> np.ndarray:
    """Dropped lines inside the page's most likely article span (:mod:`.boundary`) that the model was unsure
    about: the line scores miss the article's edges and the odd paragraph that reads like boilerplate."""
    return span & (score >= SPAN_SCORE) & (score < threshold)
