"""The error a bad rule file raises: one per file, naming the file, the key and what was expected."""

from __future__ import annotations

from ..errors import NewscleanError


class RuleError(NewscleanError, ValueError):
    """A site-rule file cannot be used.

    ``path`` is the file, ``key`` the dotted key at fault (``dump.drop_patterns[2]``; ``None`` when the
    file as a whole is at fault, e.g. it is not TOML), ``expected`` what the key must hold and ``got``
    what it held, shortened.
    """

    def __init__(self, path: str, key: str | None, expected: str, got: object = None) -> None:
        where = f"{path}: {key}" if key else path
        message = f"{where}: expected {expected}"
        if got is not None:
            shown = repr(got)
            message += f", got {shown[:80] + '…' if len(shown) > 80 else shown}"
        super().__init__(message)
        self.path = path
        self.key = key
        self.expected = expected
        self.got = got
