"""``newsclean fetch`` (URLs to a WARC file) and ``newsclean scrape`` (URLs to clean article records).

Every URL ends either in the output or in the rejects file (``--rejects``, JSON lines naming the URL,
the kind of failure, the HTTP status and the reason). ``--resume`` skips the URLs the output already
holds and appends to it; the rejects file is written anew, so it lists the URLs that failed this time.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import OptionsError
from ..fetch import FetchOptions, FetchResult, Page  # these need no third-party package
from ..io import json_line
from ..options import Options
from ..record import Status

log = logging.getLogger(__name__)

PageSink = Callable[[Page], Awaitable[str | None]]  # returns a reason when the page is rejected after all


def add_fetch_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], *parents: argparse.ArgumentParser
) -> None:
    """Register ``fetch`` and ``scrape``; ``parents`` are the shared verbosity and classifier parsers."""
    verbosity, model = parents
    defaults = Options()
    shared = _shared_parser()
    fetch = commands.add_parser(
        "fetch",
        parents=[verbosity, shared],
        help="fetch URLs politely into a WARC file",
        description="Fetch every URL (robots.txt obeyed, per-host limits) and archive the pages as WARC.",
    )
    fetch.add_argument("-o", "--output", required=True, metavar="FILE", help="the WARC file (.warc or .warc.gz)")
    fetch.set_defaults(run=run_fetch, threshold=defaults.threshold, language=None, explain=False)

    scrape = commands.add_parser(
        "scrape",
        parents=[verbosity, model, shared],
        help="fetch URLs and clean each page into JSON lines",
        description="Fetch every URL as `fetch` does, clean each page with clean_html, write one JSON line each.",
    )
    scrape.add_argument("-o", "--output", metavar="FILE", help="write records here (default: standard output)")
    scrape.add_argument("--warc", metavar="FILE", help="also archive the pages in this WARC file")
    scrape.set_defaults(run=run_scrape, explain=False)


def _shared_parser() -> argparse.ArgumentParser:
    d = FetchOptions()
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("urls", nargs="*", metavar="URL", help="http(s) URLs to fetch")
    shared.add_argument("--urls", dest="url_file", metavar="FILE", help="a file of URLs, one a line (- for stdin)")
    shared.add_argument("--rejects", metavar="FILE", help="write the URLs that failed, with reasons, here")
    shared.add_argument("--resume", action="store_true", help="skip URLs the output already holds; append to it")
    group = shared.add_argument_group("fetching")
    group.add_argument("--user-agent", default=d.user_agent, metavar="UA", help="(default: %(default)s)")
    group.add_argument("--concurrency", type=int, default=d.concurrency, metavar="N", help="(default: %(default)s)")
    group.add_argument("--per-host", type=int, default=d.per_host, metavar="N", help="(default: %(default)s)")
    group.add_argument(
        "--delay", type=float, default=d.delay, metavar="S", help="seconds between requests to a host (%(default)s)"
    )
    group.add_argument("--timeout", type=float, default=d.total_timeout, metavar="S", help="per request, in all")
    group.add_argument("--connect-timeout", type=float, default=d.connect_timeout, metavar="S")
    group.add_argument("--read-timeout", type=float, default=d.read_timeout, metavar="S")
    group.add_argument("--max-bytes", type=int, default=d.max_bytes, metavar="N", help="(default: %(default)s)")
    group.add_argument("--max-redirects", type=int, default=d.max_redirects, metavar="N")
    group.add_argument("--retries", type=int, default=d.retries, metavar="N", help="(default: %(default)s)")
    group.add_argument(
        "--content-type",
        action="append",
        dest="content_types",
        metavar="TYPE",
        help=f"a media type to keep, repeatable (default: {', '.join(d.content_types)})",
    )
    group.add_argument("--http2", action="store_true", help="offer HTTP/2 (needs the h2 package)")
    shared.add_argument(
        "--progress",
        type=float,
        metavar="S",
        help="seconds between progress lines on stderr; 0 for none (default: 1 on a terminal, else 10)",
    )
    return shared


@dataclass(slots=True)
class Tally:
    """What a run did, and a line of progress now and then on standard error."""

    total: int
    every: float  # seconds between progress lines; 0 for none
    skipped: int = 0
    fetched: int = 0
    rejected: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)
    shown: float = field(default_factory=time.monotonic)

    def count(self, rejected: bool) -> None:
        if rejected:
            self.rejected += 1
        else:
            self.fetched += 1
        now = time.monotonic()
        if self.every and now - self.shown >= self.every:
            self.shown = now
            end = "\r" if sys.stderr.isatty() else "\n"
            print(f"newsclean: {self.progress(now)}", end=end, file=sys.stderr, flush=True)

    def progress(self, now: float) -> str:
        done = self.fetched + self.rejected
        rate = done / max(now - self.started, 1e-9)
        todo = self.total - self.skipped
        return f"{done}/{todo} urls, {self.fetched} fetched, {self.rejected} rejected, {rate:.1f}/s"

    def summary(self, rejects: str | None) -> str:
        line = f"newsclean: urls={self.total} fetched={self.fetched} rejected={self.rejected} skipped={self.skipped}"
        line += "".join(f" {status}={n}" for status, n in sorted(self.statuses.items()))
        if rejects is not None:
            line += f" -> {rejects}"
        return line


def run_fetch(args: argparse.Namespace, options: Options) -> int:
    """Fetch the URLs into the WARC file ``args.output``."""
    plan = _plan(args)
    if isinstance(plan, int):
        return plan
    from ..fetch import WarcArchive, archived_urls

    output = Path(args.output)
    done = archived_urls(output) if args.resume and output.exists() else set()
    with ExitStack() as stack:
        archive = stack.enter_context(WarcArchive(output, append=args.resume))

        async def keep(page: Page) -> str | None:
            archive.write(page)
            return None

        return _run(args, plan, done, keep, stack)


def run_scrape(args: argparse.Namespace, options: Options) -> int:
    """Fetch the URLs and write one cleaned record per page."""
    from .. import clean_html

    plan = _plan(args)
    if isinstance(plan, int):
        return plan
    from ..fetch import WarcArchive, archived_urls

    done = _jsonl_ids(Path(args.output)) if args.resume else set()
    with ExitStack() as stack:
        output = _open(stack, args.output, append=args.resume)
        archive = stack.enter_context(WarcArchive(args.warc, append=args.resume)) if args.warc else None
        archived = archived_urls(args.warc) if archive is not None and args.resume else set()
        statuses: Counter[str] = Counter()

        async def keep(page: Page) -> str | None:
            if archive is not None and page.url not in archived:
                archive.write(page)
            article = await asyncio.to_thread(
                clean_html, page.body, url=page.final_url, charset=page.charset, options=options
            )
            statuses[article.status.value] += 1
            if article.status is Status.ERROR and args.rejects:
                return article.reason or "cleaning failed"
            record = {"id": page.url, "source": page.final_url, "fetched": page.fetched_at, **article.to_dict()}
            output.write(json_line(record))
            output.flush()
            return None

        return _run(args, plan, done, keep, stack, statuses)


@dataclass(frozen=True, slots=True)
class Plan:
    """What to fetch and how, read from the arguments before any file is opened."""

    options: FetchOptions
    urls: list[str]


def _plan(args: argparse.Namespace) -> Plan | int:
    """The fetch options and the distinct URLs; else exit code 2 for a usage error, 1 without the fetch extra."""
    try:
        from ..fetch import _deps  # noqa: F401 - raises ImportError naming the extra to install
    except ImportError as exc:
        log.error("%s", exc)
        return 1
    if args.http2 and importlib.util.find_spec("h2") is None:
        log.error("--http2 needs the h2 package: pip install 'httpx[http2]'")
        return 1
    if args.resume and args.output in (None, "-"):
        log.error("--resume needs an output file (-o)")
        return 2
    try:
        plan = Plan(_fetch_options(args), list(dict.fromkeys(_read_urls(args))))
    except (OptionsError, OSError) as exc:
        log.error("%s", exc)
        return 2
    if not plan.urls:
        log.error("no URLs given: name them, or a file of them with --urls")
        return 2
    return plan


def _run(
    args: argparse.Namespace,
    plan: Plan,
    done: set[str],
    keep: PageSink,
    stack: ExitStack,
    statuses: Counter[str] | None = None,
) -> int:
    """Fetch the URLs not in ``done``, hand each page to ``keep``, write the rejects; the exit code."""
    every = args.progress if args.progress is not None else (1.0 if sys.stderr.isatty() else 10.0)
    tally = Tally(total=len(plan.urls), every=every)
    todo = [url for url in plan.urls if url not in done]
    tally.skipped = len(plan.urls) - len(todo)
    rejects = _open(stack, args.rejects, append=False) if args.rejects else None
    asyncio.run(_crawl(todo, plan.options, keep, rejects, tally))
    if statuses is not None:
        tally.statuses = statuses
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(tally.summary(args.rejects), file=sys.stderr)
    return 1 if todo and not tally.fetched else 0


async def _crawl(
    urls: list[str], options: FetchOptions, keep: PageSink, rejects: BinaryIO | None, tally: Tally
) -> None:
    from ..fetch import fetch_many

    async for result in fetch_many(urls, options):
        reason = await keep(result.page) if result.page is not None else None
        if result.page is None or reason is not None:
            _reject(result, reason, rejects)
        tally.count(rejected=result.page is None or reason is not None)


def _reject(result: FetchResult, reason: str | None, rejects: BinaryIO | None) -> None:
    record: dict[str, Any]
    if result.error is not None:
        error = result.error
        record = {"url": result.url, "error": error.kind.value, "status": error.status, "reason": str(error)}
    else:
        status = result.page.status if result.page is not None else None
        record = {"url": result.url, "error": "clean", "status": status, "reason": reason}
    if rejects is None:
        log.warning("%s: %s", record["url"], record["reason"])
    else:
        rejects.write(json_line(record))
        rejects.flush()


def _fetch_options(args: argparse.Namespace) -> FetchOptions:
    types = tuple(t.strip().lower() for t in args.content_types or ()) or FetchOptions().content_types
    return FetchOptions(
        user_agent=args.user_agent,
        concurrency=args.concurrency,
        per_host=args.per_host,
        delay=args.delay,
        connect_timeout=args.connect_timeout,
        read_timeout=args.read_timeout,
        total_timeout=args.timeout,
        max_bytes=args.max_bytes,
        max_redirects=args.max_redirects,
        retries=args.retries,
        content_types=types,
        http2=args.http2,
    )


def _read_urls(args: argparse.Namespace) -> Iterator[str]:
    """The URLs named on the command line, then those of ``--urls`` (blank lines and ``#`` comments skipped)."""
    yield from (url.strip() for url in args.urls)
    if args.url_file is None:
        return
    with ExitStack() as stack:
        lines = sys.stdin if args.url_file == "-" else stack.enter_context(open(args.url_file, encoding="utf-8"))
        for line in lines:
            url = line.strip()
            if url and not url.startswith("#"):
                yield url


def _jsonl_ids(path: Path) -> set[str]:
    """The ids of the whole records of a JSON lines output; a last line cut short is dropped from the file."""
    ids: set[str] = set()
    if not path.exists():
        return ids
    whole = 0
    with open(path, "r+b") as file:
        for line in file:
            if not line.endswith(b"\n"):
                file.truncate(whole)
                break
            whole += len(line)
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def _open(stack: ExitStack, path: str | None, *, append: bool) -> BinaryIO:
    if path is None or path == "-":
        sys.stdout.flush()
        return sys.stdout.buffer
    return stack.enter_context(open(path, "ab" if append else "wb"))
