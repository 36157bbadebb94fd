"""The one place where a document meets a cleaner: dumps go to ``clean_texts`` in one batch, pages'
HTML to ``clean_htmls`` in another, and inputs that could not be read become error records."""

from __future__ import annotations

from collections.abc import Sequence

from ..clean import clean_texts
from ..html.extract import clean_htmls
from ..io.records import ContentKind, Document, Item
from ..options import Options
from ..record import Article, Status


def clean_items(items: Sequence[Item], options: Options) -> list[Article]:
    """One record per item, in order."""
    articles: list[Article | None] = [None] * len(items)
    batch = [(k, d) for k, d in enumerate(items) if isinstance(d, Document) and d.kind is ContentKind.TEXT]
    texts = [k for k, _ in batch]
    cleaned = clean_texts([d.content for _, d in batch], urls=[d.url for _, d in batch], options=options)
    for k, article in zip(texts, cleaned, strict=True):
        articles[k] = article
    pages = [(k, d) for k, d in enumerate(items) if isinstance(d, Document) and d.kind is ContentKind.HTML]
    cleaned = clean_htmls(
        [d.content for _, d in pages], urls=[d.url for _, d in pages], charsets=[d.charset for _, d in pages],
        options=options,
    )
    for (k, _), article in zip(pages, cleaned, strict=True):
        articles[k] = article
    for k, item in enumerate(items):
        if not isinstance(item, Document):
            articles[k] = Article(url=item.url, status=Status.ERROR, reason=str(item.error))
    return [a for a in articles if a is not None]
