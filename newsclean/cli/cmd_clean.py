"""``newsclean clean``: every input document in, one JSON line per document out."""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import BinaryIO

from ..clean import BATCH_SIZE, clean_texts
from ..io import Document, Item, RecordFields, iter_documents
from ..options import Options, SiteMemoryMode
from ..record import Article, Status
from .jsonl import json_line

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Tally:
    """What a run produced: records by status, documents read, records sent to the rejects file."""

    by_status: Counter[Status] = field(default_factory=Counter)
    read: int = 0
    rejected: int = 0

    def summary(self, rejects_path: str | None) -> str:
        """One line: ``newsclean: records=5 ok=3 empty=0 not_article=1 error=1 rejected=1 -> FILE``."""
        counts = " ".join(f"{status.value}={self.by_status[status]}" for status in Status)
        line = f"newsclean: records={sum(self.by_status.values())} {counts}"
        if rejects_path is not None:
            line += f" rejected={self.rejected} -> {rejects_path}"
        return line


def run_clean(args: argparse.Namespace, options: Options) -> int:
    """Clean every document in ``args.paths``; 0 once the run completed, 1 if nothing could be read."""
    fields = RecordFields(text=args.text_field, id=args.id_field, url=args.url_field)
    stdin = getattr(sys.stdin, "buffer", None)
    if options.site_memory is not SiteMemoryMode.OFF and "-" not in args.paths:
        cleaned = _Reread(args.paths, fields).cleaned(options)  # files: batch memory counts them first
    else:
        cleaned = _cleaned(iter_documents(args.paths, fields=fields, stdin=stdin), options)
    tally = Tally()
    with ExitStack() as stack:
        try:
            output = _open(stack, args.output)
            rejects = _open(stack, args.rejects) if args.rejects else None
        except OSError as exc:
            log.error("cannot open %s: %s", exc.filename, exc.strerror)
            return 1
        for item, article in cleaned:
            line = json_line({"id": item.id, "source": item.source, **article.to_dict()})
            tally.by_status[article.status] += 1
            if isinstance(item, Document):
                tally.read += 1
            if rejects is not None and article.status is Status.ERROR:
                rejects.write(line)
                tally.rejected += 1
            else:
                output.write(line)
        output.flush()
    print(tally.summary(args.rejects), file=sys.stderr)
    if not tally.read:
        log.error("no input could be read")
        return 1
    return 0


def _cleaned(items: Iterable[Item], options: Options) -> Iterator[tuple[Item, Article]]:
    """Each item with its record, in input order. All documents go through one ``clean_texts`` stream, so
    pages are cleaned in batches and batch memory sees every page of a site in the run; ``pending`` holds
    the items read but not yet written (about one batch)."""
    pending: deque[Item] = deque()
    urls: deque[str | None] = deque()

    def documents() -> Iterator[str | bytes]:
        for item in items:
            pending.append(item)
            if isinstance(item, Document):
                urls.append(item.url)
                yield item.content

    def document_urls() -> Iterator[str | None]:
        while urls:
            yield urls.popleft()

    for article in clean_texts(documents(), urls=document_urls(), options=options, batch_size=BATCH_SIZE):
        while not isinstance(pending[0], Document):
            yield from _rejected(pending.popleft())
        yield pending.popleft(), article
    while pending:
        yield from _rejected(pending.popleft())


class _Reread:
    """The documents of input files, read again for each pass ``clean_texts`` makes over them (two-pass
    batch memory), so that no pass holds more than a batch. The items of the cleaning pass are queued for
    the output as they are read, as ``_cleaned`` does for a stream."""

    def __init__(self, paths: list[str], fields: RecordFields) -> None:
        self.paths, self.fields = paths, fields
        self.passes = 0
        self.pending: deque[Item] = deque()
        self.urls: deque[str | None] = deque()

    def cleaned(self, options: Options) -> Iterator[tuple[Item, Article]]:
        texts, urls = _Texts(self), _Urls(self)
        for article in clean_texts(texts, urls=urls, options=options, batch_size=BATCH_SIZE):
            while not isinstance(self.pending[0], Document):
                yield from _rejected(self.pending.popleft())
            yield self.pending.popleft(), article
        while self.pending:
            yield from _rejected(self.pending.popleft())

    def texts(self) -> Iterator[str | bytes]:
        self.passes += 1
        queue = self.passes >= 2  # clean_texts counts re-iterable inputs in a first pass, cleans in the second
        self.pending.clear()
        self.urls.clear()
        for item in iter_documents(self.paths, fields=self.fields):
            if queue:
                self.pending.append(item)
            if isinstance(item, Document):
                self.urls.append(item.url)
                yield item.content

    def url_stream(self) -> Iterator[str | None]:
        while self.urls:
            yield self.urls.popleft()


class _Texts:
    def __init__(self, source: _Reread) -> None:
        self.source = source

    def __iter__(self) -> Iterator[str | bytes]:
        return self.source.texts()


class _Urls:
    def __init__(self, source: _Reread) -> None:
        self.source = source

    def __iter__(self) -> Iterator[str | None]:
        return self.source.url_stream()


def _rejected(item: Item) -> Iterator[tuple[Item, Article]]:
    if not isinstance(item, Document):
        yield item, Article(url=item.url, status=Status.ERROR, reason=str(item.error))


def _open(stack: ExitStack, path: str | None) -> BinaryIO:
    """The named file, opened for writing, or standard output for ``None`` and ``-``."""
    if path is None or path == "-":
        sys.stdout.flush()
        return sys.stdout.buffer
    return stack.enter_context(open(path, "wb"))
