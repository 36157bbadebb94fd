"""Three optional compiled loops: the scan of the line features (``newsclean/classify/_scan.c``), the
terminal widths of a dump's lines (``newsclean/text/_widths.c``) and the words site rules need, looked
for in a page all at once (``newsclean/sites/_needles.c``).

Everything else is configured in ``pyproject.toml``. The extensions are optional: where they cannot be
built (no compiler or Python headers), the install goes on and ``newsclean.classify.chars``,
``newsclean.text.lines`` and ``newsclean.sites.literal`` compute the same values with numpy, regular
expressions and ``in``.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("newsclean.classify._scan", ["newsclean/classify/_scan.c"], optional=True),
        Extension("newsclean.text._widths", ["newsclean/text/_widths.c"], optional=True),
        Extension("newsclean.sites._needles", ["newsclean/sites/_needles.c"], optional=True),
    ]
)
