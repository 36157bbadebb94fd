"""The headline: a declared title (JSON-LD, Open Graph, Dublin Core...) or ``<title>`` without the site suffix.

``<title>`` usually reads "Headline | Site" (or "Site - Headline"); :func:`strip_site` removes the
site part when it names the site, or when it is a short segment after a long enough headline.
The page's only ``<h1>`` replaces ``<title>`` when ``<title>`` contains it (a section name or kicker
around the headline) or says little more than the site ("Home", "Blog | Site").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .jsonld import JsonLd

#: Separators between a headline and the site name in ``<title>``.
SEPARATORS = ("|", "-", "–", "—", "·", "::", "»", "/", "\\")
_SPLIT = re.compile(r"\s+(?:" + "|".join(re.escape(s) for s in SEPARATORS) + r")\s+")
_FLAT = re.compile(r"[\W_]+")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})

MIN_HEADLINE_WORDS = 3  # a stripped title shorter than this keeps its suffix
MAX_SITE_WORDS = 5  # a suffix longer than this is part of the headline
MAX_SITE_EXTRA = 12  # letters a segment may add to the site's name and still name the site


def flat(text: str) -> str:
    """Lowercase letters and digits only, German umlauts spelled out and accents dropped (as in host names).

    How titles and site names are compared: "Schweizer Jäger" names ``schweizerjaeger.ch``.
    """
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return _FLAT.sub("", "".join(c for c in text if not unicodedata.combining(c)))


def site_names(site: str | None, domain: str | None) -> frozenset[str]:
    """The flattened forms a site's name takes in titles: its declared name, its host, the host's main label."""
    names = {flat(site or ""), flat(domain or "")}
    if domain:
        labels = domain.split(".")
        names.add(flat(labels[-2] if len(labels) > 1 else labels[0]))
    names.discard("")
    return frozenset(names)


def names_site(part: str, names: frozenset[str]) -> bool:
    """Whether a title segment is the site's name: equal, part of it, or it plus a few letters ("Foo.com Blog").

    Names and segments of 3 characters or fewer must match exactly.
    """
    key = flat(part)
    return bool(key) and any(
        key == n or (len(key) > 3 and len(n) > 3 and (key in n or (n in key and len(key) <= len(n) + MAX_SITE_EXTRA)))
        for n in names
    )


def strip_site(title: str, names: frozenset[str], *, guess: bool = True) -> str:
    """``title`` without a leading or trailing segment naming the site.

    With ``guess`` a short last segment after a long enough headline goes too, site name or not
    (how ``<title>`` is built); without it only a segment that names the site does (declared titles).
    """
    parts = _SPLIT.split(title)
    if len(parts) < 2:
        return title
    if names_site(parts[-1], names):
        return _join(title, parts[:-1])
    if names_site(parts[0], names):
        return _join(title, parts[1:])
    if guess:
        head = _join(title, parts[:-1])
        if len(head.split()) >= MIN_HEADLINE_WORDS and len(parts[-1].split()) <= MAX_SITE_WORDS:
            return head
    return title


def _join(title: str, parts: Sequence[str]) -> str:
    """The span of ``title`` from the first to the last of ``parts`` (keeping the original separators)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(parts)


def _better_heading(heading: str | None, document: str, stripped: str, names: frozenset[str]) -> bool:
    if not heading or not flat(heading) or flat(heading) == flat(stripped):
        return False
    return flat(heading) in flat(document) or len(stripped.split()) == 1 or names_site(stripped, names)


def jsonld_titles(ld: JsonLd, document: str | None) -> list[str | None]:
    """The article node's ``headline`` and ``name``, the one closer to ``<title>`` first when they differ.

    Some sites put the site's name or a summary in one of the two.
    """
    if (
        ld.headline
        and ld.name
        and document
        and flat(ld.headline) != flat(ld.name)
        and similarity(ld.name, document) > similarity(ld.headline, document)
    ):
        return [ld.name, ld.headline]
    return [ld.headline, ld.name]


def similarity(a: str, b: str) -> float:
    """Share of ``a``'s words that ``b`` also has (lowercase)."""
    words = set(a.lower().split())
    return len(words & set(b.lower().split())) / len(words) if words else 0.0


def choose_title(
    declared: Sequence[str | None], document: str | None, h1: Sequence[str], site: str | None, domain: str | None
) -> str | None:
    """The first declared title, else ``<title>`` without the site part, checked against a single ``<h1>``."""
    names = site_names(site, domain)
    for title in declared:
        if title:
            return strip_site(title, names, guess=False)
    heading = h1[0] if len(h1) == 1 else None
    if document:
        stripped = strip_site(document, names)
        # The single h1 when <title> holds it, or when <title> says little more than the site ("Home").
        if _better_heading(heading, document, stripped, names):
            return heading
        return stripped
    return heading
