"""Errors raised by newsclean.

Cleaning a page never raises for bad *content*: an empty, binary or non-article page comes back as an
:class:`~newsclean.record.Article` with a status and a reason. Exceptions are for misuse and for
resources that cannot be read::

    NewscleanError
    ├── OptionsError        an option has a value out of range or of the wrong type
    ├── ModelError          the shipped line-model file is missing or malformed
    └── InputError          an input file or record cannot be read (names path and record)
"""

from __future__ import annotations


class NewscleanError(Exception):
    """Root of every error newsclean raises on purpose."""


class OptionsError(NewscleanError, ValueError):
    """An option has a value out of range or of the wrong type."""


class ModelError(NewscleanError):
    """The line-model weights cannot be loaded."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


class InputError(NewscleanError):
    """An input cannot be read; names where it came from and why."""

    def __init__(self, source: str, cause: str, *, record: int | None = None) -> None:
        where = source if record is None else f"{source}, record {record}"
        super().__init__(f"{where}: {cause}")
        self.source = source
        self.record = record
        self.cause = cause
