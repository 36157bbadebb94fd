"""``newsclean explain``: every line of a dump (or block of an HTML page, with its XPath) with its label,
score and reasons, then the record."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
from dataclasses import replace

from ..classify.decision import Label
from ..io import STDIN_SOURCE, Document, iter_documents
from ..options import Options
from ..record import Article
from ..run.dispatch import clean_items

log = logging.getLogger(__name__)

MAX_REASONS = 3  # reasons shown per line
REASONS_WIDTH = 40  # widest reasons column; longer reasons are cut
WHERE_WIDTH = 40  # widest XPath column; longer paths lose their start
_LABEL_WIDTH = max(len(label.value) for label in Label)
_FIELDS = ("title", "author", "published", "site", "language", "status", "reason")


def run_explain(args: argparse.Namespace, options: Options) -> int:
    """Print the decisions for every document in ``args.file``; 1 if it cannot be read."""
    options = replace(options, explain=True)
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    read = 0
    for item in iter_documents([args.file], stdin=getattr(sys.stdin, "buffer", None)):
        if not isinstance(item, Document):
            log.error("%s", item.error)
            continue
        if read:
            sys.stdout.write("\n")
        if item.source not in (args.file, STDIN_SOURCE):  # one of many: a directory or JSON lines
            sys.stdout.write(f"== {item.source}\n")
        (article,) = clean_items([item], options)
        sys.stdout.write(render(article, width=width))
        read += 1
    return 0 if read else 1


def render(article: Article, *, width: int | None = None) -> str:
    """The decisions as aligned columns, then the record's fields; table lines cut to ``width``."""
    rows = [
        (d.index + 1, d.label.value, d.score, ", ".join(d.reasons[:MAX_REASONS]), _printable(d.text), d.where)
        for d in article.decisions
    ]
    lines = []
    if rows:
        num_w = len(str(rows[-1][0]))
        why_w = max(len("reasons"), min(max(len(row[3]) for row in rows), REASONS_WIDTH))
        wheres = [row[5] for row in rows if row[5] is not None]
        where_w = max(len("xpath"), min(max(map(len, wheres)), WHERE_WIDTH)) if wheres else 0
        where_head = f"{'xpath':<{where_w}}  " if where_w else ""
        lines.append(f"{'#':>{num_w}}  {'label':<{_LABEL_WIDTH}}  score  {'reasons':<{why_w}}  {where_head}text")
        for number, label, score, reasons, text, where in rows:
            reasons = _cut(reasons, why_w)
            place = f"{_cut_start(where or '', where_w):<{where_w}}  " if where_w else ""
            row = f"{number:>{num_w}}  {label:<{_LABEL_WIDTH}}  {score:5.3f}  {reasons:<{why_w}}  {place}{text}"
            lines.append(row.rstrip())
        if width is not None:
            lines = [_cut(line, width) for line in lines]
        lines.append("")
    name_w = max(len(name) for name in _FIELDS) + 1
    for name in _FIELDS:
        value = getattr(article, name)
        lines.append(f"{name + ':':<{name_w}} {'-' if value is None else _printable(str(value))}")
    return "\n".join(lines) + "\n"


def _printable(text: str) -> str:
    """``text`` with tabs as spaces and other unprintable characters escaped, safe for a terminal."""
    if text.isprintable():
        return text
    return "".join(" " if char == "\t" else char if char.isprintable() else ascii(char)[1:-1] for char in text)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _cut_start(text: str, width: int) -> str:
    """``text`` cut to ``width`` from the left (an XPath's end says most)."""
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]
