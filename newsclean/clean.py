"""``clean_text``: a plain-text dump in, an :class:`Article` out."""

from __future__ import annotations

import logging

from .classify import classify_lines
from .classify.decision import Label, LineDecision
from .options import DEFAULT_OPTIONS, Options
from .record import Article, Extractor, Status
from .text.lines import split_lines
from .text.meta import extract_metadata

log = logging.getLogger(__name__)


def clean_text(text: str | bytes, *, url: str | None = None, options: Options | None = None) -> Article:
    """Clean a plain-text page dump into an :class:`Article`.

    Never raises for bad content: empty, binary or undecodable input gives a record whose ``status``
    and ``reason`` say what happened.
    """
    options = options or DEFAULT_OPTIONS
    if not isinstance(text, (str, bytes, bytearray)):
        raise TypeError(f"clean_text expects str or bytes, got {type(text).__name__}")
    try:
        return _clean(text, url=url, options=options)
    except Exception as exc:  # a bug must not lose the record: report it on the record
        log.exception("cleaning failed for %s", url or "<text>")
        return Article(url=url, status=Status.ERROR, reason=f"internal error: {type(exc).__name__}: {exc}")


def _clean(data: str | bytes | bytearray, *, url: str | None, options: Options) -> Article:
    notes: list[str] = []
    if isinstance(data, (bytes, bytearray)):
        from .text.decode import decode_bytes

        decoded = decode_bytes(bytes(data))
        if decoded.text is None:
            return Article(url=url, status=Status.ERROR, reason=decoded.note)
        if decoded.note:
            notes.append(decoded.note)
        text = decoded.text
    else:
        text = data
    if len(text) > options.max_chars:
        notes.append(f"input cut from {len(text)} to {options.max_chars} characters")
        text = text[: options.max_chars]
    if not text.strip():
        return Article(url=url, status=Status.EMPTY, reason="no text in input", extractor=Extractor.NONE)

    lines = split_lines(text)
    result = classify_lines(lines, language=options.language, threshold=options.threshold)
    meta = extract_metadata(lines, result.keep, url=url)
    labels = _final_labels(result.keep, lines, meta.title_line, meta.meta_lines)
    body = "\n".join(lines[i].strip() for i, label in enumerate(labels) if label is Label.CONTENT)

    status, reason = Status.OK, None
    if len(body) < max(options.min_body_chars, 1):
        status, reason = Status.NOT_ARTICLE, "no line reads as article body"
    if notes:
        reason = "; ".join([*notes, reason] if reason else notes)
    decisions: tuple[LineDecision, ...] = ()
    if options.explain:
        decisions = tuple(
            LineDecision(i, line, labels[i], float(result.scores[i]), result.reasons[i])
            for i, line in enumerate(lines)
        )
    return Article(
        text=body,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        site=meta.site,
        url=url,
        language=result.language,
        status=status,
        reason=reason,
        extractor=Extractor.TEXT_LINES,
        decisions=decisions,
    )


def _final_labels(keep, lines: list[str], title_line: int | None, meta_lines: frozenset[int]) -> list[Label]:
    labels = []
    for i, line in enumerate(lines):
        if not line.strip():
            labels.append(Label.BLANK)
        elif i == title_line:
            labels.append(Label.TITLE)
        elif i in meta_lines:
            labels.append(Label.META)
        elif keep[i]:
            labels.append(Label.CONTENT)
        else:
            labels.append(Label.BOILERPLATE)
    return labels
