"""Reading input dumps: text files, directories of them, standard input and JSON lines."""

from __future__ import annotations

from .inputs import STDIN_SOURCE, Document, InputKind, Item, RecordFields, Rejected, input_kind, iter_documents

__all__ = ["STDIN_SOURCE", "Document", "InputKind", "Item", "RecordFields", "Rejected", "input_kind", "iter_documents"]
