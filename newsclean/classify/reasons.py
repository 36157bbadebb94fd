"""Human-readable reasons for a line's score, read off its features (for ``explain``)."""

from __future__ import annotations

import numpy as np

from .features import PageFeatures
from .vocab import NAMES as VOCAB_NAMES


def line_reasons(features: PageFeatures, index: int, line_score: float, score: float) -> tuple[str, ...]:
    """Up to four short phrases on what weighed most for line ``index``."""
    hits = np.flatnonzero(features.rows == index)
    if not len(hits):
        return ("blank line",)
    row = int(hits[0])

    def value(name: str) -> float:
        return float(features.column(name)[row])

    reasons: list[str] = []
    vocab = int(features.vocab[row])
    if vocab >= 0:
        reasons.append(f"opens with {VOCAB_NAMES[vocab].replace('_', ' ')} words")
    if value("dates"):
        reasons.append("has a date")
    if value("repeated"):
        reasons.append("repeated on page")
    if value("ends_ellipsis"):
        reasons.append("teaser ellipsis")
    tokens = float(np.expm1(value("log_tokens")))
    if tokens < 5:
        reasons.append("very short")
    elif value("stop_ratio") >= 0.25 and value("ends_sentence"):
        reasons.append("running prose")
    if value("log_tokens_w3") < 1.5:
        reasons.append("short lines around")
    if abs(score - line_score) >= 0.3:
        reasons.append("context raised score" if score > line_score else "context lowered score")
    return tuple(reasons[:4]) or (("reads as body",) if score >= 0.5 else ("low line score",))
