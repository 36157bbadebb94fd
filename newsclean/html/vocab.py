"""Named vocabularies of the DOM: the tags that shape blocks and the class/id words that name page furniture.

Kept apart from the algorithm (as trafilatura keeps its XPaths in one module) so that they can be read and
reviewed as data. The class/id words are features of the block model, not rules: a ``related`` class
makes a block less likely to be body, the model decides how much.
"""

from __future__ import annotations

# Elements whose subtree never holds article text.
SKIPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
    "audio", "button", "input", "select", "textarea", "option", "datalist", "head", "link", "meta", "title",
    "base", "map", "area", "dialog", "source", "track", "picture",
})  # fmt: skip

# Elements that start and end a block of text (a line of the gold text).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
    "tfoot", "tr", "ul", "caption", "legend", "menu", "html",
})  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})  # joined by a space within their row

# The tag that owns a block, as one feature each; every other block tag counts as ``div``.
BLOCK_KINDS: tuple[str, ...] = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "pre",
                                "div", "figure", "dd", "dt", "td")
KIND_OF_TAG = {"figcaption": "figure", "th": "td", "table": "tr", "caption": "figure", "address": "p"}

# Ancestors by tag: being inside one of these is a feature.
CONTEXT_TAGS: tuple[str, ...] = ("nav", "aside", "footer", "header", "article", "main", "a", "form", "figure",
                                 "li", "table", "blockquote", "section", "h1", "h2", "h3", "time", "label")

# Class and id words (split on non-letters, lower case) by what they usually name.
CLASS_WORDS: dict[str, tuple[str, ...]] = {
    "navigation": ("nav", "navbar", "navigation", "menu", "menubar", "topbar", "breadcrumb", "breadcrumbs",
                   "pagination", "pager", "skip", "toc", "masthead"),
    "footer": ("footer", "foot", "copyright", "colophon", "bottom", "legal", "imprint"),
    "header": ("header", "head", "top", "banner", "branding", "logo"),
    "comment": ("comment", "comments", "discussion", "disqus", "respond", "reply", "replies", "kommentar",
                "kommentare"),
    "related": ("related", "recommended", "recommendation", "recommendations", "more", "teaser", "teasers",
                "trending", "popular", "most", "readmore", "also", "next", "prev", "previous", "outbrain",
                "taboola", "carousel", "slider", "feed", "latest", "headlines", "list", "listing", "cards",
                "card", "tile", "tiles", "grid", "archive"),
    "share": ("share", "sharing", "social", "sharedaddy", "addthis", "shariff", "facebook", "twitter",
              "whatsapp", "follow", "print", "email", "mail", "tools", "toolbar", "icons", "icon"),
    "newsletter": ("newsletter", "subscribe", "subscription", "signup", "register", "login", "paywall",
                   "cta", "donate", "membership"),
    "sidebar": ("sidebar", "side", "aside", "widget", "widgets", "rail", "column", "secondary", "complementary",
                "extra", "aux", "supplemental"),
    "ad": ("ad", "ads", "advert", "advertisement", "adsense", "adslot", "sponsor", "sponsored", "promo",
           "promotion", "partner", "commercial", "dfp", "gpt", "werbung", "anzeige", "marketing"),
    "byline": ("byline", "author", "authors", "writer", "by", "contributor", "vcard", "bio", "profile"),
    "caption": ("caption", "credit", "credits", "figcaption", "photo", "image", "img",
                "media", "gallery", "video", "thumbnail", "thumb"),
    "meta": ("meta", "date", "time", "timestamp", "published", "updated", "dateline", "info", "details",
             "category", "categories", "tag", "tags", "label", "labels", "kicker", "rubric", "topic", "topics",
             "keywords"),
    "popup": ("modal", "popup", "overlay", "cookie", "cookies", "consent", "gdpr", "notice", "alert",
              "hidden", "hide", "offscreen", "visually", "sr"),
    "content": ("article", "content", "post", "entry", "story", "body", "text", "main", "blog", "prose",
                "copy", "articlebody", "richtext", "page", "single", "paragraph", "news", "detail"),
    "title": ("title", "headline", "heading", "h1", "subtitle", "lead", "lede", "intro", "summary",
              "standfirst", "deck", "dek"),
}
CLASS_CATEGORIES: tuple[str, ...] = tuple(CLASS_WORDS)
# Stems found inside compound class words ("relatedposts", "commentlist", "sidebarwidget").
CLASS_STEMS: dict[str, tuple[str, ...]] = {
    "navigation": ("nav", "menu", "breadcrumb"),
    "footer": ("footer", "copyright"),
    "comment": ("comment", "disqus"),
    "related": ("related", "recommend", "trending", "popular", "teaser", "readmore"),
    "share": ("share", "social"),
    "newsletter": ("newsletter", "subscri", "signup", "paywall"),
    "sidebar": ("sidebar", "widget"),
    "ad": ("advert", "sponsor", "promo", "adslot", "adunit"),
    "byline": ("byline", "author"),
    "caption": ("caption", "credit"),
    "popup": ("cookie", "consent", "modal", "popup"),
    "content": ("article", "content", "storybody", "postbody", "entrycontent"),
    "title": ("headline", "title"),
}
