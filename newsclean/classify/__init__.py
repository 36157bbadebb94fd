"""The line classifier core: pure functions over the lines of pages, no I/O.

``classify_pages`` puts the stages together for a batch of pages: features per line
(:mod:`.features`), the stage-one model over them, the context pass (:mod:`.context`) and the stage-two
model over that, then the boundary pass (:mod:`.boundary`: where the article starts and ends) and the
rules (:mod:`.rules`). A batch costs about as many numpy calls as one page, which is where the speed comes
from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .boundary import article_span, boundary_features
from .context import Region, context_features, score_region
from .features import BatchFeatures, PageFeatures, batch_features
from .model import LineModel, default_model
from .reasons import line_reasons
from .rules import RESCUE, RULE_REASONS, SPAN, VETO, VETO_SCORE, sandwiched, spanned, vetoed


@dataclass(frozen=True, slots=True)
class LineScores:
    """Per input line of one page: body probability ``scores`` and ``keep`` (``scores >= threshold``)."""

    keep: np.ndarray
    scores: np.ndarray
    language: str | None
    features: PageFeatures
    line_scores: np.ndarray  # stage-one probability per line, before the context pass
    rule: np.ndarray  # per line: the rule that overruled the model (Rule values), 0 for none

    def reasons(self, index: int) -> tuple[str, ...]:
        """The main reasons behind the decision on line ``index``."""
        found = line_reasons(self.features, index, float(self.line_scores[index]), float(self.scores[index]))
        rule = int(self.rule[index])
        return (RULE_REASONS[rule], *found[:3]) if rule else found


LINE_THRESHOLD = 0.5  # the line model's default decision threshold (Options.threshold None)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))


def span_of(model: LineModel, logit: np.ndarray, features: BatchFeatures, region: Region) -> np.ndarray:
    """Rows inside each page's most likely article span by the model's start and end models over the
    stage-one ``logit`` and its ``region`` (none when the model has no boundary models)."""
    if model.start is None or model.end is None:
        return np.zeros(len(logit), dtype=bool)
    rows = boundary_features(logit, features.matrix, features.segments, region)
    start, end = model.boundary_logits(rows)
    return article_span(start, end, features.segments)


def classify_pages(
    texts: Sequence[str],
    *,
    languages: Sequence[str | None] | None = None,
    threshold: float = LINE_THRESHOLD,
    model: LineModel | None = None,
    rules: bool = True,
) -> list[LineScores]:
    """Score every line of each page (``texts``, each split on ``\\n``) as article body or not.

    ``rules`` lets the vocabulary vetoes, the rescue of short lines between kept lines and the article span
    of the boundary pass overrule the model (:mod:`.rules`).
    """
    features = batch_features(texts, languages=languages)
    n_rows = len(features.rows)
    final = np.zeros(n_rows)
    first = np.zeros(n_rows)
    rule = np.zeros(n_rows, dtype=np.int8)
    if n_rows:
        model = model or default_model()
        logit = model.lines.logit(features.matrix)
        first = sigmoid(logit)
        region = score_region(logit, features.matrix, features.segments)
        final = sigmoid(model.context.logit(context_features(logit, features.matrix, features.segments, region)))
        if rules:
            veto = vetoed(features.matrix, features.vocab) & (final > VETO_SCORE)
            final = np.where(veto, VETO_SCORE, final)
            rescued = sandwiched(final >= threshold, final, features.matrix, features.vocab, features.segments.page)
            final = np.where(rescued, np.maximum(final, threshold), final)
            in_span = spanned(span_of(model, logit, features, region), final, threshold)
            final = np.where(in_span, threshold, final)
            rule[veto] = VETO
            rule[rescued] = RESCUE
            rule[in_span] = SPAN
    # Every line of the batch at once (rows scattered to their lines), then each page's lines as slices.
    line_offsets = np.concatenate(([0], np.cumsum(features.n_lines, dtype=np.int64)))
    at = line_offsets[features.segments.page] + features.rows
    scores, line_scores = np.zeros(line_offsets[-1]), np.zeros(line_offsets[-1])
    line_rule = np.zeros(line_offsets[-1], dtype=np.int8)
    scores[at], line_scores[at], line_rule[at] = final, first, rule
    keep = scores >= threshold
    results = []
    for k, (start, stop) in enumerate(zip(line_offsets[:-1].tolist(), line_offsets[1:].tolist(), strict=True)):
        page = features.page(k)
        results.append(LineScores(keep[start:stop], scores[start:stop], page.language, page, line_scores[start:stop],
                                  line_rule[start:stop]))
    return results


def classify_lines(
    lines: Sequence[str], *, language: str | None = None, threshold: float = LINE_THRESHOLD
) -> LineScores:
    """Score the lines of one page (see :func:`classify_pages`)."""
    return classify_pages(["\n".join(lines)], languages=[language], threshold=threshold)[0]
