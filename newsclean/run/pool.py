"""Worker processes with a watchdog: a document that overruns its time budget cannot stall a worker.

Each worker has its own pipe and works on one task at a time. A task gets one time budget; when it
overruns, or its worker dies, the worker is killed and replaced, and the task is sent again in single
mode, where the worker announces each entry before cleaning it and each entry gets the budget. The
entry that overruns (or kills its worker) in single mode is given up with a reason, and the task is sent
once more without it. So every entry ends with a record, and a pathological page costs at most about
two budgets.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import time
from collections import deque
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Any

from .worker import Outcome, Task, WorkerSetup, process, warm_up, worker_main

log = logging.getLogger(__name__)

_KILL_WAIT_SECONDS = 5.0
_WAIT_SLICE = 0.2  # longest wait for results, so that the caller can report progress


@dataclass(slots=True)
class _Worker:
    process: Any  # multiprocessing.Process (of the chosen context)
    conn: Connection
    task: Task | None = None
    current: int | None = None  # entry announced in single mode
    deadline: float | None = None


class WorkerPool:
    """``jobs`` worker processes (started on entering, replaced when killed); :meth:`submit` tasks,
    :meth:`collect` results."""

    def __init__(self, jobs: int, setup: WorkerSetup, time_budget: float | None) -> None:
        self._jobs = jobs
        self._setup = setup
        self._budget = time_budget
        methods = multiprocessing.get_all_start_methods()
        self._context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._workers: list[_Worker] = []
        self._queue: deque[Task] = deque()  # tasks not yet sent; retries go first
        self._done_here: list[tuple[int, list[Outcome]]] = []  # tasks whose every entry was given up

    def __enter__(self) -> WorkerPool:
        # Load the models here, once, so that every worker (and every replacement) has them from the
        # start and its first chunk is not charged for loading them. Fork every worker now, before
        # reading starts: readers such as pyarrow start threads, and a process forked from a threaded
        # one may inherit a lock held by a thread that is not there.
        warm_up(self._setup)
        while len(self._workers) < self._jobs:
            self._start_worker()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def idle(self) -> bool:
        """True when nothing is queued or running."""
        return not self._queue and not self._done_here and all(w.task is None for w in self._workers)

    def has_room(self) -> bool:
        """True when a submitted task would start at once."""
        busy = sum(w.task is not None for w in self._workers)
        return busy + len(self._queue) < self._jobs

    def submit(self, task: Task) -> None:
        self._queue.append(task)

    def collect(self, timeout: float = _WAIT_SLICE) -> list[tuple[int, list[Outcome]]]:
        """Start queued tasks, then wait up to ``timeout`` seconds; the tasks finished meanwhile."""
        self._dispatch()
        busy = [w for w in self._workers if w.task is not None]
        if not busy:
            finished, self._done_here = self._done_here, []
            return finished
        now = time.monotonic()
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        wait_for = min([timeout, *(d - now for d in deadlines)])
        ready = wait([w.conn for w in busy], timeout=max(wait_for, 0.0))
        finished = []
        for worker in busy:
            if worker.conn in ready:
                result = self._receive(worker)
                if result is not None:
                    finished.append(result)
        now = time.monotonic()
        for worker in busy:
            if worker.task is not None and worker.deadline is not None and now > worker.deadline:
                self._fail(worker, f"time budget exceeded ({self._budget:g} s)")
        self._dispatch()
        finished.extend(self._done_here)
        self._done_here.clear()
        return finished

    def close(self) -> None:
        for worker in self._workers:
            if worker.task is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(timeout=_KILL_WAIT_SECONDS if worker.task is None else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers.clear()

    def _dispatch(self) -> None:
        while self._queue:
            worker = next((w for w in self._workers if w.task is None), None)
            if worker is None:
                if len(self._workers) >= self._jobs:
                    return
                worker = self._start_worker()
            task = self._queue.popleft()
            worker.task, worker.current = task, None
            worker.deadline = None if self._budget is None else time.monotonic() + self._budget
            worker.conn.send(task)

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        inherited = [w.conn for w in self._workers]
        process = self._context.Process(
            target=worker_main,
            args=(child_end, self._setup, os.getpid(), inherited),
            name="newsclean-worker",
            daemon=True,
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self._workers.append(worker)
        return worker

    def _receive(self, worker: _Worker) -> tuple[int, list[Outcome]] | None:
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError):
            self._fail(worker, f"worker died (exit code {_exit_code(worker)})")
            return None
        if kind == "start":
            worker.current = value
            worker.deadline = None if self._budget is None else time.monotonic() + self._budget
            return None
        task = worker.task
        assert task is not None
        worker.task, worker.current, worker.deadline = None, None, None
        return task.chunk, value

    def _fail(self, worker: _Worker, reason: str) -> None:
        """Replace ``worker`` and send its task again: in single mode, without the entry at fault."""
        task = worker.task
        assert task is not None
        log.warning("chunk %d: %s; %s", task.chunk, reason, "isolating the document" if task.single else "retrying")
        if task.single:
            left = [k for k in range(len(task.entries)) if k not in dict(task.given_up)]
            # failed before announcing any entry: the first one left is at fault
            at_fault = worker.current if worker.current is not None else left[0]
            retry = replace(task, given_up=(*task.given_up, (at_fault, reason)))
        else:
            retry = replace(task, single=True)
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._workers.remove(worker)
        if retry.single and len(retry.given_up) == len(retry.entries):  # nothing left to clean: no worker needed
            self._done_here.append((retry.chunk, process(retry, self._setup)))
        else:
            self._queue.appendleft(retry)


def _exit_code(worker: _Worker) -> object:
    worker.process.join(timeout=_KILL_WAIT_SECONDS)
    return worker.process.exitcode
