"""What a worker process does with a chunk: parse its entries, clean them, and serialise the records.

Serialising in the worker keeps the parent, which reads and writes for every worker, light.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import urlsplit

from threadpoolctl import threadpool_limits

from ..io.outputs import DocumentFormat, OutputFormat, document_bytes
from ..io.records import ContentKind, Document, Entry, Item, entry_size, resolve
from ..options import Options
from ..record import Article, Status
from .dispatch import clean_items

_PARENT_POLL_SECONDS = 2.0  # how often an idle worker checks that its parent is still there


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What every worker needs to know: how to clean, and in which form to hand back records."""

    options: Options
    output: OutputFormat = OutputFormat.JSONL
    split_rejects: bool = False  # records that are not ok go to a JSON-lines rejects file
    document: DocumentFormat = DocumentFormat.JSON  # how records that are not rejected are written


@dataclass(frozen=True, slots=True)
class Task:
    """A chunk to clean. ``single``: one entry at a time, announcing each, after the chunk overran its
    budget; ``given_up`` maps entries that overran on their own (or killed their worker) to the reason."""

    chunk: int
    entries: tuple[Entry, ...]
    single: bool = False
    given_up: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """One entry's record, ready to write: ``payload`` is the bytes to append (a JSON line, or the text or
    Markdown of ``--format``), or a row for Parquet."""

    status: Status
    extractor: str
    site: str | None
    rejected: bool  # goes to the rejects file
    readable: bool  # the input could be read (a record with status error may still be readable)
    payload: bytes | dict[str, Any]
    size: int  # input bytes


def process(task: Task, setup: WorkerSetup, announce: Callable[[int], None] | None = None) -> list[Outcome]:
    """The outcome of every entry of ``task``, in order."""
    if not task.single:
        items = [resolve(entry) for entry in task.entries]
        articles = clean_items(items, setup.options)
    else:
        given_up = dict(task.given_up)
        items, articles = [], []
        for index, entry in enumerate(task.entries):
            if index not in given_up and announce is not None:
                announce(index)
            item = resolve(entry)  # parsing a line is linear in its length: only cleaning can overrun
            if index in given_up:
                articles.append(Article(url=item.url, status=Status.ERROR, reason=given_up[index]))
            else:
                articles.extend(clean_items([item], setup.options))
            items.append(item)
    return [_outcome(e, i, a, setup) for e, i, a in zip(task.entries, items, articles, strict=True)]


def warm_up(setup: WorkerSetup) -> None:
    """Load what cleaning needs (models, parsers) by cleaning a made-up dump and page."""
    pages = [Document("<warm-up>", "Warm up.\n"), Document("<warm-up>", "<p>Warm up.</p>", kind=ContentKind.HTML)]
    clean_items(pages, setup.options)


def record_of(item: Item, article: Article) -> dict[str, Any]:
    """The output record: where the input came from, then the article's fields."""
    fetched = item.fetched if isinstance(item, Document) else None
    return {"id": item.id, "source": item.source, "fetched": fetched, **article.to_dict()}


def _outcome(entry: Entry, item: Item, article: Article, setup: WorkerSetup) -> Outcome:
    record = record_of(item, article)
    rejected = setup.split_rejects and article.status is not Status.OK
    payload: bytes | dict[str, Any]
    if setup.output is OutputFormat.PARQUET and not rejected:
        record.pop("decisions", None)
        payload = record
    else:  # rejects are always JSON lines
        payload = document_bytes(record, DocumentFormat.JSON if rejected else setup.document)
    site = article.site or _host(article.url)
    readable = isinstance(item, Document)
    return Outcome(article.status, article.extractor.value, site, rejected, readable, payload, entry_size(entry))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def worker_main(conn: Connection, setup: WorkerSetup, parent: int, inherited: Sequence[Connection]) -> None:
    """A worker's loop: receive a task, send ``("start", index)`` for each entry of a single-mode task,
    then ``("done", outcomes)``; stop on ``None``, on a closed pipe, or when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    # One thread per worker: parallelism comes from the processes (--jobs), and BLAS threads in every
    # worker would fight over the same cores (one worker alone took 1.7 cores for 1.0 core's work).
    threadpool_limits(1)
    for other in inherited:  # the parent's ends of other workers' pipes, copied by fork: not ours to hold
        other.close()
    while True:
        while not conn.poll(_PARENT_POLL_SECONDS):
            if os.getppid() != parent:
                return
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            conn.send(("done", process(task, setup, lambda index: conn.send(("start", index)))))
        except (BrokenPipeError, EOFError, OSError):
            return
