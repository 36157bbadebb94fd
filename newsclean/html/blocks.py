"""The DOM as blocks: paragraph-level units of text in reading order, each with where it sits in the tree.

One pass over the document, without recursion. A block ends wherever a block-level element
(:data:`~.vocab.BLOCK_TAGS`) starts or ends and at every ``<br>``, so blocks line up with the lines of a gold
text rendered one line per block element. Skipped subtrees (scripts, forms controls, hidden elements)
contribute nothing but their tail text.

Alongside the blocks the pass keeps, per element in document order, its parent, the last element of its
subtree and how much prose it holds, from which :mod:`.features` finds the page's main container.

The pass is an optional C loop over libxml2's tree (``_walk.c``, built against the headers of the lxml it
runs with; used only when the running lxml is that version and the root is an element of an HTML document);
otherwise, and for what the C loop cannot reproduce exactly, the same blocks come from ``lxml.etree.iterwalk``
in Python (:func:`_python_walk`). Both give the same :class:`PageBlocks`; a test compares them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import lxml.etree as etree
import numpy as np

from . import jsonld_body
from .jsonld_body import collect
from .vocab import (
    BLOCK_KINDS,
    BLOCK_TAGS,
    CELL_TAGS,
    CLASS_CATEGORIES,
    CLASS_STEMS,
    CLASS_WORDS,
    CONTEXT_TAGS,
    KIND_OF_TAG,
    SKIPPED_TAGS,
)

_KIND_INDEX = {kind: i for i, kind in enumerate(BLOCK_KINDS)}
_DIV_KIND = _KIND_INDEX["div"]
_BLOCK_KIND = {tag: _KIND_INDEX.get(KIND_OF_TAG.get(tag, tag), _DIV_KIND) for tag in BLOCK_TAGS}  # block tag -> kind
_TAG_BIT = {tag: 1 << i for i, tag in enumerate(CONTEXT_TAGS)}
_WORD_BITS: dict[str, int] = {}
for _bit, _category in enumerate(CLASS_CATEGORIES):
    for _word in CLASS_WORDS[_category]:
        _WORD_BITS[_word] = _WORD_BITS.get(_word, 0) | (1 << _bit)
_STEMS = [(stem, 1 << CLASS_CATEGORIES.index(category)) for category, stems in CLASS_STEMS.items() for stem in stems]
_WORD_SPLIT = re.compile(r"[^a-z]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PROSE_MIN_CHARS = 25  # a block's prose weight is its non-link characters beyond this
_CHECK_EVERY = 4096  # elements between looks at the clock when there is a deadline
_CELL = "\ue000"  # marks where a table cell starts while a row's text is gathered (private use)


@dataclass(frozen=True, slots=True)
class PageBlocks:
    """The blocks of one page (parallel sequences, one entry per block) and the element tables."""

    texts: list[str]
    cells: dict[int, list[str]]  # the cells of table-row blocks with more than one cell
    links: dict[int, list[tuple[str, str]]]  # (text, href) of the links in a block, for Markdown
    kinds: np.ndarray  # index into BLOCK_KINDS of the tag that owns the block
    link_chars: np.ndarray  # characters of the block inside <a>
    classes: np.ndarray  # bit i: an ancestor's class or id names CLASS_CATEGORIES[i]
    near_classes: np.ndarray  # the same, for the owning element and its parent only
    tags: np.ndarray  # bit i: inside a CONTEXT_TAGS[i] element
    depth: np.ndarray  # element depth of the owner
    owner: np.ndarray  # document-order number of the owning element
    elements: list[etree._Element]  # the owning element (for XPaths in explanations)
    parent: np.ndarray  # per element: its parent's number (-1 for the root)
    last: np.ndarray  # per element: number of the last element in its subtree
    prose: np.ndarray  # per element: prose characters in its subtree
    jsonld: list[str]  # JSON-LD scripts of the page that mention articleBody (:mod:`.jsonld_body`)

    def __len__(self) -> int:
        return len(self.texts)


_WORD_MASKS: dict[str, int] = {}  # class/id word -> category bits, filled as words are met
_MAX_CACHED_WORDS = 100_000


def _word_mask(word: str) -> int:
    bits = _WORD_BITS.get(word)
    if bits is None:
        bits = 0
        if len(word) > 4:
            for stem, bit in _STEMS:
                if stem in word:
                    bits |= bit
    if len(_WORD_MASKS) >= _MAX_CACHED_WORDS:
        _WORD_MASKS.clear()
    _WORD_MASKS[word] = bits
    return bits


_STRING_MASKS: dict[str, int] = {}  # whole class/id strings: they repeat within a page (menu items, cards)


def class_mask(words: str) -> int:
    """Category bits named by a class and id string (words split on non-letters, lower case)."""
    mask = _STRING_MASKS.get(words)
    if mask is not None:
        return mask
    mask = 0
    cached = _WORD_MASKS.get
    for word in _WORD_SPLIT.split(words.lower()):
        if word:
            bits = cached(word)
            mask |= _word_mask(word) if bits is None else bits
    if len(_STRING_MASKS) >= _MAX_CACHED_WORDS:
        _STRING_MASKS.clear()
    _STRING_MASKS[words] = mask
    return mask


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


class BudgetExceeded(Exception):
    """The page took longer than its time budget."""


def page_blocks(root: etree._Element, *, deadline: float | None = None, compiled: bool = True) -> PageBlocks:
    """Split the document under ``root`` into blocks (see the module docstring).

    ``deadline`` (a :func:`time.monotonic` value) raises :class:`BudgetExceeded` once passed. ``compiled=False``
    walks in Python even where the C walk is available.
    """
    if compiled and _compiled_walk is not None and isinstance(root, etree._Element):
        fields = _compiled_walk(root, deadline)
        if fields is not None:
            return _from_compiled(fields)
    return _python_walk(root, deadline)


# The dtypes of PageBlocks' array fields, for both walks.
_ARRAY_DTYPES = {
    "kinds": np.int8,
    "link_chars": np.int32,
    "classes": np.int64,
    "near_classes": np.int64,
    "tags": np.int64,
    "depth": np.int16,
    "owner": np.int32,
    "parent": np.int32,
    "last": np.int32,
    "prose": np.int64,
}


def _from_compiled(fields: tuple) -> PageBlocks:
    (texts, cells, links, kinds, link_chars, classes, near, tags, depth, owner, elements, parent, last, prose,
     jsonld) = fields  # fmt: skip
    columns = (kinds, link_chars, classes, near, tags, depth, owner, parent, last, prose)
    return _assemble(texts, cells, links, elements, jsonld, columns, np.frombuffer)


def _assemble(
    texts: list[str],
    cells: dict[int, list[str]],
    links: dict[int, list[tuple[str, str]]],
    elements: list[etree._Element],
    jsonld: list[str],
    columns: tuple,
    to_array: Callable[..., np.ndarray],
) -> PageBlocks:
    """PageBlocks from either walk: ``columns`` in the order of :data:`_ARRAY_DTYPES`, each made an array by
    ``to_array(column, dtype=...)`` (``np.frombuffer`` for the C walk's bytes, ``np.array`` for lists)."""
    named = zip(_ARRAY_DTYPES.items(), columns, strict=True)
    arrays = {name: to_array(column, dtype=dtype) for (name, dtype), column in named}
    return PageBlocks(texts=texts, cells=cells, links=links, elements=elements, jsonld=jsonld, **arrays)


def _python_walk(root: etree._Element, deadline: float | None) -> PageBlocks:
    """:func:`page_blocks` with ``lxml.etree.iterwalk``."""
    texts: list[str] = []
    cells: dict[int, list[str]] = {}
    block_links: dict[int, list[tuple[str, str]]] = {}
    pending_links: list[tuple[str, str]] = []
    link_start, link_href = 0, ""
    kinds: list[int] = []
    links: list[int] = []
    classes: list[int] = []
    near: list[int] = []
    tag_bits: list[int] = []
    depths: list[int] = []
    owners: list[int] = []
    elements: list[etree._Element] = []
    parent: list[int] = []
    last: list[int] = []
    prose: list[int] = []
    jsonld: list[str] = []

    pieces: list[str] = []
    link_pieces: list[str] = []
    # One entry per open element: (number, class bits, own class bits, tag bits, kind, is a block, element)
    stack: list[tuple[int, int, int, int, int, bool, etree._Element]] = []
    block_stack: list[int] = []  # stack indexes of the open block elements
    link_depth = 0
    skipped_depth = 0

    def flush() -> None:
        text = " ".join("".join(pieces).split())
        pieces.clear()
        if not text:  # whitespace between blocks, the most common case
            link_pieces.clear()
            pending_links.clear()
            return
        link_text = " ".join(link_pieces)
        link_pieces.clear()
        if pending_links:
            block_links[len(texts)] = pending_links.copy()
            pending_links.clear()
        if _CELL in text:
            row = [cell for cell in (c.strip() for c in text.split(_CELL)) if cell]
            text = " ".join(row)
            if len(row) > 1:
                cells[len(texts)] = row
        if not text:
            return
        at = block_stack[-1] if block_stack else len(stack) - 1
        number, cls, own, tbits, kind, _, owner = stack[at]
        near_cls = own | (stack[at - 1][2] if at else 0)
        texts.append(text)
        link_count = min(len(" ".join(link_text.split())), len(text))
        links.append(link_count)
        classes.append(cls)
        near.append(near_cls)
        tag_bits.append(tbits)
        kinds.append(kind)
        depths.append(len(block_stack))
        owners.append(number)
        elements.append(owner)
        weight = len(text) - link_count - _PROSE_MIN_CHARS
        if weight > 0:
            prose[number] += weight

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if skipped_depth:
                continue
            if tag in SKIPPED_TAGS or not isinstance(tag, str) or _hidden(el):
                if tag == "script" or tag == "head":
                    collect(el, jsonld)
                walker.skip_subtree()
                skipped_depth = 1  # the end event of this element comes next
                continue
            number = len(parent)
            if deadline is not None and number % _CHECK_EVERY == 0 and time.monotonic() > deadline:
                raise BudgetExceeded
            parent.append(stack[-1][0] if stack else -1)
            last.append(number)
            prose.append(0)
            cls_attr, id_attr = el.get("class"), el.get("id")
            own = class_mask(f"{cls_attr or ''} {id_attr or ''}") if (cls_attr or id_attr) else 0
            if stack:
                _, up_cls, _, up_tags, up_kind, _, _ = stack[-1]
            else:
                up_cls = up_tags = 0
                up_kind = _DIV_KIND
            kind = _BLOCK_KIND.get(tag)
            is_block = kind is not None
            if kind is None:
                kind = up_kind
            if tag in CELL_TAGS:
                pieces.append(_CELL)
            elif pieces and (is_block or tag == "br"):
                flush()
            stack.append((number, up_cls | own, own, up_tags | _TAG_BIT.get(tag, 0), kind, is_block, el))
            if is_block:
                block_stack.append(len(stack) - 1)
            if tag == "a":
                if not link_depth:
                    link_start, link_href = len(link_pieces), el.get("href") or ""
                link_depth += 1
            text = el.text
            if text:
                pieces.append(text)
                if link_depth:
                    link_pieces.append(text)
        else:
            if skipped_depth:
                skipped_depth = 0
            else:
                number, _, _, _, _, is_block, _ = stack[-1]
                if is_block:
                    if pieces:
                        flush()
                    block_stack.pop()
                if tag == "a":
                    link_depth -= 1
                    if not link_depth and link_href and link_start <= len(link_pieces):
                        anchor = " ".join("".join(link_pieces[link_start:]).split())
                        if anchor:
                            pending_links.append((anchor, link_href))
                stack.pop()
                last[number] = len(parent) - 1
                if number and (weight := prose[number]):
                    prose[parent[number]] += weight
            tail = el.tail
            if tail and stack:
                pieces.append(tail)
                if link_depth:
                    link_pieces.append(tail)
    if pieces:
        flush()
    columns = (kinds, links, classes, near, tag_bits, depths, owners, parent, last, prose)
    return _assemble(texts, cells, block_links, elements, jsonld, columns, np.array)


_TAG_SKIP, _TAG_COLLECT, _TAG_HEAD, _TAG_CELL, _TAG_BR, _TAG_A = 1, 2, 4, 8, 16, 32  # as in _walk.c


def _compiled_tag_table() -> dict[str, tuple[int, int, int]]:
    """Tag name -> (flags, block kind or -1, context tag bit) for every tag the walk treats apart."""
    table = {}
    for tag in SKIPPED_TAGS | BLOCK_TAGS | CELL_TAGS | set(CONTEXT_TAGS) | {"br", "a", "script", "head"}:
        flags = (
            (_TAG_SKIP if tag in SKIPPED_TAGS else 0)
            | (_TAG_COLLECT if tag in ("script", "head") else 0)
            | (_TAG_HEAD if tag == "head" else 0)
            | (_TAG_CELL if tag in CELL_TAGS else 0)
            | (_TAG_BR if tag == "br" else 0)
            | (_TAG_A if tag == "a" else 0)
        )
        table[tag] = (flags, _BLOCK_KIND.get(tag, -1), _TAG_BIT.get(tag, 0))
    return table


def _load_compiled_walk() -> Callable[[etree._Element, float | None], tuple | None] | None:
    """The C walk, when it was built against the running lxml and libxml2 (it reads their structures)."""
    try:
        from . import _walk  # type: ignore[attr-defined]
    except ImportError:
        return None
    libxml = tuple(int(part) for part in _walk.LIBXML_VERSION.split("."))
    if etree.__version__ != _walk.LXML_VERSION or libxml != etree.LIBXML_COMPILED_VERSION[:3]:
        return None
    try:
        _walk.configure(
            _compiled_tag_table(), _DIV_KIND, _WORD_BITS, _STEMS, jsonld_body.collect, BudgetExceeded, time.monotonic,
            _PROSE_MIN_CHARS, _CHECK_EVERY,
        )  # fmt: skip
    except (ImportError, TypeError, ValueError):  # lxml's C API is not the one the module was built with
        return None
    walk: Callable[[etree._Element, float | None], tuple | None] = _walk.walk
    return walk


_compiled_walk = _load_compiled_walk()
