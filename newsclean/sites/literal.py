"""The longest plain substring every match of a regular expression contains: a fast ``in`` test before the
pattern is searched (most pages hold none of a rule's words)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

try:
    from ._needles import present as _compiled_present  # optional compiled pass (setup.py)
except ImportError:  # not built: one ``in`` per needle gives the same answer
    _compiled_present = None

MAX_COMPILED_NEEDLES = 64  # the compiled pass answers for up to this many needles (bits of one int)

_META = set(".^$*+?{}[]()|")
_QUANTIFIERS = set("*+?{")
_ESCAPED_LITERALS = set(".^$*+?{}[]()|\\/-'\"@#&%!,:;<=>~` ")


@cache
def required_literal(pattern: str) -> str | None:
    """A substring of at least three characters found in every match of ``pattern``, or ``None`` when
    none can be read off simply (alternation at the top, inline flags, character classes around it)."""
    if "|" in _top_level(pattern) or (pattern.startswith("(?") and not pattern.startswith("(?:")):
        return None
    runs: list[str] = []
    current: list[str] = []
    depth = 0
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt in _ESCAPED_LITERALS and depth == 0:
                current.append(nxt)
            else:
                _flush(runs, current)
            i += 2
            continue
        if char == "[":
            _flush(runs, current)
            close = pattern.find("]", i + 2)
            i = close + 1 if close != -1 else len(pattern)
            continue
        if char in _QUANTIFIERS:
            if current and char in "*?{":
                current.pop()  # the last character may be absent
            _flush(runs, current)
            if char == "{":
                close = pattern.find("}", i)
                i = close + 1 if close != -1 else len(pattern)
                continue
        elif char == "(":
            _flush(runs, current)
            depth += 1
        elif char == ")":
            _flush(runs, current)
            depth -= 1
        elif char in _META:
            _flush(runs, current)
        elif depth == 0:
            current.append(char)
        i += 1
    _flush(runs, current)
    best = max(runs, key=len, default="")
    return best if len(best) >= 3 else None


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when ``pattern`` cannot match in ``text`` (its required literal is absent); else true."""
    search = _literal_search(pattern.pattern)
    return search is None or search(text) is not None


def may_match_any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    """``any(may_match(p, text) for p in patterns)`` in one pass over ``text`` (see :func:`present`)."""
    literals = _required_literals(patterns)
    return literals is None or present(text, literals, first=True) != 0


def may_match_unprepared(pattern: re.Pattern[str], dump: str) -> bool:
    """False when ``pattern`` cannot match in the prepared text of ``dump``. Preparing a dump changes
    whitespace (line breaks normalised, wrapped lines joined with one space) and blanks some lines, adding
    no other character, so every whitespace-free piece of the required literal of a match in the prepared
    text is in the dump as it came."""
    return all(piece in dump for piece in _pieces(pattern.pattern))


def may_match_enough(pattern_sets: tuple[tuple[tuple[re.Pattern[str], ...], int], ...], dump: str) -> bool:
    """Whether, for one of ``pattern_sets`` (patterns and how many of them must match), that many of its
    patterns :func:`may_match_unprepared` in ``dump`` (see :func:`enough_matcher`)."""
    return enough_matcher(pattern_sets)(dump)


@dataclass(frozen=True, slots=True)
class EnoughMatcher:
    """:func:`may_match_enough` for given pattern sets, made once (:func:`enough_matcher`) and called once
    per page. The longest piece of every pattern is looked for in one pass over a dump (see
    :func:`present`); a pattern's other pieces only when that one is found."""

    leads: tuple[str, ...]  # the distinct longest pieces
    # per set: per pattern the index of its longest piece in ``leads`` (-1: none, it may always match) and
    # its other pieces; with how many patterns must match
    sets: tuple[tuple[tuple[tuple[int, tuple[str, ...]], ...], int], ...]

    def __call__(self, dump: str) -> bool:
        found = present(dump, self.leads)
        return any(
            sum(1 for bit, rest in patterns if bit < 0 or (found >> bit & 1 and all(p in dump for p in rest))) >= need
            for patterns, need in self.sets
        )


@cache
def enough_matcher(pattern_sets: tuple[tuple[tuple[re.Pattern[str], ...], int], ...]) -> EnoughMatcher:
    """The :class:`EnoughMatcher` of ``pattern_sets`` (patterns and how many of them must match)."""
    index: dict[str, int] = {}
    sets = []
    for patterns, need in pattern_sets:
        described = []
        for pattern in patterns:
            pieces = _pieces(pattern.pattern)
            bit = index.setdefault(pieces[0], len(index)) if pieces else -1
            described.append((bit, pieces[1:]))
        sets.append((tuple(described), need))
    return EnoughMatcher(tuple(index), tuple(sets))


def present(text: str, needles: Sequence[str], *, first: bool = False, compiled: bool = True) -> int:
    """Bit ``i`` set when ``needles[i]`` is in ``text``, in one pass over ``text`` where the compiled loop
    is built (``compiled``). With ``first`` the answer may hold only the first needle found: it is then
    non-zero exactly when one of them is in ``text``."""
    needles = tuple(needles)
    if compiled and _compiled_present is not None and len(needles) <= MAX_COMPILED_NEEDLES:
        return int(_compiled_present(text, needles, first))
    found = 0
    for i, needle in enumerate(needles):
        if needle in text:
            found |= 1 << i
            if first:
                break
    return found


_Search = Callable[[str], "re.Match[str] | None"]


def _searcher(literal: str) -> _Search:
    """A search for ``literal``: the regular-expression engine scans for a plain prefix about a third
    faster than ``in`` does over text with characters beyond Latin-1."""
    return re.compile(re.escape(literal)).search


@cache
def _literal_search(pattern: str) -> _Search | None:
    literal = required_literal(pattern)
    return _searcher(literal) if literal is not None else None


@cache
def _required_literals(patterns: tuple[re.Pattern[str], ...]) -> tuple[str, ...] | None:
    """The required literal of each of ``patterns`` (``None`` when one has none: it may always match)."""
    literals = tuple(required_literal(pattern.pattern) for pattern in patterns)
    return None if None in literals else literals  # type: ignore[return-value]


@cache
def _pieces(pattern: str) -> tuple[str, ...]:
    """The whitespace-free pieces of the required literal of ``pattern``, longest first (the rarer words
    are tested first, so that a page without them costs one search)."""
    literal = required_literal(pattern)
    return tuple(sorted(literal.split(), key=len, reverse=True)) if literal is not None else ()


def _flush(runs: list[str], current: list[str]) -> None:
    if current:
        runs.append("".join(current))
        current.clear()


def _top_level(pattern: str) -> str:
    """The characters of ``pattern`` outside groups and classes (escapes dropped)."""
    out = []
    depth = 0
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
        i += 1
    return "".join(out)
