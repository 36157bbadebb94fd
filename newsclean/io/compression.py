"""gzip and Zstandard streams, chosen by file name: reading line by line, writing in members.

Written output is a sequence of independent members (gzip) or frames (Zstandard), one per commit, so
that a file cut after any commit is still a valid compressed file; ``gzip -d`` and ``zstd -d`` read
the members one after the other.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import Any, BinaryIO, cast

from .._compat import StrEnum
from .optional import require


class Compression(StrEnum):
    NONE = "none"
    GZIP = "gzip"
    ZSTD = "zstd"


def compression_of(name: str) -> Compression:
    lower = name.lower()
    if lower.endswith(".gz"):
        return Compression.GZIP
    if lower.endswith(".zst"):
        return Compression.ZSTD
    return Compression.NONE


def strip_compression(name: str) -> str:
    """``name`` without a ``.gz`` or ``.zst`` ending."""
    for suffix in (".gz", ".zst"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def read_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean a compressed stream is corrupt or cut short."""
    errors: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error)  # BadGzipFile is an OSError
    try:
        import zstandard
    except ImportError:
        return errors
    return (*errors, zstandard.ZstdError)


def open_decompressed(raw: BinaryIO, compression: Compression) -> BinaryIO:
    """A buffered binary stream of the decompressed bytes of ``raw``."""
    if compression is Compression.GZIP:
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb"))
    if compression is Compression.ZSTD:
        return cast(BinaryIO, io.BufferedReader(_ZstdReader(raw), buffer_size=1 << 16))
    return raw


def compress_member(data: bytes, compression: Compression) -> bytes:
    """``data`` as one complete gzip member or Zstandard frame (or as it is)."""
    if compression is Compression.GZIP:
        return gzip.compress(data, compresslevel=6, mtime=0)
    if compression is Compression.ZSTD:
        return _zstandard().ZstdCompressor(level=3).compress(data)
    return data


def _zstandard() -> Any:
    return require("zstandard", purpose="Zstandard files", extra="zstd")


class _ZstdReader(io.RawIOBase):
    """Decompresses concatenated Zstandard frames; a frame cut short raises ``EOFError`` at the end.

    (zstandard's own stream reader ends quietly on a truncated frame, which would lose records silently.)
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._zstd = _zstandard()
        self._dctx = self._zstd.ZstdDecompressor()
        self._obj: Any = None  # decompressor of the current frame; None between frames
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            chunk = self._raw.read(1 << 16)
            if not chunk:
                if self._obj is not None:
                    raise EOFError("Zstandard frame cut short before its end")
                return 0
            self._pending = self._feed(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _feed(self, chunk: bytes) -> bytes:
        out = []
        while chunk:
            if self._obj is None:
                self._obj = self._dctx.decompressobj()
            out.append(self._obj.decompress(chunk))
            if not self._obj.eof:
                break
            chunk = self._obj.unused_data
            self._obj = None
        return b"".join(out)
