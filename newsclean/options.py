"""One options object, validated once, passed by keyword."""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

from ._compat import StrEnum
from .errors import OptionsError


class SiteMemoryMode(StrEnum):
    """When :func:`~newsclean.clean_texts` counts lines across the pages of a site (see ``site_memory``)."""

    OFF = "off"
    AUTO = "auto"  # used for a site once the batch holds ``site_memory_pages`` of its pages


@dataclass(frozen=True, slots=True)
class Options:
    """How to clean a page.

    threshold
        Probability above which a line or block counts as article body (0 < threshold < 1). Lower keeps
        more. ``None`` (the default) uses each model's own: 0.5 for dump lines, 0.45 for HTML blocks
        (both chosen by cross-validation on the corpus dev split).
    language
        Force the page language (ISO 639-1, e.g. ``"en"``); ``None`` detects it from stop words.
    explain
        Attach one decision per input line (label, score, reasons) to ``Article.decisions``.
    max_chars
        Longest input cleaned; a longer one is cut there and the record's reason says so.
    min_body_chars
        A body shorter than this is reported as ``not_article``.
    rules
        Directories of site-rule files (``*.toml``) added to the shipped ones; a rule here replaces a
        shipped rule of the same name.
    site_rules
        Apply site rules at all (the shipped ones and ``rules``).
    use_classifier
        Let the generic classifier decide the lines (HTML blocks) site rules leave open; when false, every
        line a rule does not drop is kept (site rules alone). HTML pages no ``[html]`` rule matches are
        still classified.
    site_memory
        In :func:`~newsclean.clean_texts`, count line fingerprints per site across the batch and drop
        lines seen on many other pages of the same site (``auto``: once a site has ``site_memory_pages``
        pages). A list, tuple or other re-iterable of texts is counted in a first pass; a one-shot
        iterator as it streams.
    site_memory_pages
        Pages of one site the batch must hold before its template is learned.
    markdown
        Also render the body as Markdown into ``Article.markdown`` (HTML keeps headings, lists, quotes and
        tables; a dump's paragraphs become Markdown paragraphs).
    links
        HTML only: keep links in the Markdown as ``[text](href)``.
    fallback
        HTML only: when newsclean is unsure of a page (its confidence is below ``fallback_below``, or the
        body it finds is shorter than ``fallback_short`` characters), extract it with trafilatura instead
        (needs the ``fallback`` extra; slower).
    fallback_below
        Confidence (0 to 1) under which the fallback runs.
    fallback_short
        Body length in characters under which the fallback runs whatever the confidence (0: never for
        length alone). The defaults (0.5 and 300) were chosen on the corpus dev split, scoring every page
        with a block model that never saw it: they send about 2% of the pages to trafilatura.
    time_budget
        HTML only: seconds one page may take before it is given up with a reason (``None``: no limit).
    """

    threshold: float | None = None
    language: str | None = None
    explain: bool = False
    max_chars: int = 5_000_000
    min_body_chars: int = 1
    rules: tuple[str, ...] = ()
    site_rules: bool = True
    use_classifier: bool = True
    site_memory: SiteMemoryMode = SiteMemoryMode.AUTO
    site_memory_pages: int = 5
    markdown: bool = False
    links: bool = False
    fallback: bool = False
    fallback_below: float = 0.5
    fallback_short: int = 300
    time_budget: float | None = None

    def __post_init__(self) -> None:
        if self.threshold is not None and not 0.0 < self.threshold < 1.0:
            raise OptionsError(f"threshold must be between 0 and 1, got {self.threshold!r}")
        if self.language is not None and not (
            isinstance(self.language, str) and len(self.language) == 2 and self.language.isalpha()
        ):
            raise OptionsError(f"language must be a two-letter ISO 639-1 code, got {self.language!r}")
        if self.max_chars < 1:
            raise OptionsError(f"max_chars must be positive, got {self.max_chars!r}")
        if not 0.0 <= self.fallback_below <= 1.0:
            raise OptionsError(f"fallback_below must be between 0 and 1, got {self.fallback_below!r}")
        if self.fallback_short < 0:
            raise OptionsError(f"fallback_short must be >= 0, got {self.fallback_short!r}")
        if self.time_budget is not None and not self.time_budget > 0:
            raise OptionsError(f"time_budget must be positive seconds or None, got {self.time_budget!r}")
        if self.min_body_chars < 0:
            raise OptionsError(f"min_body_chars must be >= 0, got {self.min_body_chars!r}")
        if isinstance(self.rules, (str, bytes)) or not all(isinstance(d, (str, PathLike)) for d in self.rules):
            raise OptionsError(f"rules must be a sequence of directory paths, got {self.rules!r}")
        object.__setattr__(self, "rules", tuple(str(d) for d in self.rules))  # lists and Paths accepted
        if self.site_memory not in tuple(SiteMemoryMode):
            modes = ", ".join(m.value for m in SiteMemoryMode)
            raise OptionsError(f"site_memory must be one of {modes}, got {self.site_memory!r}")
        object.__setattr__(self, "site_memory", SiteMemoryMode(self.site_memory))
        if self.site_memory_pages < 2:
            raise OptionsError(f"site_memory_pages must be >= 2, got {self.site_memory_pages!r}")


DEFAULT_OPTIONS = Options()
