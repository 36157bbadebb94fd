"""A site rule applied to the lines of a dump: which lines it drops, which it keeps, what metadata it reads.

Pure functions over a list of lines. The rule narrows (start and end markers, lines to drop) and may force
lines in (``keep_patterns``); the lines it leaves open are for the generic classifier to decide.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, repeat
from operator import is_, is_not

import numpy as np

from .._compat import StrEnum
from ..text.dates import parse_date
from .literal import may_match, may_match_any, present, required_literal
from .model import DumpRules, SiteRule, line_key


class Action(StrEnum):
    """Why a rule decided a line."""

    DROP = "drop"  # the line is in ``drop``
    PATTERN = "drop_patterns"
    BEFORE_START = "before start"
    END = "end marker"
    AFTER_END = "after end"
    SKIP = "skip"
    KEEP = "keep_patterns"
    TITLE = "title"
    BYLINE = "byline"
    DATE = "date"
    TEMPLATE = "template"  # seen on other pages of the site (batch memory)


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """Metadata a rule's ``title``, ``byline`` and ``date`` patterns found, and the lines they are on."""

    title: str | None = None
    title_line: int | None = None
    author: str | None = None
    dateline: str | None = None
    published: str | None = None
    meta_lines: frozenset[int] = frozenset()


NO_RULE_META = RuleMeta()  # what a rule without metadata patterns finds


@dataclass(frozen=True, slots=True)
class RuleVerdict:
    """What one rule did to one page: per line ``drop`` / ``keep`` flags and the :class:`Action` behind
    each (``None`` for lines the rule leaves open), and the metadata its patterns found."""

    rule: str
    drop: np.ndarray
    keep: np.ndarray
    actions: tuple[Action | None, ...]
    meta: RuleMeta = NO_RULE_META

    def reason(self, index: int) -> str | None:
        action = self.actions[index]
        return None if action is None else f"site rule {self.rule}: {action.value}"


def apply_rule(rule: SiteRule, lines: Sequence[str], *, joined: str | None = None) -> RuleVerdict:
    """Apply the dump half of ``rule`` to ``lines`` (one page, already split; ``joined``: the lines joined
    by ``"\\n"``, when the caller has them)."""
    dump = rule.dump
    joined = "\n".join(lines) if joined is None else joined
    if (literals := _pattern_literals(dump)) is not None:
        return _apply_patterns(rule, lines, joined, literals)
    if _inert(dump, joined):
        none = np.zeros(len(lines), dtype=bool)
        return RuleVerdict(rule.name, none, none, (None,) * len(lines))
    page = _Page(list(map(str.strip, lines)))
    texts = page.texts
    actions: list[Action | None] = [None] * len(texts)
    for i in page.exact(dump.drop):
        actions[i] = Action.DROP
    for i in page.matching(dump.drop_patterns):
        actions[i] = actions[i] or Action.PATTERN
    start = _start(dump, page)
    for i in range(start):
        if texts[i]:
            actions[i] = Action.BEFORE_START
    end = _end(dump, page, actions, start)
    for i in range(end, len(texts)):
        if texts[i]:
            actions[i] = Action.END if i == end else Action.AFTER_END
    for skip in dump.skip:
        _skip(skip.after, skip.until, skip.max_lines, page, actions, start, end)
    meta = _metadata(dump, page, actions, end)
    for i in page.matching(dump.keep_patterns):
        actions[i] = Action.KEEP
    keep = np.fromiter(map(is_, actions, repeat(Action.KEEP)), dtype=bool, count=len(actions))
    drop = np.fromiter(map(is_not, actions, repeat(None)), dtype=bool, count=len(actions)) & ~keep
    return RuleVerdict(rule.name, drop, keep, tuple(actions), meta)


@cache
def _pattern_literals(dump: DumpRules) -> tuple[str, ...] | None:
    """The required literal of each drop and keep pattern of ``dump`` when it only drops and keeps lines by
    patterns that each need a literal (as the fallback rule does): each line is then judged alone, and only
    lines holding a literal need a look. ``None`` for other rules. Read once per rule."""
    if dump.drop or dump.skip or dump.start_after or dump.start_at or dump.end_before:
        return None
    if dump.title or dump.byline or dump.date:
        return None
    literals = tuple(required_literal(p.pattern) for p in (*dump.drop_patterns, *dump.keep_patterns))
    return None if None in literals else literals  # type: ignore[return-value]


def _apply_patterns(rule: SiteRule, lines: Sequence[str], joined: str, literals: tuple[str, ...]) -> RuleVerdict:
    """:func:`apply_rule` for a rule of patterns alone (``literals``: see :func:`_pattern_literals`), without
    stripping and joining every line (``joined``: the lines joined by ``"\n"``)."""
    n = len(lines)
    patterns = (*rule.dump.drop_patterns, *rule.dump.keep_patterns)
    found = present(joined, literals)
    if not found:
        none = np.zeros(n, dtype=bool)
        return RuleVerdict(rule.name, none, none, (None,) * n)
    # A stripped line is part of its line: a line whose stripped text holds a literal holds it itself.
    starts = [0, *accumulate(map((1).__add__, map(len, lines[:-1])))]  # where each line begins in joined
    candidates = _lines_holding(joined, starts, literals, found)
    n_drop = len(rule.dump.drop_patterns)
    drop_live = [p for k, p in enumerate(patterns[:n_drop]) if found >> k & 1]
    keep_live = [p for k, p in enumerate(patterns[n_drop:], n_drop) if found >> k & 1]
    actions: list[Action | None] = [None] * n
    keep = np.zeros(n, dtype=bool)
    drop = np.zeros(n, dtype=bool)
    for i in sorted(candidates):
        text = lines[i].strip()
        if not text:
            continue
        if any(p.search(text) for p in keep_live):
            actions[i] = Action.KEEP
            keep[i] = True
        elif any(p.search(text) for p in drop_live):
            actions[i] = Action.PATTERN
            drop[i] = True
    return RuleVerdict(rule.name, drop, keep, tuple(actions))


def _lines_holding(text: str, starts: list[int], literals: Sequence[str], found: int) -> set[int]:
    """Indices of the lines of ``text`` (``starts``: where each begins) that hold one of the ``literals``
    whose bit is set in ``found`` (see :func:`present`)."""
    lines: set[int] = set()
    for k, literal in enumerate(literals):
        if found >> k & 1:
            at = text.find(literal)
            while at >= 0:
                lines.add(bisect_right(starts, at) - 1)
                at = text.find(literal, at + 1)
    return lines


def _inert(dump: DumpRules, text: str) -> bool:
    """True when nothing of ``dump`` can act on ``text``: no whole lines, skips or metadata patterns, and
    no pattern's required literal in the text (the common case for a fallback rule)."""
    if dump.drop or dump.skip or dump.title or dump.byline or dump.date:
        return False
    lists = (dump.drop_patterns, dump.keep_patterns, dump.start_after, dump.start_at, dump.end_before)
    return not may_match_any(tuple(p for patterns in lists for p in patterns), text)


class _Page:
    """The stripped lines of a page, searched all at once: a list of patterns costs one scan of the joined
    lines (each candidate line is then checked against the patterns alone)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.joined = "\n".join(texts)
        steps = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1  # a line and its break
        self.starts = np.concatenate(([0], np.cumsum(steps[:-1]))).tolist() if texts else []

    def matching(self, patterns: Sequence[re.Pattern[str]], begin: int = 0, stop: int | None = None) -> list[int]:
        """Indices of the lines in ``begin:stop`` that one of ``patterns`` finds something in."""
        if not patterns or not self.texts:
            return []
        stop = len(self.texts) if stop is None else stop
        literals = tuple(required_literal(p.pattern) for p in patterns)
        if None in literals:
            return self._scan([p for p in patterns if may_match(p, self.joined)], begin, stop)
        # Every pattern needs its literal: the lines that hold one are the only candidates.
        found = present(self.joined, literals)  # type: ignore[arg-type]
        live = [p for k, p in enumerate(patterns) if found >> k & 1]
        if not live:
            return []
        lines = _lines_holding(self.joined, self.starts, literals, found)  # type: ignore[arg-type]
        texts = self.texts
        return [i for i in sorted(lines) if begin <= i < stop and texts[i] and any(p.search(texts[i]) for p in live)]

    def _scan(self, patterns: list[re.Pattern[str]], begin: int, stop: int) -> list[int]:
        """:meth:`matching` for patterns of which some have no required literal: one search of the joined
        lines for all patterns finds each candidate line."""
        if not patterns:
            return []
        combined = _combined(tuple(p.pattern for p in patterns))
        found = []
        line = begin
        while line < stop:
            match = combined.search(self.joined, self.starts[line])
            if match is None:
                break
            line = bisect_right(self.starts, match.start()) - 1
            if line >= stop:
                break
            if self.texts[line] and any(p.search(self.texts[line]) for p in patterns):
                found.append(line)
            line += 1
        return found

    def first(self, patterns: Sequence[re.Pattern[str]], begin: int = 0, stop: int | None = None) -> int | None:
        hits = self.matching(patterns, begin, stop)
        return hits[0] if hits else None

    def exact(self, keys: frozenset[str]) -> list[int]:
        """Indices of the lines that are one of ``keys`` (see :func:`~.model.line_key`)."""
        if not keys:
            return []
        longest = max(map(len, keys))
        return [
            i for i, text in enumerate(self.texts)
            if text and (len(text) <= longest or "  " in text or "\t" in text) and line_key(text) in keys
        ]


@cache
def _combined(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern finding what any of ``patterns`` finds, ``^``/``$`` at line ends. Patterns that cannot
    be joined (global inline flags, named backreferences) give a pattern matching every line start: each
    line is then checked against the patterns alone."""
    parts = [f"(?:{_NAMED_GROUP.sub('(', p)})" for p in patterns]
    try:
        return re.compile("|".join(parts), re.MULTILINE)
    except re.error:
        return re.compile("^", re.MULTILINE)


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _start(dump: DumpRules, page: _Page) -> int:
    after = page.first(dump.start_after)
    at = page.first(dump.start_at, 0, after)
    if at is not None:
        return at
    return after + 1 if after is not None else 0


def _end(dump: DumpRules, page: _Page, actions: list[Action | None], start: int) -> int:
    """The first end marker after some body-like line (at least ``min_words_before_end`` words)."""
    texts = page.texts
    checked = start  # lines before this one hold no body-like line
    for marker in page.matching(dump.end_before, start):
        if dump.min_words_before_end == 0:
            return marker
        for i in range(checked, marker):
            if actions[i] is None and len(texts[i].split()) >= dump.min_words_before_end:
                return marker
        checked = marker
    return len(texts)


def _skip(after: re.Pattern[str], until: re.Pattern[str], max_lines: int,
          page: _Page, actions: list[Action | None], start: int, end: int) -> None:
    """Drop the open lines between a line matching ``after`` and the next open one matching ``until``."""
    texts = page.texts
    for i in page.matching((after,), start, end):
        between: list[int] = []
        for j in range(i + 1, end):
            if not texts[j] or actions[j] is not None:
                continue
            if until.search(texts[j]):
                for k in between:
                    actions[k] = Action.SKIP
                break
            between.append(j)
            if len(between) >= max_lines:
                break


def _metadata(dump: DumpRules, page: _Page, actions: list[Action | None], end: int) -> RuleMeta:
    """Title, byline and date lines found by the rule's patterns (the first match of each before the end)."""
    texts = page.texts
    found: dict[str, str | None] = {}
    title_line = None
    meta_lines: set[int] = set()
    for action, pattern in ((Action.TITLE, dump.title), (Action.BYLINE, dump.byline), (Action.DATE, dump.date)):
        if pattern is None:
            continue
        for i in page.matching((pattern,), 0, end):
            match = pattern.search(texts[i])
            if match is None:
                continue
            groups = {k: v.strip() for k, v in match.groupdict().items() if v and v.strip()}
            if action is Action.TITLE:
                found["title"] = groups.get("title", texts[i])
                title_line = i
            else:
                found.setdefault("author", groups.get("author"))
                found.setdefault("dateline", groups.get("dateline"))
                date_text = groups.get("date", texts[i] if action is Action.DATE else None)
                if date_text and found.get("published") is None:
                    found["published"] = parse_date(date_text)
            meta_lines.add(i)
            actions[i] = action
            break
    return RuleMeta(
        title=found.get("title"),
        title_line=title_line,
        author=found.get("author"),
        dateline=found.get("dateline"),
        published=found.get("published"),
        meta_lines=frozenset(meta_lines),
    )
