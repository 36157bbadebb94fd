"""Counts of a run: records by status, extractor and site; written and rejected; bytes; time.

The counts survive a resume: they are saved in every checkpoint and loaded back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..record import Status
from .worker import Outcome

MAX_SITES = 10_000  # sites counted one by one; the rest are counted together, so memory stays bounded
OTHER_SITES = "(other)"
UNKNOWN_SITE = "(unknown)"
TOP_SITES = 10  # sites named in the summary on standard error


@dataclass(slots=True)
class RunStats:
    """What a run produced. ``inputs == written + rejected`` always holds."""

    by_status: Counter[str] = field(default_factory=Counter)
    by_extractor: Counter[str] = field(default_factory=Counter)
    by_site: Counter[str] = field(default_factory=Counter)
    written: int = 0
    rejected: int = 0
    unreadable: int = 0  # inputs that could not be read at all (counted in rejected or written too)
    input_bytes: int = 0
    seconds: float = 0.0  # time spent cleaning, over every attempt of a resumed run
    skipped: Counter[str] = field(default_factory=Counter)  # WARC records that are not documents

    @property
    def inputs(self) -> int:
        return self.written + self.rejected

    def add(self, outcome: Outcome) -> None:
        self.by_status[outcome.status.value] += 1
        self.by_extractor[outcome.extractor] += 1
        site = outcome.site or UNKNOWN_SITE
        if site in self.by_site or len(self.by_site) < MAX_SITES:
            self.by_site[site] += 1
        else:
            self.by_site[OTHER_SITES] += 1
        if outcome.rejected:
            self.rejected += 1
        else:
            self.written += 1
        self.unreadable += not outcome.readable
        self.input_bytes += outcome.size

    def to_json(self) -> dict[str, Any]:
        rate = self.inputs / self.seconds if self.seconds else None
        mb_rate = self.input_bytes / 1e6 / self.seconds if self.seconds else None
        return {
            "inputs": self.inputs,
            "written": self.written,
            "rejected": self.rejected,
            "unreadable": self.unreadable,
            "by_status": {status.value: self.by_status[status.value] for status in Status},
            "by_extractor": dict(self.by_extractor.most_common()),
            "by_site": dict(self.by_site.most_common()),
            "skipped": dict(self.skipped.most_common()),
            "input_bytes": self.input_bytes,
            "seconds": round(self.seconds, 3),
            "docs_per_second": None if rate is None else round(rate, 1),
            "mb_per_second": None if mb_rate is None else round(mb_rate, 3),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunStats:
        return cls(
            by_status=Counter(data["by_status"]),
            by_extractor=Counter(data["by_extractor"]),
            by_site=Counter(data["by_site"]),
            written=data["written"],
            rejected=data["rejected"],
            unreadable=data["unreadable"],
            input_bytes=data["input_bytes"],
            seconds=data["seconds"],
            skipped=Counter(data["skipped"]),
        )

    def summary(self, rejects_path: str | None) -> list[str]:
        """Lines for standard error; the last is ``newsclean: records=5 ok=3 empty=0 not_article=1 error=1``."""
        lines = []
        if self.by_extractor:
            lines.append("newsclean: extractors: " + " ".join(f"{k}={v}" for k, v in self.by_extractor.most_common()))
        if self.by_site:
            top = " ".join(f"{k}={v}" for k, v in self.by_site.most_common(TOP_SITES))
            lines.append(f"newsclean: sites ({len(self.by_site)}): {top}")
        if self.skipped:
            lines.append("newsclean: not documents: " + ", ".join(f"{v} {k}" for k, v in self.skipped.most_common()))
        if self.seconds:
            data = self.to_json()
            lines.append(
                f"newsclean: {self.seconds:.1f} s, {data['docs_per_second']} docs/s, "
                f"{self.input_bytes / 1e6:.1f} MB at {data['mb_per_second']} MB/s"
            )
        counts = " ".join(f"{status.value}={self.by_status[status.value]}" for status in Status)
        last = f"newsclean: records={self.inputs} {counts}"
        if rejects_path is not None:
            last += f" rejected={self.rejected} -> {rejects_path}"
        return [*lines, last]
