"""Render kept blocks as Markdown: headings, list items, quotes, preformatted text and table rows."""

from __future__ import annotations

from collections.abc import Sequence

from .blocks import PageBlocks
from .vocab import BLOCK_KINDS, CONTEXT_TAGS

_HEADING_LEVEL = {BLOCK_KINDS.index(f"h{n}"): n for n in range(1, 7)}
_LI = BLOCK_KINDS.index("li")
_PRE = BLOCK_KINDS.index("pre")
_QUOTE = BLOCK_KINDS.index("blockquote")
_IN_QUOTE = 1 << CONTEXT_TAGS.index("blockquote")
_SPECIAL = str.maketrans({"|": "\\|"})


def render_markdown(blocks: PageBlocks, kept: Sequence[int], *, links: bool = False) -> str:
    """The kept blocks (indices, in reading order) as Markdown; consecutive rows form one table.
    ``links`` writes each link of a block as ``[text](href)``."""
    parts: list[str] = []
    table: list[list[str]] = []
    for i in kept:
        cells = blocks.cells.get(i)
        if cells is not None:
            table.append(cells)
            continue
        if table:
            parts.append(_table(table))
            table = []
        parts.append(_block(blocks, i, links))
    if table:
        parts.append(_table(table))
    return "\n\n".join(parts)


def _block(blocks: PageBlocks, i: int, links: bool) -> str:
    text = blocks.texts[i]
    if links:
        text = _with_links(text, blocks.links.get(i, ()))
    kind = int(blocks.kinds[i])
    if kind in _HEADING_LEVEL:
        return "#" * _HEADING_LEVEL[kind] + " " + text
    if kind == _PRE:
        return f"```\n{text}\n```"
    prefix = "- " if kind == _LI else ""
    if kind == _QUOTE or blocks.tags[i] & _IN_QUOTE:
        prefix = "> " + prefix
    return prefix + text


def _with_links(text: str, links: Sequence[tuple[str, str]]) -> str:
    """``text`` with the first unclaimed occurrence of each link's text written as a Markdown link."""
    out, rest = [], text
    for anchor, href in links:
        at = rest.find(anchor)
        if at < 0:
            continue
        target = href.replace(" ", "%20").replace(")", "%29")
        out.append(f"{rest[:at]}[{anchor}]({target})")
        rest = rest[at + len(anchor) :]
    return "".join(out) + rest


def _table(rows: list[list[str]]) -> str:
    width = max(len(row) for row in rows)
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.translate(_SPECIAL) for cell in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)
