"""``clean_text`` and ``clean_texts``: plain-text dumps in, :class:`Article` records out."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

import numpy as np

from .classify import LINE_THRESHOLD, LineScores, classify_pages
from .classify.decision import Label, LineDecision
from .classify.features import batch_features
from .options import DEFAULT_OPTIONS, Options
from .record import Article, Extractor, Status
from .sites.apply import NO_RULE_META
from .sites.memory import SiteMemory
from .sites.model import SiteRule, url_host
from .sites.page import (
    SiteView,
    Unsettled,
    line_chars,
    match_rule,
    new_memory,
    rule_from_dump,
    rule_set,
    site_key,
    site_view,
)
from .sites.ruleset import RuleSet
from .text.decode import decode_bytes
from .text.lines import normalise, prepare_lines
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
    :func:`clean_text` on each because pages are classified in batches of ``batch_size``.

    With ``Options.site_memory`` on, lines seen on many other pages of the same site are dropped as
    template: a list, tuple or other re-iterable of ``texts`` (and ``urls``; e.g. an object whose
    ``__iter__`` reads files again) is counted in a first pass; a one-shot iterator is counted as it
    streams, each batch before it is cleaned (warm-up).
    """
    options = options or DEFAULT_OPTIONS
    memory = new_memory(options)
    rules = rule_set(options)
    counted = memory is not None and _reiterable(texts) and (urls is None or _reiterable(urls))
    known: Iterator[SiteRule | Unsettled | None] | None = None
    if memory is not None and counted:
        known = iter(_count_first(texts, urls, options, rules, memory, batch_size))
    for chunk, chunk_urls in _chunks(texts, urls, batch_size):
        chunk_rules = list(islice(known, len(chunk))) if known is not None else None
        yield from _clean_batch(chunk, chunk_urls, options, rules=rules, memory=memory, counted=counted,
                                known_rules=chunk_rules)


def _reiterable(values: Iterable[object]) -> bool:
    """A list, tuple or any object whose ``__iter__`` starts over (not a one-shot iterator)."""
    return iter(values) is not values


def _count_first(texts: Iterable[str | bytes], urls: Iterable[str | None] | None, options: Options,
                 rules: RuleSet | None, memory: SiteMemory, size: int) -> list[SiteRule | Unsettled | None]:
    """The first pass of two-pass mode: the site of every page, then the lines of the pages of the sites
    that have enough pages for memory to act on (the others cost no hashing). Returns the rule of each
    page where it was settled on the way, so that the second pass need not match it again."""
    sites: list[str | None] = []
    known: list[SiteRule | Unsettled | None] = []
    for chunk, chunk_urls in _chunks(texts, urls, size):
        for text, url in zip(chunk, chunk_urls, strict=True):
            rule = rule_from_dump(rules, text, url)
            site = url_host(url)
            if site is None:
                if rule is Unsettled.PREPARE:
                    page = _prepare(text, url, options)
                    rule = match_rule(rules, page.text, url) if page.done is None else None
                site = site_key(url, rule)
            sites.append(site)
            known.append(rule)
    pages_per_site = Counter(site for site in sites if site is not None)
    chunk_sites = iter(sites)
    for chunk, chunk_urls in _chunks(texts, urls, size):
        for text, url, site in zip(chunk, chunk_urls, chunk_sites, strict=False):
            if site is None:
                continue
            lines = None
            if pages_per_site[site] >= memory.min_site_pages:
                prepared = _prepare(text, url, options)
                lines = prepared.lines if prepared.done is None else None
            memory.add_page(site, lines)
    return known


def _chunks(
    texts: Iterable[str | bytes], urls: Iterable[str | None] | None, size: int
) -> Iterator[tuple[list[str | bytes], list[str | None]]]:
    text_iter = iter(texts)
    url_iter = iter(urls) if urls is not None else None
    while chunk := list(islice(text_iter, size)):
        chunk_urls = list(islice(url_iter, len(chunk))) if url_iter is not None else []
        chunk_urls += [None] * (len(chunk) - len(chunk_urls))
        yield chunk, chunk_urls


def _count(memory: SiteMemory, rules: RuleSet | None, page: _Page) -> None:
    """Stream mode: add a prepared page to the batch memory of its site (its lines are hashed from the
    site's second page on) and remember its rule."""
    page.rule = match_rule(rules, page.text, page.url)
    page.site = site_key(page.url, page.rule)
    if page.site is not None:
        page.hashed = memory.add_page(page.site, page.lines if memory.site_pages(page.site) else None)


@dataclass(slots=True)
class _Page:
    url: str | None
    text: str = ""
    lines: list[str] = field(default_factory=list)  # ``text`` split on "\n"
    starts: list[int] | None = None  # input line each prepared line starts at, when wrapped lines were joined
    input_lines: list[str] = field(default_factory=list)  # kept for explain when lines were joined
    notes: list[str] = field(default_factory=list)
    done: Article | None = None
    rule: SiteRule | None = None
    site: str | None = None
    hashed: bool = True  # whether batch memory counted this page's lines


def _clean_batch(
    texts: Sequence[str | bytes],
    urls: Sequence[str | None],
    options: Options,
    *,
    rules: RuleSet | None = None,
    memory: SiteMemory | None = None,
    counted: bool = False,
    known_rules: Sequence[SiteRule | Unsettled | None] | None = None,
) -> list[Article]:
    """Clean one batch. ``rules`` are the site rules in force (loaded from ``options`` when ``None``);
    ``memory`` the batch memory, to which these pages are added first unless already ``counted``;
    ``known_rules`` the rule of each page where the first pass settled it."""
    if rules is None:
        rules = rule_set(options)
    pages = [_prepare(t, u, options) for t, u in zip(texts, urls, strict=True)]
    for page, rule in zip(pages, known_rules or [Unsettled.PREPARE] * len(pages), strict=True):
        if page.done is not None:
            continue
        if memory is not None and not counted:
            _count(memory, rules, page)
        else:
            page.rule = match_rule(rules, page.text, page.url) if rule is Unsettled.PREPARE else rule
            page.site = site_key(page.url, page.rule)
    todo = [p for p in pages if p.done is None]
    try:
        scored: list[LineScores] | list[None] | None = _score(todo, options)
    except Exception:
        if len(todo) == 1:
            scored = None
        else:  # find the page that breaks the batch; the others still get cleaned
            return [
                a
                for p, u in zip(texts, urls, strict=True)
                for a in _clean_batch([p], [u], options, rules=rules, memory=memory, counted=True)
            ]
    for k, page in enumerate(todo):
        try:
            if scored is None:
                raise RuntimeError("line classifier failed")
            page.done = _assemble(page, scored[k], options, memory)
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
    if not text or text.isspace():  # no copy of the page, unlike text.strip()
        page.done = Article(url=url, status=Status.EMPTY, reason=_join([*page.notes, "no text in input"]))
        return page
    page.text, page.lines, page.starts = prepare_lines(text)
    if options.explain and page.starts is not None:
        page.input_lines = normalise(text).split("\n")
    return page


def _score(pages: list[_Page], options: Options) -> list[LineScores] | list[None]:
    """The classifier's scores per page; ``None`` per page when the classifier is switched off."""
    if not options.use_classifier:
        return [None] * len(pages)
    return classify_pages([p.text for p in pages], languages=[options.language] * len(pages),
                          threshold=LINE_THRESHOLD if options.threshold is None else options.threshold)


def _assemble(page: _Page, scored: LineScores | None, options: Options, memory: SiteMemory | None) -> Article:
    lines = page.lines
    view = site_view(lines, page.rule, memory, page.site, counted=page.hashed, joined=page.text)
    keep, view = view.narrow(scored.keep if scored is not None else line_chars(lines) > 0, lines)
    if scored is not None:
        language = scored.language
    else:
        language = options.language or batch_features([page.text], languages=[None]).page(0).language
    meta = _rule_metadata(extract_metadata(lines, keep, url=page.url), view)
    body_lines = _body_lines(keep, meta)
    body = "\n".join(map(str.strip, map(lines.__getitem__, body_lines)))
    status, reason = Status.OK, None
    if len(body) < max(options.min_body_chars, 1):
        status, reason = Status.NOT_ARTICLE, "no line reads as article body"
    decisions: tuple[LineDecision, ...] = ()
    if options.explain:
        decisions = _decisions(page, lines, scored, view, _labels(lines, body_lines, meta))
    rule = _rule_used(page.rule, view)
    if scored is None:
        extractor = Extractor.RULES_ONLY
    else:
        extractor = Extractor.TEXT_RULES if rule is not None else Extractor.TEXT_LINES
    return Article(
        text=body,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        site=meta.site,
        url=page.url,
        language=language,
        status=status,
        reason=_join([*page.notes, reason] if reason else page.notes),
        extractor=extractor,
        markdown=body.replace("\n", "\n\n") if options.markdown else "",
        decisions=decisions,
        rule=rule,
    )


def _rule_used(rule: SiteRule | None, view: SiteView) -> str | None:
    """The name of the rule that shaped the record: a site's rule when it matched, the fallback rule only
    when it dropped or kept a line. (Batch memory shows in the decisions' reasons, not here.)"""
    verdict = view.verdict
    if rule is None or verdict is None:
        return None
    if rule.match.fallback and not (verdict.drop.any() or verdict.keep.any()):
        return None
    return verdict.rule


def _rule_metadata(meta: DumpMeta, view: SiteView) -> DumpMeta:
    """The generic metadata with what the site rule's title, byline and date patterns found put over it."""
    if view.verdict is None or view.verdict.meta == NO_RULE_META:
        return meta
    found = view.verdict.meta
    return replace(
        meta,
        title=found.title or meta.title,
        title_line=found.title_line if found.title_line is not None else meta.title_line,
        author=found.author or meta.author,
        dateline=found.dateline or meta.dateline,
        published=found.published or meta.published,
        meta_lines=meta.meta_lines | found.meta_lines,
    )


def _body_lines(keep: np.ndarray, meta: DumpMeta) -> list[int]:
    """Indices of the kept lines that are not the title or metadata."""
    kept: list[int] = keep.nonzero()[0].tolist()
    skip = meta.meta_lines if meta.title_line is None else meta.meta_lines | {meta.title_line}
    return [i for i in kept if i not in skip] if skip else kept


def _decisions(
    page: _Page, lines: list[str], scored: LineScores | None, view: SiteView, labels: list[Label]
) -> tuple[LineDecision, ...]:
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
        LineDecision(i, line, labels[j], _score_of(scored, view, j), _reasons(scored, view, j) if line.strip() else ())
        for i, (line, j) in enumerate(zip(inputs, owner, strict=True))
    )


def _score_of(scored: LineScores | None, view: SiteView, j: int) -> float:
    if scored is not None:
        return float(scored.scores[j])
    template = view.template is not None and bool(view.template[j])
    return 0.0 if (view.drop[j] or template) and not view.keep[j] else 1.0


def _reasons(scored: LineScores | None, view: SiteView, j: int) -> tuple[str, ...]:
    site = view.reason(j)
    found = scored.reasons(j) if scored is not None else ()
    return (site, *found[:3]) if site else found


def _labels(lines: list[str], body_lines: list[int], meta: DumpMeta) -> list[Label]:
    body = set(body_lines)
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
