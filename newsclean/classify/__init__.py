"""The line classifier core: pure functions over the lines of one page, no I/O.

``classify_lines`` puts the stages together: features per line (:mod:`.features`), the stage-one model
over them, the context pass (:mod:`.context`) and the stage-two model over that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .context import context_features
from .features import PageFeatures, page_features
from .model import LineModel, default_model
from .reasons import line_reasons


@dataclass(frozen=True, slots=True)
class LineScores:
    """Per input line: body probability ``scores`` and ``keep`` (``scores >= threshold``)."""

    keep: np.ndarray
    scores: np.ndarray
    language: str | None
    features: PageFeatures
    line_scores: np.ndarray  # stage-one probability per line, before the context pass

    def reasons(self, index: int) -> tuple[str, ...]:
        """The main reasons behind the decision on line ``index``."""
        return line_reasons(self.features, index, float(self.line_scores[index]), float(self.scores[index]))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))


def classify_lines(
    lines: Sequence[str],
    *,
    text: str | None = None,
    language: str | None = None,
    threshold: float = 0.5,
    model: LineModel | None = None,
) -> LineScores:
    """Score every line of a page as article body or not.

    ``text`` is ``"\\n".join(lines)`` when the caller has it already; ``language`` skips detection.
    """
    if text is None:
        text = "\n".join(lines)
    features = page_features(text, lines, language=language)
    scores = np.zeros(len(lines))
    line_scores = np.zeros(len(lines))
    if len(features.rows):
        model = model or default_model()
        logit = model.lines.logit(features.matrix)
        final = model.context.logit(context_features(logit, features.matrix))
        scores[features.rows] = sigmoid(final)
        line_scores[features.rows] = sigmoid(logit)
    return LineScores(scores >= threshold, scores, features.language, features, line_scores)
