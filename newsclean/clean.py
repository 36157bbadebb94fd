"""``clean_text`` and ``clean_texts``: plain-text dumps in, :class:`Article` records out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from .classify import LineScores, classify_pages
from .classify.decision import Label, LineDecision
from .options import DEFAULT_OPTIONS, Options
from .record import Article, Extractor, Status
from .text.decode import decode_bytes
from .text.lines import normalise, prepare
from .text.meta import DumpMeta, extract_metadata

log = logging.getLogger(__name__)

BATCH_SIZE = 64  # pages classified together by clean_texts


def clean_text(text: str | bytes, *, url: str | None = None, options: Options | None = None) -> Article:
    """Clean a plain-text page dump into an :class:`Article`.

    Never raises for bad content: empty, binary or undecodable input gives a record whose ``status``
    and ``reason`` say what happened.
    """
    return _clean_batch([text], [url], options or DEFAULT_OPTIONS)[0]


def clean_texts(
    texts: Iterable[str | bytes],
    *,
    urls: Iterable[str | None] | None = None,
    options: Options | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Article]:
    """Clean many dumps, one :class:`Article` per input in input order; faster than calling
    :func:`clean_text` on each because pages are classified in batches of ``batch_size``."""
    options = options or DEFAULT_OPTIONS
    text_iter = iter(texts)
    url_iter = iter(urls) if urls is not None else None
    while True:
        chunk = list(islice(text_iter, batch_size))
        if not chunk:
            return
        chunk_urls = list(islice(url_iter, len(chunk))) if url_iter is not None else []
        chunk_urls += [None] * (len(chunk) - len(chunk_urls))
        yield from _clean_batch(chunk, chunk_urls, options)


@dataclass(slots=True)
class _Page:
    url: str | None
    text: str = ""
    starts: list[int] | None = None  # input line each prepared line starts at, when wrapped lines were joined
    input_lines: list[str] = field(default_factory=list)  # kept for explain when lines were joined
    notes: list[str] = field(default_factory=list)
    done: Article | None = None


def _clean_batch(texts: Sequence[str | bytes], urls: Sequence[str | None], options: Options) -> list[Article]:
    pages = [_prepare(t, u, options) for t, u in zip(texts, urls, strict=True)]
    todo = [p for p in pages if p.done is None]
    try:
        scored = classify_pages([p.text for p in todo], languages=[options.language] * len(todo),
                                threshold=options.threshold)
    except Exception:
        if len(todo) == 1:
            scored = None
        else:  # find the page that breaks the batch; the others still get cleaned
            return [a for p, u in zip(texts, urls, strict=True) for a in _clean_batch([p], [u], options)]
    for k, page in enumerate(todo):
        try:
            if scored is None:
                raise RuntimeError("line classifier failed")
            page.done = _assemble(page, scored[k], options)
        except Exception as exc:  # a bug must not lose the record: report it on the record
            log.exception("cleaning failed for %s", page.url or "<text>")
            page.done = Article(url=page.url, status=Status.ERROR,
                                reason=f"internal error: {type(exc).__name__}: {exc}")
    return [p.done for p in pages if p.done is not None]


def _prepare(data: object, url: str | None, options: Options) -> _Page:
    page = _Page(url)
    if isinstance(data, (bytes, bytearray)):
        decoded = decode_bytes(bytes(data))
        if decoded.text is None:
            page.done = Article(url=url, status=Status.ERROR, reason=decoded.note)
            return page
        if decoded.note:
            page.notes.append(decoded.note)
        text = decoded.text
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    if len(text) > options.max_chars:
        page.notes.append(f"input cut from {len(text)} to {options.max_chars} characters")
        text = text[: options.max_chars]
    if not text.strip():
        page.done = Article(url=url, status=Status.EMPTY, reason=_join([*page.notes, "no text in input"]))
        return page
    page.text, page.starts = prepare(text)
    if options.explain and page.starts is not None:
        page.input_lines = normalise(text).split("\n")
    return page


def _assemble(page: _Page, scored: LineScores, options: Options) -> Article:
    lines = page.text.split("\n")
    meta = extract_metadata(lines, scored.keep, url=page.url)
    body_lines = _body_lines(scored.keep, meta)
    body = "\n".join(lines[i].strip() for i in body_lines.tolist())
    status, reason = Status.OK, None
    if len(body) < max(options.min_body_chars, 1):
        status, reason = Status.NOT_ARTICLE, "no line reads as article body"
    decisions: tuple[LineDecision, ...] = ()
    if options.explain:
        decisions = _decisions(page, lines, scored, _labels(lines, body_lines, meta))
    return Article(
        text=body,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        site=meta.site,
        url=page.url,
        language=scored.language,
        status=status,
        reason=_join([*page.notes, reason] if reason else page.notes),
        extractor=Extractor.TEXT_LINES,
        markdown=body.replace("\n", "\n\n") if options.markdown else "",
        decisions=decisions,
    )


def _body_lines(keep: np.ndarray, meta: DumpMeta) -> np.ndarray:
    """Indices of the kept lines that are not the title or metadata."""
    keep = keep.copy()
    if meta.title_line is not None:
        keep[meta.title_line] = False
    if meta.meta_lines:
        keep[list(meta.meta_lines)] = False
    return np.flatnonzero(keep)


def _decisions(page: _Page, lines: list[str], scored: LineScores, labels: list[Label]) -> tuple[LineDecision, ...]:
    """One decision per input line; lines joined into one paragraph share its decision."""
    if page.starts is None:
        inputs, owner = lines, list(range(len(lines)))
    else:
        inputs = page.input_lines
        owner = [0] * len(inputs)
        for j, start in enumerate(page.starts):
            end = page.starts[j + 1] if j + 1 < len(page.starts) else len(inputs)
            owner[start:end] = [j] * (end - start)
    return tuple(
        LineDecision(i, line, labels[j], float(scored.scores[j]), scored.reasons(j) if line.strip() else ())
        for i, (line, j) in enumerate(zip(inputs, owner, strict=True))
    )


def _labels(lines: list[str], body_lines: np.ndarray, meta: DumpMeta) -> list[Label]:
    body = set(body_lines.tolist())
    labels = []
    for i, line in enumerate(lines):
        if not line.strip():
            labels.append(Label.BLANK)
        elif i == meta.title_line:
            labels.append(Label.TITLE)
        elif i in meta.meta_lines:
            labels.append(Label.META)
        elif i in body:
            labels.append(Label.CONTENT)
        else:
            labels.append(Label.BOILERPLATE)
    return labels


def _join(notes: list[str]) -> str | None:
    return "; ".join(notes) if notes else None
