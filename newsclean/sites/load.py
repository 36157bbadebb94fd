"""Rule files (TOML) read and validated into :class:`~.model.SiteRule` values.

A rule file has four tables, all optional but ``[rule]``::

    [rule]            name (required), description
    [match]           domains, urls, text, min_text, fallback
    [dump]            drop, drop_patterns, keep_patterns, start_after, start_at, end_before,
                      min_words_before_end, title, byline, date, and [[dump.skip]] tables (after, until, max_lines)
    [html]            root, remove, title, author, date (CSS or XPath selectors)

Anything else, a value of the wrong type or a regular expression that does not compile raises one
:class:`~.errors.RuleError` naming the file, the key and what was expected.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from .errors import RuleError
from .model import DumpRules, HtmlRules, Match, Selector, SelectorKind, SiteRule, Skip, line_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

T = TypeVar("T")

_KEYS = {
    "rule": ("name", "description"),
    "match": ("domains", "urls", "text", "min_text", "fallback"),
    "dump": (
        "drop", "drop_patterns", "keep_patterns", "start_after", "start_at", "end_before",
        "min_words_before_end", "skip", "title", "byline", "date",
    ),
    "html": ("root", "remove", "title", "author", "date"),
}
_SKIP_KEYS = ("after", "until", "max_lines")
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]\Z")
_XPATH_START = ("/", "./", "(")


def load_rule_file(path: str | Path) -> SiteRule:
    """Read and validate one rule file."""
    where = str(path)
    try:
        with open(where, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(where, None, f"valid TOML ({exc})") from exc
    except OSError as exc:
        raise RuleError(where, None, f"a readable file ({exc.strerror})") from exc
    return parse_rule(data, where)


def parse_rule(data: dict[str, Any], path: str) -> SiteRule:
    """Validate the parsed TOML of a rule file (``path`` names it in errors)."""
    read = _Reader(path)
    read.only(data, "", tuple(_KEYS))
    tables = {name: read.table(data, name) for name in _KEYS}
    for table_name, table in tables.items():
        read.only(table, table_name, _KEYS[table_name])
    if "rule" not in data:
        raise RuleError(path, "rule", "a [rule] table with a name")
    rule, match, dump, html = tables["rule"], tables["match"], tables["dump"], tables["html"]
    expected = "a rule name (lowercase letters, digits, '.', '_', '-')"
    name = read.value(rule, "rule.name", str, expected)
    if name is None or not _NAME.match(name):
        raise RuleError(path, "rule.name", expected, name)
    return SiteRule(
        name=name,
        path=path,
        description=read.value(rule, "rule.description", str, "a string") or "",
        match=_match(read, match),
        dump=_dump(read, dump),
        html=HtmlRules(
            root=read.selector(html, "html.root"),
            remove=tuple(read.each(html, "html.remove", read.selector_text)),
            title=read.selector(html, "html.title"),
            author=read.selector(html, "html.author"),
            date=read.selector(html, "html.date"),
        ),
    )


def _match(read: _Reader, table: dict[str, Any]) -> Match:
    domains = tuple(read.each(table, "match.domains", read.domain))
    # Searched in the whole page at once: ^ and $ are a line's ends.
    text = tuple(re.compile(p.pattern, re.MULTILINE) for p in read.patterns(table, "match.text"))
    min_text = read.value(table, "match.min_text", int, "a whole number >= 1")
    if min_text is not None and (min_text < 1 or min_text > max(len(text), 1)):
        expected = f"a whole number from 1 to the {len(text)} text patterns"
        raise RuleError(read.path, "match.min_text", expected, min_text)
    return Match(
        domains=domains,
        urls=tuple(read.patterns(table, "match.urls")),
        text=text,
        min_text=min_text or 1,
        fallback=bool(read.value(table, "match.fallback", bool, "true or false")),
    )


def _dump(read: _Reader, table: dict[str, Any]) -> DumpRules:
    min_words = read.value(table, "dump.min_words_before_end", int, "a whole number >= 0")
    if min_words is not None and min_words < 0:
        raise RuleError(read.path, "dump.min_words_before_end", "a whole number >= 0", min_words)
    return DumpRules(
        drop=frozenset(line_key(s) for s in read.each(table, "dump.drop", read.line)),
        drop_patterns=tuple(read.patterns(table, "dump.drop_patterns")),
        keep_patterns=tuple(read.patterns(table, "dump.keep_patterns")),
        start_after=tuple(read.patterns(table, "dump.start_after")),
        start_at=tuple(read.patterns(table, "dump.start_at")),
        end_before=tuple(read.patterns(table, "dump.end_before")),
        min_words_before_end=8 if min_words is None else min_words,
        skip=tuple(_skips(read, table)),
        title=read.pattern(table, "dump.title", group="title"),
        byline=read.pattern(table, "dump.byline"),
        date=read.pattern(table, "dump.date", group="date"),
    )


def _skips(read: _Reader, table: dict[str, Any]) -> Iterable[Skip]:
    items = table.get("skip", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise RuleError(read.path, "dump.skip", "an array of tables ([[dump.skip]] with after, until)", items)
    for k, item in enumerate(items):
        key = f"dump.skip[{k}]"
        read.only(item, key, _SKIP_KEYS)
        after, until = read.pattern(item, f"{key}.after"), read.pattern(item, f"{key}.until")
        if after is None or until is None:
            raise RuleError(read.path, f"{key}.{'after' if after is None else 'until'}", "a regular expression")
        max_lines = read.value(item, f"{key}.max_lines", int, "a whole number from 1 to 50")
        if max_lines is not None and not 1 <= max_lines <= 50:
            raise RuleError(read.path, f"{key}.max_lines", "a whole number from 1 to 50", max_lines)
        yield Skip(after, until, max_lines or 8)


class _Reader:
    """Typed reads from the tables of one file; every failure names the file and the dotted key."""

    def __init__(self, path: str) -> None:
        self.path = path

    def only(self, table: dict[str, Any], where: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                dotted = f"{where}.{key}" if where else key
                what = "table" if not where else "key"
                raise RuleError(self.path, dotted, f"a known {what} ({', '.join(allowed)})", key)

    def table(self, data: dict[str, Any], name: str) -> dict[str, Any]:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise RuleError(self.path, name, "a table", value)
        return value

    def value(self, table: dict[str, Any], key: str, kind: type[T], expected: str) -> T | None:
        value = table.get(key.rsplit(".", 1)[-1])
        if value is None:
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise RuleError(self.path, key, expected, value)
        return value

    def each(self, table: dict[str, Any], key: str, convert: Callable[[object, str], T]) -> list[T]:
        """A list of values, each checked by ``convert(value, key[k])``."""
        values = table.get(key.rsplit(".", 1)[-1], [])
        if not isinstance(values, list):
            raise RuleError(self.path, key, "an array", values)
        return [convert(v, f"{key}[{k}]") for k, v in enumerate(values)]

    def line(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise RuleError(self.path, key, "a non-empty line of text", value)
        return value

    def domain(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not _DOMAIN.match(value.lower().removeprefix("www.")):
            raise RuleError(self.path, key, "a host name such as example.com (no scheme, no path)", value)
        return value.lower().removeprefix("www.")

    def regex(self, value: object, key: str) -> re.Pattern[str]:
        if not isinstance(value, str) or not value:
            raise RuleError(self.path, key, "a regular expression (a non-empty string)", value)
        try:
            return re.compile(value)
        except re.error as exc:
            raise RuleError(self.path, key, f"a valid regular expression ({exc})", value) from exc

    def patterns(self, table: dict[str, Any], key: str) -> list[re.Pattern[str]]:
        return self.each(table, key, self.regex)

    def pattern(self, table: dict[str, Any], key: str, *, group: str | None = None) -> re.Pattern[str] | None:
        value = table.get(key.rsplit(".", 1)[-1])
        if value is None:
            return None
        compiled = self.regex(value, key)
        if group is not None and compiled.groupindex and group not in compiled.groupindex:
            raise RuleError(self.path, key, f"a regular expression whose named group is (?P<{group}>...)", value)
        return compiled

    def selector_text(self, value: object, key: str) -> Selector:
        if not isinstance(value, str) or not value.strip():
            raise RuleError(self.path, key, "a CSS or XPath selector (a non-empty string)", value)
        text = value.strip()
        kind = SelectorKind.XPATH if text.startswith(_XPATH_START) else SelectorKind.CSS
        problem = _selector_problem(text, kind)
        if problem:
            raise RuleError(self.path, key, f"a valid {kind.value.upper()} selector ({problem})", value)
        return Selector(text, kind)

    def selector(self, table: dict[str, Any], key: str) -> Selector | None:
        value = table.get(key.rsplit(".", 1)[-1])
        return None if value is None else self.selector_text(value, key)


def _selector_problem(text: str, kind: SelectorKind) -> str | None:
    """Why a selector does not parse, checked with lxml / cssselect when installed; else a bracket check."""
    if kind is SelectorKind.XPATH:
        try:
            from lxml import etree
        except ImportError:
            return _brackets(text)
        try:
            etree.XPath(text)
        except etree.XPathSyntaxError as exc:
            return str(exc)
        return None
    try:
        import cssselect
    except ImportError:
        return _brackets(text)
    try:
        cssselect.GenericTranslator().css_to_xpath(text)
    except cssselect.SelectorError as exc:
        return str(exc)
    return None


def _brackets(text: str) -> str | None:
    depth = {"[": 0, "(": 0}
    closing = {"]": "[", ")": "("}
    for char in text:
        if char in depth:
            depth[char] += 1
        elif char in closing:
            depth[closing[char]] -= 1
            if depth[closing[char]] < 0:
                return f"unbalanced {char!r}"
    open_ = [c for c, n in depth.items() if n]
    return f"unclosed {open_[0]!r}" if open_ else None
