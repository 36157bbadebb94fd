"""One run: entries in chunks to the workers, records to the sinks, a checkpoint after every commit.

Every chunk's records are added to the sinks whole, so the committed output always holds exactly the
records of the chunks the checkpoint names. ``resume=True`` reopens the sinks at the checkpoint (cutting
away anything written after it) and skips the chunks it names; the result is the same records as an
uninterrupted run, none lost and none twice.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import OptionsError
from ..io.inputs import InputReader
from ..io.outputs import DocumentFormat, JsonlSink, OutputFormat, ParquetSink, SinkState, output_format
from ..options import Options
from .checkpoint import Checkpoint, Done, checkpoint_path, fingerprint
from .config import RunConfig
from .pool import WorkerPool
from .progress import Progress
from .stats import RunStats
from .worker import Outcome, Task, WorkerSetup

log = logging.getLogger(__name__)

STDOUT = "-"


@dataclass(frozen=True, slots=True)
class RunResult:
    stats: RunStats
    resumed: bool  # continued from a checkpoint


@dataclass(frozen=True, slots=True)
class Destinations:
    """Where records go: ``output`` (None or ``-``: ``stdout``) and, when given, ``rejects``."""

    output: str | None = None
    rejects: str | None = None
    stdout: BinaryIO | None = None

    @property
    def durable(self) -> bool:
        return self.output not in (None, STDOUT)


def run(
    reader: InputReader,
    *,
    options: Options,
    config: RunConfig,
    destinations: Destinations,
    resume: bool = False,
    progress_stream: TextIO | None = None,
    show_progress: bool = True,
) -> RunResult:
    """Clean every entry of ``reader`` into ``destinations``; see the module docstring for resuming."""
    fmt = output_format(destinations.output)
    if options.time_budget is None and config.time_budget is not None:  # HTML pages then stop in time themselves
        options = replace(options, time_budget=config.time_budget)
    _check(destinations, fmt, options, resume)
    if fmt is OutputFormat.PARQUET and config.document_format is not DocumentFormat.JSON:
        raise OptionsError(f"--format {config.document_format} writes plain text, not Parquet: name another output")
    identity = {
        "paths": reader.paths, "globs": reader.globs, "fields": reader.fields, "options": options,
        "output": destinations.output, "rejects": destinations.rejects, "ordered": config.ordered,
        "format": config.document_format.value,
    }  # fmt: skip
    state = _Attempt.start(destinations, fmt, fingerprint(identity), config.chunk_size, resume)
    setup = WorkerSetup(options, fmt, destinations.rejects is not None, config.document_format)
    progress = Progress(progress_stream or sys.stderr, total=reader.total_bytes, enabled=show_progress)
    try:
        with WorkerPool(config.workers, setup, config.time_budget) as pool:
            state.drive(pool, _tasks(reader, state.chunk_size, state.done), config, reader, progress)
    finally:
        progress.close()
    state.stats.skipped = reader.skipped.copy()
    state.finish()
    return RunResult(state.stats, state.resumed)


def _check(destinations: Destinations, fmt: OutputFormat, options: Options, resume: bool) -> None:
    if resume and not destinations.durable:
        raise OptionsError("--resume needs the output in a file (-o FILE)")
    if fmt is OutputFormat.PARQUET and options.explain:
        raise OptionsError("--explain needs JSON-lines output (decisions do not fit the Parquet columns)")
    if destinations.rejects == STDOUT:
        raise OptionsError("the rejects go to a file, not standard output")


def _tasks(reader: InputReader, chunk_size: int, done: Done) -> Iterator[Task]:
    entries = iter(reader)
    chunk = 0
    while batch := tuple(islice(entries, chunk_size)):
        if chunk not in done:
            yield Task(chunk, batch)
        chunk += 1


class _Attempt:
    """The sinks, the checkpoint and the counts of this attempt at a run (fresh or resumed)."""

    def __init__(self, destinations: Destinations, fmt: OutputFormat, fp: str, chunk_size: int) -> None:
        self.destinations = destinations
        self.fmt = fmt
        self.fingerprint = fp
        self.chunk_size = chunk_size
        self.done = Done()
        self.stats = RunStats()
        self.resumed = False
        self.checkpoint = checkpoint_path(destinations.output) if destinations.durable and destinations.output else None
        self.output: JsonlSink | ParquetSink
        self.rejects: JsonlSink | None = None
        self._started = time.monotonic()
        self._base_seconds = 0.0
        self._last_commit = self._started

    @classmethod
    def start(cls, destinations: Destinations, fmt: OutputFormat, fp: str, chunk_size: int, resume: bool) -> _Attempt:
        attempt = cls(destinations, fmt, fp, chunk_size)
        saved = None
        if resume and attempt.checkpoint is not None and attempt.checkpoint.exists():
            saved = Checkpoint.load(attempt.checkpoint, fp)
            attempt.chunk_size, attempt.done, attempt.stats = saved.chunk_size, saved.done, saved.stats
            attempt._base_seconds = saved.stats.seconds
            attempt.resumed = True
            log.info("resuming: %d records already written", attempt.stats.inputs)
        elif resume:
            log.warning("no checkpoint for %s: starting from the beginning", destinations.output)
        attempt._open_sinks(saved.sinks if saved else None)
        attempt.commit()
        return attempt

    def _open_sinks(self, states: dict[str, SinkState] | None) -> None:
        out, rejects, stdout = self.destinations.output, self.destinations.rejects, self.destinations.stdout
        if self.fmt is OutputFormat.PARQUET and out is not None:
            self.output = ParquetSink(out, state=states["output"] if states else None)
        elif self.destinations.durable:
            self.output = JsonlSink(out, state=states["output"] if states else None)
        else:
            self.output = JsonlSink(None, stream=stdout or sys.stdout.buffer)
        if rejects is not None:
            self.rejects = JsonlSink(rejects, state=states.get("rejects") if states else None)

    def drive(
        self, pool: WorkerPool, tasks: Iterator[Task], config: RunConfig, reader: InputReader, progress: Progress
    ) -> None:
        """Feed ``pool`` and write what comes back, in input order when ``config.ordered``."""
        waiting: deque[int] = deque()  # chunks sent and not written yet, in input order
        finished: dict[int, list[Outcome]] = {}
        upcoming = next(tasks, None)
        while True:
            while (
                upcoming is not None
                and pool.has_room()
                and (not waiting or upcoming.chunk - waiting[0] < config.window)
            ):
                pool.submit(upcoming)
                waiting.append(upcoming.chunk)
                upcoming = next(tasks, None)
            if upcoming is None and pool.idle and not finished:
                return
            docs = 0
            for chunk, outcomes in pool.collect():
                finished[chunk] = outcomes
                docs += len(outcomes)
            if config.ordered:
                while waiting and waiting[0] in finished:
                    self._write(waiting[0], finished.pop(waiting.popleft()))
            else:
                for chunk in sorted(finished):
                    waiting.remove(chunk)
                    self._write(chunk, finished.pop(chunk))
            progress.update(docs, reader.position)
            self._maybe_commit(config)

    def _write(self, chunk: int, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            self.stats.add(outcome)
            if outcome.rejected and self.rejects is not None:
                assert isinstance(outcome.payload, bytes)
                self.rejects.add(outcome.payload)
            else:
                self.output.add(outcome.payload)  # type: ignore[arg-type]
        self.done.add(chunk)

    def _maybe_commit(self, config: RunConfig) -> None:
        buffered = self.output.buffered_bytes + (self.rejects.buffered_bytes if self.rejects else 0)
        if buffered >= config.commit_bytes or time.monotonic() - self._last_commit >= config.commit_seconds:
            self.commit()

    def commit(self) -> None:
        """Make what the sinks hold durable, then record it in the checkpoint."""
        self.output.commit()
        if self.rejects is not None:
            self.rejects.commit()
        self.stats.seconds = self._base_seconds + time.monotonic() - self._started
        self._last_commit = time.monotonic()
        if self.checkpoint is not None:
            sinks = {"output": self.output.state()}
            if self.rejects is not None:
                sinks["rejects"] = self.rejects.state()
            Checkpoint(self.fingerprint, self.chunk_size, self.done, sinks, self.stats).save(self.checkpoint)

    def finish(self) -> None:
        """Commit the rest, close the sinks (Parquet parts are merged), then drop the checkpoint."""
        self.commit()
        self.output.close()
        if self.rejects is not None:
            self.rejects.close()
        if self.checkpoint is not None:
            self.checkpoint.unlink(missing_ok=True)
        if isinstance(self.output, ParquetSink):
            self.output.remove_parts()
        if self.checkpoint is not None:
            Path(str(self.checkpoint) + ".tmp").unlink(missing_ok=True)
