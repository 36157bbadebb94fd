"""Learning a site's template from several of its pages: lines on many pages are furniture.

:func:`learn_rule` counts each line's fingerprint (:func:`~.memory.fingerprint`) once per page; a line on
at least ``min_share`` of the pages (and on two or more) is template. From where the template lines lie
around each page's own lines it also finds the line that most often opens the article (``start_after``) and
the one that ends it (``end_before``), and a few long template lines that identify the site in dumps without
a URL. :func:`rule_toml` writes the result as a rule file a person can read and edit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..text.lines import prepare
from .memory import fingerprint

#: A start or end marker must sit at the edge of the page's own lines on this share of the pages.
MARKER_SHARE = 0.8
#: Text fingerprints written into ``[match]``.
MAX_FINGERPRINTS = 3
_SPECIAL = re.compile(r"([.^$*+?{}\[\]\\|()])")
_DIGIT_RUN = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class LearnedTemplate:
    """What :func:`learn_rule` found: template lines (as written on the first page that had them) with the
    number of pages they are on, the markers, and the fingerprints for ``[match]``."""

    name: str
    pages: int
    template: tuple[tuple[str, int], ...]  # (line, pages) for lines not covered by the markers
    covered: int  # template lines left out because the markers drop them on every page
    start_after: str | None = None
    end_before: str | None = None
    fingerprints: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    html_remove: tuple[str, ...] = ()  # CSS selectors of template elements (see :mod:`.learn_html`)


def learn_rule(
    pages: Sequence[str], *, name: str = "learned", domains: Sequence[str] = (), min_share: float = 0.5
) -> LearnedTemplate:
    """Learn the template shared by ``pages`` (plain-text dumps of one site)."""
    page_lines = [[line.strip() for line in prepare(text)[0].split("\n")] for text in pages]
    page_keys = [[fingerprint(line) if line else "" for line in lines] for lines in page_lines]
    counts: Counter[str] = Counter()
    first_form: dict[str, str] = {}
    forms: dict[str, set[str]] = {}
    for lines, keys in zip(page_lines, page_keys, strict=True):
        for line, key in zip(lines, keys, strict=True):
            if key:
                first_form.setdefault(key, line)
                forms.setdefault(key, set()).add(line)
        counts.update({k for k in keys if k})
    need = max(2, min_share * len(pages))
    template = {k for k, c in counts.items() if c >= need}
    start, end = _markers(page_keys, template)
    covered = _covered(page_keys, template, start, end)
    kept = sorted(template - covered - {start, end}, key=lambda k: (-counts[k], first_form[k]))
    shown = [(_written(first_form[k], forms[k]), counts[k]) for k in kept]
    return LearnedTemplate(
        name=name,
        pages=len(pages),
        template=tuple(shown),
        covered=len(covered),
        start_after=_anchored(first_form[start], forms[start]) if start else None,
        end_before=_anchored(first_form[end], forms[end]) if end else None,
        fingerprints=_fingerprints(template, counts, first_form, forms, len(pages)),
        domains=tuple(domains),
    )


def _markers(page_keys: list[list[str]], template: set[str]) -> tuple[str | None, str | None]:
    """The template lines just before and just after each page's own lines, when they agree on most pages
    and never occur inside the page's own lines."""
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    spans: list[tuple[int, int] | None] = []
    for keys in page_keys:
        own = [i for i, k in enumerate(keys) if k and k not in template]
        if not own:
            spans.append(None)
            continue
        first, last = own[0], own[-1]
        spans.append((first, last))
        if opening := next((keys[i] for i in range(first - 1, -1, -1) if keys[i]), None):
            before[opening] += 1
        if closing := next((keys[i] for i in range(last + 1, len(keys)) if keys[i]), None):
            after[closing] += 1

    def agreed(counter: Counter[str], inside: str) -> str | None:
        for key, count in counter.most_common(3):
            if count < MARKER_SHARE * len(page_keys):
                return None
            clash = any(
                span is not None and key in (keys[span[1] + 1:] if inside == "before" else keys[: span[0]])
                for keys, span in zip(page_keys, spans, strict=True)
            )
            if not clash:
                return key
        return None

    return agreed(before, "before"), agreed(after, "after")


def _covered(page_keys: list[list[str]], template: set[str], start: str | None, end: str | None) -> set[str]:
    """Template lines that lie before the start marker or after the end marker on every page they are on."""
    outside: dict[str, bool] = {}
    for keys in page_keys:
        s = keys.index(start) if start in keys else -1
        e = keys.index(end) if end in keys else len(keys)
        for i, key in enumerate(keys):
            if key in template:
                outside[key] = outside.get(key, True) and (i <= s or i >= e)
    return {k for k, out in outside.items() if out and k not in (start, end)}


def _fingerprints(template: set[str], counts: Counter[str], first_form: dict[str, str],
                  forms: dict[str, set[str]], n_pages: int) -> tuple[str, ...]:
    """The longest template lines found on every page (at least three words): the site's signature."""
    everywhere = [k for k in template if counts[k] == n_pages and len(k.split()) >= 3]
    best = sorted(everywhere, key=lambda k: (-len(k), k))[:MAX_FINGERPRINTS]
    return tuple(_anchored(first_form[k], forms[k]) for k in best)


def _written(line: str, forms: set[str]) -> str:
    """The line for ``drop`` when it is always written the same, else an anchored pattern."""
    return line if len(forms) == 1 else _anchored(line, forms)


def _anchored(line: str, forms: set[str]) -> str:
    """A pattern for the whole line; digit runs become ``\\d+`` when the pages write different numbers."""
    escaped = _SPECIAL.sub(r"\\\1", line)
    if len(forms) > 1:
        escaped = _DIGIT_RUN.sub(r"\\d+", escaped)
    return f"^{escaped}$"


def _toml_string(value: str) -> str:
    """A TOML literal string when possible (no escapes to read), else a basic one."""
    if "'" not in value and "\n" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def rule_toml(learned: LearnedTemplate) -> str:
    """The learned template as a rule file (see :mod:`.load` for the format)."""
    out = [
        "[rule]",
        f"name = {_toml_string(learned.name)}",
        f"description = {_toml_string(f'Learned from {learned.pages} pages: lines on most of them are template.')}",
        "",
        "[match]",
    ]
    if learned.domains:
        out.append("domains = [" + ", ".join(_toml_string(d) for d in learned.domains) + "]")
    if learned.fingerprints:
        out.append("text = [")
        out.extend(f"    {_toml_string(p)}," for p in learned.fingerprints)
        out.append("]")
        out.append(f"min_text = {min(2, len(learned.fingerprints))}")
    if learned.html_remove:
        out += ["", "[html]", "remove = ["]
        out.extend(f"    {_toml_string(selector)}," for selector in learned.html_remove)
        out.append("]")
    if not (learned.start_after or learned.end_before or learned.template):
        return "\n".join(out) + "\n"
    out += ["", "[dump]"]
    if learned.start_after:
        out.append(f"start_after = [{_toml_string(learned.start_after)}]")
    if learned.end_before:
        out.append(f"end_before = [{_toml_string(learned.end_before)}]")
        out.append("# The end marker never came before the article on the pages learned from.")
        out.append("min_words_before_end = 0")
    if learned.covered:
        out.append(f"# {learned.covered} more template lines lie outside these markers on every page.")
    drops = [(line, n) for line, n in learned.template if not line.startswith("^")]
    patterns = [(line, n) for line, n in learned.template if line.startswith("^")]
    for key, items in (("drop", drops), ("drop_patterns", patterns)):
        if items:
            out.append(f"{key} = [")
            out.extend(f"    {_toml_string(line)},  # on {n} of {learned.pages} pages" for line, n in items)
            out.append("]")
    return "\n".join(out) + "\n"
