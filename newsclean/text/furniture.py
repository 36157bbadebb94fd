"""Page furniture told from one line of text: menus, share bars, search boxes, captions and credits.

The vocabularies are the named tuples below, compiled once. The navigation phrases become one
alternation grouped by their first letter, so a line that opens with none of them is given up after a
look at its first letter instead of after every phrase in turn.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import filterfalse
from typing import TypeAlias

#: A short line of menu words has at most this many words.
MAX_MENU_WORDS = 8
#: Share of a short line's words (fillers aside) that must be menu words.
MIN_MENU_SHARE = 0.6

#: Openings of page furniture that is never a headline (navigation, captions, teasers, forms).
NAV_PHRASES: tuple[str, ...] = (
    r"connect with us", r"skip to", r"toggle navigation", r"menu",
    r"search", r"(?:latest|breaking|top) news$", r"trending", r"related (?:posts|articles|stories|news)",
    r"you (?:may|might) also like", r"read (?:also|more|next)", r"also read", r"see also", r"click (?:here|to)",
    r"(?:photo|image|picture)s? (?:from|by|credit|courtesy)", r"watch(?: the)? video", r"sign (?:in|up)",
    r"(?:reviewed|edited|fact[- ]checked|illustrations?|photos?|video) by", r"log ?(?:in|out)", r"subscribe",
    r"newsletter", r"follow us", r"share (?:this|on|via|to)", r"leave a (?:reply|comment)", r"comments?$",
    r"advertisement", r"cookies?", r"privacy policy", r"terms of (?:use|service)", r"all rights reserved",
    r"copyright", r"from wikipedia", r"filed (?:to|under)", r"(?:topics?|tags?|themen|schlagw(?:o|ö)rter?):",
    r"do not track", r"stay logged in", r"go to", r"lesen sie (?:auch|mehr)", r"mehr zum thema", r"startseite",
    r"anmelden", r"weiterlesen", r"kommentare?$", r"noch keine kommentare", r"werbung", r"anzeige$",
    r"zum inhalt", r"suchen nach", r"willkommen", r"continue reading", r"mehr lesen",
)  # fmt: skip
#: Questions of search boxes, after a greeting or at the start ("Hi, what are you looking for?").
NAV_QUESTIONS: tuple[str, ...] = ("what are you looking for",)
#: Words of share bars and menus: a short line made mostly of these is not a headline.
NAV_WORDS: frozenset[str] = frozenset(
    {"share", "shares", "tweet", "twitter", "facebook", "whatsapp", "messenger", "pinterest", "reddit",
     "pocket", "flipboard", "linkedin", "xing", "telegram", "email", "e-mail", "mail", "print", "embed",
     "more", "videos", "video", "comments", "comment", "save", "copy", "link", "menu", "search", "home",
     "login", "logout", "register", "subscribe", "follow", "rss", "feed", "close", "permalink", "teilen",
     "drucken", "mehr", "kommentare", "speichern", "merken", "kopieren", "menü", "suche", "abonnieren",
     "folgen", "schließen"}
)  # fmt: skip
#: Words that neither make nor break a line of NAV_WORDS ("Share to Twitter", "Share this with Email").
NAV_FILLERS: frozenset[str] = frozenset({"to", "this", "with", "on", "via", "the", "per", "auf", "and", "und"})
#: Words of a credit in brackets, matched in lowercase: "(Photo: ...)", "(Quelle: dpa)".
CAPTION_BRACKET_WORDS: tuple[str, ...] = ("photo", "foto", "bild", "image", "credit", "quelle", "source")
#: Labels of a caption or credit before a colon, matched in lowercase: "Photo: ...", "Bildquelle: ...".
CAPTION_LABELS: tuple[str, ...] = (
    "photo", "photos", "foto", "fotos", "bild", "bilds", "image", "images", "credit", "credits", "quelle",
    "bildquelle",
)  # fmt: skip
#: Picture agencies after a slash in a credit, matched in lowercase: "AP/Reuters".
CAPTION_AGENCIES: tuple[str, ...] = ("reuters", "afp", "ap", "dpa", "epa", "getty", "istock")
#: Names of picture agencies and the copyright sign: a line that holds one is a credit.
CAPTION_WORDS: tuple[str, ...] = (
    "©",
    "getty images",
    "shutterstock",
    "istockphoto",
    "imago images",
    "picture alliance",
)
#: Marks that stand between words as tokens of their own and are not words ("US & Canada").
LONE_MARKS = "&-\N{EN DASH}—|·•/+"


_Trie: TypeAlias = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """One pattern for plain ``words`` that shares their openings: ``v(?:on|erfasst\\ von)``."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: _Trie) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(sorted(phrases, key=len, reverse=True))


def _by_first_letter(phrases: Sequence[str]) -> str:
    """One alternation of ``phrases`` (regular expressions, each one alternative), grouped by first letter.

    A phrase that opens with a plain letter joins the group of that letter; any other stays on its own.
    """
    groups: defaultdict[str, list[str]] = defaultdict(list)
    others = []
    for phrase in phrases:
        if phrase[:1].isalpha() and phrase[1:2] not in ("?", "*", "+", "{"):
            groups[phrase[0]].append(phrase[1:])
        else:
            others.append(phrase)
    grouped = [f"{letter}(?:{_alternation(rest)})" for letter, rest in sorted(groups.items())]
    return "|".join(grouped + others)


_NOT_A_LETTER_NEXT = r"(?![a-zäöüß])"
_NAV = re.compile(r"\W*(?:" + _by_first_letter(NAV_PHRASES) + ")" + _NOT_A_LETTER_NEXT, re.IGNORECASE)
_NAV_QUESTION = re.compile("(?:" + _alternation(NAV_QUESTIONS) + ")" + _NOT_A_LETTER_NEXT, re.IGNORECASE)
#: What may stand before a search box's question: marks, then words, spaces and commas.
_BEFORE_QUESTION = re.compile(r"\W*[\w ,]*")
#: Anything but spaces and the ASCII letters that case-insensitive matching pairs only with their own
#: capitals: it also pairs i, k and s with ı or İ, the Kelvin sign and the long s, which lowercase to
#: other letters.
_LOOSE = re.compile("[^abcdefghjlmnopqrtuvwxyz ]+")
#: A part of each question that a line holding it holds in lowercase: its longest run of the others.
_QUESTION_PARTS = tuple({max(_LOOSE.split(question.lower()), key=len) for question in NAV_QUESTIONS})
# Each caption pattern opens with the character it needs, which the regex engine skips to. The labels
# come before a colon, so they are looked for from the colon, in the reversed line.
_CAPTION_BRACKET = re.compile(r"\((?:" + _alternation(CAPTION_BRACKET_WORDS) + r")\b")
_CAPTION_AGENCY = re.compile(r"/(?:" + _alternation(CAPTION_AGENCIES) + r")\b")
_CAPTION_LABEL_REVERSED = re.compile(r":\s*(?:" + _alternation([w[::-1] for w in CAPTION_LABELS]) + r")\b")
#: Any of :data:`NAV_WORDS` inside a line: a line without one has no menu word (a cheap test first).
_NAV_WORD_INSIDE = re.compile(trie_pattern(sorted(NAV_WORDS)))
_WORD = re.compile(r"[^\W_]+(?:['\N{RIGHT SINGLE QUOTATION MARK}.-][^\W_]+)*")
_MARKS = frozenset(LONE_MARKS)


def word_count(text: str) -> int:
    """Words, not counting marks that stand alone: ``US & Canada`` has two."""
    return len(text.split()) - lone_marks(text.split(" "))


def has_fewer_words(text: str, n: int) -> bool:
    """Whether ``text`` has fewer than ``n`` words (:func:`word_count`).

    The words after a space only add to the count, so an opening that already has ``n`` settles it.
    """
    cut = text.find(" ", 8 * n)
    if cut > 0 and word_count(text[:cut]) >= n:
        return False
    return word_count(text) < n


def lone_marks(tokens: list[str]) -> int:
    """How many of the tokens of a line split at its spaces are marks that stand alone."""
    return 0 if _MARKS.isdisjoint(tokens) else sum(map(_MARKS.__contains__, tokens))


def is_nav(text: str, low: str) -> bool:
    """Whether a line (``low``: the line in lowercase) is navigation, a search box or a share bar."""
    if _NAV.match(text) is not None:
        return True
    if (
        any(map(low.__contains__, _QUESTION_PARTS))
        and (question := _NAV_QUESTION.search(text)) is not None
        and _BEFORE_QUESTION.fullmatch(text, 0, question.start()) is not None
    ):
        return True
    if text.count(" ") >= MAX_MENU_WORDS or _NAV_WORD_INSIDE.search(low) is None:
        return False
    words = _WORD.findall(low)
    if len(words) > MAX_MENU_WORDS or NAV_WORDS.isdisjoint(words):
        return False
    counted = list(filterfalse(NAV_FILLERS.__contains__, words))
    return sum(map(NAV_WORDS.__contains__, counted)) >= MIN_MENU_SHARE * len(counted)


def is_caption(low: str) -> bool:
    """Whether a line (in lowercase) is a photo caption or a picture credit."""
    return (
        any(map(low.__contains__, CAPTION_WORDS))
        or ("(" in low and _CAPTION_BRACKET.search(low) is not None)
        or ("/" in low and _CAPTION_AGENCY.search(low) is not None)
        or (":" in low and _CAPTION_LABEL_REVERSED.search(low[::-1]) is not None)
    )
