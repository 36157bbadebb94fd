"""Site rules and batch memory for one prepared page: the glue :mod:`newsclean.clean` calls."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

import numpy as np

from ..options import Options, SiteMemoryMode
from .apply import RuleVerdict, apply_rule
from .memory import SiteMemory
from .model import SiteRule, url_host
from .ruleset import RuleSet, load_rules

#: Batch memory stands down on a page that looks like a near-duplicate of other pages of the site rather
#: than their template around an article of its own: at least NEAR_DUPLICATE of its non-blank lines are
#: template, and dropping them would leave under MIN_KEPT_SHARE of the characters it otherwise keeps.
NEAR_DUPLICATE = 0.9
MIN_KEPT_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class SiteView:
    """What site rules and batch memory say about the lines of one page.

    ``drop``/``keep`` are the rule's, per line; ``verdict`` is the rule's (``None`` when no rule matched);
    ``template`` marks the lines batch memory found on many other pages of the site, ``seen`` on how many
    (both ``None`` without memory).
    """

    drop: np.ndarray
    keep: np.ndarray
    verdict: RuleVerdict | None = None
    seen: np.ndarray | None = None
    template: np.ndarray | None = None

    def reason(self, index: int) -> str | None:
        if self.verdict is not None and (why := self.verdict.reason(index)):
            return why
        if self.template is not None and self.seen is not None and self.template[index]:
            return f"template: seen on {int(self.seen[index])} other pages of this site"
        return None

    def narrow(self, kept: np.ndarray, lines: Sequence[str]) -> tuple[np.ndarray, SiteView]:
        """The lines to keep, from those another stage ``kept``: the rule's drops and keeps, then batch
        memory's template lines, unless the page looks like a near-duplicate (see :data:`NEAR_DUPLICATE`).
        Returns the lines and the view as applied."""
        kept = (kept & ~self.drop) | self.keep
        if self.template is None:
            return kept, self
        chars = line_chars(lines)
        template = self.template & kept & ~self.keep
        left = kept & ~template
        filled = chars > 0
        near_duplicate = (
            (self.template & filled).sum() >= NEAR_DUPLICATE * filled.sum()
            and chars[left].sum() < MIN_KEPT_SHARE * chars[kept].sum()
        )
        if not template.any() or near_duplicate:
            return kept, replace(self, template=None, seen=None)
        return left, replace(self, template=template)


def line_chars(lines: Sequence[str]) -> np.ndarray:
    """The characters of each line without its surrounding white space."""
    return np.fromiter(map(len, map(str.strip, lines)), dtype=np.int64, count=len(lines))


def rule_set(options: Options) -> RuleSet | None:
    """The rules in force under ``options`` (``None`` when site rules are off)."""
    return load_rules(options.rules) if options.site_rules else None


def new_memory(options: Options) -> SiteMemory | None:
    if options.site_memory is SiteMemoryMode.OFF:
        return None
    return SiteMemory(min_site_pages=options.site_memory_pages)


def site_key(url: str | None, rule: SiteRule | None) -> str | None:
    """The site a page belongs to for batch memory: its URL's host, else the rule that matched it."""
    host = url_host(url)
    if host:
        return host
    if rule is not None and not rule.match.fallback:
        return f"rule:{rule.name}"
    return None


class Unsettled(Enum):
    """What :func:`rule_from_dump` gives when the rule of a page cannot be told before it is prepared."""

    PREPARE = "prepare"


def rule_from_dump(rules: RuleSet | None, dump: str | bytes, url: str | None) -> SiteRule | Unsettled | None:
    """The rule :func:`match_rule` will give a page, told from its ``url`` and its dump as it came (before
    decoding and preparing) where that can be done: its URL's rule, else the fallback when no rule's
    text fingerprints can be in the dump."""
    if rules is None:
        return None
    if url and (by_url := rules.by_url(url)) is not None:
        return by_url
    if isinstance(dump, str) and not rules.may_claim(dump):
        return rules.fallback
    return Unsettled.PREPARE


def match_rule(rules: RuleSet | None, text: str, url: str | None) -> SiteRule | None:
    """The rule for a prepared page (``text``: its lines joined by ``"\\n"``)."""
    return rules.match_text(text, url) if rules is not None else None


def site_view(lines: Sequence[str], rule: SiteRule | None, memory: SiteMemory | None,
              site: str | None, *, counted: bool = True, joined: str | None = None) -> SiteView:
    """Apply ``rule`` to the page and mark the lines ``memory`` has seen on many other pages of ``site``
    (``counted``: this page's own lines are in ``memory``; ``joined``: the lines joined by ``"\\n"``,
    when the caller has them)."""
    n = len(lines)
    verdict = apply_rule(rule, lines, joined=joined) if rule is not None else None
    drop = verdict.drop if verdict is not None else np.zeros(n, dtype=bool)
    keep = verdict.keep if verdict is not None else np.zeros(n, dtype=bool)
    seen = template = None
    if memory is not None and site is not None:
        template, seen = memory.template(site, lines, counted=counted)
    return SiteView(drop, keep, verdict, seen, template)
