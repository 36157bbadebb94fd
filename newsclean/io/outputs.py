"""Output sinks that commit durably, so that a run killed at any moment can be resumed.

A sink gathers records and writes them on :meth:`commit`, after which they are on disk (synced) and the
sink's :meth:`state` says how far the output goes. Reopening a sink with a state from a checkpoint cuts
away whatever was written after that commit.

- JSON lines (``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``, or a stream): each commit appends the records,
  as one gzip member or Zstandard frame when compressed; the state is the file's size.
- Parquet (``.parquet``): each commit writes a part file into ``NAME.parts/``; :meth:`close` merges the
  parts into ``NAME`` and :meth:`remove_parts` deletes them. The state is the number of parts.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from .._compat import StrEnum
from .compression import compress_member, compression_of, strip_compression

SinkState = dict[str, int]


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    PARQUET = "parquet"


class DocumentFormat(StrEnum):
    """What is written for each clean record (``newsclean clean --format``)."""

    JSON = "json"  # the whole record as one JSON line
    TEXT = "text"  # the body, then an empty line
    MARKDOWN = "markdown"  # "# title", the Markdown body, then a line "---"


def document_bytes(record: Mapping[str, Any], fmt: DocumentFormat) -> bytes:
    """One record written as ``fmt`` (UTF-8; lone surrogates from JSON input are replaced)."""
    if fmt is DocumentFormat.JSON:
        return json_line(record)
    if fmt is DocumentFormat.TEXT:
        rendered = f"{record.get('text') or ''}\n\n"
    else:
        title = record.get("title")
        head = f"# {title}\n\n" if title else ""
        rendered = f"{head}{record.get('markdown') or record.get('text') or ''}\n\n---\n\n"
    return rendered.encode("utf-8", errors="replace")


def output_format(name: str | None) -> OutputFormat:
    """Parquet for a ``.parquet`` name, JSON lines for anything else (and for standard output)."""
    if name is not None and strip_compression(name).lower().endswith(".parquet"):
        return OutputFormat.PARQUET
    return OutputFormat.JSONL


def json_line(record: Mapping[str, Any]) -> bytes:
    """``record`` as one UTF-8 JSON line, newline included.

    Text from JSON input may hold lone surrogates, which UTF-8 cannot encode: such a record is written
    with ASCII escapes instead, so that no record is lost.
    """
    line = json.dumps(record, ensure_ascii=False)
    try:
        return line.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(record).encode("ascii") + b"\n"


class JsonlSink:
    """JSON lines to a file (durable commits) or to a stream such as standard output (flushed only)."""

    def __init__(self, path: str | None, *, stream: BinaryIO | None = None, state: SinkState | None = None) -> None:
        self.path = path
        self._compression = compression_of(path or "")
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._owned = stream is None
        if stream is not None:
            self._stream = stream
        elif state is not None:
            self._stream = open(path or "", "r+b")  # noqa: SIM115 - closed by close()
            self._stream.truncate(state["bytes"])
            self._stream.seek(state["bytes"])
        else:
            self._stream = open(path or "", "wb")  # noqa: SIM115 - closed by close()

    @property
    def buffered_bytes(self) -> int:
        return self._buffered

    def add(self, line: bytes) -> None:
        self._buffer.append(line)
        self._buffered += len(line)

    def commit(self) -> None:
        if self._buffer:
            self._stream.write(compress_member(b"".join(self._buffer), self._compression))
            self._buffer.clear()
            self._buffered = 0
        self._stream.flush()
        if self._owned:
            os.fsync(self._stream.fileno())

    def state(self) -> SinkState:
        return {"bytes": self._stream.tell()} if self._owned else {}

    def close(self) -> None:
        self.commit()
        if self._owned:
            self._stream.close()


class ParquetSink:
    """Rows to a Parquet file, committed as part files and merged on :meth:`close`."""

    def __init__(self, path: str, *, state: SinkState | None = None) -> None:
        from .parquet import pyarrow_modules

        pyarrow_modules()  # fail early, before any work, when pyarrow is missing
        self.path = Path(path)
        self.parts_dir = self.path.with_name(self.path.name + ".parts")
        self._rows: list[Mapping[str, Any]] = []
        self._buffered = 0
        self._parts = state["parts"] if state is not None else 0
        if state is None and self.parts_dir.exists():
            shutil.rmtree(self.parts_dir)
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        for stale in self.parts_dir.iterdir():  # written after the last checkpoint, or half written
            if stale.suffix != ".parquet" or _part_number(stale) >= self._parts:
                stale.unlink()

    @property
    def buffered_bytes(self) -> int:
        return self._buffered

    def add(self, row: Mapping[str, Any]) -> None:
        self._rows.append(row)
        self._buffered += len(row.get("text") or "") + 200

    def commit(self) -> None:
        if not self._rows:
            return
        from .parquet import write_part

        write_part(self._part(self._parts), self._rows)
        _sync_directory(self.parts_dir)
        self._parts += 1
        self._rows = []
        self._buffered = 0

    def state(self) -> SinkState:
        return {"parts": self._parts}

    def close(self) -> None:
        from .parquet import merge_parts

        self.commit()
        merge_parts([self._part(n) for n in range(self._parts)], self.path)
        _sync_directory(self.path.parent)

    def remove_parts(self) -> None:
        """Delete the parts once the merged file is in place and no checkpoint points at them."""
        shutil.rmtree(self.parts_dir, ignore_errors=True)

    def _part(self, number: int) -> Path:
        return self.parts_dir / f"part-{number:06d}.parquet"


def write_json_atomic(path: Path, value: object) -> None:
    """``value`` as JSON at ``path``: written aside, synced and renamed, so a reader never sees half."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(value, stream)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)
    _sync_directory(path.parent)


def _part_number(path: Path) -> int:
    try:
        return int(path.stem.rsplit("-", 1)[-1])
    except ValueError:
        return -1


def _sync_directory(path: Path) -> None:
    """Make renames in ``path`` durable (where the platform allows opening a directory)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
