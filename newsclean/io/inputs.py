"""Input entries from paths: dumps and HTML files, directories of them, standard input, JSON lines,
WARC/WET and Parquet files.

Reading never stops at a bad input: an unreadable file, an invalid JSON line, a broken WARC record or an
unreadable Parquet row group comes out as a :class:`~newsclean.io.records.Rejected` entry carrying an
:class:`~newsclean.errors.InputError`, and reading goes on with what follows.
"""

from __future__ import annotations

import fnmatch
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from .._compat import StrEnum
from ..errors import InputError
from .compression import compression_of, open_decompressed, read_errors, strip_compression
from .jsonl import read_jsonl
from .records import ContentKind, Document, Entry, Item, RecordFields, Rejected, describe, resolve

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_SOURCE = "<stdin>"
DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm")


class InputKind(StrEnum):
    """How a path is read (from its name; ``.gz`` and ``.zst`` endings are looked through)."""

    TEXT = "text"  # one raw text dump per file
    HTML = "html"  # one HTML page per file (.html, .htm)
    JSONL = "jsonl"  # one JSON object per line (.jsonl, .ndjson)
    WARC = "warc"  # WARC or WET records (.warc, .wet, .arc)
    PARQUET = "parquet"  # rows of a Parquet file (.parquet)


_SUFFIXES = {
    ".jsonl": InputKind.JSONL,
    ".ndjson": InputKind.JSONL,
    ".warc": InputKind.WARC,
    ".wet": InputKind.WARC,
    ".arc": InputKind.WARC,
    ".parquet": InputKind.PARQUET,
    ".html": InputKind.HTML,
    ".htm": InputKind.HTML,
}


def input_kind(path: Path) -> InputKind:
    """The kind named by the file's last suffix, once a compression suffix is removed; text otherwise."""
    suffix = Path(strip_compression(path.name)).suffix.lower()
    return _SUFFIXES.get(suffix, InputKind.TEXT)


class InputReader:
    """Every entry of ``paths`` in order, with how far reading has got (for progress and ETA).

    A directory gives its files whose names match ``globs``, sorted, recursively, each read by its kind.
    ``-`` reads ``stdin`` as one text dump. ``skipped`` counts WARC records that are not documents.
    """

    def __init__(
        self,
        paths: Sequence[str],
        *,
        fields: RecordFields | None = None,
        globs: Sequence[str] = DEFAULT_GLOBS,
        stdin: BinaryIO | None = None,
    ) -> None:
        self.paths = tuple(paths)
        self.fields = fields or RecordFields()
        self.globs = tuple(globs)
        self.skipped: Counter[str] = Counter()
        self._stdin = stdin
        self._done = 0  # bytes of the files finished
        self._current: BinaryIO | None = None

    @property
    def total_bytes(self) -> int | None:
        """Size of the inputs when every path is a regular file (so an ETA can be given)."""
        total = 0
        for name in self.paths:
            if name == STDIN or not os.path.isfile(name):
                return None
            total += os.path.getsize(name)
        return total

    @property
    def position(self) -> int:
        """Bytes of input files read so far (compressed bytes for compressed files)."""
        current = self._current
        try:
            return self._done + (current.tell() if current is not None and not current.closed else 0)
        except (OSError, ValueError):
            return self._done

    def __iter__(self) -> Iterator[Entry]:
        for name in self.paths:
            if name == STDIN:
                yield _read_stdin(self._stdin)
                continue
            path = Path(name)
            if path.is_dir():
                yield from self._read_directory(path)
            else:
                yield from self._read_file(path)

    def _read_directory(self, top: Path) -> Iterator[Entry]:
        found = False
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for filename in sorted(filenames):
                file = Path(dirpath, filename)
                if self._matches(file.relative_to(top).as_posix()) and file.is_file():
                    found = True
                    yield from self._read_file(file)
        if not found:
            log.warning("%s: no file in directory matches %s", top, " ".join(self.globs))

    def _matches(self, relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        return any(fnmatch.fnmatch(relative if "/" in g else name, g) for g in self.globs)

    def _read_file(self, path: Path) -> Iterator[Entry]:
        log.info("reading %s", path)
        source = str(path)
        kind = input_kind(path)
        try:
            raw = path.open("rb")
        except OSError as exc:
            yield Rejected(source, InputError(source, f"cannot read: {describe(exc)}"))
            return
        self._current = raw
        try:
            yield from self._entries(raw, source, kind)
        finally:
            self._done += raw.tell() if not raw.closed else 0
            self._current = None
            raw.close()

    def _entries(self, raw: BinaryIO, source: str, kind: InputKind) -> Iterator[Entry]:
        if kind is InputKind.JSONL:
            yield from read_jsonl(raw, source, self.fields)
        elif kind is InputKind.WARC:
            from .warc import read_warc

            yield from read_warc(raw, source, self.skipped)
        elif kind is InputKind.PARQUET:
            from .parquet import read_parquet

            yield from read_parquet(raw, source, self.fields)
        else:
            yield _read_whole(raw, source, ContentKind.HTML if kind is InputKind.HTML else ContentKind.TEXT)


def iter_documents(
    paths: Iterable[str], *, fields: RecordFields | None = None, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every document in ``paths``, in order, each parsed (see :class:`InputReader`)."""
    for entry in InputReader(list(paths), fields=fields, stdin=stdin):
        yield resolve(entry)


def _read_stdin(stdin: BinaryIO | None) -> Item:
    if stdin is None:
        return Rejected(STDIN_SOURCE, InputError(STDIN_SOURCE, "standard input is not available"))
    try:
        return Document(STDIN_SOURCE, stdin.read())
    except OSError as exc:
        return Rejected(STDIN_SOURCE, InputError(STDIN_SOURCE, f"cannot read: {describe(exc)}"))


def _read_whole(raw: BinaryIO, source: str, kind: ContentKind) -> Item:
    errors: tuple[type[BaseException], ...] = (*read_errors(), MemoryError)
    try:
        return Document(source, open_decompressed(raw, compression_of(source)).read(), kind=kind)
    except errors as exc:
        return Rejected(source, InputError(source, f"cannot read: {describe(exc)}"))
