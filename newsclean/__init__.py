"""newsclean: turn messy news pages into clean article records.

>>> import newsclean
>>> article = newsclean.clean_text(open("page.txt").read())  # doctest: +SKIP
>>> article = newsclean.clean_html(open("page.html", "rb").read(), url="https://example.com/a")  # doctest: +SKIP
>>> article.title, article.text  # doctest: +SKIP
"""

from __future__ import annotations

import logging

from .classify.decision import Label, LineDecision
from .clean import clean_text, clean_texts
from .errors import InputError, ModelError, NewscleanError, OptionsError
from .html.extract import clean_html
from .options import Options
from .record import Article, Extractor, Status

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Extractor",
    "InputError",
    "Label",
    "LineDecision",
    "ModelError",
    "NewscleanError",
    "Options",
    "OptionsError",
    "Status",
    "__version__",
    "clean_html",
    "clean_text",
    "clean_texts",
]
