"""Progress on standard error: a tqdm bar on a terminal (input MB, MB/s, ETA; docs and docs/s), plain
lines every few seconds otherwise."""

from __future__ import annotations

import time
from typing import Any, TextIO

PLAIN_INTERVAL = 10.0  # seconds between two plain progress lines
_BAR_REFRESH = 0.5


class Progress:
    """Reports documents done and input bytes read; ``total`` bytes, when known, gives a percentage and ETA."""

    def __init__(self, stream: TextIO, *, total: int | None, enabled: bool = True, interval: float = PLAIN_INTERVAL):
        self._stream = stream
        self._total = total
        self._enabled = enabled
        self._interval = interval
        self._start = time.monotonic()
        self._last = self._start
        self._docs = 0
        self._position = 0
        self._bar: Any = None
        if enabled and _is_terminal(stream):
            self._bar = _tqdm_bar(stream, total)

    def update(self, docs: int, position: int) -> None:
        """``docs`` more documents done; the reader is at byte ``position`` of the input."""
        self._docs += docs
        now = time.monotonic()
        if not self._enabled:
            return
        if self._bar is not None:
            self._bar.update(max(position - self._position, 0))
            self._position = max(position, self._position)
            if now - self._last >= _BAR_REFRESH:
                self._bar.set_postfix_str(f"{self._docs} docs, {self._docs / (now - self._start):.1f} docs/s")
                self._last = now
        elif now - self._last >= self._interval:
            self._position = position
            self._stream.write(self.line(now) + "\n")
            self._stream.flush()
            self._last = now

    def line(self, now: float) -> str:
        elapsed = max(now - self._start, 1e-9)
        text = (
            f"newsclean: progress: {self._docs} docs ({self._docs / elapsed:.1f} docs/s), "
            f"{self._position / 1e6:.1f} MB read ({self._position / 1e6 / elapsed:.2f} MB/s)"
        )
        if self._total:
            share = min(self._position / self._total, 1.0)
            text += f", {share:.0%}"
            if share > 0:
                text += f", ETA {_clock(elapsed * (1 - share) / share)}"
        return text

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _tqdm_bar(stream: TextIO, total: int | None) -> Any:
    import tqdm

    tqdm.tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked later
    return tqdm.tqdm(
        total=total, file=stream, unit="B", unit_scale=True, unit_divisor=1000, desc="newsclean", dynamic_ncols=True
    )


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
