"""Reading input dumps and writing records: text and HTML files, directories, standard input, JSON lines,
WARC/WET and Parquet in; JSON lines and Parquet out."""

from __future__ import annotations

from .inputs import DEFAULT_GLOBS, STDIN_SOURCE, InputKind, InputReader, input_kind, iter_documents
from .outputs import JsonlSink, OutputFormat, ParquetSink, json_line, output_format
from .records import ContentKind, Document, Entry, Item, JsonLine, RecordFields, Rejected, resolve

__all__ = [
    "DEFAULT_GLOBS",
    "STDIN_SOURCE",
    "ContentKind",
    "Document",
    "Entry",
    "InputKind",
    "InputReader",
    "Item",
    "JsonLine",
    "JsonlSink",
    "OutputFormat",
    "ParquetSink",
    "RecordFields",
    "Rejected",
    "input_kind",
    "iter_documents",
    "json_line",
    "output_format",
    "resolve",
]
