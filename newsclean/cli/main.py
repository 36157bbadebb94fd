"""``newsclean``: parse the arguments, build :class:`~newsclean.Options`, run the command.

Exit codes: 0 when the run completed (even if some inputs were rejected), 1 when no input could be read
(or the output cannot be written), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from .. import __version__
from ..errors import OptionsError
from ..io.outputs import DocumentFormat
from ..options import DEFAULT_OPTIONS, Options, SiteMemoryMode
from ..run.config import DEFAULT_TIME_BUDGET, RunConfig
from ..sites import RuleError, load_rules
from . import cmd_sites
from .cmd_clean import run_clean
from .cmd_explain import run_explain
from .cmd_fetch import add_fetch_commands

log = logging.getLogger(__name__)

_LOG_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)  # by number of -v


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        options = _options(parser, args)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    with _logging(args.verbose):
        try:
            code: int = args.run(args, options)
        except BrokenPipeError:  # the reader went away (``newsclean clean ... | head``)
            _silence_stdout()
            return 1
        except OSError as exc:
            log.error("cannot write output: %s", exc)
            return 1
        except KeyboardInterrupt:
            return 130
    return code


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; options shared by commands come from parent parsers."""
    defaults = Options()
    verbosity = argparse.ArgumentParser(add_help=False)
    verbosity.add_argument(
        "-v", "--verbose", action="count", default=argparse.SUPPRESS, help="log progress (-vv: debug)"
    )
    model = argparse.ArgumentParser(add_help=False)
    group = model.add_argument_group("classifier")
    group.add_argument(
        "--threshold",
        type=float,
        default=defaults.threshold,
        metavar="X",
        help="body probability above which a line or block is kept, between 0 and 1 "
        "(default: the model's own, 0.5 for dump lines and 0.45 for HTML blocks)",
    )
    group.add_argument("--language", metavar="xx", help="page language as an ISO 639-1 code (default: detected)")
    group.add_argument(
        "--markdown", action="store_true", help="add the body as Markdown (headings, lists, quotes, tables)"
    )
    group.add_argument("--links", action="store_true", help="HTML: keep links in the Markdown as [text](href)")
    group.add_argument(
        "--fallback",
        action="store_true",
        help="HTML: let trafilatura clean the pages newsclean is unsure of (needs newsclean[fallback])",
    )
    group.add_argument(
        "--fallback-below",
        type=float,
        default=defaults.fallback_below,
        metavar="X",
        help="confidence under which the fallback runs, between 0 and 1 (default: %(default)s)",
    )
    group.add_argument(
        "--fallback-short",
        type=int,
        default=defaults.fallback_short,
        metavar="N",
        help="body length in characters under which the fallback runs, 0 for none (default: %(default)s)",
    )
    rules = argparse.ArgumentParser(add_help=False)
    group = rules.add_argument_group("site rules")
    group.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="a directory of rule files (*.toml) that add to or override the shipped rules (repeatable)")
    group.add_argument("--no-site-rules", dest="site_rules", action="store_false", help="apply no site rule")
    group.add_argument("--rules-only", dest="use_classifier", action="store_false",
                       help="switch the line classifier off: keep every line the site rule does not drop")

    parser = argparse.ArgumentParser(
        prog="newsclean", description="Turn plain-text dumps of news pages into clean article records."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log progress (-vv: debug)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = commands.add_parser(
        "clean",
        parents=[verbosity, model, rules],
        help="clean documents into JSON lines",
        description="Clean every input document and write one JSON line per document.",
    )
    clean.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a text dump (.txt), an HTML page (.html), a directory (its files matching --glob, recursively), "
        "- for standard input, JSON lines (.jsonl[.gz|.zst]), WARC/WET (.warc[.gz], .wet[.gz]) or Parquet",
    )
    clean.add_argument(
        "-o", "--output", metavar="FILE", help="write records here: .jsonl[.gz|.zst] or .parquet (default: stdout)"
    )
    clean.add_argument(
        "--rejects", metavar="FILE", help="write records that are not ok (error, empty, not_article) here instead"
    )
    clean.add_argument("--explain", action="store_true", help="add every line's decision to the records")
    clean.add_argument("--site-memory", choices=[m.value for m in SiteMemoryMode], default=defaults.site_memory.value,
                       help="drop lines seen on many other pages of the same site in a chunk of documents "
                       "(default: %(default)s)")
    clean.add_argument(
        "--format",
        choices=[f.value for f in DocumentFormat],
        default=DocumentFormat.JSON.value,
        help="json: one record per line (default); text: each body, then an empty line; markdown: each "
        "article as Markdown with its title, then a line ---. Rejects are always JSON lines.",
    )
    run_group = clean.add_argument_group("running")
    run_group.add_argument(
        "-j", "--jobs", type=int, default=0, metavar="N", help="worker processes (default: every core)"
    )
    run_group.add_argument(
        "--unordered",
        dest="ordered",
        action="store_false",
        help="write records as chunks finish, not in input order (faster when some pages are slow)",
    )
    run_group.add_argument(
        "--time-budget",
        type=float,
        default=DEFAULT_TIME_BUDGET,
        metavar="SECONDS",
        help="seconds a document may take before it is rejected; 0: no limit (default: %(default)s)",
    )
    run_group.add_argument(
        "--resume", action="store_true", help="continue an interrupted run of the same command from its checkpoint"
    )
    run_group.add_argument(
        "--commit-interval",
        type=float,
        default=RunConfig().commit_seconds,
        metavar="SECONDS",
        help="longest time between two checkpoints of the output (default: %(default)s)",
    )
    run_group.add_argument("--stats", metavar="FILE", help="write the run's counts and throughput here as JSON")
    run_group.add_argument("--no-progress", action="store_true", help="no progress bar or progress lines")
    fields = clean.add_argument_group("record fields (JSON lines, Parquet)")
    fields.add_argument("--text-field", default="text", metavar="NAME", help="a dump (default: %(default)s)")
    fields.add_argument("--html-field", default="html", metavar="NAME", help="else a page (default: %(default)s)")
    fields.add_argument("--id-field", default="id", metavar="NAME", help="(default: %(default)s)")
    fields.add_argument("--url-field", default="url", metavar="NAME", help="(default: %(default)s)")
    clean.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="file names read in directories, repeatable (default: *.txt *.html *.htm)",
    )
    clean.set_defaults(run=run_clean)

    explain = commands.add_parser(
        "explain",
        parents=[verbosity, model, rules],
        help="show the decision for every line of a dump or block of an HTML page",
        description="Print every line of a dump (or block of an HTML page, with its XPath) with its label, "
        "score and main reasons, then the record.",
    )
    explain.add_argument(
        "file", metavar="FILE", help="a text dump, an HTML page (.html, .htm), a file of records, or - for stdin"
    )
    explain.set_defaults(run=run_explain, explain=True)
    cmd_sites.add_parser(commands, [verbosity, rules])
    add_fetch_commands(commands, verbosity, model)
    return parser


def _options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Options:
    try:
        options = Options(
            threshold=getattr(args, "threshold", DEFAULT_OPTIONS.threshold),
            language=getattr(args, "language", None),
            explain=getattr(args, "explain", False),
            markdown=getattr(args, "markdown", False) or getattr(args, "format", None) == DocumentFormat.MARKDOWN,
            links=getattr(args, "links", False),
            fallback=getattr(args, "fallback", False),
            fallback_below=getattr(args, "fallback_below", DEFAULT_OPTIONS.fallback_below),
            fallback_short=getattr(args, "fallback_short", DEFAULT_OPTIONS.fallback_short),
            rules=tuple(getattr(args, "rules", ())),
            site_rules=getattr(args, "site_rules", True),
            use_classifier=getattr(args, "use_classifier", True),
            site_memory=SiteMemoryMode(getattr(args, "site_memory", DEFAULT_OPTIONS.site_memory)),
        )
        if options.site_rules:
            load_rules(options.rules)  # a bad rule file stops the run before any page is read
    except (OptionsError, RuleError) as exc:
        parser.error(str(exc))
    return options


@contextmanager
def _logging(verbosity: int) -> Iterator[None]:
    """Send the package's log records to standard error for the length of one run."""
    logger = logging.getLogger("newsclean")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("newsclean: %(levelname)s: %(message)s"))
    level = logger.level
    logger.setLevel(_LOG_LEVELS[min(verbosity, len(_LOG_LEVELS) - 1)])
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
