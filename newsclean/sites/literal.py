"""The longest plain substring every match of a regular expression contains: a fast ``in`` test before the
pattern is searched (most pages hold none of a rule's words)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

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
    """``any(may_match(p, text) for p in patterns)`` with fewer passes over ``text``: the required literals
    that open with the same character are searched as one alternation, whose common opening the
    regular-expression engine scans for alone."""
    searches = _grouped_searches(patterns)
    return searches is None or any(search(text) is not None for search in searches)


def may_match_unprepared(pattern: re.Pattern[str], dump: str) -> bool:
    """False when ``pattern`` cannot match in the prepared text of ``dump``. Preparing a dump changes
    whitespace (line breaks normalised, wrapped lines joined with one space) and blanks some lines, adding
    no other character, so every whitespace-free piece of the required literal of a match in the prepared
    text is in the dump as it came."""
    return all(search(dump) is not None for search in _piece_searches(pattern.pattern))


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
def _grouped_searches(patterns: tuple[re.Pattern[str], ...]) -> tuple[_Search, ...] | None:
    """Searches that together find whether one of the required literals of ``patterns`` is in a text, one
    per first character (``None`` when a pattern has no required literal: it may always match)."""
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        literal = required_literal(pattern.pattern)
        if literal is None:
            return None
        groups.setdefault(literal[0], []).append(literal)
    return tuple(re.compile("|".join(map(re.escape, literals))).search for literals in groups.values())


@cache
def _piece_searches(pattern: str) -> tuple[_Search, ...]:
    """Searches for the whitespace-free pieces of the required literal of ``pattern``, longest first (the
    rarer words are tested first, so that a page without them costs one search)."""
    literal = required_literal(pattern)
    pieces = sorted(literal.split(), key=len, reverse=True) if literal is not None else []
    return tuple(map(_searcher, pieces))


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
