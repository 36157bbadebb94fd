"""Running the cleaner over large inputs: worker processes, time budget, progress, statistics, resume.

Data flows one way: :class:`~newsclean.io.InputReader` entries are grouped into chunks
(:mod:`.chunks`), cleaned in worker processes (:mod:`.worker`, :mod:`.pool`; :mod:`.dispatch` sends each
document to the text or HTML cleaner), and written by the parent to committed sinks
(:mod:`newsclean.io.outputs`) with a checkpoint after each commit (:mod:`.checkpoint`); :mod:`.runner`
puts these together, :mod:`.progress` and :mod:`.stats` report on them.
"""

from __future__ import annotations

from .config import RunConfig
from .runner import RunResult, run

__all__ = ["RunConfig", "RunResult", "run"]
