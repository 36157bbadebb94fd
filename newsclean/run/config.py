"""How a run is carried out (as opposed to :class:`~newsclean.Options`, how a page is cleaned)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import OptionsError
from ..io.outputs import DocumentFormat

CHUNK_SIZE = 64  # entries sent to a worker at once; the text cleaner classifies them as one batch
DEFAULT_TIME_BUDGET = 30.0


@dataclass(frozen=True, slots=True)
class RunConfig:
    """How to run the cleaner over many inputs.

    jobs
        Worker processes (default: every core).
    ordered
        Write records in input order (the default); otherwise in the order chunks finish, which varies
        from run to run and is faster when some chunks are slow.
    time_budget
        Seconds a document may take; a chunk gets one budget as a whole, and when it overruns its
        documents are cleaned one at a time, each with the budget, and one that overruns is rejected
        with reason "time budget exceeded". ``None`` turns the watchdog off.
    chunk_size
        Entries per chunk; part of a run's identity, so a resumed run uses the checkpoint's.
    commit_seconds
        Longest time between two commits (and checkpoints) of the output.
    commit_bytes
        Buffered output that triggers a commit earlier.
    document_format
        How each clean record is written: JSON lines (the default), plain text or Markdown (not Parquet).
    """

    jobs: int = 0
    ordered: bool = True
    time_budget: float | None = DEFAULT_TIME_BUDGET
    chunk_size: int = CHUNK_SIZE
    commit_seconds: float = 2.0
    commit_bytes: int = 16 << 20
    document_format: DocumentFormat = DocumentFormat.JSON

    def __post_init__(self) -> None:
        if self.jobs < 0:
            raise OptionsError(f"jobs must be >= 0 (0: every core), got {self.jobs!r}")
        if self.time_budget is not None and not self.time_budget > 0:
            raise OptionsError(f"time budget must be positive, got {self.time_budget!r}")
        if not self.commit_seconds > 0:
            raise OptionsError(f"commit interval must be positive, got {self.commit_seconds!r}")
        if self.chunk_size < 1:
            raise OptionsError(f"chunk size must be positive, got {self.chunk_size!r}")

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

    @property
    def window(self) -> int:
        """Chunks that may be in flight or waiting to be written at once (bounds memory)."""
        return 4 * self.workers + 2
