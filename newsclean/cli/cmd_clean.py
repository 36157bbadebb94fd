"""``newsclean clean``: every input document in, one record per document out (see :mod:`newsclean.run`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from ..errors import OptionsError
from ..io import DEFAULT_GLOBS, InputReader, RecordFields
from ..io.outputs import DocumentFormat
from ..options import Options
from ..run import RunConfig, run
from ..run.checkpoint import CheckpointError
from ..run.runner import Destinations

log = logging.getLogger(__name__)


def run_clean(args: argparse.Namespace, options: Options) -> int:
    """Clean every document in ``args.paths``; 0 once the run completed, 1 if nothing could be read
    (or the output cannot be written, or the checkpoint cannot be used), 2 for options that do not fit."""
    fields = RecordFields(text=args.text_field, id=args.id_field, url=args.url_field, html=args.html_field)
    reader = InputReader(
        args.paths, fields=fields, globs=args.glob or DEFAULT_GLOBS, stdin=getattr(sys.stdin, "buffer", None)
    )
    try:
        config = RunConfig(
            jobs=args.jobs,
            ordered=args.ordered,
            time_budget=args.time_budget or None,
            commit_seconds=args.commit_interval,
            document_format=DocumentFormat(args.format),
        )
        result = run(
            reader,
            options=options,
            config=config,
            destinations=Destinations(args.output, args.rejects),
            resume=args.resume,
            show_progress=not args.no_progress,
        )
    except OptionsError as exc:
        log.error("%s", exc)
        return 2
    except CheckpointError as exc:
        log.error("cannot resume: %s", exc)
        return 1
    except ImportError as exc:
        log.error("%s", exc)
        return 1
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        log.error("cannot open %s: %s", exc.filename, exc.strerror)
        return 1
    stats = result.stats
    for line in stats.summary(args.rejects):
        print(line, file=sys.stderr)
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as stream:
            json.dump({**stats.to_json(), "jobs": config.workers, "resumed": result.resumed}, stream, indent=2)
            stream.write("\n")
    if stats.inputs == stats.unreadable:
        log.error("no input could be read")
        return 1
    return 0
