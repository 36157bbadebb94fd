"""Two optional compiled loops: the scan of the line features (``newsclean/classify/_scan.c``) and the
terminal widths of a dump's lines (``newsclean/text/_widths.c``).

Everything else is configured in ``pyproject.toml``. Both extensions are optional: where they cannot be
built (no compiler or Python headers), the install goes on and ``newsclean.classify.chars`` and
``newsclean.text.lines`` compute the same values with numpy and regular expressions.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("newsclean.classify._scan", ["newsclean/classify/_scan.c"], optional=True),
        Extension("newsclean.text._widths", ["newsclean/text/_widths.c"], optional=True),
    ]
)
