"""``clean_html``: an HTML page in, the same :class:`Article` record as ``clean_text`` out.

Five small stages: parse (:mod:`.parse`), metadata (:mod:`.meta`), blocks and their scores (:mod:`.body`),
the kept blocks as text and Markdown (:mod:`.markdown`), and, when asked and newsclean is unsure of the
page, trafilatura as the fallback (:mod:`.fallback`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice, repeat

import numpy as np

from ..classify.decision import Label, LineDecision
from ..options import DEFAULT_OPTIONS, Options
from ..record import Article, Extractor, Status
from ..sites.html import HtmlView, html_rule, narrow_html
from ..sites.page import rule_set
from ..sites.ruleset import RuleSet
from .blocks import BudgetExceeded, PageBlocks, page_blocks
from .body import Body, score_bodies
from .fallback import fallback_text
from .jsonld_body import missing_lines
from .markdown import render_markdown
from .meta import HtmlMeta, extract_html_metadata
from .parse import check_html_type, parse_html
from .reasons import block_reasons
from .score import BLOCK_THRESHOLD

log = logging.getLogger(__name__)


BATCH_SIZE = 32  # pages scored together by clean_htmls


def clean_html(
    html: object, *, url: str | None = None, options: Options | None = None, charset: str | None = None
) -> Article:
    """Clean an HTML page into an :class:`Article`.

    ``html`` is a ``str``, ``bytes`` (decoded with ``charset`` from HTTP if given, else a byte-order mark,
    the page's ``<meta charset>``, then a detector), an lxml element or tree, or a ``bs4.BeautifulSoup``.
    Never raises for bad content: an empty, binary, unparsable or too slow page gives a record whose
    ``status`` and ``reason`` say what happened.
    """
    return _clean_batch([_Page(html, url, charset)], options or DEFAULT_OPTIONS)[0]


def clean_htmls(
    htmls: Iterable[object],
    *,
    urls: Iterable[str | None] | None = None,
    charsets: Iterable[str | None] | None = None,
    options: Options | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Article]:
    """Clean many pages, one :class:`Article` per input in input order; faster than calling
    :func:`clean_html` on each because the blocks of ``batch_size`` pages are scored together."""
    options = options or DEFAULT_OPTIONS
    url_iter = iter(urls) if urls is not None else repeat(None)
    charset_iter = iter(charsets) if charsets is not None else repeat(None)
    pages = (_Page(html, next(url_iter, None), next(charset_iter, None)) for html in htmls)
    while chunk := list(islice(pages, batch_size)):
        yield from _clean_batch(chunk, options)


@dataclass(slots=True)
class _Page:
    html: object
    url: str | None
    charset: str | None
    note: str | None = None
    meta: HtmlMeta | None = None
    blocks: PageBlocks | None = None
    done: Article | None = None
    view: HtmlView | None = None  # what a site rule's [html] table did to the page


def _clean_batch(pages: list[_Page], options: Options) -> list[Article]:
    rules = rule_set(options)  # a bad rule file raises here, before any page work
    for page in pages:
        _prepare(page, options, rules)
    _finish([p for p in pages if p.done is None], options)
    return [p.done for p in pages if p.done is not None]


def _finish(todo: list[_Page], options: Options) -> None:
    """Score the prepared pages together and assemble their records."""
    try:
        threshold = BLOCK_THRESHOLD if options.threshold is None else options.threshold
        bodies = score_bodies([p.blocks for p in todo if p.blocks is not None], threshold=threshold,
                              languages=[options.language] * len(todo))
    except Exception:
        if len(todo) > 1:  # find the page that breaks the batch; the others still get cleaned
            for page in todo:
                _finish([page], options)
            return
        bodies = []
    for page, body in zip(todo, bodies, strict=False):
        try:
            page.done = _article(page, body, options)
        except Exception as exc:  # a bug must not lose the record: report it on the record
            page.done = _internal_error(page, exc)
    for page in todo[len(bodies) :]:
        page.done = Article(url=page.url, status=Status.ERROR, reason="internal error: block scoring failed")


def _prepare(page: _Page, options: Options, rules: RuleSet | None) -> None:
    """Parse, read the metadata, apply the page's site rule and split into blocks; on failure
    ``page.done`` says why."""
    check_html_type(page.html)  # misuse (a list, a number) raises; bad content never does
    start = time.monotonic()
    deadline = start + options.time_budget if options.time_budget is not None else None

    def run() -> None:
        parsed = parse_html(page.html, charset=page.charset, max_chars=options.max_chars)
        page.note = parsed.note
        if parsed.root is None:
            status = Status.EMPTY if parsed.note == "no text in input" else Status.ERROR
            page.done = Article(url=page.url, status=status, reason=parsed.note)
            return
        page.meta = extract_html_metadata(parsed.root, url=page.url)
        root = parsed.root
        rule = html_rule(rules, page.url)
        if rule is not None:
            page.view = narrow_html(rule, root)
            page.meta, root = _rule_meta(page.meta, page.view), page.view.root
        page.blocks = page_blocks(root, deadline=deadline)

    try:
        run()
    except BudgetExceeded:
        spent = time.monotonic() - start
        page.done = Article(url=page.url, status=Status.ERROR, reason=f"time budget exceeded ({spent:.1f} s)")
    except Exception as exc:  # a bug must not lose the record: report it on the record
        page.done = _internal_error(page, exc)


def _internal_error(page: _Page, exc: Exception) -> Article:
    log.exception("cleaning failed for %s", page.url or "<html>")
    return Article(url=page.url, status=Status.ERROR, reason=f"internal error: {type(exc).__name__}: {exc}")


def _rule_meta(meta: HtmlMeta, view: HtmlView) -> HtmlMeta:
    """The page's metadata with what the site rule's title, author and date selectors found put over it."""
    return replace(meta, title=view.title or meta.title, author=view.author or meta.author,
                   published=view.published or meta.published)


def _article(page: _Page, body: Body, options: Options) -> Article:
    meta, url, view = page.meta or HtmlMeta(), page.url, page.view
    if view is not None and not options.use_classifier:  # the rule alone: every block it leaves is body
        body = replace(body, keep=np.ones(len(body.blocks.texts), dtype=bool))
    title = _norm(meta.title) if meta.title else None
    kept = [i for i in body.kept if _norm(body.blocks.texts[i]) != title]
    text = "\n".join(body.blocks.texts[i] for i in kept)
    extractor = Extractor.HTML_RULES if view is not None else Extractor.HTML_BLOCKS
    notes = [page.note] if page.note else []
    markdown = render_markdown(body.blocks, kept, links=options.links) if options.markdown else ""
    if view is None and (declared := missing_lines(text, body.blocks.jsonld)):
        text = "\n".join([text, *declared]) if text else "\n".join(declared)
        if options.markdown:
            markdown = "\n\n".join([markdown, *declared]) if markdown else "\n\n".join(declared)
        notes.append("body completed from JSON-LD articleBody")
    if options.fallback and (why := _unsure(body, text, options)):
        other = fallback_text(page.html, url=url, markdown=options.markdown)
        if other is not None and other.text.strip():
            text, extractor = other.text, Extractor.TRAFILATURA
            markdown = other.markdown
            notes.append(why)
    status, reason = Status.OK, None
    if len(text) < max(options.min_body_chars, 1):
        status, reason = Status.NOT_ARTICLE, "no block reads as article body"
        notes.append(reason)
    decisions = _decisions(body, set(kept), title) if options.explain else ()
    return Article(
        text=text,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        site=meta.site,
        url=meta.url or url,
        language=meta.language or body.scored.language,
        status=status,
        reason="; ".join(notes) if notes else None,
        extractor=extractor,
        description=meta.description,
        image=meta.image,
        markdown=markdown,
        decisions=decisions,
        rule=view.rule if view is not None else None,
    )


def _unsure(body: Body, text: str, options: Options) -> str | None:
    """Why newsclean is unsure of the page (the reason the fallback runs), or ``None`` when it is sure."""
    if body.confidence < options.fallback_below:
        return f"newsclean confidence {body.confidence:.2f} below {options.fallback_below}"
    if len(text) < options.fallback_short:
        return f"newsclean body of {len(text)} characters, under {options.fallback_short}"
    return None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _decisions(body: Body, kept: set[int], title: str | None) -> tuple[LineDecision, ...]:
    """One decision per block; ``title`` is the normalised title (:func:`_norm`)."""
    blocks = body.blocks
    tree = blocks.elements[0].getroottree() if len(blocks) else None
    decisions = []
    for i, text in enumerate(blocks.texts):
        if i in kept:
            label = Label.CONTENT
        elif title is not None and _norm(text) == title:
            label = Label.TITLE
        else:
            label = Label.BOILERPLATE
        where = tree.getpath(blocks.elements[i]) if tree is not None else None
        decisions.append(LineDecision(i, text, label, float(body.scored.scores[i]),
                                      block_reasons(blocks, body.scored, i), where))
    return tuple(decisions)
