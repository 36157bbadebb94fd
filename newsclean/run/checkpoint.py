"""Checkpoints: which chunks are in the committed output, how far each sink goes, and the counts so far.

A checkpoint is written (atomically) after every commit of the sinks, next to the output as
``OUTPUT.checkpoint.json``, and removed when the run ends. A run's fingerprint (inputs with their sizes
and times, field names, options, output names, chunk size, order) must match for ``--resume`` to use it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NewscleanError
from ..io.outputs import SinkState, write_json_atomic
from .stats import RunStats

VERSION = 1


class CheckpointError(NewscleanError):
    """A checkpoint cannot be used to resume (unreadable, or from a different command)."""

    def __init__(self, path: Path, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


@dataclass(slots=True)
class Done:
    """Chunks whose records are committed: all below ``prefix``, and those in ``beyond``."""

    prefix: int = 0
    beyond: set[int] = field(default_factory=set)

    def add(self, chunk: int) -> None:
        self.beyond.add(chunk)
        while self.prefix in self.beyond:
            self.beyond.remove(self.prefix)
            self.prefix += 1

    def __contains__(self, chunk: int) -> bool:
        return chunk < self.prefix or chunk in self.beyond


@dataclass(slots=True)
class Checkpoint:
    fingerprint: str
    chunk_size: int
    done: Done
    sinks: dict[str, SinkState]
    stats: RunStats

    def save(self, path: Path) -> None:
        write_json_atomic(
            path,
            {
                "version": VERSION,
                "fingerprint": self.fingerprint,
                "chunk_size": self.chunk_size,
                "done": {"prefix": self.done.prefix, "beyond": sorted(self.done.beyond)},
                "sinks": self.sinks,
                "stats": self.stats.to_json(),
            },
        )

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> Checkpoint:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                raise CheckpointError(path, f"version {data.get('version')!r}, expected {VERSION}")
            if data["fingerprint"] != fingerprint:
                raise CheckpointError(path, "made by another command or for other inputs; rerun without --resume")
            done = Done(data["done"]["prefix"], set(data["done"]["beyond"]))
            return cls(fingerprint, data["chunk_size"], done, data["sinks"], RunStats.from_json(data["stats"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CheckpointError(path, f"unreadable checkpoint: {exc}") from exc


def checkpoint_path(output: str) -> Path:
    return Path(output + ".checkpoint.json")


def fingerprint(identity: dict[str, Any]) -> str:
    """A hash of what makes a run the same run; regular input files add their size and modification time."""
    files = []
    for name in identity.get("paths", ()):
        try:
            stat = os.stat(name)
        except OSError:
            files.append([name, None, None])
            continue
        files.append([os.path.abspath(name), stat.st_size, stat.st_mtime_ns] if os.path.isfile(name) else [name])
    text = json.dumps({**identity, "files": files}, sort_keys=True, default=_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _default(value: object) -> object:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)  # type: ignore[call-overload]
    return str(value)
