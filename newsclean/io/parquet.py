"""Parquet in and out through pyarrow (the ``parquet`` extra).

Reading goes row group by row group in small batches, so memory stays bounded whatever the file's size.
A row group that cannot be read gives one :class:`~newsclean.io.records.Rejected` naming it and its
rows, and reading goes on with the next row group.

Writing: the output is committed in parts (one small Parquet file each, written to a temporary name
and renamed), which :func:`merge_parts` joins into the final file at the end of the run.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..record import Article
from .optional import require
from .records import Entry, RecordFields, Rejected, describe, document_from_fields

READ_BATCH_ROWS = 256
MERGE_ROWS = 4096  # rows gathered before writing a row group of the merged file

# Output columns, all strings (a JSON id that is a number is written as its decimal text): where the
# input came from, then every field of the Article but the per-line decisions.
COLUMNS = ("id", "source", "fetched", *(f.name for f in dataclasses.fields(Article) if f.name != "decisions"))


def pyarrow_modules() -> tuple[Any, Any]:
    """``pyarrow`` and ``pyarrow.parquet``, or an ImportError naming the extra."""
    parquet = require("pyarrow.parquet", purpose="Parquet files", extra="parquet")
    return require("pyarrow", purpose="Parquet files", extra="parquet"), parquet


def read_parquet(raw: BinaryIO, source: str, fields: RecordFields) -> Iterator[Entry]:
    """One document per row of the Parquet file ``source``, open as ``raw``; rows are numbered from 1."""
    _, pq = pyarrow_modules()
    try:
        file = pq.ParquetFile(raw)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError… for a file that is not Parquet
        yield Rejected(source, InputError(source, f"cannot read Parquet: {describe(exc)}"))
        return
    names = set(file.schema_arrow.names)
    wanted = [name for name in (fields.id, fields.url, fields.text, fields.html) if name in names]
    first_row = 1
    for group in range(file.metadata.num_row_groups):
        rows = file.metadata.row_group(group).num_rows
        row = first_row
        try:
            for batch in file.iter_batches(batch_size=READ_BATCH_ROWS, row_groups=[group], columns=wanted):
                for value in batch.to_pylist():
                    yield _row_entry(value, source, row, fields)
                    row += 1
        except Exception as exc:  # corrupt pages raise OSError, ArrowInvalid…
            cause = f"row group {group} (rows {row}-{first_row + rows - 1}) unreadable: {describe(exc)}"
            yield Rejected(f"{source}#{row}", InputError(source, cause.strip(), record=row))
        first_row += rows


def _row_entry(value: dict[str, Any], source: str, row: int, fields: RecordFields) -> Entry:
    where = f"{source}#{row}"

    def reject(cause: str, record_id: str | int | None = None, url: str | None = None) -> Rejected:
        return Rejected(where, InputError(source, cause, record=row), record_id, url)

    return document_from_fields(value, where, fields, reject)


def write_part(path: Path, rows: Sequence[Mapping[str, Any]]) -> None:
    """``rows`` as a Parquet file at ``path``, durably: written aside, synced, then renamed."""
    pa, pq = pyarrow_modules()
    table = pa.table({name: pa.array([_text(row.get(name)) for row in rows], pa.string()) for name in COLUMNS})
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as stream:
        pq.write_table(table, stream, compression="zstd")
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def merge_parts(parts: Sequence[Path], target: Path) -> None:
    """The rows of ``parts``, in order, as one Parquet file at ``target`` (written aside, then renamed)."""
    pa, pq = pyarrow_modules()
    schema = pa.schema([(name, pa.string()) for name in COLUMNS])
    temporary = target.with_name(target.name + ".tmp")
    pending: list[Any] = []
    with pq.ParquetWriter(temporary, schema, compression="zstd") as writer:
        for part in parts:
            pending.append(pq.read_table(part, schema=schema))
            if sum(t.num_rows for t in pending) >= MERGE_ROWS:
                writer.write_table(pa.concat_tables(pending))
                pending = []
        if pending or not parts:
            writer.write_table(pa.concat_tables(pending) if pending else schema.empty_table())
    with temporary.open("rb") as stream:
        os.fsync(stream.fileno())
    os.replace(temporary, target)


def _text(value: object) -> str | None:
    return value if value is None or isinstance(value, str) else str(value)
