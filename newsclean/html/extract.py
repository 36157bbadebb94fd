"""``clean_html``: an HTML page in, the same :class:`Article` record as ``clean_text`` out.

Five small stages: parse (:mod:`.parse`), metadata (:mod:`.meta`), blocks and their scores (:mod:`.body`),
the kept blocks as text and Markdown (:mod:`.markdown`), and, when asked and newsclean is unsure of the
page, trafilatura as the fallback (:mod:`.fallback`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

import numpy as np

from ..classify.decision import Label, LineDecision
from ..options import DEFAULT_OPTIONS, Options
from ..record import Article, Extractor, Status
from ..sites.html import HtmlView, html_rule, narrow_html
from ..sites.page import rule_set
from .blocks import BudgetExceeded
from .body import Body, extract_body
from .fallback import fallback_text
from .markdown import render_markdown
from .meta import HtmlMeta, extract_html_metadata
from .parse import parse_html
from .reasons import block_reasons

log = logging.getLogger(__name__)


def clean_html(
    html: object, *, url: str | None = None, options: Options | None = None, charset: str | None = None
) -> Article:
    """Clean an HTML page into an :class:`Article`.

    ``html`` is a ``str``, ``bytes`` (decoded with ``charset`` from HTTP if given, else a byte-order mark,
    the page's ``<meta charset>``, then a detector), an lxml element or tree, or a ``bs4.BeautifulSoup``.
    Never raises for bad content: an empty, binary, unparsable or too slow page gives a record whose
    ``status`` and ``reason`` say what happened.
    """
    options = options or DEFAULT_OPTIONS
    start = time.monotonic()
    deadline = start + options.time_budget if options.time_budget is not None else None
    parsed = parse_html(html, charset=charset, max_chars=options.max_chars)
    if parsed.root is None:
        status = Status.EMPTY if parsed.note == "no text in input" else Status.ERROR
        return Article(url=url, status=status, reason=parsed.note)
    rule = html_rule(rule_set(options), url)  # a bad rule file raises here, before any page work
    try:
        meta = extract_html_metadata(parsed.root, url=url)
        view = narrow_html(rule, parsed.root) if rule is not None else None
        body = extract_body(view.root if view is not None else parsed.root, threshold=options.threshold,
                            language=options.language, deadline=deadline)
        if view is not None and not options.use_classifier:  # the rule alone: every block it leaves is body
            body = replace(body, keep=np.ones(len(body.blocks.texts), dtype=bool))
        return _article(body, _rule_meta(meta, view), url, parsed.note, options, html, view)
    except BudgetExceeded:
        spent = time.monotonic() - start
        return Article(url=url, status=Status.ERROR, reason=f"time budget exceeded ({spent:.1f} s)")
    except Exception as exc:  # a bug must not lose the record: report it on the record
        log.exception("cleaning failed for %s", url or "<html>")
        return Article(url=url, status=Status.ERROR, reason=f"internal error: {type(exc).__name__}: {exc}")


def _rule_meta(meta: HtmlMeta, view: HtmlView | None) -> HtmlMeta:
    """The page's metadata with what the site rule's title, author and date selectors found put over it."""
    if view is None:
        return meta
    return replace(meta, title=view.title or meta.title, author=view.author or meta.author,
                   published=view.published or meta.published)


def _article(body: Body, meta: HtmlMeta, url: str | None, note: str | None, options: Options, html: object,
             view: HtmlView | None = None) -> Article:
    title = _norm(meta.title) if meta.title else None
    kept = [i for i in body.kept if _norm(body.blocks.texts[i]) != title]
    text = "\n".join(body.blocks.texts[i] for i in kept)
    extractor = Extractor.HTML_RULES if view is not None else Extractor.HTML_BLOCKS
    notes = [note] if note else []
    markdown = render_markdown(body.blocks, kept) if options.markdown else ""
    if options.fallback and body.confidence < options.fallback_below:
        other = fallback_text(html, url=url, markdown=options.markdown)
        if other is not None and other.text.strip():
            text, extractor = other.text, Extractor.TRAFILATURA
            markdown = other.markdown
            notes.append(f"newsclean confidence {body.confidence:.2f} below {options.fallback_below}")
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
